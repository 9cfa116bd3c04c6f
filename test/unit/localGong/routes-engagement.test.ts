import * as assert from 'node:assert/strict';
import { engagementEventsOf } from '../../../src/localGong/routes/engagement';
import { firstError, setup } from './routes-support';

const shared = {
  reportingSystem: 'Highspot', eventTimestamp: '2025-06-10T10:00:00Z', contentId: 'deck-1', contentUrl: 'https://content.example/deck-1',
  contentTitle: 'Pricing deck', eventId: 'share-1', sharer: { email: 'maya.okafor@northwind.example' },
  recipients: [{ email: 'priya@contoso.example', name: 'Priya' }],
  crmContext: [{ system: 'Salesforce', objects: [{ objectType: 'Opportunity', objectId: '0061' }] }],
  contentProperties: [{ name: 'pages', value: '12', dataType: 'number' }],
};

describe('local Gong engagement event routes', () => {
  it('accepts content shared / viewed / custom action events and stores them', async () => {
    const { api, world } = setup();
    const a = await api('PUT', '/v2/customer-engagement/content/shared', { body: shared });
    assert.equal(a.status, 200);
    assert.equal(a.route.scope, 'api:engagement-data:write');
    assert.deepEqual(Object.keys(a.body), ['requestId']);
    const viewed = await api('PUT', '/v2/customer-engagement/content/viewed', {
      body: { ...shared, eventId: 'view-1', recipients: undefined, viewer: { email: 'priya@contoso.example' }, viewActionTitle: 'Opened' },
    });
    assert.equal(viewed.status, 200);
    const action = await api('PUT', '/v2/customer-engagement/action', { body: { reportingSystem: 'Portal', eventTimestamp: '2025-06-10T11:00:00+02:00', actionName: 'Signed up', actor: { email: 'jo@contoso.example' } } });
    assert.equal(action.status, 200, 'only reportingSystem and eventTimestamp are required');
    const events = engagementEventsOf(world);
    assert.deepEqual(events.map(e => e.eventType), ['contentShared', 'contentViewed', 'customEvent']);
    assert.deepEqual(events[0]!.emails, ['maya.okafor@northwind.example', 'priya@contoso.example']);
    assert.equal(events[2]!.eventName, 'Signed up');
  });

  it('409 for an eventId reported twice', async () => {
    const { api } = setup();
    assert.equal((await api('PUT', '/v2/customer-engagement/content/shared', { body: shared })).status, 200);
    const dup = await api('PUT', '/v2/customer-engagement/content/shared', { body: shared });
    assert.equal(dup.status, 409);
    assert.match(firstError(dup.body), /share-1 was already reported/);
  });

  it('validates required fields, enums, recipients\' emails and the viewer/trackingId rule', async () => {
    const { api } = setup();
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['/v2/customer-engagement/content/shared', { ...shared, contentTitle: undefined }, /contentTitle is required/],
      ['/v2/customer-engagement/content/shared', { ...shared, eventTimestamp: '10/06/2025' }, /eventTimestamp must be an ISO-8601/],
      ['/v2/customer-engagement/content/shared', { ...shared, recipients: [{ name: 'no email' }] }, /recipients\[0\]\.email is required/],
      ['/v2/customer-engagement/content/shared', { ...shared, crmContext: [{ system: 'Pipedrive' }] }, /crmContext\[0\]\.system must be one of/],
      ['/v2/customer-engagement/content/shared', { ...shared, contentProperties: [{ name: 'a', value: 'b', dataType: 'blob' }] }, /contentProperties\[0\]\.dataType/],
      ['/v2/customer-engagement/content/viewed', { ...shared, viewer: { email: 'a@b.example' }, trackingId: 't-1' }, /trackingId must be null when a viewer is sent/],
      ['/v2/customer-engagement/content/viewed', { ...shared, reportingSystem: undefined }, /reportingSystem is required/],
      ['/v2/customer-engagement/action', { reportingSystem: 'x' }, /eventTimestamp is required/],
    ];
    for (const [path, body, re] of cases) {
      const res = await api('PUT', path, { body });
      assert.equal(res.status, 400, `${path} ${JSON.stringify(body)}`);
      assert.match(firstError(res.body), re);
    }
  });

  it('digital interaction: minimal live body accepted, person XOR trackingId, nested validation, duplicate 409', async () => {
    const { api, world } = setup();
    const minimal = { eventId: 'di-1', timestamp: '2025-06-10T10:00:00Z', eventType: 'page viewed', content: { contentTitle: 'Pricing' }, person: { email: 'Priya@Contoso.example' } };
    const ok = await api('POST', '/v2/digital-interaction', { body: minimal });
    assert.equal(ok.status, 200);
    assert.equal(ok.route.scope, 'api:digital-interactions:write');
    assert.deepEqual(engagementEventsOf(world).at(-1)!.emails, ['priya@contoso.example']);
    const dup = await api('POST', '/v2/digital-interaction', { body: minimal });
    assert.equal(dup.status, 409);
    const tracked = await api('POST', '/v2/digital-interaction', { body: { ...minimal, eventId: 'di-2', person: undefined, trackingId: 'anon-7' } });
    assert.equal(tracked.status, 200);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...minimal, eventId: undefined }, /eventId is required/],
      [{ ...minimal, content: undefined }, /content is required/],
      [{ ...minimal, content: {} }, /content\.contentTitle is required/],
      [{ ...minimal, trackingId: 'x' }, /either person or trackingId, not both/],
      [{ ...minimal, person: undefined }, /Either person or trackingId is required/],
      [{ ...minimal, device: 'TV' }, /device must be one of MOBILE, PC/],
      [{ ...minimal, content: { contentTitle: 'x', numericContentDetails: { rangeFrom: 0 } } }, /rangeTo is required/],
      [{ ...minimal, content: { contentTitle: 'x', searchObjectDetails: { name: 'n', objectType: 'X', domain: 'd' } } }, /searchObjectDetails\.objectType must be one of/],
      [{ ...minimal, person: { personBusinessContext: { objectType: 'ACCOUNT', objectId: '1' } } }, /personBusinessContext\.objectType must be one of CONTACT, LEAD/],
      [{ ...minimal, customFields: [{ name: 'n', value: 3 }] }, /customFields\[0\]\.value is required and must be a string/],
      [{ ...minimal, timestamp: 'yesterday' }, /timestamp must be an ISO-8601/],
    ];
    for (const [i, [body, re]] of cases.entries()) {
      const res = await api('POST', '/v2/digital-interaction', { body: { ...body, eventId: body.eventId === undefined ? undefined : `v-${i}` } });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(firstError(res.body), re);
    }
  });
});
