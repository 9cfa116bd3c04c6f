// `npm run bench:priority`: the seven Gong views expand at once (the sidebar opens, every view
// loading) at Gong's 3 requests/s, and the person opens one of them. Through the real client, the
// real scheduler and the real tree models (compiled by tsc into out/) against a local Gong, for each
// view in turn as the opened one:
//   requestsBeforeOpenedRows  Gong answers the other views got before the opened view's rows (goal <= 1)
//   openedRowsMs              from the expansion to the opened view's rows
// and the same with every view at one priority (the order before the scheduler knew priorities), as
// the baseline. Prints one line per view, and as its last line one JSON object.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const { startLocalGong } = require(join(root, 'out/src/localGong/index.js'));
const { GongClient } = require(join(root, 'out/src/gong/client.js'));
const { RequestScheduler, withPriority } = require(join(root, 'out/src/gong/scheduler.js'));
const { createTreeModels, ViewIds } = require(join(root, 'out/src/tree/index.js'));

const VIEWS = Object.keys(ViewIds);
const round = n => Math.round(n * 10) / 10;
const timer = setTimeout(() => { console.error('bench:priority: timed out after 5 min'); process.exit(1); }, 5 * 60_000);

// Gong's own limit is on, so the local Gong refuses a request that comes too early.
const gong = await startLocalGong({ users: 300, calls: 400 });
const owner = gong.world.users[0]?.emailAddress;
// Which view caused each request: a tag that follows the work as the scheduler's priority does.
const viewOf = new AsyncLocalStorage();

async function run(opened, prioritised) {
  // Each run has a scheduler of its own, but the local Gong's per-second bucket is shared: let it
  // refill, or the run's first request meets the last run's and is answered 429 (no retries here).
  await new Promise(r => setTimeout(r, 1200));
  // The extension's pacing: 3 requests/s, two in flight.
  const scheduler = new RequestScheduler({ requestsPerSecond: 3 });
  const answered = [];
  const client = new GongClient({ baseUrl: gong.baseUrl, auth: { kind: 'basic', accessKey: gong.accessKey, accessKeySecret: gong.accessKeySecret } }, { scheduler, maxRetries: 0 });
  const api = {
    request: async (req, signal) => {
      const view = viewOf.getStore();
      try { return await client.request(req, signal); } finally { answered.push(view); }
    },
    pages: (req, signal) => client.pages(req, signal),
  };
  const { models } = createTreeModels({ api: () => api, profile: () => 'bench', authFailed: () => false, reportAuthFailure: () => {} });
  models.flows.setOwnerEmail(owner);
  const load = (view, priority) => viewOf.run(view, () => withPriority(priority, () => models[view].getChildren(), ViewIds[view]));
  const t0 = performance.now();
  const others = VIEWS.filter(v => v !== opened).map(v => load(v, 'visible'));
  const rows = await load(opened, prioritised ? 'interactive' : 'visible');
  const ms = performance.now() - t0;
  const otherRequests = answered.filter(v => v !== opened).length;
  await Promise.all(others);
  scheduler.dispose();
  if (rows.length === 0 || rows.some(r => r.contextValue === 'errorRow')) throw new Error(`${opened}: no rows (${rows.map(r => r.label).join(', ')})`);
  return { ms, otherRequests };
}

const results = {};
try {
  for (const view of VIEWS) {
    const base = await run(view, false);
    const prio = await run(view, true);
    results[view] = { requestsBeforeOpenedRows: prio.otherRequests, openedRowsMs: round(prio.ms), baselineRequestsBefore: base.otherRequests, baselineRowsMs: round(base.ms) };
    console.log(`${view.padEnd(10)} opened: rows after ${prio.otherRequests} other request(s), ${round(prio.ms)} ms (every view at one priority: ${base.otherRequests}, ${round(base.ms)} ms)`);
  }
} finally {
  clearTimeout(timer);
  await gong.close();
}
const worst = Math.max(...Object.values(results).map(r => r.requestsBeforeOpenedRows));
const worstMs = Math.max(...Object.values(results).map(r => r.openedRowsMs));
console.log(`worst case: ${worst} other request(s) before the opened view's rows (goal <= 1), ${worstMs} ms`);
console.log(JSON.stringify({ maxRequestsBeforeOpenedRows: worst, maxOpenedRowsMs: worstMs, goalMet: worst <= 1, views: results }));
