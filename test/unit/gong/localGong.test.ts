// The client against the local Gong (the HTTP stand-in for Gong), for what a hand-written test
// server cannot show: Gong's own routes, scopes, cursors, 404-for-empty, bare-number ids and faults.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalGong } from '../../../src/localGong/index';
import type { LocalGongHandle } from '../../../src/localGong/index';
import { GongClient } from '../../../src/gong/client';
import type { GongClientOptions } from '../../../src/gong/client';
import { GongError } from '../../../src/gong/errors';
import { collectPages } from '../../../src/gong/paging';
import { RequestScheduler } from '../../../src/gong/scheduler';
import type { GongAuth } from '../../../src/gong/types';

describe('gong: GongClient against the local Gong', function () {
  this.timeout(20_000);
  let gong: LocalGongHandle;
  let scheduler: RequestScheduler;
  let limitedToken: string;
  const from = new Date(Date.now() - 60 * 86_400_000);
  // Stats refuse a toDate after today in the company's time zone; yesterday in UTC never is.
  const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const basicOf = (g: LocalGongHandle): GongAuth => ({ kind: 'basic', accessKey: g.accessKey, accessKeySecret: g.accessKeySecret });
  const client = (options: GongClientOptions = {}, auth: GongAuth = basicOf(gong)) =>
    new GongClient({ baseUrl: gong.baseUrl, auth }, { scheduler, retryBaseDelayMs: 10, ...options });

  before(async () => {
    gong = await startLocalGong({ seed: 7, users: 250, calls: 600, rateLimit: false });
    limitedToken = gong.addToken(['api:logs:read']);
  });
  after(async () => { await gong.close(); });
  beforeEach(() => { scheduler = new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 4 }); });
  afterEach(() => scheduler.dispose());

  it('authenticates with the access key pair and with a bearer token; a wrong secret is kind auth', async () => {
    assert.equal((await client().request({ method: 'GET', path: '/v2/crm/integrations' })).status, 200);
    assert.equal((await client({}, { kind: 'bearer', token: gong.bearerToken }).request({ method: 'GET', path: '/v2/crm/integrations' })).status, 200);
    await assert.rejects(client({}, { kind: 'basic', accessKey: gong.accessKey, accessKeySecret: 'wrong' }).request({ method: 'GET', path: '/v2/crm/integrations' }),
      (e: unknown) => GongError.is(e, 'auth') && e.status === 401 && typeof e.requestId === 'string');
  });

  it('names the scope a bearer token lacks', async () => {
    const api = client({}, { kind: 'bearer', token: limitedToken });
    await assert.rejects(api.request({ method: 'GET', path: '/v2/crm/integrations' }), (e: unknown) => GongError.is(e, 'missingScope') && e.scope === 'api:crm:integrations:read');
    const logs = await api.request({ method: 'GET', path: '/v2/logs', query: { logType: 'UserCallPlay', fromDateTime: from.toISOString() }, emptyOn404: true });
    assert.equal(logs.status === 200 || logs.empty === true, true);
  });

  it('pages GET /v2/logs to the end (cursor in the query) and gets every record exactly once', async () => {
    const res = await collectPages<{ eventTime: string; userId: string }>(client(), { method: 'GET', path: '/v2/logs', query: { logType: 'AccessLog', fromDateTime: new Date(Date.now() - 5 * 86_400_000).toISOString() } }, 'logEntries');
    assert.ok(res.pages > 2, `pages ${res.pages}`);
    assert.equal(res.complete, true);
    assert.equal(res.items.length, res.totalRecords);
    assert.equal(new Set(res.items.map(e => JSON.stringify(e))).size, res.items.length);
  });

  it('pages a POST stats read to the end (cursor in the body) with the filter unchanged', async () => {
    const filter = { fromDate: from.toISOString().slice(0, 10), toDate: yesterday() };
    const res = await collectPages<{ userId: string }>(client(), { method: 'POST', path: '/v2/stats/activity/aggregate', retrySafe: true, body: { filter } }, 'usersAggregateActivityStats');
    assert.ok(res.pages >= 3, `pages ${res.pages}`);
    assert.equal(res.items.length, res.totalRecords);
    assert.equal(new Set(res.items.map(u => u.userId)).size, res.items.length);
  });

  it('lists every user over GET cursors and every call over POST /v2/calls/extensive cursors, ids as exact strings', async () => {
    const users = await collectPages<{ id: string }>(client(), { method: 'GET', path: '/v2/users' }, 'users');
    assert.equal(users.pages, 3);
    assert.deepEqual(users.items.map(u => u.id).sort(), gong.world.users.map(u => u.id).sort());
    assert.ok(users.items.every(u => typeof u.id === 'string' && /^\d{15,20}$/.test(u.id)));
    const calls = await collectPages<{ metaData: { id: string } }>(client(), {
      method: 'POST', path: '/v2/calls/extensive', retrySafe: true,
      body: { filter: { fromDateTime: '2000-01-01T00:00:00Z' }, contentSelector: { context: 'None' } },
    }, 'calls');
    assert.ok(calls.pages >= 6, `pages ${calls.pages}`);
    assert.equal(calls.items.length, calls.totalRecords);
    assert.equal(new Set(calls.items.map(c => c.metaData.id)).size, calls.items.length);
    assert.ok(calls.items.every(c => gong.world.callsById.has(c.metaData.id)));
  });

  it('treats GET /v2/calls with nothing in range as an empty list', async () => {
    const q = { fromDateTime: '2001-01-01T00:00:00Z', toDateTime: '2001-01-02T00:00:00Z' };
    const res = await client().request({ method: 'GET', path: '/v2/calls', query: q, emptyOn404: true });
    assert.equal(res.empty, true);
    await assert.rejects(client().request({ method: 'GET', path: '/v2/calls', query: q }), (e: unknown) => GongError.is(e, 'notFound'));
  });

  it('creates a call and streams its media file as multipart (PUT /v2/calls/:id/media)', async () => {
    const api = client();
    const user = gong.world.users[0]!;
    const created = await api.request<{ callId: string }>({ method: 'POST', path: '/v2/calls', body: {
      clientUniqueId: `client-test-${Date.now()}`, actualStart: new Date().toISOString(), direction: 'Outbound', primaryUser: user.id,
      parties: [{ userId: user.id }, { emailAddress: 'guest@example.com' }],
    } });
    const callId = created.data.callId;
    assert.match(callId, /^\d{15,20}$/);
    const dir = await mkdtemp(join(tmpdir(), 'gong-media-'));
    try {
      const file = join(dir, 'call.mp3');
      await writeFile(file, Buffer.alloc(5 * 1024 * 1024, 1));
      const up = await api.request<{ callId: string }>({ method: 'PUT', path: `/v2/calls/${callId}/media`, multipart: { files: { mediaFile: { path: file } } } });
      assert.equal(up.status, 201);
      assert.equal(up.data.callId, callId);
      assert.equal((gong.world.callsById.get(callId) as unknown as { mediaStatus?: string } | undefined)?.mediaStatus, 'UPLOADED');
    } finally { await rm(dir, { recursive: true, force: true }); }
  });

  it('maps the "nothing found" 404 to an empty result when the request says so', async () => {
    const q = { logType: 'AccessLog', fromDateTime: '2001-01-01T00:00:00Z', toDateTime: '2001-01-02T00:00:00Z' };
    const res = await client().request({ method: 'GET', path: '/v2/logs', query: q, emptyOn404: true });
    assert.equal(res.empty, true);
    assert.equal(typeof res.requestId, 'string');
    await assert.rejects(client().request({ method: 'GET', path: '/v2/logs', query: q }), (e: unknown) => GongError.is(e, 'notFound'));
  });

  it('keeps the bare-number integrationId exact through register, list, delete and status', async () => {
    const api = client();
    const put = await api.request<{ integrationId: string }>({ method: 'PUT', path: '/v2/crm/integrations', body: { name: 'Client test CRM', ownerEmail: 'owner@example.com' } });
    const id = put.data.integrationId;
    assert.match(id, /^\d{19,20}$/);
    const listed = await api.request<{ integrations: Array<{ integrationId: string }> }>({ method: 'GET', path: '/v2/crm/integrations' });
    assert.equal(listed.data.integrations[0]?.integrationId, id);
    const entities = await api.request<{ crmObjectsMap: Record<string, unknown> }>({ method: 'GET', path: '/v2/crm/entities', query: { integrationId: id, objectType: 'ACCOUNT' }, body: ['acc-1', 'acc-2'] });
    assert.deepEqual(Object.keys(entities.data.crmObjectsMap), ['acc-1', 'acc-2']);
    await assert.rejects(api.request({ method: 'GET', path: '/v2/crm/entities', query: { integrationId: id, objectType: 'ACCOUNT' } }), (e: unknown) => GongError.is(e, 'invalidRequest') && e.status === 415);

    const dir = await mkdtemp(join(tmpdir(), 'gong-crm-'));
    try {
      const file = join(dir, 'accounts.ldjson');
      await writeFile(file, `${JSON.stringify({ objectId: 'acc-1', modifiedDate: '2026-01-01T00:00:00+00:00', isDeleted: false, name: 'Acme' })}\n`);
      const upload = { method: 'POST' as const, path: '/v2/crm/entities', query: { integrationId: id, objectType: 'ACCOUNT', clientRequestId: 'client-test-1' }, multipart: { files: { dataFile: { path: file } } } };
      assert.equal((await api.request(upload)).status, 201);
      await assert.rejects(api.request(upload), (e: unknown) => GongError.is(e, 'conflict') && e.status === 409);
    } finally { await rm(dir, { recursive: true, force: true }); }

    const del = await api.request({ method: 'DELETE', path: '/v2/crm/integrations', query: { integrationId: id, clientRequestId: 'client-test-del' } });
    assert.equal(del.status, 201);
    const status = await api.request<{ status: string }>({ method: 'GET', path: '/v2/crm/request-status', query: { integrationId: id, clientRequestId: 'client-test-del' } });
    assert.ok(['PENDING', 'IN_PROGRESS', 'DONE'].includes(status.data.status), status.data.status);
  });

  it('sends a query-only POST with a + phone number the server reads back intact', async () => {
    const res = await client().request({ method: 'POST', path: '/v2/data-privacy/erase-data-for-phone-number', query: { phoneNumber: '+1 415 555 0100' } });
    assert.equal(res.status, 200);
    assert.ok([...gong.world.erasedPhones].some(p => p.replace(/\D/g, '') === '14155550100'), [...gong.world.erasedPhones].join(','));
  });

  it('sends hyphenated query names (GET /v2/coaching workspace-id / manager-id)', async () => {
    const manager = gong.world.users.find(u => gong.world.users.some(x => x.managerId === u.id));
    assert.ok(manager);
    const res = await client().request({ method: 'GET', path: '/v2/coaching', query: { 'workspace-id': gong.world.workspaces[0]!.id, 'manager-id': manager.id, from: from.toISOString(), to: new Date().toISOString() } });
    assert.equal(res.status, 200);
  });

  it('creates and deletes a meeting (DELETE with a JSON body); a disconnected provider is a conflict with Gong\'s extra keys', async () => {
    const api = client();
    const start = new Date(Date.now() + 86_400_000);
    const body = (email: string) => ({ startTime: start.toISOString(), endTime: new Date(start.getTime() + 1_800_000).toISOString(), organizerEmail: email, invitees: [{ email: 'guest@example.com' }] });
    let created: { meetingId: string; email: string } | undefined;
    let conflict: GongError | undefined;
    for (const u of gong.world.users.slice(0, 80)) {
      try {
        const r = await api.request<{ meetingId: string }>({ method: 'POST', path: '/v2/meetings', body: body(u.emailAddress) });
        created ??= { meetingId: r.data.meetingId, email: u.emailAddress };
      } catch (e) {
        if (!GongError.is(e, 'conflict')) throw e;
        conflict ??= e;
      }
      if (created && conflict) break;
    }
    assert.ok(created && conflict, 'expected one organizer with and one without a connected provider');
    assert.ok(conflict.userFacingError && conflict.fixUrl);
    const del = await api.request<{ organizerEmail: string }>({ method: 'DELETE', path: `/v2/meetings/${created.meetingId}`, body: { organizerEmail: created.email } });
    assert.equal(del.data.organizerEmail.toLowerCase(), created.email.toLowerCase());
    await assert.rejects(api.request({ method: 'DELETE', path: `/v2/meetings/${created.meetingId}`, body: { organizerEmail: created.email } }), (e: unknown) => GongError.is(e, 'notFound'));
  });

  it('waits out a 429 Retry-After and retries safe requests; never repeats an unsafe one', async () => {
    gong.faults.add({ method: 'GET', path: '/v2/crm/integrations', status: 429, retryAfter: 1, times: 1 });
    const t0 = performance.now();
    const res = await client().request({ method: 'GET', path: '/v2/crm/integrations' });
    const waited = performance.now() - t0;
    assert.equal(res.retries, 1);
    assert.ok(waited >= 990 && waited < 1800, `waited ${waited}`);

    gong.faults.add({ method: 'POST', path: '/v2/stats/activity/aggregate', status: 500, times: 2 });
    const filter = { fromDate: from.toISOString().slice(0, 10), toDate: yesterday() };
    const ok = await client().request({ method: 'POST', path: '/v2/stats/activity/aggregate', retrySafe: true, body: { filter } });
    assert.equal(ok.retries, 2);

    gong.faults.add({ method: 'POST', path: '/v2/data-privacy/erase-data-for-email-address', status: 503, times: 1 });
    const before = gong.requestCount;
    await assert.rejects(client().request({ method: 'POST', path: '/v2/data-privacy/erase-data-for-email-address', query: { emailAddress: 'x@example.com' } }), (e: unknown) => GongError.is(e, 'server'));
    assert.equal(gong.requestCount - before, 1);

    gong.faults.add({ method: 'GET', path: '/v2/crm/integrations', status: 0, destroySocket: true, times: 1 });
    assert.equal((await client().request({ method: 'GET', path: '/v2/crm/integrations' })).retries, 1);
  });

  it('times out on a slow answer', async () => {
    gong.faults.add({ method: 'GET', path: '/v2/crm/integrations', status: 200, delayMs: 1500, times: 1 });
    await assert.rejects(client({ timeoutMs: 200 }).request({ method: 'GET', path: '/v2/crm/integrations' }), (e: unknown) => GongError.is(e, 'timeout'));
  });
});

describe('gong: pacing against the local Gong\'s 3 requests/s limit', function () {
  this.timeout(20_000);
  it('sends 10 requests without a single 429 and close to the 3/s floor', async () => {
    const gong = await startLocalGong({ seed: 3, users: 20, calls: 5, rateLimit: { perSecond: 3, daily: 1000 } });
    const scheduler = new RequestScheduler({ requestsPerSecond: 3 });
    let pauses = 0;
    scheduler.onDidChange(s => { if (s.rateLimitedUntil !== undefined) pauses++; });
    try {
      const api = new GongClient({ baseUrl: gong.baseUrl, auth: { kind: 'basic', accessKey: gong.accessKey, accessKeySecret: gong.accessKeySecret } }, { scheduler, maxRetries: 0 });
      // Use up the server's burst allowance first, as a busy extension would have.
      await Promise.all([1, 2, 3].map(() => api.request({ method: 'GET', path: '/v2/crm/integrations' })));
      const t0 = performance.now();
      for (let i = 0; i < 10; i++) await api.request({ method: 'GET', path: '/v2/crm/integrations' });
      const elapsed = performance.now() - t0;
      assert.equal(pauses, 0);
      // 10 spacings of 1/3 s (plus the 1% margin); the upper bound leaves room for a loaded machine.
      assert.ok(elapsed >= 3300 && elapsed < 4200, `elapsed ${elapsed}`);
      assert.equal(scheduler.stats().requestsToday, 13);
    } finally {
      scheduler.dispose();
      await gong.close();
    }
  });
});
