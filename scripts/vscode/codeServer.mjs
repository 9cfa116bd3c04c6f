// Starts code-server for one run: 127.0.0.1 on a free port, its own HOME/TMPDIR/XDG folders and user
// data under a temporary run folder, no marketplace, in its own process group so stopping it (also on
// Ctrl+C, a crash or a timeout) takes every process it started with it.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const sleep = ms => new Promise(r => setTimeout(r, ms));

/** Process groups to kill when this process ends, however it ends. */
const groups = new Set();
let hooked = false;
function killGroup(pid, signal) {
  try { process.kill(-pid, signal); return true; } catch { return false; }
}
function hookExit() {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => { for (const pid of groups) killGroup(pid, 'SIGKILL'); });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      console.error(`\n${sig}: stopping code-server and the browser`);
      for (const pid of groups) killGroup(pid, 'SIGKILL');
      process.exit(130);
    });
  }
}

/** Tracks a detached child's process group so it is killed when this process exits. */
export function trackProcessGroup(pid) { hookExit(); groups.add(pid); return () => groups.delete(pid); }

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh run folder: HOME, TMPDIR, XDG folders, user data with our settings, an empty workspace. */
export function makeRunDir(prefix = 'gong-explorer-run-', extraSettings = {}) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const d of ['home', 'tmp', 'xdg-config', 'xdg-data', 'xdg-cache', 'user-data/User', 'extensions', 'workspace']) mkdirSync(join(dir, d), { recursive: true });
  const settings = { ...JSON.parse(readFileSync(join(here, 'settings.json'), 'utf8')), ...extraSettings };
  writeFileSync(join(dir, 'user-data', 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  writeFileSync(join(dir, 'workspace', 'README.md'), '# Gong Explorer test workspace\n');
  return dir;
}

/** Environment that keeps code-server, VS Code and chromium out of the real home folder. */
export function isolatedEnv(runDir, extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && !/^VSCODE_/.test(k) && v !== undefined) env[k] = v;
  return {
    ...env,
    HOME: join(runDir, 'home'),
    TMPDIR: join(runDir, 'tmp'),
    XDG_CONFIG_HOME: join(runDir, 'xdg-config'),
    XDG_DATA_HOME: join(runDir, 'xdg-data'),
    XDG_CACHE_HOME: join(runDir, 'xdg-cache'),
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

/**
 * Starts code-server and waits for /healthz. Returns { port, origin, runDir, workspace, proc, logFile, stop() }.
 * `env` is added to the server's environment (the extension host inherits it).
 */
export async function startCodeServer(runtime, { runDir, port: wantedPort, env = {}, extraArgs = [], log = console.log, readyTimeoutMs = 60_000 } = {}) {
  const port = wantedPort || await freePort();
  const logFile = join(runDir, 'code-server.log');
  const out = createWriteStream(logFile);
  const workspace = join(runDir, 'workspace');
  const args = [
    runtime.codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--config', join(runDir, 'config.yaml'),
    '--user-data-dir', join(runDir, 'user-data'), '--extensions-dir', join(runDir, 'extensions'),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    '--reconnection-grace-time', '5', '--vscode-option', 'enable-smoke-test-driver',
    ...extraArgs,
    workspace,
  ];
  const proc = spawn(runtime.node, args, { env: isolatedEnv(runDir, env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const untrack = trackProcessGroup(proc.pid);
  proc.stdout.pipe(out);
  proc.stderr.pipe(out);
  let exited = null;
  proc.on('exit', (code, signal) => { exited = signal ?? code; });
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!killGroup(proc.pid, 'SIGTERM')) { untrack(); return; }
    for (let i = 0; i < 30 && killGroup(proc.pid, 0); i++) await sleep(100);
    killGroup(proc.pid, 'SIGKILL');
    untrack();
  };
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited !== null) {
      await stop();
      const tail = readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
      throw new Error(`code-server exited (${exited}) before it was ready:\n${tail}`);
    }
    try {
      const r = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { await stop(); throw new Error(`code-server did not answer /healthz within ${readyTimeoutMs / 1000} s (log: ${logFile})`); }
    await sleep(200);
  }
  log(`code-server ready at ${origin} (log: ${logFile})`);
  return { port, origin, runDir, workspace, proc, logFile, stop };
}

export function removeRunDir(runDir) {
  try { rmSync(runDir, { recursive: true, force: true, maxRetries: 3 }); } catch { /* a file still held open; the OS cleans tmp */ }
}
