/**
 * The one data layer: every read of Gong data (workspaces, users, calls in a range, extensive data,
 * transcripts, folders, flows, trackers, scorecards, the sign-in check) goes through the catalog's
 * declarations and one per-profile cache. Trees, panels, the Run Action pickers, sign-in and the CLI
 * read Gong through here and never build a request. Pure: no `vscode` import.
 */
import type { GongApi } from '../gong/types';
import type { Obj } from '../render/read';
import { OnceSource, PagedSource, SourceCache, type Clock } from './cache';
import type { SnapshotStore } from './persist';
import { fetchCallIdsInRange, fetchExtensive, fetchFolderCallIds, fetchTranscripts, fetchUserNames, workspaceNamesOf } from './calls';
import { actionOf, listAt, readData, readPage, type ReadName } from './read';

export { OnceSource, PagedSource, SourceCache } from './cache';
export type { Clock, Page, ProfileSnapshot, Source, SourceSnapshot } from './cache';
export { DEFAULT_LIMITS, DiskSnapshotStore, boundedText, parseSnapshot } from './persist';
export type { SnapshotLimits, SnapshotStore } from './persist';
export { Reads, actionOf, listAt, pageOf, readData, readPage, readPages, requestOf } from './read';
export type { ReadName } from './read';
export { batches, extensiveRequest, fetchCallIdsInRange, fetchExtensive, fetchFolderCallIds, fetchTranscripts, fetchUserNames, fetchWorkspaceNames, transcriptRequest, workspaceNamesOf } from './calls';
export { CONNECTION_CHECK, checkConnection } from './connection';

/** What the data layer needs from the signed-in session. */
export interface DataHost {
  /** The client of the active profile, or undefined when signed out. */
  api(): GongApi | undefined;
  /** The active profile's name: everything is cached per profile. */
  profile(): string | undefined;
  clock?: Clock;
}

/** Cache keys of the data several surfaces share (views, panels, pickers). */
export const DataKeys = {
  workspaces: 'data/workspaces',
  users: 'data/users',
  recentCalls: 'data/recentCalls',
} as const;

/** Call data kept for panels opened later (details then transcript of the same call needs one fetch). */
const CALLS_KEPT = 100;
/** Comment authors' names kept per profile. */
const NAMES_KEPT = 5000;

/** How long after a fetch the profile's snapshot is written (fetches close together write once). */
const SAVE_DELAY_MS = 1000;

/** Told when rows restored from disk have been fetched again (or the fetch failed). */
export type RevalidatedListener = (profile: string, key: string, error?: unknown) => void;

export interface DataOptions {
  /** Keeps each profile's cache across window reloads; none in tests that do not ask for it. */
  store?: SnapshotStore;
  /** Where a failed save or load is reported (it never reaches a surface). */
  warn?: (message: string) => void;
  /** How long rows restored from disk show before they are fetched again (default 2 s: they paint first). */
  revalidateDelayMs?: number;
}

/** Input of a read; a function is asked again on every fetch (a preset range moves with time). */
type InputOf = Record<string, unknown> | (() => Record<string, unknown> | undefined);

export class GongData {
  /** Extensive call data per profile, most recently used last. */
  private readonly calls = new Map<string, Map<string, Obj>>();
  private readonly names = new Map<string, Map<string, string>>();

  readonly cache: SourceCache;
  private readonly loaded = new Map<string, Promise<void>>();
  private readonly saves = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly revalidatedListeners = new Set<RevalidatedListener>();
  private pendingWrite: Promise<void> = Promise.resolve();

  constructor(private readonly host: DataHost, private readonly options: DataOptions = {}) {
    this.cache = new SourceCache({
      fetched: profile => this.scheduleSave(profile),
      revalidated: (profile, key, error) => { for (const l of [...this.revalidatedListeners]) l(profile, key, error); },
      revalidateDelayMs: options.revalidateDelayMs ?? 2000,
    });
  }

  /** Listens for rows restored from disk being fetched again; returns the unsubscribe function. */
  onDidRevalidate(listener: RevalidatedListener): () => void {
    this.revalidatedListeners.add(listener);
    return () => { this.revalidatedListeners.delete(listener); };
  }

  /**
   * Resolves once the profile's snapshot from disk (if any) is in the cache: the first read of a
   * view waits for it (a small local file), so rows paint from it before any request is sent.
   */
  ready(profile: string): Promise<void> {
    const store = this.options.store;
    if (!store) return Promise.resolve();
    let p = this.loaded.get(profile);
    if (!p) {
      p = store.load(profile).then(snapshot => { if (snapshot) this.cache.seed(profile, snapshot); }, e => {
        this.options.warn?.(`cache: could not read the saved rows: ${e instanceof Error ? e.message : String(e)}`);
      });
      this.loaded.set(profile, p);
    }
    return p;
  }

  private scheduleSave(profile: string): void {
    const store = this.options.store;
    if (!store || this.saves.has(profile)) return;
    const timer = setTimeout(() => {
      this.saves.delete(profile);
      void this.save(profile);
    }, SAVE_DELAY_MS);
    (timer as { unref?: () => void }).unref?.();
    this.saves.set(profile, timer);
  }

  /** Writes the profile's snapshot now (writes run one at a time). */
  save(profile: string): Promise<void> {
    const store = this.options.store;
    if (!store) return Promise.resolve();
    const snapshot = this.cache.snapshot(profile);
    this.pendingWrite = this.pendingWrite.then(() => store.save(profile, snapshot)).catch(e => {
      this.options.warn?.(`cache: could not save the rows: ${e instanceof Error ? e.message : String(e)}`);
    });
    return this.pendingWrite;
  }

  /** Writes every pending snapshot now (before a reload or shutdown). */
  async flush(): Promise<void> {
    const profiles = [...this.saves.keys()];
    for (const p of profiles) { clearTimeout(this.saves.get(p)); this.saves.delete(p); }
    for (const p of profiles) await this.save(p);
    await this.pendingWrite;
  }

  get clock(): Clock { return this.host.clock ?? Date.now; }

  /** The active profile, or undefined when signed out. */
  profile(): string | undefined { return this.host.profile(); }

  /**
   * The client at the moment of the request: cached sources outlive a sign-in again with new
   * credentials, so they must never hold on to the client they were created with.
   */
  client(): GongApi {
    const api = this.host.api();
    if (!api) throw new Error('Not signed in to Gong');
    return api;
  }

  private activeProfile(): string {
    const p = this.host.profile();
    if (p === undefined || !this.host.api()) throw new Error('Not signed in to Gong');
    return p;
  }

  /** One answer of a read, not cached (the caller keeps what it needs). */
  read(read: ReadName, input: Record<string, unknown> = {}, signal?: AbortSignal): Promise<unknown> {
    return readData(this.client(), read, input, signal);
  }

  /** One answer of a read, mapped, cached per profile under `key`; concurrent reads share one request. */
  once<T>(profile: string, key: string, read: ReadName, input: Record<string, unknown>, map: (data: unknown) => T): OnceSource<T> {
    return this.cache.get(profile, key, () => new OnceSource<T>(async s => map(await readData(this.client(), read, input, s)), this.host.clock));
  }

  /** A one-answer list (the array under the action's list key), cached per profile under `key`. */
  list(profile: string, key: string, read: ReadName, input: Record<string, unknown> = {}, listKey?: string): OnceSource<unknown[]> {
    return this.once(profile, key, read, input, data => listAt(data, listKey ?? actionOf(read).listKey ?? ''));
  }

  /** A cursor-paged list, cached per profile under `key`; "Load more" appends the next page. */
  paged(profile: string, key: string, read: ReadName, input: InputOf = {}, fallbackKey?: string): PagedSource<unknown> {
    return this.cache.get(profile, key, () => new PagedSource<unknown>(async (cursor, s) => {
      const value = typeof input === 'function' ? input() : input;
      if (value === undefined) return { items: [] };
      return readPage(this.client(), read, value, cursor, s, fallbackKey);
    }, this.host.clock));
  }

  /** The account's workspaces (one list per profile, shared by every surface). */
  workspacesSource(profile: string): OnceSource<unknown[]> {
    return this.list(profile, DataKeys.workspaces, 'workspaces');
  }

  workspaces(signal?: AbortSignal): Promise<unknown[]> {
    return this.workspacesSource(this.activeProfile()).get(signal);
  }

  /** Workspace names by id; empty when the list cannot be read (names are a nicety). */
  async workspaceNames(signal?: AbortSignal): Promise<Map<string, string>> {
    return workspaceNamesOf(await this.workspaces(signal));
  }

  /** The company's users, a page at a time (shared by the Users view and the pickers). */
  usersSource(profile: string): PagedSource<unknown> {
    return this.paged(profile, DataKeys.users, 'users');
  }

  /** The first page of users (loads it when needed). */
  async users(signal?: AbortSignal): Promise<readonly unknown[]> {
    const source = this.usersSource(this.activeProfile());
    await source.ensure(signal);
    return source.items;
  }

  /** The first page of calls in a window, cached per profile until refreshed (the pickers' "recent calls"). */
  recentCalls(from: string, to: string, signal?: AbortSignal): Promise<unknown[]> {
    return this.list(this.activeProfile(), DataKeys.recentCalls, 'calls', { fromDateTime: from, toDateTime: to }).get(signal);
  }

  /** Display names of users by id; names already known are not asked again. */
  async userNames(userIds: readonly string[], signal?: AbortSignal): Promise<Map<string, string>> {
    const profile = this.activeProfile();
    let known = this.names.get(profile);
    if (!known) { known = new Map(); this.names.set(profile, known); }
    const missing = userIds.filter(id => !known.has(id));
    if (missing.length) {
      for (const [id, name] of await fetchUserNames(this.client(), missing, signal)) known.set(id, name);
      while (known.size > NAMES_KEPT) { const first = known.keys().next().value; if (first === undefined) break; known.delete(first); }
    }
    return new Map(userIds.filter(id => known.has(id)).map(id => [id, known.get(id) as string]));
  }

  private callsOf(profile: string): Map<string, Obj> {
    let m = this.calls.get(profile);
    if (!m) { m = new Map(); this.calls.set(profile, m); }
    return m;
  }

  /** A call's extensive data already loaded for the active profile (no network). */
  loadedCall(callId: string): Obj | undefined {
    const p = this.host.profile();
    return p === undefined ? undefined : this.calls.get(p)?.get(callId);
  }

  /**
   * The extensive data of calls, in batches of 100; calls loaded before are served from memory
   * unless `force` (a refresh).
   */
  async callDetails(callIds: readonly string[], options: { force?: boolean; signal?: AbortSignal } = {}): Promise<Map<string, Obj>> {
    const profile = this.activeProfile();
    const kept = this.callsOf(profile);
    const missing = options.force ? [...callIds] : callIds.filter(id => !kept.has(id));
    if (missing.length) {
      for (const [id, call] of await fetchExtensive(this.client(), missing, options.signal)) {
        kept.delete(id);
        kept.set(id, call);
      }
      while (kept.size > CALLS_KEPT) { const first = kept.keys().next().value; if (first === undefined) break; kept.delete(first); }
    }
    const out = new Map<string, Obj>();
    for (const id of callIds) { const c = kept.get(id); if (c) out.set(id, c); }
    return out;
  }

  /** Transcripts of calls (raw `callTranscripts[]` elements by call id), 100 ids a request. */
  transcripts(callIds: readonly string[], signal?: AbortSignal): Promise<Map<string, Obj>> {
    return fetchTranscripts(this.client(), callIds, signal);
  }

  /** The call ids saved in a Library folder. */
  folderCallIds(folderId: string, signal?: AbortSignal): Promise<string[]> {
    return fetchFolderCallIds(this.client(), folderId, signal);
  }

  /** Every call id in a time range (bounded pages). */
  callIdsInRange(from: string, to: string, signal?: AbortSignal): Promise<string[]> {
    return fetchCallIdsInRange(this.client(), from, to, signal);
  }

  /** Drops a profile's data, in memory and on disk (signed out). */
  async forget(profile: string): Promise<void> {
    clearTimeout(this.saves.get(profile));
    this.saves.delete(profile);
    this.cache.forget(profile);
    this.calls.delete(profile);
    this.names.delete(profile);
    this.loaded.set(profile, Promise.resolve());
    const store = this.options.store;
    if (store) {
      this.pendingWrite = this.pendingWrite.then(() => store.remove(profile)).catch(e => {
        this.options.warn?.(`cache: could not remove the saved rows: ${e instanceof Error ? e.message : String(e)}`);
      });
      await this.pendingWrite;
    }
  }

  /** Drops every profile's data, in memory and on disk (the Clear Cache command). */
  async clear(): Promise<void> {
    for (const t of this.saves.values()) clearTimeout(t);
    this.saves.clear();
    this.cache.clear();
    this.calls.clear();
    this.names.clear();
    this.loaded.clear();
    for (const p of this.knownProfiles()) this.loaded.set(p, Promise.resolve());
    const store = this.options.store;
    if (store) {
      this.pendingWrite = this.pendingWrite.then(() => store.clear());
      await this.pendingWrite;
    }
  }

  private knownProfiles(): string[] {
    const p = this.host.profile();
    return p === undefined ? [] : [p];
  }
}
