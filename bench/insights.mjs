// npm run bench:insights
// A workspace of 1,000 users over a year (the local Gong's calls fill its last 120 days), its rate limit on:
//   1. the team's insights fetched through the real client and scheduler at Gong's 3 requests/s: requests
//      sent against the floor that limit sets (requests / 3 s), and the elapsed time;
//   2. the view model built in Node from those answers (median of 15 builds);
//   3. in headless chromium with the built page, time from posting the model to the first chart drawn
//      (the page's own figure and two frames later, when it is on screen), and the longest task.
// A person's insights over the same year are measured the same way. The last line is one JSON object.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const out = p => join(root, 'out', p);

const { startLocalGong } = require(out('src/localGong/index.js'));
const { GongClient } = require(out('src/gong/client.js'));
const { RequestScheduler } = require(out('src/gong/scheduler.js'));
const { loadInsights } = require(out('src/data/insights.js'));
const { rangeFor, teamTable, teamActivityChart, userName } = require(out('src/render/insights.js'));
const harness = require(out('test/unit/render/pageHarness.js'));

const median = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const round = x => Math.round(x * 10) / 10;
const RPS = 3;
const NOW = new Date('2026-11-20T12:00:00Z');
const TODAY = '2026-11-20';

const figures = { users: 1000, rangeId: '12m', requestsPerSecond: RPS };
const WORLD = { seed: 7, users: 1000, calls: 20000, now: NOW };
const gong = await startLocalGong({ ...WORLD }); // Gong's default limits: 3 a second, 10,000 a day
const fastGong = await startLocalGong({ ...WORLD, rateLimit: false }); // the same company, for the view-model figures
let browser;
let pages;
try {
  // The extension's own pacing: the scheduler sends at most 3 a second, so Gong never answers 429.
  const client = new GongClient(
    { baseUrl: gong.baseUrl, auth: { kind: 'basic', accessKey: gong.accessKey, accessKeySecret: gong.accessKeySecret } },
    { scheduler: new RequestScheduler({ requestsPerSecond: RPS, maxInFlight: 3 }), timeoutMs: 120_000 },
  );
  let status429 = 0;
  const api = {
    async request(req, signal) {
      try { return await client.request(req, signal); } catch (e) { if (e?.status === 429) status429++; throw e; }
    },
    pages: (req, signal) => client.pages(req, signal),
  };
  const ws = gong.world.workspaces[0];
  let t0 = performance.now();
  const team = await loadInsights(api, { kind: 'team', subjectId: ws.id, subject: ws.name, rangeId: '12m', period: 'WEEK', today: TODAY });
  const elapsed = (performance.now() - t0) / 1000;
  figures.team = {
    requests: team.requests, floorSeconds: round(team.requests / RPS), elapsedSeconds: round(elapsed),
    ratioToFloor: Math.round((elapsed / (team.requests / RPS)) * 1000) / 1000, rows: team.team.rows.length, weeks: team.charts[0].x.length, status429,
  };
  console.log(`team (1,000 users, 12 months, weekly): ${team.requests} requests in ${figures.team.elapsedSeconds} s; floor ${figures.team.floorSeconds} s at ${RPS}/s (x${figures.team.ratioToFloor}); ${figures.team.rows} people, ${figures.team.weeks} weeks`);

  // The view model alone, from the same answers fetched again from an unlimited copy of the company.
  const fast = new GongClient(
    { baseUrl: fastGong.baseUrl, auth: { kind: 'basic', accessKey: fastGong.accessKey, accessKeySecret: fastGong.accessKeySecret } },
    { scheduler: new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 4 }), timeoutMs: 120_000 },
  );
  const { collectAll } = require(out('src/gong/paging.js'));
  const { findAction, toRequest } = require(out('src/catalog/index.js'));
  const range = rangeFor('12m', TODAY);
  const filter = { fromDate: range.fromDate, toDate: range.toDate };
  const byPeriod = findAction('stats.activityByPeriod');
  const inter = findAction('stats.interaction');
  const list = findAction('users.list');
  const unpaced = { request: (r, s) => fast.request(r, s), pages: (r, s) => fast.pages(r, s) };
  const [periodUsers, people, users] = await Promise.all([
    collectAll(unpaced, toRequest(byPeriod, { filter, aggregationPeriod: 'WEEK' }), byPeriod.listKey),
    collectAll(unpaced, toRequest(inter, { filter }), inter.listKey),
    collectAll(unpaced, toRequest(list, {}), list.listKey),
  ]);
  const directory = new Map(users.map(userName).filter(Boolean).map(u => [u.id, u]));
  const builds = [];
  for (let i = 0; i < 15; i++) {
    t0 = performance.now();
    teamTable(periodUsers, people, directory);
    teamActivityChart(periodUsers, range, 'WEEK');
    builds.push(performance.now() - t0);
  }
  figures.team.viewModelFirstMs = round(builds[0]);
  figures.team.viewModelMedianMs = round(median(builds));
  figures.team.modelBytes = JSON.stringify(team).length;
  console.log(`team view model: first ${figures.team.viewModelFirstMs} ms, median ${figures.team.viewModelMedianMs} ms; ${figures.team.modelBytes} bytes to the page`);

  const host = [...gong.world.calls.reduce((m, c) => m.set(c.primaryUserId, (m.get(c.primaryUserId) ?? 0) + 1), new Map())].sort((a, b) => b[1] - a[1])[0][0];
  t0 = performance.now();
  const person = await loadInsights(api, { kind: 'user', subjectId: host, subject: host, rangeId: '12m', period: 'WEEK', today: TODAY });
  const personElapsed = (performance.now() - t0) / 1000;
  figures.user = { requests: person.requests, floorSeconds: round(person.requests / RPS), elapsedSeconds: round(personElapsed), charts: person.charts.length };
  console.log(`person (12 months, weekly): ${person.requests} requests in ${figures.user.elapsedSeconds} s (floor ${figures.user.floorSeconds} s)`);

  if (!harness.chromiumAvailable()) {
    console.log(`no chromium at ${harness.CHROMIUM}: browser figures skipped`);
    figures.browser = 'skipped: no chromium';
  } else {
    pages = harness.buildPages();
    browser = await harness.launch();
    const measure = async model => {
      const runs = [];
      for (let run = 0; run < 3; run++) {
        const { page } = await harness.openPage(browser, pages.dir, 'insights');
        await page.evaluate(m => { window.__model = m; }, model);
        runs.push(await page.evaluate(() => new Promise(resolve => {
          const longTasks = [];
          try { new PerformanceObserver(l => { for (const e of l.getEntries()) longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: false }); } catch { /* unsupported */ }
          const start = performance.now();
          let shown;
          const obs = new MutationObserver(() => {
            if (shown !== undefined || !document.querySelector('#root .uplot canvas')) return;
            shown = -1;
            requestAnimationFrame(() => requestAnimationFrame(() => { shown = performance.now() - start; }));
          });
          obs.observe(document.getElementById('root'), { childList: true, subtree: true });
          window.postMessage({ type: 'model', model: window.__model }, '*');
          const poll = () => {
            const all = window.__posted.filter(m => m.type === 'status').map(m => m.status);
            const st = all.find(s => s.firstChartMs !== undefined);
            const table = !window.__model.team || all.some(s => s.tableRows !== undefined);
            if ((st && shown > 0 && table) || performance.now() - start > 30_000) {
              obs.disconnect();
              const wholeMs = performance.now() - start;
              setTimeout(() => resolve({ firstChartMs: shown, pageMs: wholeMs, longestTaskMs: longTasks.length ? Math.max(...longTasks) : 0 }), 200);
            } else setTimeout(poll, 10);
          };
          poll();
        })));
        await page.close();
      }
      return { firstChartMs: round(median(runs.map(r => r.firstChartMs))), wholePageMs: round(median(runs.map(r => r.pageMs))), longestTaskMs: round(median(runs.map(r => r.longestTaskMs))) };
    };
    figures.browser = { team: await measure(team), user: await measure(person) };
    console.log(`browser: team first chart ${figures.browser.team.firstChartMs} ms (whole page ${figures.browser.team.wholePageMs} ms, longest task ${figures.browser.team.longestTaskMs} ms); person first chart ${figures.browser.user.firstChartMs} ms`);
  }
} finally {
  await browser?.close();
  pages?.cleanup();
  await gong.close();
  await fastGong.close();
}
console.log(JSON.stringify(figures));
