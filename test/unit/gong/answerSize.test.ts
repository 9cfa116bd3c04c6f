import * as assert from 'node:assert/strict';
import { GongClient } from '../../../src/gong/client';
import { GongError } from '../../../src/gong/errors';
import { classify } from '../../../src/gong/failure';
import { RequestScheduler } from '../../../src/gong/scheduler';
import { sendJson, startTestServer } from './testServer';
import type { TestServer } from './testServer';

describe('gong: answer size cap', function () {
  this.timeout(20_000);
  let server: TestServer;
  let scheduler: RequestScheduler;
  const client = (maxResponseBytes: number) => new GongClient(
    { baseUrl: server.baseUrl, auth: { kind: 'bearer', token: 't' } },
    { scheduler, retryBaseDelayMs: 10, maxResponseBytes },
  );

  beforeEach(async () => {
    server = await startTestServer();
    scheduler = new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 4 });
  });
  afterEach(async () => {
    scheduler.dispose();
    await server.close();
  });

  it('refuses an answer whose Content-Length is over the cap, with a clear error and no retry', async () => {
    const big = JSON.stringify({ requestId: 'r', blob: 'x'.repeat(300_000) });
    server.handle((_r, res) => sendJson(res, 200, big, { 'content-length': String(Buffer.byteLength(big)) }));
    const err = await client(100_000).request({ method: 'GET', path: '/v2/users' }).then(() => undefined, (e: unknown) => e);
    assert.ok(GongError.is(err, 'tooLarge'), String(err));
    assert.match(err.message, /GET \/v2\/users: Gong's answer \(0\.3 MB\) is larger than the 0\.1 MB this client reads/);
    assert.match(classify(err).text, /too large/);
    assert.equal(server.requests.length, 1, 'a too-large answer is not asked for again');
  });

  it('stops reading a chunked answer (no Content-Length) as soon as it passes the cap', async () => {
    let written = 0;
    let closed = false;
    server.handle((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.on('close', () => { closed = true; });
      res.write('{"requestId":"r","blob":"');
      // Keeps sending 64 KB pieces up to 50 MB unless the client hangs up.
      const piece = 'y'.repeat(65_536);
      const pump = () => {
        while (!res.destroyed && written < 50_000_000) {
          written += piece.length;
          if (!res.write(piece)) { res.once('drain', pump); return; }
        }
        if (!res.destroyed) res.end('"}');
      };
      pump();
    });
    const err = await client(1_000_000).request({ method: 'GET', path: '/v2/calls' }).then(() => undefined, (e: unknown) => e);
    assert.ok(GongError.is(err, 'tooLarge'), String(err));
    assert.match(err.message, /over 1 MB/);
    for (let i = 0; i < 50 && !closed; i++) await new Promise(r => setTimeout(r, 20));
    assert.ok(closed, 'the connection was dropped');
    assert.ok(written < 20_000_000, `the server stopped early (${written} bytes written)`);
  });

  it('reads answers up to the cap whole, byte order mark dropped, ids exact', async () => {
    server.handle((_r, res) => sendJson(res, 200, '\ufeff{"requestId":"r","id":12345678901234567890,"s":"é ✓"}'));
    const res = await client(1_000).request<{ id: string; s: string }>({ method: 'GET', path: '/v2/users' });
    assert.equal(res.data.id, '12345678901234567890');
    assert.equal(res.data.s, 'é ✓');
  });
});
