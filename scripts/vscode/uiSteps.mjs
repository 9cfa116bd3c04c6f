// What a Playwright UI check (test/integration/ui/*.mjs) receives: pages on the running code-server,
// `step(name, fn)` that counts one test, saves a screenshot and fails on any error from the extension,
// a local Gong child process, and small workbench helpers (activity bar, command palette, trees, webviews).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, workbenchUrl } from './browser.mjs';
import { trackProcessGroup } from './codeServer.mjs';

const sleep = ms => new Promise(r => setTimeout(r, ms));
const slug = s => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

/** Console errors that come from this extension (others, e.g. the workbench's own noise, are logged only). */
const fromExtension = text => /gong/i.test(text) || /\[Extension Host\]/i.test(text);


export function createUiContext({ server, browser, root, artifactsDir, counts }) {
  mkdirSync(artifactsDir, { recursive: true });
  const pages = [];
  const children = [];
  let stepNo = 0;
  let current;

  const ctx = {
    root,
    server,
    artifactsDir,
    /** Opens the workbench with the extension loaded from source (no tests). */
    async open({ folder, devPath = root } = {}) {
      const wb = await openWorkbench(browser, workbenchUrl(server, { folder, devPath }));
      pages.push(wb);
      current = wb;
      await wb.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      await wb.page.waitForSelector('.activitybar', { timeout: 60_000 });
      return wb;
    },
    get page() { return current?.page; },

    /** One counted test: runs `fn`, screenshots the page, fails on a throw or an error from the extension. */
    async step(name, fn, { timeoutMs = 60_000, failOnExtensionErrors = true } = {}) {
      stepNo += 1;
      const shot = join(artifactsDir, `${String(stepNo).padStart(2, '0')}-${slug(name)}.png`);
      const before = current ? current.errors.length : 0;
      const t0 = Date.now();
      let error;
      let timer;
      try {
        await Promise.race([fn(), new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`step timed out after ${timeoutMs / 1000} s`)), timeoutMs); })]);
      } catch (e) {
        error = e;
      } finally {
        clearTimeout(timer);
      }
      if (current) {
        const notes = await errorNotifications(current.page);
        const logged = current.errors.slice(before).filter(fromExtension);
        const problems = [...notes, ...logged];
        if (!error && problems.length && failOnExtensionErrors) error = new Error(`errors from the extension: ${problems.join(' | ').slice(0, 1000)}`);
        else if (problems.length) console.log(`      errors from the extension (not failing this step): ${problems.join(' | ').slice(0, 600)}`);
        await current.page.screenshot({ path: shot }).catch(() => undefined);
      }
      const ms = Date.now() - t0;
      if (error) {
        counts.failed += 1;
        console.log(`    ✗ ${name} (${ms} ms): ${String(error.message ?? error).split('\n')[0]}`);
        return false;
      }
      counts.passed += 1;
      console.log(`    ✓ ${name} (${ms} ms)`);
      return true;
    },

    /**
     * Starts the local Gong as a child process (dist/localGongCli.js) and resolves with what it
     * printed as its connection ({ baseUrl, accessKey, accessKeySecret, ... } when it prints JSON).
     */
    async startLocalGongCli(cliArgs = []) {
      const proc = spawn(process.execPath, [join(root, 'dist', 'localGongCli.js'), ...cliArgs], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      const untrack = trackProcessGroup(proc.pid);
      children.push({ proc, untrack });
      let out = '';
      proc.stderr.on('data', d => { out += d; });
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`local Gong did not print its address within 20 s:\n${out}`)), 20_000);
        proc.on('exit', code => { clearTimeout(timer); reject(new Error(`local Gong exited (${code}):\n${out}`)); });
        proc.stdout.on('data', d => {
          out += d;
          const json = out.split('\n').map(l => l.trim()).find(l => l.startsWith('{') && l.includes('baseUrl'));
          const url = out.match(/https?:\/\/127\.0\.0\.1:\d+/);
          if (json) { clearTimeout(timer); try { resolve(JSON.parse(json)); } catch (e) { reject(e); } }
          else if (url && /secret/i.test(out) && out.includes('\n')) {
            const field = re => out.match(re)?.[1];
            clearTimeout(timer);
            resolve({ baseUrl: url[0], accessKey: field(/access ?key[^:=]*[:=]\s*(\S+)/i), accessKeySecret: field(/secret[^:=]*[:=]\s*(\S+)/i), output: out });
          }
        });
      });
    },

    /** Clicks an activity bar entry by the start of its title. */
    async openActivity(title) {
      const page = current.page;
      const entry = page.locator(`.activitybar a[aria-label^="${title}"], .activitybar .action-item[aria-label^="${title}"]`).first();
      await entry.waitFor({ timeout: 20_000 });
      // Clicking the entry of the container already shown would hide the side bar instead.
      const shown = page.locator('.activitybar .action-item.checked').filter({ has: page.locator(`[aria-label^="${title}"]`) });
      // A window can come back (a reload, the state an earlier window left) with the container checked but
      // the side bar hidden: then the click is what shows it.
      const sideBarShown = await page.locator('.part.sidebar').first().isVisible().catch(() => false);
      if (await shown.count() && sideBarShown) return;
      await entry.click();
      await sleep(500);
    },

    /** Opens the command palette, types `text` and returns the labels it lists. */
    async palette(text) {
      const page = current.page;
      const input = page.locator('.quick-input-widget input');
      // Reuse an open palette: reopening it for every lookup costs a second each.
      if (!(await input.isVisible().catch(() => false)) || !(await input.inputValue()).startsWith('>')) {
        await page.keyboard.press('Escape');
        await page.keyboard.press('F1');
        await input.waitFor({ timeout: 20_000 });
      }
      await input.fill(`>${text}`);
      await sleep(400);
      return page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();
    },

    /** Runs a command by its palette label ("Gong: Try the Demo Workspace"). */
    async runCommand(label) {
      const page = current.page;
      const wanted = label.replace(/^.*?:\s*/, '');
      // Right after the workbench opens the palette may not list contributed commands yet.
      let labels = [];
      const deadline = Date.now() + 15_000;
      // An open palette keeps the command list it computed when it opened, so reopen it for each try.
      while (!labels.some(l => l.includes(wanted)) && Date.now() < deadline) {
        await page.keyboard.press('Escape');
        labels = await ctx.palette(label);
        if (!labels.some(l => l.includes(wanted))) await sleep(500);
      }
      if (!labels.some(l => l.includes(wanted))) throw new Error(`"${label}" is not in the command palette (saw: ${labels.slice(0, 10).join(' | ')})`);
      await page.keyboard.press('Enter');
      await sleep(500);
    },

    /** The visible row labels of a view in the side bar, by the view's name ("Calls"). */
    async treeRows(viewName) {
      const page = current.page;
      const pane = page.locator('.pane').filter({ has: page.locator(`.pane-header[aria-label^="${viewName}"], .pane-header h3.title:text-is("${viewName}")`) }).first();
      if (!(await pane.count())) return [];
      const header = pane.locator('.pane-header').first();
      if ((await header.getAttribute('aria-expanded')) === 'false') { await header.click(); await sleep(300); }
      return pane.locator('.monaco-list-row').allInnerTexts();
    },

    /** Expands the first collapsed row of a view (e.g. the newest day of the Calls view); false when none is left. */
    async expandFirst(viewName) {
      const page = current.page;
      const pane = page.locator('.pane').filter({ has: page.locator(`.pane-header[aria-label^="${viewName}"], .pane-header h3.title:text-is("${viewName}")`) }).first();
      const row = pane.locator('.monaco-list-row[aria-expanded="false"]').first();
      if (!(await row.count())) return false;
      await row.click();
      await sleep(500);
      return true;
    },

    /** Polls `fn` until it returns something truthy. */
    async waitFor(fn, timeoutMs = 20_000, what = 'condition') {
      const deadline = Date.now() + timeoutMs;
      let last;
      for (;;) {
        try { const v = await fn(); if (v) return v; } catch (e) { last = e; }
        if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs / 1000} s${last ? ` (${last.message})` : ''}`);
        await sleep(250);
      }
    },

    /** The content frame of the active webview (call details, transcript). */
    webview() {
      return current.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
    },

    async dispose() {
      for (const wb of pages) await wb.page.close().catch(() => undefined);
      for (const { proc, untrack } of children) { try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ } untrack(); }
    },
  };
  return ctx;
}

async function errorNotifications(page) {
  try {
    const toasts = page.locator('.notifications-toasts .notification-list-item').filter({ has: page.locator('.codicon-error') });
    return (await toasts.allInnerTexts()).map(t => `notification: ${t.replace(/\s+/g, ' ').trim()}`);
  } catch {
    return [];
  }
}
