import * as vscode from 'vscode';

/**
 * Every question the extension asks a person goes through a Prompter, so integration tests in the
 * real VS Code can answer with a script (see ScriptedPrompter) while the rest of the code path,
 * commands, SecretStorage, trees and panels, stays real.
 */

import { BACK, type Back } from './back';
import { textOf } from '../shared/textOf';

export { BACK, isBack, type Back } from './back';

export interface StepInfo {
  title?: string;
  step?: number;
  totalSteps?: number;
  /** Show a Back button (multi-step inputs, from step 2 on). */
  canGoBack?: boolean;
}

export interface PickOptions extends StepInfo {
  placeholder?: string;
  canPickMany?: boolean;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
}

export interface InputOptions extends StepInfo {
  prompt?: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  /** Live validation: return a message to show, or undefined when the value is fine. */
  validate?: (value: string) => string | undefined | Promise<string | undefined>;
}

export interface Prompter {
  /** Resolves to the picked item(s), BACK, or undefined when the user cancelled (Escape). */
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions & { canPickMany: true }): Promise<T[] | Back | undefined>;
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options?: PickOptions): Promise<T | Back | undefined>;
  /** Resolves to the accepted text, BACK, or undefined when cancelled. Never accepts a value `validate` rejects. */
  input(options: InputOptions): Promise<string | Back | undefined>;
  /** A modal (or non-modal) message with buttons; resolves to the chosen button's title. */
  confirm(message: string, options: { modal?: boolean; detail?: string }, ...buttons: string[]): Promise<string | undefined>;
  /** A file picker; resolves to the chosen file's path. */
  pickFile(options: { title?: string; filters?: Record<string, string[]> }): Promise<string | undefined>;
  /** A save dialog; resolves to the target path. */
  saveFile(options: { title?: string; defaultName?: string; filters?: Record<string, string[]> }): Promise<string | undefined>;
}

/** The real prompter: VS Code quick picks, input boxes and dialogs. */
export class VsCodePrompter implements Prompter {
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions & { canPickMany: true }): Promise<T[] | Back | undefined>;
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options?: PickOptions): Promise<T | Back | undefined>;
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions = {}): Promise<T | T[] | Back | undefined> {
    return new Promise(resolve => {
      const qp = vscode.window.createQuickPick<T>();
      qp.items = items;
      qp.title = options.title;
      qp.step = options.step;
      qp.totalSteps = options.totalSteps;
      qp.placeholder = options.placeholder;
      qp.canSelectMany = !!options.canPickMany;
      qp.matchOnDescription = options.matchOnDescription ?? true;
      qp.matchOnDetail = options.matchOnDetail ?? false;
      qp.ignoreFocusOut = true;
      if (options.canGoBack) qp.buttons = [vscode.QuickInputButtons.Back];
      let done = false;
      const finish = (v: T | T[] | Back | undefined) => { if (!done) { done = true; resolve(v); qp.dispose(); } };
      qp.onDidTriggerButton(b => { if (b === vscode.QuickInputButtons.Back) finish(BACK); });
      qp.onDidAccept(() => finish(options.canPickMany ? [...qp.selectedItems] : qp.selectedItems[0] ?? qp.activeItems[0]));
      qp.onDidHide(() => finish(undefined));
      qp.show();
    });
  }

  input(options: InputOptions): Promise<string | Back | undefined> {
    return new Promise(resolve => {
      const box = vscode.window.createInputBox();
      box.title = options.title;
      box.step = options.step;
      box.totalSteps = options.totalSteps;
      box.prompt = options.prompt;
      box.placeholder = options.placeholder;
      box.value = options.value ?? '';
      box.password = !!options.password;
      box.ignoreFocusOut = true;
      if (options.canGoBack) box.buttons = [vscode.QuickInputButtons.Back];
      let done = false;
      let seq = 0;
      const finish = (v: string | Back | undefined) => { if (!done) { done = true; resolve(v); box.dispose(); } };
      const check = async (value: string) => {
        const mine = ++seq;
        const msg = options.validate ? await options.validate(value) : undefined;
        if (mine === seq) box.validationMessage = msg;
        return msg;
      };
      box.onDidChangeValue(v => { void check(v); });
      box.onDidTriggerButton(b => { if (b === vscode.QuickInputButtons.Back) finish(BACK); });
      box.onDidAccept(async () => {
        box.busy = true;
        const msg = await check(box.value);
        box.busy = false;
        if (!msg) finish(box.value);
      });
      box.onDidHide(() => finish(undefined));
      box.show();
    });
  }

  async confirm(message: string, options: { modal?: boolean; detail?: string }, ...buttons: string[]): Promise<string | undefined> {
    return vscode.window.showWarningMessage(message, { modal: options.modal ?? true, detail: options.detail }, ...buttons);
  }

  async pickFile(options: { title?: string; filters?: Record<string, string[]> }): Promise<string | undefined> {
    const uris = await vscode.window.showOpenDialog({ title: options.title, filters: options.filters, canSelectMany: false, canSelectFiles: true, canSelectFolders: false });
    return uris?.[0]?.fsPath;
  }

  async saveFile(options: { title?: string; defaultName?: string; filters?: Record<string, string[]> }): Promise<string | undefined> {
    const uri = await vscode.window.showSaveDialog({ title: options.title, filters: options.filters, defaultUri: options.defaultName ? vscode.Uri.file(options.defaultName) : undefined });
    return uri?.fsPath;
  }
}

/** One scripted answer. A function receives what was asked and returns the answer. */
export type ScriptedAnswer =
  | string            // input: the text; pick: the label of the item to pick; confirm: the button
  | string[]          // pick with canPickMany: the labels
  | Back
  | undefined         // cancel
  | ((asked: AskedPrompt) => unknown);

export interface AskedPrompt {
  kind: 'pick' | 'input' | 'confirm' | 'pickFile' | 'saveFile';
  title?: string;
  step?: number;
  totalSteps?: number;
  message?: string;
  /** A confirmation's detail text (what a write will send). */
  detail?: string;
  labels?: string[];
  prompt?: string;
  value?: string;
  password?: boolean;
}

/**
 * Answers prompts from a queue, for integration tests. Records every prompt in `asked`.
 * An input answer that fails the prompt's own validation is an error, so tests see rules working.
 */
export class ScriptedPrompter implements Prompter {
  readonly asked: AskedPrompt[] = [];
  readonly validationMessages: string[] = [];
  constructor(private readonly answers: ScriptedAnswer[]) {}

  get remaining(): number { return this.answers.length; }

  private next(asked: AskedPrompt): unknown {
    this.asked.push(asked);
    if (this.answers.length === 0) throw new Error(`ScriptedPrompter: no answer left for ${asked.kind} "${asked.title ?? asked.message ?? asked.prompt ?? ''}"`);
    const a = this.answers.shift();
    return typeof a === 'function' ? a(asked) : a;
  }

  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions & { canPickMany: true }): Promise<T[] | Back | undefined>;
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options?: PickOptions): Promise<T | Back | undefined>;
  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions = {}): Promise<T | T[] | Back | undefined> {
    const selectable = items.filter(i => i.kind !== vscode.QuickPickItemKind.Separator);
    const a = this.next({ kind: 'pick', title: options.title, step: options.step, totalSteps: options.totalSteps, labels: selectable.map(i => i.label) });
    if (a === BACK || a === undefined) return a;
    const find = (label: string) => {
      const item = selectable.find(i => i.label === label) ?? selectable.find(i => i.label.includes(label) || (i.description ?? '').includes(label));
      if (!item) throw new Error(`ScriptedPrompter: no item "${label}" among ${selectable.slice(0, 30).map(i => i.label).join(' | ')}`);
      return item;
    };
    if (Array.isArray(a)) return a.map(l => find(String(l)));
    if (typeof a === 'object' && a !== null) return a as T;
    return options.canPickMany ? [find(textOf(a))] : find(textOf(a));
  }

  async input(options: InputOptions): Promise<string | Back | undefined> {
    const a = this.next({ kind: 'input', title: options.title, step: options.step, totalSteps: options.totalSteps, prompt: options.prompt, value: options.value, password: options.password });
    if (a === BACK || a === undefined) return a;
    const text = textOf(a);
    const msg = options.validate ? await options.validate(text) : undefined;
    if (msg) {
      this.validationMessages.push(msg);
      throw new Error(`ScriptedPrompter: "${text}" was refused: ${msg}`);
    }
    return text;
  }

  async confirm(message: string, options: { modal?: boolean; detail?: string }, ...buttons: string[]): Promise<string | undefined> {
    const a = this.next({ kind: 'confirm', message, detail: options.detail, labels: buttons });
    return a === undefined ? undefined : textOf(a);
  }

  async pickFile(options: { title?: string }): Promise<string | undefined> {
    const a = this.next({ kind: 'pickFile', title: options.title });
    return a === undefined ? undefined : textOf(a);
  }

  async saveFile(options: { title?: string }): Promise<string | undefined> {
    const a = this.next({ kind: 'saveFile', title: options.title });
    return a === undefined ? undefined : textOf(a);
  }
}
