/**
 * The two ways to reach a store: a worker thread (the extension, the benchmark) or the same thread
 * (unit tests of the store itself). Both implement SearchBackend. Pure: no vscode.
 */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { SearchBackend } from './fetch';
import type { ParsedQuery } from './query';
import { SearchStore, type SearchOptions, type SearchResult, type StoreStats, type StoredCall, type StoredScope } from './store';
import type { WorkerAnswer, WorkerMethod } from './worker';

/** The store in a worker thread; `workerFile` is the built worker (dist/searchWorker.js or out/src/search/worker.js). */
export class WorkerBackend implements SearchBackend {
  private readonly worker: Worker;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private failure: Error | undefined;

  constructor(workerFile: string, readonly path: string) {
    this.worker = new Worker(workerFile, { workerData: { path } });
    this.worker.unref();
    this.worker.on('message', (a: WorkerAnswer) => {
      const w = this.waiting.get(a.id);
      if (!w) return;
      this.waiting.delete(a.id);
      if ('error' in a) w.reject(new Error(a.error)); else w.resolve(a.result);
    });
    const fail = (e: Error) => {
      this.failure = e;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', code => fail(new Error(`The search worker stopped (exit code ${code}).`)));
  }

  private call<T>(method: WorkerMethod, ...args: unknown[]): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, method, args });
    });
  }

  storedOf(callIds: readonly string[]): Promise<string[]> { return this.call('storedOf', callIds); }
  storedBetween(from: number, to: number, workspaceId?: string): Promise<number> { return this.call('storedBetween', from, to, workspaceId); }
  putJson(calls: readonly string[]): Promise<number> { return this.call('putJson', calls); }
  scope(key: string): Promise<StoredScope | undefined> { return this.call('scope', key); }
  saveScope(key: string, callIds: readonly string[], listedAt: number): Promise<void> { return this.call('saveScope', key, callIds, listedAt); }
  search(q: ParsedQuery, opts?: SearchOptions): Promise<SearchResult> { return this.call('search', q, opts); }
  get(callId: string): Promise<StoredCall | undefined> { return this.call('get', callId); }
  stats(): Promise<StoreStats> { return this.call('stats'); }
  clear(): Promise<number> { return this.call('clear'); }
  async close(): Promise<void> {
    try { await this.call('close'); } catch { /* already stopped */ }
    await this.worker.terminate();
  }
}

/** The store on the calling thread (tests). */
export class InProcessBackend implements SearchBackend {
  readonly store: SearchStore;
  constructor(readonly path: string) { this.store = new SearchStore(path); }
  async storedOf(callIds: readonly string[]): Promise<string[]> { return this.store.storedOf(callIds); }
  async storedBetween(from: number, to: number, workspaceId?: string): Promise<number> { return this.store.storedBetween(from, to, workspaceId); }
  async putJson(calls: readonly string[]): Promise<number> { return this.store.put(calls.map(c => JSON.parse(c) as StoredCall)); }
  async scope(key: string): Promise<StoredScope | undefined> { return this.store.scope(key); }
  async saveScope(key: string, callIds: readonly string[], listedAt: number): Promise<void> { this.store.saveScope(key, callIds, listedAt); }
  async search(q: ParsedQuery, opts?: SearchOptions): Promise<SearchResult> { return this.store.search(q, opts); }
  async get(callId: string): Promise<StoredCall | undefined> { return this.store.get(callId); }
  async stats(): Promise<StoreStats> {
    let bytes = 0;
    for (const f of [this.path, `${this.path}-wal`]) { try { bytes += statSync(f).size; } catch { /* absent */ } }
    return this.store.stats(bytes);
  }
  async clear(): Promise<number> { return this.store.clear(); }
  async close(): Promise<void> { this.store.checkpoint(); this.store.close(); }
}
