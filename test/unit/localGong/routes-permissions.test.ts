import * as assert from 'node:assert/strict';
import { firstError, sameShape, sample, setup } from './routes-support';

describe('local Gong permission-profile routes', () => {
  it('lists a workspace\'s profiles alphabetically in the full sample shape', async () => {
    const { api, world } = setup();
    const ws = world.workspaces[0]!.id;
    const res = await api('GET', `/v2/all-permission-profiles?workspaceId=${ws}`);
    assert.equal(res.status, 200);
    assert.equal(res.route.scope, 'api:permission-profile:read');
    const profiles = res.body.profiles as Array<Record<string, unknown>>;
    assert.deepEqual(profiles.map(p => p.name), ['Admin', 'Manager', 'Sales Rep']);
    const s = sample('permission-profile.GET_v2_permission-profile.json');
    if (s) for (const p of profiles) assert.deepEqual(sameShape(p, s.profile), []);
    const missing = await api('GET', '/v2/all-permission-profiles');
    assert.equal(missing.status, 400);
    assert.match(firstError(missing.body), /workspaceId is required/);
    assert.equal((await api('GET', '/v2/all-permission-profiles?workspaceId=1')).status, 400);
  });

  it('reads one profile and its users; an unknown profile is the live 400 "Bad request"', async () => {
    const { api, world } = setup();
    const rep = world.permissionProfiles.find(p => p.name === 'Sales Rep')!;
    const one = await api('GET', `/v2/permission-profile?profileId=${rep.id}`);
    assert.equal(one.status, 200);
    const s = sample('permission-profile.GET_v2_permission-profile.json');
    if (s) assert.deepEqual(sameShape(one.body, s), []);
    assert.equal((one.body.profile as { id: string }).id, rep.id);
    const users = await api('GET', `/v2/permission-profile/users?profileId=${rep.id}`);
    assert.equal(users.route.scope, 'api:users:read');
    const list = users.body.users as Array<{ id: string; fullName: string; emailAddress: string }>;
    assert.deepEqual(list.map(u => u.id), world.users.filter(u => u.permissionProfileId === rep.id).map(u => u.id));
    assert.equal(list[0]!.fullName, `${world.users[3]!.firstName} ${world.users[3]!.lastName}`);
    const unknown = await api('GET', '/v2/permission-profile?profileId=123');
    assert.equal(unknown.status, 400);
    assert.equal(firstError(unknown.body), 'Bad request');
    assert.equal((await api('GET', '/v2/permission-profile/users?profileId=123')).status, 400);
    assert.equal((await api('GET', '/v2/permission-profile')).status, 400);
  });

  it('creates a profile (new id, omitted values off) and updates it partially; both read back', async () => {
    const { api, world } = setup();
    const ws = world.workspaces[1]!.id;
    const created = await api('POST', `/v2/permission-profile?workspaceId=${ws}`, {
      body: { id: '42', name: 'Partner', description: 'Agency staff', callsAccess: { permissionLevel: 'own', teamLeadIds: null }, library: true },
    });
    assert.equal(created.status, 200);
    assert.equal(created.route.scope, 'api:permission-profile:write');
    const p = created.body.profile as Record<string, unknown>;
    assert.notEqual(p.id, '42', 'the id in the body is ignored');
    assert.match(p.id as string, /^\d{19}$/);
    assert.deepEqual(p.callsAccess, { permissionLevel: 'own', teamLeadIds: null });
    assert.deepEqual(p.dealsAccess, { permissionLevel: 'none', teamLeadIds: null });
    assert.equal(p.library, true);
    assert.equal(p.deleteCalls, false);
    const s = sample('permission-profile.GET_v2_permission-profile.json');
    if (s) assert.deepEqual(sameShape(p, s.profile), []);
    const listed = await api('GET', `/v2/all-permission-profiles?workspaceId=${ws}`);
    assert.ok((listed.body.profiles as Array<{ id: string }>).some(x => x.id === p.id));

    const updated = await api('PUT', `/v2/permission-profile?profileId=${p.id as string}`, { body: { name: 'Partner agency', deleteCalls: true, forecastPermissions: { forecastAccess: { permissionLevel: 'all' } } } });
    assert.equal(updated.status, 200);
    const u = updated.body.profile as Record<string, unknown>;
    assert.equal(u.name, 'Partner agency');
    assert.equal(u.description, 'Agency staff', 'partial update keeps other values');
    assert.equal(u.deleteCalls, true);
    assert.equal(u.library, true);
    assert.deepEqual(u.callsAccess, { permissionLevel: 'own', teamLeadIds: null });
    assert.equal((u.forecastPermissions as Record<string, { permissionLevel: string }>).forecastAccess!.permissionLevel, 'all');
    const read = await api('GET', `/v2/permission-profile?profileId=${p.id as string}`);
    assert.deepEqual(read.body.profile, u);
    assert.equal(world.permissionProfiles.find(x => x.id === p.id)?.name, 'Partner agency');
  });

  it('validates create and update bodies', async () => {
    const { api, world } = setup();
    const ws = world.workspaces[0]!.id;
    const cases: Array<[string, unknown, RegExp]> = [
      [`/v2/permission-profile?workspaceId=${ws}`, { description: 'x' }, /name is required/],
      ['/v2/permission-profile', { name: 'x' }, /workspaceId is required/],
      [`/v2/permission-profile?workspaceId=${ws}`, { name: 'x', callsAccess: { permissionLevel: 'all / managers-team / report-to-them / own / none' } }, /callsAccess\.permissionLevel must be one of/],
      [`/v2/permission-profile?workspaceId=${ws}`, { name: 'x', scoreCalls: 'yes' }, /scoreCalls must be a boolean/],
      [`/v2/permission-profile?workspaceId=${ws}`, { name: 'Admin' }, /already exists/],
      [`/v2/permission-profile?workspaceId=${ws}`, { name: 'x', libraryFolderAccess: { libraryFolderIds: [] } }, /libraryFolderAccess\.permissionLevel is required/],
    ];
    for (const [url, body, re] of cases) {
      const res = await api('POST', url, { body });
      assert.equal(res.status, 400, `${url} ${JSON.stringify(body)}`);
      assert.match(firstError(res.body), re);
    }
    const put = await api('PUT', '/v2/permission-profile', { body: { name: 'x' } });
    assert.equal(put.status, 400);
    assert.match(firstError(put.body), /profileId is required/);
  });
});
