/**
 * "Gong: Try the Demo Workspace": a local Gong with sample data, started inside the extension host on
 * 127.0.0.1 and signed in to as the "Demo" profile, so someone without a Gong account (or a reviewer)
 * can use every view and action. The local Gong runs in a worker thread (dist/localGongWorker.js,
 * which loads dist/localGong.js), started only when the command runs: activation never pays for it,
 * and a slow or large answer is built off the extension host's thread, so VS Code never freezes.
 */
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Services } from '../platform/services';
import { Commands, registerCommand } from '../platform/commands';
// Types only: the module itself is loaded on first use (see loadLocalGong).
import type { LocalGongHandle, LocalGongOptions } from '../localGong/index';
import { startLocalGongThread } from '../localGong/thread';
import type { ThreadedLocalGong } from '../localGong/thread';

export const DEMO_PROFILE = 'Demo';
/** Set to 1 in the extension host's environment (scripts/demo.mjs does) to start the demo on activation. */
export const DEMO_AUTOSTART_ENV = 'GONG_EXPLORER_DEMO_AUTOSTART';

/** Generous, so the demo never waits, but on, so the status bar and retries have something real to show. */
const DEMO_RATE_LIMIT = { perSecond: 50, daily: 100_000 };

type DemoServer = ThreadedLocalGong;

/** The worker's file: dist/localGongWorker.js beside the bundle, or the tsc output (out/src/localGong/worker.js) in tests. */
export function localGongWorkerFile(): string {
  const bundled = join(__dirname, 'localGongWorker.js');
  return existsSync(bundled) ? bundled : join(__dirname, '..', 'localGong', 'worker.js');
}

/** What the demo uses of the local Gong module. */
export interface LocalGongModule {
  startLocalGong(options?: LocalGongOptions): Promise<LocalGongHandle>;
  ALL_SCOPES: readonly string[];
}

/** Where the demo remembers its port (globalState) and its token (SecretStorage) across reloads. */
const PORT_KEY = 'gongExplorer.demo.port';
const TOKEN_KEY = 'gongExplorer.demo.token';

function isModuleNotFound(e: unknown, name: string): boolean {
  return e instanceof Error && (e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && e.message.includes(name);
}

/** The local Gong module: the bundle beside dist/extension.js, or the tsc output when run from out/ (tests). */
export function loadLocalGong(): LocalGongModule {
  let mod: Partial<LocalGongModule>;
  try {
    // esbuild keeps this path external (see esbuild.mjs): it resolves to dist/localGong.js at run time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require('./localGong.js') as typeof mod;
  } catch (e) {
    if (!isModuleNotFound(e, 'localGong.js')) throw e;
    // A computed name so the bundler leaves it alone: only the tsc-compiled tree has this file.
    const sources = ['..', 'localGong', 'index'].join('/');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(sources) as typeof mod;
  }
  if (typeof mod.startLocalGong !== 'function' || !Array.isArray(mod.ALL_SCOPES)) throw new Error('The local Gong module does not export startLocalGong and ALL_SCOPES');
  return mod as LocalGongModule;
}

/** Owns the demo server: one at a time, stopped when the Demo profile is signed out or the extension deactivates. */
export class DemoWorkspace implements vscode.Disposable {
  private server: DemoServer | undefined;
  private starting: Promise<{ server: DemoServer; token: string }> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly services: Services) {
    this.subscription = services.session.onDidChange(() => {
      const demoKept = services.session.profiles().some(p => p.name === DEMO_PROFILE);
      if (!demoKept && this.server) void this.stopServer();
    });
  }

  get running(): DemoServer | undefined { return this.server; }

  /**
   * Starts (or reuses) the demo server and signs in to it as the Demo profile. The server comes back
   * on the port and with the bearer token of the previous session when it can, so a Demo profile
   * restored after a reload keeps working without a new sign-in (and without requests to a dead port).
   */
  async start(how: { resume?: boolean } = {}): Promise<void> {
    // Brought back with the window (the Demo profile was active before a reload): quietly, in the
    // status bar, and without opening the Gong sidebar over what the person had open.
    const { server, signedIn } = await vscode.window.withProgress(
      { location: how.resume ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification, title: 'Starting the Gong demo workspace...' },
      async () => {
        const { server: s, token } = await this.ensureServer();
        const active = this.services.session.active;
        const stillValid = active?.name === DEMO_PROFILE && active.baseUrl === s.baseUrl && active.authKind === 'bearer' && !this.services.session.authFailed;
        if (!stillValid) await this.services.session.signIn(DEMO_PROFILE, { baseUrl: s.baseUrl, auth: { kind: 'bearer', token } });
        return { server: s, signedIn: !stillValid };
      },
    );
    this.services.log.info(`Demo workspace: ${signedIn ? 'signed in to' : 'resumed'} the local Gong at ${server.baseUrl}`);
    if (!how.resume) await vscode.commands.executeCommand('workbench.view.extension.gongExplorer');
  }

  private async demoToken(): Promise<string> {
    const secrets = this.services.context.secrets;
    const stored = await secrets.get(TOKEN_KEY);
    if (stored) return stored;
    const token = `demo_${randomBytes(24).toString('base64url')}`;
    await secrets.store(TOKEN_KEY, token);
    return token;
  }

  private ensureServer(): Promise<{ server: DemoServer; token: string }> {
    if (!this.starting) {
      this.starting = (async () => {
        const token = await this.demoToken();
        if (this.server) return { server: this.server, token };
        const t0 = performance.now();
        const workerFile = localGongWorkerFile();
        const options: LocalGongOptions = { host: '127.0.0.1', rateLimit: DEMO_RATE_LIMIT };
        const lastPort = this.services.context.globalState.get<number>(PORT_KEY);
        let s: DemoServer;
        try {
          s = await startLocalGongThread(workerFile, { options: { ...options, port: lastPort ?? 0 }, allScopeTokens: [token] });
        } catch (e) {
          if (lastPort === undefined) throw e;
          // The old port is taken (another window's demo, or anything else): any free port will do.
          s = await startLocalGongThread(workerFile, { options: { ...options, port: 0 }, allScopeTokens: [token] });
        }
        s.onUnexpectedExit = e => {
          if (this.server !== s) return;
          this.server = undefined;
          this.services.log.error(`Demo workspace: the local Gong stopped unexpectedly: ${e.message}`);
        };
        await this.services.context.globalState.update(PORT_KEY, Number(new URL(s.baseUrl).port));
        this.services.log.info(`Demo workspace: local Gong started in ${(performance.now() - t0).toFixed(0)} ms (worker thread ${s.threadId})`);
        this.server = s;
        return { server: s, token };
      })().finally(() => { this.starting = undefined; });
    }
    return this.starting;
  }

  async stopServer(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s) {
      await s.close().catch(e => this.services.log.warn(`Demo workspace: closing the local Gong failed: ${String(e)}`));
      this.services.log.info('Demo workspace: local Gong stopped');
    }
  }

  dispose(): void {
    this.subscription.dispose();
    void this.stopServer();
  }
}

export function registerDemo(services: Services): DemoWorkspace {
  const demo = new DemoWorkspace(services);
  services.context.subscriptions.push(demo);
  // Decided once per activation: resume a restored Demo profile, or start on request (autostart env).
  let decided = false;
  registerCommand(services.context, services.log, Commands.demoStart, () => { decided = true; return demo.start(); });
  const startInBackground = (resume: boolean): void => {
    decided = true;
    demo.start({ resume }).catch(e => {
      const message = e instanceof Error ? e.message : String(e);
      services.log.error(`Demo workspace: ${message}`);
      void vscode.window.showErrorMessage(`The Gong demo workspace did not start: ${message}`);
    });
  };
  // The demo server lives only as long as the extension host: a Demo profile restored from an earlier
  // session points at a server that is gone, so bring it back (on the same port, with the same token).
  // The session knows its restored profile at once; a later change (a sign-in) is looked at too.
  // Deferred so activation stays fast.
  const resumeIfDemo = (): void => {
    if (!decided && services.session.active?.name === DEMO_PROFILE) startInBackground(true);
  };
  const listener = services.session.onDidChange(() => { resumeIfDemo(); if (decided) listener.dispose(); });
  services.context.subscriptions.push(listener);
  const timer = setTimeout(() => {
    if (process.env[DEMO_AUTOSTART_ENV] === '1' && !decided) startInBackground(false);
    else resumeIfDemo();
  }, 0);
  services.context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  return demo;
}
