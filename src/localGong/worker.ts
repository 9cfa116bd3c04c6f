/**
 * The local Gong in a worker thread: started with `workerData` (see thread.ts), it answers HTTP on
 * its own event loop, so building a large answer never holds up the thread that started it (the
 * extension host, for the demo workspace). No `vscode` here.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import type { LocalGongHandle, LocalGongOptions } from './index';
import type { WorkerReply, WorkerStart } from './thread';

interface LocalGongModule {
  startLocalGong(options?: LocalGongOptions): Promise<LocalGongHandle>;
  ALL_SCOPES: readonly string[];
}

function isModuleNotFound(e: unknown): boolean {
  return e instanceof Error && (e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND';
}

/** dist/localGong.js beside the built worker (dist/localGongWorker.js), or ./index beside the tsc output. */
function load(): LocalGongModule {
  // Computed names so the bundler leaves both alone: the library ships once, as dist/localGong.js.
  const bundled = ['.', 'localGong.js'].join('/');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(bundled) as LocalGongModule;
  } catch (e) {
    if (!isModuleNotFound(e)) throw e;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(['.', 'index'].join('/')) as LocalGongModule;
  }
}

async function main(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('the local Gong worker must run in a worker thread');
  const start = workerData as WorkerStart;
  const reply = (m: WorkerReply): void => port.postMessage(m);
  let server: LocalGongHandle;
  try {
    const mod = load();
    const tokens = [...(start.options.tokens ?? []), ...start.allScopeTokens.map(token => ({ token, scopes: [...mod.ALL_SCOPES] }))];
    server = await mod.startLocalGong({ ...start.options, tokens });
  } catch (e) {
    reply({ type: 'failed', message: e instanceof Error ? e.message : String(e), code: (e as NodeJS.ErrnoException).code });
    port.close();
    return;
  }
  port.on('message', (m: { type?: string }) => {
    if (m?.type !== 'close') return;
    void server.close().finally(() => {
      reply({ type: 'closed' });
      port.close();
    });
  });
  reply({ type: 'ready', baseUrl: server.baseUrl, threadId });
}

void main();
