// The seven Gong views in the real workbench against a bigger local Gong (1,000 users, 5,000 calls):
// each view opened on its own with rows that local Gong serves, "Load 100 more" and the filter of
// the Users view used through the tree and its title buttons, a transcript opened from the Calls
// tree's context menu and searched, and the call panels in the dark, light and high-contrast themes
// with their text/background contrast measured in the page. Runs between signIn.mjs and
// workbench.mjs: it signs in the way a person does and signs out again at the end, and leaves the
// theme as it found it.
import { join } from 'node:path';
import { answerSignIn, gongFetch, quickInputState } from './signIn.mjs';

const sleep = ms => new Promise(r => setTimeout(r, ms));
const PROFILE = 'Views';
const VIEWS = ['Workspaces', 'Users', 'Library', 'Calls', 'Engage Flows', 'Trackers', 'Scorecards'];

const fullName = u => [u.firstName, u.lastName].filter(Boolean).join(' ').trim() || u.emailAddress;

/** The pane of a Gong view in the side bar. */
export function paneOf(page, name) {
  return page.locator('.pane').filter({ has: page.locator(`.pane-header[aria-label^="${name}"], .pane-header h3.title:text-is("${name}")`) }).first();
}

/**
 * Shows one Gong view alone: every other view of the side bar (the seven here and any added later, such
 * as Search) is collapsed so its rows get the whole side bar.
 */
export async function showOnly(page, name) {
  for (const v of VIEWS) {
    if (!(await paneOf(page, v).locator('.pane-header').count())) throw new Error(`no "${v}" view in the side bar`);
  }
  const headers = page.locator('.part.sidebar .pane-header');
  const n = await headers.count();
  for (let i = 0; i < n; i++) {
    const header = headers.nth(i);
    const title = ((await header.locator('h3.title').first().textContent().catch(() => '')) ?? '').trim();
    const expanded = (await header.getAttribute('aria-expanded')) === 'true';
    if ((title === name) !== expanded) { await header.click(); await sleep(150); }
  }
}

/** The rendered rows of a view as "label description" (the list is virtualised: only rows in sight). */
async function rowsOf(page, name) {
  return paneOf(page, name).locator('.monaco-list-row').evaluateAll(rows => rows.map(r => {
    const part = sel => (r.querySelector(sel)?.textContent ?? '').replace(/\s+/g, ' ').trim();
    return [part('.label-name'), part('.label-description')].filter(Boolean).join(' ');
  }));
}

/** Waits until a row of `name` satisfies `pred`; returns that row's text. */
async function waitRow(ctx, name, pred, what, timeoutMs = 30_000) {
  return ctx.waitFor(async () => (await rowsOf(ctx.page, name)).find(pred), timeoutMs, `${what} in the ${name} view`);
}

export function rowLocator(page, view, text) {
  return paneOf(page, view).locator('.monaco-list-row').filter({ hasText: text }).first();
}

/** Clicks a row and waits for it to show as expanded (a single click on a collapsed row opens it). */
async function expandRow(ctx, view, text) {
  const row = rowLocator(ctx.page, view, text);
  await row.waitFor({ timeout: 20_000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await ctx.waitFor(async () => (await row.getAttribute('aria-expanded')) === 'true', 10_000, `"${text}" expanded`);
}

/** A view title button, by the start of its title ("Filter Users"); title buttons show on hover. */
async function clickTitleAction(page, view, title) {
  const pane = paneOf(page, view);
  await pane.locator('.pane-header').first().hover();
  const action = pane.locator(`.pane-header .actions .action-label[aria-label^="${title}"], .pane-header .actions .action-label[aria-label*=": ${title}"]`).first();
  await action.waitFor({ timeout: 10_000 });
  await action.click();
}

/** The webview frames whose page has this document title ("Call details", "Transcript"). */
export async function panelFrame(ctx, title) {
  return ctx.waitFor(async () => {
    for (const f of ctx.page.frames()) {
      if (f.isDetached()) continue;
      const t = await f.title().catch(() => '');
      if (t === title && await f.locator('#root h1').count().catch(() => 0)) return f;
    }
    return undefined;
  }, 30_000, `a loaded "${title}" panel`);
}

/** Colours and contrast of the page body, computed in the page from getComputedStyle. */
function measureColours(frame) {
  return frame.evaluate(() => {
    const parse = s => {
      const m = /rgba?\(([^)]+)\)/.exec(s);
      if (!m) return undefined;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const lum = ({ r, g, b }) => {
      const c = v => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
    };
    const style = getComputedStyle(document.body);
    const bg = parse(style.backgroundColor);
    const contrast = colour => {
      const fg = parse(colour);
      if (!fg || !bg) return 0;
      // A translucent text colour is seen blended over the background.
      const seen = { r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a) };
      const [hi, lo] = [lum(seen), lum(bg)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    // Coloured text on the page (speaker names, party headings), reported alongside.
    const coloured = {};
    for (const sel of ['.company .who, h3.company', '.external .who, h3.external']) {
      const e = document.querySelector(sel);
      if (e) coloured[sel.includes('external') ? 'external' : 'company'] = { color: getComputedStyle(e).color, ratio: contrast(getComputedStyle(e).color) };
    }
    return { color: style.color, background: style.backgroundColor, bgAlpha: bg?.a, ratio: contrast(style.color), coloured };
  });
}

/**
 * Takes the keyboard away from a webview: keys pressed while a panel's page has focus (F1 for the
 * palette) go to that page. A click on the side bar's title moves focus without changing anything.
 */
export async function focusWorkbench(page) {
  await page.locator('.part.sidebar .composite.title').first().click();
  await sleep(150);
}

/**
 * Runs the palette command with exactly this label: a similar command may be listed first
 * ("Browse Color Themes in Marketplace" before "Color Theme"), so the row is clicked, not Enter.
 */
export async function runExact(ctx, label) {
  await focusWorkbench(ctx.page);
  const starts = l => l === label || l.startsWith(`${label}\n`);
  await ctx.waitFor(async () => (await ctx.palette(label)).some(starts), 15_000, `"${label}" in the palette`);
  const rows = ctx.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  const texts = await rows.allInnerTexts();
  await rows.nth(texts.findIndex(starts)).click();
}

/** The colour themes used here: the setting's value and what the theme picker lists it as. */
const THEMES = {
  'Default Dark Modern': 'Dark Modern',
  'Default Light Modern': 'Light Modern',
  'Default High Contrast': 'Dark High Contrast',
};

/** Picks a colour theme the way a person does: Preferences: Color Theme, typing its name, clicking it. */
export async function chooseTheme(ctx, theme) {
  const page = ctx.page;
  const label = THEMES[theme];
  await runExact(ctx, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await ctx.waitFor(async () => !(await input.inputValue()).startsWith('>'), 10_000, 'the theme picker');
  await input.fill(label);
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: new RegExp(`^${label}`) }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
}

export async function run(ctx) {
  let gong;
  const want = {};

  await ctx.step('local Gong with 1,000 users and 5,000 calls starts', async () => {
    gong = await ctx.startLocalGongCli(['--port', '0', '--users', '1000', '--calls', '5000', '--rate-limit', 'off']);
    const [ws, users, trackers, scorecards] = await Promise.all([
      gongFetch(gong, '/v2/workspaces'), gongFetch(gong, '/v2/users'), gongFetch(gong, '/v2/settings/trackers'), gongFetch(gong, '/v2/settings/scorecards'),
    ]);
    const page2 = await gongFetch(gong, `/v2/users?cursor=${encodeURIComponent(users.records.cursor)}`);
    want.workspaces = ws.workspaces.map(w => w.name);
    want.firstWorkspace = ws.workspaces[0];
    want.usersTotal = users.records.totalRecords;
    want.users = users.users;
    want.users200 = [...users.users, ...page2.users];
    want.trackers = trackers.keywordTrackers.map(t => t.trackerName);
    want.scorecards = scorecards.scorecards.map(s => s.scorecardName);
    const t0 = trackers.keywordTrackers[0];
    want.tracker = { name: t0.trackerName, keywords: (t0.languageKeywords ?? []).flatMap(l => l.keywords ?? []) };
    const c0 = scorecards.scorecards[0];
    want.scorecard = { name: c0.scorecardName, questions: (c0.questions ?? []).map(q => q.questionText) };
    want.folders = (await gongFetch(gong, `/v2/library/folders?workspaceId=${want.firstWorkspace.id}`)).folders.map(f => f.name);
    // A user of the first page (so the owner pick lists it) who owns or sees flows.
    for (const u of want.users.slice(0, 20)) {
      const flows = await gongFetch(gong, `/v2/flows?flowOwnerEmail=${encodeURIComponent(u.emailAddress)}`);
      if (flows.flows?.length) {
        want.owner = u.emailAddress;
        want.flows = flows.flows.map(f => f.name);
        want.flowFolders = (await gongFetch(gong, `/v2/flows/folders?flowFolderOwnerEmail=${encodeURIComponent(u.emailAddress)}`)).flowsFolders.map(f => f.name);
        break;
      }
    }
    if (want.usersTotal !== 1000) throw new Error(`the local Gong has ${want.usersTotal} users, not 1,000`);
    if (!want.owner) throw new Error('no user of the first page sees any Engage flow');
    if (!want.workspaces.length || !want.trackers.length || !want.scorecards.length || !want.folders.length) throw new Error('the local Gong lacks workspaces, trackers, scorecards or library folders');
  });

  await ctx.step('workbench opens and signs in to that Gong', async () => {
    await ctx.open();
    await ctx.openActivity('Gong');
    await ctx.runCommand('Gong: Sign In');
    const signedIn = () => ctx.page.locator('.statusbar').getByText(`Gong: ${PROFILE}`).first().isVisible().catch(() => false);
    await answerSignIn(ctx, gong, PROFILE, signedIn);
  }, { timeoutMs: 90_000 });

  await ctx.step('Workspaces view lists the workspaces', async () => {
    await showOnly(ctx.page, 'Workspaces');
    const row = await waitRow(ctx, 'Workspaces', r => want.workspaces.some(n => r.includes(n)), 'a workspace name');
    const rows = await rowsOf(ctx.page, 'Workspaces');
    const missing = want.workspaces.filter(n => !rows.some(r => r.includes(n)));
    if (missing.length) throw new Error(`workspaces missing: ${missing.join(', ')}`);
    console.log(`      row: ${row}`);
  });

  await ctx.step('Users view lists the first page of users', async () => {
    await showOnly(ctx.page, 'Users');
    const names = want.users.slice(0, 5).map(fullName);
    const row = await waitRow(ctx, 'Users', r => names.some(n => r.startsWith(n)), `one of ${names.join(', ')}`);
    console.log(`      row: ${row}`);
  });

  await ctx.step('Library view: a workspace opens on its folders', async () => {
    await showOnly(ctx.page, 'Library');
    await waitRow(ctx, 'Library', r => r.includes(want.firstWorkspace.name), 'the first workspace');
    await expandRow(ctx, 'Library', want.firstWorkspace.name);
    const row = await waitRow(ctx, 'Library', r => want.folders.some(f => r.startsWith(f)), `a folder of ${want.firstWorkspace.name} (${want.folders.slice(0, 3).join(', ')}...)`);
    console.log(`      folder: ${row}`);
  });

  await ctx.step('Calls view: the range row, day rows, and the calls of the newest day', async () => {
    await showOnly(ctx.page, 'Calls');
    // The range row names how many days the range spans; each day loads its own calls.
    const range = await waitRow(ctx, 'Calls', r => /^Last 7 days .*\d+ days/.test(r), 'the "Last 7 days ... N days" row');
    const now = Date.now();
    // Every page of the range as Gong lists it (oldest first): the view shows the newest without them.
    const all = [];
    let cursor;
    for (let i = 0; i < 50; i++) {
      const q = `fromDateTime=${encodeURIComponent(new Date(now - 7 * 86_400_000).toISOString())}&toDateTime=${encodeURIComponent(new Date(now).toISOString())}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await gongFetch(gong, `/v2/calls?${q}`);
      all.push(...page.calls);
      cursor = page.records.cursor;
      if (!cursor) break;
    }
    const calls = { calls: all };
    if (all.length <= 100) throw new Error(`a week of 5,000 calls should be more than one page, got ${all.length}`);
    // The newest day of the range in the local time zone, as the view labels it ("Sat, Nov 14, 2026").
    const localDay = t => { const d = new Date(t); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; };
    const newestCall = all.reduce((x, c) => (Date.parse(c.started) > Date.parse(x.started) ? c : x));
    const newest = localDay(Date.parse(newestCall.started));
    const label = new Date(`${newest}T12:00:00Z`).toLocaleDateString('en-US', { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
    await waitRow(ctx, 'Calls', r => r.startsWith(label), `the day row "${label}"`);
    await expandRow(ctx, 'Calls', label);
    // The view lists a day's calls newest first; one near the top is in sight without scrolling.
    const dayCalls = calls.calls.filter(c => localDay(Date.parse(c.started)) === newest).sort((a, b) => Date.parse(b.started) - Date.parse(a.started));
    // A call of that day whose title no other call of the day starts with (only that day is open).
    const titles = dayCalls.map(c => c.title);
    const call = dayCalls.slice(0, 15).find(c => titles.filter(t => t.startsWith(c.title)).length === 1);
    if (dayCalls[0] && dayCalls[0].id !== newestCall.id) throw new Error('the newest call of the range is not on the newest day');
    if (!call) throw new Error(`no call with a title of its own on ${newest}`);
    want.callId = call.id;
    want.callTitle = call.title;
    want.callRow = await waitRow(ctx, 'Calls', r => r.startsWith(call.title), `the call "${call.title}"`);
    console.log(`      ${range} | ${label} | ${want.callRow}`);
  });

  await ctx.step('Engage Flows: owner chosen from its row, then folders and flows', async () => {
    const page = ctx.page;
    await showOnly(page, 'Engage Flows');
    await waitRow(ctx, 'Engage Flows', r => r.startsWith('Choose the flow owner') || r.startsWith('Owner:'), 'the owner row');
    await rowLocator(page, 'Engage Flows', /^(Choose the flow owner|Owner:)/).click();
    // The pick lists the loaded users' emails: typing filters it to the owner.
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(want.owner);
    const pick = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: want.owner }).first();
    await pick.waitFor({ timeout: 10_000 });
    await pick.click();
    await waitRow(ctx, 'Engage Flows', r => r.startsWith(`Owner: ${want.owner}`), `"Owner: ${want.owner}"`);
    const folder = await waitRow(ctx, 'Engage Flows', r => want.flowFolders.some(f => r.startsWith(f)), `a flow folder (${[...new Set(want.flowFolders)].join(', ')})`);
    await waitRow(ctx, 'Engage Flows', r => r.startsWith('All flows'), 'the "All flows" row');
    await expandRow(ctx, 'Engage Flows', 'All flows');
    const flow = await waitRow(ctx, 'Engage Flows', r => want.flows.some(f => r.startsWith(f)), 'a flow under "All flows"');
    console.log(`      folder: ${folder} | flow: ${flow}`);
  });

  await ctx.step('Trackers view: trackers and, opened, their keywords', async () => {
    await showOnly(ctx.page, 'Trackers');
    const t = want.tracker;
    await waitRow(ctx, 'Trackers', r => r.startsWith(t.name), `the tracker "${t.name}"`);
    await expandRow(ctx, 'Trackers', t.name);
    const kw = await waitRow(ctx, 'Trackers', r => t.keywords.some(k => r.startsWith(k)), `a keyword of "${t.name}" (${t.keywords.join(', ')})`, 10_000);
    console.log(`      ${t.name}: ${kw}`);
  });

  await ctx.step('Scorecards view: scorecards and, opened, their questions', async () => {
    await showOnly(ctx.page, 'Scorecards');
    const c = want.scorecard;
    await waitRow(ctx, 'Scorecards', r => r.startsWith(c.name), `the scorecard "${c.name}"`);
    await expandRow(ctx, 'Scorecards', c.name);
    const q = await waitRow(ctx, 'Scorecards', r => c.questions.some(x => r.startsWith(x)), `a question of "${c.name}"`, 10_000);
    console.log(`      ${c.name}: ${q}`);
  });

  await ctx.step('Users: "Load 100 more" clicked in the tree loads the second page', async () => {
    const page = ctx.page;
    await showOnly(page, 'Users');
    const list = paneOf(page, 'Users').locator('.monaco-list').first();
    // The list is virtualised: End scrolls to its last row, the load-more row.
    await rowLocator(page, 'Users', fullName(want.users[0])).click();
    await page.keyboard.press('End');
    const before = await waitRow(ctx, 'Users', r => r.startsWith('Load 100 more'), 'the load-more row', 10_000);
    if (!before.includes(`(100 of ${want.usersTotal.toLocaleString('en-US')})`)) throw new Error(`load-more row reads "${before}"`);
    await rowLocator(page, 'Users', 'Load 100 more').click();
    const after = await ctx.waitFor(async () => {
      await list.focus();
      await page.keyboard.press('End');
      return (await rowsOf(page, 'Users')).find(r => r.startsWith('Load 100 more (200 of 1,000)'));
    }, 20_000, 'the load-more row to read "(200 of 1,000)"');
    console.log(`      ${before} -> ${after}`);
  });

  await ctx.step('Users: the title bar filter shows "Filtered by" and only matching rows', async () => {
    const page = ctx.page;
    // A first name shared by a few loaded users; a row matches on name, email, title, id or its
    // manager's name.
    const loaded = want.users200;
    const byId = new Map(loaded.map(u => [u.id, u]));
    const matching = f => loaded.filter(u => `${fullName(u)} ${u.emailAddress ?? ''} ${u.title ?? ''} ${u.id} ${u.managerId && byId.get(u.managerId) ? fullName(byId.get(u.managerId)) : ''}`.toLowerCase().includes(f.toLowerCase()));
    const name = [...new Set(loaded.map(u => u.firstName))].find(n => n && n.length >= 4 && matching(n).length >= 2 && matching(n).length <= 6);
    if (!name) throw new Error('no first name shared by 2 to 6 loaded users');
    const expected = matching(name).map(fullName).sort();
    await clickTitleAction(page, 'Users', 'Filter Users');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(name);
    await input.press('Enter');
    const head = await waitRow(ctx, 'Users', r => r.startsWith(`Filtered by "${name}"`), `the "Filtered by "${name}"" row`);
    if (!head.includes(`${expected.length} of 200 loaded`)) throw new Error(`"${head}" does not say "${expected.length} of 200 loaded"`);
    const rows = await ctx.waitFor(async () => {
      const r = (await rowsOf(page, 'Users')).filter(x => !x.startsWith('Filtered by') && !x.startsWith('Load '));
      return r.length === expected.length ? r : undefined;
    }, 10_000, `${expected.length} user rows`);
    const shown = rows.map(r => expected.find(n => r.startsWith(n)) ?? r).sort();
    if (JSON.stringify(shown) !== JSON.stringify(expected)) throw new Error(`rows ${shown.join(', ')} but expected ${expected.join(', ')}`);
    want.filterName = name;
    console.log(`      "${name}": ${head} | ${expected.join(', ')}`);
  });

  await ctx.step('Users: clearing the filter from the title bar brings every loaded row back', async () => {
    const page = ctx.page;
    await clickTitleAction(page, 'Users', 'Clear Users Filter');
    await ctx.waitFor(async () => !(await rowsOf(page, 'Users')).some(r => r.startsWith('Filtered by')), 10_000, 'the "Filtered by" row to go');
    await rowLocator(page, 'Users', fullName(want.users[0])).waitFor({ timeout: 10_000 }).catch(async () => { await paneOf(page, 'Users').locator('.monaco-list').first().focus(); await page.keyboard.press('Home'); });
    await paneOf(page, 'Users').locator('.monaco-list').first().focus();
    await page.keyboard.press('End');
    await waitRow(ctx, 'Users', r => r.startsWith('Load 100 more (200 of 1,000)'), 'the load-more row with 200 loaded', 10_000);
  });

  await ctx.step('Calls: Open Transcript from a call\'s context menu, then search it', async () => {
    const page = ctx.page;
    await showOnly(page, 'Calls');
    const row = rowLocator(page, 'Calls', want.callTitle);
    await row.click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-item').filter({ hasText: 'Open Transcript' }).first();
    await item.waitFor({ timeout: 10_000 });
    // The menu ignores a click that comes right as it opens (the right button's own release).
    await item.hover();
    await sleep(300);
    await item.click();
    await ctx.waitFor(async () => !(await item.isVisible().catch(() => false)), 5_000, 'the context menu to close');
    const frame = await panelFrame(ctx, 'Transcript');
    const heading = await frame.locator('#root h1').first().innerText();
    if (heading.trim() !== want.callTitle) throw new Error(`the transcript is of "${heading}", not "${want.callTitle}"`);
    const data = await gongFetch(gong, '/v2/calls/transcript', { filter: { callIds: [want.callId] } });
    const sentences = (data.callTranscripts?.[0]?.transcript ?? []).flatMap(m => m.sentences ?? []).map(s => s.text);
    if (!sentences.length) throw new Error(`local Gong has no transcript for call ${want.callId}`);
    // The most frequent longer word: a search that has several matches.
    const freq = new Map();
    for (const s of sentences) for (const w of s.match(/\p{L}{5,}/gu) ?? []) freq.set(w.toLowerCase(), (freq.get(w.toLowerCase()) ?? 0) + 1);
    const word = [...freq].sort((a, b) => b[1] - a[1])[0]?.[0];
    const re = new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
    const count = sentences.reduce((n, s) => n + (s.match(re)?.length ?? 0), 0);
    const box = frame.locator('input.search');
    await box.waitFor({ timeout: 20_000 });
    await box.fill(word);
    const counter = await ctx.waitFor(async () => {
      const t = (await frame.locator('.counter').innerText()).trim();
      return t ? t : undefined;
    }, 10_000, 'the match counter');
    if (counter !== `1 of ${count}`) throw new Error(`counter reads "${counter}" for "${word}", expected "1 of ${count}"`);
    const marks = await frame.locator('mark').count();
    if (marks === 0) throw new Error('no highlighted match');
    console.log(`      call ${want.callId}: "${word}" -> ${counter}, ${marks} highlighted`);
  });

  await ctx.step('call details open from the call row, next to the transcript tab', async () => {
    const page = ctx.page;
    await rowLocator(page, 'Calls', want.callTitle).click();
    await ctx.waitFor(async () => (await page.locator('.tabs-container .tab.active').first().getAttribute('aria-label'))?.startsWith('Call: '), 20_000, 'an active "Call: ..." tab');
    const frame = await panelFrame(ctx, 'Call details');
    await ctx.waitFor(async () => (await frame.locator('#root h1').first().innerText()).trim() === want.callTitle, 20_000, 'the call title in its details');
  });

  // Each theme: both panels shown in turn (a hidden panel's page is unloaded) and measured.
  const measured = [];
  const themeStep = (theme, cls) => ctx.step(`call details and transcript in ${theme}`, async () => {
    const page = ctx.page;
    if (measured.length) await chooseTheme(ctx, theme);
    await ctx.waitFor(async () => (await page.locator('.monaco-workbench').first().getAttribute('class')).split(/\s+/).includes(cls), 20_000, `the workbench in the ${cls} theme`);
    const previous = measured.at(-1);
    const result = {};
    for (const [title, tab] of [['Call details', 'Call: '], ['Transcript', 'Transcript: ']]) {
      await page.locator(`.tabs-container .tab[aria-label^="${tab}"]`).first().click();
      const frame = await panelFrame(ctx, title);
      // The page gets the new theme's variables a moment after the workbench.
      const m = await ctx.waitFor(async () => {
        const x = await measureColours(frame);
        return !previous || (x.color !== previous[title].color && x.background !== previous[title].background) ? x : undefined;
      }, 10_000, `${title}: text colour and background to change from ${previous ? `${previous[title].color} on ${previous[title].background}` : ''}`);
      if (m.ratio < 4.5) throw new Error(`${title}: contrast ${m.ratio.toFixed(2)} (${m.color} on ${m.background}) is below 4.5`);
      if (m.bgAlpha !== undefined && m.bgAlpha < 1) throw new Error(`${title}: the body background ${m.background} is translucent`);
      result[title] = m;
      // Speaker and party colours carry meaning, so they are held to 4.5 as well.
      for (const [k, c] of Object.entries(m.coloured)) if (c.ratio < 4.5) throw new Error(`${title}: ${k} text ${c.color} has contrast ${c.ratio.toFixed(2)} in ${theme}, below 4.5`);
      // The step's own screenshot shows the transcript; the details get one of their own.
      if (title === 'Call details') await page.screenshot({ path: join(ctx.artifactsDir, `${cls}-call-details.png`) });
    }
    measured.push(result);
    console.log(`      ${Object.entries(result).map(([t, m]) => `${t}: ${m.color} on ${m.background}, contrast ${m.ratio.toFixed(2)}; ${Object.entries(m.coloured).map(([k, c]) => `${k} ${c.color} ${c.ratio.toFixed(2)}`).join(', ')}`).join(' | ')}`);
  });

  await themeStep('Default Dark Modern', 'vs-dark');
  await themeStep('Default Light Modern', 'vs');
  await themeStep('Default High Contrast', 'hc-black');

  await ctx.step('dark theme back, signed out for the next check', async () => {
    await chooseTheme(ctx, 'Default Dark Modern');
    await ctx.waitFor(async () => (await ctx.page.locator('.monaco-workbench').first().getAttribute('class')).split(/\s+/).includes('vs-dark'), 20_000, 'the dark theme');
    // The next check opens a new window: panels left open would come back there, signed out.
    await runExact(ctx, 'View: Close All Editors');
    await ctx.waitFor(async () => (await ctx.page.locator('.tabs-container .tab').count()) === 0, 10_000, 'every editor closed');
    await focusWorkbench(ctx.page);
    await ctx.runCommand('Gong: Sign Out');
    const state = await quickInputState(ctx.page);
    if (state.kind === 'pick') await ctx.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: PROFILE }).first().click();
    await ctx.openActivity('Gong');
    // Signed out, the other Gong views hide and the first one is the welcome.
    await ctx.page.getByText('Sign In to Gong').first().waitFor({ timeout: 20_000 });
  });
}
