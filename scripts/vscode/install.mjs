// Installs (once) and locates the real VS Code this project tests in: code-server (VS Code served to a
// browser; its extension host is a real Node extension host) on a Node 24 binary from npm, driven by
// playwright-core and a system chromium. Nothing comes from outside the npm registry and Debian.
//
// The install lives in a per-user cache outside the clone so fresh clones and CI runs reuse it:
//   $GONG_EXPLORER_VSCODE_CACHE, else $XDG_CACHE_HOME/gong-explorer-vscode, else ~/.cache/gong-explorer-vscode
// A lock folder stops two runs installing at once; a marker written last means "complete", so a
// half-finished install (killed, out of disk) is redone on the next run.
//
// usage as a script: node scripts/vscode/install.mjs   (prints the resolved paths as JSON)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const PLAYWRIGHT_FALLBACK_VERSION = '1.65.1';
const MARKER_KEY = `node-${NODE_VERSION}+code-server-${CODE_SERVER_VERSION}`;

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function cacheDir() {
  if (process.env.GONG_EXPLORER_VSCODE_CACHE) return resolve(process.env.GONG_EXPLORER_VSCODE_CACHE);
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'gong-explorer-vscode');
}

const sleep = ms => new Promise(r => setTimeout(r, ms));
const defaultLog = msg => console.log(`[vscode-runtime] ${msg}`);

/** The parent npm's own settings (user agent naming Node 20, prefix, ...) must not leak into the child npm. */
function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && v !== undefined) env[k] = v;
  return { ...env, ...extra };
}

/** npm's CLI script, run explicitly with a chosen node so its user agent names that node. */
function npmCli() {
  const candidates = [
    process.env.npm_execpath,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
    '/usr/lib/node_modules/npm/bin/npm-cli.js',
    '/usr/local/lib/node_modules/npm/bin/npm-cli.js',
  ];
  const which = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) {
    try { candidates.push(join(dirname(realpathSync(which.stdout.trim())), 'npm-cli.js')); } catch { /* not a symlink into npm */ }
  }
  const found = candidates.find(c => c && /npm-cli\.js$/.test(c) && existsSync(c));
  if (!found) throw new Error('npm was not found (needed once to install code-server and Node 24 from the npm registry)');
  return found;
}

/** Runs a command with its output going to a log file, printing a heartbeat so long steps show progress. */
function run(label, cmd, args, { env, logFile, timeoutMs, log }) {
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    log(`${label} ...`);
    const out = [];
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', d => out.push(d));
    child.stderr.on('data', d => out.push(d));
    const beat = setInterval(() => log(`${label}: still working (${Math.round((Date.now() - started) / 1000)} s)`), 20_000);
    const timer = setTimeout(() => { log(`${label}: timed out after ${timeoutMs / 1000} s`); child.kill('SIGKILL'); }, timeoutMs);
    child.on('error', e => { clearInterval(beat); clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => {
      clearInterval(beat); clearTimeout(timer);
      const text = Buffer.concat(out).toString('utf8');
      if (logFile) writeFileSync(logFile, text);
      if (code === 0) { log(`${label}: done in ${Math.round((Date.now() - started) / 1000)} s`); resolvePromise(text); }
      else reject(new Error(`${label} failed (${signal ?? `exit ${code}`}); last output:\n${text.split('\n').slice(-25).join('\n')}${logFile ? `\n(full log: ${logFile})` : ''}`));
    });
  });
}

function pidAlive(pid) {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
}

/** A lock folder holding the owner's pid; a lock whose owner died (or older than 40 min) is taken over. */
async function withLock(dir, log, fn) {
  const lock = join(dir, '.install.lock');
  const deadline = Date.now() + 45 * 60_000;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let owner = 0;
      try { owner = Number(readFileSync(join(lock, 'pid'), 'utf8')); } catch { /* being written */ }
      let age = 0;
      try { age = Date.now() - statSync(lock).mtimeMs; } catch { continue; }
      if ((owner && !pidAlive(owner)) || age > 40 * 60_000 || (!owner && age > 60_000)) {
        log(`removing a stale install lock (pid ${owner || 'unknown'})`);
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another install (pid ${owner}) still holds ${lock}`);
      if (!announced) { log(`waiting for another install (pid ${owner}) to finish ...`); announced = true; }
      await sleep(2000);
    }
  }
  const release = () => rmSync(lock, { recursive: true, force: true });
  process.once('exit', release);
  try { return await fn(); } finally { release(); process.removeListener('exit', release); }
}

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

function findChromium() {
  if (process.env.GONG_EXPLORER_CHROMIUM) {
    if (!existsSync(process.env.GONG_EXPLORER_CHROMIUM)) throw new Error(`GONG_EXPLORER_CHROMIUM=${process.env.GONG_EXPLORER_CHROMIUM} does not exist`);
    return process.env.GONG_EXPLORER_CHROMIUM;
  }
  return CHROMIUM_CANDIDATES.find(p => existsSync(p));
}

function isRoot() { return typeof process.getuid === 'function' && process.getuid() === 0; }

function hasKrb5Headers() {
  return ['/usr/include/krb5.h', '/usr/include/gssapi/gssapi.h'].every(p => existsSync(p)) || spawnSync('sh', ['-c', 'command -v krb5-config']).status === 0;
}

/**
 * Whether the browser can draw Chinese, Japanese and Korean names: without such a font, the UI
 * checks' screenshots show boxes where the sample data has non-Latin names.
 */
function hasCjkFont() {
  const fc = spawnSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8' });
  if (fc.status === 0) return fc.stdout.trim().length > 0;
  return ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'].some(p => existsSync(p));
}

function hasAptAsRoot() {
  return isRoot() && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
}

/**
 * Debian packages: chromium (the browser), fonts-noto-cjk (its CJK glyphs, installed with it when
 * running as root; only a warning otherwise) and libkrb5-dev (code-server's `kerberos` module builds
 * from source).
 */
async function ensureSystemPackages(log, dir, { forCodeServerBuild }) {
  const wanted = [];
  if (!findChromium()) wanted.push('chromium');
  // Only the code-server install builds `kerberos`; an installed runtime does not need the headers.
  if (forCodeServerBuild && !hasKrb5Headers()) wanted.push('libkrb5-dev');
  const canApt = hasAptAsRoot();
  if (!hasCjkFont()) {
    if (canApt) wanted.push('fonts-noto-cjk');
    else log('no CJK font found: screenshots will show boxes for Chinese, Japanese and Korean names (Debian: apt-get install fonts-noto-cjk)');
  }
  if (wanted.length === 0) return;
  if (!canApt) {
    throw new Error(`missing system packages: ${wanted.join(', ')}. Install them (Debian: apt-get install -y --no-install-recommends ${wanted.join(' ')}) or set GONG_EXPLORER_CHROMIUM to a chromium binary.`);
  }
  const env = cleanEnv({ DEBIAN_FRONTEND: 'noninteractive' });
  await run('apt-get update', 'apt-get', ['update'], { env, logFile: join(dir, 'apt-update.log'), timeoutMs: 10 * 60_000, log });
  await run(`apt-get install ${wanted.join(' ')}`, 'apt-get', ['install', '-y', '--no-install-recommends', ...wanted], { env, logFile: join(dir, 'apt-install.log'), timeoutMs: 20 * 60_000, log });
}

function nodePackageName() {
  return `node-${process.platform}-${process.arch}`;
}

function layout(dir) {
  const n24 = join(dir, 'node24', 'node_modules', nodePackageName());
  return {
    dir,
    node24Dir: n24,
    node: join(n24, 'bin', process.platform === 'win32' ? 'node.exe' : 'node'),
    codeServerEntry: join(dir, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    marker: join(dir, `.installed-${MARKER_KEY}`),
  };
}

/** playwright-core from the project's own node_modules (a devDependency); a cached copy otherwise. */
async function ensurePlaywright(dir, log, env) {
  const req = createRequire(join(projectRoot, 'package.json'));
  try { return req.resolve('playwright-core'); } catch { /* not installed with the project */ }
  const pwDir = join(dir, 'pw');
  const fromCache = () => createRequire(join(pwDir, 'package.json')).resolve('playwright-core');
  try { return fromCache(); } catch { /* install below */ }
  mkdirSync(pwDir, { recursive: true });
  await run(`npm install playwright-core@${PLAYWRIGHT_FALLBACK_VERSION}`, process.execPath,
    [npmCli(), 'install', '--no-save', '--no-audit', '--no-fund', '--prefix', pwDir, `playwright-core@${PLAYWRIGHT_FALLBACK_VERSION}`],
    { env, logFile: join(dir, 'pw-install.log'), timeoutMs: 10 * 60_000, log });
  return fromCache();
}

/**
 * Makes sure everything is installed and returns where it is:
 * { dir, node, node24Dir, codeServerEntry, chromium, playwrightCore }.
 */
export async function ensureRuntime({ log = defaultLog } = {}) {
  const dir = cacheDir();
  mkdirSync(dir, { recursive: true });
  const l = layout(dir);
  const complete = () => existsSync(l.marker) && existsSync(l.node) && existsSync(l.codeServerEntry);
  const fontMissing = () => !hasCjkFont() && hasAptAsRoot();
  if (!complete() || !findChromium() || fontMissing()) {
    await withLock(dir, log, async () => {
      if (complete() && findChromium() && !fontMissing()) return; // another run finished it while we waited
      const started = Date.now();
      if (!existsSync(l.marker)) log(`installing a VS Code runtime into ${dir} (once; about 4 minutes, about 820 MB)`);
      await ensureSystemPackages(log, dir, { forCodeServerBuild: !existsSync(l.marker) });
      if (!existsSync(l.marker)) {
        // Anything there is a leftover of an unfinished install: start clean.
        rmSync(join(dir, 'node24'), { recursive: true, force: true });
        rmSync(join(dir, 'cs'), { recursive: true, force: true });
        const npm = npmCli();
        const npmCache = join(dir, 'npm-cache');
        mkdirSync(join(dir, 'node24'), { recursive: true });
        await run(`npm install ${nodePackageName()}@${NODE_VERSION}`, process.execPath,
          [npm, 'install', '--no-save', '--no-audit', '--no-fund', '--cache', npmCache, '--prefix', join(dir, 'node24'), `${nodePackageName()}@${NODE_VERSION}`],
          { env: cleanEnv(), logFile: join(dir, 'node24-install.log'), timeoutMs: 10 * 60_000, log });
        if (!existsSync(l.node)) throw new Error(`Node ${NODE_VERSION} did not install at ${l.node}`);
        // code-server's postinstall refuses any Node but 24 (it reads npm's user agent), and node-gyp
        // must find Node 24's headers (shipped in the package) instead of downloading them.
        const env24 = cleanEnv({
          PATH: `${join(l.node24Dir, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
          npm_config_nodedir: l.node24Dir,
        });
        mkdirSync(join(dir, 'cs'), { recursive: true });
        await run(`npm install code-server@${CODE_SERVER_VERSION} (builds native modules)`, l.node,
          [npm, 'install', '--no-save', '--no-audit', '--no-fund', '--cache', npmCache, '--prefix', join(dir, 'cs'), `code-server@${CODE_SERVER_VERSION}`],
          { env: env24, logFile: join(dir, 'cs-install.log'), timeoutMs: 30 * 60_000, log });
        if (!existsSync(l.codeServerEntry)) throw new Error(`code-server did not install at ${l.codeServerEntry}`);
        // The npm cache is only needed to install; it is most of the size.
        rmSync(npmCache, { recursive: true, force: true });
        writeFileSync(l.marker, JSON.stringify({ node: NODE_VERSION, codeServer: CODE_SERVER_VERSION, installedAt: new Date().toISOString() }));
        log(`runtime installed in ${Math.round((Date.now() - started) / 1000)} s`);
      }
    });
  }
  const chromium = findChromium();
  if (!chromium) throw new Error('no chromium found; set GONG_EXPLORER_CHROMIUM to a chromium or chrome binary');
  const playwrightCore = await ensurePlaywright(dir, log, cleanEnv());
  return { ...l, chromium, playwrightCore };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureRuntime().then(r => console.log(JSON.stringify(r, null, 2)), e => { console.error(`install failed: ${e.message}`); process.exit(1); });
}
