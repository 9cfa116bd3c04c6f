// Installs a .vsix into a throwaway code-server (`--install-extension`), opens the workbench without
// any development path, opens the Gong view (which activates the extension) and checks the extension
// host log says it activated without an error, then starts the demo workspace from the package.
// Used by `npm run package -- --verify`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRuntime, projectRoot } from './install.mjs';
import { isolatedEnv, makeRunDir, removeRunDir, startCodeServer } from './codeServer.mjs';
import { launchBrowser } from './browser.mjs';
import { createUiContext } from './uiSteps.mjs';

/** Every file under `dir` whose name matches `re`. */
function findFiles(dir, re, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findFiles(p, re, out);
    else if (re.test(name)) out.push(p);
  }
  return out;
}

export async function verifyVsix(vsix, extensionId) {
  console.log('\n=== install the .vsix into code-server and activate it ===');
  const runtime = await ensureRuntime();
  const runDir = makeRunDir('gong-explorer-vsix-');
  process.on('exit', () => removeRunDir(runDir));
  const install = spawnSync(runtime.node, [runtime.codeServerEntry, '--user-data-dir', join(runDir, 'user-data'), '--extensions-dir', join(runDir, 'extensions'), '--install-extension', vsix],
    { env: isolatedEnv(runDir), encoding: 'utf8', timeout: 120_000 });
  console.log((install.stdout + install.stderr).trim());
  const installed = readdirSync(join(runDir, 'extensions')).filter(d => d.startsWith(extensionId));
  if (install.status !== 0 || installed.length === 0) { console.error('the .vsix did not install'); return false; }
  console.log(`installed as extensions/${installed[0]}`);

  const server = await startCodeServer(runtime, { runDir });
  const browser = await launchBrowser(runtime, runDir);
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const ctx = createUiContext({ runtime, server, browser, root: projectRoot, artifactsDir: join(projectRoot, '.artifacts', 'vsix'), counts });
  try {
    await ctx.step('workbench opens (no development path)', () => ctx.open({ devPath: null }));
    await ctx.step('Gong view opens and the extension activates', async () => {
      await ctx.openActivity('Gong');
      await ctx.waitFor(() => {
        const logs = findFiles(join(runDir, 'user-data', 'logs'), /exthost\.log$/).map(f => readFileSync(f, 'utf8')).join('\n');
        if (new RegExp(`Activating extension '?${extensionId}'? failed`, 'i').test(logs)) throw new Error(`activation failed:\n${logs.split('\n').filter(l => l.includes(extensionId)).join('\n')}`);
        const ours = findFiles(join(runDir, 'user-data', 'logs'), /Gong\.log$/).map(f => readFileSync(f, 'utf8')).join('\n');
        return /activated in [\d.]+ ms/.test(ours) ? ours.match(/activated in [\d.]+ ms/)[0] : undefined;
      }, 30_000, 'the extension to log its activation');
    });
    // The packaged demo loads dist/localGong.js beside the bundle: proof that file ships and loads.
    await ctx.step('the demo workspace starts from the package and fills the Users view', async () => {
      await ctx.runCommand('Gong: Try the Demo Workspace');
      await ctx.waitFor(async () => (await ctx.treeRows('Users')).some(r => r.includes('@')), 45_000, 'user rows in the Users view');
    });
  } finally {
    await ctx.dispose();
    await browser.close().catch(() => undefined);
    await server.stop();
  }
  console.log(`vsix check: ${counts.passed} passed, ${counts.failed} failed`);
  return counts.failed === 0;
}
