import * as assert from 'node:assert/strict';
import { crmIntegrationOf, crmObjectsOf } from '../../../src/localGong/routes/crm';
import { firstError, sameShape, sample, setup } from './routes-support';

async function register(api: ReturnType<typeof setup>['api']): Promise<string> {
  const res = await api('PUT', '/v2/crm/integrations', { body: { name: 'Northwind CRM', ownerEmail: 'revops@northwind.example' } });
  assert.equal(res.status, 200);
  return String(res.body.integrationId);
}

const ldjson = [
  { objectId: 'acct-1', modifiedDate: '2025-05-02T18:04:11Z', name: 'Contoso Freight', domains: ['contoso.example'] },
  { objectId: 'acct-2', modifiedDate: '2025-05-02T18:04:11.123Z', name: 'Bad date' },
  { name: 'No id', modifiedDate: '2025-05-02T18:04:11Z' },
  { objectId: 'acct-3', modifiedDate: '2025-05-03T08:00:00+02:00', name: 'Fabrikam' },
].map(o => JSON.stringify(o)).join('\n');

describe('local Gong CRM routes', () => {
  it('registers the single integration (bare-number id), lists it, and refuses a second with 409', async () => {
    const { api, world } = setup();
    const id = await register(api);
    assert.match(id, /^\d{19}$/);
    const listed = await api('GET', '/v2/crm/integrations');
    assert.equal(listed.route.scope, 'api:crm:integrations:read');
    const s = sample('crm-integrations.GET_v2_crm_integrations.json');
    // The sample's bare 19-digit number is parsed lossily by JSON.parse; only its keys are compared.
    if (s) assert.deepEqual(sameShape(listed.body, s), []);
    const integrations = listed.body.integrations as Array<Record<string, unknown>>;
    assert.equal(integrations.length, 1);
    assert.equal(String(integrations[0]!.integrationId), id);
    assert.equal(typeof integrations[0]!.integrationId, 'object', 'a RawNumber, written as bare digits by the server');
    assert.equal(integrations[0]!.ownerEmail, 'revops@northwind.example');
    const second = await api('PUT', '/v2/crm/integrations', { body: { name: 'Another', ownerEmail: 'x@northwind.example' } });
    assert.equal(second.status, 409);
    assert.match(firstError(second.body), /already has an active GENERIC CRM integration/);
    assert.equal(crmIntegrationOf(world)?.integrationId, id);
    for (const [body, re] of [[{ ownerEmail: 'a@b.example' }, /name is required/], [{ name: 'x' }, /ownerEmail is required/], [{ name: 'x', ownerEmail: 'nope' }, /ownerEmail is not a valid email/]] as const) {
      const res = await api('PUT', '/v2/crm/integrations', { body });
      assert.equal(res.status, 400);
      assert.match(firstError(res.body), re);
    }
  });

  it('uploads LDJSON: 201, PENDING -> IN_PROGRESS -> FAILED (some lines bad) on later status reads, good objects readable only then', async () => {
    const { api, world } = setup();
    const id = await register(api);
    const url = `/v2/crm/entities?integrationId=${id}&objectType=ACCOUNT&clientRequestId=up-1`;
    const up = await api('POST', url, { multipart: { fields: { dataFile: ldjson }, files: {} } });
    assert.equal(up.status, 201);
    assert.equal(up.route.scope, 'api:crm:upload');
    assert.deepEqual(up.body, { requestId: 'test', clientRequestId: 'up-1' });
    const status = (): Promise<{ status: number; body: Record<string, unknown> }> => api('GET', `/v2/crm/request-status?integrationId=${id}&clientRequestId=up-1`);
    const before = await api('GET', `/v2/crm/entities?integrationId=${id}&objectType=ACCOUNT`, { body: ['acct-1'] });
    assert.deepEqual(before.body.crmObjectsMap, { 'acct-1': null }, 'not applied before the request finishes');
    const s1 = await status();
    assert.equal(s1.body.status, 'IN_PROGRESS');
    const s2 = await status();
    assert.equal(s2.body.status, 'FAILED', 'any failed line fails the request, as in Gong\'s example');
    const s = sample('crm-request-status.GET_v2_crm_request-status.json');
    if (s) assert.deepEqual(sameShape(s2.body, s), []);
    assert.equal(s2.body.totalSuccessCount, 2);
    assert.equal(s2.body.totalErrorCount, 2);
    assert.deepEqual((s2.body.errors as Array<{ line: number }>).map(e => e.line), [2, 3]);
    assert.match((s2.body.errors as Array<{ description: string }>)[1]!.description, /Mandatory field \[objectId\] is missing or empty/);
    assert.equal((await status()).body.status, 'FAILED', 'stays FAILED');
    const read = await api('GET', `/v2/crm/entities?integrationId=${id}&objectType=ACCOUNT`, { body: ['acct-1', 'acct-3', 'acct-99'] });
    assert.equal(read.status, 200);
    assert.equal(read.route.scope, 'api:crm:get-objects');
    const se = sample('crm-entities.GET_v2_crm_entities.json');
    if (se) assert.deepEqual(sameShape(read.body, se), []);
    const map = read.body.crmObjectsMap as Record<string, Record<string, unknown> | null>;
    assert.equal(map['acct-1']?.name, 'Contoso Freight');
    assert.equal(map['acct-3']?.name, 'Fabrikam');
    assert.equal(map['acct-99'], null);
    assert.equal(crmObjectsOf(world, 'ACCOUNT').size, 2);
    const reused = await api('POST', url, { multipart: { fields: { dataFile: ldjson }, files: {} } });
    assert.equal(reused.status, 409);
    assert.match(firstError(reused.body), /up-1 was already used/);
  });

  it('an upload whose every line fails ends FAILED; a business user needs emailAddress', async () => {
    const { api } = setup();
    const id = await register(api);
    const text = JSON.stringify({ objectId: 'u1', modifiedDate: '2025-05-02T18:04:11Z' });
    const up = await api('POST', `/v2/crm/entities?integrationId=${id}&objectType=BUSINESS_USER&clientRequestId=bu-1`, { multipart: { fields: { dataFile: text }, files: {} } });
    assert.equal(up.status, 201);
    await api('GET', `/v2/crm/request-status?integrationId=${id}&clientRequestId=bu-1`);
    const done = await api('GET', `/v2/crm/request-status?integrationId=${id}&clientRequestId=bu-1`);
    assert.equal(done.body.status, 'FAILED');
    assert.deepEqual(done.body.errors, [{ line: 1, description: 'Mandatory field [emailAddress] is missing or empty' }]);
  });

  it('upload validation: dataFile part, objectType, integrationId, clientRequestId', async () => {
    const { api } = setup();
    const id = await register(api);
    const file = { fields: {}, files: { dataFile: { filename: 'a.ldjson', size: 10, contentType: 'application/x-ndjson' } } };
    const missing = await api('POST', `/v2/crm/entities?integrationId=${id}&objectType=ACCOUNT&clientRequestId=r1`, { multipart: { fields: {}, files: {} } });
    assert.equal(missing.status, 400);
    assert.equal(firstError(missing.body), 'dataFile part is missing');
    const cases: Array<[string, RegExp]> = [
      [`integrationId=${id}&objectType=OPPORTUNITY&clientRequestId=r1`, /objectType must be one of ACCOUNT, CONTACT, DEAL, LEAD, BUSINESS_USER, STAGE/],
      [`integrationId=${id}&objectType=ACCOUNT`, /clientRequestId is required/],
      [`integrationId=${id}&objectType=ACCOUNT&clientRequestId=bad id!`, /clientRequestId may contain only/],
      ['integrationId=1234567890123456789&objectType=ACCOUNT&clientRequestId=r1', /Integration 1234567890123456789 was not found/],
      ['objectType=ACCOUNT&clientRequestId=r1', /integrationId is required/],
    ];
    for (const [q, re] of cases) {
      const res = await api('POST', `/v2/crm/entities?${q}`, { multipart: file });
      assert.equal(res.status, 400, q);
      assert.match(firstError(res.body), re);
    }
    const accepted = await api('POST', `/v2/crm/entities?integrationId=${id}&objectType=ACCOUNT&clientRequestId=r1`, { multipart: file });
    assert.equal(accepted.status, 201, 'a file part whose bytes the server did not keep is still received');
    await api('GET', `/v2/crm/request-status?integrationId=${id}&clientRequestId=r1`);
    const unread = await api('GET', `/v2/crm/request-status?integrationId=${id}&clientRequestId=r1`);
    assert.equal(unread.body.status, 'FAILED', 'never DONE with nothing stored');
    assert.deepEqual(unread.body.errors, [{ line: 0, description: 'The dataFile content was not received' }]);
    const dropped = { fields: {}, files: { dataFile: { filename: 'a.ldjson', size: 9e6, contentType: 'application/x-ndjson', textDropped: true } } };
    const tooBig = await api('POST', `/v2/crm/entities?integrationId=${id}&objectType=ACCOUNT&clientRequestId=r2`, { multipart: dropped });
    assert.equal(tooBig.status, 400);
    assert.match(firstError(tooBig.body), /dataFile is 9000000 bytes; the local Gong reads CRM files of at most 8388608 bytes/);
  });

  it('GET /v2/crm/entities: 415 without a body, 400 for a non-array body, at most 100 ids', async () => {
    const { api } = setup();
    const id = await register(api);
    const none = await api('GET', `/v2/crm/entities?integrationId=${id}&objectType=ACCOUNT`);
    assert.equal(none.status, 415);
    assert.equal(firstError(none.body), 'Unsupported Media Type');
    const obj = await api('GET', `/v2/crm/entities?integrationId=${id}&objectType=ACCOUNT`, { body: { ids: ['a'] } });
    assert.equal(obj.status, 400);
    assert.match(firstError(obj.body), /JSON array of CRM object ids/);
    const badType = await api('GET', `/v2/crm/entities?integrationId=${id}&objectType=STAGE`, { body: ['a'] });
    assert.equal(badType.status, 400);
    const many = await api('GET', `/v2/crm/entities?integrationId=${id}&objectType=ACCOUNT`, { body: Array.from({ length: 150 }, (_, i) => `a${i}`) });
    assert.equal(Object.keys(many.body.crmObjectsMap as object).length, 100);
  });

  it('entity schema per type or for all types, in the sample shape', async () => {
    const { api } = setup();
    const id = await register(api);
    const one = await api('GET', `/v2/crm/entity-schema?integrationId=${id}&objectType=ACCOUNT`);
    assert.equal(one.status, 200);
    assert.equal(one.route.scope, 'api:crm:schema');
    const s = sample('crm-entity-schema.GET_v2_crm_entity-schema.json');
    if (s) assert.deepEqual(sameShape((one.body.objectTypeToSelectedFields as Record<string, unknown>).ACCOUNT, (s.objectTypeToSelectedFields as Record<string, unknown>).ACCOUNT), []);
    assert.deepEqual(Object.keys(one.body.objectTypeToSelectedFields as object), ['ACCOUNT']);
    const all = await api('GET', `/v2/crm/entity-schema?integrationId=${id}`);
    assert.deepEqual(Object.keys(all.body.objectTypeToSelectedFields as object), ['ACCOUNT', 'CONTACT', 'DEAL', 'LEAD']);
    assert.equal((await api('GET', '/v2/crm/entity-schema')).status, 400);
  });

  it('POST /v2/crm/entity-schema adds and replaces custom fields that the GET then lists', async () => {
    const { api } = setup();
    const id = await register(api);
    const url = `/v2/crm/entity-schema?integrationId=${id}&objectType=DEAL`;
    const res = await api('POST', url, { body: [
      { uniqueName: 'renewalRisk', label: 'Renewal risk', type: 'PICKLIST', orderedValueList: ['Low', 'High'] },
      { name: 'nextStepDate', label: 'Next step (date)', type: 'DATE' },
    ] });
    assert.equal(res.status, 200);
    assert.equal(res.route.scope, 'api:crm:schema');
    const read = await api('GET', url);
    const fields = (read.body.objectTypeToSelectedFields as Record<string, Array<Record<string, unknown>>>).DEAL!;
    assert.deepEqual(fields.map(f => f.uniqueName), ['forecastCategory', 'nextStepDate', 'renewalRisk']);
    assert.equal(fields[1]!.label, 'Next step (date)');
    assert.deepEqual(fields[2]!.orderedValueList, ['Low', 'High']);
    for (const [body, re] of [
      [{ uniqueName: 'x' }, /JSON array/],
      [[{ label: 'x', type: 'STRING' }], /body\[0\]\.uniqueName is required/],
      [[{ uniqueName: 'x', label: 'x', type: 'TEXT' }], /body\[0\]\.type must be one of/],
      [[{ uniqueName: 'x', label: 'x', type: 'REFERENCE' }], /referenceTo is required/],
    ] as Array<[unknown, RegExp]>) {
      const bad = await api('POST', url, { body });
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.match(firstError(bad.body), re);
    }
  });

  it('deletes the integration: 201, reused clientRequestId 409, objects gone when DONE, a new one can register', async () => {
    const { api, world } = setup();
    const id = await register(api);
    await api('POST', `/v2/crm/entities?integrationId=${id}&objectType=ACCOUNT&clientRequestId=u1`, { multipart: { fields: { dataFile: ldjson }, files: {} } });
    await api('GET', `/v2/crm/request-status?integrationId=${id}&clientRequestId=u1`);
    await api('GET', `/v2/crm/request-status?integrationId=${id}&clientRequestId=u1`);
    assert.equal(crmObjectsOf(world, 'ACCOUNT').size, 2);
    const noReq = await api('DELETE', `/v2/crm/integrations?integrationId=${id}`);
    assert.equal(noReq.status, 400);
    assert.match(firstError(noReq.body), /clientRequestId is required/);
    const reused = await api('DELETE', `/v2/crm/integrations?integrationId=${id}&clientRequestId=u1`);
    assert.equal(reused.status, 409);
    const del = await api('DELETE', `/v2/crm/integrations?integrationId=${id}&clientRequestId=del-1`);
    assert.equal(del.status, 201);
    assert.equal(del.route.scope, 'api:crm:integration:delete');
    assert.equal(del.body.clientRequestId, 'del-1');
    assert.deepEqual((await api('GET', '/v2/crm/integrations')).body.integrations, []);
    assert.equal((await api('GET', `/v2/crm/request-status?integrationId=${id}&clientRequestId=del-1`)).body.status, 'IN_PROGRESS');
    assert.equal((await api('GET', `/v2/crm/request-status?integrationId=${id}&clientRequestId=del-1`)).body.status, 'DONE');
    assert.equal(crmObjectsOf(world, 'ACCOUNT').size, 0);
    const again = await register(api);
    assert.notEqual(again, id);
    const unknown = await api('GET', `/v2/crm/request-status?integrationId=${again}&clientRequestId=nope`);
    assert.equal(unknown.status, 400);
  });
});
