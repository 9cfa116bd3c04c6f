import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { classify, failureLine } from '../gong/failure';
import type { GongApi } from '../gong/types';
import { Commands, UserCancelled } from '../platform/commands';
import type { Services } from '../platform/services';
import { buildCallDetails, callDetailsMarkdown, commenterIdsToResolve, type NameLookup } from '../render/callDetails';
import { checkBudget, transcriptRequestCost } from '../gong/budget';
import { EXPORT_FILES, MULTI_EXPORT_FORMATS, exportFileName, exportTranscript, exportTranscripts, type MultiExportFormat } from '../render/exporters';
import type { Obj } from '../render/read';
import { buildTranscript } from '../render/transcript';
import { actionsFor } from '../tree/actions';
import { EXPORT_FORMATS, type ExportFormat, type HostMessage, type PageMessage, type PageStatus } from '../shared/messages';
import type { CallDetailsModel, TranscriptModel } from '../shared/models';
import { parsePageMessage } from '../shared/schemas';
import { gongLink, oneLine } from '../shared/safeText';
import { localRoots, pageHtml, type PageName } from './html';

export type PanelKind = 'details' | 'transcript';

export const VIEW_TYPES: Record<PanelKind, string> = {
  details: 'gongExplorer.callDetails',
  transcript: 'gongExplorer.transcript',
};

const PAGES: Record<PanelKind, PageName> = { details: 'callDetails', transcript: 'transcript' };

/** Opening more transcript panels than this at once asks first. */
export const CONFIRM_OVER = 10;

/** What the test hook reports about a panel; the webview DOM itself is out of the host's reach. */
export interface PanelSnapshot {
  kind: PanelKind;
  callId: string;
  active: boolean;
  visible: boolean;
  ready: boolean;
  model: CallDetailsModel | TranscriptModel | undefined;
  /** Types of the messages posted to the page, in order. */
  sent: string[];
  /** Valid messages received from the page, in order (status messages included). */
  received: PageMessage[];
  /** Messages the host refused (failed validation). */
  rejected: number;
  status: PageStatus | undefined;
  error: string | undefined;
  /** The page's Content-Security-Policy and the folders the webview may load from. */
  csp: string | undefined;
  localResourceRoots: string[];
}

interface Entry {
  kind: PanelKind;
  callId: string;
  panel: vscode.WebviewPanel;
  ready: boolean;
  model: CallDetailsModel | TranscriptModel | undefined;
  error: HostMessage | undefined;
  loading: Promise<void> | undefined;
  sent: string[];
  received: PageMessage[];
  rejected: number;
  status: PageStatus | undefined;
  /** A moment to scroll to once the transcript has been sent (opened from a time in the details). */
  pendingJump: number | undefined;
  /** Text to put in the transcript's search box once it has been sent (opened from a search hit). */
  pendingFind: string | undefined;
  disposables: vscode.Disposable[];
}

/** A tab title: direction controls shown as markers ([RLO]) like everywhere else, one line, bounded. */
const tabTitle = (prefix: string, title: string): string => `${prefix}: ${oneLine(title, 60)}`;

/** One panel per call and kind; opening again reveals it. */
export class CallPanels implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires whenever a panel receives a message or changes state (tests wait on it). */
  readonly onDidChange = this.changed.event;
  private lastTranscript: Entry | undefined;
  private lastDetails: Entry | undefined;

  constructor(private readonly services: Services) {
    services.context.subscriptions.push(services.session.onDidChange(() => {
      this.retrySignedOut();
    }));
  }

  private key(kind: PanelKind, callId: string): string { return `${kind}:${callId}`; }

  private get extensionUri(): vscode.Uri { return this.services.context.extensionUri; }

  /** Opens (or reveals) the details panel of a call. */
  async showDetails(callId: string): Promise<void> {
    const e = this.open('details', callId);
    await this.load(e);
  }

  /**
   * Opens transcript panels for the given calls. All transcripts (and the calls' parties) are fetched
   * with one request per 100 ids, not one per call.
   */
  async openTranscripts(callIds: readonly string[]): Promise<void> {
    let ids = [...new Set(callIds)];
    if (ids.length === 0) return;
    if (ids.length > CONFIRM_OVER) {
      const first = `Open the First ${CONFIRM_OVER}`;
      const go = await this.services.prompter().confirm(`Open ${ids.length} transcripts?`, { modal: true, detail: 'Each opens in its own tab; they are fetched 100 calls a request.' }, 'Open All', first);
      if (go === first) ids = ids.slice(0, CONFIRM_OVER);
      else if (go !== 'Open All') throw new UserCancelled();
    }
    const entries = ids.map(id => this.open('transcript', id, ids.length > 1));
    // Panels already showing (or fetching) their transcript are only revealed.
    const todo = entries.filter(e => !e.model && !e.loading);
    if (todo.length === 0) return;
    if (todo.length === 1) { await this.load(todo[0] as Entry); return; }
    const api = this.services.session.api();
    if (!api) { for (const e of todo) this.signedOut(e); return; }
    const loading = this.fetchTranscriptModels(api, todo.map(e => e.callId)).then(models => {
      for (const e of todo) {
        const m = models.get(e.callId);
        if (m) this.setModel(e, m); else this.setError(e, { type: 'error', message: `Gong returned no transcript for call ${e.callId}.` });
      }
    }, err => { for (const e of todo) this.failed(e, err); });
    for (const e of todo) e.loading = loading.finally(() => { e.loading = undefined; });
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Fetching ${todo.length} transcripts from Gong` }, () => loading);
  }

  /**
   * Opens one transcript, scrolled to `at` ms when given (a time clicked in the details), with `find`
   * in its search box when given (a search hit).
   */
  async openTranscriptAt(callId: string, at?: number, find?: string): Promise<void> {
    const existing = this.entries.get(this.key('transcript', callId));
    if (at !== undefined) {
      if (existing?.ready && existing.model) {
        existing.panel.reveal();
        if (find !== undefined) this.post(existing, { type: 'find', query: find });
        this.post(existing, { type: 'jumpTo', ms: at });
        return;
      }
      const e = existing ?? this.open('transcript', callId);
      e.pendingJump = at;
      e.pendingFind = find;
      e.panel.reveal();
      await this.load(e);
      return;
    }
    await this.openTranscripts([callId]);
  }

  /** Restores a panel VS Code kept across a window reload. */
  async restore(kind: PanelKind, panel: vscode.WebviewPanel, callId: string): Promise<void> {
    const e = this.adopt(kind, callId, panel);
    await this.load(e);
  }

  private open(kind: PanelKind, callId: string, preserveFocus = false): Entry {
    const existing = this.entries.get(this.key(kind, callId));
    if (existing) {
      existing.panel.reveal(undefined, preserveFocus);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPES[kind], kind === 'details' ? `Call ${callId}` : `Transcript ${callId}`,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus },
      { enableScripts: true, localResourceRoots: localRoots(this.extensionUri), enableFindWidget: false, retainContextWhenHidden: false });
    return this.adopt(kind, callId, panel);
  }

  private adopt(kind: PanelKind, callId: string, panel: vscode.WebviewPanel): Entry {
    const e: Entry = { kind, callId, panel, ready: false, model: undefined, error: undefined, loading: undefined, sent: [], received: [], rejected: 0, status: undefined, pendingJump: undefined, pendingFind: undefined, disposables: [] };
    this.entries.set(this.key(kind, callId), e);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'gong.svg');
    panel.webview.options = { enableScripts: true, localResourceRoots: localRoots(this.extensionUri) };
    e.disposables.push(panel.webview.onDidReceiveMessage(raw => this.onMessage(e, raw)));
    e.disposables.push(panel.onDidChangeViewState(ev => {
      if (ev.webviewPanel.active) { if (kind === 'transcript') this.lastTranscript = e; else this.lastDetails = e; }
    }));
    e.disposables.push(panel.onDidDispose(() => {
      this.entries.delete(this.key(kind, callId));
      if (this.lastTranscript === e) this.lastTranscript = undefined;
      if (this.lastDetails === e) this.lastDetails = undefined;
      for (const d of e.disposables) d.dispose();
      this.changed.fire();
    }));
    if (kind === 'transcript') this.lastTranscript = e; else this.lastDetails = e;
    panel.webview.html = pageHtml(panel.webview, this.extensionUri, PAGES[kind]);
    return e;
  }

  private post(e: Entry, msg: HostMessage): void {
    if (!e.ready) return; // sent on `ready`; the page may have been reloaded since
    e.sent.push(msg.type);
    void e.panel.webview.postMessage(msg);
  }

  private sendCurrent(e: Entry): void {
    if (e.model) {
      this.post(e, e.model.kind === 'callDetails' ? { type: 'callDetails', model: e.model } : { type: 'transcript', model: e.model });
      if (e.pendingFind !== undefined && e.ready) { this.post(e, { type: 'find', query: e.pendingFind }); e.pendingFind = undefined; }
      if (e.pendingJump !== undefined && e.ready) { this.post(e, { type: 'jumpTo', ms: e.pendingJump }); e.pendingJump = undefined; }
    } else if (e.error) this.post(e, { ...e.error, callId: e.callId } as HostMessage);
    else this.post(e, { type: 'loading', title: e.kind === 'details' ? `call ${e.callId}` : `the transcript of call ${e.callId}`, callId: e.callId });
  }

  private setModel(e: Entry, model: CallDetailsModel | TranscriptModel): void {
    e.model = model;
    e.error = undefined;
    e.panel.title = tabTitle(e.kind === 'details' ? 'Call' : 'Transcript', model.title);
    this.sendCurrent(e);
    this.changed.fire();
  }

  private setError(e: Entry, msg: HostMessage & { type: 'error' }): void {
    e.error = msg;
    this.sendCurrent(e);
    this.changed.fire();
  }

  private signedOut(e: Entry): void {
    this.setError(e, { type: 'error', message: 'Sign in to Gong to see this call.', signIn: true });
  }

  private failed(e: Entry, err: unknown): void {
    if (UserCancelled.is(err)) return;
    const f = classify(err);
    if (f.cancelled) return;
    // Only credentials Gong no longer accepts offer Sign In; a refusal or missing scope stays on this panel.
    if (f.signInAgain) this.services.session.reportAuthFailure();
    this.services.log.warn(`${VIEW_TYPES[e.kind]} ${e.callId}: ${f.text}${f.requestId ? ` (request id ${f.requestId})` : ''}`);
    this.setError(e, { type: 'error', message: failureLine(f), signIn: f.signInAgain, ...(f.requestId ? { requestId: f.requestId } : {}) });
  }

  private load(e: Entry, force = false): Promise<void> {
    if (e.loading) return e.loading;
    if (e.model && !force) { this.sendCurrent(e); return Promise.resolve(); }
    const api = this.services.session.api();
    if (!api) { this.signedOut(e); return Promise.resolve(); }
    e.error = undefined;
    this.sendCurrent(e);
    const run = async () => {
      try {
        if (e.kind === 'details') {
          const call = await this.fetchCall(api, e.callId, force);
          if (!call) this.setError(e, { type: 'error', message: `Gong has no call ${e.callId}, or this profile may not see it.` });
          else this.setModel(e, buildCallDetails(call, await this.names(api, call)));
        } else {
          const models = await this.fetchTranscriptModels(api, [e.callId]);
          const m = models.get(e.callId);
          if (m) this.setModel(e, m);
          else this.setError(e, { type: 'error', message: `Gong returned no transcript for call ${e.callId}.` });
        }
      } catch (err) {
        this.failed(e, err);
      }
    };
    e.loading = run().finally(() => { e.loading = undefined; });
    return e.loading;
  }

  private async names(_api: GongApi, call: Obj): Promise<NameLookup> {
    const workspaces = this.services.data.workspaceNames().catch(err => {
      this.services.log.warn(`workspace names: ${classify(err).text}`);
      return new Map<string, string>();
    });
    const [users, ws] = await Promise.all([this.commenterNames(call), workspaces]);
    return { users, workspaces: ws };
  }

  /** Comment authors who are not parties of the call; a failed lookup only costs the names. */
  private async commenterNames(call: Obj): Promise<Map<string, string>> {
    try {
      return await this.services.data.userNames(commenterIdsToResolve(call));
    } catch (err) {
      this.services.log.warn(`comment authors: ${classify(err).text}`);
      return new Map();
    }
  }

  private async fetchCall(_api: GongApi, callId: string, force: boolean): Promise<Obj | undefined> {
    return (await this.services.data.callDetails([callId], { force })).get(callId);
  }

  /** Transcripts plus the calls' parties for speaker names, both in batches of 100 ids. */
  private async fetchTranscriptModels(_api: GongApi, callIds: readonly string[]): Promise<Map<string, TranscriptModel>> {
    const data = this.services.data;
    const [transcripts, calls] = await Promise.all([
      data.transcripts(callIds),
      // Without parties the transcript still opens (speakers become "Speaker 1", ...).
      data.callDetails(callIds).catch(err => { this.services.log.warn(`call parties: ${classify(err).text}`); return new Map<string, Obj>(); }),
    ]);
    const out = new Map<string, TranscriptModel>();
    for (const id of callIds) {
      const t = transcripts.get(id);
      if (t) out.set(id, buildTranscript(t, calls.get(id)));
    }
    return out;
  }

  private retrySignedOut(): void {
    if (!this.services.session.api()) return;
    for (const e of this.entries.values()) if (e.error && (e.error.type === 'error' && e.error.signIn)) void this.load(e, true);
  }

  private async onMessage(e: Entry, raw: unknown): Promise<void> {
    const msg = parsePageMessage(raw);
    if (!msg) {
      e.rejected++;
      this.services.log.warn(`${VIEW_TYPES[e.kind]}: ignored an invalid message from the page`);
      return;
    }
    if (msg.type === 'status') { e.status = msg.status; }
    e.received.push(msg);
    if (e.received.length > 500) e.received.splice(0, e.received.length - 500);
    this.changed.fire();
    try {
      await this.handle(e, msg);
    } catch (err) {
      if (UserCancelled.is(err)) return;
      const text = err instanceof Error ? err.message : String(err);
      this.services.log.error(`${VIEW_TYPES[e.kind]} ${msg.type}: ${text}`);
      void vscode.window.showErrorMessage(text);
    }
  }

  private async handle(e: Entry, msg: PageMessage): Promise<void> {
    switch (msg.type) {
      case 'ready': e.ready = true; if (!e.loading) await this.load(e); else this.sendCurrent(e); return;
      case 'retry': await this.load(e, true); return;
      case 'signIn':
        await vscode.commands.executeCommand(Commands.signIn);
        if (this.services.session.api()) await this.load(e, true);
        return;
      case 'openInGong': {
        const url = e.model?.url;
        const link = gongLink(url);
        if (link !== undefined) await vscode.env.openExternal(vscode.Uri.parse(link, true));
        return;
      }
      case 'openTranscript': await this.openTranscriptAt(e.callId, msg.at); return;
      case 'openDetails': await this.showDetails(e.callId); return;
      case 'copyId': await this.copy(e.callId, 'Call id copied'); return;
      case 'copyMarkdown': {
        const md = this.markdownOf(e);
        if (md) await this.copy(md, 'Copied as Markdown');
        return;
      }
      case 'runAction': await this.runActionFor(e.callId); return;
      case 'copyText': await this.copy(msg.text, 'Passage copied'); return;
      case 'copyRequestId': if (e.error?.type === 'error' && e.error.requestId) await this.copy(e.error.requestId, 'Request id copied'); return;
      case 'export': await this.exportTranscript(e.callId, msg.format); return;
      case 'status': return;
    }
  }

  /** Run Action for this call: the actions that take a call (ids filled in), or any action with `id` prefilled. */
  private async runActionFor(callId: string): Promise<void> {
    const choices = [
      ...actionsFor({ kind: 'call', gongId: callId, callId, json: {} }).map(c => ({ label: c.label, description: c.actionId, prefill: { actionId: c.actionId, input: c.input } })),
      { label: 'Another action...', description: 'with this call id filled in where an action asks for `id`', prefill: { input: { id: callId } } as Record<string, unknown> },
    ];
    const picked = await this.services.prompter().pick(choices, { title: `Run Action for call ${callId}` });
    if (!picked || typeof picked !== 'object') throw new UserCancelled();
    await vscode.commands.executeCommand(Commands.runAction, picked.prefill);
  }

  private markdownOf(e: Entry): string | undefined {
    if (!e.model) return undefined;
    return e.model.kind === 'callDetails' ? callDetailsMarkdown(e.model) : exportTranscript(e.model, 'markdown');
  }

  private async copy(text: string, done: string): Promise<void> {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`$(check) ${done}`, 2500);
  }

  /** The transcript of a call: from its open panel, else fetched. */
  private async transcriptModel(callId: string): Promise<TranscriptModel> {
    const open = this.entries.get(this.key('transcript', callId));
    if (open?.loading) await open.loading;
    if (open?.model?.kind === 'transcript') return open.model;
    const api = this.services.session.api();
    if (!api) throw new Error('Sign in to Gong first.');
    const m = (await this.fetchTranscriptModels(api, [callId])).get(callId);
    if (!m) throw new Error(`Gong returned no transcript for call ${callId}.`);
    return m;
  }

  /** Exports a transcript to a file the user picks; returns the path written. */
  async exportTranscript(callId: string | undefined, format?: ExportFormat): Promise<string | undefined> {
    const id = callId ?? this.lastTranscript?.callId;
    if (!id) throw new Error('Open a transcript first.');
    const model = await this.transcriptModel(id);
    const prompter = this.services.prompter();
    let fmt = format;
    if (!fmt) {
      const picked = await prompter.pick(EXPORT_FORMATS.map(f => ({ label: EXPORT_FILES[f].label, description: `.${EXPORT_FILES[f].ext}`, format: f })), { title: 'Export transcript as' });
      if (!picked || typeof picked !== 'object') throw new UserCancelled();
      fmt = picked.format;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? homedir();
    const file = EXPORT_FILES[fmt];
    const target = await prompter.saveFile({ title: `Export transcript as ${file.label}`, defaultName: join(folder, exportFileName(model, fmt)), filters: { [file.label]: [file.ext] } });
    if (!target) throw new UserCancelled();
    await writeFile(target, exportTranscript(model, fmt), 'utf8');
    void vscode.window.showInformationMessage(`Transcript saved to ${target}`);
    return target;
  }

  /**
   * Exports the transcripts of many calls (a day, a Library folder) into one file, fetched 100 calls a
   * request. Returns the path written and how many transcripts it holds.
   */
  async exportManyTranscripts(callIds: readonly string[], format?: MultiExportFormat): Promise<{ path: string; count: number } | undefined> {
    const ids = [...new Set(callIds)];
    if (ids.length === 0) throw new Error('No calls to export.');
    const api = this.services.session.api();
    if (!api) throw new Error('Sign in to Gong first.');
    const prompter = this.services.prompter();
    let fmt = format;
    if (!fmt) {
      const picked = await prompter.pick(MULTI_EXPORT_FORMATS.map(f => ({ label: EXPORT_FILES[f].label, description: `.${EXPORT_FILES[f].ext}`, format: f })), { title: `Export ${ids.length} transcripts as` });
      if (!picked || typeof picked !== 'object') throw new UserCancelled();
      fmt = picked.format;
    }
    const file = EXPORT_FILES[fmt];
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? homedir();
    const target = await prompter.saveFile({ title: `Export ${ids.length} transcripts as ${file.label}`, defaultName: join(folder, `gong-transcripts.${file.ext}`), filters: { [file.label]: [file.ext] } });
    if (!target) throw new UserCancelled();
    // Transcripts plus the calls' parties: two requests per 100 calls at least.
    const budget = checkBudget(this.services.session.stats(), 2 * transcriptRequestCost(ids.length));
    if (budget.over) {
      const go = await prompter.confirm(`Export ${ids.length} transcripts? ${budget.text}`, { modal: true, detail: 'Gong may refuse requests past the company\'s daily limit until tomorrow.' }, 'Export Past the Budget');
      if (go !== 'Export Past the Budget') throw new UserCancelled();
    }
    const models = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Fetching ${ids.length} transcripts from Gong (${budget.text.replace(/^That takes /, '').replace(/\.$/, '')})` }, () => this.fetchTranscriptModels(api, ids));
    const ordered = ids.map(id => models.get(id)).filter((m): m is TranscriptModel => m !== undefined);
    if (ordered.length === 0) throw new Error('Gong returned no transcript for these calls.');
    await writeFile(target, exportTranscripts(ordered, fmt), 'utf8');
    const missing = ids.length - ordered.length;
    void vscode.window.showInformationMessage(`${ordered.length} transcripts saved to ${target}${missing ? ` (${missing} calls have no transcript)` : ''}`);
    return { path: target, count: ordered.length };
  }

  /** Posts a search to a transcript panel (the open one for callId, else the last active). */
  find(query: string, callId?: string): boolean {
    const e = callId ? this.entries.get(this.key('transcript', callId)) : this.lastTranscript;
    if (!e) return false;
    this.post(e, { type: 'find', query });
    return true;
  }

  filterSpeakers(speakers: number[] | null, callId?: string): boolean {
    const e = callId ? this.entries.get(this.key('transcript', callId)) : this.lastTranscript;
    if (!e) return false;
    this.post(e, { type: 'filterSpeakers', speakers });
    return true;
  }

  jumpTo(ms: number, callId?: string): boolean {
    const e = callId ? this.entries.get(this.key('transcript', callId)) : this.lastTranscript;
    if (!e) return false;
    this.post(e, { type: 'jumpTo', ms });
    return true;
  }

  /** The transcript panel a palette command acts on. */
  activeTranscript(): { callId: string; model: TranscriptModel | undefined } | undefined {
    const e = this.lastTranscript;
    return e ? { callId: e.callId, model: e.model?.kind === 'transcript' ? e.model : undefined } : undefined;
  }

  activeDetails(): { callId: string; model: CallDetailsModel | undefined } | undefined {
    const e = this.lastDetails;
    return e ? { callId: e.callId, model: e.model?.kind === 'callDetails' ? e.model : undefined } : undefined;
  }

  /** Copies a call's details as Markdown (the open panel's model, else fetched). */
  async copyDetailsMarkdown(callId: string): Promise<void> {
    const open = this.entries.get(this.key('details', callId));
    let model = open?.model?.kind === 'callDetails' ? open.model : undefined;
    if (!model) {
      const api = this.services.session.api();
      if (!api) throw new Error('Sign in to Gong first.');
      const call = await this.fetchCall(api, callId, false);
      if (!call) throw new Error(`Gong has no call ${callId}, or this profile may not see it.`);
      model = buildCallDetails(call, await this.names(api, call));
    }
    await this.copy(callDetailsMarkdown(model), 'Copied as Markdown');
  }

  snapshot(): PanelSnapshot[] {
    return [...this.entries.values()].map(e => ({
      kind: e.kind, callId: e.callId, active: e.panel.active, visible: e.panel.visible, ready: e.ready, model: e.model,
      sent: [...e.sent], received: [...e.received], rejected: e.rejected, status: e.status,
      error: e.error?.type === 'error' ? e.error.message : undefined,
      csp: /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(e.panel.webview.html)?.[1],
      localResourceRoots: (e.panel.webview.options.localResourceRoots ?? []).map(u => u.path),
    }));
  }

  /**
   * Drops listeners only. The panels stay: VS Code owns them across a shutdown, and closing them here
   * would leave nothing for the serializer to restore after a reload.
   */
  dispose(): void {
    for (const e of this.entries.values()) for (const d of e.disposables) d.dispose();
    this.entries.clear();
    this.changed.dispose();
  }
}
