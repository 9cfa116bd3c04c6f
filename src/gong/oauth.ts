/**
 * Sign-in with a company's Gong OAuth app (conventions.md §2): the authorize URL the browser opens,
 * the token exchange and refresh at `/oauth2/generate-customer-token` (the app authenticated with
 * HTTP Basic client_id:client_secret), and an API wrapper that refreshes the access token before it
 * expires. Refresh tokens are single use, so every refresh hands the new pair to `onTokens` to store
 * before the old one could be needed again. API calls go to `api_base_url_for_customer`. No `vscode`.
 */
import { normalizeBaseUrl } from './baseUrl';
import { GongError } from './errors';
import { paginate } from './paging';
import type { GongApi, GongRequest, GongResponse } from './types';

/** Where Gong's own OAuth pages live (not the API host). */
export const DEFAULT_OAUTH_BASE_URL = 'https://app.gong.io';

/** The read scopes the sidebar, the call pages and the read actions use. */
export const OAUTH_SCOPES: readonly string[] = [
  'api:workspaces:read', 'api:users:read', 'api:calls:read:basic', 'api:calls:read:extensive',
  'api:calls:read:transcript', 'api:library:read', 'api:settings:trackers:read', 'api:settings:scorecards:read',
  'api:flows:read', 'api:stats:scorecards', 'api:stats:interaction', 'api:stats:user-actions', 'api:logs:read',
];

export interface OAuthApp {
  /** Origin of Gong's OAuth pages, e.g. https://app.gong.io. */
  oauthBaseUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms. */
  expiresAt: number;
  /** The customer's API host, from `api_base_url_for_customer`. */
  apiBaseUrl: string;
  scope?: string;
}

/** The browser page where the person consents. */
export function authorizeUrl(app: Pick<OAuthApp, 'oauthBaseUrl' | 'clientId'>, redirectUri: string, state: string, scopes: readonly string[] = OAUTH_SCOPES): string {
  const u = new URL('/oauth2/authorize', normalizeBaseUrl(app.oauthBaseUrl));
  u.searchParams.set('client_id', app.clientId);
  u.searchParams.set('response_type', 'code');
  u.searchParams.set('scope', scopes.join(' '));
  u.searchParams.set('redirect_uri', redirectUri);
  u.searchParams.set('state', state);
  return u.toString();
}

/** Reads a token answer; throws a GongError naming what is missing. */
export function parseTokenResponse(body: unknown, now: number): OAuthTokens {
  const o = typeof body === 'object' && body !== null ? body as Record<string, unknown> : {};
  const s = (k: string) => (typeof o[k] === 'string' && o[k] !== '' ? o[k] : undefined);
  const accessToken = s('access_token');
  const refreshToken = s('refresh_token');
  const api = s('api_base_url_for_customer');
  const expiresIn = typeof o.expires_in === 'number' ? o.expires_in : Number(s('expires_in'));
  const missing = [!accessToken && 'access_token', !refreshToken && 'refresh_token', !api && 'api_base_url_for_customer', !(expiresIn > 0) && 'expires_in'].filter(Boolean);
  if (missing.length > 0 || !accessToken || !refreshToken || !api) {
    throw new GongError('server', `Gong's token answer lacks ${missing.join(', ')}`);
  }
  let apiBaseUrl: string;
  try { apiBaseUrl = normalizeBaseUrl(api); } catch (e) {
    throw new GongError('server', `Gong's token answer names an API host that is not a web address (${e instanceof Error ? e.message : String(e)})`);
  }
  const scope = s('scope');
  return { accessToken, refreshToken, expiresAt: now + expiresIn * 1000, apiBaseUrl, ...(scope ? { scope } : {}) };
}

/** One POST to the token endpoint. */
async function tokenRequest(app: OAuthApp, params: Record<string, string>, now: () => number, signal?: AbortSignal): Promise<OAuthTokens> {
  const url = new URL('/oauth2/generate-customer-token', normalizeBaseUrl(app.oauthBaseUrl)).toString();
  const basic = Buffer.from(`${app.clientId}:${app.clientSecret}`, 'utf8').toString('base64');
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(params).toString(),
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(30_000)]) : AbortSignal.timeout(30_000),
    });
  } catch (e) {
    throw new GongError('network', `Could not reach Gong's sign-in service at ${new URL(url).origin} (${e instanceof Error ? e.message : String(e)})`, { cause: e });
  }
  const text = await res.text();
  let body: unknown;
  try { body = JSON.parse(text); } catch { body = undefined; }
  if (!res.ok) {
    const err = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const what = [err.error, err.error_description].filter(x => typeof x === 'string').join(': ') || `HTTP ${res.status}`;
    // invalid_client / invalid_grant: the app's secret or the stored grant is no longer good.
    throw new GongError(res.status === 401 || err.error === 'invalid_grant' || err.error === 'invalid_client' ? 'auth' : 'server',
      `Gong refused the ${params.grant_type === 'refresh_token' ? 'token refresh' : 'sign-in'} (${what})`, { status: res.status });
  }
  return parseTokenResponse(body, now());
}

/** Trades the code from the consent page for tokens. */
export function exchangeCode(app: OAuthApp, code: string, redirectUri: string, now: () => number = Date.now, signal?: AbortSignal): Promise<OAuthTokens> {
  return tokenRequest(app, { grant_type: 'authorization_code', code, redirect_uri: redirectUri }, now, signal);
}

/** New tokens for a refresh token (which is then used up). */
export function refreshTokens(app: OAuthApp, refreshToken: string, now: () => number = Date.now, signal?: AbortSignal): Promise<OAuthTokens> {
  return tokenRequest(app, { grant_type: 'refresh_token', refresh_token: refreshToken }, now, signal);
}

export interface RefreshingApiOptions {
  app: OAuthApp;
  tokens: OAuthTokens;
  /** A client for an API host and access token (on the shared scheduler). */
  client: (apiBaseUrl: string, accessToken: string) => GongApi;
  /** Stores a new token pair; awaited before the pair is used. */
  onTokens: (t: OAuthTokens) => Promise<void>;
  /** Refresh this long before expiry (default 5 min). */
  marginMs?: number;
  now?: () => number;
  refresh?: typeof refreshTokens;
}

/**
 * The API for an OAuth profile: refreshes the access token shortly before it expires (one refresh
 * at a time, shared by every request waiting for it), and once after Gong refuses a token as
 * invalid, then sends the request with the new one.
 */
export class RefreshingApi implements GongApi {
  private tokens: OAuthTokens;
  private current: GongApi;
  private refreshing: Promise<void> | undefined;
  private readonly now: () => number;
  private readonly marginMs: number;
  /** Refresh ahead by the margin, or by half the token's life when it lives shorter than twice that. */
  private ahead = 0;

  constructor(private readonly o: RefreshingApiOptions) {
    this.tokens = o.tokens;
    this.now = o.now ?? Date.now;
    this.marginMs = o.marginMs ?? 5 * 60_000;
    this.current = o.client(o.tokens.apiBaseUrl, o.tokens.accessToken);
    this.setAhead();
  }

  private setAhead(): void {
    this.ahead = Math.min(this.marginMs, Math.max(0, (this.tokens.expiresAt - this.now()) / 2));
  }

  get expiresAt(): number { return this.tokens.expiresAt; }

  /** Refreshes now (shared with any refresh already running). */
  refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      const used = this.tokens.refreshToken;
      const next = await (this.o.refresh ?? refreshTokens)(this.o.app, used, this.now);
      await this.o.onTokens(next);
      this.tokens = next;
      this.current = this.o.client(next.apiBaseUrl, next.accessToken);
      this.setAhead();
    })().finally(() => { this.refreshing = undefined; });
    return this.refreshing;
  }

  async request<T = unknown>(req: GongRequest, signal?: AbortSignal): Promise<GongResponse<T>> {
    if (this.refreshing) await this.refreshing;
    else if (this.now() >= this.tokens.expiresAt - this.ahead) await this.refresh();
    const sentWith = this.tokens.accessToken;
    try {
      return await this.current.request<T>(req, signal);
    } catch (e) {
      // A token Gong no longer takes (revoked, expired early): one refresh, one more try.
      if (!GongError.is(e, 'auth')) throw e;
      if (this.tokens.accessToken === sentWith) await this.refresh();
      return this.current.request<T>(req, signal);
    }
  }

  pages<T = unknown>(req: GongRequest, signal?: AbortSignal): AsyncIterableIterator<GongResponse<T>> {
    return paginate<T>(this, req, signal);
  }
}
