import * as assert from 'node:assert/strict';
import type { LocalGongHandle } from '../../../src/localGong/index';
import { actionsFor, presetRange, customRange, type TreeNode } from '../../../src/tree/index';
import { expandAll, hostFor, items, models, row, startGong } from './helpers';

describe('sidebar trees against the local Gong', function () {
  this.timeout(60_000);
  let gong: LocalGongHandle;
  before(async () => { gong = await startGong({ users: 250, calls: 400 }); });
  after(async () => { await gong.close(); });

  describe('Users', () => {
    it('shows the first page with a load-more row, appends pages, and stops at the end', async () => {
      const m = models(hostFor(gong)).users;
      const before = gong.requestCount;
      let rows = await m.getChildren();
      assert.equal(gong.requestCount - before, 1, 'one request for the first page, none up front');
      assert.equal(items(rows).length, 100);
      const more = row(rows, 'loadMoreRow');
      assert.equal(more?.label, 'Load 100 more (100 of 250)');
      let fired = 0;
      m.onDidChange(n => { if (n === undefined) fired++; });
      if (more?.action?.kind !== 'loadMore') throw new Error('no load-more action');
      await more.action.run();
      assert.equal(fired, 1, 'the view is told to redraw');
      rows = await m.getChildren();
      assert.equal(items(rows).length, 200);
      assert.equal(row(rows, 'loadMoreRow')?.label, 'Load 50 more (200 of 250)');
      const last = row(rows, 'loadMoreRow');
      if (last?.action?.kind !== 'loadMore') throw new Error('no load-more action');
      await last.action.run();
      rows = await m.getChildren();
      assert.equal(items(rows).length, 250);
      assert.equal(row(rows, 'loadMoreRow'), undefined);
      assert.deepEqual(items(rows).map(r => r.item?.gongId), gong.world.users.map(u => u.id).slice(0, 250));
      // Rows built before their manager's page arrived now name the manager too.
      const byId = new Map(gong.world.users.map(u => [u.id, u]));
      let named = 0;
      for (const r of items(rows)) {
        const u = byId.get(r.item?.gongId ?? '');
        const mgr = u?.managerId ? byId.get(u.managerId) : undefined;
        if (!mgr) continue;
        assert.ok(r.tooltip?.includes(`Manager: ${mgr.firstName} ${mgr.lastName} (${mgr.id})`), `${r.label}: ${r.tooltip}`);
        named++;
      }
      assert.ok(named > 0);
    });

    it('keeps what was loaded and the same ids across a refresh', async () => {
      const m = models(hostFor(gong)).users;
      let rows = await m.getChildren();
      const more = row(rows, 'loadMoreRow');
      if (more?.action?.kind !== 'loadMore') throw new Error('no load-more action');
      await more.action.run();
      rows = await m.getChildren();
      const ids = rows.map(r => r.id);
      const before = gong.requestCount;
      m.refresh();
      const again = await m.getChildren();
      assert.equal(gong.requestCount - before, 2, 'both loaded pages fetched again');
      assert.deepEqual(again.map(r => r.id), ids);
      assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    });

    it('shows name, email, title, manager and an inactive icon', async () => {
      const m = models(hostFor(gong)).users;
      const rows = items(await m.getChildren());
      const world = gong.world.users.slice(0, 100);
      const withManager = world.find(u => u.managerId && world.some(x => x.id === u.managerId));
      assert.ok(withManager, 'fixture has a managed user on the first page');
      const r = rows.find(x => x.item?.gongId === withManager.id) as TreeNode;
      assert.equal(r.label, `${withManager.firstName} ${withManager.lastName}`);
      assert.ok(r.description?.includes(withManager.emailAddress));
      const manager = world.find(x => x.id === withManager.managerId);
      assert.ok(r.tooltip?.includes(`Manager: ${manager?.firstName} ${manager?.lastName}`), r.tooltip);
      const inactive = world.find(u => !u.active);
      if (inactive) {
        const ir = rows.find(x => x.item?.gongId === inactive.id) as TreeNode;
        assert.equal(ir.icon, 'circle-slash');
        assert.match(ir.contextValue ?? '', /\binactive\b/);
      }
      assert.match(r.contextValue ?? '', /\bgongItem\b/);
      assert.match(r.contextValue ?? '', /\buser\b/);
    });

    it('filters the loaded rows, says so, and clears', async () => {
      const m = models(hostFor(gong)).users;
      await m.getChildren();
      const target = gong.world.users[7];
      if (!target) throw new Error('fixture');
      m.setFilter(target.emailAddress.toUpperCase());
      const rows = await m.getChildren();
      const filterRow = rows[0];
      assert.equal(filterRow?.contextValue, 'filterRow');
      assert.equal(filterRow?.label, `Filtered by "${target.emailAddress.toUpperCase()}"`);
      assert.match(filterRow?.description ?? '', /^1 of 100 loaded/);
      assert.deepEqual(items(rows).map(r => r.item?.gongId), [target.id]);
      assert.ok(row(rows, 'loadMoreRow'), 'load more stays available while filtering');
      if (filterRow?.action?.kind !== 'clearFilter') throw new Error('no clear action');
      filterRow.action.run();
      assert.equal(m.filter, '');
      assert.equal(items(await m.getChildren()).length, 100);
    });

    it('shows the age of the cached directory data', async () => {
      const host = hostFor(gong);
      const m = models(host).users;
      assert.equal(m.description(), undefined);
      await m.getChildren();
      assert.equal(m.description(), 'updated just now');
      host.time += 5 * 60_000;
      assert.equal(m.description(), 'updated 5 min ago');
      const before = gong.requestCount;
      await m.getChildren();
      assert.equal(gong.requestCount, before, 'nothing refetched without a refresh');
      m.refresh();
      await m.getChildren();
      assert.equal(m.description(), 'updated just now');
    });
  });

  describe('failures', () => {
    it('a token without the scope gives an error row naming it, with retry', async () => {
      const token = gong.addToken(['api:calls:read:basic']);
      const host = hostFor(gong, { kind: 'bearer', token });
      const m = models(host).users;
      const rows = await m.getChildren();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.contextValue, 'errorRow');
      assert.match(rows[0]?.label ?? '', /api:users:read/);
      assert.equal(rows[0]?.action?.kind, 'retry');
      assert.equal(host.failures, 0, 'a missing scope is not a credentials failure');
      host.setAuth({ kind: 'bearer', token: gong.bearerToken });
      if (rows[0]?.action?.kind === 'retry') rows[0].action.run();
      assert.equal(items(await m.getChildren()).length, 100);
    });

    it('a failed refresh shows the error row above the rows loaded before, and retry recovers', async () => {
      const m = models(hostFor(gong)).users;
      const first = items(await m.getChildren());
      assert.equal(first.length, 100);
      gong.faults.add({ path: '/v2/users', status: 500, body: { errors: ['Internal server error occurred'] } });
      m.refresh();
      const rows = await m.getChildren();
      assert.equal(rows[0]?.contextValue, 'errorRow');
      assert.match(rows[0]?.label ?? '', /Internal server error/);
      assert.deepEqual(items(rows).map(r => r.id), first.map(r => r.id), 'the earlier rows stay visible');
      if (rows[0]?.action?.kind !== 'retry') throw new Error('no retry');
      rows[0].action.run();
      const again = await m.getChildren();
      assert.notEqual(again[0]?.contextValue, 'errorRow');
      assert.equal(items(again).length, 100);
    });

    it('refused credentials give a sign-in row and report the failure', async () => {
      const host = hostFor(gong, { kind: 'basic', accessKey: gong.accessKey, accessKeySecret: 'wrong' });
      const all = models(host);
      const rows = await all.users.getChildren();
      assert.deepEqual(rows.map(r => r.contextValue), ['signInRow']);
      assert.equal(rows[0]?.action?.kind, 'signIn');
      assert.equal(host.failures, 1);
      // Every other view now shows the sign-in row without asking Gong.
      const before = gong.requestCount;
      assert.deepEqual((await all.trackers.getChildren()).map(r => r.contextValue), ['signInRow']);
      assert.equal(gong.requestCount, before);
    });

    it('a stopped server gives an error row, not a broken tree', async () => {
      const g2 = await startGong({ users: 5, calls: 5 });
      const m = models(hostFor(g2)).workspaces;
      await g2.close();
      const rows = await m.getChildren();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.contextValue, 'errorRow');
      assert.equal(rows[0]?.id, 'gongExplorer.workspaces/error');
    });

    it('signed out: the workspaces view is empty (welcome content), others offer sign-in', async () => {
      const all = models({ api: () => undefined, profile: () => undefined, authFailed: () => false, reportAuthFailure: () => undefined });
      assert.deepEqual(await all.workspaces.getChildren(), []);
      assert.deepEqual((await all.calls.getChildren()).map(r => r.contextValue), ['signInRow']);
    });
  });

  describe('Calls', () => {
    it('groups the range by day, newest first, pages with load more, and keeps ids on refresh', async () => {
      const host = hostFor(gong);
      const m = models(host).calls;
      m.setRange(presetRange('last30', host.time));
      const rows = await m.getChildren();
      assert.equal(rows[0]?.contextValue, 'rangeRow');
      assert.equal(rows[0]?.label, 'Last 30 days');
      const days = rows.filter(r => r.contextValue === 'day');
      assert.ok(days.length > 1);
      const keys = days.map(d => d.item?.gongId ?? '');
      assert.deepEqual(keys, [...keys].sort().reverse(), 'newest day first');
      const calls = (await Promise.all(days.map(d => m.getChildren(d)))).flat();
      assert.equal(calls.length, 100, 'one page of calls loaded');
      for (const day of days) {
        const under = await m.getChildren(day);
        const started = under.map(c => String((c.item?.json as { started?: string }).started));
        assert.deepEqual(started, [...started].sort().reverse(), 'newest call first within a day');
        for (const c of under) assert.equal(String((c.item?.json as { started?: string }).started).slice(0, 10), day.item?.gongId);
      }
      const inRange = gong.world.calls.filter(c => Date.parse(c.started) >= Date.parse(m.range.from) && Date.parse(c.started) < Date.parse(m.range.to)).length;
      const more = row(rows, 'loadMoreRow');
      if (inRange > 100) {
        assert.equal(more?.label, `Load 100 more (100 of ${inRange.toLocaleString('en-US')})`.replace(/Load 100/, `Load ${Math.min(100, inRange - 100)}`));
        if (more?.action?.kind !== 'loadMore') throw new Error('no load-more');
        await more.action.run();
        assert.equal(m.loadedCalls().length, Math.min(200, inRange));
      }
      const call = calls[0] as TreeNode;
      assert.match(call.contextValue ?? '', /\bhasUrl\b/);
      assert.equal(call.item?.callId, call.item?.gongId);
      assert.ok(call.item?.url?.startsWith('http'));
      const ids = (await m.getChildren()).map(r => r.id);
      m.refresh();
      const again = (await m.getChildren()).map(r => r.id);
      assert.deepEqual(again, ids);
    });

    it('filters loaded calls by title inside the day groups', async () => {
      const host = hostFor(gong);
      const m = models(host).calls;
      m.setRange(presetRange('last30', host.time));
      const loaded = items(await m.getChildren());
      const firstDay = loaded.find(r => r.contextValue === 'day') as TreeNode;
      const someCall = (await m.getChildren(firstDay))[0] as TreeNode;
      m.setFilter(someCall.item?.gongId ?? '');
      const rows = await m.getChildren();
      assert.equal(rows[0]?.contextValue, 'filterRow');
      const days = rows.filter(r => r.contextValue === 'day');
      assert.equal(days.length, 1);
      const under = await m.getChildren(days[0]);
      assert.deepEqual(under.map(c => c.item?.gongId), [someCall.item?.gongId]);
    });

    it('an empty range says so instead of failing (Gong answers 404)', async () => {
      const m = models(hostFor(gong)).calls;
      const r = customRange('2001-01-01', '2001-01-02');
      if (typeof r === 'string') throw new Error(r);
      m.setRange(r);
      const rows = await m.getChildren();
      assert.deepEqual(rows.map(x => x.contextValue), ['rangeRow', 'emptyRow']);
      assert.equal(rows[0]?.label, '2001-01-01 to 2001-01-02');
    });

    it('custom ranges are checked', () => {
      assert.match(String(customRange('2026-02-10', '2026-02-01')), /before/);
      assert.match(String(customRange('yesterday', '2026-02-01')), /not a date/);
      const r = customRange('2026-02-01', '2026-02-01');
      assert.deepEqual(r, { preset: 'custom', from: '2026-02-01T00:00:00.000Z', to: '2026-02-02T00:00:00.000Z' });
    });
  });

  describe('directory views', () => {
    it('Workspaces, Trackers and Scorecards list their items and children', async () => {
      const all = models(hostFor(gong));
      const ws = items(await all.workspaces.getChildren());
      assert.deepEqual(ws.map(w => w.item?.gongId), gong.world.workspaces.map(w => w.id));
      const trackers = await all.trackers.getChildren();
      assert.equal(items(trackers).length, gong.world.trackers.length);
      const withKeywords = trackers.find(t => t.collapsible !== 'none');
      if (withKeywords) assert.ok((await all.trackers.getChildren(withKeywords)).length > 0);
      const cards = await all.scorecards.getChildren();
      assert.equal(items(cards).length, gong.world.scorecards.length);
      const seen = await expandAll(all.scorecards, cards);
      assert.ok(seen.some(r => r.item?.kind === 'question'));
    });

    it('Library shows workspaces, folders, sub-folders and their calls', async () => {
      const all = models(hostFor(gong));
      const roots = await all.library.getChildren();
      const seen = await expandAll(all.library, roots);
      const folders = seen.filter(r => r.item?.kind === 'folder');
      assert.equal(new Set(folders.map(f => f.item?.gongId)).size, gong.world.libraryFolders.length);
      const calls = seen.filter(r => r.item?.kind === 'libraryCall');
      const expected = gong.world.libraryFolders.reduce((n, f) => n + f.callIds.length, 0);
      assert.equal(calls.length, expected);
      const nested = gong.world.libraryFolders.find(f => f.parentFolderId);
      if (nested) {
        const node = folders.find(f => f.item?.gongId === nested.id);
        assert.ok(node?.parent?.item?.gongId === nested.parentFolderId, 'a sub-folder sits under its parent');
      }
      assert.equal(new Set(seen.map(r => r.id)).size, seen.length, 'ids are unique');
    });

    it('refreshing a folder refetches only that folder; a row without data of its own refreshes its list', async () => {
      const all = models(hostFor(gong));
      const roots = await all.library.getChildren();
      const seen = await expandAll(all.library, roots);
      const folder = seen.find(r => r.item?.kind === 'folder') as TreeNode;
      let before = gong.requestCount;
      all.library.refresh(folder);
      await all.library.getChildren(folder);
      assert.equal(gong.requestCount - before, 1, 'one folder-content request');
      await all.library.getChildren();
      assert.equal(gong.requestCount - before, 1, 'the workspaces list was not refetched');
      const user = items(await all.users.getChildren())[0] as TreeNode;
      before = gong.requestCount;
      all.users.refresh(user);
      await all.users.getChildren();
      assert.equal(gong.requestCount - before, 1, 'the users page was fetched again');
    });

    it('Engage Flows asks for an owner, then lists folders and flows', async () => {
      const all = models(hostFor(gong));
      const first = await all.flows.getChildren();
      assert.deepEqual(first.map(r => r.contextValue), ['ownerRow']);
      const owner = gong.world.users.find(u => u.active);
      if (!owner) throw new Error('fixture');
      all.flows.setOwnerEmail(owner.emailAddress);
      const roots = await all.flows.getChildren();
      assert.equal(roots[0]?.label, `Owner: ${owner.emailAddress}`);
      const seen = await expandAll(all.flows, roots);
      const flows = seen.filter(r => r.item?.kind === 'flow');
      assert.ok(flows.length > 0, 'the owner sees flows');
      const allFlows = roots.find(r => r.contextValue === 'allFlows') as TreeNode;
      const inFolders = seen.filter(r => r.item?.kind === 'flow' && r.parent?.item?.kind === 'flowFolder');
      const inAll = await all.flows.getChildren(allFlows);
      assert.deepEqual(new Set(inFolders.map(f => f.item?.gongId)), new Set(items(inAll).map(f => f.item?.gongId)));
    });
  });

  it('Run Action pre-fills use catalog action ids with the row id', async () => {
    const { findAction } = await import('../../../src/catalog/index');
    const user = actionsFor({ kind: 'user', gongId: '123', json: {} });
    assert.deepEqual(user[0], { label: 'Settings history of this user', actionId: 'users.settingsHistory', input: { id: '123' } });
    const call = actionsFor({ kind: 'call', gongId: '9', json: {}, callId: '9' });
    assert.deepEqual(call.map(c => c.actionId), ['calls.transcript', 'calls.usersAccess.get', 'calls.extensive']);
    assert.deepEqual(call[0]?.input, { filter: { callIds: ['9'] } });
    assert.deepEqual(actionsFor({ kind: 'folder', gongId: '5', json: {} })[0]?.input, { folderId: '5' });
    for (const kind of ['user', 'call', 'libraryCall', 'folder', 'workspace', 'flow', 'tracker', 'scorecard'] as const) {
      for (const a of actionsFor({ kind, gongId: '1234567890123456789', json: {}, callId: '1234567890123456789' })) {
        const def = findAction(a.actionId);
        assert.ok(def, `${a.actionId} exists in the catalog`);
      }
    }
  });
});
