// `npm run demo`: a real VS Code (code-server) in your browser with Gong Explorer loaded from this
// repository and its demo workspace (a local Gong with sample data) started on activation.
//
//   npm run demo                 prints the URL to open; Ctrl+C stops everything
//   npm run demo -- --port 8080  a fixed port instead of a free one
//   npm run demo -- --check      headless: confirms the Gong views show the demo's users and calls,
//                                saves .artifacts/demo-check.png, stops, exits 0 only if all of that held
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureRuntime, projectRoot } from './vscode/install.mjs';
import { makeRunDir, removeRunDir, startCodeServer } from './vscode/codeServer.mjs';
import { launchBrowser, workbenchUrl } from './vscode/browser.mjs';
import { createUiContext } from './vscode/uiSteps.mjs';

const args = process.argv.slice(2);
const check = args.includes('--check');
const portArg = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : undefined;
const root = projectRoot;

console.log('building the extension ...');
const built = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit', timeout: 300_000 });
if (built.status !== 0) { console.error('the build failed'); process.exit(1); }

const runtime = await ensureRuntime();
const runDir = makeRunDir('gong-explorer-demo-');
process.on('exit', () => removeRunDir(runDir));
const server = await startCodeServer(runtime, { runDir, port: portArg, env: { GONG_EXPLORER_DEMO_AUTOSTART: '1' } });
const url = workbenchUrl(server, { devPath: root });

if (!check) {
  console.log(`\nGong Explorer demo is running. Open this in a browser on this machine:\n\n  ${url}\n`);
  console.log('Click the Gong icon in the activity bar: the demo workspace signs in by itself. Ctrl+C stops everything.');
  server.proc.on('exit', code => { console.error(`code-server exited (${code})`); process.exit(1); });
} else {
  // Bounded: a check that hangs is a failed check.
  const overall = setTimeout(() => { console.error('demo check: timed out after 5 min'); process.exit(1); }, 5 * 60_000);
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const artifactsDir = join(root, '.artifacts');
  mkdirSync(artifactsDir, { recursive: true });
  let browser;
  let ctx;
  try {
    // The demo's data comes from the local Gong's default seed: the same module tells which names to expect.
    const { startLocalGong } = createRequire(import.meta.url)(join(root, 'dist', 'localGong.js'));
    const oracle = await startLocalGong({ rateLimit: false });
    const headers = { authorization: `Basic ${Buffer.from(`${oracle.accessKey}:${oracle.accessKeySecret}`).toString('base64')}` };
    const get = async p => (await fetch(`${oracle.baseUrl}${p}`, { headers, signal: AbortSignal.timeout(10_000) })).json();
    const users = ((await get('/v2/users')).users ?? []).map(u => `${u.firstName} ${u.lastName}`);
    const range = `fromDateTime=${encodeURIComponent(new Date(Date.now() - 14 * 86_400_000).toISOString())}&toDateTime=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`;
    const calls = ((await get(`/v2/calls?${range}`)).calls ?? []).map(c => c.metaData?.title ?? c.title);
    await oracle.close();

    browser = await launchBrowser(runtime, runDir);
    ctx = createUiContext({ runtime, server, browser, root, artifactsDir: join(artifactsDir, 'demo-check'), counts });
    mkdirSync(join(artifactsDir, 'demo-check'), { recursive: true });
    // This check is about the demo data reaching the views; errors the extension logs are printed
    // (the UI checks of `npm test` fail on them).
    const lenient = { failOnExtensionErrors: false };
    await ctx.step('workbench opens', () => ctx.open(), lenient);
    await ctx.step('Gong views open', () => ctx.openActivity('Gong'), lenient);
    await ctx.step('Users view shows demo users', () => ctx.waitFor(async () => (await ctx.treeRows('Users')).find(r => users.some(n => r.includes(n))), 45_000, 'a demo user name in the Users view'), lenient);
    // Calls are grouped by day: open the newest day when no call shows yet.
    await ctx.step('Calls view shows demo calls', () => ctx.waitFor(async () => {
      const row = (await ctx.treeRows('Calls')).find(r => calls.some(t => r.includes(t)));
      if (!row) await ctx.expandFirst('Calls');
      return row;
    }, 45_000, 'a demo call title in the Calls view'), lenient);
    await ctx.page.screenshot({ path: join(artifactsDir, 'demo-check.png') });
    console.log(`\nsaved .artifacts/demo-check.png`);
  } catch (e) {
    counts.failed += 1;
    console.error(`demo check: ${e.stack ?? e.message}`);
  } finally {
    await ctx?.dispose();
    await browser?.close().catch(() => undefined);
    await server.stop();
    clearTimeout(overall);
  }
  console.log(`demo check: ${counts.passed} passed, ${counts.failed} failed`);
  process.exit(counts.failed === 0 && counts.passed === 4 ? 0 : 1);
}
