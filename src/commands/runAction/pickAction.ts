import * as vscode from 'vscode';
import type { ActionDef, Category } from '../../catalog/types';
import type { Prompter } from '../../platform/prompter';

interface ActionItem extends vscode.QuickPickItem { action?: ActionDef }

/** Icon that says what running the action does to Gong's data. */
export function effectIcon(a: ActionDef): string {
  if (a.destructive) return '$(warning)';
  if (!a.readOnly) return '$(edit)';
  return '$(eye)';
}

/** Quick pick rows: one separator per category, actions by title, searchable by method, path, id and seed slugs. */
export function actionItems(actions: readonly ActionDef[]): ActionItem[] {
  const byCategory = new Map<Category, ActionDef[]>();
  for (const a of actions) {
    const list = byCategory.get(a.category) ?? [];
    list.push(a);
    byCategory.set(a.category, list);
  }
  const items: ActionItem[] = [];
  for (const [category, list] of [...byCategory.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    items.push({ label: category, kind: vscode.QuickPickItemKind.Separator });
    for (const a of [...list].sort((x, y) => x.title.localeCompare(y.title))) {
      const effect = a.destructive ? 'destroys data' : a.readOnly ? 'read' : 'writes';
      items.push({
        label: `${effectIcon(a)} ${a.title}`,
        description: `${a.method} ${a.path} · ${effect}`,
        detail: `${a.id} · ${a.aliases.join(' · ')}`,
        action: a,
      });
    }
  }
  return items;
}

/** Asks which action to run; undefined when cancelled. */
export async function pickAction(prompter: Prompter, actions: readonly ActionDef[]): Promise<ActionDef | undefined> {
  const picked = await prompter.pick(actionItems(actions), {
    title: 'Gong: Run Action',
    placeholder: 'Search by name, path (/v2/calls) or seed slug (GONG_…)',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked === undefined || typeof picked === 'symbol') return undefined;
  return picked.action;
}
