// npm run bench:search [-- --calls N]
// The local Gong (its own process, 10,000 calls, rate limit 3 requests/s) and the search store in a
// worker thread, as in the extension: list a range holding every call, fetch and index all their
// transcripts 100 calls a request, then run 50 fixed queries; then search the same range again and
// count its requests (goal 0). Goals: fetching within 10% of the floor the rate limit sets, query p95
// under 50 ms. Memory of this (the extension host's) thread is sampled while indexing.
// node:sqlite needs Node 22.13+: on an older Node the script runs itself again on the Node 24 the
// project installs for its VS Code runtime. The last printed line is one JSON object.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const require = createRequire(import.meta.url);

const hasSqlite = () => { try { return !!process.getBuiltinModule?.('node:sqlite'); } catch { return false; } };
if (!hasSqlite()) {
  const { ensureRuntime } = await import('../scripts/vscode/install.mjs');
  const { node } = await ensureRuntime();
  console.log(`Node ${process.versions.node} has no node:sqlite; running on ${node}`);
  const r = spawnSync(node, [...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const CALLS = arg('--calls', 10_000);
const RPS = 3;
const out = p => join(root, 'out', p);
const { GongClient } = require(out('src/gong/client.js'));
const { RequestScheduler } = require(out('src/gong/scheduler.js'));
const { WorkerBackend } = require(out('src/search/backend.js'));
const { planFetch, runFetch } = require(out('src/search/fetch.js'));
const { parseQuery } = require(out('src/search/query.js'));

const QUERIES = [
  'pricing', 'security questionnaire', '"security questionnaire"', 'salesforce', '"native, no middleware"',
  'fabrikam OR tailspin', 'adopt*', 'fiscal year june', 'dashboard -spreadsheets', 'side:external pricing',
  'side:company integration', 'spreadsheets', '"walk me through"', 'decision', 'budget*', 'contract OR renewal',
  'onboarding', 'timing matters', 'screen', 'questionnaire friday', 'forty seats', 'double-booked', '"two years ago"',
  'adoption problem', 'middleware', 'integration NOT salesforce', 'pric*', 'secur*', 'dash*', 'tool -adoption',
  '"thanks for making the time"', 'process week', 'people touch', 'honestly', 'involved', 'sense', 'right',
  'export OR audit', 'region*', 'legal', 'procurement', 'discount', 'pilot', 'competitor', 'roadmap',
  'side:external "fiscal year"', 'from:2020-01-01 pricing', 'to:2100-01-01 dashboard', 'june -pricing', 'share*',
];
if (QUERIES.length !== 50) throw new Error(`expected 50 queries, have ${QUERIES.length}`);

const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

// The local Gong in its own process, as a real Gong would be.
if (!existsSync(join(root, 'dist/localGongCli.js'))) throw new Error('dist/localGongCli.js is missing: run node esbuild.mjs --node-only');
const server = spawn(process.execPath, [join(root, 'dist/localGongCli.js'), '--calls', String(CALLS), '--seed', '7', '--rate-limit', String(RPS)], { stdio: ['ignore', 'pipe', 'inherit'] });
const creds = await new Promise((resolve, reject) => {
  const t = setTimeout(() => reject(new Error('local Gong did not start in 120 s')), 120_000);
  createInterface({ input: server.stdout }).once('line', l => { clearTimeout(t); resolve(JSON.parse(l)); });
  server.once('exit', c => reject(new Error(`local Gong exited (${c})`)));
});
const dir = mkdtempSync(join(tmpdir(), 'gong-search-bench-'));
const dbPath = join(dir, 'store.db');
const figures = { calls: 0 };
let backend;
try {
  const api = new GongClient(
    { baseUrl: creds.baseUrl, auth: { kind: 'basic', accessKey: creds.accessKey, accessKeySecret: creds.accessKeySecret } },
    { scheduler: new RequestScheduler({ requestsPerSecond: RPS }), timeoutMs: 120_000 },
  );
  backend = new WorkerBackend(out('src/search/worker.js'), dbPath);
  const scope = { kind: 'range', from: '2000-01-01T00:00:00Z', to: new Date(Date.now() + 86_400_000).toISOString(), label: 'every call' };

  let heapMax = 0; let rssMax = 0;
  const sampler = setInterval(() => { const m = process.memoryUsage(); heapMax = Math.max(heapMax, m.heapUsed); rssMax = Math.max(rssMax, m.rss); }, 250);
  let lagMax = 0; let last = performance.now();
  const lag = setInterval(() => { const now = performance.now(); lagMax = Math.max(lagMax, now - last - 50); last = now; }, 50);
  const t0 = performance.now();
  const plan = await planFetch(api, backend, scope, Date.now());
  console.log(`plan: ${plan.total} calls, ${plan.stored} stored, ${plan.requests} more requests, about ${round(plan.seconds)} s at ${RPS}/s`);
  let lastLog = 0;
  const outcome = await runFetch(api, backend, plan, {
    now: Date.now,
    onProgress: p => { if (performance.now() - lastLog > 5000) { lastLog = performance.now(); console.log(`  ${p.phase} ${p.done}/${p.total}, ${p.requests} requests, ${round((performance.now() - t0) / 1000)} s`); } },
  });
  const elapsed = (performance.now() - t0) / 1000;
  clearInterval(sampler); clearInterval(lag);
  figures.calls = outcome.callIds.length;
  figures.requests = outcome.requests;
  // The floor: at RPS requests a second the first goes at once, each next one 1/RPS later.
  figures.floorSeconds = round((outcome.requests - 1) / RPS);
  figures.elapsedSeconds = round(elapsed);
  figures.ratioToFloor = round(elapsed / ((outcome.requests - 1) / RPS), 3);
  figures.hostHeapMaxMB = round(heapMax / 1e6);
  figures.processRssMaxMB = round(rssMax / 1e6);
  figures.hostEventLoopLagMaxMs = round(lagMax);
  const stats = await backend.stats();
  figures.sentences = stats.sentences;
  figures.indexSeconds = round((stats.indexMs ?? 0) / 1000);
  console.log(`fetched ${outcome.fetched} transcripts (${stats.sentences} sentences) with ${outcome.requests} requests in ${figures.elapsedSeconds} s (floor ${figures.floorSeconds} s, ratio ${figures.ratioToFloor}); indexing ${figures.indexSeconds} s in the worker; host heap max ${figures.hostHeapMaxMB} MB, process RSS max ${figures.processRssMaxMB} MB, host event-loop lag max ${figures.hostEventLoopLagMaxMs} ms`);

  const times = [];
  const ids = outcome.callIds;
  for (const q of QUERIES) {
    const parsed = parseQuery(q);
    const t = performance.now();
    const r = await backend.search(parsed, { callIds: ids });
    times.push(performance.now() - t);
    if (q === 'pricing' || q === '"security questionnaire"') console.log(`  ${q}: ${r.totalCalls} calls, first ${r.calls[0]?.matches ?? 0} matches, ${round(times[times.length - 1])} ms`);
  }
  figures.queries = QUERIES.length;
  figures.queryP50Ms = round(pct(times, 0.5));
  figures.queryP95Ms = round(pct(times, 0.95));
  figures.queryMaxMs = round(Math.max(...times));
  console.log(`50 queries: p50 ${figures.queryP50Ms} ms, p95 ${figures.queryP95Ms} ms (goal < 50), max ${figures.queryMaxMs} ms`);

  const plan2 = await planFetch(api, backend, scope, Date.now());
  const again = await runFetch(api, backend, plan2, { now: Date.now });
  figures.secondRunRequests = again.requests;
  console.log(`second search of the same range: ${again.requests} requests (goal 0)`);
  await backend.close();
  backend = undefined;
  figures.indexBytes = statSync(dbPath).size;
  console.log(`store on disk: ${round(figures.indexBytes / 1e6)} MB`);
} finally {
  if (backend) await backend.close().catch(() => {});
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(figures));
