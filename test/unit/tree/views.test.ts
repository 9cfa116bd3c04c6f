import * as assert from 'node:assert/strict';
import type { LocalGongHandle } from '../../../src/localGong/index';
import { actionsFor, presetRange, customRange, rangeDays, type TreeNode } from '../../../src/tree/index';

/** The calendar day of a moment in the local time zone, as the Calls view names its days. */
function localDay(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
import { expandAll, hostFor, items, models, row, startGong } from './helpers';
import { textOf } from '../../../src/shared/textOf';

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
        assert.ok(r.tooltip?.includes(`Manager: ${mgr.firstName} ${mgr.lastName}`), `${r.label}: ${r.tooltip}`);
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

    it('a 403 stays on its view: the row says what is not open and the session is kept', async () => {
      const host = hostFor(gong);
      const all = models(host);
      gong.faults.add({ path: '/v2/users', status: 403, body: { errors: ['Access denied'] } });
      const rows = await all.users.getChildren();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.contextValue, 'errorRow');
      assert.equal(rows[0]?.label, 'Gong denied these credentials access to users (Access denied).');
      assert.equal(rows[0]?.icon, 'lock');
      assert.match(rows[0]?.tooltip ?? '', /HTTP 403/);
      assert.equal(host.failures, 0, 'a refusal is not a credentials failure');
      assert.ok(items(await all.workspaces.getChildren()).length > 0, 'the other views keep working');
    });

    it('with Engage turned off, Engage Flows shows its refusal and the other views stay signed in', async () => {
      const off = await startGong({ users: 20, calls: 30, disable: ['engage', 'meetings'] });
      try {
        const host = hostFor(off);
        const all = models(host);
        all.flows.setOwnerEmail(off.world.users[0]!.emailAddress);
        const seen = await expandAll(all.flows, await all.flows.getChildren());
        const refusals = seen.filter(r => r.contextValue === 'errorRow');
        assert.ok(refusals.length > 0, 'a refusal row');
        for (const r of refusals) {
          assert.equal(r.label, 'Engage is not enabled for this company or these credentials.');
          assert.equal(r.icon, 'lock');
        }
        assert.equal(seen.filter(r => r.item?.kind === 'flow').length, 0);
        assert.equal(host.failures, 0, 'no sign-in asked for');
        for (const key of ['workspaces', 'users', 'library', 'trackers', 'scorecards'] as const) {
          const rows = await all[key].getChildren();
          assert.ok(items(rows).length > 0, `${key} still lists its items`);
          assert.ok(!rows.some(r => r.contextValue === 'signInRow' || r.contextValue === 'errorRow'), key);
        }
      } finally {
        await off.close();
      }
    });

    it('a token without api:workspaces:read: Workspaces names the scope, Trackers and Flows still list their rows', async () => {
      const token = gong.addToken(['api:users:read', 'api:settings:trackers:read', 'api:flows:read']);
      const host = hostFor(gong, { kind: 'bearer', token });
      const all = models(host);
      const ws = await all.workspaces.getChildren();
      assert.equal(ws[0]?.label, 'These credentials lack the scope api:workspaces:read.');
      const trackers = await expandAll(all.trackers, await all.trackers.getChildren());
      assert.ok(trackers.some(r => r.item?.kind === 'tracker'), 'trackers listed without workspace names');
      assert.ok(!trackers.some(r => r.contextValue === 'errorRow'));
      const owner = gong.world.users.find(u => u.active);
      if (!owner) throw new Error('fixture');
      all.flows.setOwnerEmail(owner.emailAddress);
      const flows = await expandAll(all.flows, await all.flows.getChildren());
      assert.ok(!flows.some(r => r.contextValue === 'errorRow'), flows.filter(r => r.contextValue === 'errorRow').map(r => r.label).join());
      assert.ok(flows.some(r => r.item?.kind === 'flow'), 'flows listed, not grouped by workspace');
      assert.equal(host.failures, 0);
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
    it('lists the range\'s days newest first; each day fetches its own calls, newest first', async () => {
      const host = hostFor(gong);
      const m = models(host).calls;
      m.setRange(presetRange('last30', host.time));
      const before = gong.requestCount;
      const rows = await m.getChildren();
      assert.equal(gong.requestCount - before, 0, 'day rows are computed locally');
      assert.equal(rows[0]?.contextValue, 'rangeRow');
      assert.equal(rows[0]?.label, 'Last 30 days');
      const days = rows.filter(r => r.contextValue === 'day');
      assert.equal(days.length, 31, '30 days back from noon touch 31 calendar days');
      const keys = days.map(d => d.item?.gongId ?? '');
      assert.deepEqual(keys, [...keys].sort().reverse(), 'newest day first');
      assert.equal(keys[0], localDay(host.time - 1), 'the first day row is today');
      assert.equal(days[0]?.collapsible, 'expanded', 'the newest day opens by itself');
      assert.ok(days.slice(1).every(d => d.collapsible === 'collapsed'));
      for (const day of days) {
        const under = await m.getChildren(day);
        const calls = under.filter(c => c.item?.kind === 'call');
        const started = calls.map(c => Date.parse(String((c.item?.json as { started?: string }).started)));
        assert.deepEqual(started, [...started].sort((x, y) => y - x), 'newest call first within a day');
        for (const t of started) assert.equal(localDay(t), day.item?.gongId);
        const expected = gong.world.calls.filter(c => localDay(Date.parse(c.started)) === day.item?.gongId && Date.parse(c.started) >= Date.parse(m.range.from) && Date.parse(c.started) < Date.parse(m.range.to)).length;
        assert.equal(calls.length, expected, `all calls of ${day.item?.gongId}`);
        if (expected === 0) assert.deepEqual(under.map(r => r.label), ['No calls']);
      }
      const call = (await expandAll(m, rows)).find(r => r.item?.kind === 'call') as TreeNode;
      assert.match(call.contextValue ?? '', /\bhasUrl\b/);
      assert.equal(call.item?.callId, call.item?.gongId);
      assert.ok(call.item?.url?.startsWith('http'));
      // Refreshing a call refetches its day only.
      let count = gong.requestCount;
      m.refresh(call);
      await m.getChildren(call.parent);
      await Promise.all(days.map(d => m.getChildren(d)));
      assert.equal(gong.requestCount - count, 1, 'one request: the call\'s day');
      const ids = (await m.getChildren()).map(r => r.id);
      const loaded = m.loadedCalls().length;
      count = gong.requestCount;
      m.refresh();
      const again = await m.getChildren();
      assert.deepEqual(again.map(r => r.id), ids);
      await Promise.all(again.filter(r => r.contextValue === 'day').map(d => m.getChildren(d)));
      assert.equal(m.loadedCalls().length, loaded, 'a refresh refetches the loaded days');
      assert.equal(gong.requestCount - count, days.length, 'one request per loaded day');
    });

    it('shows the newest calls of a busy range without load more, and pages within a day', async () => {
      // About fifty calls a day: a week holds several pages, the oldest of which Gong lists first.
      const busy = await startGong({ users: 30, calls: 6_000 });
      try {
        const host = hostFor(busy);
        const m = models(host).calls;
        const range = m.range;
        // What Gong lists for the whole range, every page (the view must not need to do this).
        const inRange: Array<{ id: string; started: string }> = [];
        let cursor: string | undefined;
        for (let i = 0; i < 50; i++) {
          const res = await host.api()!.request({ method: 'GET', path: '/v2/calls', query: { fromDateTime: range.from, toDateTime: range.to, cursor } });
          const data = res.data as { calls: Array<{ id: string; started: string }>; records: { cursor?: string } };
          inRange.push(...data.calls.map(c => ({ id: String(c.id), started: c.started })));
          cursor = data.records.cursor;
          if (!cursor) break;
        }
        assert.ok(inRange.length > 200, `a busy week (${inRange.length} calls)`);
        assert.ok(Date.parse(inRange[0]?.started ?? '') < Date.parse(inRange[inRange.length - 1]?.started ?? ''), 'Gong lists oldest first');
        const newest = inRange.reduce((a, c) => (Date.parse(c.started) > Date.parse(a.started) ? c : a));
        const rows = await m.getChildren();
        const firstDay = rows.find(r => r.contextValue === 'day') as TreeNode;
        assert.equal(firstDay.item?.gongId, localDay(Date.parse(newest.started)), 'the first day row holds the newest call');
        const under = await m.getChildren(firstDay);
        const dayCalls = inRange.filter(c => localDay(Date.parse(c.started)) === firstDay.item?.gongId).length;
        // Within one day Gong still lists oldest first: only a day of over 100 calls needs paging.
        if (dayCalls <= 100) assert.equal(under[0]?.item?.gongId, newest.id, 'the newest call of the range is the first call row');
        const more = row(under, 'loadMoreRow');
        if (dayCalls > 100) {
          assert.equal(more?.parent, firstDay);
          if (more?.action?.kind !== 'loadMore') throw new Error('no load-more');
          await more.action.run();
          const next = await m.getChildren(firstDay);
          assert.equal(next.filter(r => r.item?.kind === 'call').length, Math.min(200, dayCalls));
        } else assert.equal(more, undefined);
        // The day row carries its bounds so commands can fetch all of the day's calls.
        const json = firstDay.item?.json as { fromDateTime?: string; toDateTime?: string };
        assert.ok(json.fromDateTime && json.toDateTime && Date.parse(json.toDateTime) <= Date.parse(range.to));
      } finally {
        await busy.close();
      }
    });

    it('filters loaded calls by title inside the day groups', async () => {
      const host = hostFor(gong);
      const m = models(host).calls;
      m.setRange(presetRange('last30', host.time));
      const seen = await expandAll(m, await m.getChildren());
      const someCall = seen.find(r => r.item?.kind === 'call') as TreeNode;
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
      assert.deepEqual(rows.map(x => x.contextValue), ['rangeRow', 'day', 'day']);
      assert.equal(rows[0]?.label, '2001-01-01 to 2001-01-02');
      assert.deepEqual(rows.slice(1).map(x => x.item?.gongId), ['2001-01-02', '2001-01-01']);
      const under = await m.getChildren(rows[1]);
      assert.deepEqual(under.map(x => [x.label, x.contextValue]), [['No calls', 'emptyRow']]);
    });

    it('custom ranges are checked', () => {
      assert.match(textOf(customRange('2026-02-10', '2026-02-01')), /before/);
      assert.match(textOf(customRange('yesterday', '2026-02-01')), /not a date/);
      const r = customRange('2026-02-01', '2026-02-01');
      assert.deepEqual(r, { preset: 'custom', from: new Date(2026, 1, 1).toISOString(), to: new Date(2026, 1, 2).toISOString() });
      const long = customRange('2020-01-01', '2026-02-01');
      if (typeof long === 'string') throw new Error(long);
      const days = rangeDays(long);
      assert.equal(days.length, 400, 'a long range is capped');
      assert.equal(days[0]?.day, '2026-02-01');
    });
  });

  describe('directory views', () => {
    it('Workspaces, Trackers and Scorecards list their items and children', async () => {
      const all = models(hostFor(gong));
      const ws = items(await all.workspaces.getChildren());
      assert.deepEqual(ws.map(w => w.item?.gongId), gong.world.workspaces.map(w => w.id));
      const trackerRoots = await all.trackers.getChildren();
      // The fixture repeats trackers in each workspace: they are grouped under workspace rows.
      assert.ok(gong.world.workspaces.length > 1);
      assert.deepEqual(trackerRoots.map(r => r.item?.kind), gong.world.workspaces.map(() => 'workspace'));
      assert.ok(trackerRoots.every(r => r.collapsible === 'expanded'));
      const trackers = (await Promise.all(trackerRoots.map(w => all.trackers.getChildren(w)))).flat();
      assert.equal(items(trackers).length, gong.world.trackers.length);
      for (const t of trackers) assert.equal(t.parent?.item?.gongId, (t.item?.json as { workspaceId?: string }).workspaceId, 'a tracker sits under its workspace');
      assert.equal(new Set(trackers.map(t => t.id)).size, trackers.length, 'ids are unique');
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
      // The owner is in several workspaces: each gets its own row, so repeated flows can be told apart.
      const wsRows = roots.slice(1);
      assert.deepEqual(wsRows.map(r => r.item?.gongId), gong.world.workspaces.map(w => w.id));
      const seen = await expandAll(all.flows, roots);
      const flows = seen.filter(r => r.item?.kind === 'flow');
      assert.ok(flows.length > 0, 'the owner sees flows');
      assert.equal(new Set(seen.map(r => r.id)).size, seen.length, 'ids are unique');
      const perWs = new Map<string, Set<string>>();
      for (const ws of wsRows) {
        const under = await all.flows.getChildren(ws);
        const allFlows = under.find(r => r.contextValue === 'allFlows') as TreeNode;
        const inFolders = seen.filter(r => r.item?.kind === 'flow' && r.parent?.item?.kind === 'flowFolder' && r.id.startsWith(`${ws.id}/`));
        const inAll = items(await all.flows.getChildren(allFlows)).map(f => f.item?.gongId ?? '');
        assert.deepEqual(new Set(inFolders.map(f => f.item?.gongId)), new Set(inAll));
        perWs.set(ws.id, new Set(inAll));
      }
      const everywhere = new Set(flows.map(f => f.item?.gongId));
      assert.ok([...perWs.values()].every(set => set.size < everywhere.size), 'each workspace shows only its own flows');
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
