// `npm run bench:tree`: the Users view against a local Gong with 10,000 users, through the real
// client and the real tree model (compiled by tsc into out/). Measures the time to the first page
// of rows, to each further page, and to filter the loaded rows; prints figures, and as its last
// line one JSON object.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const { startLocalGong } = require(join(root, 'out/src/localGong/index.js'));
const { GongClient } = require(join(root, 'out/src/gong/client.js'));
const { RequestScheduler } = require(join(root, 'out/src/gong/scheduler.js'));
const { createTreeModels } = require(join(root, 'out/src/tree/index.js'));

const USERS = 10_000;
const median = a => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const round = n => Math.round(n * 10) / 10;

const t0 = performance.now();
const gong = await startLocalGong({ rateLimit: false, users: USERS, calls: 200 });
const worldMs = performance.now() - t0;
// The tree's own cost is what is measured: a private scheduler without pacing (Gong's 3/s pacing
// would add ~333 ms between pages and says nothing about the tree).
const scheduler = new RequestScheduler({ requestsPerSecond: 10_000, maxInFlight: 4 });
const client = new GongClient({ baseUrl: gong.baseUrl, auth: { kind: 'basic', accessKey: gong.accessKey, accessKeySecret: gong.accessKeySecret } }, { scheduler, maxRetries: 0 });
try {
  // Bare request and tree first page alternate, so machine load hits both alike; the bare request
  // shows what the tree adds on top of the client and the local server.
  const firstPage = [];
  const raw = [];
  for (let run = 0; run < 9; run++) {
    let s = performance.now();
    await client.request({ method: 'GET', path: '/v2/users' });
    raw.push(performance.now() - s);
    const { models } = createTreeModels({ api: () => client, profile: () => `bench${run}`, authFailed: () => false, reportAuthFailure: () => {} });
    s = performance.now();
    const rows = await models.users.getChildren();
    firstPage.push(performance.now() - s);
    if (rows.filter(r => r.item).length !== 100) throw new Error(`expected 100 user rows, got ${rows.length}`);
  }
  console.log(`bare GET /v2/users first page through the client: median ${round(median(raw))} ms over 9 runs`);
  console.log(`first page of the Users view (100 of ${USERS.toLocaleString('en-US')}): median ${round(median(firstPage))} ms over 9 runs (${firstPage.map(round).join(', ')})`);

  const { models } = createTreeModels({ api: () => client, profile: () => 'bench', authFailed: () => false, reportAuthFailure: () => {} });
  const users = models.users;
  let rows = await users.getChildren();
  const pageTimes = [];
  for (let i = 0; i < 200; i++) {
    const more = rows.find(r => r.contextValue === 'loadMoreRow');
    if (!more) break;
    const s = performance.now();
    await more.action.run();
    rows = await users.getChildren();
    pageTimes.push(performance.now() - s);
  }
  const loaded = rows.filter(r => r.item).length;
  if (loaded !== USERS) throw new Error(`expected ${USERS} loaded rows, got ${loaded}`);
  console.log(`load more: ${pageTimes.length} pages, median ${round(median(pageTimes))} ms, slowest ${round(Math.max(...pageTimes))} ms`);

  const target = gong.world.users[USERS - 7];
  const filterTimes = [];
  let matched = 0;
  for (const text of [target.emailAddress, target.lastName, 'a', 'zzzz-no-match', target.firstName.slice(0, 3)]) {
    const s = performance.now();
    users.setFilter(text);
    const shown = await users.getChildren();
    filterTimes.push(performance.now() - s);
    if (text === target.emailAddress) matched = shown.filter(r => r.item).length;
  }
  users.setFilter('');
  if (matched < 1) throw new Error('the filter did not find the target user');
  console.log(`filter over ${loaded.toLocaleString('en-US')} loaded rows: median ${round(median(filterTimes))} ms, slowest ${round(Math.max(...filterTimes))} ms (5 filters)`);

  const s = performance.now();
  users.refresh();
  await users.getChildren();
  const refreshMs = performance.now() - s;
  const afterRefresh = (await users.getChildren()).filter(r => r.item).length;
  if (afterRefresh !== USERS) throw new Error(`refresh kept ${afterRefresh} rows, expected ${USERS}`);
  console.log(`refresh keeping all ${USERS / 100} pages: ${round(refreshMs)} ms; local Gong world generation ${round(worldMs)} ms`);
  console.log(JSON.stringify({
    bench: 'tree', users: USERS,
    firstPageMs: round(median(firstPage)),
    bareRequestMs: round(median(raw)),
    loadMorePageMs: round(median(pageTimes)),
    filterLoadedMs: round(median(filterTimes)),
    filterRows: loaded,
    refreshAllPagesMs: round(refreshMs),
  }));
} finally {
  await gong.close();
  scheduler.dispose();
}
