/**
 * Validation: for every action, inputs that break a rule (missing required field, wrong enum, malformed
 * date or date-time, 21-digit id, bad email or phone) are refused with the field's dotted path, and no
 * request leaves the process. Plus the field-level validators, placement on the wire and helpers (curl: curl.test.ts).
 */
import * as assert from 'node:assert/strict';
import { GongClient, RequestScheduler } from '../../../src/gong/index';
import {
  allActions, catalog, deletePath, fieldsOf, getPath, InputError, isPlainObject, mergePages, normalizeInput, requestCount, setPath, suggestActions,
  undeclaredKeys, undeclaredNote,
} from '../../../src/catalog/index';
import type { ActionDef, FieldSpec } from '../../../src/catalog/types';
import { FIXED, sampleInput } from './samples';
import { startCountingServer } from './countingServer';
import type { CountingServer } from './countingServer';

const BAD: Partial<Record<FieldSpec['kind'], unknown[]>> = {
  id: ['1'.repeat(21), 'abc', 12.5, 2 ** 60, -1],
  dateTime: ['2024-01-01', '2024-01-01T08:00:00', '2024-13-01T00:00:00Z', 'yesterday'],
  date: ['2024-01-01T00:00:00Z', '01/02/2024', '2024-02-30'],
  email: ['not-an-email', 'ana@', 42],
  phone: ['4155550100', '+1', 'phone'],
  enum: ['NOT_A_VALUE', 3],
  boolean: ['yes', 1],
  integer: [1.5, 'one'],
  number: ['many'],
  string: [5, { text: 'x' }],
  file: [5, ''],
};

/** Sends the input through catalog + client the way every caller does; validation throws before sending. */
async function send(client: GongClient, a: ActionDef, input: unknown): Promise<InputError> {
  try {
    await client.request(catalog.toRequest(a, input));
  } catch (e) {
    if (InputError.is(e)) return e;
    throw e;
  }
  throw new Error(`${a.id}: the invalid input was sent`);
}

describe('catalog validation', () => {
  let server: CountingServer;
  let client: GongClient;
  before(async () => {
    server = await startCountingServer();
    client = new GongClient({ baseUrl: server.baseUrl, auth: { kind: 'basic', accessKey: 'k', accessKeySecret: 's' } }, {
      scheduler: new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 8 }), maxRetries: 0, timeoutMs: 5000,
    });
  });
  after(async () => { await server.close(); });

  for (const a of allActions) {
    it(`${a.id}: refuses broken inputs before sending, naming the field`, async () => {
      const before = server.count();
      const fields = fieldsOf(a);
      let checked = 0;
      for (const f of fields.filter(x => x.required)) {
        const input = sampleInput(a.id, FIXED);
        setPath(input, f.path, undefined);
        const err = await send(client, a, input);
        assert.ok(err.issues.some(i => i.path === f.path && /required/.test(i.message)), `${f.path}: ${err.message}`);
        assert.match(err.message, new RegExp(f.path.replace(/\./g, '\\.')));
        checked++;
      }
      for (const f of fields) {
        const bads = f.kind === 'array' && f.itemKind && BAD[f.itemKind] ? (BAD[f.itemKind] as unknown[]).map(v => [v]) : BAD[f.kind];
        if (!bads) continue;
        for (const bad of bads) {
          const input = sampleInput(a.id, FIXED);
          setPath(input, f.path, bad);
          const err = await send(client, a, input);
          assert.ok(err.issues.some(i => i.path === f.path || i.path.startsWith(`${f.path}.`)), `${f.path}=${JSON.stringify(bad)} gave ${err.message}`);
          checked++;
        }
      }
      // A top-level key the catalog does not declare is sent as given (Gong ignores what it does not know).
      const unknown = { ...sampleInput(a.id, FIXED), notAField: 1 };
      const withExtra = catalog.toRequest(a, unknown);
      const sent = isPlainObject(withExtra.body) ? withExtra.body.notAField : withExtra.query?.notAField ?? withExtra.multipart?.fields?.notAField;
      assert.ok(sent === 1 || sent === '1', `notAField is sent as given: ${JSON.stringify({ query: withExtra.query, body: withExtra.body })}`);
      assert.deepEqual(undeclaredKeys(a, unknown), ['notAField']);
      if (fields.length > 0) assert.ok(checked > 0, 'at least one rule was exercised');
      assert.equal(server.count(), before, `requests reached the server: ${server.paths.join(', ')}`);
    });
  }

  it('refuses nested item errors inside lists with their dotted path', async () => {
    const cases: Array<[string, string, unknown, string]> = [
      ['meetings.create', 'invitees.0.email', 'nope', 'invitees.0.email'],
      ['calls.usersAccess.set', 'callAccessList.0.callId', '1'.repeat(21), 'callAccessList.0.callId'],
      ['calls.usersAccess.remove', 'callAccessList.0.userIds.0', 'x', 'callAccessList.0.userIds.0'],
      ['calls.create', 'parties.1.emailAddress', 'x@', 'parties.1.emailAddress'],
      ['calls.extensive', 'filter.callIds.0', '123456789012345678901', 'filter.callIds.0'],
      ['engagement.digitalInteraction', 'content.contentTitle', undefined, 'content.contentTitle'],
    ];
    const before = server.count();
    for (const [id, path, value, expected] of cases) {
      const a = catalog.find(id) as ActionDef;
      const input = sampleInput(id, FIXED);
      setPath(input, path, value);
      const err = await send(client, a, input);
      assert.ok(err.issues.some(i => i.path === expected), `${id} ${path}: ${err.message}`);
    }
    assert.equal(server.count(), before);
  });

  it('limits arrays: 100 prospects per assignment, 100 emails per status check, at least one call id', () => {
    const assign = catalog.find('flows.assign') as ActionDef;
    const ok = sampleInput('flows.assign', FIXED);
    ok.crmProspectsIds = Array.from({ length: 100 }, (_, i) => `p${i}`);
    assert.ok(catalog.validate(assign, ok).ok);
    ok.crmProspectsIds = Array.from({ length: 101 }, (_, i) => `p${i}`);
    const r = catalog.validate(assign, ok);
    assert.ok(!r.ok && r.issues[0]?.path === 'crmProspectsIds' && /100/.test(r.issues[0].message));
    const status = catalog.find('meetings.integrationStatus') as ActionDef;
    assert.ok(!catalog.validate(status, { emails: Array.from({ length: 101 }, (_, i) => `u${i}@example.com`) }).ok);
    assert.ok(!catalog.validate(status, { emails: [] }).ok);
    const access = catalog.find('calls.usersAccess.get') as ActionDef;
    assert.ok(!catalog.validate(access, { filter: { callIds: [] } }).ok);
    const f = fieldsOf(assign).find(x => x.path === 'crmProspectsIds');
    assert.equal(f?.maxItems, 100);
    assert.equal(f?.minItems, 1);
  });

  it('applies the rules across fields, naming the field', () => {
    const issues = (id: string, input: unknown): string[] => {
      const r = catalog.validate(catalog.find(id) as ActionDef, input);
      return r.ok ? [] : r.issues.map(i => `${i.path}: ${i.message}`);
    };
    assert.deepEqual(issues('calls.list', { fromDateTime: '2024-02-01T00:00:00Z', toDateTime: '2024-02-01T01:00:00+02:00' }), ['toDateTime: must be after fromDateTime']);
    assert.deepEqual(issues('calls.list', { fromDateTime: '2024-02-01T00:00:00Z', toDateTime: '2024-02-01T03:00:00+02:00' }), []);
    // Without dates Gong lists every call: an empty input is valid and sends no date.
    assert.deepEqual(issues('calls.list', {}), []);
    assert.deepEqual(catalog.toRequest(catalog.find('calls.list') as ActionDef, {}).query ?? {}, {});
    assert.deepEqual(issues('meetings.create', { ...sampleInput('meetings.create', FIXED), endTime: FIXED.fromDateTime }), ['endTime: must be after startTime']);
    assert.deepEqual(issues('flows.prospects', {}), ['crmProspectsIds: give crmProspectsIds or flowInstanceIds']);
    assert.deepEqual(issues('flows.prospects', { flowInstanceIds: ['1'] }), []);
    assert.deepEqual(issues('engagement.digitalInteraction', { ...sampleInput('engagement.digitalInteraction', FIXED), trackingId: 't' }), ['trackingId: give either person or trackingId, not both']);
    assert.deepEqual(issues('engagement.contentViewed', { ...sampleInput('engagement.contentViewed', FIXED), trackingId: 't' }), ['trackingId: must be left out when a viewer is given']);
    const call = sampleInput('calls.create', FIXED);
    call.parties = [{ userId: FIXED.otherUserId }];
    assert.deepEqual(issues('calls.create', call), ['parties: must include a party for the primary user (userId equal to primaryUser)']);
  });

  it('keeps ids as strings: safe numbers become strings, unsafe numbers and 21 digits are refused', () => {
    const a = catalog.find('users.get') as ActionDef;
    const r = catalog.validate(a, { id: 12345 });
    assert.ok(r.ok);
    assert.equal(r.value.id, '12345');
    // eslint-disable-next-line no-loss-of-precision -- an id already rounded by JSON.parse is what this refuses
    assert.ok(!catalog.validate(a, { id: 9007199254740993 }).ok);
    assert.ok(catalog.validate(a, { id: '99999999999999999999' }).ok, '20 digits is the maximum');
    assert.ok(!catalog.validate(a, { id: '999999999999999999999' }).ok);
    const ext = catalog.toRequest(catalog.find('calls.extensive') as ActionDef, { filter: { callIds: [1, '7254376376091929519'] } });
    assert.deepEqual((ext.body as { filter: { callIds: unknown[] } }).filter.callIds, ['1', '7254376376091929519']);
  });

  describe('field validators', () => {
    const field = (id: string, path: string): FieldSpec => {
      const f = fieldsOf(catalog.find(id) as ActionDef).find(x => x.path === path);
      assert.ok(f, `${id} has no field ${path}`);
      return f;
    };
    const cases: Array<[string, string, FieldSpec['kind'], unknown[], unknown[]]> = [
      ['users.get', 'id', 'id', ['1', '7254376376091929519', 42], ['1'.repeat(21), 'x1', 1.5]],
      ['calls.list', 'fromDateTime', 'dateTime', ['2024-01-01T00:00:00Z', '2024-01-01T02:30:00-07:00', '2024-01-01T00:00:00.123456+02:00'], ['2024-01-01', '2024-01-01T00:00:00']],
      ['stats.interaction', 'filter.fromDate', 'date', ['2024-02-29'], ['2023-02-29', '2024-1-1', '2024-01-01T00:00:00Z']],
      ['dataPrivacy.forEmail', 'emailAddress', 'email', ['a.b+c@example.co.uk'], ['a@b', 'plain']],
      ['dataPrivacy.forPhone', 'phoneNumber', 'phone', ['+14155550100', '+44 20 7946 0958', '+1 (415) 555-0100'], ['14155550100', '+1 415', '+1415555010099999']],
      ['logs.list', 'logType', 'enum', ['AccessLog'], ['accesslog', 'Other']],
      ['users.list', 'includeAvatars', 'boolean', [true, false], ['true']],
      ['flows.assign', 'crmProspectsIds', 'array', [['a'], ['a', 'b']], [[], 'a', [1]]],
      ['calls.addMedia', 'mediaFile', 'file', ['/recordings/a.mp3'], [5]],
      ['meetings.create', 'title', 'string', ['Kickoff'], [5]],
      ['calls.create', 'duration', 'number', [12.5, 0], ['long']],
      ['engagement.digitalInteraction', 'content.numericContentDetails.rangeFrom', 'integer', [1], [1.5]],
      ['crm.deleteIntegration', 'clientRequestId', 'string', ['abc_1-2'], ['has space', 'a/b']],
    ];
    for (const [id, path, kind, good, bad] of cases) {
      it(`${kind}: ${id} ${path}`, () => {
        const f = field(id, path);
        assert.equal(f.kind, kind);
        for (const v of good) assert.equal(f.validate(v), undefined, `${JSON.stringify(v)} should pass`);
        for (const v of bad) assert.equal(typeof f.validate(v), 'string', `${JSON.stringify(v)} should fail`);
      });
    }
    it('cover every field kind the catalog uses', () => {
      const used = new Set(allActions.flatMap(a => fieldsOf(a).map(f => f.kind)));
      const covered = new Set(cases.map(c => c[2]));
      for (const kind of used) assert.ok(covered.has(kind), `no validator test for kind ${kind}`);
      assert.ok(used.size >= 12);
    });
    it('required fields say so for empty answers; optional ones accept them', () => {
      assert.equal(field('users.get', 'id').validate(''), 'is required');
      assert.equal(field('users.get', 'id').validate(undefined), 'is required');
      assert.equal(field('calls.list', 'workspaceId').validate(undefined), undefined);
    });
    it('nested fields are flattened and required only under required parents', () => {
      const stats = fieldsOf(catalog.find('stats.activityAggregate') as ActionDef);
      assert.deepEqual(stats.slice(0, 2).map(f => [f.path, f.required]), [['filter.fromDate', true], ['filter.toDate', true]]);
      const di = fieldsOf(catalog.find('engagement.digitalInteraction') as ActionDef);
      assert.equal(di.find(f => f.path === 'content.contentTitle')?.required, true);
      assert.equal(di.find(f => f.path === 'person.personBusinessContext.objectType')?.required, false);
      const upd = fieldsOf(catalog.find('meetings.update') as ActionDef);
      assert.equal(upd[0]?.path, 'meetingId');
      assert.equal(upd[0]?.location, 'path');
      assert.equal(upd[0]?.idKind, 'meeting');
    });
  });

  describe('the wire request', () => {
    it('sends coaching ids under the hyphenated query names and accepts the seeds\' names', () => {
      const a = catalog.find('GONG_LIST_ALL_COACHING_METRICS_V2_COACHING') as ActionDef;
      const req = catalog.toRequest(a, { workspace__id: '1', manager__id: '2', from: '2024-01-01T00:00:00Z', to: '2024-02-01T00:00:00Z' });
      assert.deepEqual(req.query, { 'workspace-id': '1', 'manager-id': '2', from: '2024-01-01T00:00:00Z', to: '2024-02-01T00:00:00Z' });
      assert.equal(req.body, undefined);
    });
    it('maps flattened seed names to nested bodies', () => {
      const a = catalog.find('GONG_POST_INTERACTION_FILTER_STATS') as ActionDef;
      const req = catalog.toRequest(a, { filter__fromDate: '2024-01-01', filter__toDate: '2024-01-08', filter__userIds: ['5'] });
      assert.deepEqual(req.body, { filter: { fromDate: '2024-01-01', toDate: '2024-01-08', userIds: ['5'] } });
      assert.deepEqual(normalizeInput(catalog.find('calls.get') as ActionDef, { call_id: '9' }), { id: '9' });
      const ext = catalog.toRequest(catalog.find('calls.extensive') as ActionDef, { contentSelector__exposedFields__interaction__personInteractionStats: true });
      assert.deepEqual(ext.body, { filter: {}, contentSelector: { exposedFields: { interaction: { personInteractionStats: true } } } });
    });
    it('puts erase requests in the query with no body, and DELETE meeting bodies in JSON', () => {
      const erase = catalog.toRequest(catalog.find('dataPrivacy.erasePhone') as ActionDef, { phoneNumber: '+14155550100' });
      assert.deepEqual([erase.method, erase.path, erase.query, erase.body], ['POST', '/v2/data-privacy/erase-data-for-phone-number', { phoneNumber: '+14155550100' }, undefined]);
      const del = catalog.toRequest(catalog.find('meetings.delete') as ActionDef, { meetingId: '77', organizerEmail: 'a@example.com' });
      assert.deepEqual([del.method, del.path, del.body], ['DELETE', '/v2/meetings/77', { organizerEmail: 'a@example.com' }]);
    });
    it('sends the CRM ids of GET /v2/crm/entities as the bare JSON body and uploads as multipart', () => {
      const get = catalog.toRequest(catalog.find('crm.getEntities') as ActionDef, sampleInput('crm.getEntities', FIXED));
      assert.deepEqual(get.body, ['acc-1', 'acc-2']);
      assert.deepEqual(get.query, { integrationId: FIXED.integrationId, objectType: 'ACCOUNT' });
      const up = catalog.toRequest(catalog.find('crm.uploadEntities') as ActionDef, sampleInput('crm.uploadEntities', FIXED));
      assert.deepEqual(up.multipart, { files: { dataFile: { path: FIXED.filePath } } });
      assert.equal(up.body, undefined);
      const media = catalog.toRequest(catalog.find('calls.addMedia') as ActionDef, { id: '12', mediaFile: '/x/y.wav' });
      assert.deepEqual([media.method, media.path, media.multipart], ['PUT', '/v2/calls/12/media', { files: { mediaFile: { path: '/x/y.wav' } } }]);
    });
    it('carries retrySafe and emptyOn404 from the declaration, and sends an empty filter when none is given', () => {
      const t = catalog.toRequest(catalog.find('calls.transcript') as ActionDef, {});
      assert.deepEqual([t.retrySafe, t.emptyOn404, t.body], [true, true, { filter: {} }]);
      const c = catalog.toRequest(catalog.find('calls.create') as ActionDef, sampleInput('calls.create', FIXED));
      assert.equal(c.retrySafe, false);
      assert.equal(c.emptyOn404, undefined);
      const p = catalog.toRequest(catalog.find('calls.usersAccess.get') as ActionDef, { filter: { callIds: ['1'] } });
      assert.deepEqual(p.body, { filter: { callIds: ['1'] } });
    });
    it('places the cursor by paging style', () => {
      assert.deepEqual(catalog.toRequest(catalog.find('users.list') as ActionDef, { cursor: 'c1' }).query, { cursor: 'c1' });
      assert.deepEqual(catalog.toRequest(catalog.find('users.extensive') as ActionDef, { cursor: 'c1' }).body, { filter: {}, cursor: 'c1' });
    });
    it('encodes path parameters', () => {
      const a = catalog.find('users.get') as ActionDef;
      assert.throws(() => catalog.toRequest(a, { id: '../x' }), (e: unknown) => InputError.is(e) && e.issues[0]?.path === 'id');
    });
  });

  describe('helpers', () => {
    it('requestCount says how many pages fetching everything takes', () => {
      assert.deepEqual([requestCount(0), requestCount(1), requestCount(100), requestCount(101), requestCount(2314), requestCount(250, 50)], [1, 1, 1, 2, 24, 5]);
    });
    it('setPath/getPath walk dotted paths with list indexes', () => {
      const o: Record<string, unknown> = {};
      setPath(o, 'filter.fromDate', '2024-01-01');
      setPath(o, 'callAccessList.0.callId', '7');
      assert.deepEqual(o, { filter: { fromDate: '2024-01-01' }, callAccessList: [{ callId: '7' }] });
      assert.equal(getPath(o, 'callAccessList.0.callId'), '7');
      assert.equal(getPath(o, 'filter.nope.x'), undefined);
      setPath(o, 'filter.fromDate', undefined);
      assert.deepEqual(o.filter, {});
    });
    it('getPath indexes lists only by number', () => {
      const o = { ids: ['a', 'b'], filter: { fromDate: 'x' } };
      assert.equal(getPath(o, 'ids.1'), 'b');
      assert.equal(getPath(o, 'ids.length'), undefined, 'a list has no named fields');
      assert.equal(getPath(o, 'ids.5'), undefined);
      assert.equal(getPath(o, 'filter.fromDate.length'), undefined, 'strings are not walked into');
    });
    it('setPath replaces a list where a named key is needed, and keeps one that is indexed', () => {
      const o: Record<string, unknown> = { filter: ['stray'], list: [{ a: 1 }] };
      setPath(o, 'filter.fromDate', '2024-01-01');
      setPath(o, 'list.0.b', 2);
      assert.deepEqual(o, { filter: { fromDate: '2024-01-01' }, list: [{ a: 1, b: 2 }] });
      setPath(o, 'other.x', undefined);
      assert.equal('other' in o, false, 'removing what is not there creates nothing');
    });
    it('deletePath removes a value and prunes the objects it leaves empty', () => {
      const o: Record<string, unknown> = { filter: { fromDate: 'a', range: { from: 'b' } }, keep: 1 };
      deletePath(o, 'filter.range.from');
      assert.deepEqual(o, { filter: { fromDate: 'a' }, keep: 1 });
      deletePath(o, 'filter.fromDate');
      assert.deepEqual(o, { keep: 1 });
      deletePath(o, 'missing.deep.path');
      deletePath(o, 'keep.x');
      assert.deepEqual(o, { keep: 1 });
    });
    it('mergePages joins the list key across pages', () => {
      const a = catalog.find('users.list') as ActionDef;
      const merged = mergePages(a, [
        { requestId: 'r1', records: { totalRecords: 3, currentPageSize: 2, currentPageNumber: 0, cursor: 'c' }, users: [{ id: '1' }, { id: '2' }] },
        { requestId: 'r2', records: { totalRecords: 3, currentPageSize: 1, currentPageNumber: 1 }, users: [{ id: '3' }] },
      ]);
      assert.deepEqual(merged.users, [{ id: '1' }, { id: '2' }, { id: '3' }]);
      assert.deepEqual(merged.records, { totalRecords: 3, currentPageSize: 3, currentPageNumber: 0 });
    });
    it('suggestActions proposes close names', () => {
      assert.equal(suggestActions('calls.lst')[0], 'calls.list');
      assert.ok(suggestActions('GONG_LIST_ALL_USERS').includes('GONG_LIST_ALL_USERS_V2_USERS'));
      assert.deepEqual(suggestActions('zzzzzzzzzzzzzzzz'), []);
    });
  });
});

describe('undeclared top-level keys', () => {
  it('are sent as given where the action sends its other inputs, with a note; prototype names stay refused', () => {
    const create = catalog.find('calls.create') as ActionDef;
    const input = { ...sampleInput('calls.create', FIXED), fieldGongAddsLater: { flowId: '1' } };
    assert.deepEqual((catalog.toRequest(create, input).body as Record<string, unknown>).fieldGongAddsLater, { flowId: '1' });
    assert.equal(undeclaredNote(create, undeclaredKeys(create, input)), 'fieldGongAddsLater is not among the documented inputs of calls.create: sent as given; Gong may ignore it.');
    const list = catalog.find('users.list') as ActionDef;
    const get = catalog.toRequest(list, { newFlag: 'x' });
    assert.equal(get.query?.newFlag, 'x', 'a GET sends it in the query');
    assert.equal(get.body, undefined);
    assert.equal(undeclaredNote(list, []), undefined);
    const ext = catalog.find('calls.extensive') as ActionDef;
    const nested = catalog.toRequest(ext, { filter: { fromDateTime: '2024-01-01T00:00:00Z', notAFilter: 1 } });
    assert.equal(((nested.body as Record<string, unknown>).filter as Record<string, unknown>).notAFilter, 1, 'nested keys pass through too');
    assert.deepEqual(undeclaredKeys(ext, { filter: { notAFilter: 1 } }), [], 'only top-level keys get the note');
    const proto = catalog.validate(list, JSON.parse('{"__proto__": {"x": 1}}'));
    assert.ok(!proto.ok && proto.issues.some(i => i.path === '__proto__'));
  });
});
