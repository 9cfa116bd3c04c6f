/** Calls: one date range (a preset or custom), the calls grouped by day, newest first, paged. */
import type { GongApi } from '../gong/types';
import { getData, pageOf, ViewModel } from './model';
import { childId, contextValue, formatAge, formatCount, str, type TreeNode } from './node';
import { PagedSource } from './sources';

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
  const from = Date.parse(`${fromDay}T00:00:00Z`);
  const to = Date.parse(`${toDay}T00:00:00Z`);
  if (Number.isNaN(from)) return `"${fromDay}" is not a real date`;
  if (Number.isNaN(to)) return `"${toDay}" is not a real date`;
  if (to < from) return 'The end date is before the start date';
  // Gong's toDateTime is exclusive: end at the start of the day after the last day asked for.
  return { preset: 'custom', from: new Date(from).toISOString(), to: new Date(to + DAY).toISOString() };
}

/** How a range reads in the view. */
export function rangeLabel(r: CallsRange): string {
  if (r.preset === 'last7') return 'Last 7 days';
  if (r.preset === 'last30') return 'Last 30 days';
  const last = new Date(Date.parse(r.to) - DAY).toISOString().slice(0, 10);
  return `${r.from.slice(0, 10)} to ${last}`;
}

/** The calendar day of a Gong timestamp, in the offset Gong wrote it with (the company's time zone). */
export function dayOf(iso: string | undefined): string {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : 'unknown';
}

function dayLabel(day: string): string {
  const t = Date.parse(`${day}T12:00:00Z`);
  if (Number.isNaN(t)) return 'Unknown date';
  return new Date(t).toLocaleDateString('en-US', { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

function minutes(sec: unknown): string | undefined {
  return typeof sec === 'number' ? `${Math.max(1, Math.round(sec / 60))} min` : undefined;
}

export class CallsModel extends ViewModel {
  protected override readonly directory = false;
  private current: CallsRange;

  constructor(...args: ConstructorParameters<typeof ViewModel>) {
    super(...args);
    this.current = presetRange('last7', this.now);
  }

  get range(): CallsRange { return this.current; }

  /** Changes the range: the loaded pages belong to the old range and are dropped. */
  setRange(r: CallsRange): void {
    this.current = r;
    const api = this.host.api();
    const profile = this.host.profile();
    if (api && profile !== undefined) this.source(api, profile).reset();
    this.fire(undefined);
  }

  override refresh(node?: TreeNode): void {
    // A preset means "up to now": refreshing the view moves the window to the present.
    if (!node && this.current.preset !== 'custom') this.current = presetRange(this.current.preset, this.now);
    super.refresh(node);
  }

  override description(): string | undefined {
    const profile = this.host.profile();
    const at = profile !== undefined ? this.cache.oldestFetch(profile, this.viewId) : undefined;
    return at === undefined ? rangeLabel(this.current) : `${rangeLabel(this.current)} · updated ${formatAge(this.now - at)}`;
  }

  /** The loaded calls of the active profile (no network). */
  loadedCalls(): readonly unknown[] {
    const api = this.host.api();
    const profile = this.host.profile();
    return api && profile !== undefined ? this.source(api, profile).items : [];
  }

  private source(api: GongApi, profile: string): PagedSource<unknown> {
    // One source per profile; it reads the current range on every page, so a refresh of a preset
    // fetches the moved window with as many pages as were loaded.
    return this.cache.get(profile, `${this.viewId}/calls`, () => new PagedSource<unknown>(async (cursor, s) => {
      const data = await getData(this.client(), {
        path: '/v2/calls',
        query: { fromDateTime: this.current.from, toDateTime: this.current.to, cursor },
        emptyOn404: true,
      }, s);
      return pageOf(data, 'calls');
    }, this.host.clock));
  }

  protected async roots(api: GongApi, profile: string, signal?: AbortSignal): Promise<TreeNode[]> {
    const source = this.source(api, profile);
    await source.ensure(signal);
    const rangeRow: TreeNode = {
      id: `${this.viewId}/range`,
      label: rangeLabel(this.current),
      description: `${formatCount(source.items.length)}${source.total !== undefined ? ` of ${formatCount(source.total)}` : ''} calls · click to change`,
      tooltip: `Calls from ${this.current.from} up to ${this.current.to}. Click to choose another range.`,
      icon: 'calendar',
      contextValue: 'rangeRow',
      collapsible: 'none',
      action: { kind: 'prompt', what: 'callsRange' },
    };
    const byDay = new Map<string, unknown[]>();
    for (const c of source.items) {
      const meta = (c as { metaData?: unknown }).metaData ?? c;
      const day = dayOf(str(meta, 'started') ?? str(meta, 'scheduled'));
      let list = byDay.get(day);
      if (!list) byDay.set(day, list = []);
      list.push(c);
    }
    const days = [...byDay.keys()].sort().reverse();
    const rows: TreeNode[] = [rangeRow, ...days.map(d => this.dayNode(d, byDay.get(d) ?? []))];
    if (source.items.length === 0) {
      rows.push({ id: `${this.viewId}/empty`, label: 'No calls in this range', icon: 'info', collapsible: 'none', contextValue: 'emptyRow' });
    }
    if (source.hasMore) rows.push(this.loadMoreRow(undefined, source));
    return rows;
  }

  private dayNode(day: string, calls: unknown[]): TreeNode {
    const nodeId = childId(this.viewId, 'day', day);
    const sorted = [...calls].sort((a, b) => (str(b, 'started') ?? '').localeCompare(str(a, 'started') ?? ''));
    const text = (c: unknown) => `${str(c, 'title') ?? ''} ${str(c, 'id') ?? ''}`.toLowerCase();
    const node: TreeNode = {
      id: nodeId,
      label: dayLabel(day),
      description: `${calls.length} call${calls.length === 1 ? '' : 's'}`,
      icon: 'calendar',
      contextValue: 'day',
      collapsible: 'collapsed',
      item: { kind: 'day', gongId: day, json: { day, callIds: sorted.map(c => str(c, 'id')) } },
      searchText: day,
      hasLoadedMatch: f => sorted.some(c => text(c).includes(f)),
      children: async () => sorted.map(c => this.callNode(node, c)),
    };
    return node;
  }

  private callNode(parent: TreeNode, c: unknown): TreeNode {
    const id = str(c, 'id') ?? '';
    const title = str(c, 'title') || `Call ${id}`;
    const started = str(c, 'started') ?? str(c, 'scheduled');
    const time = started && /T(\d{2}:\d{2})/.exec(started)?.[1];
    const url = str(c, 'url');
    const media = str(c, 'media');
    const direction = str(c, 'direction');
    return {
      id: childId(parent.id, 'call', id),
      label: title,
      description: [time, minutes((c as { duration?: unknown }).duration), direction].filter(Boolean).join(' · ') || undefined,
      tooltip: [title, started, direction, media, str(c, 'system'), `Call ${id}`].filter(Boolean).join('\n'),
      icon: media === 'Audio' ? 'unmute' : 'device-camera-video',
      contextValue: contextValue('gongItem', 'call', url ? 'hasUrl' : undefined),
      collapsible: 'none',
      parent,
      item: { kind: 'call', gongId: id, json: c, url, callId: id },
      searchText: `${title} ${id}`.toLowerCase(),
    };
  }

  protected filterCounts(_rows: TreeNode[], _shown: TreeNode[]) {
    const calls = this.loadedCalls();
    const f = this.filter.toLowerCase();
    const shown = calls.filter(c => `${str(c, 'title') ?? ''} ${str(c, 'id') ?? ''}`.toLowerCase().includes(f)).length;
    return { shown, loaded: calls.length };
  }
}
