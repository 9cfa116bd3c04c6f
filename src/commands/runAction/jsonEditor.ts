import * as vscode from 'vscode';
import type { ActionDef, FieldSpec } from '../../catalog/types';
import { catalog, getPath, setPath, undeclaredKeys, undeclaredNote } from '../../catalog/index';
import { presetValue } from '../../input/dates';
import { parseJsonExact } from '../../input/parse';
import { cloneInput } from '../../input/plan';
import { formatJson } from '../../results/format';
import { Commands } from '../../platform/commands';

/**
 * A placeholder for a required field the person still has to fill in: dates get the last 7 days (a
 * sensible start), everything else an empty value that fails validation until it is filled.
 */
function placeholder(f: FieldSpec, now: Date): unknown {
  const offset = -now.getTimezoneOffset();
  switch (f.kind) {
    case 'date': return presetValue('last7', f.path, now, offset, true);
    case 'dateTime': return presetValue('last7', f.path, now, offset, false);
    case 'boolean': return false;
    case 'number':
    case 'integer': return 0;
    case 'array': return [];
    case 'object':
    case 'json': return {};
    default: return '';
  }
}

/** The whole input as an object: what is known, plus placeholders for the required fields still missing. */
export function skeleton(action: ActionDef, input: Record<string, unknown> | undefined, now = new Date()): Record<string, unknown> {
  const out = cloneInput(input ?? {});
  for (const f of catalog.fields(action)) {
    if (f.required && getPath(out, f.path) === undefined) setPath(out, f.path, placeholder(f, now));
  }
  return out;
}

export type ParsedInput = { ok: true; input: Record<string, unknown> } | { ok: false; message: string; offset?: number };

/** Parses the editor text exactly (big integers stay digit strings). */
export function parseEditorText(text: string): ParsedInput {
  try {
    const v = parseJsonExact(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, message: 'The input must be one JSON object', offset: 0 };
    return { ok: true, input: v as Record<string, unknown> };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /(?:pos|char|position)\D{0,3}(\d+)/i.exec(message);
    return { ok: false, message, offset: at?.[1] ? Number(at[1]) : 0 };
  }
}

/**
 * "Edit as JSON": untitled JSON editors holding the whole input of one action, checked against the
 * action's schema as they change, with a Run code lens (and gongExplorer.actions.runJson) to send them.
 */
export class JsonInputEditors implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly docs = new Map<string, string>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('gong-action-input');
  private readonly subs: vscode.Disposable[] = [];
  private readonly lensChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensChanged.event;

  constructor() {
    this.subs.push(
      vscode.workspace.onDidChangeTextDocument(e => { if (this.docs.has(e.document.uri.toString())) this.check(e.document); }),
      vscode.workspace.onDidCloseTextDocument(d => {
        const key = d.uri.toString();
        if (this.docs.delete(key)) this.diagnostics.delete(d.uri);
      }),
    );
  }

  /** Opens the input of `action` as JSON in a new untitled editor. */
  async open(action: ActionDef, input: Record<string, unknown> | undefined): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: formatJson(skeleton(action, input)) });
    this.docs.set(doc.uri.toString(), action.id);
    await vscode.window.showTextDocument(doc, { preview: false });
    this.check(doc);
    this.lensChanged.fire();
    return doc;
  }

  actionOf(doc: vscode.TextDocument): ActionDef | undefined {
    const id = this.docs.get(doc.uri.toString());
    return id ? catalog.find(id) : undefined;
  }

  /** Validates the document and publishes diagnostics; returns the issues as text (empty when valid). */
  check(doc: vscode.TextDocument): string[] {
    const action = this.actionOf(doc);
    if (!action) return [];
    const parsed = parseEditorText(doc.getText());
    const diags: vscode.Diagnostic[] = [];
    const messages: string[] = [];
    if (!parsed.ok) {
      const pos = doc.positionAt(parsed.offset ?? 0);
      diags.push(new vscode.Diagnostic(new vscode.Range(pos, pos.translate(0, 1)), parsed.message, vscode.DiagnosticSeverity.Error));
      messages.push(parsed.message);
    } else {
      const r = catalog.validate(action, parsed.input);
      // Keys the catalog does not declare are sent as given: a warning, not an error.
      const text = doc.getText();
      for (const key of undeclaredKeys(action, parsed.input)) {
        const at = text.indexOf(`"${key}"`);
        const range = at >= 0 ? new vscode.Range(doc.positionAt(at), doc.positionAt(at + key.length + 2)) : new vscode.Range(0, 0, 0, 1);
        const d = new vscode.Diagnostic(range, undeclaredNote(action, [key]) ?? key, vscode.DiagnosticSeverity.Warning);
        d.source = `Gong ${action.id}`;
        diags.push(d);
      }
      if (!r.ok) {
        for (const issue of r.issues) {
          const key = issue.path.split('.').filter(s => !/^\d+$/.test(s)).pop();
          const at = key ? text.indexOf(`"${key}"`) : -1;
          const range = at >= 0 ? new vscode.Range(doc.positionAt(at), doc.positionAt(at + key!.length + 2)) : new vscode.Range(0, 0, 0, 1);
          const message = `${issue.path || '(input)'}: ${issue.message}`;
          const d = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error);
          d.source = `Gong ${action.id}`;
          diags.push(d);
          messages.push(message);
        }
      }
    }
    this.diagnostics.set(doc.uri, diags);
    return messages;
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const action = this.actionOf(doc);
    if (!action) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const run = `${action.destructive ? '$(warning)' : '$(play)'} Run: ${action.title}`;
    return [
      new vscode.CodeLens(top, { title: run, command: Commands.runActionJson, arguments: [doc.uri.toString()] }),
      new vscode.CodeLens(top, { title: `${action.method} ${action.path}`, command: '' }),
    ];
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.diagnostics.dispose();
    this.lensChanged.dispose();
    this.docs.clear();
  }
}
