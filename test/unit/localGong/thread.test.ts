/**
 * The local Gong in a worker thread (how the demo workspace runs it inside the extension host): it
 * listens on its own thread, answers with every scope for the tokens it was given, refuses a taken
 * port with EADDRINUSE, and close() ends the thread.
 */
import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { LocalGongThreadError, startLocalGongThread } from '../../../src/localGong/thread';
import type { ThreadedLocalGong } from '../../../src/localGong/thread';

/** The tsc output of the worker (this file runs from out/test/unit/localGong). */
const WORKER = join(__dirname, '..', '..', '..', 'src', 'localGong', 'worker.js');

async function reachable(baseUrl: string): Promise<boolean> {
  try {
    await fetch(`${baseUrl}/v2/users`, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

describe('local Gong in a worker thread', function () {
  this.timeout(60_000);
  let gong: ThreadedLocalGong | undefined;
  afterEach(async () => { await gong?.close(); gong = undefined; });

  it('answers over HTTP from a thread of its own, with every scope for the given token', async () => {
    gong = await startLocalGongThread(WORKER, { options: { rateLimit: false, users: 20, calls: 30 }, allScopeTokens: ['demo_token_1'] });
    assert.match(gong.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(gong.threadId, threadId, 'not the thread that started it');
    assert.ok(gong.threadId > 0);
    for (const path of ['/v2/users', '/v2/workspaces', '/v2/settings/briefs']) {
      const ok: Response = await fetch(`${gong.baseUrl}${path}`, { headers: { authorization: 'Bearer demo_token_1' } });
      assert.equal(ok.status, 200, path);
    }
    const refused = await fetch(`${gong.baseUrl}/v2/users`, { headers: { authorization: 'Bearer other' } });
    assert.equal(refused.status, 401);
  });

  it('close() stops the server and ends the thread', async () => {
    const g = await startLocalGongThread(WORKER, { options: { rateLimit: false, users: 5, calls: 5 }, allScopeTokens: [] });
    assert.equal(await reachable(g.baseUrl), true);
    let lost = false;
    g.onUnexpectedExit = () => { lost = true; };
    await g.close();
    assert.equal(await reachable(g.baseUrl), false);
    assert.equal(lost, false, 'a requested close is not a crash');
    await g.close(); // twice is harmless
  });

  it('a taken port is refused with EADDRINUSE (the demo then takes any free port)', async () => {
    const blocker = createServer();
    await new Promise<void>(r => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as AddressInfo).port;
    try {
      await assert.rejects(
        startLocalGongThread(WORKER, { options: { port, rateLimit: false, users: 5, calls: 5 }, allScopeTokens: [] }),
        (e: unknown) => e instanceof LocalGongThreadError && e.code === 'EADDRINUSE',
      );
    } finally {
      await new Promise<void>(r => blocker.close(() => r()));
    }
  });

  it('options that cannot start a server are refused with the local Gong\'s own message', async () => {
    await assert.rejects(
      startLocalGongThread(WORKER, { options: { host: '0.0.0.0' }, allScopeTokens: [] }),
      /only listens on loopback/,
    );
  });
});
