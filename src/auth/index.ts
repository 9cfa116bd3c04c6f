import type * as vscode from 'vscode';
import { Commands, registerCommand } from '../platform/commands';
import type { Logger } from '../platform/logger';
import type { GongSession, Services } from '../platform/services';
import { registerStatusBar } from '../status/statusBar';
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
}
