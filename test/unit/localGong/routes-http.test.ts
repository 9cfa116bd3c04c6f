import * as assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { startLocalGong } from '../../../src/localGong/index';
import type { LocalGongHandle } from '../../../src/localGong/index';
import { flowsStateOf } from '../../../src/localGong/routes/flows';

/** The secondary routes over real HTTP: wire-level quirks that direct handler calls cannot show. */
describe('local Gong secondary routes over HTTP', () => {
  let gong: LocalGongHandle;
  let auth: string;
  const now = new Date('2025-06-15T18:00:00Z');

  before(async () => {
    gong = await startLocalGong({ rateLimit: false, seed: 11, users: 40, calls: 200, now });
    auth = `Basic ${Buffer.from(`${gong.accessKey}:${gong.accessKeySecret}`).toString('base64')}`;
  });
  after(async () => { await gong.close(); });

  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${gong.baseUrl}${path}`, {
      method,
      headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10000),
    });
    const text = await res.text();
    return { status: res.status, text, json: JSON.parse(text) as Record<string, unknown>, traceId: res.headers.get('x-traceid') };
  };

  /** fetch refuses a GET with a body, so GET /v2/crm/entities goes through node:http. */
  const getWithBody = (path: string, body: string | undefined): Promise<{ status: number; text: string }> => new Promise((resolve, reject) => {
    const url = new URL(path, gong.baseUrl);
    const req = httpRequest(url, { method: 'GET', headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }) }, timeout: 10000 }, res => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });

  it('writes integrationId as a bare 19-digit JSON number and keeps it exact through the CRM flow', async () => {
    const put = await send('PUT', '/v2/crm/integrations', { name: 'Wire CRM', ownerEmail: 'owner@example.com' });
    assert.equal(put.status, 200);
    const m = /"integrationId":(\d{19})[,}]/.exec(put.text);
    assert.ok(m, `bare number in ${put.text}`);
    const id = m[1]!;
    assert.equal(put.json.requestId, put.traceId);
    const list = await send('GET', '/v2/crm/integrations');
    assert.match(list.text, new RegExp(`"integrationId":${id}[,}]`));

    const noBody = await getWithBody(`/v2/crm/entities?integrationId=${id}&objectType=ACCOUNT`, undefined);
    assert.equal(noBody.status, 415);
    assert.match(noBody.text, /Unsupported Media Type/);

    const form = new FormData();
    form.set('dataFile', new Blob([`${JSON.stringify({ objectId: 'a-1', modifiedDate: '2025-05-01T00:00:00Z', name: 'Acme' })}\n`], { type: 'application/x-ndjson' }), 'accounts.ldjson');
    const up = await fetch(`${gong.baseUrl}/v2/crm/entities?integrationId=${id}&objectType=ACCOUNT&clientRequestId=wire-1`, { method: 'POST', headers: { authorization: auth }, body: form, signal: AbortSignal.timeout(10000) });
    assert.equal(up.status, 201);
    assert.equal(((await up.json()) as { clientRequestId: string }).clientRequestId, 'wire-1');
    const again = await fetch(`${gong.baseUrl}/v2/crm/entities?integrationId=${id}&objectType=ACCOUNT&clientRequestId=wire-1`, { method: 'POST', headers: { authorization: auth }, body: form, signal: AbortSignal.timeout(10000) });
    assert.equal(again.status, 409);
    await again.text();
    const st1 = await send('GET', `/v2/crm/request-status?integrationId=${id}&clientRequestId=wire-1`);
    const st2 = await send('GET', `/v2/crm/request-status?integrationId=${id}&clientRequestId=wire-1`);
    assert.deepEqual([st1.json.status, st2.json.status], ['IN_PROGRESS', 'DONE']);
    const read = await getWithBody(`/v2/crm/entities?integrationId=${id}&objectType=ACCOUNT`, JSON.stringify(['a-1', 'zz']));
    assert.equal(read.status, 200);
    assert.match(read.text, /"zz":null/);
    const del = await send('DELETE', `/v2/crm/integrations?integrationId=${id}&clientRequestId=wire-del`);
    assert.equal(del.status, 201);
  });

  it('writes task ids as bare numbers', async () => {
    const state = flowsStateOf(gong.world);
    const owner = gong.world.users.find(u => state.instances.some(x => x.ownerId === u.id && x.status === 'Running'));
    assert.ok(owner);
    const res = await send('POST', '/v2/tasks', { filter: { userId: owner.id, types: ['FLOW'], taskAction: ['CALL'], status: ['OPEN'] } });
    assert.equal(res.status, 200);
    assert.match(res.text, new RegExp(`"userId":${owner.id}[,}]`));
    assert.match(res.text, /"tasks":\[\{"id":\d{15,20},/);
  });

  it('sends the meeting DELETE body and the %2B phone number through', async () => {
    const organizer = gong.world.users.find(u => u.active)!;
    const status = await send('POST', '/v2/meetings/integration/status', { emails: [organizer.emailAddress] });
    const valid = (status.json.users as Array<{ valid: boolean }>)[0]!.valid;
    const created = await send('POST', '/v2/meetings', { startTime: '2025-06-20T16:00:00Z', endTime: '2025-06-20T16:30:00Z', organizerEmail: organizer.emailAddress, invitees: [{ email: 'a@b.example' }] });
    if (!valid) {
      assert.equal(created.status, 409);
      assert.equal(typeof created.json.userFacingError, 'string');
      return;
    }
    assert.equal(created.status, 200);
    const id = created.json.meetingId as string;
    const del = await send('DELETE', `/v2/meetings/${id}`, { organizerEmail: organizer.emailAddress });
    assert.equal(del.status, 200);
    const twice = await send('DELETE', `/v2/meetings/${id}`, { organizerEmail: organizer.emailAddress });
    assert.equal(twice.status, 404);
    assert.deepEqual(twice.json.errors, ['The given meeting ID was not found.']);
    const phone = gong.world.calls.flatMap(c => c.parties).find(p => p.phoneNumber)?.phoneNumber;
    if (phone) {
      const res = await send('GET', `/v2/data-privacy/data-for-phone-number?phoneNumber=${encodeURIComponent(phone)}`);
      assert.equal(res.status, 200);
      assert.ok((res.json.matchingPhoneNumbers as string[]).length > 0);
    }
  });

  it('stats page over HTTP with the cursor in the body; a token without the scope gets 401 naming it', async () => {
    const body = { filter: { fromDate: '2025-03-01', toDate: '2025-06-15' } };
    const first = await send('POST', '/v2/stats/activity/day-by-day', body);
    assert.equal(first.status, 200);
    const rec = first.json.records as { totalRecords: number; currentPageSize: number; cursor?: string };
    assert.equal(rec.currentPageSize, Math.min(100, rec.totalRecords));
    if (rec.cursor) {
      const second = await send('POST', '/v2/stats/activity/day-by-day', { ...body, cursor: rec.cursor });
      assert.equal(second.status, 200);
      assert.equal((second.json.records as { currentPageNumber: number }).currentPageNumber, 1);
    }
    const token = gong.addToken(['api:stats:user-actions']);
    const denied = await send('POST', '/v2/stats/activity/day-by-day', body, { authorization: `Bearer ${token}` });
    assert.equal(denied.status, 401);
    assert.deepEqual(denied.json.errors, ["You don't have permission to use 'api:stats:user-actions:detailed' in your app."]);
    const allowed = await send('POST', '/v2/stats/activity/aggregate', body, { authorization: `Bearer ${token}` });
    assert.equal(allowed.status, 200);
  });

  it('erasing an email through the query-only POST hides the person from the core call routes', async () => {
    const party = gong.world.calls.flatMap(c => c.parties).find(p => p.affiliation === 'External' && p.emailAddress);
    assert.ok(party?.emailAddress);
    const email = party.emailAddress;
    const before = await send('GET', `/v2/data-privacy/data-for-email-address?emailAddress=${encodeURIComponent(email)}`);
    const callIds = (before.json.calls as Array<{ id: string }>).map(c => c.id);
    assert.ok(callIds.length > 0);
    const erase = await fetch(`${gong.baseUrl}/v2/data-privacy/erase-data-for-email-address?emailAddress=${encodeURIComponent(email)}`, { method: 'POST', headers: { authorization: auth }, signal: AbortSignal.timeout(10000) });
    assert.equal(erase.status, 200);
    await erase.text();
    const after = await send('GET', `/v2/data-privacy/data-for-email-address?emailAddress=${encodeURIComponent(email)}`);
    assert.deepEqual(after.json.calls, []);
    const extensive = await send('POST', '/v2/calls/extensive', { filter: { callIds: callIds.slice(0, 5) }, contentSelector: {} });
    assert.equal(extensive.status, 200);
    assert.ok(!extensive.text.includes(email), 'the core call routes no longer show the address');
  });
});
