import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { HOSTILE_SAMPLES } from '../../../src/localGong/text';
import { activityChart, interactionChart, teamActivityChart, teamTable } from '../../../src/render/insights';
import type { InsightsModel } from '../../../src/shared/insights';
import { buildPages, chromiumAvailable, launch, openPage, postToPage, waitForStatus } from './pageHarness';

// The insights page in a real browser behind the panels' CSP: charts drawn by uPlot from a model whose
// names are the local Gong's hostile strings; nothing runs, no markup comes alive, the names are text.
interface PageWindow { __pwned?: string; __violations: string[]; __posted: Array<{ type: string; chartId?: string; dataUrl?: string }> }

const range = { fromDate: '2026-11-02', toDate: '2026-11-23' };
const entries = (n: number) => [0, 7, 14].map(d => ({ fromDate: `2026-11-${String(2 + d).padStart(2, '0')}T00:00:00-08:00`, callsAsHost: n + d, callsAttended: 1 }));
const users = ['1', '2', '3', '4', '5'].map((id, i) => ({ userId: id, userAggregateActivity: entries(i) }));
const people = users.map((u, i) => ({ userId: u.userId, personInteractionStats: [{ name: 'Interactivity', value: 4 + i }, { name: 'Patience', value: 1 + i / 10 }] }));
const names = [HOSTILE_SAMPLES.scriptTag, HOSTILE_SAMPLES.imgOnerror, HOSTILE_SAMPLES.rtlOverride, HOSTILE_SAMPLES.svgOnload, HOSTILE_SAMPLES.styleTag];
const directory = new Map(users.map((u, i) => [u.userId, { id: u.userId, name: names[i]!, email: `p${i}@x.test` }]));

const model: InsightsModel = {
  kind: 'team', subject: `Team ${HOSTILE_SAMPLES.iframe}`, subjectId: '42', rangeId: '4w', range, period: 'WEEK',
  charts: [teamActivityChart(users, range, 'WEEK'), { ...activityChart(entries(2), range, 'WEEK'), title: HOSTILE_SAMPLES.imgOnerror }, interactionChart(people, '3')],
  team: teamTable(users, people, directory), notices: [{ part: 'scorecards', kind: 'refused', text: HOSTILE_SAMPLES.scriptTag }], requests: 3,
};

describe('insights page in a real browser (hostile content)', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let pages: { dir: string; cleanup(): void } | undefined;

  before(async function () {
    if (!chromiumAvailable()) this.skip(); // counted as skipped: no browser on this machine
    pages = buildPages();
    browser = await launch();
  });
  after(async () => { await browser?.close(); pages?.cleanup(); });

  it('draws every chart, shows hostile names as text and runs nothing', async () => {
    const { page, outside } = await openPage(browser!, pages!.dir, 'insights');
    await postToPage(page, { type: 'model', model });
    const st = await waitForStatus(page, s => Number(s['charts']) > 0);
    assert.equal(st['charts'], 3);
    await page.waitForTimeout(300);
    const report = await page.evaluate(() => {
      const w = window as unknown as PageWindow;
      const root = document.getElementById('root') as HTMLElement;
      // uPlot positions its own parts through the CSSOM; everything else must carry no style or handler.
      const own = [...root.querySelectorAll('*')].filter(e => !e.closest('.uplot'));
      return {
        pwned: w.__pwned ?? null, violations: w.__violations,
        live: root.querySelectorAll('img, script, iframe, svg, style, object, embed, link, meta, form, base, a').length,
        handlers: [...root.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
        styled: own.filter(e => e.hasAttribute('style')).length,
        canvases: root.querySelectorAll('.uplot canvas').length,
        text: root.innerText,
        rows: root.querySelectorAll('table.team tbody tr').length,
        outliers: root.querySelectorAll('td.outlier').length,
      };
    });
    assert.equal(report.pwned, null);
    assert.deepEqual(report.violations, []);
    assert.equal(report.live, 0);
    assert.equal(report.handlers, 0);
    assert.equal(report.styled, 0);
    assert.equal(report.canvases, 3);
    assert.deepEqual(outside, []);
    for (const n of [HOSTILE_SAMPLES.scriptTag, HOSTILE_SAMPLES.imgOnerror, HOSTILE_SAMPLES.iframe]) assert.ok(report.text.includes(n), `shown literally: ${n}`);
    assert.ok(report.text.includes('[RLO]'), 'a direction override is a visible marker');
    assert.equal(report.rows, 6, 'five people and the median row');
  });

  it('sorts the team, switches to tables and hands over a PNG of a chart', async () => {
    const { page } = await openPage(browser!, pages!.dir, 'insights');
    await postToPage(page, { type: 'model', model });
    await waitForStatus(page, s => Number(s['charts']) > 0);
    await page.locator('button.sort', { hasText: 'Calls hosted' }).click();
    const sorted = await waitForStatus(page, s => s['sortedBy'] === 'callsAsHost');
    assert.equal(sorted['sortedBy'], 'callsAsHost');
    const first = await page.locator('table.team tbody tr').first().locator('td').nth(1).innerText();
    assert.match(first, /^33\b/, 'the busiest host first (4 + 11 + 18)');
    await page.locator('button', { hasText: 'Export PNG...' }).first().click();
    const png = await page.waitForFunction(() => (window as unknown as PageWindow).__posted.find(m => m.type === 'exportPng'));
    const msg = await png.jsonValue() as { chartId: string; dataUrl: string };
    assert.equal(msg.chartId, 'teamActivity');
    assert.match(msg.dataUrl, /^data:image\/png;base64,iVBORw0KGgo/);
    await page.locator('button', { hasText: 'Show as Tables' }).click();
    const tables = await waitForStatus(page, s => s['view'] === 'table');
    assert.equal(tables['charts'], 0);
    assert.equal(await page.locator('table.data').count(), 4, 'three chart tables and the team');
  });
});
