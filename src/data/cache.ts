/**
 * The per-profile cache behind every surface: one-shot lists (workspaces, trackers, folders...) and
 * cursor-paged lists (users, calls, flows). Both remember when they were fetched, so views can say
 * how old the data is, and both refetch only when asked (no background polling).
 *
 * A source may start from a snapshot (what the views showed before a window reload, kept on disk by
 * src/data/persist.ts): it then answers at once with the snapshot and fetches again behind it
 * (stale-while-revalidate), telling its cache when the fresh answer is in.
 */

import { withPriority } from '../gong/scheduler';

export type Clock = () => number;

/** What a source keeps across a reload: plain JSON, never a credential. */
export type SourceSnapshot =
  | { kind: 'once'; fetchedAt: number; value: unknown }
  | { kind: 'paged'; fetchedAt: number; items: unknown[]; total?: number; cursor?: string; pages: number };

/**
 * Runs `fn` after `ms` at background priority: the fetch behind restored rows starts once they have
 * had time to paint, and waits behind anything a person asks for.
 */
function later(ms: number, fn: () => Promise<void>): Promise<void> {
  if (ms <= 0) return withPriority('background', fn);
  return new Promise<void>(resolve => {
    const t = setTimeout(resolve, ms);
    (t as { unref?: () => void }).unref?.();
  }).then(() => withPriority('background', fn));
}

/** Told when a source restored from a snapshot has fetched again (or failed to). */
export type RevalidatedListener = (error?: unknown) => void;

/** Anything that can be refreshed by hand and knows when it last fetched. */
export interface Source {
  /** Epoch ms of the last successful fetch, or undefined before the first one. */
  readonly fetchedAt: number | undefined;
  /** The next read fetches again (paged sources fetch as many pages as were loaded). */
  invalidate(): void;
  /** What to keep across a reload, or undefined when nothing was fetched. */
  snapshot(): SourceSnapshot | undefined;
  /** Starts from a snapshot: reads answer with it at once and fetch again behind it, `delayMs` after the first read. */
  restore(snapshot: SourceSnapshot, onRevalidated: RevalidatedListener, delayMs?: number): boolean;
  /** True while the data shown comes from a snapshot not yet fetched again. */
  readonly restored: boolean;
  /** Called after each successful fetch (the cache saves its snapshot then). */
  onFetched?: () => void;
}

/** A list Gong returns in one answer. Concurrent reads share one request. */
export class OnceSource<T> implements Source {
  private value: T | undefined;
  private pending: Promise<T> | undefined;
  private stale = false;
  private revalidate: RevalidatedListener | undefined;
  private revalidateDelay = 0;
  /** True while a fetch behind a restored value runs: reads keep answering with that value. */
  private revalidating = false;
  fetchedAt: number | undefined;
  onFetched?: () => void;

  constructor(private readonly fetch: (signal?: AbortSignal) => Promise<T>, private readonly clock: Clock = Date.now) {}

  /** The loaded value without fetching. */
  get loaded(): T | undefined { return this.value; }

  get restored(): boolean { return this.revalidate !== undefined || this.revalidating; }

  get(signal?: AbortSignal): Promise<T> {
    if (this.revalidate && this.value !== undefined && !this.stale) {
      // From a snapshot: answer now, fetch behind it (no caller's signal: nobody waits for it).
      const done = this.revalidate;
      this.revalidate = undefined;
      this.revalidating = true;
      this.stale = true;
      later(this.revalidateDelay, async () => { if (this.revalidating) await this.load(undefined); }).then(() => done(), e => { this.stale = false; done(e); })
        .finally(() => { this.revalidating = false; });
      return Promise.resolve(this.value);
    }
    if (this.value !== undefined && (!this.stale || this.revalidating)) return Promise.resolve(this.value);
    return this.load(signal);
  }

  private load(signal?: AbortSignal): Promise<T> {
    if (!this.pending) {
      this.pending = this.fetch(signal).then(v => {
        this.value = v;
        this.stale = false;
        this.fetchedAt = this.clock();
        this.onFetched?.();
        return v;
      }).finally(() => { this.pending = undefined; });
    }
    return this.pending;
  }

  invalidate(): void { this.stale = true; this.revalidate = undefined; this.revalidating = false; }

  snapshot(): SourceSnapshot | undefined {
    return this.value !== undefined && this.fetchedAt !== undefined ? { kind: 'once', fetchedAt: this.fetchedAt, value: this.value } : undefined;
  }

  restore(s: SourceSnapshot, onRevalidated: RevalidatedListener, delayMs = 0): boolean {
    if (s.kind !== 'once' || s.value === undefined || this.value !== undefined || this.pending) return false;
    this.value = s.value as T;
    this.fetchedAt = s.fetchedAt;
    this.revalidate = onRevalidated;
    this.revalidateDelay = delayMs;
    return true;
  }
}

/** One page of a cursor-paged Gong answer. */
export interface Page<T> {
  items: T[];
  /** `records.totalRecords`, when Gong sent it. */
  total?: number;
  /** `records.cursor`: present only when more records remain. */
  cursor?: string;
}

/**
 * A cursor-paged list loaded one page at a time. What was loaded survives a refresh: invalidating
 * remembers how many pages were loaded and the next read fetches that many again, so a person who
 * loaded 300 users still sees 300 after refreshing.
 */
export class PagedSource<T> implements Source {
  private itemsLoaded: T[] = [];
  private cursor: string | undefined;
  private totalRecords: number | undefined;
  private started = false;
  private stale = false;
  private pagesLoaded = 0;
  private pagesWanted = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private revalidate: RevalidatedListener | undefined;
  private revalidateDelay = 0;
  /** True while a fetch behind restored rows runs: reads keep answering with those rows. */
  private revalidating = false;
  fetchedAt: number | undefined;
  onFetched?: () => void;

  constructor(
    private readonly fetchPage: (cursor: string | undefined, signal?: AbortSignal) => Promise<Page<T>>,
    private readonly clock: Clock = Date.now,
    /** Upper bound on pages fetched again by one refresh (bounds the work a refresh can cause). */
    private readonly maxRefetchPages = 100,
  ) {}

  get items(): readonly T[] { return this.itemsLoaded; }
  get total(): number | undefined { return this.totalRecords; }
  get hasMore(): boolean { return this.started && this.cursor !== undefined; }
  get pages(): number { return this.pagesLoaded; }
  get isLoaded(): boolean { return this.started && !this.stale; }
  get restored(): boolean { return this.revalidate !== undefined || this.revalidating; }

  /** Runs one operation at a time so a click on "Load more" during a refresh cannot interleave pages. */
  private serial<R>(op: () => Promise<R>): Promise<R> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Loads the first page (or, after a refresh, as many pages as were loaded before). */
  ensure(signal?: AbortSignal): Promise<void> {
    if (this.revalidate && this.started && !this.stale) {
      // From a snapshot: the rows show now; the pages are fetched again behind them.
      const done = this.revalidate;
      this.revalidate = undefined;
      this.revalidating = true;
      this.stale = true;
      this.pagesWanted = Math.max(1, this.pagesLoaded);
      later(this.revalidateDelay, () => this.serial(() => this.load(undefined))).then(() => done(), e => { this.stale = false; done(e); })
        .finally(() => { this.revalidating = false; });
      return Promise.resolve();
    }
    if (this.started && (!this.stale || this.revalidating)) return Promise.resolve();
    return this.serial(() => this.load(signal));
  }

  private async load(signal?: AbortSignal): Promise<void> {
    if (this.started && !this.stale) return;
    const want = Math.min(Math.max(1, this.pagesWanted), this.maxRefetchPages);
    const items: T[] = [];
    let cursor: string | undefined;
    let total: number | undefined;
    let pages = 0;
    for (let i = 0; i < want; i++) {
      const page = await this.fetchPage(cursor, signal);
      items.push(...page.items);
      total = page.total ?? total;
      cursor = page.cursor;
      pages++;
      if (cursor === undefined) break;
    }
    // Swap only on success: a failed refresh leaves the earlier rows for the next attempt.
    this.itemsLoaded = items;
    this.cursor = cursor;
    this.totalRecords = total;
    this.pagesLoaded = pages;
    this.started = true;
    this.stale = false;
    this.fetchedAt = this.clock();
    this.onFetched?.();
  }

  /** Appends the next page; does nothing when the last page is loaded. */
  loadMore(signal?: AbortSignal): Promise<void> {
    return this.serial(async () => {
      if (!this.started || this.stale) {
        await this.load(signal);
        return;
      }
      if (this.cursor === undefined) return;
      const page = await this.fetchPage(this.cursor, signal);
      this.itemsLoaded = [...this.itemsLoaded, ...page.items];
      this.cursor = page.cursor;
      this.totalRecords = page.total ?? this.totalRecords;
      this.pagesLoaded++;
      this.pagesWanted = this.pagesLoaded;
      this.onFetched?.();
    });
  }

  invalidate(): void {
    this.revalidate = undefined;
    this.revalidating = false;
    if (!this.started) return;
    this.stale = true;
    this.pagesWanted = Math.max(1, this.pagesLoaded);
  }

  /** Forgets everything (e.g. the calls date range changed). */
  reset(): void {
    this.itemsLoaded = [];
    this.cursor = undefined;
    this.totalRecords = undefined;
    this.started = false;
    this.stale = false;
    this.pagesLoaded = 0;
    this.pagesWanted = 1;
    this.fetchedAt = undefined;
    this.revalidate = undefined;
  }

  snapshot(): SourceSnapshot | undefined {
    if (!this.started || this.fetchedAt === undefined) return undefined;
    const s: SourceSnapshot = { kind: 'paged', fetchedAt: this.fetchedAt, items: [...this.itemsLoaded], pages: this.pagesLoaded };
    if (this.totalRecords !== undefined) s.total = this.totalRecords;
    if (this.cursor !== undefined) s.cursor = this.cursor;
    return s;
  }

  restore(s: SourceSnapshot, onRevalidated: RevalidatedListener, delayMs = 0): boolean {
    if (s.kind !== 'paged' || this.started || !Array.isArray(s.items)) return false;
    this.revalidateDelay = delayMs;
    this.itemsLoaded = s.items as T[];
    this.totalRecords = typeof s.total === 'number' ? s.total : undefined;
    // A snapshot cut short keeps no cursor; its fetch behind the rows brings back every page.
    this.cursor = typeof s.cursor === 'string' ? s.cursor : undefined;
    this.pagesLoaded = Math.max(1, Math.floor(s.pages) || 1);
    this.pagesWanted = this.pagesLoaded;
    this.started = true;
    this.stale = false;
    this.fetchedAt = s.fetchedAt;
    this.revalidate = onRevalidated;
    return true;
  }
}

/** Snapshots of one profile by cache key. */
export type ProfileSnapshot = Record<string, SourceSnapshot>;

/**
 * Data kept per profile: switching profiles shows the other account's data, and switching back
 * shows what was loaded before without refetching. Snapshots seeded for a profile (from disk) are
 * applied to sources as they are created.
 */
export class SourceCache {
  private readonly map = new Map<string, Source>();
  private readonly seeds = new Map<string, ProfileSnapshot>();

  constructor(private readonly events: {
    /** A source of the profile fetched: its snapshot changed. */
    fetched?: (profile: string) => void;
    /** A source restored from a snapshot fetched again (or failed to). */
    revalidated?: (profile: string, key: string, error?: unknown) => void;
    /** How long restored rows show before they are fetched again. */
    revalidateDelayMs?: number;
  } = {}) {}

  get<S extends Source>(profile: string, key: string, create: () => S): S {
    const k = `${profile}\u0000${key}`;
    let s = this.map.get(k);
    if (!s) {
      const created = create();
      s = created;
      created.onFetched = () => this.events.fetched?.(profile);
      const seed = this.seeds.get(profile)?.[key];
      if (seed) {
        delete (this.seeds.get(profile) as ProfileSnapshot)[key];
        created.restore(seed, e => this.events.revalidated?.(profile, key, e), this.events.revalidateDelayMs ?? 0);
      }
      this.map.set(k, s);
    }
    return s as S;
  }

  /** Seeds a profile with snapshots (read from disk): sources created later start from them. */
  seed(profile: string, snapshot: ProfileSnapshot): void {
    const fresh: ProfileSnapshot = {};
    for (const [key, s] of Object.entries(snapshot)) if (!this.map.has(`${profile}\u0000${key}`)) fresh[key] = s;
    this.seeds.set(profile, fresh);
  }

  /**
   * What to keep of a profile: every source with data, plus the seeds no view has asked for yet
   * (a view not opened since the reload keeps its rows for the next one).
   */
  snapshot(profile: string): ProfileSnapshot {
    const out: ProfileSnapshot = { ...(this.seeds.get(profile) ?? {}) };
    const prefix = `${profile}\u0000`;
    for (const [k, s] of this.map) {
      if (!k.startsWith(prefix)) continue;
      const snap = s.snapshot();
      if (snap) out[k.slice(prefix.length)] = snap;
    }
    return out;
  }

  /** The sources of one profile under a key: the key itself and keys below it (`key/...`). */
  sources(profile: string, prefix: string): Source[] {
    const start = `${profile}\u0000${prefix}`;
    return [...this.map.entries()].filter(([k]) => k === start || k.startsWith(`${start}/`)).map(([, s]) => s);
  }

  /** Invalidates every source of the profile under the prefix. */
  invalidate(profile: string, prefix: string): void {
    for (const s of this.sources(profile, prefix)) s.invalidate();
    const seeds = this.seeds.get(profile);
    if (seeds) for (const k of Object.keys(seeds)) if (k === prefix || k.startsWith(`${prefix}/`)) delete seeds[k];
  }

  /** Drops a profile's data (signed out). */
  forget(profile: string): void {
    for (const k of [...this.map.keys()]) if (k.startsWith(`${profile}\u0000`)) this.map.delete(k);
    this.seeds.delete(profile);
  }

  /** Drops every profile's data. */
  clear(): void {
    this.map.clear();
    this.seeds.clear();
  }

  /** Oldest fetch time among the profile's sources under the prefix. */
  oldestFetch(profile: string, prefix: string): number | undefined {
    let oldest: number | undefined;
    for (const s of this.sources(profile, prefix)) {
      if (s.fetchedAt !== undefined && (oldest === undefined || s.fetchedAt < oldest)) oldest = s.fetchedAt;
    }
    return oldest;
  }

  /** Whether any source of the profile under the prefix shows snapshot data not yet fetched again. */
  restored(profile: string, prefix: string): boolean {
    return this.sources(profile, prefix).some(s => s.restored);
  }
}
