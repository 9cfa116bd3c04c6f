import * as vscode from 'vscode';
import { Commands, UserCancelled, registerCommand } from '../platform/commands';
import type { Services } from '../platform/services';
import { parsePanelState } from '../shared/schemas';
import { EXPORT_FORMATS, type ExportFormat } from '../shared/messages';
import { MULTI_EXPORT_FORMATS, type MultiExportFormat } from '../render/exporters';
import { callIdOf, callIdsOf, dayRangeOf, libraryFolderOf } from '../render/callIds';
import { CallPanels, VIEW_TYPES, type PanelKind, type PanelSnapshot } from './callPanels';

/**
 * Test hook: not contributed (so not in the palette); returns what each open panel was sent and
 * reported, since the webview DOM cannot be reached from the extension host.
 */
export const PANELS_INSPECT_COMMAND = 'gongExplorer.panels.inspect';
/**
 * Set to 1 by scripts/integration.mjs for the extension host it starts: the inspect hook, which hands
 * open calls' data to any caller, exists in test runs only.
 */
export const TEST_HOOKS_ENV = 'GONG_EXPLORER_TEST_HOOKS';

/** Commands of the call panels besides the two in `Commands`. */
export const PanelCommands = {
  exportTranscript: 'gongExplorer.transcript.export',
  /** Args: (calls: callId[] | a day or Library folder row, format?: 'markdown' | 'text' | 'json'). */
  exportTranscripts: 'gongExplorer.transcript.exportMany',
  searchTranscript: 'gongExplorer.transcript.search',
  filterSpeakers: 'gongExplorer.transcript.filterSpeakers',
  copyCallMarkdown: 'gongExplorer.call.copyMarkdown',
} as const;

async function askCallId(services: Services, title: string): Promise<string> {
  const v = await services.prompter().input({
    title,
    prompt: 'Gong call id',
    placeholder: '3091725504466128837',
    validate: s => (/^\d{1,30}$/.test(s.trim()) ? undefined : 'A Gong call id is a number of up to 30 digits.'),
  });
  if (typeof v !== 'string') throw new UserCancelled();
  return v.trim();
}

export function registerPanels(services: Services): void {
  const { context, log } = services;
  const panels = new CallPanels(services);
  context.subscriptions.push(panels);

  for (const kind of Object.keys(VIEW_TYPES) as PanelKind[]) {
    context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(VIEW_TYPES[kind], {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const restored = parsePanelState(state);
        // A panel whose state is missing or not ours cannot be rebuilt; close it rather than show a blank page.
        if (!restored) { panel.dispose(); return; }
        await panels.restore(kind, panel, restored.callId);
      },
    }));
  }

  registerCommand(context, log, Commands.showCallDetails, async (arg?: unknown) => {
    const id = callIdOf(arg) ?? await askCallId(services, 'Show call details');
    await panels.showDetails(id);
  });

  // Second argument `{ at: ms, find?: text }`: open a single transcript scrolled to that moment (with
  // `find` in its search box: a call-search hit).
  registerCommand(context, log, Commands.openTranscript, async (arg?: unknown, options?: unknown) => {
    const { at, find } = (options ?? {}) as { at?: unknown; find?: unknown };
    const one = callIdOf(arg);
    if (one && !Array.isArray(arg) && typeof at === 'number' && Number.isFinite(at) && at >= 0) {
      await panels.openTranscriptAt(one, at, typeof find === 'string' && find.length <= 500 ? find : undefined);
      return;
    }
    const found = await selectedCallIds(services, arg);
    if (found.fromFolder && found.ids.length === 0) { void vscode.window.showInformationMessage('This folder holds no calls.'); return; }
    await panels.openTranscripts(found.ids.length ? found.ids : [await askCallId(services, 'Open transcript')]);
  });

  registerCommand(context, log, PanelCommands.exportTranscript, async (arg?: unknown, format?: unknown) => {
    const fmt = typeof format === 'string' && (EXPORT_FORMATS as readonly string[]).includes(format) ? format as ExportFormat : undefined;
    return panels.exportTranscript(callIdOf(arg) ?? panels.activeTranscript()?.callId, fmt);
  });

  registerCommand(context, log, PanelCommands.exportTranscripts, async (arg?: unknown, format?: unknown) => {
    const found = await selectedCallIds(services, arg);
    let ids = found.ids;
    // An empty folder exports nothing (the export says so); only a missing selection asks for ids.
    if (ids.length === 0 && !found.fromFolder) {
      const v = await services.prompter().input({
        title: 'Export transcripts',
        prompt: 'Gong call ids, separated by commas or spaces',
        validate: t => (t.split(/[\s,]+/).filter(Boolean).every(x => /^\d{1,30}$/.test(x)) && t.trim() ? undefined : 'Call ids are numbers of up to 30 digits.'),
      });
      if (typeof v !== 'string') throw new UserCancelled();
      ids = callIdsOf(v.split(/[\s,]+/).filter(Boolean));
    }
    const fmt = typeof format === 'string' && (MULTI_EXPORT_FORMATS as readonly string[]).includes(format) ? format as MultiExportFormat : undefined;
    return panels.exportManyTranscripts(ids, fmt);
  });

  registerCommand(context, log, PanelCommands.searchTranscript, async (query?: unknown, arg?: unknown) => {
    const callId = callIdOf(arg);
    let q = typeof query === 'string' ? query : undefined;
    if (q === undefined) {
      const v = await services.prompter().input({ title: 'Search transcript', prompt: 'Text to find in the transcript' });
      if (typeof v !== 'string') throw new UserCancelled();
      q = v;
    }
    if (!panels.find(q, callId)) throw new Error('Open a transcript first.');
  });

  registerCommand(context, log, PanelCommands.filterSpeakers, async (arg?: unknown) => {
    const active = panels.activeTranscript();
    const callId = callIdOf(arg) ?? active?.callId;
    const model = callId ? panels.snapshot().find(s => s.kind === 'transcript' && s.callId === callId)?.model : undefined;
    if (!callId || !model || model.kind !== 'transcript') throw new Error('Open a transcript first.');
    const items = model.speakers.map((s, i) => ({ label: s.name, description: `${s.affiliation === 'company' ? 'Company' : s.affiliation === 'external' ? 'External' : 'Unknown'} · ${s.monologues} monologues`, index: i }));
    const picked = await services.prompter().pick(items, { title: 'Show speakers', canPickMany: true });
    if (!Array.isArray(picked)) throw new UserCancelled();
    panels.filterSpeakers(picked.length === 0 || picked.length === items.length ? null : picked.map(p => p.index), callId);
  });

  registerCommand(context, log, PanelCommands.copyCallMarkdown, async (arg?: unknown) => {
    const id = callIdOf(arg) ?? panels.activeDetails()?.callId ?? await askCallId(services, 'Copy call as Markdown');
    await panels.copyDetailsMarkdown(id);
  });

  if (process.env[TEST_HOOKS_ENV] === '1') {
    context.subscriptions.push(vscode.commands.registerCommand(PANELS_INSPECT_COMMAND, (): PanelSnapshot[] => panels.snapshot()));
  }
}

/**
 * A Calls-view day row loads its calls only when expanded (and a page at a time), so its loaded
 * ids may be none or partial: the day's calls are fetched by its bounds instead.
 */
/**
 * The calls a command argument stands for: a day row (its calls fetched by the day's bounds), call
 * rows or ids, or a Library folder (its calls fetched). `fromFolder` tells an empty folder apart from
 * an argument that named no calls, since the commands answer those two differently.
 */
async function selectedCallIds(services: Services, arg: unknown): Promise<{ ids: string[]; fromFolder: boolean }> {
  const ids = await dayCallIds(services, arg) ?? callIdsOf(arg);
  const folder = ids.length === 0 ? libraryFolderOf(arg) : undefined;
  if (!folder) return { ids, fromFolder: false };
  if (!services.session.api()) throw new Error('Sign in to Gong first.');
  return { ids: await services.data.folderCallIds(folder), fromFolder: true };
}

async function dayCallIds(services: Services, arg: unknown): Promise<string[] | undefined> {
  const day = dayRangeOf(arg);
  if (!day) return undefined;
  if (!services.session.api()) throw new Error('Sign in to Gong first.');
  const ids = await services.data.callIdsInRange(day.from, day.to);
  if (ids.length === 0) throw new Error('No calls on this day.');
  return ids;
}
