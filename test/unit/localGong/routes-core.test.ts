// The core route modules (calls, users, settings, library) over HTTP: filters, selection,
// validation messages, writes read back, and erased data staying gone.
import * as assert from 'node:assert/strict';
import type { LocalGongHandle } from '../../../src/localGong/index';
import { WORKSHOP_MARK } from '../../../src/localGong/text';
import { api, assertEnvelope, basicAuth, start } from './support';

interface ExtCall { metaData: { id: string; primaryUserId: string; workspaceId: string }; [k: string]: unknown }

describe('localGong: core routes', function () {
  this.timeout(30_000);
  let g: LocalGongHandle;
  const FROM = '2025-06-01T00:00:00Z';
  const TO = '2026-06-01T00:00:00Z';
  before(async () => { g = await start({ limits: { mediaBytes: 64 * 1024 } }); });
  after(async () => { await g.close(); });

  describe('GET /v2/calls', () => {
    it('takes optional dates (without them every call is listed, as Gong does), valid and in order when given', async () => {
      const all = await api(g, 'GET', '/v2/calls');
      assert.equal(all.status, 200);
      assert.equal((all.json.records as { totalRecords: number }).totalRecords, g.world.calls.length);
      const until = await api(g, 'GET', `/v2/calls?toDateTime=${TO}`);
      assert.equal(until.status, 200);
      const since = await api(g, 'GET', `/v2/calls?fromDateTime=${FROM}`);
      assert.ok(since.status === 200 || since.status === 404);
      assert.match(assertEnvelope(await api(g, 'GET', `/v2/calls?fromDateTime=yesterday&toDateTime=${TO}`), 400)[0]!, /fromDateTime/);
      assert.match(assertEnvelope(await api(g, 'GET', `/v2/calls?fromDateTime=2025-06-01T00:00:00&toDateTime=${TO}`), 400)[0]!, /fromDateTime/);
      assertEnvelope(await api(g, 'GET', `/v2/calls?fromDateTime=${TO}&toDateTime=${FROM}`), 400);
    });

    it('filters by a half-open date range and by workspace, oldest first', async () => {
      const mid = g.world.calls[50]!;
      const t = Date.parse(mid.started);
      const from = new Date(t).toISOString();
      const a = await api(g, 'GET', `/v2/calls?fromDateTime=${from}&toDateTime=${TO}`);
      const ids = (a.json.calls as Array<{ id: string; started: string }>);
      const expected = g.world.calls.filter(c => Date.parse(c.direction === 'Conference' && c.scheduled !== '' ? c.scheduled : c.started) >= t).length;
      assert.equal((a.json.records as { totalRecords: number }).totalRecords, expected);
      for (let i = 1; i < ids.length; i++) assert.ok(Date.parse(ids[i - 1]!.started) <= Date.parse(ids[i]!.started) + 3_600_000);
      const ws = g.world.workspaces[1]!.id;
      const inWs = await api(g, 'GET', `/v2/calls?fromDateTime=${FROM}&toDateTime=${TO}&workspaceId=${ws}`);
      assert.ok((inWs.json.calls as Array<{ workspaceId: string }>).every(c => c.workspaceId === ws));
      assert.equal((inWs.json.records as { totalRecords: number }).totalRecords, g.world.calls.filter(c => c.workspaceId === ws).length);
    });

    it('answers 404 for no calls and for an unknown call id', async () => {
      assert.deepEqual(assertEnvelope(await api(g, 'GET', '/v2/calls?fromDateTime=2020-01-01T00:00:00Z&toDateTime=2020-02-01T00:00:00Z'), 404), ['No calls found corresponding to the provided filters']);
      assert.deepEqual(assertEnvelope(await api(g, 'GET', '/v2/calls/1234567890123456789'), 404), ['Call ID 1234567890123456789 was not found']);
    });

    it('sends phone calls with a null scheduled time and conference calls with one', async () => {
      const phone = g.world.calls.find(c => c.direction !== 'Conference')!;
      const conf = g.world.calls.find(c => c.direction === 'Conference')!;
      assert.equal(((await api(g, 'GET', `/v2/calls/${phone.id}`)).json.call as { scheduled: unknown }).scheduled, null);
      assert.equal(typeof ((await api(g, 'GET', `/v2/calls/${conf.id}`)).json.call as { scheduled: unknown }).scheduled, 'string');
    });
  });

  describe('POST /v2/calls/extensive', () => {
    const call = (): { id: string } => g.world.calls.find(c => c.scope === 'External' && c.direction === 'Conference')!;
    it('returns only the selected parts', async () => {
      const a = await api(g, 'POST', '/v2/calls/extensive', { filter: { callIds: [call().id] }, contentSelector: { exposedFields: { content: { brief: true, keyPoints: true }, interaction: { questions: true } } } });
      const c = (a.json.calls as ExtCall[])[0]!;
      assert.deepEqual(Object.keys(c).sort(), ['content', 'interaction', 'metaData']);
      assert.deepEqual(Object.keys(c.content as object).sort(), ['brief', 'keyPoints']);
      assert.deepEqual(Object.keys(c.interaction as object), ['questions']);
      const bare = await api(g, 'POST', '/v2/calls/extensive', { filter: { callIds: [call().id] } });
      assert.deepEqual(Object.keys((bare.json.calls as ExtCall[])[0]!), ['metaData']);
    });

    it('gives tracker occurrences only with trackerOccurrences, and field values only with Extended context', async () => {
      const sel = (extra: Record<string, unknown>, context: string) => ({ filter: { callIds: [call().id] }, contentSelector: { context, exposedFields: { content: { trackers: true, ...extra } } } });
      const without = (await api(g, 'POST', '/v2/calls/extensive', sel({}, 'Basic'))).json.calls as ExtCall[];
      const trackers = (without[0]!.content as { trackers: Array<Record<string, unknown>> }).trackers;
      assert.ok(trackers.length > 0);
      assert.ok(trackers.every(t => !('occurrences' in t)));
      const basicCtx = without[0]!.context as Array<{ objects: Array<{ fields: unknown[] }> }>;
      assert.ok(basicCtx[0]!.objects.every(o => o.fields.length === 0));
      const withOcc = (await api(g, 'POST', '/v2/calls/extensive', sel({ trackerOccurrences: true }, 'Extended'))).json.calls as ExtCall[];
      assert.ok((withOcc[0]!.content as { trackers: Array<{ occurrences: unknown[] }> }).trackers.every(t => Array.isArray(t.occurrences)));
      assert.ok((withOcc[0]!.context as Array<{ objects: Array<{ fields: unknown[] }> }>)[0]!.objects.some(o => o.fields.length > 0));
    });

    it('filters by primaryUserIds and workspaceId, validates the filter, and answers 404 when empty', async () => {
      const host = g.world.calls[0]!.primaryUserId;
      const a = await api(g, 'POST', '/v2/calls/extensive', { filter: { primaryUserIds: [host] } });
      const calls = a.json.calls as ExtCall[];
      assert.equal(calls.length, g.world.calls.filter(c => c.primaryUserId === host).length);
      assert.ok(calls.every(c => c.metaData.primaryUserId === host));
      assert.match(assertEnvelope(await api(g, 'POST', '/v2/calls/extensive', {}), 400)[0]!, /filter/);
      assert.match(assertEnvelope(await api(g, 'POST', '/v2/calls/extensive', { filter: { callIds: 'x' } }), 400)[0]!, /callIds/);
      assert.match(assertEnvelope(await api(g, 'POST', '/v2/calls/extensive', { filter: {}, contentSelector: { context: 'All' } }), 400)[0]!, /context/);
      assertEnvelope(await api(g, 'POST', '/v2/calls/extensive', { filter: { workspaceId: '999999999999999' } }), 404);
      assertEnvelope(await api(g, 'POST', '/v2/calls/extensive', { filter: { callIds: ['999999999999999'] } }), 404);
    });
  });

  describe('POST /v2/calls/transcript', () => {
    it('returns the workshop transcript in one answer and 404 for no calls', async () => {
      const workshop = g.world.calls.find(c => c.title.includes(WORKSHOP_MARK))!;
      const a = await api(g, 'POST', '/v2/calls/transcript', { filter: { callIds: [workshop.id] } });
      const t = (a.json.callTranscripts as Array<{ transcript: Array<{ sentences: unknown[] }> }>)[0]!.transcript;
      assert.ok(t.length > 2000);
      assertEnvelope(await api(g, 'POST', '/v2/calls/transcript', { filter: { fromDateTime: '2001-01-01T00:00:00Z', toDateTime: '2001-02-01T00:00:00Z' } }), 404);
    });
  });

  describe('registering a call and uploading its media', () => {
    const host = (): { id: string } => g.world.users[2]!;
    const newCall = (clientUniqueId: string) => ({ clientUniqueId, actualStart: '2026-02-20T15:00:00-08:00', direction: 'Conference', primaryUser: host().id, title: 'Uploaded call', parties: [{ userId: host().id }, { emailAddress: 'guest@example.com', name: 'Guest' }] });
    const upload = async (callId: string, size: number, field = 'mediaFile'): Promise<{ status: number; json: Record<string, unknown> }> => {
      const form = new FormData();
      form.append('note', 'a field');
      form.append(field, new Blob([new Uint8Array(size)], { type: 'audio/mpeg' }), 'call.mp3');
      const res = await fetch(`${g.baseUrl}/v2/calls/${callId}/media`, { method: 'PUT', body: form, headers: { authorization: basicAuth(g) } });
      return { status: res.status, json: await res.json() as Record<string, unknown> };
    };

    it('registers a call that waits for media, lists it, and accepts its media once', async () => {
      const created = await api(g, 'POST', '/v2/calls', newCall('route-test-1'));
      assert.equal(created.status, 200);
      const callId = String(created.json.callId);
      assert.match(callId, /^\d{19}$/);
      assert.equal(g.world.callsById.get(callId)?.mediaStatus, 'WAITING');
      const got = await api(g, 'GET', `/v2/calls/${callId}`);
      assert.equal((got.json.call as { title: string }).title, 'Uploaded call');
      const first = await upload(callId, 10_000);
      assert.equal(first.status, 201);
      assert.equal(first.json.callId, callId);
      assert.equal(g.world.callsById.get(callId)?.mediaStatus, 'UPLOADED');
      assert.equal((await upload(callId, 10_000)).status, 400);
    });

    it('refuses a missing mediaFile part, a file over the limit, and an unknown call', async () => {
      const callId = String((await api(g, 'POST', '/v2/calls', newCall('route-test-2'))).json.callId);
      const wrongField = await upload(callId, 100, 'file');
      assert.equal(wrongField.status, 400);
      assert.match(String((wrongField.json.errors as string[])[0]), /mediaFile/);
      const tooBig = await upload(callId, 200 * 1024);
      assert.equal(tooBig.status, 400);
      assert.match(String((tooBig.json.errors as string[])[0]), /limit/);
      assert.equal((await upload('1234567890123456789', 100)).status, 404);
      const notMultipart = await api(g, 'PUT', `/v2/calls/${callId}/media`, { mediaFile: 'x' });
      assertEnvelope(notMultipart, 400);
    });

    it('validates the registration body and refuses a duplicate clientUniqueId', async () => {
      const ok = newCall('route-test-3');
      assert.match(assertEnvelope(await api(g, 'POST', '/v2/calls', { ...ok, clientUniqueId: undefined }), 400)[0]!, /clientUniqueId/);
      assert.match(assertEnvelope(await api(g, 'POST', '/v2/calls', { ...ok, direction: 'Sideways' }), 400)[0]!, /direction/);
      assert.match(assertEnvelope(await api(g, 'POST', '/v2/calls', { ...ok, actualStart: 'soon' }), 400)[0]!, /actualStart/);
      assert.match(assertEnvelope(await api(g, 'POST', '/v2/calls', { ...ok, parties: [] }), 400)[0]!, /parties/);
      assert.match(assertEnvelope(await api(g, 'POST', '/v2/calls', { ...ok, parties: [{ name: 'x' }] }), 400)[0]!, /primaryUser/);
      assert.equal((await api(g, 'POST', '/v2/calls', ok)).status, 200);
      assertEnvelope(await api(g, 'POST', '/v2/calls', ok), 409);
    });
  });

  describe('users-access', () => {
    it('grants, reads and revokes; unknown calls are "Some calls not found"', async () => {
      const call = g.world.calls[30]!;
      const [a, b] = [g.world.users[5]!.id, g.world.users[6]!.id];
      assert.equal((await api(g, 'PUT', '/v2/calls/users-access', { callAccessList: [{ callId: call.id, userIds: [a, b] }] })).status, 200);
      assert.equal((await api(g, 'PUT', '/v2/calls/users-access', { callAccessList: [{ callId: call.id, userIds: [a] }] })).status, 200);
      const read = async (): Promise<string[]> => ((await api(g, 'POST', '/v2/calls/users-access', { filter: { callIds: [call.id] } })).json.callAccessList as Array<{ users: Array<{ userId: string }> }>)[0]!.users.map(u => u.userId);
      assert.deepEqual(await read(), [a, b]);
      assert.equal((await api(g, 'DELETE', '/v2/calls/users-access', { callAccessList: [{ callId: call.id, userIds: [a] }] })).status, 200);
      assert.deepEqual(await read(), [b]);
      assert.deepEqual(assertEnvelope(await api(g, 'POST', '/v2/calls/users-access', { filter: { callIds: ['1234567890123456789'] } }), 400), ['Some calls not found']);
      assert.deepEqual(assertEnvelope(await api(g, 'PUT', '/v2/calls/users-access', { callAccessList: [{ callId: '1234567890123456789', userIds: [a] }] }), 400), ['Some calls not found']);
    });
  });

  describe('GET /v2/calls/manual-crm-associations', () => {
    it('lists associations in time order from a date', async () => {
      const a = await api(g, 'GET', '/v2/calls/manual-crm-associations');
      const list = a.json.associations as Array<{ callId: string; created: string; associatedCrmObjects: Array<{ accountCrmId: string }> }>;
      assert.ok(list.length > 0);
      for (let i = 1; i < list.length; i++) assert.ok(Date.parse(list[i - 1]!.created) <= Date.parse(list[i]!.created));
      assert.ok(list.every(x => g.world.callsById.has(x.callId) && x.associatedCrmObjects[0]!.accountCrmId.length > 0));
      const later = await api(g, 'GET', `/v2/calls/manual-crm-associations?fromDateTime=${encodeURIComponent(list[Math.floor(list.length / 2)]!.created)}`);
      assert.ok((later.json.associations as unknown[]).length < list.length);
    });
  });

  describe('users', () => {
    it('filters /v2/users/extensive by ids and creation dates, with avatars only on request', async () => {
      const ids = g.world.users.slice(3, 6).map(u => u.id);
      const some = await api(g, 'POST', '/v2/users/extensive', { filter: { userIds: ids } });
      assert.deepEqual((some.json.users as Array<{ id: string }>).map(u => u.id), ids);
      const cut = g.world.users[10]!.created;
      const after = await api(g, 'POST', '/v2/users/extensive', { filter: { createdFromDateTime: cut } });
      assert.ok((after.json.users as Array<{ created: string }>).every(u => Date.parse(u.created) >= Date.parse(cut)));
      assertEnvelope(await api(g, 'POST', '/v2/users/extensive', { filter: { createdFromDateTime: 'last week' } }), 400);
      assertEnvelope(await api(g, 'POST', '/v2/users/extensive', { filter: { userIds: ['1234567890123456789'] } }), 404);
      const plain = (await api(g, 'GET', '/v2/users')).json.records as { totalRecords: number };
      const withAvatars = (await api(g, 'GET', '/v2/users?includeAvatars=true')).json.records as { totalRecords: number };
      assert.equal(plain.totalRecords, g.world.users.length);
      assert.ok(withAvatars.totalRecords > plain.totalRecords);
      assertEnvelope(await api(g, 'GET', '/v2/users?includeAvatars=maybe'), 400);
    });

    it('answers 404 for an unknown user and 400 for a non-numeric id', async () => {
      assertEnvelope(await api(g, 'GET', '/v2/users/1234567890123456789'), 404);
      assertEnvelope(await api(g, 'GET', '/v2/users/abc'), 400);
      assertEnvelope(await api(g, 'GET', '/v2/users/1234567890123456789/settings-history'), 404);
    });
  });

  describe('settings and library', () => {
    it('filters trackers and folders by workspace; unknown workspaces and folders are 404', async () => {
      const ws = g.world.workspaces[0]!.id;
      const t = await api(g, 'GET', `/v2/settings/trackers?workspaceId=${ws}`);
      assert.ok((t.json.keywordTrackers as Array<{ workspaceId: string }>).every(x => x.workspaceId === ws));
      assertEnvelope(await api(g, 'GET', '/v2/settings/trackers?workspaceId=999999999999999'), 404);
      const f = await api(g, 'GET', `/v2/library/folders?workspaceId=${ws}`);
      assert.equal((f.json.folders as unknown[]).length, g.world.libraryFolders.filter(x => x.workspaceId === ws).length);
      assert.ok(!('records' in f.json));
      assert.match(assertEnvelope(await api(g, 'GET', '/v2/library/folder-content'), 400)[0]!, /folderId/);
      assertEnvelope(await api(g, 'GET', '/v2/library/folder-content?folderId=999999999999999'), 404);
    });
  });

  describe('erased data', () => {
    it('drops erased emails and phone numbers from later answers', async () => {
      const call = g.world.calls.find(c => c.parties.some(p => p.affiliation === 'External' && p.phoneNumber !== undefined && p.emailAddress !== undefined))!;
      const ext = call.parties.find(p => p.affiliation === 'External' && p.phoneNumber !== undefined)!;
      const user = g.world.users[8]!;
      g.world.erasedEmails.add(user.emailAddress);
      g.world.erasedPhones.add(ext.phoneNumber!);
      try {
        const users = await api(g, 'GET', '/v2/users');
        assert.ok(!users.text.includes(user.emailAddress));
        assertEnvelope(await api(g, 'GET', `/v2/users/${user.id}`), 404);
        const a = await api(g, 'POST', '/v2/calls/extensive', { filter: { callIds: [call.id] }, contentSelector: { exposedFields: { parties: true } } });
        assert.ok(!a.text.includes(ext.phoneNumber!));
        assert.ok(a.text.includes(ext.emailAddress!));
        g.world.erasedEmails.add(ext.emailAddress!);
        const b = await api(g, 'POST', '/v2/calls/extensive', { filter: { callIds: [call.id] }, contentSelector: { exposedFields: { parties: true } } });
        assert.ok(!b.text.includes(ext.emailAddress!));
      } finally {
        g.world.erasedEmails.clear();
        g.world.erasedPhones.clear();
      }
    });

    it('blanks an erased number out of phone-call titles, however the number was spelled', async () => {
      const call = g.world.calls.find(c => /^Outbound call to \+/.test(c.title))!;
      const number = call.title.replace('Outbound call to ', '');
      const respelled = `+${number.replace(/\D/g, '')}`;
      try {
        g.world.erasedPhones.add(respelled);
        const a = await api(g, 'GET', `/v2/calls/${call.id}`);
        const title = (a.json.call as { title: string }).title;
        assert.equal(title, 'Outbound call to [erased]');
        const ext = await api(g, 'POST', '/v2/calls/extensive', { filter: { callIds: [call.id] }, contentSelector: { exposedFields: { parties: true } } });
        assert.equal((ext.json.calls as ExtCall[]).length, 1);
        assert.ok(!ext.text.includes(number));
      } finally {
        g.world.erasedPhones.clear();
      }
    });
  });
});
