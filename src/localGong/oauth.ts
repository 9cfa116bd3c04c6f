/**
 * Gong's OAuth endpoints on the local Gong, so OAuth sign-in is tested end to end: the consent page
 * (`GET /oauth2/authorize`, a form the person submits), the code sent back to the app's redirect URI,
 * and the token endpoint (`POST /oauth2/generate-customer-token`, the app authenticated with HTTP Basic
 * client_id:client_secret, `grant_type=authorization_code` or `refresh_token`). Answers carry
 * `access_token`, `refresh_token`, `expires_in`, `scope` and `api_base_url_for_customer`; refresh
 * tokens are single use and codes are single use and short-lived (conventions.md §2).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  /**
   * Redirect URIs the app registered, matched as exact strings (a custom scheme such as
   * `vscode://publisher.name/oauth-callback` included); `http://127.0.0.1` loopback URIs also match
   * on any port (RFC 8252 §7.3).
   */
  redirectUris: string[];
  name: string;
}

export interface OAuthOptions {
  /** Seconds an access token lives (default 86,400). */
  accessTokenTtlSeconds?: number;
  /** Redirect URIs the app registered (besides loopback, which needs none). */
  redirectUris?: readonly string[];
}

/**
 * Why a string cannot be registered as a redirect URI, or undefined when it can: an absolute URI with
 * a scheme (http, https or an app's own such as vscode), no fragment and no user info (RFC 6749 §3.1.2).
 */
export function redirectUriProblem(uri: string): string | undefined {
  let u: URL;
  try { u = new URL(uri); } catch { return `${JSON.stringify(uri)} is not an absolute URI`; }
  if (!/^[a-z][a-z0-9+.-]*:$/.test(u.protocol)) return `${JSON.stringify(uri)} has no usable scheme`;
  if (u.hash !== '' || uri.includes('#')) return `${JSON.stringify(uri)} has a fragment`;
  if (u.username !== '' || u.password !== '') return `${JSON.stringify(uri)} carries user info`;
  if ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname === '') return `${JSON.stringify(uri)} has no host`;
  return undefined;
}

interface Grant { clientId: string; scopes: string[]; redirectUri: string; expiresAt: number }

const CODE_TTL_MS = 5 * 60_000;
const MAX_FORM_BYTES = 16 * 1024;

const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c] as string));
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The submitted form ends in a redirect to the app: a browser applies form-action to that redirect,
 * so the page allows the (already checked) redirect's origin, or its scheme for a custom one (vscode:).
 */
function formTarget(redirectUri: string | undefined): string {
  if (!redirectUri) return '';
  let u: URL;
  try { u = new URL(redirectUri); } catch { return ''; }
  if (u.protocol === 'http:' || u.protocol === 'https:') return u.hostname === '127.0.0.1' ? '' : ` ${u.origin}`;
  return /^[a-z][a-z0-9+.-]*:$/.test(u.protocol) ? ` ${u.protocol}` : '';
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(c as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** The OAuth side of a local Gong; `tokens`/`expiries` are the server's own bearer token tables. */
export class LocalOAuth {
  readonly app: OAuthApp;
  private readonly codes = new Map<string, Grant>();
  /** Refresh token -> what it may renew; deleted when used. */
  private readonly refreshTokens = new Map<string, { clientId: string; scopes: string[] }>();
  private readonly ttlSeconds: number;
  /** How many refresh grants were answered (tests check a refresh happened). */
  refreshCount = 0;

  constructor(
    private readonly tokens: Map<string, ReadonlySet<string> | 'all'>,
    private readonly expiries: Map<string, number>,
    private readonly apiBaseUrl: () => string,
    private readonly now: () => number,
    options: OAuthOptions = {},
  ) {
    this.app = { clientId: `lgapp_${randomBytes(9).toString('hex')}`, clientSecret: randomBytes(24).toString('base64url'), redirectUris: [], name: 'Gong Explorer (local app)' };
    this.ttlSeconds = options.accessTokenTtlSeconds ?? 86_400;
    for (const uri of options.redirectUris ?? []) this.registerRedirectUri(uri);
  }

  /** Registers one more redirect URI for the app, as a Gong admin does in the app's settings; throws on a bad one. */
  registerRedirectUri(uri: string): void {
    const problem = redirectUriProblem(uri);
    if (problem) throw new Error(`cannot register the redirect URI: ${problem}`);
    if (!this.app.redirectUris.includes(uri)) this.app.redirectUris.push(uri);
  }

  /** Handles /oauth2/*; returns false for any other path. */
  async handle(req: IncomingMessage, res: ServerResponse, method: string, path: string, url: URL): Promise<boolean> {
    if (path === '/oauth2/authorize' && method === 'GET') { this.consentPage(res, url.searchParams); return true; }
    if (path === '/oauth2/authorize' && method === 'POST') { await this.consent(req, res); return true; }
    if (path === '/oauth2/generate-customer-token' && method === 'POST') { await this.tokenEndpoint(req, res, url.searchParams); return true; }
    if (path.startsWith('/oauth2/')) { req.resume(); this.json(res, 404, { error: 'not_found' }); return true; }
    return false;
  }

  private redirectAllowed(uri: string): boolean {
    let u: URL;
    try { u = new URL(uri); } catch { return false; }
    // Registered URIs match as exact strings, whatever their scheme (Gong keeps a list per app).
    if (this.app.redirectUris.includes(uri)) return true;
    // Loopback redirects may use any port (RFC 8252 §7.3), over plain http to 127.0.0.1 only.
    return u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === '[::1]') && u.username === '' && u.hash === '';
  }

  /** Problems with an authorize request that must not be redirected (unknown client, bad redirect). */
  private authorizeProblem(p: URLSearchParams): string | undefined {
    if (p.get('client_id') !== this.app.clientId) return 'Unknown client_id: no Gong app has this client id.';
    const redirect = p.get('redirect_uri') ?? '';
    if (!this.redirectAllowed(redirect)) return 'redirect_uri is not registered for this app.';
    return undefined;
  }

  private consentPage(res: ServerResponse, p: URLSearchParams): void {
    const problem = this.authorizeProblem(p);
    if (problem) { this.html(res, 400, 'Gong: sign-in problem', `<p>${escapeHtml(problem)}</p>`); return; }
    if (p.get('response_type') !== 'code') { this.redirectError(res, p, 'unsupported_response_type'); return; }
    const scopes = (p.get('scope') ?? '').split(/\s+/).filter(Boolean);
    const hidden = ['client_id', 'redirect_uri', 'state', 'scope'].map(k => `<input type="hidden" name="${k}" value="${escapeHtml(p.get(k) ?? '')}">`).join('');
    this.html(res, 200, 'Gong: authorize app', `
<h1>Authorize ${escapeHtml(this.app.name)}</h1>
<p>The app asks to read and act on your company's Gong data through the Gong API.</p>
<ul id="scopes">${scopes.map(s => `<li>${escapeHtml(s)}</li>`).join('') || '<li>(no scopes asked)</li>'}</ul>
<form method="post" action="/oauth2/authorize">${hidden}
<button type="submit" name="decision" value="allow" id="allow">Allow</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</form>`, p.get('redirect_uri') ?? undefined);
  }

  private async consent(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    if (!form) { this.html(res, 413, 'Gong: sign-in problem', '<p>Form too large.</p>'); return; }
    const problem = this.authorizeProblem(form);
    if (problem) { this.html(res, 400, 'Gong: sign-in problem', `<p>${escapeHtml(problem)}</p>`); return; }
    if (form.get('decision') !== 'allow') { this.redirectError(res, form, 'access_denied'); return; }
    const code = token('lgcode_');
    const scopes = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
    this.codes.set(code, { clientId: this.app.clientId, scopes, redirectUri: form.get('redirect_uri') ?? '', expiresAt: this.now() + CODE_TTL_MS });
    const to = new URL(form.get('redirect_uri') ?? '');
    to.searchParams.set('code', code);
    const state = form.get('state');
    if (state !== null) to.searchParams.set('state', state);
    res.writeHead(302, { location: to.toString(), 'cache-control': 'no-store' });
    res.end();
  }

  private redirectError(res: ServerResponse, p: URLSearchParams, error: string): void {
    const to = new URL(p.get('redirect_uri') ?? '');
    to.searchParams.set('error', error);
    const state = p.get('state');
    if (state !== null) to.searchParams.set('state', state);
    res.writeHead(302, { location: to.toString(), 'cache-control': 'no-store' });
    res.end();
  }

  private async tokenEndpoint(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const ct = req.headers['content-type'] ?? '';
    const form = /application\/x-www-form-urlencoded/i.test(ct) ? await readForm(req) : (req.resume(), new URLSearchParams());
    if (!form) { this.json(res, 413, { error: 'invalid_request', error_description: 'body too large' }); return; }
    // Clients send the parameters in the query string or as a form body; both are read.
    const param = (k: string) => form.get(k) ?? query.get(k);
    const m = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    const [id, secret] = m ? Buffer.from(m[1] ?? '', 'base64').toString('utf8').split(':') : [];
    if (id !== this.app.clientId || !sameSecret(secret ?? '', this.app.clientSecret)) {
      this.json(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' }, { 'www-authenticate': 'Basic realm="Gong OAuth"' });
      return;
    }
    const grant = param('grant_type');
    if (grant === 'authorization_code') {
      const code = param('code') ?? '';
      const g = this.codes.get(code);
      this.codes.delete(code); // single use, even when the rest is wrong
      if (!g || g.expiresAt < this.now() || g.clientId !== id) { this.json(res, 400, { error: 'invalid_grant', error_description: 'The authorization code is invalid, expired or already used' }); return; }
      if (param('redirect_uri') !== g.redirectUri) { this.json(res, 400, { error: 'invalid_grant', error_description: 'redirect_uri does not match the authorization request' }); return; }
      this.issue(res, g.scopes);
      return;
    }
    if (grant === 'refresh_token') {
      const rt = param('refresh_token') ?? '';
      const known = this.refreshTokens.get(rt);
      this.refreshTokens.delete(rt); // single use
      if (!known || known.clientId !== id) { this.json(res, 400, { error: 'invalid_grant', error_description: 'The refresh token is invalid or already used' }); return; }
      this.refreshCount++;
      this.issue(res, known.scopes);
      return;
    }
    this.json(res, 400, { error: 'unsupported_grant_type' });
  }

  private issue(res: ServerResponse, scopes: string[]): void {
    const access = token('lgoa_');
    const refresh = token('lgor_');
    this.tokens.set(access, new Set(scopes));
    this.expiries.set(access, this.now() + this.ttlSeconds * 1000);
    this.refreshTokens.set(refresh, { clientId: this.app.clientId, scopes });
    this.json(res, 200, {
      access_token: access,
      refresh_token: refresh,
      token_type: 'bearer',
      expires_in: this.ttlSeconds,
      scope: scopes.join(' '),
      api_base_url_for_customer: this.apiBaseUrl(),
    });
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
    res.end(text);
  }

  private html(res: ServerResponse, status: number, title: string, body: string, redirectUri?: string): void {
    const text = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(text),
      'content-security-policy': `default-src 'none'; form-action 'self' http://127.0.0.1:*${formTarget(redirectUri)}`, 'x-frame-options': 'DENY', 'cache-control': 'no-store',
    });
    res.end(text);
  }
}
