import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** The pages there are: each has dist/webview/<page>.js and shares media/panels.css. */
export type PageName = 'callDetails' | 'transcript' | 'insights';

const LABELS: Record<PageName, string> = { callDetails: 'Call details', transcript: 'Transcript', insights: 'Insights' };

/** A fresh nonce per page load, from the OS's CSPRNG (never Math.random). */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

/** What a panel may load: only the built page folder and media/. */
export function localRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

/**
 * The page shell. It holds no call data at all: the page asks for its model with a `ready` message,
 * so nothing from Gong is ever written into HTML. The CSP admits only the extension's own script and
 * stylesheet, each carrying this load's nonce; inline script, inline style and every other source are
 * refused.
 */
export function pageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: PageName, nonce = makeNonce()): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${page}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panels.css'));
  const csp = [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `base-uri 'none'`,
    `form-action 'none'`,
  ].join('; ');
  const label = LABELS[page];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${style.toString()}">
<title>${label}</title>
</head>
<body>
<main id="root" aria-label="${label}"><div class="status"><p>Loading...</p></div></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
