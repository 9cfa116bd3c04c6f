import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/tree/node';
import type { TreeAccess, ViewKey } from '../../src/tree/index';
import { getApi, signInScripted, signOutAll, useGong, withPrompter } from './harness/index';

// The sidebar views in the real VS Code while the local Gong misbehaves: dropped connections,
// 503s, 429s, slow answers and an absurd Retry-After on the request behind each view. Each view
// ends with the rows Gong holds, or with an error row in the one failure vocabulary whose click
// retries; a failed Refresh or Load more keeps what was loaded; no load takes unbounded time.

const items = (rows: TreeNode[]) => rows.filter(r => r.item);
const ids = (rows: TreeNode[]) => rows.map(r => r.id);
const errorRows = (rows: TreeNode[]) => rows.filter(r => r.contextValue === 'errorRow');

/** The longest any one load may take here (the client's retries back off 0.5 + 1 + 2 s). */
const BOUND_MS = 12_000;

async function bounded<T>(what: string, work: () => Promise<T>, ms = BOUND_MS): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const value = await Promise.race([
    work(),
    new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
  return { value, ms: performance.now() - t0 };
}

interface ViewCase {
  view: ViewKey;
  /** The request whose answer the target rows are built from. */
  path: string;
  /** Whether that request is made for the view's top rows (a "Loading..." row shows while it is slow). */
  atRoots: boolean;
  /** The rows built from `path`: the roots, or the rows under the first workspace (and its All flows). */
  target(views: TreeAccess): Promise<TreeNode[]>;
}

/** The calls view's day whose calls the tests load (the newest day with calls). */
let dayWithCalls: string | undefined;

const firstWorkspace = (rows: TreeNode[]) => rows.find(r => r.item?.kind === 'workspace');

const CASES: ViewCase[] = [
  { view: 'users', path: '/v2/users', atRoots: true, target: v => v.getChildren('users') },
  {
    // The range's days are built locally; each day's calls are one request, made when it opens.
    view: 'calls', path: '/v2/calls', atRoots: false,
    target: async v => {
      const days = (await v.getChildren('calls')).filter(r => r.contextValue === 'day');
      dayWithCalls ??= await (async () => {
        for (const d of days) if (items(await v.getChildren('calls', d)).length > 0) return d.id;
        return undefined;
      })();
      const day = days.find(d => d.id === dayWithCalls);
      assert.ok(day, 'a day of the range with calls');
      return v.getChildren('calls', day);
    },
  },
  {
    view: 'library', path: '/v2/library/folders', atRoots: false,
    target: async v => {
      const ws = firstWorkspace(await v.getChildren('library'));
      assert.ok(ws, 'the library lists workspaces');
      return v.getChildren('library', ws);
    },
  },
  {
    view: 'flows', path: '/v2/flows', atRoots: false,
    target: async v => {
      const ws = firstWorkspace(await v.getChildren('flows'));
      assert.ok(ws, 'the flows view groups by workspace');
      const all = (await v.getChildren('flows', ws)).find(r => r.contextValue === 'allFlows');
      assert.ok(all, 'an All flows row');
      return v.getChildren('flows', all);
    },
  },
  { view: 'trackers', path: '/v2/settings/trackers', atRoots: true, target: v => v.getChildren('trackers') },
  { view: 'scorecards', path: '/v2/settings/scorecards', atRoots: true, target: v => v.getChildren('scorecards') },
];

describe('sidebar views under faults', function () {
  this.timeout(90_000);
  const gong = useGong({ users: 450, calls: 400 });
  let views: TreeAccess;
  const baseline = new Map<ViewKey, string[]>();

  const signIn = async () => signInScripted(await getApi(), gong(), 'ViewFaults');

  before(async () => {
    const api = await getApi();
    await signIn();
    assert.ok(api.services.views);
    views = api.services.views;
    // The Gong views stay hidden: only these tests ask for their rows (and consume the faults).
    await vscode.commands.executeCommand('workbench.view.explorer');
    const owner = gong().world.users.find(u => u.active);
    assert.ok(owner);
    await withPrompter(api, [(asked: { kind: string }) => (asked.kind === 'pick' ? 'Type an email address...' : owner.emailAddress), owner.emailAddress], async () => {
      await vscode.commands.executeCommand('gongExplorer.flows.setOwner');
    });
    for (const c of CASES) {
      const rows = await c.target(views);
      assert.deepEqual(errorRows(rows).map(r => r.label), [], `${c.view} loads without faults`);
      assert.ok(items(rows).length > 0, `${c.view} shows Gong objects`);
      baseline.set(c.view, ids(rows));
    }
  });
  afterEach(() => { gong().faults.clear(); });
  after(async () => { await signOutAll(await getApi()); });

  /** Refetches the view, runs its target rows under the queued faults, and checks every fault fired. */
  async function load(c: ViewCase, what: string): Promise<{ rows: TreeNode[]; ms: number }> {
    views.models[c.view].refresh();
    const { value: rows, ms } = await bounded(`${c.view}: ${what}`, () => c.target(views));
    assert.equal(gong().faults.pending, 0, `${c.view}: the ${what} fault fired`);
    return { rows, ms };
  }

  function assertRight(c: ViewCase, rows: TreeNode[], what: string): void {
    assert.deepEqual(errorRows(rows).map(r => r.label), [], `${c.view} after ${what}: no error row`);
    assert.deepEqual(ids(rows), baseline.get(c.view), `${c.view} after ${what}: the same rows as without faults`);
  }

  /** The error row says what happened (the failure vocabulary) and its click loads the right rows. */
  async function assertErrorThenRetry(c: ViewCase, rows: TreeNode[], label: RegExp, what: string): Promise<void> {
    const error = rows[0];
    assert.equal(error?.contextValue, 'errorRow', `${c.view} after ${what}: an error row first (${rows.map(r => r.label).join(' | ')})`);
    assert.match(error.label, label);
    assert.equal(error.description, 'click to retry');
    assert.equal(error.action?.kind, 'retry');
    await views.activate(c.view, error);
    const { value: again } = await bounded(`${c.view}: retry after ${what}`, () => c.target(views));
    assertRight(c, again, `retry after ${what}`);
  }

  for (const c of CASES) {
    it(`${c.view}: a dropped connection is retried; dropped every time, an error row whose click loads the rows`, async () => {
      gong().faults.add({ path: c.path, status: 0, destroySocket: true });
      assertRight(c, (await load(c, 'one drop')).rows, 'one dropped connection');
      gong().faults.add({ path: c.path, status: 0, destroySocket: true, times: 4 });
      const { rows } = await load(c, 'four drops');
      await assertErrorThenRetry(c, rows, /^Could not load: Could not reach Gong\b/, 'four dropped connections');
    });

    it(`${c.view}: two 503s then the rows; 503 on every retry, an error row whose click loads the rows`, async () => {
      gong().faults.add({ path: c.path, status: 503, times: 2 });
      assertRight(c, (await load(c, 'two 503s')).rows, 'two 503s');
      gong().faults.add({ path: c.path, status: 503, times: 4 });
      const { rows } = await load(c, 'four 503s');
      await assertErrorThenRetry(c, rows, /^Could not load: Gong had a server error \(HTTP 503\)/, 'four 503s');
    });

    it(`${c.view}: a 429 with Retry-After 2 waits 2 s and loads the rows`, async () => {
      gong().faults.add({ path: c.path, status: 429, retryAfter: 2 });
      const { rows, ms } = await load(c, '429');
      assertRight(c, rows, 'a 429');
      assert.ok(ms >= 1_900, `${c.view}: waited for Retry-After (${Math.round(ms)} ms)`);
    });

    it(`${c.view}: a slow answer ${c.atRoots ? 'shows Loading... then' : 'still gives'} the rows`, async () => {
      gong().faults.add({ path: c.path, status: 200, delayMs: 1_500 });
      if (c.atRoots) {
        views.models[c.view].refresh();
        const first = await views.shownChildren(c.view);
        assert.deepEqual(first.map(r => r.contextValue), ['loadingRow'], `${c.view}: Loading... while Gong is slow`);
        // The view redraws when the rows come; what VS Code then gets are the rows.
        const { value: shown } = await bounded(`${c.view}: rows after Loading...`, async () => {
          for (;;) {
            const now = await views.shownChildren(c.view);
            if (now[0]?.contextValue !== 'loadingRow') return now;
            await new Promise(r => setTimeout(r, 100));
          }
        });
        assertRight(c, shown, 'a slow answer');
        assert.equal(gong().faults.pending, 0);
      } else {
        const { rows, ms } = await load(c, 'slow answer');
        assertRight(c, rows, 'a slow answer');
        assert.ok(ms >= 1_400, `${c.view}: the answer was slow (${Math.round(ms)} ms)`);
      }
    });

    it(`${c.view}: an absurd Retry-After gives an error row at once; retry never hangs and works after signing in again`, async () => {
      gong().faults.add({ path: c.path, status: 429, retryAfter: 999_999_999 });
      const { rows, ms } = await load(c, 'absurd Retry-After');
      assert.ok(ms < 5_000, `${c.view}: not queued behind a day-long wait (${Math.round(ms)} ms)`);
      const error = rows[0];
      assert.equal(error?.contextValue, 'errorRow', rows.map(r => r.label).join(' | '));
      assert.match(error.label, /^Could not load: Gong's rate limit was reached; retry in 24 h\.$/);
      assert.match(error.tooltip ?? '', /daily request budget/);
      // Retrying within the pause asks Gong nothing and says the same at once.
      await views.activate(c.view, error);
      const { value: still, ms: again } = await bounded(`${c.view}: retry during the pause`, () => c.target(views), 5_000);
      assert.ok(again < 2_000, `${c.view}: the retry answered at once (${Math.round(again)} ms)`);
      assert.match(still[0]?.label ?? '', /rate limit was reached/);
      // Signing in again starts afresh with Gong; the retry then loads the rows.
      await signIn();
      const retry = (await c.target(views))[0];
      if (retry?.contextValue === 'errorRow') await views.activate(c.view, retry);
      const { value: after } = await bounded(`${c.view}: after signing in again`, () => c.target(views));
      assertRight(c, after, 'signing in again');
    });
  }

  describe('what was loaded stays', () => {
    const users = 'users' as const;
    const userItems = async () => items(await views.getChildren(users));
    let loaded: string[] = [];

    beforeEach(async () => {
      // Two pages of users, as after one Load more.
      views.models.users.refresh();
      let rows = await views.getChildren(users);
      if (items(rows).length < 200) {
        const more = rows.find(r => r.contextValue === 'loadMoreRow');
        assert.ok(more);
        await views.activate(users, more);
        rows = await views.getChildren(users);
      }
      loaded = ids(items(rows));
      assert.ok(loaded.length >= 200, `two pages or more (${loaded.length})`);
    });

    it('a failed Refresh keeps the rows under its error row; Retry after recovery loads them again', async () => {
      gong().faults.add({ path: '/v2/users', status: 503, times: 4 });
      views.models.users.refresh();
      const { value: rows } = await bounded('failed refresh', () => views.getChildren(users));
      assert.equal(rows[0]?.contextValue, 'errorRow');
      assert.match(rows[0]?.label ?? '', /^Could not load: Gong had a server error \(HTTP 503\)/);
      assert.deepEqual(ids(items(rows)), loaded, 'every row loaded before is still there');
      assert.ok(rows[0]);
      await views.activate(users, rows[0]);
      const again = await views.getChildren(users);
      assert.deepEqual(errorRows(again), []);
      assert.deepEqual(ids(items(again)), loaded, 'the retry fetched as many pages as were loaded');
    });

    it('a Refresh failing on its second page keeps the earlier rows, not a half-refreshed list', async () => {
      gong().faults.add({ path: '/v2/users', status: 503, after: 1, times: 4 });
      views.models.users.refresh();
      const { value: rows } = await bounded('refresh failing on page 2', () => views.getChildren(users));
      assert.equal(gong().faults.pending, 0);
      assert.equal(rows[0]?.contextValue, 'errorRow');
      assert.deepEqual(ids(items(rows)), loaded);
      assert.ok(rows[0]);
      await views.activate(users, rows[0]);
      assert.deepEqual(ids(items(await views.getChildren(users))), loaded);
    });

    it('a failed Load more says why, keeps every row and its Load more row, and loads the next page when tried again', async () => {
      const before = await views.getChildren(users);
      const more = before.find(r => r.contextValue === 'loadMoreRow');
      assert.ok(more, 'more users to load');
      gong().faults.add({ path: '/v2/users', status: 0, destroySocket: true, times: 4 });
      await assert.rejects(bounded('failed load more', () => views.activate(users, more)), /^Error: Could not load more: Could not reach Gong\b/);
      assert.equal(gong().faults.pending, 0);
      const after = await views.getChildren(users);
      assert.deepEqual(ids(items(after)), loaded, 'nothing lost');
      const retry = after.find(r => r.contextValue === 'loadMoreRow');
      assert.ok(retry, 'Load more is offered again');
      await bounded('load more after recovery', () => views.activate(users, retry));
      const grown = await userItems();
      assert.deepEqual(ids(grown).slice(0, loaded.length), loaded);
      assert.equal(grown.length, Math.min(450, loaded.length + 100));
      assert.equal(new Set(ids(grown)).size, grown.length, 'no user twice');
    });
  });
});
