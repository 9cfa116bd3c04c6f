// Call search the way a person uses it: Gong: Search Calls... from the command palette, a scope picked
// and a query typed in the real quick input, the cost question answered, the Search view showing calls
// with their highlighted hits, and a hit opening the transcript at that moment with the words in its
// search box and highlighted. Runs first of the UI checks (files run in name order) and signs out at
// the end, so signIn.mjs and workbench.mjs start signed out as before.
import { answerSignIn, quickInputState } from './signIn.mjs';

const sleep = ms => new Promise(r => setTimeout(r, ms));
const PROFILE = 'SearchUI';
const QUERY = 'pricing';

function paneOf(page, name) {
  return page.locator('.pane').filter({ has: page.locator(`.pane-header[aria-label^="${name}"], .pane-header h3.title:text-is("${name}")`) }).first();
}

async function rowsOf(page, name) {
  return paneOf(page, name).locator('.monaco-list-row').evaluateAll(rows => rows.map(r => {
    const part = sel => (r.querySelector(sel)?.textContent ?? '').replace(/\s+/g, ' ').trim();
    return [part('.label-name'), part('.label-description')].filter(Boolean).join(' | ');
  }));
}

/** Shows the Search view alone in the Gong side bar (the other views collapsed). */
async function showSearchOnly(page) {
  const headers = page.locator('.part.sidebar .pane-header');
  const n = await headers.count();
  for (let i = 0; i < n; i++) {
    const h = headers.nth(i);
    const label = (await h.getAttribute('aria-label')) ?? '';
    const expanded = (await h.getAttribute('aria-expanded')) === 'true';
    if (label.startsWith('Search') !== expanded) { await h.click(); await sleep(150); }
  }
}

export async function run(ctx) {
  let gong;
  await ctx.step('local Gong with 300 calls starts', async () => {
    gong = await ctx.startLocalGongCli(['--port', '0', '--calls', '300', '--rate-limit', 'off']);
  });

  await ctx.step('workbench opens and signs in to that Gong', async () => {
    await ctx.open();
    await ctx.openActivity('Gong');
    await ctx.runCommand('Gong: Sign In');
    const signedIn = () => ctx.page.locator('.statusbar').getByText(`Gong: ${PROFILE}`).first().isVisible().catch(() => false);
    await answerSignIn(ctx, gong, PROFILE, signedIn);
  }, { timeoutMs: 90_000 });

  await ctx.step('Search view offers Search Calls when nothing was searched yet', async () => {
    await showSearchOnly(ctx.page);
    await paneOf(ctx.page, 'Search').getByText('Search Calls...').first().waitFor({ timeout: 20_000 });
  });

  await ctx.step(`Gong: Search Calls... over the last 30 days for "${QUERY}" fetches, then lists calls with highlighted hits`, async () => {
    const page = ctx.page;
    await ctx.runCommand('Gong: Search Calls...');
    await ctx.waitFor(async () => (await quickInputState(page)).rows?.some(r => r.includes('Last 30 days')), 15_000, 'the scope pick');
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: 'Last 30 days' }).first().click();
    await ctx.waitFor(async () => (await quickInputState(page)).kind === 'input', 15_000, 'the query box');
    await page.locator('.quick-input-widget .quick-input-box input').fill(QUERY);
    await page.keyboard.press('Enter');
    // More than 30 requests asks first; a smaller fetch goes ahead and says its cost in the status bar.
    const dialog = page.locator('.monaco-dialog-box');
    const asked = await dialog.waitFor({ timeout: 15_000 }).then(() => true, () => false);
    if (asked) {
      const text = (await dialog.innerText()).replace(/\s+/g, ' ');
      console.log(`      asked: ${text.slice(0, 300)}`);
      if (!/requests, about .* at 3 requests\/s, .*% of today's budget/.test(text)) throw new Error(`the question does not state the cost: ${text}`);
      await dialog.getByRole('button', { name: 'Fetch and Search' }).click();
    }
    await showSearchOnly(page);
    const header = await ctx.waitFor(async () => (await rowsOf(page, 'Search')).find(r => r.startsWith(`"${QUERY}"`)), 120_000, 'the results header');
    const rows = await rowsOf(page, 'Search');
    const call = rows.find(r => / \d+ match(es)? *$/.test(r) || /matches/.test(r));
    if (!call) throw new Error(`no call row with its matches: ${rows.slice(0, 6).join(' / ')}`);
    const marks = await paneOf(page, 'Search').locator('.monaco-list-row .monaco-highlighted-label .highlight').allInnerTexts();
    if (!marks.some(m => m.toLowerCase().startsWith(QUERY))) throw new Error(`no highlighted "${QUERY}" in the hits (${marks.slice(0, 5).join(', ')})`);
    console.log(`      ${header} | ${call} | ${rows.length} rows, ${marks.length} highlights`);
  }, { timeoutMs: 180_000 });

  await ctx.step('a hit opens the transcript at that moment, the words in its search box and highlighted', async () => {
    const page = ctx.page;
    const hit = paneOf(page, 'Search').locator('.monaco-list-row').filter({ has: page.locator('.monaco-highlighted-label .highlight') }).filter({ hasText: /\d\d:\d\d/ }).first();
    const text = (await hit.innerText()).replace(/\s+/g, ' ');
    await hit.click();
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await ctx.waitFor(async () => (await frame.locator('input[type="search"]').inputValue({ timeout: 2000 }).catch(() => '')).toLowerCase() === QUERY, 60_000, 'the transcript search box holding the query');
    const marked = await ctx.waitFor(async () => { const n = await frame.locator('mark.match').count().catch(() => 0); return n > 0 ? n : undefined; }, 20_000, 'highlighted matches in the transcript');
    await sleep(1000); // the jump scrolls and flashes the sentence
    console.log(`      hit: ${text.slice(0, 120)} | ${marked} highlighted matches in the transcript`);
  }, { timeoutMs: 90_000 });

  await ctx.step('signs out', async () => {
    await ctx.page.keyboard.press('Escape');
    await ctx.runCommand('View: Close All Editors');
    await ctx.runCommand('Gong: Sign Out');
    const state = await quickInputState(ctx.page);
    if (state.kind === 'pick') await ctx.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: PROFILE }).first().click();
    await ctx.waitFor(async () => !(await ctx.page.locator('.statusbar').getByText(`Gong: ${PROFILE}`).first().isVisible().catch(() => false)), 20_000, 'signed out');
  });
}
