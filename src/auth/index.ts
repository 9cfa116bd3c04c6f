// Placeholder until the sign-in work lands: always signed out.
import * as vscode from 'vscode';
import type { GongSession, Services } from '../platform/services';

export function createSession(_context: vscode.ExtensionContext, _log: unknown): GongSession {
  const emitter = new vscode.EventEmitter<void>();
  return {
    onDidChange: emitter.event,
    active: undefined,
    profiles: () => [],
    api: () => undefined,
    stats: () => ({ requestsToday: 0, dailyBudget: 10000, inFlight: 0, queued: 0, rateLimitedUntil: undefined }),
    signIn: async () => { throw new Error('Sign-in is not available yet'); },
    signOut: async () => undefined,
    switchTo: async () => undefined,
    reportAuthFailure: () => undefined,
    authFailed: false,
    dispose: () => emitter.dispose(),
  };
}

export function registerAuth(_services: Services): void {}
