/**
 * The pure tree model behind the sidebar views. Nodes carry everything a VS Code TreeItem needs
 * (id, label, icon, contextValue, ...) as plain data, so the trees run and are tested in plain Node;
 * src/views/ only maps them onto TreeItems.
 */
import { oneLine } from '../shared/safeText';

export type Collapsible = 'none' | 'collapsed' | 'expanded';

/** The kinds of Gong objects a row can stand for. */
export type ItemKind =
  | 'workspace' | 'user' | 'folder' | 'libraryCall' | 'call' | 'day'
  | 'flowFolder' | 'flow' | 'tracker' | 'keyword' | 'scorecard' | 'question';

/** What a row stands for in Gong: its exact id, the raw object (for Copy as JSON), a web link. */
export interface NodeItem {
  kind: ItemKind;
  gongId: string;
  /** The object exactly as Gong returned it. */
  json: unknown;
  /** A web-app link Gong gave for the object, if any. */
  url?: string;
  /** The call id when the row is a call (library calls and calls list). */
  callId?: string;
}

/** The special rows that are not Gong objects. */
export type RowAction =
  | { kind: 'loadMore'; run: (signal?: AbortSignal) => Promise<void> }
  | { kind: 'retry'; run: () => void }
  | { kind: 'signIn' }
  | { kind: 'clearFilter'; run: () => void }
  | { kind: 'prompt'; what: 'callsRange' | 'flowOwner' };

/**
 * A row's hover card: what the row is, in a few labelled lines, to decide whether to open it. All
 * text is shown as plain text (Gong's text may look like Markdown or HTML; it is never rendered).
 */
export interface RowTooltip {
  /** The first line, in bold. */
  title: string;
  /** `Label: text` lines, in order; empty texts are left out. */
  fields: ReadonlyArray<readonly [label: string, text: string | undefined]>;
  /** A longer passage (a call's brief, a library note), after the fields. */
  body?: string;
  /** Small print at the end (the object's kind and id). */
  footer?: string;
}

/** Longest passage shown in a hover card; the rest is in the call page. */
export const TOOLTIP_BODY_MAX = 600;

/** A hover card as plain text: the tooltip where rich text is not available (and what tests read). */
export function tooltipText(t: RowTooltip): string {
  return [
    t.title,
    ...t.fields.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}: ${v as string}`),
    t.body !== undefined && t.body !== '' ? clip(t.body, TOOLTIP_BODY_MAX) : undefined,
    t.footer,
  ].filter((x): x is string => x !== undefined && x !== '').join('\n');
}

/**
 * Gong text as Markdown that renders exactly that text: every ASCII punctuation character is
 * backslash-escaped (CommonMark allows it for all of them), so `*`, `[x](y)`, `<b>`, `&amp;`,
 * `#` and bare links stay literal, and line breaks become spaces (one card line per field).
 */
export function escapeMarkdownText(text: string): string {
  // One bounded line with direction controls as visible markers ([RLO]), as in labels and panels.
  return oneLine(text, TOOLTIP_LINE_MAX).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** The longest line of Gong text in a hover card (a title or field; the body is clipped before). */
const TOOLTIP_LINE_MAX = 1000;

/**
 * A hover card as Markdown, for a MarkdownString that is neither trusted nor allows HTML: only the
 * card's own labels are Markdown; every text from Gong goes through `escapeMarkdownText`.
 */
export function tooltipMarkdown(t: RowTooltip): string {
  const parts = [`**${escapeMarkdownText(t.title)}**`];
  const fields = t.fields.filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${escapeMarkdownText(k)}: ${escapeMarkdownText(v as string)}`);
  // Two trailing spaces: one field per line within one paragraph.
  if (fields.length > 0) parts.push(fields.join('  \n'));
  if (t.body !== undefined && t.body !== '') parts.push(escapeMarkdownText(clip(t.body, TOOLTIP_BODY_MAX)));
  if (t.footer) parts.push(`_${escapeMarkdownText(t.footer)}_`);
  return parts.join('\n\n');
}

/** At most `max` characters, cut at a word and ended with an ellipsis. */
export function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export interface TreeNode {
  /** Stable: built from the parent's id and the Gong id, so expansion survives refresh. */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  /** The rich hover card; `tooltip` holds the same as plain text. */
  readonly tip?: RowTooltip;
  /**
   * A fuller hover card that needs Gong (a call's parties and brief), fetched when the person
   * hovers the row; rejects or gives undefined to keep `tip`.
   */
  readonly resolveTip?: (signal?: AbortSignal) => Promise<RowTooltip | undefined>;
  /** A codicon id, e.g. `person`. */
  readonly icon?: string;
  /** A theme colour id for the icon, e.g. `disabledForeground`. */
  readonly iconColor?: string;
  /** Sorted, space-separated tokens; menus match them with `viewItem =~ /\btoken\b/`. */
  readonly contextValue?: string;
  readonly collapsible: Collapsible;
  readonly parent?: TreeNode;
  readonly item?: NodeItem;
  /** Clicking the row runs this (load more, retry, sign in, clear filter, change a setting). */
  readonly action?: RowAction;
  /** Lower-case text the view filter matches against. */
  readonly searchText?: string;
  /** Loads the children; errors are turned into error rows by the view model. */
  readonly children?: (signal?: AbortSignal) => Promise<TreeNode[]>;
  /** For containers: whether any already-loaded descendant matches the filter (no network). */
  readonly hasLoadedMatch?: (filter: string) => boolean;
}

/** A contextValue from tokens: sorted and de-duplicated so menu `when` clauses stay simple. */
export function contextValue(...tokens: Array<string | false | undefined>): string {
  return [...new Set(tokens.filter((t): t is string => typeof t === 'string' && t.length > 0))].sort().join(' ');
}

/** Child id from the parent's id; `/` in Gong ids cannot occur (they are digits) but is escaped anyway. */
export function childId(parentId: string, kind: string, key: string): string {
  return `${parentId}/${kind}:${key.replace(/\//g, '%2F')}`;
}

const nf = new Intl.NumberFormat('en-US');
/** `2314` -> `2,314`. */
export function formatCount(n: number): string {
  return nf.format(n);
}

/** "just now", "5 min ago", "2 h ago", "3 days ago". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 45) return 'just now';
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  return d === 1 ? '1 day ago' : `${d} days ago`;
}

/** Case-insensitive match of the filter against a row. */
export function matchesFilter(node: TreeNode, filter: string): boolean {
  if (!filter) return true;
  const f = filter.toLowerCase();
  return (node.searchText ?? node.label.toLowerCase()).includes(f) || (node.hasLoadedMatch?.(f) ?? false);
}

/** Reads a string field from an unknown object; numbers and bigints (lossless ids) become strings. */
export function str(o: unknown, key: string): string | undefined {
  if (typeof o !== 'object' || o === null) return undefined;
  const v = (o as Record<string, unknown>)[key];
  if (typeof v === 'string') return v === 'null' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}

/** Reads an array field from an unknown object. */
export function arr(o: unknown, key: string): unknown[] {
  if (typeof o !== 'object' || o === null) return [];
  const v = (o as Record<string, unknown>)[key];
  return Array.isArray(v) ? v : [];
}

/** Reads a boolean field from an unknown object. */
export function bool(o: unknown, key: string): boolean | undefined {
  if (typeof o !== 'object' || o === null) return undefined;
  const v = (o as Record<string, unknown>)[key];
  return typeof v === 'boolean' ? v : undefined;
}
