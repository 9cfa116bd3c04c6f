// `npm run bench:paging`: lists 10,000 users (100 pages) from the local Gong with its 3 requests/s
// limit on, three ways, and compares each with the floor (99 waits of 1/3 s = 33 s):
//   client  - the Gong client and its shared scheduler
//   fixed   - a loop that spaces requests a fixed 340 ms apart (n8n's approach)
//   retry   - a loop with no pacing that retries on 429 honouring Retry-After (gong-cli's approach)
// The last line printed is one JSON object with every figure.
import { createRequire } from 'node:module';
import { request } from 'undici';

const require = createRequire(import.meta.url);
const { startLocalGong } = require('../dist/localGong.js');
const { GongClient, sharedScheduler, collectPages } = require('../dist/gong.js');

const USERS = 10_000;
const PER_SECOND = 3;
const PAGES = Math.ceil(USERS / 100);
const FLOOR_S = (PAGES - 1) / PER_SECOND;
const MAX_ATTEMPTS_PER_PAGE = 20; // bounds the retry loop

const sleep = ms => new Promise(r => setTimeout(r, ms));

/** One raw GET of a users page, as the peer loops do it. */
async function rawPage(gong, cursor) {
  const qs = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  const auth = Buffer.from(`${gong.accessKey}:${gong.accessKeySecret}`).toString('base64');
  const res = await request(`${gong.baseUrl}/v2/users${qs}`, { headers: { authorization: `Basic ${auth}`, accept: 'application/json' } });
  const text = await res.body.text();
  return { status: res.statusCode, retryAfter: Number(res.headers['retry-after'] ?? 1), body: res.statusCode === 200 ? JSON.parse(text) : undefined };
}

async function runClient(gong) {
  const scheduler = sharedScheduler();
  let rateLimited = 0;
  // The client tells the scheduler about every 429 it receives; count them there.
  const pauseFor = scheduler.pauseFor.bind(scheduler);
  scheduler.pauseFor = seconds => { rateLimited++; pauseFor(seconds); };
  let requests = 0;
  const client = new GongClient(
    { baseUrl: gong.baseUrl, auth: { kind: 'basic', accessKey: gong.accessKey, accessKeySecret: gong.accessKeySecret } },
    { log: () => { requests++; } },
  );
  const t0 = performance.now();
  const res = await collectPages(client, { method: 'GET', path: '/v2/users' }, 'users');
  const elapsed = (performance.now() - t0) / 1000;
  scheduler.pauseFor = pauseFor;
  return { users: res.items.length, pages: res.pages, requests, elapsed, rateLimited };
}

async function runFixed(gong) {
  let cursor; let users = 0; let pages = 0; let requests = 0; let rateLimited = 0;
  const t0 = performance.now();
  for (let i = 0; i < PAGES * 2; i++) {
    if (i > 0) await sleep(340);
    const r = await rawPage(gong, cursor);
    requests++;
    if (r.status === 429) { rateLimited++; continue; } // the next spaced request tries the page again
    if (r.status !== 200) throw new Error(`fixed loop: HTTP ${r.status}`);
    pages++; users += r.body.users.length;
    cursor = r.body.records?.cursor;
    if (!cursor) break;
  }
  return { users, pages, requests, elapsed: (performance.now() - t0) / 1000, rateLimited };
}

async function runRetry(gong) {
  let cursor; let users = 0; let pages = 0; let requests = 0; let rateLimited = 0;
  const t0 = performance.now();
  for (let p = 0; p < PAGES * 2; p++) {
    let r;
    for (let attempt = 0; attempt < MAX_ATTEMPTS_PER_PAGE; attempt++) {
      r = await rawPage(gong, cursor);
      requests++;
      if (r.status !== 429) break;
      rateLimited++;
      await sleep(r.retryAfter * 1000);
    }
    if (r.status !== 200) throw new Error(`retry loop: HTTP ${r.status}`);
    pages++; users += r.body.users.length;
    cursor = r.body.records?.cursor;
    if (!cursor) break;
  }
  return { users, pages, requests, elapsed: (performance.now() - t0) / 1000, rateLimited };
}

const gong = await startLocalGong({ seed: 1, users: USERS, rateLimit: { perSecond: PER_SECOND, daily: 100_000 } });
const results = {};
try {
  for (const [name, run] of [['client', runClient], ['fixed340ms', runFixed], ['retryOn429', runRetry]]) {
    await sleep(1500); // let the server's bucket refill so each run starts alike
    const r = await run(gong);
    if (r.users !== USERS) throw new Error(`${name}: listed ${r.users} users, expected ${USERS}`);
    results[name] = { ...r, elapsed: Number(r.elapsed.toFixed(2)), ratioToFloor: Number((r.elapsed / FLOOR_S).toFixed(3)) };
    console.log(`${name.padEnd(11)} ${r.elapsed.toFixed(2).padStart(7)} s  ratio ${(r.elapsed / FLOOR_S).toFixed(3)}  429s ${String(r.rateLimited).padStart(3)}  requests ${r.requests}  pages ${r.pages}`);
  }
} finally {
  await gong.close();
}
const c = results.client;
const goal = { withinTenPercent: c.ratioToFloor <= 1.1, zero429: c.rateLimited === 0 };
console.log(`floor ${FLOOR_S.toFixed(2)} s (${PAGES - 1} waits of 1/${PER_SECOND} s); client goal: within 10% ${goal.withinTenPercent ? 'met' : 'MISSED'}, zero 429s ${goal.zero429 ? 'met' : 'MISSED'}`);
console.log(JSON.stringify({ users: USERS, pages: PAGES, perSecond: PER_SECOND, floorSeconds: Number(FLOOR_S.toFixed(2)), ...results, goal }));
