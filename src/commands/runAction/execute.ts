import * as vscode from 'vscode';
import { InputError } from '../../catalog/index';
import type { ActionDef } from '../../catalog/types';
import type { GongApi, GongRequest, GongResponse } from '../../gong/types';
import { catalog, undeclaredKeys, undeclaredNote } from '../../catalog/index';
import { confirmMatches, confirmTarget, needsWriteConfirmation, writeSummary } from '../../input/confirm';
import { classify, failureHeadline, type FailureKind } from '../../gong/failure';
import { isBack } from '../../input/wizard';
import { Commands, UserCancelled } from '../../platform/commands';
import { summary } from '../../results/format';
import type { Services } from '../../platform/services';
import type { RecentRuns } from './recentStore';
import type { ResultDocs, ResultEntry } from './resultDocs';

/** What the run commands resolve to, so callers (and tests) can see what happened. */
export type RunOutcome =
  | { kind: 'result'; uri: string; status: number; requestId: string | undefined; text: string; richUri?: string }
  | {
    kind: 'error'; message: string; hint: string | undefined; requestId: string | undefined; status: number | undefined;
    /** The failure's kind in the one vocabulary (src/gong/failure.ts). */
    failure: FailureKind; signInAgain: boolean; retry: boolean;
    /** A document holding what arrived before the failure (pages of a Fetch all), when one was opened. */
    partialUri?: string;
  }
  | { kind: 'invalid'; message: string }
  /** The retyped confirmation did not match: nothing was sent. */
  | { kind: 'notConfirmed' };

export interface RunDeps {
  services: Services;
  results: ResultDocs;
  recent: RecentRuns;
}

/** The client of the active profile; when signed out, says so with a Sign In button and ends the command. */
export function requireApi(services: Services): GongApi {
  const api = services.session.api();
  if (!api || !services.session.active) {
    void vscode.window.showWarningMessage('Sign in to Gong to run actions.', 'Sign In', 'Try the Demo Workspace').then(choice => {
      if (choice === 'Sign In') void vscode.commands.executeCommand(Commands.signIn);
      else if (choice === 'Try the Demo Workspace') void vscode.commands.executeCommand(Commands.demoStart);
    });
    throw new UserCancelled();
  }
  return api;
}

/** Requests that finish sooner than this show no progress notification (no flashing for quick reads). */
const PROGRESS_DELAY_MS = 400;

/**
 * Runs `fn`; when it takes longer than a moment, a cancellable notification shows its progress, and
 * cancelling it aborts the request through the AbortSignal.
 */
export async function withCancellableProgress<T>(title: string, fn: (signal: AbortSignal, progress: vscode.Progress<{ message?: string; increment?: number }>) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  let shown: vscode.Progress<{ message?: string; increment?: number }> | undefined;
  let last: { message?: string; increment?: number } | undefined;
  const proxy = { report: (v: { message?: string; increment?: number }) => { last = v; shown?.report(v); } };
  const work = fn(ac.signal, proxy);
  let timer: NodeJS.Timeout | undefined;
  const quick = await Promise.race([
    work.then(() => true, () => true),
    new Promise<boolean>(r => { timer = setTimeout(() => r(false), PROGRESS_DELAY_MS); }),
  ]);
  clearTimeout(timer);
  if (quick) return work;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    shown = progress;
    if (last) progress.report(last);
    const sub = token.onCancellationRequested(() => ac.abort());
    try {
      return await work;
    } finally {
      sub.dispose();
    }
  });
}

function isCancel(e: unknown): boolean {
  return UserCancelled.is(e) || classify(e).cancelled;
}

/**
 * Shows a failed run from the one failure vocabulary: what happened, the status and request id, what
 * to do, and the buttons that fit (Retry for 429/5xx/network, Sign In only when the credentials no
 * longer work, Copy Request Id). A refused feature or missing scope stays on this action.
 */
export function reportError(services: Services, action: ActionDef, e: unknown, retry?: () => unknown, note?: string, partialUri?: string): RunOutcome {
  const f = classify(e);
  const headline = failureHeadline(action.title, f);
  const message = note ? `${headline} ${note}` : headline;
  services.log.error(`${action.id}: ${message}${f.hint ? ` — ${f.hint}` : ''}`);
  const buttons = [
    ...(f.retry && retry ? ['Retry'] : []),
    ...(f.signInAgain ? ['Sign In'] : []),
    ...(f.requestId ? ['Copy Request Id'] : []),
    'Show Log',
  ];
  void vscode.window.showErrorMessage(f.hint ? `${message} ${f.hint}` : message, ...buttons).then(choice => {
    if (choice === 'Retry' && retry) void retry();
    else if (choice === 'Sign In') void vscode.commands.executeCommand(Commands.signIn);
    else if (choice === 'Copy Request Id' && f.requestId) void vscode.env.clipboard.writeText(f.requestId);
    else if (choice === 'Show Log') services.log.show();
  });
  const out: RunOutcome = { kind: 'error', message, hint: f.hint, requestId: f.requestId, status: f.status, failure: f.kind, signInAgain: f.signInAgain, retry: f.retry };
  if (partialUri !== undefined) out.partialUri = partialUri;
  return out;
}

/**
 * For destructive actions: a modal warning, then the person retypes the target. Resolves to true
 * only when the retyped text matches; a mismatch says so and nothing is sent.
 */
export async function confirmDestructive(services: Services, action: ActionDef, input: Record<string, unknown>): Promise<boolean> {
  const prompter = services.prompter();
  const target = confirmTarget(input, action.confirmField);
  const where = services.session.active ? ` in ${services.session.active.name}` : '';
  const go = await prompter.confirm(
    `${action.title}${where}? This cannot be undone.`,
    { modal: true, detail: `${action.method} ${action.path}${target ? `\nTarget: ${target}` : ''}\n${action.description}` },
    'Continue',
  );
  if (go !== 'Continue') throw new UserCancelled();
  if (target === undefined) return true;
  const typed = await prompter.input({ title: `Confirm: ${action.title}`, prompt: `Type ${target} to confirm`, placeholder: target });
  if (typed === undefined || isBack(typed)) throw new UserCancelled();
  if (!confirmMatches(target, typed)) {
    void vscode.window.showWarningMessage(`"${typed}" does not match ${target}: nothing was sent to Gong.`);
    services.log.info(`${action.id}: confirmation did not match; nothing sent`);
    return false;
  }
  return true;
}

export const SEND_LABEL = 'Send';

/**
 * The one look at a write nobody went through step by step (prefilled from a tree row, the command's
 * arguments or a recent run): a modal with the request and every value, file uploads named.
 */
async function confirmWrite(services: Services, action: ActionDef, input: Record<string, unknown>): Promise<void> {
  const where = services.session.active ? ` (${services.session.active.name})` : '';
  const go = await services.prompter().confirm(
    `Send ${action.title} to Gong${where}? It changes data in Gong.`,
    { modal: true, detail: writeSummary(action, input) },
    SEND_LABEL,
  );
  if (go !== SEND_LABEL) throw new UserCancelled();
}

/**
 * Validates, confirms (destructive actions with a retype; other writes with a summary unless the person
 * went through the steps: `reviewed`), records the run, sends it with progress, and opens the result.
 */
export async function executeRun(deps: RunDeps, action: ActionDef, input: Record<string, unknown>, reviewed = false): Promise<RunOutcome> {
  const { services } = deps;
  const api = requireApi(services);
  let request: GongRequest;
  try {
    request = catalog.toRequest(action, input);
  } catch (e) {
    if (!InputError.is(e)) throw e;
    const message = `${action.title}: the input is not valid: ${e.issues.map(i => `${i.path || '(input)'} ${i.message}`).join('; ')}`;
    void vscode.window.showErrorMessage(message);
    return { kind: 'invalid', message };
  }
  if (action.destructive && !(await confirmDestructive(services, action, input))) return { kind: 'notConfirmed' };
  if (needsWriteConfirmation(action, reviewed)) await confirmWrite(services, action, input);
  const note = undeclaredNote(action, undeclaredKeys(action, input));
  if (note) {
    services.log.info(`${action.id}: ${note}`);
    void vscode.window.showInformationMessage(`${action.title}: ${note}`);
  }
  const profile = services.session.active;
  if (profile) await deps.recent.add(profile.name, action.id, input);
  services.log.info(`run ${action.id}: ${request.method} ${request.path}`);
  let res: GongResponse;
  try {
    res = await withCancellableProgress(`Gong: ${action.title}`, signal => api.request(request, signal));
  } catch (e) {
    if (isCancel(e)) throw new UserCancelled();
    // Retry is a click on the error of this very run: it was confirmed already.
    return reportError(services, action, e, () => executeRun(deps, action, input, true));
  }
  const entry = await deps.results.open(action, request, input, res);
  offerMore(entry);
  return resultOutcome(entry);
}

/** For a paged result with more records: a notification offering the next page or all of them (not awaited). */
export function offerMore(entry: ResultEntry): void {
  if (!entry.cursor) return;
  const all = `Fetch All (${entry.remaining} more request${entry.remaining === 1 ? '' : 's'})`;
  void vscode.window.showInformationMessage(summary(entry.meta), 'Next Page', all).then(choice => {
    if (choice === 'Next Page') void vscode.commands.executeCommand(Commands.nextResultPage, entry.uri.toString());
    else if (choice === all) void vscode.commands.executeCommand(Commands.fetchAllResults, entry.uri.toString());
  });
}

export function resultOutcome(entry: ResultEntry): RunOutcome {
  const out: RunOutcome = { kind: 'result', uri: entry.uri.toString(), status: entry.meta.status, requestId: entry.meta.requestId, text: entry.text };
  if (entry.richUri) out.richUri = entry.richUri.toString();
  return out;
}
