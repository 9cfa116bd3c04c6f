/**
 * Proxies, through a real proxy: a small forwarding / CONNECT proxy on 127.0.0.1 that counts what it
 * forwarded, in front of the local Gong; once from the client, once from the `gong` CLI process.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { GongClient } from '../../../src/gong/client';
import { GongError } from '../../../src/gong/errors';
import { describeProxy, isLoopbackUrl, planProxy, proxyDispatcher } from '../../../src/gong/proxy';
import { RequestScheduler } from '../../../src/gong/scheduler';
import { startLocalGong } from '../../../src/localGong/index';
import type { LocalGongHandle } from '../../../src/localGong/index';

interface TestProxy {
  url: string;
  /** "GET http://127.0.0.1:1234/v2/users" per request forwarded. */
  forwarded: string[];
  /** "host:port" per CONNECT tunnel opened. */
  tunnels: string[];
  /** Proxy-Authorization headers seen. */
  auth: Array<string | undefined>;
  close(): Promise<void>;
}

async function startProxy(): Promise<TestProxy> {
  const forwarded: string[] = [];
  const tunnels: string[] = [];
  const auth: Array<string | undefined> = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    forwarded.push(`${req.method} ${req.url}`);
    auth.push(req.headers['proxy-authorization']);
    let target: URL;
    try { target = new URL(req.url ?? ''); } catch { res.writeHead(400); res.end(); return; }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const up = httpRequest({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers }, upRes => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    });
    up.on('error', () => { if (!res.headersSent) res.writeHead(502); res.end(); });
    req.pipe(up);
  });
  server.on('connection', s => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  server.on('connect', (req, socket: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const up = connect(Number(port), host ?? '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    sockets.add(up);
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, forwarded, tunnels, auth,
    close: () => new Promise<void>(r => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

describe('gong: proxies', function () {
  this.timeout(60_000);
  let gong: LocalGongHandle;
  let proxy: TestProxy;
  let scheduler: RequestScheduler;
  const client = (env: Record<string, string>, extra: { proxy?: string; noProxy?: string[] } = {}) => new GongClient(
    { baseUrl: gong.baseUrl, auth: { kind: 'bearer', token: gong.bearerToken } },
    { scheduler, maxRetries: 0, dispatcher: proxyDispatcher(planProxy({ env, ...extra })) },
  );
  before(async () => { gong = await startLocalGong({ rateLimit: false, users: 5, calls: 5 }); });
  after(async () => { await gong.close(); });
  beforeEach(async () => {
    proxy = await startProxy();
    scheduler = new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 4 });
  });
  afterEach(async () => {
    scheduler.dispose();
    await proxy.close();
  });

  it('plans from VS Code settings first, else the environment, and names a bad proxy without its password', () => {
    assert.equal(planProxy({ env: {} }), undefined);
    const env = planProxy({ env: { HTTPS_PROXY: 'http://corp:3128', no_proxy: 'internal.example' } });
    assert.deepEqual(env, { httpProxy: undefined, httpsProxy: 'http://corp:3128', noProxy: 'internal.example', strictSSL: true, source: 'environment' });
    assert.equal(planProxy({ env: { http_proxy: 'http://corp:3128' } })?.httpsProxy, 'http://corp:3128', 'HTTP_PROXY serves https too when HTTPS_PROXY is unset');
    const setting = planProxy({ proxy: 'http://user:pw@setting:8080', strictSSL: false, noProxy: ['a.example'], env: { HTTPS_PROXY: 'http://corp:3128', NO_PROXY: 'b.example' } });
    assert.equal(setting?.source, 'setting');
    assert.equal(setting?.httpsProxy, 'http://user:pw@setting:8080');
    assert.equal(setting?.noProxy, 'a.example,b.example');
    const line = describeProxy(setting);
    assert.match(line, /http:\/\/\*\*\*@setting:8080 from http\.proxy, except a\.example,b\.example, certificates not checked/);
    assert.ok(!line.includes('pw'));
    assert.throws(() => planProxy({ proxy: 'socks5://x:1', env: {} }), /http\.proxy uses socks5/);
    assert.throws(() => planProxy({ env: { HTTPS_PROXY: 'not a url' } }), /HTTPS_PROXY is not a URL/);
    assert.equal(isLoopbackUrl('http://127.0.0.1:4010'), true);
    assert.equal(isLoopbackUrl('https://us-1.api.gong.io'), false);
  });

  it('sends every request through HTTP_PROXY, answers unchanged', async () => {
    const api = client({ HTTP_PROXY: proxy.url });
    const users = await api.request<{ users: Array<{ id: string }> }>({ method: 'GET', path: '/v2/users' });
    await api.request({ method: 'GET', path: '/v2/workspaces' });
    await api.request({ method: 'POST', path: '/v2/calls/extensive', body: { filter: {} }, retrySafe: true });
    assert.deepEqual(proxy.forwarded, [`GET ${gong.baseUrl}/v2/users`, `GET ${gong.baseUrl}/v2/workspaces`, `POST ${gong.baseUrl}/v2/calls/extensive`]);
    assert.equal(users.data.users.length, 5);
    assert.ok(users.data.users.every(u => typeof u.id === 'string'));
  });

  it('follows the http.proxy setting over the environment, with the proxy credentials sent to the proxy only', async () => {
    const withAuth = proxy.url.replace('http://', 'http://alice:s3cret@');
    const api = client({ HTTP_PROXY: 'http://127.0.0.1:9' }, { proxy: withAuth });
    await api.request({ method: 'GET', path: '/v2/users' });
    assert.equal(proxy.forwarded.length, 1);
    assert.equal(proxy.auth[0], `Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
  });

  it('goes direct for hosts in NO_PROXY or http.noProxy', async () => {
    await client({ HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' }).request({ method: 'GET', path: '/v2/users' });
    await client({ HTTP_PROXY: proxy.url }, { noProxy: ['127.0.0.1'] }).request({ method: 'GET', path: '/v2/users' });
    assert.equal(proxy.forwarded.length + proxy.tunnels.length, 0);
  });

  it('tunnels https through CONNECT, and a dead proxy is a network error naming nothing secret', async () => {
    const port = new URL(gong.baseUrl).port;
    // The local Gong speaks plain HTTP, so the TLS handshake inside the tunnel fails: what matters is the CONNECT.
    const https = new GongClient({ baseUrl: `https://localhost:${port}`, auth: { kind: 'bearer', token: 't' } },
      { scheduler, maxRetries: 0, dispatcher: proxyDispatcher(planProxy({ env: { HTTPS_PROXY: proxy.url } })) });
    await assert.rejects(https.request({ method: 'GET', path: '/v2/users' }), (e: unknown) => GongError.is(e, 'network'));
    assert.deepEqual(proxy.tunnels, [`localhost:${port}`]);
    const dead = client({ HTTP_PROXY: 'http://bob:hunter2@127.0.0.1:9' });
    const err = await dead.request({ method: 'GET', path: '/v2/users' }).then(() => undefined, (e: unknown) => e);
    assert.ok(GongError.is(err, 'network'), String(err));
    assert.ok(!err.message.includes('hunter2'));
  });

  it('the gong CLI goes through HTTPS_PROXY / HTTP_PROXY from its environment', async () => {
    const cli = join(__dirname, '..', '..', '..', 'src', 'cli', 'gong.js');
    const run = (env: Record<string, string>) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
      const child = execFile(process.execPath, [cli, 'run', 'users.list', '--all-pages'], {
        timeout: 30_000,
        env: { PATH: process.env.PATH ?? '', GONG_BASE_URL: gong.baseUrl, GONG_BEARER_TOKEN: gong.bearerToken, GONG_REQUESTS_PER_SECOND: '200', ...env },
      }, (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') { reject(new Error(error.message, { cause: error })); return; }
        resolve({ code: child.exitCode ?? 0, stdout, stderr });
      });
    });
    const ok = await run({ http_proxy: proxy.url });
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as { users: unknown[] }).users.length, 5);
    assert.deepEqual(proxy.forwarded, [`GET ${gong.baseUrl}/v2/users`]);
    const bad = await run({ HTTPS_PROXY: 'ftp://x' });
    assert.equal(bad.code, 3, 'a bad proxy variable is a configuration error');
    assert.match(bad.stderr, /HTTPS_PROXY uses ftp/);
  });
});
