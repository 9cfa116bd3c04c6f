/**
 * The status bar item: active profile and today's requests against the daily budget
 * ("Gong: prod · 123/10,000"); while Gong is rate limiting it counts down. Clicking offers switch
 * profile, sign out and the log.
 */
import * as vscode from 'vscode';
import { sharedScheduler } from '../gong/scheduler';
import { Commands, UserCancelled, registerCommand } from '../platform/commands';
import type { Services } from '../platform/services';
import { statusText } from './text';

export function registerStatusBar(services: Services): vscode.StatusBarItem {
  const { context, session, log } = services;
  const item = vscode.window.createStatusBarItem('gongExplorer.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Gong';
  item.command = Commands.statusMenu;
  context.subscriptions.push(item);
  let countdown: NodeJS.Timeout | undefined;
  let pending: NodeJS.Timeout | undefined;

  const update = () => {
    const stats = session.stats();
    const { text, tooltip, warning } = statusText(session.active, stats, session.authFailed);
    item.text = text;
    item.tooltip = tooltip;
    item.backgroundColor = warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
    // Tick once a second only while a countdown is showing; otherwise nothing runs in the background.
    const waiting = stats.rateLimitedUntil !== undefined && stats.rateLimitedUntil > Date.now();
    if (waiting && !countdown) countdown = setInterval(update, 1000);
    if (!waiting && countdown) { clearInterval(countdown); countdown = undefined; }
  };
  // Coalesce bursts of scheduler events (one per request) into one redraw.
  const schedule = () => { if (!pending) pending = setTimeout(() => { pending = undefined; update(); }, 100); };
  const unsubscribe = sharedScheduler().onDidChange(schedule);
  context.subscriptions.push(session.onDidChange(update), {
    dispose: () => { unsubscribe(); if (countdown) clearInterval(countdown); if (pending) clearTimeout(pending); },
  });
  update();

  registerCommand(context, log, Commands.statusMenu, async () => {
    const signedIn = session.active !== undefined;
    const items = signedIn
      ? [
        { label: '$(account) Switch Profile...', id: Commands.switchProfile },
        { label: '$(sign-out) Sign Out', id: Commands.signOut },
        ...(session.authFailed ? [{ label: '$(sign-in) Sign In Again...', id: Commands.signIn }] : []),
        { label: '$(output) Show Log', id: Commands.showLog },
      ]
      : [
        { label: '$(sign-in) Sign In...', id: Commands.signIn },
        ...(session.profiles().length > 0 ? [{ label: '$(account) Switch Profile...', id: Commands.switchProfile }] : []),
        { label: '$(output) Show Log', id: Commands.showLog },
      ];
    const picked = await services.prompter().pick(items, { title: 'Gong', placeholder: session.active ? `Profile "${session.active.name}"` : 'Not signed in' });
    if (picked === undefined || typeof picked === 'symbol') throw new UserCancelled();
    await vscode.commands.executeCommand(picked.id);
  });
  return item;
}
