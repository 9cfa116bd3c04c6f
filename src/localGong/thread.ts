/**
 * Starts the local Gong in a worker thread (worker.ts) and hands back its address and a close(). The
 * demo workspace runs it this way inside the extension host, so a slow or large answer is built on
 * the worker's thread and never freezes VS Code. No `vscode` here.
 */
import { Worker } from 'node:worker_threads';
import type { LocalGongOptions } from './index';

/** What the worker is started with (structured-cloned): options, and bearer tokens to give every scope. */
export interface WorkerStart {
  options: LocalGongOptions;
  /** Bearer tokens registered with every scope the local Gong knows (the list lives in the worker). */
  allScopeTokens: string[];
}

export type WorkerReply =
  | { type: 'ready'; baseUrl: string; threadId: number }
  | { type: 'failed'; message: string; code: string | undefined }
  | { type: 'closed' };

export interface ThreadedLocalGong {
  baseUrl: string;
  /** The worker's thread id (never 0, the main thread's). */
  threadId: number;
  /** Stops the server and ends the worker; resolves when the thread has exited. */
  close(): Promise<void>;
  /** Called once if the worker ends without close() (a crash): the server is gone. */
  onUnexpectedExit?: (error: Error) => void;
}

/** An error from the worker's start, with the Node error code (`EADDRINUSE` when the port is taken). */
export class LocalGongThreadError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message);
  }
}

/** Starts the worker; rejects when the server cannot listen, the worker dies or nothing is heard within `timeoutMs`. */
export function startLocalGongThread(workerFile: string, start: WorkerStart, timeoutMs = 60_000): Promise<ThreadedLocalGong> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: start });
    let handle: ThreadedLocalGong | undefined;
    let closing: Promise<void> | undefined;
    let settled = false;
    let reported = false;
    const lost = (e: Error): void => {
      if (reported || !handle || closing !== undefined) return;
      reported = true;
      handle.onUnexpectedExit?.(e);
    };
    const timer = setTimeout(() => fail(new LocalGongThreadError(`the local Gong worker did not start within ${timeoutMs} ms`, 'ETIMEDOUT')), timeoutMs);
    const fail = (e: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      reject(e);
    };
    worker.on('message', (m: WorkerReply) => {
      if (m.type === 'failed') fail(new LocalGongThreadError(m.message, m.code));
      else if (m.type === 'ready' && !settled) {
        settled = true;
        clearTimeout(timer);
        const exited = new Promise<void>(r => worker.once('exit', () => r()));
        handle = {
          baseUrl: m.baseUrl,
          threadId: m.threadId,
          close: () => {
            closing ??= (async () => {
              worker.postMessage({ type: 'close' });
              // A worker that does not finish closing within 10 s is ended.
              const t = setTimeout(() => void worker.terminate(), 10_000);
              await exited;
              clearTimeout(t);
            })();
            return closing;
          },
        };
        resolve(handle);
      }
    });
    worker.on('error', e => {
      if (!settled) fail(e);
      else lost(e);
    });
    worker.on('exit', code => {
      if (!settled) fail(new LocalGongThreadError(`the local Gong worker exited (code ${code}) before it listened`, undefined));
      else lost(new Error(`the local Gong worker exited (code ${code})`));
    });
  });
}
