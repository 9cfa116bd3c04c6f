import type * as vscode from 'vscode';
import type { ActionDef, Category } from '../../catalog/types';
import type { Prompter } from '../../platform/prompter';

export interface ActionItem extends vscode.QuickPickItem { action?: ActionDef }

/** vscode.QuickPickItemKind.Separator, written out so the list can be built (and tested) without loading vscode. */
const SEPARATOR = -1 as vscode.QuickPickItemKind;

/** Icon that says what running the action does to Gong's data. */
export function effectIcon(a: ActionDef): string {
  if (a.destructive) return '$(warning)';
  if (!a.readOnly) return '$(edit)';
  return '$(eye)';
}

/** Actions listed first under their own heading (e.g. those that take the call the run was started from). */
export interface PreferredActions { heading: string; ids: ReadonlySet<string> }

function itemFor(a: ActionDef): ActionItem {
  const effect = a.destructive ? 'destroys data' : a.readOnly ? 'read' : 'writes';
  return {
    // Deprecated by Gong: still runnable, but said in the label so nobody picks it by accident.
    label: `${effectIcon(a)} ${a.title}${a.deprecated ? ' (deprecated)' : ''}`,
    description: `${a.method} ${a.path} · ${effect}${a.deprecated ? ' · deprecated by Gong' : ''}`,
    detail: `${a.id} · ${a.aliases.join(' · ')}`,
    action: a,
  };
}

/** Quick pick rows: one separator per category, actions by title, searchable by method, path, id and seed slugs. */
export function actionItems(actions: readonly ActionDef[], preferred?: PreferredActions): ActionItem[] {
  const byCategory = new Map<Category, ActionDef[]>();
  const items: ActionItem[] = [];
  const first = preferred ? actions.filter(a => preferred.ids.has(a.id)) : [];
  if (preferred && first.length > 0) {
    items.push({ label: preferred.heading, kind: SEPARATOR });
    for (const a of [...first].sort((x, y) => x.title.localeCompare(y.title))) items.push(itemFor(a));
  }
  for (const a of actions) {
    if (first.includes(a)) continue;
    const list = byCategory.get(a.category) ?? [];
    list.push(a);
    byCategory.set(a.category, list);
  }
  for (const [category, list] of [...byCategory.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    items.push({ label: category, kind: SEPARATOR });
    for (const a of [...list].sort((x, y) => x.title.localeCompare(y.title))) items.push(itemFor(a));
  }
  return items;
}

/** Asks which action to run; undefined when cancelled. */
export async function pickAction(prompter: Prompter, actions: readonly ActionDef[], preferred?: PreferredActions): Promise<ActionDef | undefined> {
  const picked = await prompter.pick(actionItems(actions, preferred), {
    title: 'Gong: Run Action',
    placeholder: 'Search by name, path (/v2/calls) or seed slug (GONG_…)',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked === undefined || typeof picked === 'symbol') return undefined;
  return picked.action;
}
