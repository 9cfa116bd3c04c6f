// Insights in the real workbench, as a person uses them: Show Insights from a user row's context menu,
// hovering a chart for its values, switching the range in the page, the table view, Export CSV through
// the save dialog, a team opened from a workspace row and sorted, and the charts in the dark, light and
// high-contrast themes with the contrast of their lines and labels measured in the page (at least 3:1).
// Runs after views.mjs (it signs in and out by itself) and leaves the dark theme on.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { answerSignIn, gongFetch, quickInputState } from './signIn.mjs';
import { chooseTheme, focusWorkbench, rowLocator, runExact, showOnly } from './views.mjs';

const sleep = ms => new Promise(r => setTimeout(r, ms));
const PROFILE = 'Insights';

/** Right-clicks a tree row and picks a context menu item (the menu ignores a click that comes as it opens). */
async function contextMenu(ctx, view, rowText, itemText) {
  const row = rowLocator(ctx.page, view, rowText);
  await row.waitFor({ timeout: 30_000 });
  await row.click({ button: 'right' });
  const item = ctx.page.locator('.monaco-menu .action-item').filter({ hasText: itemText }).first();
  await item.waitFor({ timeout: 10_000 });
  await item.hover();
  await sleep(300);
  await item.click();
  await ctx.waitFor(async () => !(await item.isVisible().catch(() => false)), 5_000, 'the context menu to close');
}

/** The insights page frame once its charts are drawn. */
async function insightsFrame(ctx, heading) {
  return ctx.waitFor(async () => {
    for (const f of ctx.page.frames()) {
      if (f.isDetached()) continue;
      if ((await f.title().catch(() => '')) !== 'Insights') continue;
      const h1 = await f.locator('#root h1').first().innerText({ timeout: 500 }).catch(() => '');
      if (h1.includes(heading) && await f.locator('.uplot canvas, table.team').count().catch(() => 0)) return f;
    }
    return undefined;
  }, 60_000, `insights for "${heading}" drawn`);
}

/** Contrast of every chart colour and the axis labels against the page background, computed in the page. */
function measureChartColours(frame) {
  return frame.evaluate(() => {
    const probe = document.createElement('span');
    document.body.append(probe);
    const rgb = value => {
      // Any CSS colour (hex, rgb(), a name) resolved by the page's own computed style.
      probe.style.color = '';
      probe.style.color = value;
      const m = /rgba?\(([^)]+)\)/.exec(getComputedStyle(probe).color);
      if (!m) return undefined;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const lum = ({ r, g, b }) => {
      const c = v => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
    };
    const bg = rgb(getComputedStyle(document.body).backgroundColor);
    const ratio = colour => {
      const fg = rgb(colour);
      if (!fg || !bg) return 0;
      const seen = { r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a) };
      const [hi, lo] = [lum(seen), lum(bg)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    const css = getComputedStyle(document.body);
    // The colours the charts are drawn in: uPlot paints each series' legend marker in its stroke.
    const series = [...document.querySelectorAll('.u-legend .u-series .u-marker')].map((m, i) => {
      const colour = getComputedStyle(m).borderTopColor;
      return { name: `series ${i + 1}`, colour, ratio: ratio(colour) };
    });
    const label = document.querySelector('.u-legend th, h2');
    const labels = label ? ratio(getComputedStyle(label).color) : 0;
    probe.remove();
    return { background: css.backgroundColor, series, labels };
  });
}

export async function run(ctx) {
  let gong;
  const want = {};

  await ctx.step('local Gong with 300 users and 4,000 calls starts', async () => {
    gong = await ctx.startLocalGongCli(['--port', '0', '--users', '300', '--calls', '4000', '--rate-limit', 'off']);
    const [ws, users] = await Promise.all([gongFetch(gong, '/v2/workspaces'), gongFetch(gong, '/v2/users')]);
    want.workspace = ws.workspaces[0].name;
    // The busiest host of the last three months among the first rows of the Users view (rows further
    // down are not rendered until scrolled to).
    const today = new Date(Date.now() - 12 * 3600e3).toISOString().slice(0, 10);
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 91 * 864e5).toISOString().slice(0, 10);
    const stats = await gongFetch(gong, '/v2/stats/activity/aggregate', { filter: { fromDate: from, toDate: today, userIds: users.users.slice(0, 12).map(u => u.id) } });
    const busiest = (stats.usersAggregateActivityStats ?? []).sort((a, b) => b.userAggregateActivityStats.callsAsHost - a.userAggregateActivityStats.callsAsHost)[0];
    const u = users.users.find(x => x.id === busiest?.userId);
    if (!u) throw new Error('none of the first 12 users hosted calls in the last three months');
    want.user = `${u.firstName} ${u.lastName}`.trim();
  });

  await ctx.step('workbench opens and signs in to that Gong', async () => {
    await ctx.open();
    await ctx.openActivity('Gong');
    await ctx.runCommand('Gong: Sign In');
    const signedIn = () => ctx.page.locator('.statusbar').getByText(`Gong: ${PROFILE}`).first().isVisible().catch(() => false);
    await answerSignIn(ctx, gong, PROFILE, signedIn);
  }, { timeoutMs: 90_000 });

  let frame;
  await ctx.step('Show Insights from a user row\'s context menu draws the person\'s charts', async () => {
    await showOnly(ctx.page, 'Users');
    await contextMenu(ctx, 'Users', want.user, 'Show Insights');
    frame = await insightsFrame(ctx, want.user);
    const charts = await frame.locator('.uplot canvas').count();
    if (charts < 2) throw new Error(`${charts} charts drawn`);
    const titles = await frame.locator('section.card h2').allInnerTexts();
    for (const t of ['Activity', 'Interaction stats', 'Answered scorecards']) if (!titles.some(x => x.startsWith(t))) throw new Error(`no "${t}" section (${titles.join(' | ')})`);
    console.log(`      ${charts} charts: ${titles.map(t => t.split('\n')[0]).join(', ')}`);
  });

  await ctx.step('hovering the activity chart shows that week\'s values', async () => {
    const over = frame.locator('.uplot .u-over').first();
    const box = await over.boundingBox();
    if (!box) throw new Error('the chart has no plotting area');
    await over.hover({ position: { x: box.width * 0.6, y: box.height / 2 } });
    const values = await ctx.waitFor(async () => {
      const v = (await frame.locator('.uplot').first().locator('.u-legend .u-value').allInnerTexts()).map(s => s.trim()).filter(Boolean);
      return v.length >= 3 && /\d/.test(v[0]) && v.slice(1).some(x => /^\d[\d,.]*$/.test(x)) ? v : undefined;
    }, 10_000, 'legend values under the cursor');
    console.log(`      under the cursor: ${values.join(' | ')}`);
  });

  await ctx.step('the range picker switches to the last 4 weeks per day', async () => {
    const line = () => frame.locator('header p.muted').first().innerText();
    const before = await line();
    await frame.locator('select[aria-label="Range"]').selectOption('4w');
    await ctx.waitFor(async () => (await line().catch(() => before)) !== before, 30_000, 'the range line to change');
    await frame.locator('select[aria-label="Period"]').selectOption('DAY');
    await ctx.waitFor(async () => (await frame.locator('section.card h2').first().innerText().catch(() => '')).includes('per day') && await frame.locator('.uplot canvas').count() >= 2, 30_000, 'daily charts');
    console.log(`      ${before} -> ${await line()}`);
  });

  await ctx.step('the same numbers as tables, then Export CSV through the save dialog', async () => {
    await frame.getByRole('button', { name: 'Show as Tables' }).click();
    await ctx.waitFor(async () => (await frame.locator('table.data').count()) >= 2 && (await frame.locator('.uplot').count()) === 0, 10_000, 'tables instead of charts');
    const rows = await frame.locator('table.data').first().locator('tbody tr').count();
    if (rows !== 28) throw new Error(`the activity table has ${rows} rows, not 28 days`);
    const target = join(ctx.artifactsDir, 'activity-export.csv');
    rmSync(target, { force: true });
    await frame.getByRole('button', { name: 'Export CSV...' }).first().click();
    const input = ctx.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: 15_000 });
    // The save dialog fills in its suggested name once it has read the folder; typing before that is lost.
    await ctx.waitFor(async () => (await input.inputValue().catch(() => '')).endsWith('.csv'), 15_000, 'the suggested file name');
    await sleep(500);
    for (let i = 0; i < 3 && !existsSync(target); i++) {
      await input.fill(target);
      await sleep(400);
      if ((await input.inputValue().catch(() => '')) !== target) continue;
      await input.press('Enter');
      await ctx.waitFor(() => existsSync(target), 5_000, 'the CSV file written').catch(() => undefined);
    }
    await ctx.waitFor(() => existsSync(target), 5_000, 'the CSV file written');
    const csv = readFileSync(target, 'utf8').trim().split(/\r?\n/);
    if (!/^Day,Calls hosted,/.test(csv[0]) || csv.length !== 29) throw new Error(`unexpected CSV: ${csv.slice(0, 2).join(' / ')} (${csv.length} lines)`);
    await frame.getByRole('button', { name: 'Show as Charts' }).click();
    await ctx.waitFor(async () => (await frame.locator('.uplot canvas').count()) >= 2, 10_000, 'charts again');
  }, { timeoutMs: 90_000 });

  await ctx.step('a team from a workspace row: one row per person, sorted by calls hosted', async () => {
    await focusWorkbench(ctx.page);
    await showOnly(ctx.page, 'Workspaces');
    await contextMenu(ctx, 'Workspaces', want.workspace, 'Show Insights');
    const team = await insightsFrame(ctx, want.workspace);
    await ctx.waitFor(async () => (await team.locator('table.team tbody tr').count()) > 10, 30_000, 'the team table');
    await team.getByRole('button', { name: /^Calls hosted/ }).click();
    await ctx.waitFor(async () => (await team.locator('th[aria-sort="descending"]').count()) === 1, 10_000, 'sorted descending');
    const firstTwo = await team.locator('table.team tbody tr').evaluateAll(rows => rows.slice(0, 2).map(r => Number((r.children[1]?.textContent ?? '').replace(/[^\d.]/g, ''))));
    if (!(firstTwo[0] >= firstTwo[1])) throw new Error(`not sorted: ${firstTwo.join(', ')}`);
    console.log(`      ${await team.locator('table.team tbody tr').count()} rows; top calls hosted ${firstTwo.join(', ')}; outliers marked: ${await team.locator('td.outlier').count()}`);
  });

  const themeStep = (theme, cls) => ctx.step(`insights charts in ${theme}: lines and labels at least 3:1`, async () => {
    const page = ctx.page;
    await page.keyboard.press('Escape');
    if (theme !== 'Default Dark Modern') await chooseTheme(ctx, theme);
    await ctx.waitFor(async () => (await page.locator('.monaco-workbench').first().getAttribute('class')).split(/\s+/).includes(cls), 20_000, `the workbench in the ${cls} theme`);
    // Back to the person's tab (a hidden panel's page is unloaded, so it draws again in this theme).
    await page.locator('.tabs-container .tab').filter({ hasText: `Insights: ${want.user}` }).first().click();
    const f = await insightsFrame(ctx, want.user);
    await sleep(500);
    const m = await measureChartColours(f);
    const low = m.series.filter(s => s.ratio < 3);
    console.log(`      ${theme}: background ${m.background}; ${m.series.map(s => `${s.name} ${s.colour} ${s.ratio.toFixed(2)}`).join(', ')}; labels ${m.labels.toFixed(2)}`);
    if (m.series.length < 4) throw new Error(`only ${m.series.length} series markers measured`);
    if (low.length) throw new Error(`chart colours below 3:1 in ${theme}: ${low.map(s => `${s.name} ${s.ratio.toFixed(2)}`).join(', ')}`);
    if (m.labels < 3) throw new Error(`labels at ${m.labels.toFixed(2)}:1 in ${theme}`);
  });
  await themeStep('Default Dark Modern', 'vs-dark');
  await themeStep('Default Light Modern', 'vs');
  await themeStep('Default High Contrast', 'hc-black');

  await ctx.step('dark theme back, editors closed, signed out for the next check', async () => {
    await chooseTheme(ctx, 'Default Dark Modern');
    await ctx.waitFor(async () => (await ctx.page.locator('.monaco-workbench').first().getAttribute('class')).split(/\s+/).includes('vs-dark'), 20_000, 'the dark theme');
    await runExact(ctx, 'View: Close All Editors');
    await ctx.waitFor(async () => (await ctx.page.locator('.tabs-container .tab').count()) === 0, 10_000, 'every editor closed');
    await focusWorkbench(ctx.page);
    await ctx.runCommand('Gong: Sign Out');
    const state = await quickInputState(ctx.page);
    if (state.kind === 'pick') await ctx.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: PROFILE }).first().click();
  });
}
