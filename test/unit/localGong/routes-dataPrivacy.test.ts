import * as assert from 'node:assert/strict';
import { flowsStateOf } from '../../../src/localGong/routes/flows';
import { meetingsOf } from '../../../src/localGong/routes/meetings';
import { firstError, sameShape, sample, setup } from './routes-support';

const ARRAYS = ['calls', 'customerData', 'customerEngagement', 'emails', 'meetings'];

describe('local Gong data-privacy routes', () => {
  it('reports an external person\'s calls, emails, meetings and engagement events in the sample shape', async () => {
    const { api, world } = setup();
    const email = 'guest3@contoso.example';
    const expectedCalls = world.calls.filter(c => c.parties.some(p => p.emailAddress === email)).map(c => c.id);
    assert.ok(expectedCalls.length > 0);
    await api('POST', '/v2/digital-interaction', { body: { eventId: 'e1', timestamp: '2025-06-01T10:00:00Z', eventType: 'page viewed', content: { contentTitle: 'Pricing' }, person: { email: 'GUEST3@contoso.example' } } });
    const res = await api('GET', `/v2/data-privacy/data-for-email-address?emailAddress=${encodeURIComponent(email)}`);
    assert.equal(res.status, 200);
    assert.equal(res.route.scope, 'api:data-privacy:read');
    const s = sample('data-privacy-email.GET_v2_data-privacy_data-for-email-address.json');
    if (s) assert.deepEqual(sameShape(res.body, { ...s, customerData: [] }), []);
    assert.deepEqual((res.body.calls as Array<{ id: string }>).map(c => c.id).sort(), [...expectedCalls].sort());
    const emails = res.body.emails as Array<{ id: string; from: string }>;
    assert.ok(emails.length > 0 && emails.every(e => /^[a-z0-9]{32}$/.test(e.id) && e.from === email));
    assert.ok((res.body.meetings as Array<{ id: string }>).every(m => m.id.includes('@google.com_')));
    const engagement = res.body.customerEngagement as Array<Record<string, unknown>>;
    assert.deepEqual(engagement.map(e => [e.eventType, e.sourceEventId]), [['digitalInteraction', 'e1']]);
  });

  it('an unknown address answers 200 with all five arrays empty; a malformed one 400', async () => {
    const { api } = setup();
    const res = await api('GET', '/v2/data-privacy/data-for-email-address?emailAddress=nobody%40nowhere.example');
    assert.equal(res.status, 200);
    for (const k of ARRAYS) assert.deepEqual(res.body[k], [], k);
    const bad = await api('GET', '/v2/data-privacy/data-for-email-address?emailAddress=nobody');
    assert.equal(bad.status, 400);
    assert.match(firstError(bad.body), /emailAddress is not a valid email address/);
    const missing = await api('GET', '/v2/data-privacy/data-for-email-address');
    assert.equal(missing.status, 400);
    assert.match(firstError(missing.body), /emailAddress is required/);
  });

  it('erasing an email removes the person from calls, prospects, meetings and events; later answers are empty', async () => {
    const { api, world } = setup();
    const email = 'guest5@contoso.example';
    const state = flowsStateOf(world);
    const prospect = [...state.prospects.values()][0]!;
    // Tie the prospect's address to this person so Engage data is covered too.
    prospect.emailAddress = email;
    const organizer = world.users[3]!;
    await api('POST', '/v2/meetings', { body: { startTime: '2025-06-20T16:00:00Z', endTime: '2025-06-20T16:30:00Z', organizerEmail: organizer.emailAddress, invitees: [{ email }, { email: 'keep@contoso.example' }] } });
    await api('PUT', '/v2/customer-engagement/action', { body: { reportingSystem: 'Portal', eventTimestamp: '2025-06-10T11:00:00Z', eventId: 'x1', actor: { email } } });
    const before = await api('GET', `/v2/data-privacy/data-for-email-address?emailAddress=${encodeURIComponent(email)}`);
    assert.ok((before.body.calls as unknown[]).length > 0);
    assert.equal((before.body.customerData as Array<{ system: string }>)[0]!.system, 'Salesforce');
    assert.equal((before.body.customerEngagement as unknown[]).length, 1);

    const erased = await api('POST', `/v2/data-privacy/erase-data-for-email-address?emailAddress=${encodeURIComponent(email)}`);
    assert.equal(erased.status, 200);
    assert.equal(erased.route.scope, 'api:data-privacy:delete');
    assert.deepEqual(Object.keys(erased.body), ['requestId']);
    assert.ok(world.erasedEmails.has(email));
    assert.ok(world.calls.every(c => c.parties.every(p => p.emailAddress !== email)));
    assert.ok(!state.prospects.has(prospect.crmId));
    assert.ok(!state.instances.some(x => x.crmProspectId === prospect.crmId));
    assert.deepEqual(meetingsOf(world)[0]!.invitees, [{ email: 'keep@contoso.example' }]);
    const after = await api('GET', `/v2/data-privacy/data-for-email-address?emailAddress=${encodeURIComponent(email)}`);
    for (const k of ARRAYS) assert.deepEqual(after.body[k], [], k);
    const other = await api('GET', '/v2/data-privacy/data-for-email-address?emailAddress=guest4%40contoso.example');
    assert.ok((other.body.calls as unknown[]).length > 0, 'other people are untouched');
    const noQuery = await api('POST', '/v2/data-privacy/erase-data-for-email-address');
    assert.equal(noQuery.status, 400);
  });

  it('phone lookups need + percent-encoded; matching numbers and addresses are reported', async () => {
    const { api } = setup();
    const encoded = await api('GET', '/v2/data-privacy/data-for-phone-number?phoneNumber=%2B44%2020%207946%200101');
    assert.equal(encoded.status, 200);
    assert.equal(encoded.body.suppliedPhoneNumber, '+44 20 7946 0101');
    assert.deepEqual(encoded.body.matchingPhoneNumbers, ['+44 20 7946 0101']);
    assert.deepEqual(encoded.body.emailAddresses, ['guest1@contoso.example']);
    assert.ok((encoded.body.calls as unknown[]).length > 0);
    for (const k of ['emails', 'calls', 'meetings', 'customerData']) assert.ok(Array.isArray(encoded.body[k]), k);
    const raw = await api('GET', '/v2/data-privacy/data-for-phone-number?phoneNumber=+442079460101');
    assert.equal(raw.status, 400, 'an unencoded + arrives as a space');
    assert.match(firstError(raw.body), /start with \+ .*%2B/);
    assert.equal((await api('GET', '/v2/data-privacy/data-for-phone-number')).status, 400);
  });

  it('erasing a phone number drops it from parties (and phone-only parties); later lookups find nothing', async () => {
    const { api, world } = setup();
    const res = await api('POST', '/v2/data-privacy/erase-data-for-phone-number?phoneNumber=%2B442079460102');
    assert.equal(res.status, 200);
    assert.ok(world.erasedPhones.has('+442079460102'));
    assert.ok(world.erasedPhones.has('+44 20 7946 0102'), 'the spelling on the parties too');
    assert.ok(world.calls.every(c => c.parties.every(p => p.phoneNumber !== '+44 20 7946 0102')));
    assert.ok(world.calls.some(c => c.parties.some(p => p.emailAddress === 'guest2@contoso.example')), 'the person stays, without the number');
    const after = await api('GET', '/v2/data-privacy/data-for-phone-number?phoneNumber=%2B442079460102');
    assert.deepEqual(after.body.matchingPhoneNumbers, []);
    assert.deepEqual(after.body.calls, []);
    const bad = await api('POST', '/v2/data-privacy/erase-data-for-phone-number?phoneNumber=442079460102');
    assert.equal(bad.status, 400);
  });
});
