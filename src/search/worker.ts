/**
 * The search worker thread: owns the SQLite store so indexing and queries never run on the
 * extension host's thread. Messages are `{ id, method, args }`; answers `{ id, result }` or
 * `{ id, error }`. Pure: no vscode.
 */
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { SearchStore, type StoredCall } from './store';

export type WorkerMethod = 'storedOf' | 'storedBetween' | 'putJson' | 'scope' | 'saveScope' | 'search' | 'get' | 'stats' | 'clear' | 'close';
export interface WorkerRequest { id: number; method: WorkerMethod; args: unknown[] }
export type WorkerAnswer = { id: number; result: unknown } | { id: number; error: string };

const path = (workerData as { path: string }).path;
let store: SearchStore | undefined;
let openError: string | undefined;
/** Time spent storing and indexing, reported by stats (the benchmark's indexing figure). */
let putMs = 0;
try { store = new SearchStore(path); } catch (e) { openError = e instanceof Error ? e.message : String(e); }

function fileBytes(): number {
  let n = 0;
  for (const f of [path, `${path}-wal`]) { try { n += statSync(f).size; } catch { /* absent */ } }
  return n;
}

parentPort?.on('message', (msg: WorkerRequest) => {
  let answer: WorkerAnswer;
  try {
    if (!store) throw new Error(openError ?? 'The search store is closed.');
    const s = store;
    const a = msg.args as [never, never, never];
    let result: unknown;
    switch (msg.method) {
      case 'storedOf': result = s.storedOf(a[0]); break;
      case 'storedBetween': result = s.storedBetween(a[0], a[1], a[2]); break;
      case 'putJson': { const t = performance.now(); result = s.put((a[0] as string[]).map(c => JSON.parse(c) as StoredCall)); putMs += performance.now() - t; break; }
      case 'scope': result = s.scope(a[0]); break;
      case 'saveScope': result = s.saveScope(a[0], a[1], a[2]); break;
      case 'search': result = s.search(a[0], a[1]); break;
      case 'get': result = s.get(a[0]); break;
      case 'clear': result = s.clear(); break;
      case 'stats': result = { ...s.stats(fileBytes()), indexMs: Math.round(putMs) }; break;
      case 'close': s.checkpoint(); s.close(); store = undefined; openError = 'The search store is closed.'; break;
      default: throw new Error(`unknown method ${String(msg.method)}`);
    }
    answer = { id: msg.id, result };
  } catch (e) {
    answer = { id: msg.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(answer);
});
