// `npm run package`: a production build, then `vsce package` into gong-explorer-<version>.vsix, and a
// check that the package holds only what the extension needs at run time (everything is bundled).
//   --verify   also install the .vsix into a throwaway code-server and check that the extension activates
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './vscode/install.mjs';
import { zipEntries } from './vscode/zip.mjs';
import { VENDOR_FILES } from './extensionBundle.mjs';

const root = projectRoot;
const verify = process.argv.includes('--verify');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsix = join(root, `${pkg.name}-${pkg.version}.vsix`);

function run(label, cmd, args, timeoutMs = 300_000) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', timeout: timeoutMs, env: { ...process.env, CI: 'true' } });
  if (r.status !== 0) { console.error(`${label} failed`); process.exit(1); }
}

run('production build', process.execPath, ['esbuild.mjs', '--production']);
// vsce runs `vscode:prepublish` (the same production build) itself; --no-dependencies because the
// bundles carry everything, and no repository field is needed for a local package.
run('vsce package', process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package',
  '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix]);

// What may ship: the bundles (gongCli.js is the MCP server VS Code starts for agent mode; undici, zod and markdown-it in dist/vendor/, which the extension loads on first use),
// media, the manifest and the three documents (vsce adds its own manifest files at the top level).
const allowed = [
  /^extension\/dist\/(extension|localGong|localGongWorker|searchWorker|gongCli)\.js$/,
  ...VENDOR_FILES.map(f => new RegExp(`^extension/dist/${f.replace(/[.]/g, '\\.')}$`)),
  /^extension\/dist\/webview\/[^/]+\.(js|css)$/,
  /^extension\/media\/.+$/,
  /^extension\/package\.json$/,
  /^extension\/(readme|changelog)\.md$/i,
  /^extension\/license(\.txt|\.md)?$/i,
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
];
const required = ['extension/dist/extension.js', 'extension/dist/localGong.js', 'extension/dist/localGongWorker.js', 'extension/dist/searchWorker.js', 'extension/dist/gongCli.js', ...VENDOR_FILES.map(f => `extension/dist/${f}`), 'extension/package.json', 'extension/readme.md', 'extension/changelog.md'];
const entries = zipEntries(vsix);
const names = entries.map(e => e.name);
const unexpected = names.filter(n => !allowed.some(re => re.test(n)));
const missing = required.filter(r => !names.some(n => n.toLowerCase() === r.toLowerCase()));
const webviews = existsSync(join(root, 'src', 'webview')) ? readdirSync(join(root, 'src', 'webview')).filter(f => /^[a-zA-Z]+\.ts$/.test(f) && f !== 'common.ts').map(f => `extension/dist/webview/${f.replace(/\.ts$/, '.js')}`) : [];
missing.push(...webviews.filter(w => !names.includes(w)));
console.log(`\n${vsix} (${(statSync(vsix).size / 1024).toFixed(0)} KB):`);
for (const e of entries) console.log(`  ${e.name}  ${(e.size / 1024).toFixed(1)} KB`);
if (unexpected.length || missing.length) {
  if (unexpected.length) console.error(`files that should not ship: ${unexpected.join(', ')}`);
  if (missing.length) console.error(`files missing: ${missing.join(', ')}`);
  process.exit(1);
}
console.log('file list OK');

if (verify) {
  const { verifyVsix } = await import('./vscode/verifyVsix.mjs');
  const ok = await verifyVsix(vsix, `${pkg.publisher}.${pkg.name}`);
  process.exit(ok ? 0 : 1);
}
