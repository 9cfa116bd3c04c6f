import * as assert from 'node:assert/strict';
import { meetingsOf, providerDisconnected } from '../../../src/localGong/routes/meetings';
import { firstError, sameShape, sample, setup } from './routes-support';

function body(organizerEmail: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    startTime: '2025-06-20T16:00:00Z', endTime: '2025-06-20T16:30:00Z', organizerEmail,
    invitees: [{ email: 'priya@contoso.example', displayName: 'Priya Nair', firstName: 'Priya', lastName: 'Nair' }],
    title: 'Discovery', ...extra,
  };
}

describe('local Gong meetings routes', () => {
  it('creates, updates and deletes a meeting; deleting twice is 404', async () => {
    const { api, world } = setup();
    const organizer = world.users.find(u => u.active && !providerDisconnected(u))!;
    const created = await api('POST', '/v2/meetings', { body: body(organizer.emailAddress) });
    assert.equal(created.status, 200);
    assert.equal(created.route.scope, 'api:meetings:user:create');
    const s = sample('meeting-create.POST_v2_meetings.json');
    if (s) assert.deepEqual(sameShape(created.body, s), []);
    const id = created.body.meetingId as string;
    assert.match(id, /^\d{19}$/);
    assert.match(created.body.meetingUrl as string, /^https:\/\//);
    assert.equal(meetingsOf(world).length, 1);
    assert.equal(meetingsOf(world)[0]!.invitees[0]!.displayName, 'Priya Nair');

    const updated = await api('PUT', `/v2/meetings/${id}`, { body: body(organizer.emailAddress, { title: 'Discovery (moved)', startTime: '2025-06-21T16:00:00Z', endTime: '2025-06-21T17:00:00Z', invitees: [{ email: 'jo@contoso.example' }] }) });
    assert.equal(updated.status, 200);
    assert.equal(updated.route.scope, 'api:meetings:user:update');
    assert.deepEqual(Object.keys(updated.body).sort(), ['meetingId', 'requestId']);
    const m = meetingsOf(world)[0]!;
    assert.equal(m.title, 'Discovery (moved)');
    assert.equal(m.startTime, '2025-06-21T16:00:00Z');
    assert.deepEqual(m.invitees, [{ email: 'jo@contoso.example' }]);

    const wrongOrganizer = await api('DELETE', `/v2/meetings/${id}`, { body: { organizerEmail: 'someone.else@northwind.example' } });
    assert.equal(wrongOrganizer.status, 400);
    const deleted = await api('DELETE', `/v2/meetings/${id}`, { body: { organizerEmail: organizer.emailAddress } });
    assert.equal(deleted.status, 200);
    assert.equal(deleted.route.scope, 'api:meetings:user:delete');
    assert.equal(deleted.body.organizerEmail, organizer.emailAddress);
    assert.equal(meetingsOf(world).length, 0);
    const again = await api('DELETE', `/v2/meetings/${id}`, { body: { organizerEmail: organizer.emailAddress } });
    assert.equal(again.status, 404);
    assert.equal(firstError(again.body), 'The given meeting ID was not found.');
    const updateGone = await api('PUT', `/v2/meetings/${id}`, { body: body(organizer.emailAddress) });
    assert.equal(updateGone.status, 404);
  });

  it('validates the body: invitees are objects, times ordered, organizer required', async () => {
    const { api, world } = setup();
    const email = world.users.find(u => !providerDisconnected(u))!.emailAddress;
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [body(email, { invitees: ['priya@contoso.example'] }), /invitees\[0\] must be an object \{email/],
      [body(email, { invitees: [{ displayName: 'x' }] }), /invitees\[0\]\.email is required/],
      [body(email, { invitees: undefined }), /invitees is required/],
      [body(email, { startTime: 'tomorrow' }), /startTime must be an ISO-8601 date-time/],
      [body(email, { endTime: '2025-06-20T15:00:00Z' }), /endTime must be after startTime/],
      [body('', {}), /organizerEmail is required/],
    ];
    for (const [b, re] of cases) {
      const res = await api('POST', '/v2/meetings', { body: b });
      assert.equal(res.status, 400, JSON.stringify(b));
      assert.match(firstError(res.body), re);
    }
    assert.equal((await api('DELETE', '/v2/meetings/123', { body: {} })).status, 400);
    assert.equal((await api('PUT', '/v2/meetings/abc', { body: body(email) })).status, 400);
  });

  it('404 for an organizer who is not a Gong user; 409 with the live extra keys when the provider is disconnected', async () => {
    const { api, world } = setup();
    const nobody = await api('POST', '/v2/meetings', { body: body('nobody@elsewhere.example') });
    assert.equal(nobody.status, 404);
    // About one user in eight has a disconnected provider; borrow one from another seed if this world has none.
    let broken = world.users.find(providerDisconnected);
    for (let seed = 8; seed < 60 && !broken; seed++) broken = setup(seed).world.users.find(providerDisconnected);
    assert.ok(broken, 'some generated user has a disconnected provider');
    if (!world.usersById.has(broken.id)) {
      world.users.push(broken);
      world.usersById.set(broken.id, broken);
    }
    const res = await api('POST', '/v2/meetings', { body: body(broken.emailAddress) });
    assert.equal(res.status, 409);
    assert.deepEqual(res.body.errors, ['Provider disconnected']);
    const s = sample('error-409-meeting-provider.json');
    if (s) assert.deepEqual(sameShape(res.body, s), []);
    assert.equal(typeof res.body.userFacingError, 'string');
    const status = await api('POST', '/v2/meetings/integration/status', { body: { emails: [broken.emailAddress] } });
    assert.deepEqual((status.body.users as Array<{ exists: boolean; valid: boolean }>).map(u => [u.exists, u.valid]), [[true, false]], 'the status check agrees');
  });

  it('integration status: exists/valid per address, max 100, error texts for invalid users', async () => {
    const { api, world } = setup();
    const good = world.users.find(u => u.active && !providerDisconnected(u))!;
    const inactive = world.users.find(u => !u.active)!;
    const res = await api('POST', '/v2/meetings/integration/status', { body: { emails: [good.emailAddress, inactive.emailAddress, 'who@elsewhere.example'] } });
    assert.equal(res.status, 200);
    assert.equal(res.route.scope, 'api:meetings:integration:status');
    const s = sample('meeting-integration-status.POST_v2_meetings_integration_status.json');
    const users = res.body.users as Array<Record<string, unknown>>;
    if (s) assert.deepEqual(sameShape(users[1], (s.users as unknown[])[0]), []);
    assert.deepEqual(users.map(u => [u.exists, u.valid]), [[true, true], [true, false], [false, false]]);
    assert.equal(typeof users[1]!.userFacingError, 'string');
    const many = Array.from({ length: 101 }, (_, i) => `p${i}@x.example`);
    const tooMany = await api('POST', '/v2/meetings/integration/status', { body: { emails: many } });
    assert.equal(tooMany.status, 400);
    assert.match(firstError(tooMany.body), /at most 100/);
    assert.equal((await api('POST', '/v2/meetings/integration/status', { body: {} })).status, 400);
    assert.equal((await api('POST', '/v2/meetings/integration/status', { body: { emails: ['not-an-email'] } })).status, 400);
  });
});
