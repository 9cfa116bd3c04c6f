// Runs the integration suite inside a real VS Code and writes {passed, failed, skipped} to --stats.
//
//   node scripts/integration.mjs [--stats out/integration-stats.json] [--grep RE] [--no-ui | --ui-only] [--ui NAME] [--keep]
//                                [--timeout-min 20] [--electron]
//
// Default: code-server (installed once into a per-user cache by scripts/vscode/install.mjs) started on
// 127.0.0.1 with its own HOME/TMPDIR/XDG folders; headless chromium opens the workbench with the
// extension loaded from this repository and out/test/integration/index.js as the tests; the extension
// host's console is forwarded here. Then the Playwright UI checks in test/integration/ui/*.mjs run
// against the same server, one test per step. Screenshots and logs go to .artifacts/.
// --electron runs the same suite in desktop VS Code through @vscode/test-electron (needs a download or
// GONG_EXPLORER_VSCODE_EXECUTABLE).
// Every process started here is in a process group killed on exit, Ctrl+C and the overall timeout.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureRuntime, projectRoot } from './vscode/install.mjs';
import { makeRunDir, removeRunDir, startCodeServer } from './vscode/codeServer.mjs';
import { launchBrowser, openWorkbench, workbenchUrl } from './vscode/browser.mjs';
import { createUiContext } from './vscode/uiSteps.mjs';

const STATS_MARKER = 'GONG_INTEGRATION_STATS';
// The workbench's own chatter arrives on the same channel as the extension host's console; it goes to
// .artifacts/integration/console.log only.
const WORKBENCH_NOISE = /^(Creating a socket|Resolving connection|Resolved connection|\[reconnection-grace-time\]|Ignoring fetching additional|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\]|Updating additional builtin|\[lifecycle\]|Started local extension host|Extension host \(Remote\)|Timed out waiting for authentication provider 'github')/;
const args = process.argv.slice(2);
const opt = name => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const statsFile = opt('--stats') ? resolve(opt('--stats')) : undefined;
const grep = opt('--grep');
const noUi = args.includes('--no-ui');
const uiOnly = args.includes('--ui-only');
const keep = args.includes('--keep');
const timeoutMin = Number(opt('--timeout-min') ?? process.env.GONG_EXPLORER_INTEGRATION_TIMEOUT_MIN ?? 20);
const root = projectRoot;
// GONG_EXPLORER_ARTIFACTS moves them (two runs at once in one clone would otherwise overwrite each other's).
const artifacts = process.env.GONG_EXPLORER_ARTIFACTS ? resolve(process.env.GONG_EXPLORER_ARTIFACTS) : join(root, '.artifacts');
const testsIndex = join(root, 'out', 'test', 'integration', 'index.js');

// A closed pipe (`| head`) must not stop the run before it cleans up.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

const totals = { passed: 0, failed: 0, skipped: 0, skippedTitles: [] };
let finished = false;
function writeStats(extra = {}) {
  if (!statsFile) return;
  mkdirSync(resolve(statsFile, '..'), { recursive: true });
  writeFileSync(statsFile, JSON.stringify({ ...totals, ...extra }));
}
/** The runner itself could not do its job: say why and make sure it never passes silently. */
function fail(reason) {
  console.error(`\nintegration: ${reason}`);
  if (totals.failed === 0) totals.failed = 1;
  writeStats({ error: reason });
}

const cleanups = [];
async function cleanup() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try { await fn(); } catch (e) { console.error(`cleanup: ${e.message}`); }
  }
}

const overall = setTimeout(async () => {
  fail(`overall timeout of ${timeoutMin} min reached`);
  await cleanup();
  process.exit(1);
}, timeoutMin * 60_000);
overall.unref();

function ensureBuilt() {
  if (!existsSync(join(root, 'dist', 'extension.js'))) {
    console.log('building the extension (node esbuild.mjs) ...');
    const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit', timeout: 300_000 });
    if (r.status !== 0) throw new Error('the extension does not build');
  }
  if (!existsSync(testsIndex)) {
    console.log('compiling the tests (tsc -p .) ...');
    spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: root, stdio: 'inherit', timeout: 600_000 });
    if (!existsSync(testsIndex)) throw new Error(`${testsIndex} is missing after tsc`);
  }
}

/** Mocha inside the extension host of code-server. Returns the suite's counts. */
async function runSuite(runtime, server, browser) {
  const dir = join(artifacts, 'integration');
  const statsPath = join(server.runDir, 'suite-stats.json');
  const consoleLines = [];
  let markerStats;
  const url = workbenchUrl(server, { devPath: root, testsPath: testsIndex });
  const t0 = Date.now();
  const wb = await openWorkbench(browser, url, {
    onLog: (type, text) => {
      consoleLines.push(`[${type}] ${text}`);
      const at = text.indexOf(STATS_MARKER);
      if (at >= 0) { try { markerStats = JSON.parse(text.slice(at + STATS_MARKER.length).trim()); } catch { /* not ours */ } }
      if (!WORKBENCH_NOISE.test(text)) (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    },
  });
  const suiteTimeoutMs = Math.max(60_000, timeoutMin * 60_000 - 3 * 60_000);
  let timer;
  const serverGone = new Promise(r => server.proc.once('exit', c => r(`code-server exited (${c})`)));
  const code = await Promise.race([wb.exit, serverGone, new Promise(r => { timer = setTimeout(() => r('timeout'), suiteTimeoutMs); })]);
  clearTimeout(timer);
  console.log(`extension host test run ended: exit ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await wb.page.screenshot({ path: join(dir, 'workbench-after-tests.png') }).catch(() => undefined);
  writeFileSync(join(dir, 'console.log'), [...consoleLines, '', '--- browser console ---', ...wb.logs.filter(l => l.type.startsWith('browser') || l.type === 'pageerror').map(l => `[${l.type}] ${l.text}`)].join('\n'));
  await wb.page.close().catch(() => undefined);
  let stats = markerStats;
  if (existsSync(statsPath)) { try { stats = JSON.parse(readFileSync(statsPath, 'utf8')); } catch { /* fall back to the marker */ } }
  if (!stats) return { passed: 0, failed: 1, skipped: 0, error: code === 'timeout' ? `the suite did not finish within ${suiteTimeoutMs / 1000} s` : `the suite reported no counts (exit ${code})` };
  if (code !== 0 && stats.failed === 0) return { ...stats, failed: 1, error: `exit ${code} although no test failed` };
  return stats;
}

/** The Playwright checks in test/integration/ui/*.mjs, each exporting `run(ctx)`; every step counts as a test. */
async function runUiChecks(runtime, server, browser) {
  const uiDir = join(root, 'test', 'integration', 'ui');
  const only = opt('--ui');
  const files = existsSync(uiDir) ? readdirSync(uiDir).filter(f => f.endsWith('.mjs') && (!only || f.includes(only))).sort() : [];
  const counts = { passed: 0, failed: 0, skipped: 0 };
  // A check drives a real workbench through timing it does not own (quick inputs opening, webviews taking
  // focus), so a check file that fails is run once more in a fresh window; its second run is the one that
  // counts, and the retry is printed. A check that fails twice fails the run.
  const retried = [];
  for (const f of files) {
    for (let attempt = 1; attempt <= 2; attempt++) {
      console.log(`\n  UI check ${f}${attempt > 1 ? ' (second run)' : ''}`);
      const own = { passed: 0, failed: 0, skipped: 0 };
      const ctx = createUiContext({ runtime, server, browser, root, artifactsDir: join(artifacts, 'ui', f.replace(/\.mjs$/, '')), counts: own });
      try {
        const mod = await import(pathToFileURL(join(uiDir, f)).href);
        if (typeof mod.run !== 'function') throw new Error(`${f} exports no run(ctx)`);
        await mod.run(ctx);
      } catch (e) {
        own.failed += 1;
        console.error(`    ✗ ${f} stopped: ${e.stack ?? e.message}`);
      } finally {
        await ctx.dispose();
      }
      if (own.failed === 0 || attempt === 2) {
        counts.passed += own.passed; counts.failed += own.failed; counts.skipped += own.skipped;
        break;
      }
      retried.push(f);
      console.log(`    ${f}: ${own.failed} step(s) failed; running it once more in a fresh window`);
    }
  }
  if (retried.length) console.log(`\n  UI checks run twice: ${retried.join(', ')}`);
  return counts;
}

async function runElectron() {
  const { runTests } = await import('@vscode/test-electron');
  const runDir = makeRunDir('gong-explorer-electron-');
  cleanups.push(() => removeRunDir(runDir));
  const statsPath = join(runDir, 'suite-stats.json');
  const vscodeExecutablePath = process.env.GONG_EXPLORER_VSCODE_EXECUTABLE;
  let code = 1;
  try {
    code = await runTests({
      ...(vscodeExecutablePath ? { vscodeExecutablePath } : {}),
      extensionDevelopmentPath: root,
      extensionTestsPath: testsIndex,
      extensionTestsEnv: { GONG_EXPLORER_STATS_FILE: statsPath, GONG_EXPLORER_TEST_HOOKS: '1', ...(grep ? { GONG_EXPLORER_TEST_GREP: grep } : {}) },
      launchArgs: [join(runDir, 'workspace'), '--disable-extensions', '--user-data-dir', join(runDir, 'user-data'), '--extensions-dir', join(runDir, 'extensions')],
    });
  } catch (e) {
    console.error(`desktop VS Code run failed: ${e.message ?? e}`);
  }
  const stats = existsSync(statsPath) ? JSON.parse(readFileSync(statsPath, 'utf8')) : { passed: 0, failed: 1, skipped: 0 };
  if (code !== 0 && stats.failed === 0) stats.failed = 1;
  return stats;
}

async function main() {
  ensureBuilt();
  rmSync(join(artifacts, 'integration'), { recursive: true, force: true });
  rmSync(join(artifacts, 'ui'), { recursive: true, force: true });
  mkdirSync(join(artifacts, 'integration'), { recursive: true });
  mkdirSync(join(artifacts, 'ui'), { recursive: true });

  if (args.includes('--electron')) {
    const s = await runElectron();
    Object.assign(totals, { passed: s.passed, failed: s.failed, skipped: s.skipped ?? 0, skippedTitles: s.skippedTitles ?? [] });
    return;
  }

  const runtime = await ensureRuntime();
  const runDir = makeRunDir();
  // Ctrl+C exits through process.exit, where only synchronous work runs.
  process.on('exit', () => { if (!keep) removeRunDir(runDir); });
  cleanups.push(() => { if (!keep) removeRunDir(runDir); else console.log(`run folder kept: ${runDir}`); });
  const server = await startCodeServer(runtime, {
    runDir,
    env: { GONG_EXPLORER_STATS_FILE: join(runDir, 'suite-stats.json'), GONG_EXPLORER_TEST_HOOKS: '1', ...(grep ? { GONG_EXPLORER_TEST_GREP: grep } : {}) },
  });
  cleanups.push(() => server.stop());
  // Keep VS Code's own logs (extension host, server) with the artifacts.
  cleanups.push(() => {
    for (const [from, to] of [[join(runDir, 'user-data', 'logs'), 'vscode-logs'], [server.logFile, 'code-server.log']]) {
      if (existsSync(from)) cpSync(from, join(artifacts, 'integration', to), { recursive: true });
    }
  });
  const browser = await launchBrowser(runtime, runDir);
  cleanups.push(() => browser.close());

  if (!uiOnly) {
    const suite = await runSuite(runtime, server, browser);
    totals.passed += suite.passed; totals.failed += suite.failed; totals.skipped += suite.skipped ?? 0;
    totals.skippedTitles.push(...(suite.skippedTitles ?? []));
    if (suite.error) console.error(`integration suite: ${suite.error}`);
    console.log(`integration suite: ${suite.passed} passed, ${suite.failed} failed, ${suite.skipped ?? 0} skipped`);
  }

  if (!noUi && !grep) {
    const ui = await runUiChecks(runtime, server, browser);
    totals.passed += ui.passed; totals.failed += ui.failed; totals.skipped += ui.skipped;
    console.log(`UI checks: ${ui.passed} passed, ${ui.failed} failed (screenshots in .artifacts/ui/<check>/)`);
  }
}

try {
  await main();
  writeStats();
} catch (e) {
  fail(`could not run: ${e.stack ?? e.message ?? e}`);
}
finished = true;
await cleanup();
clearTimeout(overall);
console.log(`integration: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || !finished ? 1 : 0);
