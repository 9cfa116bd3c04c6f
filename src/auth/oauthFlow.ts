/**
 * The browser part of OAuth sign-in. Gong's consent page sends the code back to the redirect URI the
 * company's Gong app registered, which is one of two kinds (setting `gongExplorer.oauthRedirect`):
 * - `loopback` (default): a one-shot server on 127.0.0.1 (RFC 8252 §7.3) at `http://127.0.0.1:<port>/callback`;
 * - `uri`: VS Code's own URI for this extension, `<uriScheme>://<publisher>.<name>/oauth-callback`, as
 *   `vscode.env.asExternalUri` gives it (the same on the desktop, the window's callback address in a
 *   browser-based VS Code), answered by the URI handler registered at activation.
 * Either way `state` is checked, the same redirect string goes to /oauth2/authorize and to the token
 * exchange, and nothing secret is put in a URL the extension builds or written to the log.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { authorizeUrl, exchangeCode, type OAuthApp, type OAuthTokens } from '../gong/oauth';
import {
  LOOPBACK_CALLBACK_PATH, URI_CALLBACK_PATH, decideCallback, extensionCallbackUri, loopbackRedirectUri, parseRedirectKind,
  type CallbackDecision, type OAuthRedirectKind,
} from '../gong/oauthCallback';
import { UserCancelled } from '../platform/commands';
import type { Logger } from '../platform/logger';
import type { Services } from '../platform/services';

/** How long the consent may take before sign-in gives up. */
const CONSENT_TIMEOUT_MS = 5 * 60_000;

const PAGE = (title: string, text: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body></html>`;

/** The redirect port from settings: 0 (any free port) unless the Gong app registered a fixed one. */
function redirectPort(): number {
  const v = vscode.workspace.getConfiguration('gongExplorer').get<number>('oauthRedirectPort', 0);
  return Number.isInteger(v) && v >= 0 && v <= 65535 ? v : 0;
}

/** Which redirect the Gong app registered (`gongExplorer.oauthRedirect`); a value it does not know is an error. */
export function redirectKind(): OAuthRedirectKind {
  return parseRedirectKind(vscode.workspace.getConfiguration('gongExplorer').get<unknown>('oauthRedirect'));
}

interface Settle { resolve: (code: string) => void; reject: (e: Error) => void }

/** What one answer delivered to the URI handler did (returned to the test hook; shown to the person when ignored). */
export interface UriAnswerResult { outcome: CallbackDecision['kind']; message?: string }

/**
 * The URI handler (registered once at activation): routes `/oauth-callback?code=..&state=..` (or
 * `error=`) to the sign-in waiting with that state. An answer for no waiting sign-in, with a wrong or
 * missing state or at another path changes nothing and says so; the code is never logged.
 */
export class OAuthUriHandler implements vscode.UriHandler {
  private readonly waiting = new Map<string, Settle>();

  constructor(private readonly log: Logger, private readonly warn: (message: string) => void = m => { void vscode.window.showWarningMessage(m); }) {}

  /** A sign-in waits for the answer carrying `state`; dispose when it ends. */
  wait(state: string, settle: Settle): vscode.Disposable {
    this.waiting.set(state, settle);
    return { dispose: () => { this.waiting.delete(state); } };
  }

  /** How many sign-ins wait for an answer through the URI. */
  get pending(): number { return this.waiting.size; }

  handleUri(uri: vscode.Uri): void {
    this.deliver(uri);
  }

  deliver(uri: vscode.Uri): UriAnswerResult {
    // The query is read as URLSearchParams, as Gong's redirect and VS Code's web callback page encode it.
    const d = decideCallback(uri.path, URI_CALLBACK_PATH, uri.query, [...this.waiting.keys()]);
    if (d.kind === 'ignored') {
      this.log.warn(`Gong OAuth sign-in: an answer came to VS Code's URI for this extension (path ${JSON.stringify(uri.path.slice(0, 80))}) and was not used: ${d.message}`);
      this.warn(`Gong Explorer: ${d.message}`);
      return { outcome: d.kind, message: d.message };
    }
    const settle = this.waiting.get(d.state);
    this.waiting.delete(d.state);
    if (d.kind === 'error') {
      this.log.info('Gong OAuth sign-in: Gong answered without a code through VS Code\'s URI.');
      settle?.reject(new Error(d.message));
      return { outcome: d.kind, message: d.message };
    }
    this.log.info('Gong OAuth sign-in: the consent answer came back through VS Code\'s URI.');
    settle?.resolve(d.code);
    return { outcome: d.kind };
  }
}

/** The one-shot loopback server; resolves with it listening. */
async function startLoopback(state: string, settle: Settle): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== LOOPBACK_CALLBACK_PATH) { res.writeHead(404).end(); return; }
    const send = (status: number, title: string, text: string) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'", 'cache-control': 'no-store' });
      res.end(PAGE(title, text));
    };
    const d = decideCallback(url.pathname, LOOPBACK_CALLBACK_PATH, url.searchParams, [state]);
    if (d.kind === 'ignored') { send(400, 'Gong sign-in', 'This answer does not belong to the sign-in VS Code started; nothing was changed.'); return; }
    if (d.kind === 'error') {
      send(200, 'Gong sign-in stopped', 'Gong did not grant access. You can close this tab.');
      settle.reject(new Error(d.message));
      return;
    }
    send(200, 'Signed in to Gong', 'VS Code has the answer. You can close this tab.');
    settle.resolve(d.code);
  });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(redirectPort(), '127.0.0.1', () => resolve()); });
  return server;
}

/**
 * Opens the consent page and resolves with the tokens once Gong sent the code back and it was
 * exchanged. Cancelling the progress notification, a denial or a wrong `state` stores nothing.
 */
export async function consentInBrowser(services: Services, app: OAuthApp): Promise<OAuthTokens> {
  const kind = redirectKind();
  const state = randomBytes(18).toString('base64url');
  let server: Server | undefined;
  let waiting: vscode.Disposable | undefined;
  try {
    let settle!: Settle;
    const codePromise = new Promise<string>((resolve, reject) => { settle = { resolve, reject }; });
    // An answer may come before the race below listens; it is read there, so no unhandled rejection here.
    codePromise.catch(() => undefined);
    let redirectUri: string;
    if (kind === 'uri') {
      const handler = services.oauthUriHandler;
      if (!handler) throw new Error('VS Code\'s URI handler for Gong sign-in is not registered. Nothing was stored.');
      const own = extensionCallbackUri(vscode.env.uriScheme, services.context.extension.id);
      // The exact string Gong must have registered; it is sent to /oauth2/authorize and to the token exchange.
      redirectUri = (await vscode.env.asExternalUri(vscode.Uri.parse(own))).toString(true);
      waiting = handler.wait(state, settle);
    } else {
      server = await startLoopback(state, settle);
      redirectUri = loopbackRedirectUri((server.address() as AddressInfo).port);
    }
    services.log.info(`Gong OAuth sign-in: waiting for the consent page to return to ${redirectUri} (gongExplorer.oauthRedirect: ${kind})`);
    const code = await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification, cancellable: true,
      title: kind === 'uri'
        ? 'Waiting for you to allow Gong Explorer in the browser (the browser then asks to open VS Code)...'
        : 'Waiting for you to allow Gong Explorer in the browser...',
    }, async (_progress, token) => {
      const opened = await services.openExternal(authorizeUrl(app, redirectUri, state));
      if (!opened) throw new Error('Could not open the browser for Gong sign-in. Nothing was stored.');
      let timer: ReturnType<typeof setTimeout> | undefined;
      const sub = token.onCancellationRequested(() => settle.reject(new UserCancelled()));
      try {
        return await Promise.race([codePromise, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('Gong sign-in timed out waiting for the consent page. Nothing was stored.')), CONSENT_TIMEOUT_MS); })]);
      } finally {
        clearTimeout(timer);
        sub.dispose();
      }
    });
    return await exchangeCode(app, code, redirectUri);
  } finally {
    waiting?.dispose();
    server?.close();
    server?.closeAllConnections?.();
  }
}
