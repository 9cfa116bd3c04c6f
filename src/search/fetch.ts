/**
 * Filling the transcript store for a search scope: what it costs (said before anything is fetched),
 * then the missing transcripts fetched 100 calls a request together with the call data that names
 * their speakers, stored batch by batch so a cancelled or interrupted fetch keeps what it got and
 * the next run only fetches the rest. Pure: no vscode.
 */
import type { GongApi, GongRequest, GongResponse } from '../gong/types';
import { fetchFolderCallIds, fetchTranscripts, requestOf } from '../data/index';
import { partiesOf } from '../render/callDetails';
import { obj, objs, str, type Obj } from '../render/read';
import { buildTranscript } from '../render/transcript';
import type { ParsedQuery } from './query';
import type { SearchOptions, SearchResult, StoreStats, StoredCall, StoredScope } from './store';

/** What a search covers. Ranges are ISO date-times (Gong's fromDateTime/toDateTime). */
export type SearchScope =
  | { kind: 'range'; from: string; to: string; workspaceId?: string; label: string }
  | { kind: 'folder'; folderId: string; label: string }
  | { kind: 'calls'; callIds: string[]; label: string };

/** The store as the fetcher and the search see it: in a worker thread in the extension, in process in tests. */
export interface SearchBackend {
  storedOf(callIds: readonly string[]): Promise<string[]>;
  storedBetween(from: number, to: number, workspaceId?: string): Promise<number>;
  /** Stores calls given as JSON text (one StoredCall each): text crosses to a worker thread far cheaper than objects. */
  putJson(calls: readonly string[]): Promise<number>;
  scope(key: string): Promise<StoredScope | undefined>;
  saveScope(key: string, callIds: readonly string[], listedAt: number): Promise<void>;
  search(q: ParsedQuery, opts?: SearchOptions): Promise<SearchResult>;
  get(callId: string): Promise<StoredCall | undefined>;
  stats(): Promise<StoreStats>;
  /** Empties the store in place (every call, the index, the listed scopes); returns the calls removed. */
  clear(): Promise<number>;
  close(): Promise<void>;
}

/** Gong's documented limit per company; the cost estimate assumes it. */
export const GONG_REQUESTS_PER_SECOND = 3;
const BATCH = 100;

/** The key a listed scope is remembered by; selections are not remembered (their ids are given). */
export function scopeKey(scope: SearchScope): string | undefined {
  if (scope.kind === 'range') return `range|${scope.from}|${scope.to}|${scope.workspaceId ?? ''}`;
  if (scope.kind === 'folder') return `folder|${scope.folderId}`;
  return undefined;
}

/**
 * A listed scope stays valid when it was listed after its range ended (no new calls can appear);
 * a range reaching into the listing time, and a folder, are listed again after `maxAgeMs`.
 */
export function scopeStillValid(scope: SearchScope, stored: StoredScope, now: number, maxAgeMs = 15 * 60_000): boolean {
  if (scope.kind === 'range' && Date.parse(scope.to) <= stored.listedAt) return true;
  return now - stored.listedAt < maxAgeMs;
}

/** What fetching the rest of a scope costs, said before it starts. */
export interface FetchPlan {
  scope: SearchScope;
  /** Calls in the scope (exact when listed, Gong's total for a range otherwise). */
  total: number;
  /** Of those, already stored. */
  stored: number;
  /** Requests still needed: the rest of the listing plus one transcript request per 100 missing calls (and one call-data request per 100 for calls not listed with their parties). */
  requests: number;
  /** At Gong's 3 requests a second. */
  seconds: number;
  /** The call ids when already known (listed before, a selection, or a folder). */
  callIds?: string[];
  /** Requests spent on the estimate itself (the first page of a range listing). */
  spent: number;
  /** @internal the first page of a range listing, so the fetch continues from it. */
  firstPage?: ListPage;
}

interface ListPage { calls: Obj[]; cursor: string | undefined }

/** Extensive call data for a range, with the parties only: lists the calls and names their speakers at once. */
export function rangeListRequest(scope: Extract<SearchScope, { kind: 'range' }>, cursor?: string): GongRequest {
  return requestOf('callsExtensive', {
    cursor,
    filter: { fromDateTime: scope.from, toDateTime: scope.to, ...(scope.workspaceId ? { workspaceId: scope.workspaceId } : {}) },
    contentSelector: { exposedFields: { parties: true } },
  });
}

/** The same call data for given ids (calls known only by id: a folder or a selection). */
export function callDataRequest(callIds: readonly string[]): GongRequest {
  return requestOf('callsExtensive', { filter: { callIds: [...callIds] }, contentSelector: { exposedFields: { parties: true } } });
}

function pageOf(res: GongResponse): ListPage & { total: number | undefined } {
  const data = obj(res.data);
  const records = obj(data?.['records']);
  const total = records?.['totalRecords'];
  return { calls: objs(data?.['calls']), cursor: str(records?.['cursor']), total: typeof total === 'number' ? total : undefined };
}

const idOf = (call: Obj): string | undefined => str(obj(call['metaData'])?.['id']);

/** Works out the cost of a scope: at most one request (the first page of a range never listed). */
export async function planFetch(api: GongApi, backend: SearchBackend, scope: SearchScope, now: number, signal?: AbortSignal): Promise<FetchPlan> {
  const key = scopeKey(scope);
  const remembered = key ? await backend.scope(key) : undefined;
  let ids: string[] | undefined = scope.kind === 'calls' ? [...new Set(scope.callIds)] : remembered && scopeStillValid(scope, remembered, now) ? remembered.callIds : undefined;
  let spent = 0;
  if (!ids && scope.kind === 'folder') { ids = await fetchFolderCallIds(api, scope.folderId, signal); spent = 1; }
  if (ids) {
    const stored = (await backend.storedOf(ids)).length;
    const missing = ids.length - stored;
    // Calls known only by id need their parties fetched too: two requests per 100.
    const requests = Math.ceil(missing / BATCH) * 2;
    return { scope, total: ids.length, stored, requests, seconds: requests / GONG_REQUESTS_PER_SECOND, callIds: ids, spent };
  }
  const range = scope as Extract<SearchScope, { kind: 'range' }>;
  const res = await api.request(rangeListRequest(range), signal);
  const first = pageOf(res);
  const total = first.total ?? first.calls.length;
  const stored = Math.min(total, await backend.storedBetween(Date.parse(range.from), Date.parse(range.to), range.workspaceId));
  const listing = Math.max(0, Math.ceil(total / BATCH) - 1);
  const requests = listing + Math.ceil((total - stored) / BATCH);
  return { scope, total, stored, requests, seconds: requests / GONG_REQUESTS_PER_SECOND, spent: 1, firstPage: { calls: first.calls, cursor: first.cursor } };
}

/** One call and its transcript as stored; speakers named from the call's parties when Gong sent them. */
export function storedCallOf(callId: string, transcript: Obj | undefined, call: Obj | undefined): StoredCall {
  const model = buildTranscript(transcript ?? { callId, transcript: [] }, call);
  const parties = call ? partiesOf(call) : [];
  const emailBySpeaker = new Map(parties.filter(p => p.speakerId && p.email).map(p => [p.speakerId as string, p.email as string]));
  const meta = obj(call?.['metaData']) ?? {};
  const out: StoredCall = {
    id: callId,
    title: str(meta['title'])?.trim() || model.title,
    speakers: model.speakers.map(s => {
      const sp: StoredCall['speakers'][number] = { name: s.name, side: s.affiliation };
      const email = emailBySpeaker.get(s.id); if (email) sp.email = email;
      if (s.title) sp.title = s.title;
      return sp;
    }),
    monologues: model.monologues.map(m => ({ speaker: m.speaker, sentences: m.sentences.map(s => [s.start, s.end, s.text] as [number, number, string]) })),
  };
  const started = Date.parse(str(meta['started']) ?? '');
  if (Number.isFinite(started)) out.started = started;
  const ws = str(meta['workspaceId']); if (ws) out.workspaceId = ws;
  const url = str(meta['url']); if (url) out.url = url;
  return out;
}

export interface FetchProgress {
  phase: 'listing' | 'fetching';
  /** Calls listed so far (listing) or transcripts stored so far, this run and before (fetching). */
  done: number;
  total: number;
  requests: number;
}

export interface FetchOutcome {
  callIds: string[];
  /** Transcripts stored by this run. */
  fetched: number;
  /** Requests this run sent (the plan's estimate request included). */
  requests: number;
  cancelled: boolean;
}

/** Counts requests (each page of a paged read is one). */
class CountingApi implements GongApi {
  count = 0;
  constructor(private readonly inner: GongApi) {}
  request<T>(req: GongRequest, signal?: AbortSignal): Promise<GongResponse<T>> { this.count++; return this.inner.request<T>(req, signal); }
  async *pages<T>(req: GongRequest, signal?: AbortSignal): AsyncIterableIterator<GongResponse<T>> {
    for await (const p of this.inner.pages<T>(req, signal)) { this.count++; yield p; }
  }
}

const aborted = (signal?: AbortSignal): boolean => signal?.aborted === true;
const yieldToHost = (): Promise<void> => new Promise(resolve => setImmediate(resolve));

/**
 * Lists the scope (unless known) and fetches every missing transcript, 100 calls a request, two
 * batches in flight so the rate limit, not the round trips, sets the pace. Each batch is stored as
 * soon as it arrives; cancelling (the signal) stops after the requests in flight and keeps what was stored.
 */
export async function runFetch(apiIn: GongApi, backend: SearchBackend, plan: FetchPlan, opts: { signal?: AbortSignal; now: () => number; onProgress?: (p: FetchProgress) => void; listOnly?: boolean } = { now: Date.now }): Promise<FetchOutcome> {
  const api = new CountingApi(apiIn);
  const { signal } = opts;
  const callData = new Map<string, Obj>();
  let ids = plan.callIds;
  let cancelled = false;
  const report = (p: Omit<FetchProgress, 'requests'>) => opts.onProgress?.({ ...p, requests: plan.spent + api.count });
  // Missing calls wait here for a transcript request; a range's are queued page by page as it is
  // listed, so transcripts are fetched (and indexed) while the listing goes on and the rate limit,
  // not the two phases one after the other, sets the pace.
  const queue: string[] = [];
  const queued = new Set<string>();
  let listing = !ids && !opts.listOnly;
  let waiters: Array<() => void> = [];
  const wake = (): void => { const w = waiters; waiters = []; for (const f of w) f(); };
  let done = 0;
  let fetched = 0;
  let total = ids?.length ?? plan.total;
  const enqueue = (batchIds: readonly string[], stored: ReadonlySet<string>): void => {
    for (const id of batchIds) {
      if (stored.has(id)) { done++; continue; }
      if (!queued.has(id)) { queued.add(id); queue.push(id); }
    }
    if (queue.length >= BATCH) wake();
  };
  const nextBatch = async (): Promise<string[] | undefined> => {
    for (;;) {
      if (aborted(signal)) { cancelled = true; return undefined; }
      if (failure) return undefined;
      if (queue.length >= BATCH || (!listing && queue.length > 0)) return queue.splice(0, BATCH);
      if (!listing) return undefined;
      await new Promise<void>(resolve => waiters.push(resolve));
    }
  };
  const worker = async (): Promise<void> => {
    for (let batch = await nextBatch(); batch; batch = await nextBatch()) {
      const needData = batch.filter(id => !callData.has(id));
      const [transcripts, data] = await Promise.all([
        fetchTranscripts(api, batch, signal),
        needData.length ? fetchCallData(api, needData, signal) : Promise.resolve(new Map<string, Obj>()),
      ]);
      // One call at a time, yielding in between, so the host thread is never held for a whole batch.
      const encoded: string[] = [];
      for (const id of batch) {
        encoded.push(JSON.stringify(storedCallOf(id, transcripts.get(id), data.get(id) ?? callData.get(id))));
        transcripts.delete(id);
        await yieldToHost();
      }
      const added = await backend.putJson(encoded);
      fetched += added;
      for (const id of batch) callData.delete(id);
      done += batch.length;
      // While listing, the listing's progress is what is shown.
      if (!listing) report({ phase: 'fetching', done, total });
    }
  };
  // A failed batch is kept (not left unhandled while the listing goes on) and thrown by finish().
  let failure: { error: unknown } | undefined;
  const workers: Array<Promise<void>> = [];
  const startWorkers = (): void => {
    if (opts.listOnly || workers.length) return;
    for (let i = 0; i < 2; i++) workers.push(worker().catch((e: unknown) => { failure ??= { error: e }; }));
  };
  const finish = async (): Promise<FetchOutcome> => {
    await Promise.all(workers);
    if (failure) {
      if (!aborted(signal)) throw failure.error;
      cancelled = true;
    }
    return { callIds: ids ?? [], fetched, requests: plan.spent + api.count, cancelled: cancelled || aborted(signal) };
  };
  if (!ids) {
    const range = plan.scope as Extract<SearchScope, { kind: 'range' }>;
    const listedAt = opts.now();
    const listed: string[] = [];
    let page: ListPage | undefined = plan.firstPage;
    let cursor: string | undefined;
    // Which listed calls are stored is asked page by page, in order, without holding up the listing.
    let storedAsked: Promise<void> = Promise.resolve();
    startWorkers();
    try {
      if (!page) { const first = pageOf(await api.request(rangeListRequest(range), signal)); page = first; }
      for (;;) {
        const pageIds: string[] = [];
        for (const c of page.calls) { const id = idOf(c); if (id) { listed.push(id); pageIds.push(id); callData.set(id, c); } }
        if (listing) storedAsked = storedAsked.then(async () => enqueue(pageIds, new Set(await backend.storedOf(pageIds))));
        report({ phase: 'listing', done: listed.length, total: Math.max(plan.total, listed.length) });
        cursor = page.cursor;
        if (!cursor) break;
        if (aborted(signal)) { cancelled = true; break; }
        if (failure) throw failure.error;
        page = pageOf(await api.request(rangeListRequest(range, cursor), signal));
      }
      await storedAsked;
    } catch (e) {
      listing = false;
      wake();
      await Promise.all(workers);
      if (aborted(signal)) { cancelled = true; return finish(); }
      throw e;
    }
    ids = [...new Set(listed)];
    total = ids.length;
    const key = scopeKey(plan.scope);
    if (!cancelled && key) await backend.saveScope(key, ids, listedAt);
    if (cancelled) { listing = false; wake(); return finish(); }
  } else if (plan.scope.kind === 'folder') {
    const key = scopeKey(plan.scope);
    if (key) await backend.saveScope(key, ids, opts.now());
  }
  // "Search stored only": the scope's ids are known now; nothing more is fetched.
  if (opts.listOnly) return { callIds: ids, fetched: 0, requests: plan.spent + api.count, cancelled: false };
  if (workers.length === 0) enqueue(ids, new Set(await backend.storedOf(ids)));
  // The fetching progress (reported before the last batches are released, so a cancel there keeps them unsent).
  report({ phase: 'fetching', done, total });
  listing = false;
  startWorkers();
  wake();
  return finish();
}

async function fetchCallData(api: GongApi, callIds: readonly string[], signal?: AbortSignal): Promise<Map<string, Obj>> {
  const out = new Map<string, Obj>();
  for await (const page of api.pages(callDataRequest(callIds), signal)) {
    for (const c of objs(obj(page.data)?.['calls'])) { const id = idOf(c); if (id) out.set(id, c); }
  }
  return out;
}
