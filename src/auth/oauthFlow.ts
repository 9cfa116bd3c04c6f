/**
 * The browser part of OAuth sign-in: a one-shot loopback server on 127.0.0.1 receives the code
 * Gong's consent page sends back (RFC 8252 §7.3), checks `state`, and closes. The person's browser
 * opens the consent page; nothing secret is ever put in a URL the extension builds.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { authorizeUrl, exchangeCode, type OAuthApp, type OAuthTokens } from '../gong/oauth';
import { UserCancelled } from '../platform/commands';
import type { Services } from '../platform/services';

/** How long the consent may take before sign-in gives up. */
const CONSENT_TIMEOUT_MS = 5 * 60_000;

const PAGE = (title: string, text: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body></html>`;

/** The redirect port from settings: 0 (any free port) unless the Gong app registered a fixed one. */
function redirectPort(): number {
  const v = vscode.workspace.getConfiguration('gongExplorer').get<number>('oauthRedirectPort', 0);
  return Number.isInteger(v) && v >= 0 && v <= 65535 ? v : 0;
}

/**
 * Opens the consent page and resolves with the tokens once Gong sent the code back and it was
 * exchanged. Cancelling the progress notification, a denial or a wrong `state` stores nothing.
 */
export async function consentInBrowser(services: Services, app: OAuthApp): Promise<OAuthTokens> {
  const state = randomBytes(18).toString('base64url');
  let server: Server | undefined;
  try {
    let settle!: { resolve: (code: string) => void; reject: (e: Error) => void };
    const codePromise = new Promise<string>((resolve, reject) => { settle = { resolve, reject }; });
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== '/callback') { res.writeHead(404).end(); return; }
      const send = (status: number, title: string, text: string) => {
        res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'", 'cache-control': 'no-store' });
        res.end(PAGE(title, text));
      };
      if (url.searchParams.get('state') !== state) { send(400, 'Gong sign-in', 'This answer does not belong to the sign-in VS Code started; nothing was changed.'); return; }
      const error = url.searchParams.get('error');
      const code = url.searchParams.get('code');
      if (error || !code) {
        send(200, 'Gong sign-in stopped', 'Gong did not grant access. You can close this tab.');
        settle.reject(new Error(error === 'access_denied' ? 'Gong sign-in was denied on the consent page. Nothing was stored.' : `Gong sign-in failed (${error ?? 'no code'}). Nothing was stored.`));
        return;
      }
      send(200, 'Signed in to Gong', 'VS Code has the answer. You can close this tab.');
      settle.resolve(code);
    });
    const s = server;
    await new Promise<void>((resolve, reject) => { s.once('error', reject); s.listen(redirectPort(), '127.0.0.1', () => resolve()); });
    const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
    services.log.info(`Gong OAuth sign-in: waiting for the consent page to return to ${redirectUri}`);
    const code = await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification, cancellable: true,
      title: 'Waiting for you to allow Gong Explorer in the browser...',
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
    server?.close();
    server?.closeAllConnections?.();
  }
}
