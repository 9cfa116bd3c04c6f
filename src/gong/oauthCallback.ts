/**
 * The answer Gong's consent page sends back to the app's redirect URI (`?code=..&state=..` or
 * `?error=..&state=..`), read the same way whichever way it arrives: at the one-shot loopback address
 * or through VS Code's URI handler (`<uriScheme>://<extension id>/oauth-callback`). Pure: no `vscode`.
 */
import { timingSafeEqual } from 'node:crypto';

/** Which redirect URI the company's Gong OAuth app registered. */
export type OAuthRedirectKind = 'loopback' | 'uri';
export const OAUTH_REDIRECT_KINDS: readonly OAuthRedirectKind[] = ['loopback', 'uri'];

/** Path of the loopback redirect (`http://127.0.0.1:<port>/callback`). */
export const LOOPBACK_CALLBACK_PATH = '/callback';
/** Path of the VS Code URI redirect (`vscode://<publisher>.<name>/oauth-callback`). */
export const URI_CALLBACK_PATH = '/oauth-callback';

/** The `gongExplorer.oauthRedirect` setting read strictly: anything but the two kinds is a clear error. */
export function parseRedirectKind(value: unknown): OAuthRedirectKind {
  if (value === undefined || value === null || value === '') return 'loopback';
  if (typeof value === 'string' && (OAUTH_REDIRECT_KINDS as readonly string[]).includes(value)) return value as OAuthRedirectKind;
  throw new Error(`The setting gongExplorer.oauthRedirect must be "loopback" or "uri" (it is ${JSON.stringify(value)}). Nothing was stored.`);
}

export function loopbackRedirectUri(port: number): string {
  return `http://127.0.0.1:${port}${LOOPBACK_CALLBACK_PATH}`;
}

/**
 * The URI VS Code routes to this extension's URI handler, before `vscode.env.asExternalUri`
 * (which leaves it as is on the desktop and turns it into the window's callback address in a browser).
 */
export function extensionCallbackUri(uriScheme: string, extensionId: string): string {
  if (!/^[a-z][a-z0-9+.-]*$/i.test(uriScheme)) throw new Error(`"${uriScheme}" is not a URI scheme`);
  if (!/^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$/i.test(extensionId)) throw new Error(`"${extensionId}" is not an extension id (publisher.name)`);
  return `${uriScheme}://${extensionId.toLowerCase()}${URI_CALLBACK_PATH}`;
}

/** Compares two `state` values in constant time (for equal lengths). */
export function sameState(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What to do with one answer arriving at the redirect. */
export type CallbackDecision =
  /** The code for the sign-in whose `state` matched (exchange it; never log it). */
  | { kind: 'code'; state: string; code: string }
  /** Gong said no (or sent no code) to the sign-in whose `state` matched: that sign-in ends, storing nothing. */
  | { kind: 'error'; state: string; message: string }
  /** Not for any waiting sign-in: nothing changes, the waiting sign-in (if any) keeps waiting. */
  | { kind: 'ignored'; message: string };

export const IGNORED = {
  path: 'This address is not a Gong sign-in answer; nothing was changed.',
  noPending: 'No Gong sign-in is waiting for an answer (it finished, timed out or was cancelled); nothing was changed.',
  state: 'This Gong sign-in answer does not belong to the sign-in VS Code started (its state does not match); nothing was changed.',
} as const;

/** An OAuth error code as Gong sends it; anything else is not repeated to the person. */
function safeErrorCode(e: string): string {
  return /^[A-Za-z0-9._-]{1,64}$/.test(e) ? e : 'an unreadable error';
}

/**
 * Decides what an answer at the redirect means. `path` is the answer's path, `expectedPath` the
 * redirect's; `query` is its query string (with or without `?`); `pendingStates` are the states of the
 * sign-ins waiting now. The messages name no code, state or other value from the answer (except an
 * OAuth error code such as `access_denied`).
 */
export function decideCallback(path: string, expectedPath: string, query: string | URLSearchParams, pendingStates: readonly string[]): CallbackDecision {
  if (path.replace(/\/+$/, '') !== expectedPath) return { kind: 'ignored', message: IGNORED.path };
  if (pendingStates.length === 0) return { kind: 'ignored', message: IGNORED.noPending };
  const p = typeof query === 'string' ? new URLSearchParams(query.replace(/^\?/, '')) : query;
  const got = p.get('state');
  const state = got === null || got === '' ? undefined : pendingStates.find(s => sameState(s, got));
  if (state === undefined) return { kind: 'ignored', message: IGNORED.state };
  const error = p.get('error');
  const code = p.get('code');
  if (error !== null || !code) {
    return {
      kind: 'error', state,
      message: error === 'access_denied'
        ? 'Gong sign-in was denied on the consent page. Nothing was stored.'
        : `Gong sign-in failed (${error === null ? 'no code in the answer' : safeErrorCode(error)}). Nothing was stored.`,
    };
  }
  return { kind: 'code', state, code };
}
