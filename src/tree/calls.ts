/**
 * Calls: one date range (a preset or custom) shown as its days, newest first. Gong lists calls
 * oldest first and has no sort parameter, so paging the whole range would show the oldest days
 * first; instead each day row fetches its own calls (with its own paging) when expanded.
 */
import type { GongApi } from '../gong/types';
import { ViewModel } from './model';
import { arr, childId, contextValue, formatAge, formatCount, str, tooltipText, type RowTooltip, type TreeNode } from './node';
import { PagedSource } from '../data/index';

export type RangePreset = 'last7' | 'last30' | 'custom';

export interface CallsRange {
  preset: RangePreset;
  /** Inclusive start, ISO-8601. */
  from: string;
  /** Exclusive end, ISO-8601. */
  to: string;
}

const DAY = 86_400_000;

/** The range a preset means at a given moment: the last N days up to now. */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, now: number): CallsRange {
  const days = preset === 'last7' ? 7 : 30;
  return { preset, from: new Date(now - days * DAY).toISOString(), to: new Date(now).toISOString() };
}

/**
 * A custom range from two dates (`YYYY-MM-DD`, inclusive both ends as people say it) or returns a
 * message naming what is wrong.
 */
export function customRange(fromDay: string, toDay: string): CallsRange | string {
  const re = /^\d{4}-\d{2}-\d{2}$/;
  if (!re.test(fromDay)) return `"${fromDay}" is not a date like 2026-01-31`;
  if (!re.test(toDay)) return `"${toDay}" is not a date like 2026-01-31`;
  if (Number.isNaN(Date.parse(`${fromDay}T00:00:00Z`))) return `"${fromDay}" is not a real date`;
  if (Number.isNaN(Date.parse(`${toDay}T00:00:00Z`))) return `"${toDay}" is not a real date`;
  // Days as the person means them: local midnights, like the day rows.
  const local = (d: string, plus = 0) => { const [y, m, dd] = d.split('-').map(Number); return new Date(y ?? 0, (m ?? 1) - 1, (dd ?? 1) + plus).getTime(); };
  const from = local(fromDay);
  if (local(toDay) < from) return 'The end date is before the start date';
  // Gong's toDateTime is exclusive: end at the start of the day after the last day asked for.
  return { preset: 'custom', from: new Date(from).toISOString(), to: new Date(local(toDay, 1)).toISOString() };
}

/** How a range reads in the view. */
export function rangeLabel(r: CallsRange): string {
  if (r.preset === 'last7') return 'Last 7 days';
  if (r.preset === 'last30') return 'Last 30 days';
  return `${localKey(new Date(Date.parse(r.from)))} to ${localKey(new Date(Date.parse(r.to) - 1))}`;
}

/** The calendar day of a Gong timestamp, in the offset Gong wrote it with (the company's time zone). */
export function dayOf(iso: string | undefined): string {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : 'unknown';
}

/** At most this many day rows: a range of years would otherwise build thousands of rows. */
export const MAX_DAYS = 400;

/** One calendar day of the range, in the local time zone, clipped to the range. */
export interface RangeDay {
  /** `YYYY-MM-DD` in the local time zone. */
  day: string;
  /** Inclusive start, ISO-8601 (the later of local midnight and the range start). */
  from: string;
  /** Exclusive end, ISO-8601 (the earlier of the next local midnight and the range end). */
  to: string;
}

function localKey(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The days of a range, newest first, in the local time zone (the person's calendar, not UTC),
 * at most `max` of them. Computed locally: no request is needed to know which days to show.
 */
export function rangeDays(r: CallsRange, max = MAX_DAYS): RangeDay[] {
  const from = Date.parse(r.from);
  const to = Date.parse(r.to);
  const out: RangeDay[] = [];
  if (Number.isNaN(from) || Number.isNaN(to) || to <= from) return out;
  const last = new Date(to - 1);
  let day = new Date(last.getFullYear(), last.getMonth(), last.getDate());
  for (let i = 0; i < max; i++) {
    const start = day.getTime();
    const end = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1).getTime();
    if (end <= from) break;
    out.push({ day: localKey(day), from: new Date(Math.max(start, from)).toISOString(), to: new Date(Math.min(end, to)).toISOString() });
    if (start <= from) break;
    day = new Date(day.getFullYear(), day.getMonth(), day.getDate() - 1);
  }
  return out;
}

function dayLabel(day: string): string {
  const t = Date.parse(`${day}T12:00:00Z`);
  if (Number.isNaN(t)) return 'Unknown date';
  return new Date(t).toLocaleDateString('en-US', { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

function minutes(sec: unknown): string | undefined {
  return typeof sec === 'number' ? `${Math.max(1, Math.round(sec / 60))} min` : undefined;
}

/** What a call's hover card knows beyond the calls list: who took part and Gong's brief. */
export interface CallSummary {
  company: string[];
  external: string[];
  brief?: string;
}

/** A call's parties and brief from one `calls[]` element of /v2/calls/extensive. */
export function callSummary(call: unknown): CallSummary {
  const company: string[] = [];
  const external: string[] = [];
  for (const p of arr(call, 'parties')) {
    const name = str(p, 'name') || str(p, 'emailAddress');
    if (!name) continue;
    const title = str(p, 'title');
    const who = title ? `${name} (${title})` : name;
    (str(p, 'affiliation') === 'Internal' ? company : external).push(who);
  }
  const content = typeof call === 'object' && call !== null ? (call as Record<string, unknown>).content : undefined;
  const brief = str(content, 'brief')?.trim();
  return brief ? { company, external, brief } : { company, external };
}

/** Names, at most `max` of them, then "and N more". */
function names(list: readonly string[], max = 6): string | undefined {
  if (list.length === 0) return undefined;
  return list.length <= max ? list.join(', ') : `${list.slice(0, max).join(', ')} and ${list.length - max} more`;
}

export class CallsModel extends ViewModel {
  protected override readonly directory = false;
  private current: CallsRange;
  /** Hover-card data per profile and call id, fetched on hover for up to 100 loaded calls at once. */
  private readonly summaries = new Map<string, Map<string, CallSummary>>();
  private readonly summaryRequests = new Map<string, Promise<void>>();

  constructor(...args: ConstructorParameters<typeof ViewModel>) {
    super(...args);
    this.current = presetRange('last7', this.now);
  }

  get range(): CallsRange { return this.current; }

  /** Changes the range: the loaded pages belong to the old range and are dropped. */
  setRange(r: CallsRange): void {
    this.current = r;
    const profile = this.host.profile();
    if (profile !== undefined) for (const s of this.cache.sources(profile, this.viewId)) if (s instanceof PagedSource) s.reset();
    this.fire(undefined);
  }

  override refresh(node?: TreeNode): void {
    // A call row comes from its day's list: refreshing it refetches that day, not the whole range.
    if (node?.item?.kind === 'call' && node.parent?.contextValue === 'day') { super.refresh(node.parent); return; }
    // A preset means "up to now": refreshing the view moves the window to the present.
    if (!node && this.current.preset !== 'custom') this.current = presetRange(this.current.preset, this.now);
    super.refresh(node);
  }

  override description(): string | undefined {
    const profile = this.host.profile();
    const at = profile !== undefined ? this.cache.oldestFetch(profile, this.viewId) : undefined;
    return at === undefined ? rangeLabel(this.current) : `${rangeLabel(this.current)} · updated ${formatAge(this.now - at)}`;
  }

  /** The days of the current range, newest first. */
  days(): RangeDay[] { return rangeDays(this.current); }

  /** The loaded calls of the active profile's days, newest day first (no network). */
  loadedCalls(): readonly unknown[] {
    const profile = this.host.profile();
    if (!this.host.api() || profile === undefined) return [];
    return this.days().flatMap(d => this.loaded(profile, d.day));
  }

  private loaded(profile: string, day: string): readonly unknown[] {
    const s = this.cache.sources(profile, this.sourceKey(day))[0];
    return s instanceof PagedSource ? s.items : [];
  }

  private sourceKey(day: string): string { return `${childId(this.viewId, 'day', day)}/calls`; }

  /**
   * One source per profile and day. It reads the day's bounds from the current range on every
   * page, so a refresh of a preset fetches the moved window (today grows up to now).
   */
  private source(profile: string, day: string): PagedSource<unknown> {
    return this.data.paged(profile, this.sourceKey(day), 'calls', () => {
      const d = this.days().find(x => x.day === day);
      return d ? { fromDateTime: d.from, toDateTime: d.to } : undefined;
    });
  }

  protected async roots(_api: GongApi, profile: string): Promise<TreeNode[]> {
    const days = this.days();
    const rangeRow: TreeNode = {
      id: `${this.viewId}/range`,
      label: rangeLabel(this.current),
      // No call count: days load on their own, after this row is drawn, so a count would be stale.
      description: `${formatCount(days.length)} day${days.length === 1 ? '' : 's'} · click to change`,
      tooltip: `Calls from ${this.current.from} up to ${this.current.to}, newest day first. Expand a day to load its calls. Click to choose another range.`,
      icon: 'calendar',
      contextValue: 'rangeRow',
      collapsible: 'none',
      action: { kind: 'prompt', what: 'callsRange' },
    };
    const rows: TreeNode[] = [rangeRow, ...days.map((d, i) => this.dayNode(profile, d, i === 0))];
    if (days.length === 0) {
      rows.push({ id: `${this.viewId}/empty`, label: 'No days in this range', icon: 'info', collapsible: 'none', contextValue: 'emptyRow' });
    }
    return rows;
  }

  private dayNode(profile: string, d: RangeDay, newest: boolean): TreeNode {
    const nodeId = childId(this.viewId, 'day', d.day);
    const source = this.source(profile, d.day);
    const sorted = () => [...source.items].sort((a, b) => startedAt(b) - startedAt(a));
    const text = (c: unknown) => `${str(c, 'title') ?? ''} ${str(c, 'id') ?? ''}`.toLowerCase();
    const count = source.items.length;
    const description = !source.isLoaded && count === 0 ? undefined
      : source.hasMore && source.total !== undefined ? `${formatCount(count)} of ${formatCount(source.total)} calls`
        : `${formatCount(count)} call${count === 1 ? '' : 's'}`;
    const node: TreeNode = {
      id: nodeId,
      label: dayLabel(d.day),
      description,
      tooltip: `Calls from ${d.from} up to ${d.to}`,
      icon: 'calendar',
      contextValue: 'day',
      // The newest day opens by itself so the latest calls show without a click.
      collapsible: newest ? 'expanded' : 'collapsed',
      // The day's bounds let commands fetch all of its calls; callIds are the ones loaded here.
      item: { kind: 'day', gongId: d.day, json: { day: d.day, fromDateTime: d.from, toDateTime: d.to, callIds: sorted().map(c => str(c, 'id')) } },
      searchText: d.day,
      hasLoadedMatch: f => source.items.some(c => text(c).includes(f)),
      children: async s => {
        await source.ensure(s);
        const calls = sorted();
        const ids = calls.map(c => str(c, 'id')).filter((x): x is string => !!x);
        const rows = calls.map(c => this.callNode(node, c, profile, ids));
        if (rows.length === 0) rows.push({ id: `${nodeId}/empty`, label: 'No calls', icon: 'info', collapsible: 'none', contextValue: 'emptyRow', parent: node });
        if (source.hasMore) rows.push(this.loadMoreRow(node, source));
        return rows;
      },
    };
    return node;
  }

  private callNode(parent: TreeNode, c: unknown, profile: string, dayIds: readonly string[]): TreeNode {
    const id = str(c, 'id') ?? '';
    const title = str(c, 'title') || `Call ${id}`;
    const started = str(c, 'started') ?? str(c, 'scheduled');
    const time = started && /T(\d{2}:\d{2})/.exec(started)?.[1];
    const url = str(c, 'url');
    const media = str(c, 'media');
    const direction = str(c, 'direction');
    const tip = this.callTip(c, this.summaries.get(profile)?.get(id));
    return {
      id: childId(parent.id, 'call', id),
      label: title,
      description: [time, minutes((c as { duration?: unknown }).duration), direction].filter(Boolean).join(' · ') || undefined,
      tooltip: tooltipText(tip),
      tip,
      resolveTip: async signal => {
        await this.loadSummaries(profile, id, dayIds, signal);
        const summary = this.summaries.get(profile)?.get(id);
        return summary ? this.callTip(c, summary) : undefined;
      },
      icon: media === 'Audio' ? 'unmute' : 'device-camera-video',
      contextValue: contextValue('gongItem', 'call', url ? 'hasUrl' : undefined),
      collapsible: 'none',
      parent,
      item: { kind: 'call', gongId: id, json: c, url, callId: id },
      searchText: `${title} ${id}`.toLowerCase(),
    };
  }

  private callTip(c: unknown, summary: CallSummary | undefined): RowTooltip {
    const id = str(c, 'id') ?? '';
    const started = str(c, 'started') ?? str(c, 'scheduled');
    const when = started ? started.replace('T', ' ').replace(/:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/, '') : undefined;
    const how = [minutes((c as { duration?: unknown }).duration), str(c, 'direction'), str(c, 'media'), str(c, 'system')].filter(Boolean).join(' · ');
    return {
      title: str(c, 'title') || `Call ${id}`,
      fields: [
        ['When', when], ['Call', how || undefined],
        ['Company', summary && names(summary.company)], ['External', summary && names(summary.external)],
      ],
      body: summary?.brief,
      footer: `Call ${id}`,
    };
  }

  /**
   * Parties and brief of the hovered call and of up to 99 other loaded calls of its day, in one
   * POST /v2/calls/extensive, so hovering down a day costs one request. Concurrent hovers share it.
   */
  private async loadSummaries(profile: string, id: string, dayIds: readonly string[], signal?: AbortSignal): Promise<void> {
    let known = this.summaries.get(profile);
    if (known?.has(id)) return;
    const key = `${profile}\n${id}`;
    const pending = this.summaryRequests.get(key);
    if (pending) return pending;
    const batch = [id, ...dayIds.filter(x => x !== id && !known?.has(x))].slice(0, 100);
    const run = (async () => {
      const page = await this.data.read('callsExtensive', {
        filter: { callIds: batch }, contentSelector: { exposedFields: { parties: true, content: { brief: true } } },
      }, signal);
      known = this.summaries.get(profile) ?? new Map<string, CallSummary>();
      // Bounded: hover cards of a few thousand calls; past that, start over.
      if (known.size > 5000) known.clear();
      this.summaries.set(profile, known);
      // A call Gong did not return gets an empty card, so hovering it again does not ask again.
      for (const x of batch) known.set(x, { company: [], external: [] });
      for (const call of arr(page, 'calls')) {
        const meta = typeof call === 'object' && call !== null ? (call as Record<string, unknown>).metaData : undefined;
        const callId = str(meta, 'id');
        if (callId) known.set(callId, callSummary(call));
      }
    })();
    for (const x of batch) this.summaryRequests.set(`${profile}\n${x}`, run);
    try { await run; } finally { for (const x of batch) if (this.summaryRequests.get(`${profile}\n${x}`) === run) this.summaryRequests.delete(`${profile}\n${x}`); }
  }

  protected filterCounts(_rows: TreeNode[], _shown: TreeNode[]) {
    const calls = this.loadedCalls();
    const f = this.filter.toLowerCase();
    const shown = calls.filter(c => `${str(c, 'title') ?? ''} ${str(c, 'id') ?? ''}`.toLowerCase().includes(f)).length;
    return { shown, loaded: calls.length };
  }
}

function startedAt(c: unknown): number {
  const t = Date.parse(str(c, 'started') ?? str(c, 'scheduled') ?? '');
  return Number.isNaN(t) ? 0 : t;
}
