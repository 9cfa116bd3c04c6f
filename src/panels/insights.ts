/**
 * Insights panels: one per person, team or tracker. The host fetches through src/data/insights.ts (the
 * catalog's stats actions), builds the view model in plain Node and sends it; the page (insights.js,
 * the only bundle that carries the charting library) draws it. Inbound messages are checked with
 * zod before anything is done with them.
 */
import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { classify, failureLine } from '../gong/failure';
import { loadInsights, trackerCost } from '../data/insights';
import { Commands, UserCancelled, registerCommand } from '../platform/commands';
import type { Services } from '../platform/services';
import { insightsCsv } from '../render/insights';
import { RANGE_CHOICES, TEAM_ID, type InsightsHostMessage, type InsightsModel, type InsightsPageMessage, type InsightsState, type InsightsStatus, type Period, type RangeId } from '../shared/insights';
import { parseInsightsMessage, parseInsightsState } from '../shared/insightsSchemas';
import { bidiControlPattern, oneLine } from '../shared/safeText';
import { localRoots, pageHtml } from './html';

export const INSIGHTS_VIEW_TYPE = 'gongExplorer.insights';
export const SHOW_INSIGHTS_COMMAND = 'gongExplorer.insights.show';

/** A tracker over more calls than this asks before fetching them (100 calls a request). */
export const TRACKER_CONFIRM_REQUESTS = 10;

type Kind = InsightsModel['kind'];

interface Entry {
  kind: Kind;
  subjectId: string;
  subject: string;
  rangeId: RangeId;
  period: Period | undefined;
  panel: vscode.WebviewPanel;
  ready: boolean;
  model: InsightsModel | undefined;
  error: (InsightsHostMessage & { type: 'error' }) | undefined;
  loading: Promise<void> | undefined;
  abort: AbortController | undefined;
  sent: string[];
  received: string[];
  rejected: number;
  status: InsightsStatus | undefined;
  written: string[];
  disposables: vscode.Disposable[];
}

/** What tests read about an insights panel (the webview DOM is out of the host's reach). */
export interface InsightsSnapshot {
  kind: Kind;
  subjectId: string;
  rangeId: RangeId;
  period: Period | undefined;
  model: InsightsModel | undefined;
  error: string | undefined;
  sent: string[];
  received: string[];
  rejected: number;
  status: InsightsStatus | undefined;
  /** Files the panel wrote (CSV, PNG), in order. */
  written: string[];
  /** The page's Content-Security-Policy. */
  csp: string | undefined;
}

/**
 * "Today" for Gong's stats ranges, which may not end after the company's today: the calendar day at
 * UTC-12, which is never later than the day anywhere, so no company sees a range end in its future.
 */
export function statsToday(now = Date.now()): string {
  return new Date(now - 12 * 3_600_000).toISOString().slice(0, 10);
}

const tabTitle = (kind: Kind, subject: string): string => `${kind === 'team' ? 'Team' : kind === 'tracker' ? 'Tracker' : 'Insights'}: ${oneLine(subject, 50)}`;

export class InsightsPanels implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires whenever a panel receives a message or changes state (tests wait on it). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly services: Services) {
    services.context.subscriptions.push(services.session.onDidChange(() => {
      // A new session (or none): every open panel reloads with it.
      for (const e of this.entries.values()) { e.model = undefined; void this.load(e); }
    }));
  }

  private key(kind: Kind, id: string): string { return `${kind}:${id}`; }

  async show(kind: Kind, subjectId: string, subject: string, options: { rangeId?: RangeId; period?: Period } = {}): Promise<void> {
    const existing = this.entries.get(this.key(kind, subjectId));
    if (existing) {
      existing.panel.reveal();
      if (options.rangeId && (options.rangeId !== existing.rangeId || options.period !== existing.period)) {
        existing.rangeId = options.rangeId;
        existing.period = options.period;
        await this.load(existing, true);
      }
      return;
    }
    const panel = vscode.window.createWebviewPanel(INSIGHTS_VIEW_TYPE, tabTitle(kind, subject), { viewColumn: vscode.ViewColumn.Active },
      { enableScripts: true, localResourceRoots: localRoots(this.services.context.extensionUri), enableFindWidget: false, retainContextWhenHidden: false });
    const e = this.adopt(panel, { kind, subjectId, subject, rangeId: options.rangeId ?? (kind === 'user' ? '3m' : '3m'), period: options.period ?? 'WEEK' });
    await this.load(e);
  }

  /** Brings a panel back after a window reload from the state its page saved. */
  async restore(panel: vscode.WebviewPanel, raw: unknown): Promise<void> {
    const state = parseInsightsState(raw);
    if (!state) { panel.dispose(); return; }
    const e = this.adopt(panel, state);
    await this.load(e);
  }

  private adopt(panel: vscode.WebviewPanel, s: InsightsState): Entry {
    const e: Entry = {
      kind: s.kind, subjectId: s.subjectId, subject: s.subject, rangeId: s.rangeId, period: s.period, panel,
      ready: false, model: undefined, error: undefined, loading: undefined, abort: undefined,
      sent: [], received: [], rejected: 0, status: undefined, written: [], disposables: [],
    };
    this.entries.set(this.key(s.kind, s.subjectId), e);
    const uri = this.services.context.extensionUri;
    panel.iconPath = vscode.Uri.joinPath(uri, 'media', 'gong.svg');
    panel.webview.options = { enableScripts: true, localResourceRoots: localRoots(uri) };
    e.disposables.push(panel.webview.onDidReceiveMessage(raw => { void this.onMessage(e, raw); }));
    e.disposables.push(panel.onDidDispose(() => {
      e.abort?.abort();
      this.entries.delete(this.key(e.kind, e.subjectId));
      for (const d of e.disposables) d.dispose();
      this.changed.fire();
    }));
    panel.webview.html = pageHtml(panel.webview, uri, 'insights');
    return e;
  }

  private post(e: Entry, msg: InsightsHostMessage): void {
    if (!e.ready) return;
    e.sent.push(msg.type);
    void e.panel.webview.postMessage(msg);
  }

  private sendCurrent(e: Entry): void {
    if (e.loading) this.post(e, { type: 'loading', subject: e.subject, rangeId: e.rangeId, period: e.period ?? 'WEEK' });
    else if (e.error) this.post(e, e.error);
    else if (e.model) this.post(e, { type: 'model', model: e.model });
    else this.post(e, { type: 'loading', subject: e.subject, rangeId: e.rangeId, period: e.period ?? 'WEEK' });
  }

  private load(e: Entry, force = false): Promise<void> {
    if (e.loading && !force) return e.loading;
    e.abort?.abort();
    const abort = new AbortController();
    e.abort = abort;
    const run = (async () => {
      const api = this.services.session.api();
      if (!api) {
        e.error = { type: 'error', message: 'Sign in to Gong to see insights.', signIn: true };
        return;
      }
      e.error = undefined;
      try {
        if (e.kind === 'tracker') await this.confirmTrackerCost(e, abort.signal);
        const model = await loadInsights(api, { kind: e.kind, subjectId: e.subjectId, subject: e.subject, rangeId: e.rangeId, period: e.period, today: statsToday() }, abort.signal);
        if (abort.signal.aborted) return;
        e.model = model;
        e.period = model.period;
        e.subject = model.subject;
        e.panel.title = tabTitle(e.kind, model.subject);
      } catch (err) {
        if (abort.signal.aborted) return;
        if (UserCancelled.is(err)) {
          e.error = { type: 'error', message: 'Not loaded: the request cost was declined. Retry to be asked again.' };
          return;
        }
        const f = classify(err);
        if (f.cancelled) return;
        if (f.signInAgain) this.services.session.reportAuthFailure();
        this.services.log.warn(`insights ${e.kind} ${e.subjectId}: ${f.text}`);
        e.error = { type: 'error', message: failureLine(f), signIn: f.signInAgain };
      }
    })();
    e.loading = run;
    this.sendCurrent(e);
    return run.finally(() => {
      if (e.loading === run) e.loading = undefined;
      if (e.abort === abort) e.abort = undefined;
      if (!abort.signal.aborted) this.sendCurrent(e);
      this.changed.fire();
    });
  }

  /** A tracker reads 100 calls a request: over a few requests, say what it costs and ask first. */
  private async confirmTrackerCost(e: Entry, signal: AbortSignal): Promise<void> {
    const api = this.services.session.api();
    if (!api) return;
    const cost = await trackerCost(api, e.rangeId, statsToday(), signal);
    if (cost.requests <= TRACKER_CONFIRM_REQUESTS) return;
    const stats = this.services.session.stats();
    const left = Math.max(0, stats.dailyBudget - stats.requestsToday);
    const seconds = Math.ceil(cost.requests / 3);
    const go = await this.services.prompter().confirm(
      `Counting "${e.subject}" over ${cost.calls.toLocaleString('en-US')} calls takes ${cost.requests} requests.`,
      { modal: true, detail: `About ${seconds} s at Gong's 3 requests a second; ${left.toLocaleString('en-US')} of today's ${stats.dailyBudget.toLocaleString('en-US')} requests are left.` },
      'Count Mentions',
    );
    if (go !== 'Count Mentions') throw new UserCancelled();
  }

  private async onMessage(e: Entry, raw: unknown): Promise<void> {
    const msg: InsightsPageMessage | undefined = parseInsightsMessage(raw);
    if (!msg) { e.rejected++; this.changed.fire(); return; }
    e.received.push(msg.type);
    try {
      switch (msg.type) {
        case 'ready': e.ready = true; this.sendCurrent(e); break;
        case 'retry': await this.load(e, true); break;
        case 'signIn': await vscode.commands.executeCommand(Commands.signIn); break;
        case 'setRange':
          e.rangeId = msg.rangeId;
          e.period = msg.period;
          await this.load(e, true);
          break;
        case 'copyCsv': {
          const csv = e.model ? insightsCsv(e.model, msg.chartId) : undefined;
          if (csv === undefined) break;
          await vscode.env.clipboard.writeText(csv);
          void vscode.window.setStatusBarMessage('Copied as CSV', 3000);
          break;
        }
        case 'exportCsv': await this.exportCsvOf(e, msg.chartId); break;
        case 'exportPng': {
          const bytes = Buffer.from(msg.dataUrl.slice(msg.dataUrl.indexOf(',') + 1), 'base64');
          // A PNG begins with its 8-byte signature; anything else is not written.
          if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0x89504e47) { e.rejected++; break; }
          await this.save(e, `${msg.chartId}.png`, 'PNG image', 'png', bytes);
          break;
        }
        case 'status': e.status = msg.status; break;
      }
    } catch (err) {
      if (!UserCancelled.is(err)) void vscode.window.showErrorMessage(`Insights: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.changed.fire();
  }

  /** Saves a chart's numbers (or the team table, `team`) as CSV to a file the person picks; returns the path. */
  async exportCsv(kind: Kind, subjectId: string, chartId: string): Promise<string | undefined> {
    const e = this.entries.get(this.key(kind, subjectId));
    if (!e) throw new Error('Open these insights first.');
    return this.exportCsvOf(e, chartId);
  }

  private async exportCsvOf(e: Entry, chartId: string): Promise<string | undefined> {
    const csv = e.model ? insightsCsv(e.model, chartId) : undefined;
    if (csv === undefined) return undefined;
    return this.save(e, `${chartId}.csv`, 'CSV', 'csv', csv);
  }

  private async save(e: Entry, suffix: string, label: string, ext: string, data: string | Buffer): Promise<string> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? homedir();
    const base = e.subject.replace(bidiControlPattern(), '').replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'insights';
    const target = await this.services.prompter().saveFile({ title: `Save ${label}`, defaultName: join(folder, `${base}-${e.rangeId}-${suffix}`), filters: { [label]: [ext] } });
    if (!target) throw new UserCancelled();
    await writeFile(target, data);
    e.written.push(target);
    void vscode.window.showInformationMessage(`Saved to ${target}`);
    return target;
  }

  snapshot(): InsightsSnapshot[] {
    return [...this.entries.values()].map(e => ({
      kind: e.kind, subjectId: e.subjectId, rangeId: e.rangeId, period: e.period, model: e.model, error: e.error?.message,
      sent: [...e.sent], received: [...e.received], rejected: e.rejected, status: e.status, written: [...e.written],
      csp: /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(e.panel.webview.html)?.[1],
    }));
  }

  dispose(): void {
    for (const e of [...this.entries.values()]) e.panel.dispose();
    this.changed.dispose();
  }
}

/** The person, team or tracker a command argument (a tree row) stands for. */
export function insightsSubjectOf(arg: unknown): { kind: Kind; id: string; name: string } | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as { item?: { kind?: unknown; gongId?: unknown }; label?: unknown };
  const kind = node.item?.kind;
  const id = node.item?.gongId;
  if (typeof id !== 'string' || !/^\d{1,30}$/.test(id)) return undefined;
  const name = typeof node.label === 'string' ? node.label : id;
  if (kind === 'user') return { kind: 'user', id, name };
  if (kind === 'workspace') return { kind: 'team', id, name };
  if (kind === 'tracker') return { kind: 'tracker', id, name };
  return undefined;
}

export function registerInsights(services: Services): InsightsPanels {
  const { context, log } = services;
  const panels = new InsightsPanels(services);
  context.subscriptions.push(panels);
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(INSIGHTS_VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      await panels.restore(panel, state);
    },
  }));
  // Args: (row?: a user, workspace or tracker row; options?: { rangeId, period }). Without a row: the whole team.
  registerCommand(context, log, SHOW_INSIGHTS_COMMAND, async (arg?: unknown, options?: unknown) => {
    const o = (typeof options === 'object' && options !== null ? options : {}) as { rangeId?: unknown; period?: unknown };
    const rangeId = RANGE_CHOICES.some(c => c.id === o.rangeId) ? o.rangeId as RangeId : undefined;
    const period = o.period === 'DAY' || o.period === 'WEEK' ? o.period : undefined;
    const subject = insightsSubjectOf(arg) ?? { kind: 'team' as const, id: TEAM_ID, name: 'Everyone' };
    await panels.show(subject.kind, subject.id, subject.name, { ...(rangeId ? { rangeId } : {}), ...(period ? { period } : {}) });
  });
  return panels;
}
