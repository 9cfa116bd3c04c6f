/**
 * The local Gong: a faithful stand-in for Gong's REST API over real HTTP on 127.0.0.1, used by
 * tests, benchmarks and the demo workspace. `startLocalGong()` generates a deterministic company
 * and serves it with Gong's auth, limits, paging and error behaviour.
 */

import { randomBytes } from 'node:crypto';
import type { World } from './model';
import { allRoutes } from './routes/index';
import { Faults } from './faults';
import { Pager } from './paging';
import { LocalOAuth } from './oauth';
import { DEFAULT_RATE_LIMIT, RateLimiter } from './rateLimit';
import type { RateLimitConfig } from './rateLimit';
import { DEFAULT_LIMITS, LOCAL_GONG_FEATURES, LocalGongServer } from './server';
import type { LocalGongFeature } from './server';
import type { BodyLimits, Credentials } from './server';
import { generateWorld, worldExtras } from './world';

export type { FaultSpec } from './faults';
export { Faults } from './faults';
export type { RateLimitConfig } from './rateLimit';
export type { BodyLimits, LocalGongFeature } from './server';
export { LOCAL_GONG_FEATURES } from './server';
export { rawNumber, RawNumber } from './json';
export { HOSTILE_SAMPLES, HOSTILE_LIST, WORKSHOP_MARK, LONG_SENTENCE_MARK, HOSTILE_MARK } from './text';
export { generateWorld } from './world';
export type { World } from './model';

/** Every OAuth scope the local Gong knows (Gong's documented scope strings). */
export const ALL_SCOPES: readonly string[] = [
  'api:calls:read:basic',
  'api:calls:read:extensive',
  'api:calls:read:media-url',
  'api:calls:read:transcript',
  'api:calls:create',
  'api:crm-calls:manual-association:read',
  'api:call-user-access:read',
  'api:call-user-access:write',
  'api:users:read',
  'api:workspaces:read',
  'api:settings:trackers:read',
  'api:settings:scorecards:read',
  'api:call-outcomes:read',
  'api:library:read',
  'api:stats:user-actions',
  'api:stats:user-actions:detailed',
  'api:stats:scorecards',
  'api:stats:interaction',
  'api:coaching:read',
  'api:logs:read',
  'api:meetings:user:create',
  'api:meetings:user:update',
  'api:meetings:user:delete',
  'api:meetings:integration:status',
  'api:flows:read',
  'api:flows:write',
  'api:tasks:read',
  'api:tasks:write',
  'api:integration-settings:write',
  'api:ai-ask:read',
  'api:ai-briefer:read',
  'api:permission-profile:read',
  'api:permission-profile:write',
  'api:data-privacy:read',
  'api:data-privacy:delete',
  'api:crm:integration:register',
  'api:crm:integrations:read',
  'api:crm:integration:delete',
  'api:crm:get-objects',
  'api:crm:upload',
  'api:crm:schema',
  'api:engagement-data:write',
  'api:digital-interactions:write',
];

export interface LocalGongOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Always loopback; any other value is refused. */
  host?: string;
  seed?: number;
  users?: number;
  calls?: number;
  /** Gong's company limits (default 3/s and 10,000/day); `false` turns them off for fast tests. */
  rateLimit?: false | RateLimitConfig;
  /** A fixed clock: data is generated relative to it and `ctx.now()` returns it. */
  now?: Date;
  /** Extra bearer tokens with their scopes. */
  tokens?: Array<{ token: string; scopes: string[] }>;
  /** Delay added to every answer, to make latency visible in UI tests and benchmarks. */
  latencyMs?: number;
  /** Lower body limits for tests (defaults: 10 MB JSON, 1.5 GB media, 200 MB data files). */
  limits?: Partial<BodyLimits>;
  /**
   * Features turned off as Gong does for a company without them: `engage` answers `/v2/flows*` with
   * 403 "Forbidden", `meetings` answers `/v2/meetings*` with 403 "Limited release".
   */
  disable?: readonly LocalGongFeature[];
  /** The "(very long sentence)" call also gets a megabyte without a space in its title and brief. */
  unbrokenText?: boolean;
  /** Seconds an OAuth access token lives (default 86,400); short in tests of token refresh. */
  oauthTokenTtlSeconds?: number;
  /**
   * Redirect URIs its OAuth app registered, matched exactly (e.g. `vscode://gong-explorer.gong-explorer/oauth-callback`);
   * `http://127.0.0.1:<any port>/...` loopback redirects are accepted without registering.
   */
  oauthRedirectUris?: readonly string[];
}

export interface LocalGongHandle {
  /** e.g. `http://127.0.0.1:4010` (no `/v2`). */
  baseUrl: string;
  accessKey: string;
  accessKeySecret: string;
  /** A bearer token with every scope. */
  bearerToken: string;
  world: World;
  faults: Faults;
  /** Requests received so far (all of them, including refused ones). */
  readonly requestCount: number;
  close(): Promise<void>;
  /** Registers a new bearer token with these scopes and returns it. */
  addToken(scopes: string[]): string;
  /** The company's Gong OAuth app: its client id and secret, and how many refresh grants were answered. */
  readonly oauth: {
    readonly clientId: string; readonly clientSecret: string; readonly refreshCount: number;
    /** The redirect URIs registered so far. */
    readonly redirectUris: readonly string[];
    /** Registers another redirect URI, as an admin does in the app's settings (throws on one that is not an absolute URI). */
    registerRedirectUri(uri: string): void;
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function secret(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** Starts a local Gong. Always close() it: the server and its connections stay open until then. */
export async function startLocalGong(options: LocalGongOptions = {}): Promise<LocalGongHandle> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`the local Gong only listens on loopback, not ${host}`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port ${port}`);
  const latencyMs = options.latencyMs ?? 0;
  if (!(latencyMs >= 0 && latencyMs <= 60_000)) throw new Error('latencyMs must be within 0..60000');
  const fixedNow = options.now === undefined ? undefined : new Date(options.now);
  const disabled = new Set<LocalGongFeature>();
  for (const f of options.disable ?? []) {
    if (!(LOCAL_GONG_FEATURES as readonly string[]).includes(f)) throw new Error(`unknown feature "${String(f)}" (known: ${LOCAL_GONG_FEATURES.join(', ')})`);
    disabled.add(f);
  }
  const worldOptions = { seed: options.seed ?? 1, users: options.users ?? 60, calls: options.calls ?? 150, unbrokenText: options.unbrokenText === true } as const;
  const world = generateWorld(fixedNow === undefined ? worldOptions : { ...worldOptions, now: fixedNow });

  const tokens = new Map<string, ReadonlySet<string> | 'all'>();
  const bearerToken = `lg_${secret(24)}`;
  tokens.set(bearerToken, 'all');
  for (const t of options.tokens ?? []) tokens.set(t.token, new Set(t.scopes));
  const tokenExpiries = new Map<string, number>();
  const credentials: Credentials = { accessKey: `LGAK${secret(12)}`, accessKeySecret: secret(32), tokens, tokenExpiries };
  let baseUrl = '';
  const oauth = new LocalOAuth(tokens, tokenExpiries, () => baseUrl, () => (fixedNow === undefined ? Date.now() : fixedNow.getTime()), { accessTokenTtlSeconds: options.oauthTokenTtlSeconds, redirectUris: options.oauthRedirectUris });
  const faults = new Faults();
  const idSource = worldExtras(world).idSource;
  const server = new LocalGongServer({
    world,
    routes: allRoutes,
    credentials,
    limiter: options.rateLimit === false ? null : new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT),
    faults,
    oauth,
    pager: new Pager(randomBytes(32)),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    latencyMs,
    disabled,
    now: () => (fixedNow === undefined ? new Date() : new Date(fixedNow)),
    newId: () => {
      for (let i = 0; i < 100; i++) {
        const id = idSource.next19();
        if (!world.callsById.has(id) && !world.usersById.has(id)) return id;
      }
      throw new Error('no free id');
    },
  });
  const address = await server.listen(port, host);
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${urlHost}:${address.port}`;
  return {
    baseUrl,
    oauth: {
      clientId: oauth.app.clientId,
      clientSecret: oauth.app.clientSecret,
      get refreshCount() { return oauth.refreshCount; },
      get redirectUris() { return [...oauth.app.redirectUris]; },
      registerRedirectUri: (uri: string) => oauth.registerRedirectUri(uri),
    },
    accessKey: credentials.accessKey,
    accessKeySecret: credentials.accessKeySecret,
    bearerToken,
    world,
    faults,
    get requestCount() {
      return server.requestCount;
    },
    close: () => server.close(),
    addToken(scopes: string[]): string {
      const token = `lg_${secret(24)}`;
      tokens.set(token, new Set(scopes));
      return token;
    },
  };
}
