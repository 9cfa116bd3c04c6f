/**
 * The one data layer: every read of Gong data (workspaces, users, calls in a range, extensive data,
 * transcripts, folders, flows, trackers, scorecards, the sign-in check) goes through the catalog's
 * declarations and one per-profile cache. Trees, panels, the Run Action pickers, sign-in and the CLI
 * read Gong through here and never build a request. Pure: no `vscode` import.
 */
import type { GongApi } from '../gong/types';
import type { Obj } from '../render/read';
import { OnceSource, PagedSource, SourceCache, type Clock } from './cache';
import { fetchCallIdsInRange, fetchExtensive, fetchFolderCallIds, fetchTranscripts, fetchUserNames, workspaceNamesOf } from './calls';
import { actionOf, listAt, readData, readPage, type ReadName } from './read';

export { OnceSource, PagedSource, SourceCache } from './cache';
export type { Clock, Page, Source } from './cache';
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

/** Input of a read; a function is asked again on every fetch (a preset range moves with time). */
type InputOf = Record<string, unknown> | (() => Record<string, unknown> | undefined);

export class GongData {
  /** Extensive call data per profile, most recently used last. */
  private readonly calls = new Map<string, Map<string, Obj>>();
  private readonly names = new Map<string, Map<string, string>>();

  constructor(private readonly host: DataHost, readonly cache: SourceCache = new SourceCache()) {}

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

  /** Drops a profile's data (signed out). */
  forget(profile: string): void {
    this.cache.forget(profile);
    this.calls.delete(profile);
    this.names.delete(profile);
  }
}
