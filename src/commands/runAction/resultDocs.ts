import * as vscode from 'vscode';
import type { ActionDef } from '../../catalog/types';
import type { GongRequest } from '../../gong/types';
import { Commands } from '../../platform/commands';
import { formatJson, resultName, summary, type ResultMeta } from '../../results/format';
import { listOf, remainingRequests } from '../../catalog/index';
import { recordsOf } from '../../gong/paging';

export const RESULT_SCHEME = 'gong-result';

/** Everything one result document knows: its text and how to fetch more of the same. */
export interface ResultEntry {
  uri: vscode.Uri;
  text: string;
  /** The parsed body (kept for merging pages; ids are strings or bigint, never rounded). */
  data: unknown;
  meta: ResultMeta;
  action: ActionDef;
  /** The request that produced this page (with its cursor, for later pages). */
  request: GongRequest;
  /** The input of the run (for Run again and Copy as curl). */
  input: Record<string, unknown>;
  /** Cursor of the next page, when there is one. */
  cursor: string | undefined;
  /** Requests "fetch all" would still take. */
  remaining: number;
  page: number;
  /** For answers that carry generated rich text (an answer about an account, a brief): the Markdown document shown beside the JSON. */
  richUri?: vscode.Uri;
}

/** Bounds the documents kept in memory; older ones are dropped (VS Code closes nothing itself). */
const MAX_DOCS = 50;

/**
 * Read-only JSON documents for results on the `gong-result:` scheme. The text is the body as the
 * client parsed it, serialised losslessly, so 19-digit ids are exact.
 */
export class ResultDocs implements vscode.TextDocumentContentProvider, vscode.CodeLensProvider, vscode.Disposable {
  private readonly entries = new Map<string, ResultEntry>();
  /** Markdown documents of rich answers, by uri (bounded with the entries they belong to). */
  private readonly rich = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly lensChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensChanged.event;
  private seq = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    const rich = this.rich.get(uri.toString());
    if (rich !== undefined) return rich;
    return this.entries.get(uri.toString())?.text ?? '// This Gong result is no longer available; run the action again.\n';
  }

  get(uri: vscode.Uri | string): ResultEntry | undefined {
    return this.entries.get(typeof uri === 'string' ? uri : uri.toString());
  }

  /** The newest result, for commands run without a document. */
  latest(): ResultEntry | undefined {
    let last: ResultEntry | undefined;
    for (const e of this.entries.values()) last = e;
    return last;
  }

  /**
   * Stores a result and opens it in an editor. `resume` names where more pages continue when the
   * body's own records do not (pages merged before a failure: the cursor of the last good page).
   */
  async open(action: ActionDef, request: GongRequest, input: Record<string, unknown>, res: { status: number; data: unknown; requestId: string | undefined; empty?: boolean }, page = 0, suffix = '', resume?: { cursor: string; remaining: number }): Promise<ResultEntry> {
    this.seq += 1;
    const uri = vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${resultName(action.id, this.seq, suffix)}` });
    const records = action.paging === 'none' ? undefined : recordsOf(res.data);
    const list = action.paging === 'none' ? undefined : listOf(res.data, action.listKey);
    const meta: ResultMeta = {
      actionId: action.id, title: action.title, status: res.status, requestId: res.requestId,
      more: !!(resume?.cursor ?? records?.cursor),
    };
    if (res.empty) meta.empty = true;
    if (list) meta.count = list.length;
    if (records?.totalRecords !== undefined) meta.totalRecords = records.totalRecords;
    const entry: ResultEntry = {
      uri, text: formatJson(res.data), data: res.data, meta, action, request, input,
      cursor: resume?.cursor ?? records?.cursor,
      remaining: resume ? Math.max(1, resume.remaining) : records ? remainingRequests(records) : 0,
      page,
    };
    const markdown = res.empty ? undefined : action.richAnswer?.(res.data, input);
    if (markdown !== undefined) {
      entry.richUri = vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${action.id.replace(/[^\w.-]+/g, '-')} #${this.seq}${suffix}.md` });
      this.rich.set(entry.richUri.toString(), markdown);
    }
    this.entries.set(uri.toString(), entry);
    while (this.entries.size > MAX_DOCS) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      const gone = this.entries.get(oldest)?.richUri;
      if (gone) this.rich.delete(gone.toString());
      this.entries.delete(oldest);
    }
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(doc, 'json');
    await vscode.window.showTextDocument(doc, { preview: false });
    this.lensChanged.fire();
    vscode.window.setStatusBarMessage(summary(meta), 15_000);
    if (entry.richUri) await this.showRich(entry.richUri);
    return entry;
  }

  /**
   * Shows a rich answer rendered, beside its JSON, through VS Code's Markdown preview (markdown-it,
   * scripts off). The Markdown was built by the catalog with raw HTML, images and non-web links of
   * Gong's text neutralised, so the preview shows text, emphasis, lists and web links only.
   */
  private async showRich(uri: vscode.Uri): Promise<void> {
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } catch {
      // Without the Markdown extension the text still reads well as a document.
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    }
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const e = this.entries.get(document.uri.toString());
    if (!e) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses = [new vscode.CodeLens(top, { title: summary(e.meta), command: '' })];
    if (e.cursor) {
      lenses.push(new vscode.CodeLens(top, { title: '$(arrow-right) Next page', command: Commands.nextResultPage, arguments: [e.uri.toString()] }));
      lenses.push(new vscode.CodeLens(top, { title: `$(cloud-download) Fetch all (${e.remaining} more request${e.remaining === 1 ? '' : 's'})`, command: Commands.fetchAllResults, arguments: [e.uri.toString()] }));
    }
    lenses.push(new vscode.CodeLens(top, { title: '$(copy) Copy as curl', command: Commands.copyActionCurl, arguments: [{ actionId: e.action.id, input: e.input }] }));
    lenses.push(new vscode.CodeLens(top, { title: '$(json) Edit input as JSON', command: Commands.editActionJson, arguments: [{ actionId: e.action.id, input: e.input }] }));
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
    this.lensChanged.dispose();
    this.entries.clear();
  }
}
