/**
 * The signed-in state: stored profiles (globalState, no secrets), their credentials (SecretStorage
 * only), the active client on the one shared scheduler, and the log of every request.
 */
import * as vscode from 'vscode';
import { checkConnection } from '../data/connection';
import { GongClient } from '../gong/client';
import { normalizeBaseUrl } from '../gong/baseUrl';
import { classify } from '../gong/failure';
import { sharedScheduler } from '../gong/scheduler';
import { clampSetting } from '../gong/settings';
import { describeProxy, isLoopbackUrl, planProxy, proxyDispatcher } from '../gong/proxy';
import type { Dispatcher } from 'undici';
import type { GongApi, GongConnection, GongRequest, RequestLogEntry, SchedulerStats } from '../gong/types';
import type { Logger } from '../platform/logger';
import type { GongSession, ProfileInfo } from '../platform/services';
import { RefreshingApi, type OAuthApp, type OAuthTokens } from '../gong/oauth';
import {
  SECRET_PARTS, StateKeys, authFrom, authKindLabel, limitedSignInNote, oauthFrom, requestLogLine, parseProfiles, removeProfile, secretKey, secretsOf, upsertProfile,
} from './profiles';

export const ContextKeys = {
  signedIn: 'gongExplorer:signedIn',
  authFailed: 'gongExplorer:authFailed',
} as const;

function settings() {
  const c = vscode.workspace.getConfiguration('gongExplorer');
  return {
    // Clamped at use: a hand-edited settings file may hold anything (a string, 0, 1e9).
    requestsPerSecond: clampSetting('requestsPerSecond', c.get<unknown>('requestsPerSecond')),
    dailyBudget: clampSetting('dailyRequestBudget', c.get<unknown>('dailyRequestBudget')),
    timeoutMs: clampSetting('requestTimeoutSeconds', c.get<unknown>('requestTimeoutSeconds')) * 1000,
  };
}

export class Session implements GongSession {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private activeProfile: ProfileInfo | undefined;
  private client: GongApi | undefined;
  private failed = false;
  private readonly disposables: vscode.Disposable[] = [];
  /** Settles once the stored active profile has been restored (reads SecretStorage, no network). */
  readonly ready: Promise<void>;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: Logger) {
    this.configureScheduler();
    this.disposables.push(this.emitter, vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('gongExplorer.requestsPerSecond') || e.affectsConfiguration('gongExplorer.dailyRequestBudget')) this.configureScheduler();
      const rebuild = e.affectsConfiguration('gongExplorer.requestTimeoutSeconds') || e.affectsConfiguration('http.proxy')
        || e.affectsConfiguration('http.proxyStrictSSL') || e.affectsConfiguration('http.noProxy');
      if (rebuild && this.activeProfile) void this.switchTo(this.activeProfile.name).catch(() => undefined);
    }));
    this.ready = this.restore().catch(e => {
      this.log.warn(`Could not restore the last Gong profile: ${e instanceof Error ? e.message : String(e)}`);
    });
  }

  private configureScheduler(): void {
    const s = settings();
    try {
      sharedScheduler().configure({ requestsPerSecond: s.requestsPerSecond, dailyBudget: s.dailyBudget });
    } catch (e) {
      this.log.warn(`Ignoring invalid rate settings: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  get active(): ProfileInfo | undefined { return this.activeProfile; }
  get authFailed(): boolean { return this.failed; }

  profiles(): ProfileInfo[] {
    return parseProfiles(this.context.globalState.get(StateKeys.profiles));
  }

  api(): GongApi | undefined { return this.client; }

  /** Today's figures, with the rate-limit pause of the active profile's base URL. */
  stats(): SchedulerStats { return sharedScheduler().stats(this.activeProfile?.baseUrl); }

  private logRequest = (e: RequestLogEntry): void => {
    const { level, text } = requestLogLine(e);
    this.log.log(level, text);
  };

  /** The proxy dispatcher for the current settings, made once per change of them (undefined: direct). */
  private proxy: { key: string; dispatcher: Dispatcher | undefined } | undefined;

  private proxyFor(baseUrl: string): Dispatcher | undefined {
    // The demo's local Gong is on this machine: a corporate proxy cannot reach it.
    if (isLoopbackUrl(baseUrl)) return undefined;
    const http = vscode.workspace.getConfiguration('http');
    const input = {
      proxy: http.get<string>('proxy'),
      strictSSL: http.get<boolean>('proxyStrictSSL'),
      noProxy: http.get<string[]>('noProxy'),
    };
    const key = JSON.stringify(input);
    if (this.proxy?.key !== key) {
      let dispatcher: Dispatcher | undefined;
      try {
        const plan = planProxy(input);
        dispatcher = proxyDispatcher(plan);
        this.log.info(describeProxy(plan));
      } catch (e) {
        this.log.warn(`${e instanceof Error ? e.message : String(e)} Requests to Gong connect directly.`);
      }
      this.proxy = { key, dispatcher };
    }
    return this.proxy.dispatcher;
  }

  private newClient(connection: GongConnection, maxRetries?: number): GongClient {
    const dispatcher = this.proxyFor(connection.baseUrl);
    return new GongClient(connection, {
      scheduler: sharedScheduler(),
      timeoutMs: settings().timeoutMs,
      log: this.logRequest,
      ...(maxRetries !== undefined ? { maxRetries } : {}),
      ...(dispatcher ? { dispatcher } : {}),
    });
  }

  /**
   * Wraps a client so credentials Gong no longer accepts, from any caller, turn the views' rows into
   * sign-in rows. Refusals and missing scopes stay with whoever asked.
   */
  private watched(client: GongApi): GongApi {
    const report = (e: unknown) => { if (classify(e).signInAgain) this.reportAuthFailure(); };
    return {
      async request<T>(req: GongRequest, signal?: AbortSignal) {
        try {
          return await client.request<T>(req, signal);
        } catch (e) {
          report(e);
          throw e;
        }
      },
      async *pages<T>(req: GongRequest, signal?: AbortSignal) {
        try {
          yield* client.pages<T>(req, signal);
        } catch (e) {
          report(e);
          throw e;
        }
      },
    };
  }

  /**
   * After a window reload the last profile is active at once, from globalState (no secret in it): the
   * views paint their rows from the view cache without waiting for SecretStorage, whose reads are
   * round trips to the window and took 1 to 4 s of a reload in code-server. Requests wait for the
   * credentials; when none are stored the profile is signed out again.
   */
  private restore(): Promise<void> {
    const name = this.context.globalState.get<string>(StateKeys.active);
    const profile = name === undefined ? undefined : this.profiles().find(p => p.name === name);
    if (!profile) { this.setSignedIn(false); return Promise.resolve(); }
    const client = this.clientFor(profile);
    const pending = client.then(c => { if (this.client === deferred) this.client = c; });
    const deferred: GongApi = {
      async request<T>(req: GongRequest, signal?: AbortSignal) { return (await client).request<T>(req, signal); },
      async *pages<T>(req: GongRequest, signal?: AbortSignal) { yield* (await client).pages<T>(req, signal); },
    };
    this.client = deferred;
    this.activeProfile = profile;
    this.failed = false;
    this.setSignedIn(true);
    return pending.catch((e: unknown) => {
      if (this.client !== deferred) return;
      this.client = undefined;
      this.activeProfile = undefined;
      this.setSignedIn(false);
      this.emitter.fire();
      throw e;
    });
  }

  /** The profile's client, from its credentials in SecretStorage (read together). */
  private async clientFor(profile: ProfileInfo): Promise<GongApi> {
    const read = await Promise.all(SECRET_PARTS.map(async part => [part, await this.context.secrets.get(secretKey(profile.name, part))] as const));
    const values = new Map<string, string | undefined>(read);
    if (profile.authKind === 'oauth') {
      const o = oauthFrom(part => values.get(part));
      if (!o) throw new Error(`Profile "${profile.name}" has no stored credentials; sign in again.`);
      return this.watched(this.oauthApi(profile.name, o.app, o.tokens));
    }
    const auth = authFrom(profile.authKind, part => values.get(part));
    if (!auth) throw new Error(`Profile "${profile.name}" has no stored credentials; sign in again.`);
    return this.watched(this.newClient({ baseUrl: profile.baseUrl, auth }));
  }

  private async activate(profile: ProfileInfo): Promise<void> {
    this.client = await this.clientFor(profile);
    this.activeProfile = profile;
    this.failed = false;
    await this.context.globalState.update(StateKeys.active, profile.name);
    this.setSignedIn(true);
    this.emitter.fire();
  }

  private setSignedIn(on: boolean): void {
    void vscode.commands.executeCommand('setContext', ContextKeys.signedIn, on);
    void vscode.commands.executeCommand('setContext', ContextKeys.authFailed, on && this.failed);
  }

  async signIn(profileName: string, connection: GongConnection): Promise<string | undefined> {
    const baseUrl = normalizeBaseUrl(connection.baseUrl);
    // Signing in is a fresh start with that host: an earlier pause of it does not hold the check.
    sharedScheduler().clearPause(baseUrl);
    const probe = this.newClient({ baseUrl, auth: connection.auth }, 1);
    // One cheap read before anything is stored; a failure throws the client's typed error, except
    // a token that lacks only the workspaces scope: its credentials are good, some views stay empty.
    let note: string | undefined;
    try {
      await checkConnection(probe);
    } catch (e) {
      note = limitedSignInNote(e);
      if (note === undefined) throw e;
    }
    // Drop parts of an earlier sign-in of the same name with the other auth kind.
    for (const part of SECRET_PARTS) await this.context.secrets.delete(secretKey(profileName, part));
    for (const [key, value] of secretsOf(profileName, connection.auth)) await this.context.secrets.store(key, value);
    const profile: ProfileInfo = { name: profileName, baseUrl, authKind: connection.auth.kind };
    await this.context.globalState.update(StateKeys.profiles, upsertProfile(this.profiles(), profile));
    this.log.info(`Signed in to ${baseUrl} as profile "${profileName}" (${authKindLabel(profile.authKind)})${note ? `. ${note}` : ''}`);
    await this.activate(profile);
    return note;
  }

  /**
   * An OAuth profile's API: the access token is refreshed before it expires, and every new token
   * pair is stored before it is used (Gong's refresh tokens work once).
   */
  private oauthApi(profileName: string, app: OAuthApp, tokens: OAuthTokens): RefreshingApi {
    return new RefreshingApi({
      app, tokens,
      client: (baseUrl, token) => this.newClient({ baseUrl, auth: { kind: 'bearer', token } }),
      onTokens: async next => {
        await this.context.secrets.store(secretKey(profileName, 'oauthTokens'), JSON.stringify(next));
        this.log.info(`Refreshed the Gong OAuth token of profile "${profileName}" (valid until ${new Date(next.expiresAt).toISOString()})`);
      },
    });
  }

  async signInOAuth(profileName: string, app: OAuthApp, tokens: OAuthTokens): Promise<string | undefined> {
    const baseUrl = normalizeBaseUrl(tokens.apiBaseUrl);
    sharedScheduler().clearPause(baseUrl);
    const probe = this.newClient({ baseUrl, auth: { kind: 'bearer', token: tokens.accessToken } }, 1);
    let note: string | undefined;
    try {
      await checkConnection(probe);
    } catch (e) {
      // An app without the workspaces scope still signs in; those views stay empty.
      note = limitedSignInNote(e);
      if (note === undefined) throw e;
    }
    for (const part of SECRET_PARTS) await this.context.secrets.delete(secretKey(profileName, part));
    await this.context.secrets.store(secretKey(profileName, 'oauthApp'), JSON.stringify(app));
    await this.context.secrets.store(secretKey(profileName, 'oauthTokens'), JSON.stringify(tokens));
    const profile: ProfileInfo = { name: profileName, baseUrl, authKind: 'oauth' };
    await this.context.globalState.update(StateKeys.profiles, upsertProfile(this.profiles(), profile));
    this.log.info(`Signed in to ${baseUrl} as profile "${profileName}" (${authKindLabel('oauth')}, token valid until ${new Date(tokens.expiresAt).toISOString()})${note ? `. ${note}` : ''}`);
    await this.activate(profile);
    return note;
  }

  async signOut(profileName?: string): Promise<void> {
    const name = profileName ?? this.activeProfile?.name;
    if (name === undefined) return;
    for (const part of SECRET_PARTS) await this.context.secrets.delete(secretKey(name, part));
    await this.context.globalState.update(StateKeys.profiles, removeProfile(this.profiles(), name));
    const owners = this.context.globalState.get<Record<string, string>>(StateKeys.flowOwners) ?? {};
    if (name in owners) {
      const { [name]: _gone, ...rest } = owners;
      await this.context.globalState.update(StateKeys.flowOwners, rest);
    }
    this.log.info(`Signed out of profile "${name}"; its stored secrets were removed`);
    if (this.activeProfile?.name === name) {
      sharedScheduler().clearPause();
      this.activeProfile = undefined;
      this.client = undefined;
      this.failed = false;
      await this.context.globalState.update(StateKeys.active, undefined);
      this.setSignedIn(false);
    }
    this.emitter.fire();
  }

  async switchTo(profileName: string): Promise<void> {
    const profile = this.profiles().find(p => p.name === profileName);
    if (!profile) throw new Error(`No Gong profile named "${profileName}".`);
    // A pause Gong asked for ends with the session it was asked of: the new one starts afresh.
    if (profileName !== this.activeProfile?.name) sharedScheduler().clearPause();
    await this.activate(profile);
  }

  reportAuthFailure(): void {
    if (this.failed || !this.activeProfile) return;
    this.failed = true;
    this.log.warn(`Gong refused the credentials of profile "${this.activeProfile.name}"; sign in again`);
    void vscode.commands.executeCommand('setContext', ContextKeys.authFailed, true);
    this.emitter.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
