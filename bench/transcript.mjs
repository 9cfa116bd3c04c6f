// npm run bench:transcript
// For the local Gong's two-hour workshop call (2,000+ monologues, 20,000+ sentences):
//   1. time to build the transcript view model in Node (goal: under 50 ms), and
//   2. in headless chromium with the built page bundle, time from posting the model to the first
//      painted monologues (goal: under 500 ms), plus the full progressive render, the longest main-thread
//      task while rendering, and a search over every sentence.
// The last printed line is one JSON object with the figures. Needs `tsc -p .` output in out/.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const out = p => join(root, 'out', p);

const { startLocalGong, WORKSHOP_MARK } = require(out('src/localGong/index.js'));
const { GongClient } = require(out('src/gong/client.js'));
const { RequestScheduler } = require(out('src/gong/scheduler.js'));
const { fetchExtensive } = require(out('src/render/callDetails.js'));
const { buildTranscript, fetchTranscripts } = require(out('src/render/transcript.js'));
const harness = require(out('test/unit/render/pageHarness.js'));

const median = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const round = x => Math.round(x * 10) / 10;

const figures = {};
const gong = await startLocalGong({ rateLimit: false, seed: 1 });
let browser;
let pages;
try {
  const api = new GongClient(
    { baseUrl: gong.baseUrl, auth: { kind: 'basic', accessKey: gong.accessKey, accessKeySecret: gong.accessKeySecret } },
    { scheduler: new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 4 }), timeoutMs: 60_000 },
  );
  const call = gong.world.calls.find(c => c.title.includes(WORKSHOP_MARK));
  if (!call) throw new Error('the local Gong generated no workshop call');
  let t0 = performance.now();
  const [transcripts, calls] = await Promise.all([fetchTranscripts(api, [call.id]), fetchExtensive(api, [call.id])]);
  figures.fetchMs = round(performance.now() - t0);
  const raw = transcripts.get(call.id);
  const ext = calls.get(call.id);

  const runs = [];
  let model;
  for (let i = 0; i < 15; i++) {
    t0 = performance.now();
    model = buildTranscript(raw, ext);
    runs.push(performance.now() - t0);
  }
  figures.monologues = model.monologues.length;
  figures.sentences = model.sentenceCount;
  figures.speakers = model.speakers.length;
  figures.modelBytes = JSON.stringify(model).length;
  figures.buildFirstMs = round(runs[0]);
  figures.buildMedianMs = round(median(runs));
  figures.buildGoalMs = 50;
  console.log(`view model: ${figures.monologues} monologues, ${figures.sentences} sentences; first build ${figures.buildFirstMs} ms, median ${figures.buildMedianMs} ms (goal < 50 ms)`);

  if (!harness.chromiumAvailable()) {
    console.log(`no chromium at ${harness.CHROMIUM}: browser figures skipped`);
    figures.browser = 'skipped: no chromium';
  } else {
    pages = harness.buildPages();
    browser = await harness.launch();
    const paints = [];
    for (let run = 0; run < 3; run++) {
      const { page } = await harness.openPage(browser, pages.dir, 'transcript');
      await page.evaluate(m => { window.__model = m; }, model);
      const r = await page.evaluate(() => new Promise(resolve => {
        const longTasks = [];
        try {
          new PerformanceObserver(list => { for (const e of list.getEntries()) longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: false });
        } catch { /* longtask unsupported */ }
        const start = performance.now();
        let firstPaint;
        const obs = new MutationObserver(() => {
          if (firstPaint !== undefined || !document.querySelector('#root article.mono')) return;
          firstPaint = -1;
          // Two frames: the first runs before the paint that shows the rows, the second after it.
          requestAnimationFrame(() => requestAnimationFrame(() => { firstPaint = performance.now() - start; }));
        });
        obs.observe(document.getElementById('root'), { childList: true, subtree: true });
        window.postMessage({ type: 'transcript', model: window.__model }, '*');
        const deadline = start + 60_000;
        const poll = () => {
          const done = window.__posted.filter(m => m.type === 'status').map(m => m.status).find(s => s.fullRenderMs !== undefined);
          if ((done && firstPaint > 0) || performance.now() > deadline) {
            obs.disconnect();
            resolve({ firstPaintMs: firstPaint, pageFirstPaintMs: done?.firstPaintMs, fullRenderMs: done?.fullRenderMs, rendered: done?.rendered, longestTaskMs: longTasks.length ? Math.max(...longTasks) : 0, longTasks: longTasks.length });
          } else setTimeout(poll, 10);
        };
        poll();
      }));
      // A word that occurs throughout the call: highlight and count every hit.
      const t1 = Date.now();
      await page.evaluate(() => window.postMessage({ type: 'find', query: 'the' }, '*'));
      const found = await harness.waitForStatus(page, st => st.query === 'the', 30_000);
      r.searchMs = Date.now() - t1;
      r.searchMatches = found.matches;
      paints.push(r);
      await page.close();
    }
    const best = paints[paints.length - 1];
    figures.firstPaintMs = round(median(paints.map(p => p.firstPaintMs)));
    figures.firstPaintRunsMs = paints.map(p => round(p.firstPaintMs));
    figures.firstPaintGoalMs = 500;
    figures.fullRenderMs = round(median(paints.map(p => p.fullRenderMs)));
    figures.longestTaskMs = round(median(paints.map(p => p.longestTaskMs)));
    figures.searchMs = round(median(paints.map(p => p.searchMs)));
    figures.searchMatches = best.searchMatches;
    console.log(`browser: first monologues painted ${figures.firstPaintMs} ms after posting (goal < 500 ms; runs ${figures.firstPaintRunsMs.join(', ')}), whole transcript ${figures.fullRenderMs} ms in frames, longest task ${figures.longestTaskMs} ms, search "the" ${figures.searchMs} ms for ${figures.searchMatches} matches`);
  }
} finally {
  await browser?.close();
  pages?.cleanup();
  await gong.close();
}
figures.buildOk = figures.buildMedianMs < 50;
if (typeof figures.firstPaintMs === 'number') figures.firstPaintOk = figures.firstPaintMs < 500;
console.log(JSON.stringify(figures));
