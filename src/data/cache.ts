/**
 * Data sources behind the trees: one-shot lists (workspaces, trackers, folders...) and cursor-paged
 * lists (users, calls, flows). Both remember when they were fetched, so views can say how old the
 * data is, and both refetch only when asked (no background polling).
 */

export type Clock = () => number;

/** Anything that can be refreshed by hand and knows when it last fetched. */
export interface Source {
  /** Epoch ms of the last successful fetch, or undefined before the first one. */
  readonly fetchedAt: number | undefined;
  /** The next read fetches again (paged sources fetch as many pages as were loaded). */
  invalidate(): void;
}

/** A list Gong returns in one answer. Concurrent reads share one request. */
export class OnceSource<T> implements Source {
  private value: T | undefined;
  private pending: Promise<T> | undefined;
  private stale = false;
  fetchedAt: number | undefined;

  constructor(private readonly fetch: (signal?: AbortSignal) => Promise<T>, private readonly clock: Clock = Date.now) {}

  /** The loaded value without fetching. */
  get loaded(): T | undefined { return this.value; }

  get(signal?: AbortSignal): Promise<T> {
    if (this.value !== undefined && !this.stale) return Promise.resolve(this.value);
    if (!this.pending) {
      this.pending = this.fetch(signal).then(v => {
        this.value = v;
        this.stale = false;
        this.fetchedAt = this.clock();
        return v;
      }).finally(() => { this.pending = undefined; });
    }
    return this.pending;
  }

  invalidate(): void { this.stale = true; }
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
  fetchedAt: number | undefined;

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

  /** Runs one operation at a time so a click on "Load more" during a refresh cannot interleave pages. */
  private serial<R>(op: () => Promise<R>): Promise<R> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Loads the first page (or, after a refresh, as many pages as were loaded before). */
  ensure(signal?: AbortSignal): Promise<void> {
    if (this.started && !this.stale) return Promise.resolve();
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
    });
  }

  invalidate(): void {
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
  }
}

/**
 * Directory data kept per profile: switching profiles shows the other account's data, and
 * switching back shows what was loaded before without refetching.
 */
export class SourceCache {
  private readonly map = new Map<string, Source>();

  get<S extends Source>(profile: string, key: string, create: () => S): S {
    const k = `${profile}\u0000${key}`;
    let s = this.map.get(k);
    if (!s) {
      s = create();
      this.map.set(k, s);
    }
    return s as S;
  }

  /** The sources of one profile under a key: the key itself and keys below it (`key/...`). */
  sources(profile: string, prefix: string): Source[] {
    const start = `${profile}\u0000${prefix}`;
    return [...this.map.entries()].filter(([k]) => k === start || k.startsWith(`${start}/`)).map(([, s]) => s);
  }

  /** Invalidates every source of the profile under the prefix. */
  invalidate(profile: string, prefix: string): void {
    for (const s of this.sources(profile, prefix)) s.invalidate();
  }

  /** Drops a profile's data (signed out). */
  forget(profile: string): void {
    for (const k of [...this.map.keys()]) if (k.startsWith(`${profile}\u0000`)) this.map.delete(k);
  }

  /** Oldest fetch time among the profile's sources under the prefix. */
  oldestFetch(profile: string, prefix: string): number | undefined {
    let oldest: number | undefined;
    for (const s of this.sources(profile, prefix)) {
      if (s.fetchedAt !== undefined && (oldest === undefined || s.fetchedAt < oldest)) oldest = s.fetchedAt;
    }
    return oldest;
  }
}
