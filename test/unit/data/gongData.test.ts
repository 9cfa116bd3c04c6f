import * as assert from 'node:assert/strict';
import { findAction } from '../../../src/catalog/index';
import { CONNECTION_CHECK, DataKeys, GongData, Reads, checkConnection, requestOf } from '../../../src/data/index';
import type { LocalGongHandle } from '../../../src/localGong/index';
import { createTreeModels, type TreeNode } from '../../../src/tree/index';
import { hostFor, items, startGong } from '../tree/helpers';

describe('the data layer', () => {
  let gong: LocalGongHandle;
  before(async () => { gong = await startGong({ seed: 7, users: 30, calls: 40 }); });
  after(async () => { await gong.close(); });

  it('names a catalog action for every read, and builds requests from its declaration', () => {
    for (const [name, id] of Object.entries(Reads)) assert.ok(findAction(id), `${name}: ${id} is in the catalog`);
    const req = requestOf('calls', { fromDateTime: '2026-11-01T00:00:00Z', toDateTime: '2026-11-02T00:00:00Z', cursor: undefined });
    assert.equal(req.path, findAction('calls.list')?.path);
    assert.deepEqual(req.query, { fromDateTime: '2026-11-01T00:00:00Z', toDateTime: '2026-11-02T00:00:00Z' });
    assert.equal(req.emptyOn404, true, 'the catalog says a calls 404 is empty');
    assert.throws(() => requestOf('flows', {}), /flowOwnerEmail/, 'invalid input is refused before sending');
    assert.equal(CONNECTION_CHECK.path, findAction('workspaces.list')?.path);
  });

  it('reads the workspaces once per profile for every view, the pickers and the panels', async () => {
    const host = hostFor(gong);
    const { models, data } = createTreeModels(host);
    const before = gong.requestCount;
    const ws = items(await models.workspaces.getChildren());
    await models.library.getChildren();
    const names = await data.workspaceNames();
    assert.equal(gong.requestCount - before, 1, 'one workspaces request in all');
    assert.equal(ws.length, gong.world.workspaces.length);
    assert.deepEqual([...names.keys()].sort(), gong.world.workspaces.map(w => w.id).sort());
    // Refreshing the Workspaces view refetches the shared list; its age comes from it.
    assert.ok(models.workspaces.description()?.startsWith('updated'));
    models.workspaces.refresh();
    await models.library.getChildren();
    assert.equal(gong.requestCount - before, 2);
    assert.ok(data.cache.oldestFetch('test', DataKeys.workspaces) !== undefined);
  });

  it('keeps call details per profile: asked again, no request; forced, one', async () => {
    let profile = 'a';
    const host = { ...hostFor(gong), profile: () => profile };
    const data = new GongData(host);
    const ids = gong.world.calls.slice(0, 3).map(c => c.id);
    let before = gong.requestCount;
    const first = await data.callDetails(ids);
    assert.equal(first.size, 3);
    assert.equal(gong.requestCount - before, 1, 'one request for three calls');
    before = gong.requestCount;
    assert.equal((await data.callDetails(ids.slice(0, 2))).size, 2);
    assert.equal(gong.requestCount - before, 0);
    await data.callDetails([ids[0] as string], { force: true });
    assert.equal(gong.requestCount - before, 1);
    profile = 'b';
    assert.equal(data.loadedCall(ids[0] as string), undefined, 'another profile sees none of it');
    profile = 'a';
    await data.forget('a');
    assert.equal(data.loadedCall(ids[0] as string), undefined, 'signed out: forgotten');
  });

  it('the users page is one list for the Users view and the pickers', async () => {
    const host = hostFor(gong);
    const { models, data } = createTreeModels(host);
    const before = gong.requestCount;
    const rows: TreeNode[] = items(await models.users.getChildren());
    const users = await data.users();
    assert.equal(gong.requestCount - before, 1);
    assert.equal(rows.length, users.length);
  });

  it('checks a connection with the catalog\'s workspaces read', async () => {
    const before = gong.requestCount;
    await checkConnection(hostFor(gong).api() as never);
    assert.equal(gong.requestCount - before, 1);
  });
});
