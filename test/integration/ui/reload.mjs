// After a window reload the Gong views paint from the cache on disk before any request reaches Gong,
// then fetch again behind the rows. The extension signs in (as a person does) to a local Gong child
// process through a counting proxy, so every request the extension sends is seen with its time; the
// page records when the first user row appears. Ends signed out (the later checks start there).
import { createServer, request as httpRequest } from 'node:http';
import { answerSignIn, quickInputState } from './signIn.mjs';

/** A proxy in front of the local Gong that notes the arrival time of every request. */
export function countingProxy(target) {
  const arrivals = [];
  const server = createServer((req, res) => {
    arrivals.push({ at: Date.now(), method: req.method, path: (req.url ?? '').split('?')[0] });
    const url = new URL(req.url ?? '/', target);
    const out = httpRequest(url, { method: req.method, headers: { ...req.headers, host: url.host } }, up => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', () => { res.writeHead(502); res.end(); });
    req.pipe(out);
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    resolve({ baseUrl: `http://127.0.0.1:${port}`, arrivals, close: () => new Promise(r => { server.closeAllConnections?.(); server.close(() => r()); }) });
  }));
}

/**
 * Installed before every page load: notes (epoch ms) in `window.__gongFirstRows` when a Gong row first
 * shows in any of the `views` (rows of Gong data: not "Loading...", not a sign-in or welcome row).
 */
export async function watchFirstRows(page, views) {
  await page.addInitScript(names => {
    if (window.top !== window) return;
    const check = () => {
      if (window.__gongFirstRows) return;
      for (const pane of document.querySelectorAll('.pane')) {
        const header = pane.querySelector('.pane-header');
        const label = (header?.getAttribute('aria-label') ?? header?.querySelector('h3.title')?.textContent ?? '').trim();
        if (!names.some(n => label.startsWith(n))) continue;
        for (const row of pane.querySelectorAll('.monaco-list-row')) {
          const text = (row.textContent ?? '').trim();
          if (text && !/^(Loading|Sign in to Gong|Could not load)/.test(text)) { window.__gongFirstRows = Date.now(); return; }
        }
      }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
  }, views);
}

export async function run(ctx) {
  let gong;
  let proxy;
  const profileName = 'Reload';
  const userRow = async () => (await ctx.treeRows('Users')).find(r => r.includes('@'));

  try {
    await ctx.step('local Gong child process behind a counting proxy', async () => {
      gong = await ctx.startLocalGongCli(['--port', '0', '--rate-limit', 'off', '--seed', '5']);
      proxy = await countingProxy(gong.baseUrl);
    });

    await ctx.step('workbench opens on the Gong welcome', async () => {
      await ctx.open();
      await watchFirstRows(ctx.page, ['Workspaces', 'Users', 'Library', 'Trackers', 'Scorecards']);
      await ctx.openActivity('Gong');
      await ctx.page.getByText('Sign In to Gong').first().waitFor({ timeout: 30_000 });
    });

    await ctx.step('signs in through the proxy', async () => {
      await ctx.runCommand('Gong: Sign In');
      const signedIn = () => ctx.page.locator('.statusbar').getByText(`Gong: ${profileName}`).first().isVisible().catch(() => false);
      await answerSignIn(ctx, { ...gong, baseUrl: proxy.baseUrl }, profileName, signedIn);
    }, { timeoutMs: 90_000 });

    await ctx.step('the Users view loads its rows from Gong', async () => {
      await ctx.openActivity('Gong');
      await ctx.waitFor(userRow, 30_000, 'a user row');
      // Every view has loaded (no request for 3 s) and the cache, written a second after a fetch, is saved.
      await ctx.waitFor(() => Date.now() - (proxy.arrivals.at(-1)?.at ?? 0) > 3000, 45_000, 'the views to finish loading');
    });

    await ctx.step('after a reload the rows paint from the cache before any request, then refresh behind them', async () => {
      const reloadAt = Date.now();
      await ctx.page.reload({ waitUntil: 'domcontentloaded' });
      await ctx.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      await ctx.openActivity('Gong');
      await ctx.waitFor(userRow, 30_000, 'a user row after the reload');
      const firstRowsAt = await ctx.page.evaluate(() => window.__gongFirstRows);
      if (typeof firstRowsAt !== 'number') throw new Error('the page did not note when the rows came');
      const before = proxy.arrivals.filter(a => a.at >= reloadAt && a.at <= firstRowsAt);
      console.log(`      first Gong rows ${firstRowsAt - reloadAt} ms after the reload; requests before them: ${before.length}`);
      if (before.length !== 0) throw new Error(`requests reached Gong before the rows: ${before.map(a => `${a.method} ${a.path}`).join(', ')}`);
      const header = await ctx.page.locator('.pane-header[aria-label^="Users"]').first().innerText().catch(() => '');
      console.log(`      Users view: ${header.replace(/\s+/g, ' ')}`);
      // Refreshed behind the rows: the users list is asked for again.
      await ctx.waitFor(() => proxy.arrivals.some(a => a.at > firstRowsAt && a.path === '/v2/users'), 30_000, 'the users list fetched again behind the rows');
    }, { timeoutMs: 120_000 });

    await ctx.step('signing out leaves the welcome view', async () => {
      await ctx.runCommand('Gong: Sign Out');
      const state = await quickInputState(ctx.page);
      if (state.kind === 'pick') await ctx.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: profileName }).first().click();
      await ctx.page.getByText('Sign In to Gong').first().waitFor({ timeout: 20_000 });
    });
  } finally {
    await proxy?.close();
  }
}
