import * as vscode from 'vscode';
import { catalog, curlFor, isPlainObject, normalizeInput } from '../catalog/index';
import type { ActionDef } from '../catalog/types';
import { contextFields, contextIds, fitContext } from '../input/prefill';
import { runWizard } from '../input/wizard';
import { Commands, UserCancelled, registerCommand } from '../platform/commands';
import type { Services } from '../platform/services';
import { describeInput } from '../results/recent';
import { executeRun, requireApi, type RunDeps, type RunOutcome } from './runAction/execute';
import { JsonInputEditors, parseEditorText } from './runAction/jsonEditor';
import { KnownValuesCache } from './runAction/known';
import { fetchAll, nextPage } from './runAction/pages';
import { pickAction, type PreferredActions } from './runAction/pickAction';
import { RecentRuns } from './runAction/recentStore';
import { RESULT_SCHEME, ResultDocs } from './runAction/resultDocs';

/** What Run Action and friends take: an action to skip the list, and inputs that are not asked. */
export interface RunPrefill { actionId?: string; input?: Record<string, unknown> }

function prefillOf(arg: unknown): RunPrefill {
  if (!isPlainObject(arg)) return {};
  const out: RunPrefill = {};
  if (typeof arg.actionId === 'string') out.actionId = arg.actionId;
  if (isPlainObject(arg.input)) out.input = arg.input;
  return out;
}

function asRecord(v: unknown): Record<string, unknown> {
  return isPlainObject(v) ? v : {};
}

function findAction(id: string): ActionDef {
  const a = catalog.find(id);
  if (!a) throw new Error(`Unknown Gong action: ${id}`);
  return a;
}

/** Fields the person is asked for; the paging cursor is never one (next pages come from the result). */
function askableFields(action: ActionDef) {
  return catalog.fields(action).filter(f => f.path !== 'cursor');
}

/** Actions that take one of the context ids, listed first under "For this call" (or user...). */
function preferredFor(ids: ReturnType<typeof contextIds>): PreferredActions | undefined {
  const kinds = Object.keys(ids);
  if (kinds.length === 0) return undefined;
  const matching = catalog.actions.filter(a => contextFields(askableFields(a), ids).length > 0).map(a => a.id);
  return { heading: `For this ${kinds.join(' / ')}`, ids: new Set(matching) };
}

/** Registers Run Action, its JSON editor, recent runs, curl copies and result paging. */
export function registerRunAction(services: Services): void {
  const { context, log } = services;
  const results = new ResultDocs();
  const recent = new RecentRuns(context.globalState);
  void recent.purgePersonalData();
  const known = new KnownValuesCache(services.data);
  const editors = new JsonInputEditors();
  const deps: RunDeps = { services, results, recent };
  context.subscriptions.push(
    results, editors,
    vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, results),
    vscode.languages.registerCodeLensProvider({ scheme: RESULT_SCHEME }, results),
    vscode.languages.registerCodeLensProvider({ language: 'json' }, editors),
  );

  registerCommand(context, log, Commands.runAction, async (arg?: unknown): Promise<RunOutcome | undefined> => {
    const prefill = prefillOf(arg);
    requireApi(services);
    const prompter = services.prompter();
    // Started from a call (or user...) without naming an action: its ids fill whichever action is chosen.
    const ids = prefill.actionId ? {} : contextIds(prefill.input);
    const preferred = preferredFor(ids);
    // Back on the first input step returns to the action list; bounded so a stuck script cannot spin.
    for (let round = 0; round < 100; round++) {
      const action = prefill.actionId ? findAction(prefill.actionId) : await pickAction(prompter, catalog.actions, preferred);
      if (!action) throw new UserCancelled();
      // Seed-style names (`meeting_id`, `filter__fromDateTime`) become the catalog's paths before planning, so they are not asked again.
      const input = prefill.actionId ? asRecord(normalizeInput(action, prefill.input ?? {})) : fitContext(askableFields(action), ids);
      const result = await runWizard(askableFields(action), input, {
        title: `Gong: ${action.title}`,
        prompter,
        known,
        backFromFirst: !prefill.actionId,
        warn: m => void vscode.window.showWarningMessage(m),
      });
      if (!result) throw new UserCancelled();
      if (result.kind === 'back') continue;
      if (result.kind === 'json') {
        await editors.open(action, result.input);
        return undefined;
      }
      // A write with prefilled values (from a row, the arguments) gets one summary before it is sent.
      const prefilled = Object.keys(input).length > 0;
      return executeRun(deps, action, result.input, !prefilled);
    }
    throw new UserCancelled();
  });

  registerCommand(context, log, Commands.editActionJson, async (arg?: unknown) => {
    const prefill = prefillOf(arg);
    const action = prefill.actionId ? findAction(prefill.actionId) : await pickAction(services.prompter(), catalog.actions);
    if (!action) throw new UserCancelled();
    const doc = await editors.open(action, prefill.input);
    return doc.uri.toString();
  });

  registerCommand(context, log, Commands.runActionJson, async (arg?: unknown): Promise<RunOutcome | undefined> => {
    const key = typeof arg === 'string' ? arg : arg instanceof vscode.Uri ? arg.toString() : vscode.window.activeTextEditor?.document.uri.toString();
    const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === key);
    const action = doc ? editors.actionOf(doc) : undefined;
    if (!doc || !action) throw new Error('Open a Gong action input (Gong: Edit Action Input as JSON...) to run it.');
    const parsed = parseEditorText(doc.getText());
    if (!parsed.ok) throw new Error(`The JSON is not valid: ${parsed.message}`);
    const problems = editors.check(doc);
    if (problems.length) throw new Error(`${action.title}: fix the input first: ${problems.join('; ')}`);
    // The person has the whole input in front of them in the editor and clicked Run.
    return executeRun(deps, action, parsed.input, true);
  });

  registerCommand(context, log, Commands.runRecentAction, async (): Promise<RunOutcome | undefined> => {
    requireApi(services);
    const profile = services.session.active;
    const runs = profile ? recent.list(profile.name) : [];
    if (runs.length === 0) {
      void vscode.window.showInformationMessage('No recent Gong runs for this profile yet. Use "Gong: Run Action..." first.');
      return undefined;
    }
    const items = runs.map(r => {
      const a = catalog.find(r.actionId);
      return { label: a?.title ?? r.actionId, description: describeInput(r.input), detail: `${r.at}${a ? ` · ${a.method} ${a.path}` : ''}`, run: r };
    });
    const picked = await services.prompter().pick(items, { title: 'Gong: Run Again', placeholder: 'A recent run of this profile', matchOnDescription: true });
    if (picked === undefined || typeof picked === 'symbol') throw new UserCancelled();
    // Run Again asks nothing: a write shows its summary first (executeRun).
    return executeRun(deps, findAction(picked.run.actionId), picked.run.input, false);
  });

  registerCommand(context, log, Commands.copyActionCurl, async (arg?: unknown): Promise<string | undefined> => {
    const profile = services.session.active;
    if (!profile) throw new Error('Not signed in to Gong. Run "Gong: Sign In" first.');
    let run = prefillOf(arg);
    if (!run.actionId) {
      const runs = recent.list(profile.name);
      if (runs.length === 0) throw new Error('No run to copy yet: run an action first.');
      const picked = await services.prompter().pick(runs.map(r => ({ label: catalog.find(r.actionId)?.title ?? r.actionId, description: describeInput(r.input), run: r })), { title: 'Gong: Copy Run as curl' });
      if (picked === undefined || typeof picked === 'symbol') throw new UserCancelled();
      run = { actionId: picked.run.actionId, input: picked.run.input };
    }
    const action = findAction(run.actionId as string);
    const text = curlFor(action, run.input ?? {}, profile.baseUrl, profile.authKind === 'basic' ? 'basic' : 'bearer', { multiline: true });
    await vscode.env.clipboard.writeText(text);
    const vars = profile.authKind === 'basic' ? '$GONG_ACCESS_KEY and $GONG_ACCESS_KEY_SECRET' : '$GONG_BEARER_TOKEN';
    void vscode.window.showInformationMessage(`Copied the curl command for ${action.title}. Set ${vars} in your shell before running it.`);
    return text;
  });

  registerCommand(context, log, Commands.nextResultPage, (uri?: unknown) => nextPage(deps, uri));
  registerCommand(context, log, Commands.fetchAllResults, (uri?: unknown) => fetchAll(deps, uri));
}
