/**
 * The pure part of sign-in: profile list rules, the SecretStorage key names, and how a failed
 * connection check is explained. No `vscode` here so it is unit-tested in plain Node.
 */
import type { OAuthApp, OAuthTokens } from '../gong/oauth';
import type { GongAuth, RequestLogEntry } from '../gong/types';
import type { ProfileInfo } from '../platform/services';
import { GongError, type GongMissingScopeError } from '../gong/errors';
import { classify, failureLine } from '../gong/failure';

/** globalState keys (never secrets). */
export const StateKeys = {
  profiles: 'gongExplorer.profiles',
  active: 'gongExplorer.activeProfile',
  flowOwners: 'gongExplorer.flowOwners',
} as const;

/** Which part of a connection a secret is. */
export type SecretPart = 'accessKey' | 'accessKeySecret' | 'token' | 'oauthApp' | 'oauthTokens';
export const SECRET_PARTS: readonly SecretPart[] = ['accessKey', 'accessKeySecret', 'token', 'oauthApp', 'oauthTokens'];

/** How a profile's kind of credentials reads in lists and the status bar. */
export function authKindLabel(kind: ProfileInfo['authKind']): string {
  return kind === 'basic' ? 'access key' : kind === 'oauth' ? 'Gong OAuth app' : 'bearer token';
}

/** An OAuth profile's stored app (client id and secret) and tokens, read back defensively. */
export function oauthFrom(read: (part: SecretPart) => string | undefined): { app: OAuthApp; tokens: OAuthTokens } | undefined {
  try {
    const app = JSON.parse(read('oauthApp') ?? 'null') as Partial<OAuthApp> | null;
    const tokens = JSON.parse(read('oauthTokens') ?? 'null') as Partial<OAuthTokens> | null;
    if (!app || typeof app.clientId !== 'string' || typeof app.clientSecret !== 'string' || typeof app.oauthBaseUrl !== 'string') return undefined;
    if (!tokens || typeof tokens.accessToken !== 'string' || typeof tokens.refreshToken !== 'string' || typeof tokens.expiresAt !== 'number' || typeof tokens.apiBaseUrl !== 'string') return undefined;
    return { app: { clientId: app.clientId, clientSecret: app.clientSecret, oauthBaseUrl: app.oauthBaseUrl }, tokens: tokens as OAuthTokens };
  } catch {
    return undefined;
  }
}

/** The SecretStorage key of one part of a profile's credentials. */
export function secretKey(profile: string, part: SecretPart): string {
  return `gongExplorer.profile.${encodeURIComponent(profile)}.${part}`;
}

/** The secrets to store for a connection, by key. */
export function secretsOf(profile: string, auth: GongAuth): Array<[string, string]> {
  return auth.kind === 'basic'
    ? [[secretKey(profile, 'accessKey'), auth.accessKey], [secretKey(profile, 'accessKeySecret'), auth.accessKeySecret]]
    : [[secretKey(profile, 'token'), auth.token]];
}

/** Rebuilds the auth from stored secrets, or undefined when any part is missing. */
export function authFrom(kind: ProfileInfo['authKind'], read: (part: SecretPart) => string | undefined): GongAuth | undefined {
  if (kind === 'basic') {
    const accessKey = read('accessKey');
    const accessKeySecret = read('accessKeySecret');
    return accessKey && accessKeySecret ? { kind: 'basic', accessKey, accessKeySecret } : undefined;
  }
  if (kind === 'oauth') {
    const o = oauthFrom(read);
    return o ? { kind: 'bearer', token: o.tokens.accessToken } : undefined;
  }
  const token = read('token');
  return token ? { kind: 'bearer', token } : undefined;
}

/** A profile name problem, or undefined. Names show in the status bar, so keep them short. */
export function profileNameProblem(name: string): string | undefined {
  const n = name.trim();
  if (!n) return 'Enter a profile name';
  if (n.length > 40) return 'Use at most 40 characters';
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\u0000-\u001f]/.test(n)) return 'Control characters are not allowed';
  return undefined;
}

/** Reads the stored list defensively (globalState may hold anything an older version wrote). */
export function parseProfiles(raw: unknown): ProfileInfo[] {
  if (!Array.isArray(raw)) return [];
  const out: ProfileInfo[] = [];
  for (const p of raw) {
    if (typeof p !== 'object' || p === null) continue;
    const r = p as Record<string, unknown>;
    if (typeof r.name !== 'string' || typeof r.baseUrl !== 'string') continue;
    if (r.authKind !== 'basic' && r.authKind !== 'bearer' && r.authKind !== 'oauth') continue;
    if (out.some(o => o.name === r.name)) continue;
    out.push({ name: r.name, baseUrl: r.baseUrl, authKind: r.authKind });
  }
  return out;
}

/** Adds or replaces a profile by name, keeping the others in order. */
export function upsertProfile(list: readonly ProfileInfo[], p: ProfileInfo): ProfileInfo[] {
  const i = list.findIndex(x => x.name === p.name);
  if (i < 0) return [...list, p];
  const copy = [...list];
  copy[i] = p;
  return copy;
}

export function removeProfile(list: readonly ProfileInfo[], name: string): ProfileInfo[] {
  return list.filter(p => p.name !== name);
}

/** The cheap read that checks a connection, and the one scope it needs (from the data layer). */
export { CONNECTION_CHECK } from '../data/connection';
import { CONNECTION_CHECK } from '../data/connection';

/** The views that list workspaces first and so stay empty without `api:workspaces:read`. */
export const WORKSPACE_VIEWS: readonly string[] = ['Workspaces', 'Library'];

/**
 * When the connection check failed only because the token lacks the workspaces scope, the
 * credentials are good (Gong recognised them to name the scope): sign in anyway, and this says
 * which views will stay empty. Undefined for any other failure, which refuses the sign-in.
 */
export function limitedSignInNote(e: unknown): string | undefined {
  const f = classify(e);
  if (f.kind !== 'missingScope' || f.scope !== CONNECTION_CHECK.scope) return undefined;
  return `This token lacks the scope ${CONNECTION_CHECK.scope}, so the ${WORKSPACE_VIEWS.join(' and ')} views will stay empty; everything else works. Grant the scope to your Gong app and sign in again to see them.`;
}

/** Why a connection check failed, in words that say what to fix. */
export function explainSignInFailure(e: unknown, baseUrl: string): string {
  if (GongError.is(e)) {
    switch (e.kind) {
      case 'missingScope':
        return `Connected to ${baseUrl}, but the token lacks the scope ${(e as GongMissingScopeError).scope} (the connection check reads ${CONNECTION_CHECK.path}). Grant it to your Gong app, then sign in again. Nothing was stored.`;
      case 'auth':
        return `Gong at ${baseUrl} did not accept these credentials (HTTP ${e.status ?? 401}). Check the access key and secret (or token), and that ${baseUrl} is your company's region: Gong shows the base URL next to the API key, e.g. https://us-12345.api.gong.io. Nothing was stored.`;
      case 'forbidden':
        return `Gong at ${baseUrl} denied access (HTTP 403): the key needs access to the API. Nothing was stored.`;
      case 'network':
        return `Could not reach ${baseUrl}${e.code ? ` (${e.code})` : ''}: check the base URL (your region's host, e.g. us-12345.api.gong.io) and the network. Nothing was stored.`;
      case 'timeout':
        return `${baseUrl} did not answer in time: check the base URL and the network. Nothing was stored.`;
      case 'notFound':
        return `${baseUrl} answered 404 for ${CONNECTION_CHECK.path}: it does not look like the Gong API. Check the base URL. Nothing was stored.`;
      default:
        return `${failureLine(classify(e))} Nothing was stored.`;
    }
  }
  const msg = e instanceof Error ? e.message : String(e);
  return `Could not check the connection to ${baseUrl}: ${msg}. Nothing was stored.`;
}

/**
 * One log line per request: method, path, status, time, requestId, retries. Built only from the
 * client's log entry, which never carries headers, so no secret can reach the log.
 */
export function requestLogLine(e: RequestLogEntry): { level: 'info' | 'warn'; text: string } {
  const text = `${e.method} ${e.path} -> ${e.status ?? 'no answer'} in ${Math.round(e.durationMs)} ms, requestId ${e.requestId ?? '-'}, retries ${e.retries}${e.error ? `, ${e.error}` : ''}`;
  return { level: e.error || (e.status !== undefined && e.status >= 400) ? 'warn' : 'info', text };
}
