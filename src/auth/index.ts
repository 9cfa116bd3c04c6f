import * as vscode from 'vscode';
import { Commands, registerCommand } from '../platform/commands';
import type { Logger } from '../platform/logger';
import type { GongSession, Services } from '../platform/services';
import { registerStatusBar } from '../status/statusBar';
import { TEST_HOOKS_ENV } from '../panels/index';
import { OAuthUriHandler } from './oauthFlow';
import { Session } from './session';
import { runSignIn, runSignOut, runSwitchProfile } from './signIn';

/** The session over SecretStorage and globalState; restores the last profile without network. */
export function createSession(context: vscode.ExtensionContext, log: Logger): GongSession {
  return new Session(context, log);
}

/** Sign In / Sign Out / Switch Profile, and the status bar item with its menu. */
export function registerAuth(services: Services): void {
  const { context, log } = services;
  registerCommand(context, log, Commands.signIn, () => runSignIn(services));
  registerCommand(context, log, Commands.signOut, (name?: unknown) => runSignOut(services, typeof name === 'string' ? name : undefined));
  registerCommand(context, log, Commands.switchProfile, (name?: unknown) => runSwitchProfile(services, typeof name === 'string' ? name : undefined));
  registerStatusBar(services);
  // OAuth answers sent to <uriScheme>://<publisher>.<name>/oauth-callback (gongExplorer.oauthRedirect: uri).
  const handler = new OAuthUriHandler(log);
  services.oauthUriHandler = handler;
  context.subscriptions.push(vscode.window.registerUriHandler(handler));
  if (process.env[TEST_HOOKS_ENV] === '1') {
    // Test hook, not contributed: hands a URI to the handler as VS Code would after the browser opened it.
    context.subscriptions.push(vscode.commands.registerCommand(OAUTH_URI_TEST_COMMAND, (uri: unknown) => {
      if (typeof uri !== 'string') throw new Error('a URI string is expected');
      return handler.deliver(vscode.Uri.parse(uri, true));
    }));
  }
}

/** Test hook (integration runs only): delivers a URI to the OAuth URI handler and returns what it did. */
export const OAUTH_URI_TEST_COMMAND = 'gongExplorer.auth.deliverOAuthUri';
