/**
 * The multi-step input: renders the steps planned in plan.ts through a Prompter (VS Code's quick
 * picks in the product, a script in tests), parses answers with parse.ts, and offers presets for
 * dates and known values for ids. Only types come from `vscode`, so this runs in plain Node tests.
 */
import type * as vscode from 'vscode';
import type { FieldSpec, IdKind } from '../catalog/types';
import type { Prompter } from '../platform/prompter';
import { isBack } from '../platform/back';
import { DATE_PRESETS, dateRole, presetRange, siblingPath, type DatePresetId } from './dates';
import { formatAnswer, parseAnswer } from './parse';
import { answer, back, chooseOptional, nextStep, position, previous, startWizard, usesOptionalChooser, type Step, type WizardState } from './plan';

/** A value a person can pick instead of typing an id. */
export interface KnownItem { id: string; label: string; description?: string }

/** Lists known ids of a kind (users, workspaces, calls...); an empty list means "type it". */
export interface KnownValues {
  list(kind: IdKind): Promise<KnownItem[]>;
}

export interface WizardOptions {
  title: string;
  prompter: Prompter;
  known?: KnownValues;
  /** The clock for date presets (tests pin it). */
  now?: () => Date;
  /** Minutes east of UTC for date presets; defaults to this machine's zone. */
  offsetMinutes?: number;
  /** Show Back on the first step too (the action list comes before it). */
  backFromFirst?: boolean;
  /** Shows a warning without waiting for it (a picked value broke a rule). */
  warn?: (message: string) => void;
}

export type WizardResult =
  | { kind: 'done'; input: Record<string, unknown> }
  /** The person chose to edit the whole input as JSON (with what was answered so far). */
  | { kind: 'json'; input: Record<string, unknown> }
  /** Back pressed on the first step. */
  | { kind: 'back' };

export const SKIP_LABEL = '$(debug-step-over) Skip';
export const ENTER_OTHER_LABEL = '$(edit) Enter another id…';
export const ENTER_LIST_LABEL = '$(edit) Type ids as a list…';
export const CUSTOM_DATE_LABEL = '$(calendar) Enter a date…';
export const EDIT_JSON_LABEL = '$(json) Edit the whole input as JSON instead';

export { isBack };

/** Kinds of ids the known-values provider can list. */
const LISTABLE: ReadonlySet<IdKind> = new Set(['user', 'workspace', 'call']);

interface Item extends vscode.QuickPickItem { value?: unknown; action?: 'skip' | 'other' | 'list' | 'custom' | 'json'; preset?: DatePresetId; path?: string }

type Answer = { kind: 'value'; value: unknown; extra?: Record<string, unknown> } | { kind: 'back' } | { kind: 'cancel' } | { kind: 'json' }
  /** Ask the same step again (the pick broke a rule, which was shown). */
  | { kind: 'retry' };

/** Asks for the fields not already in `prefill`; resolves to the input, JSON editing, Back, or undefined on cancel. */
export async function runWizard(fields: readonly FieldSpec[], prefill: Record<string, unknown> | undefined, opts: WizardOptions): Promise<WizardResult | undefined> {
  const state = startWizard(fields, prefill);
  const chooser = usesOptionalChooser(fields, prefill);
  // Bounded: every answer either advances or goes back one step; this cap only guards against a bug.
  for (let guard = 0; guard < 1000; guard++) {
    const step = nextStep(fields, state, chooser);
    if (!step) return { kind: 'done', input: state.values };
    const pos = position(fields, state, chooser);
    const canGoBack = state.history.length > 0 || !!opts.backFromFirst;
    const a = await ask(step, state, pos, canGoBack, opts);
    if (a.kind === 'cancel') return undefined;
    if (a.kind === 'json') return { kind: 'json', input: state.values };
    if (a.kind === 'retry') continue;
    if (a.kind === 'back') {
      if (!back(state)) return { kind: 'back' };
      continue;
    }
    if (step.kind === 'chooseOptional') chooseOptional(state, step.fields, a.value as string[]);
    else answer(state, step.field.path, a.value, a.extra);
  }
  throw new Error('The input steps did not finish');
}

function promptFor(field: FieldSpec): string {
  const parts = [field.label];
  if (field.description && field.description !== field.label) parts.push(field.description);
  if (!field.required) parts.push('(optional: leave empty to skip)');
  return parts.join(' — ');
}

async function ask(step: Step, state: WizardState, pos: { step: number; total: number }, canGoBack: boolean, opts: WizardOptions): Promise<Answer> {
  const info = { title: opts.title, step: pos.step, totalSteps: pos.total, canGoBack };
  if (step.kind === 'chooseOptional') {
    const items: Item[] = step.fields.map(f => ({ label: f.path, description: f.label !== f.path ? f.label : undefined, detail: f.description, path: f.path }));
    items.push({ label: EDIT_JSON_LABEL, action: 'json' });
    const picked = await opts.prompter.pick(items, { ...info, canPickMany: true, placeholder: 'Optional fields to fill in (none selected: send without them)', matchOnDescription: true });
    if (isBack(picked)) return { kind: 'back' };
    if (picked === undefined) return { kind: 'cancel' };
    if (picked.some(i => i.action === 'json')) return { kind: 'json' };
    return { kind: 'value', value: picked.map(i => i.path).filter((p): p is string => !!p) };
  }
  const field = step.field;
  switch (field.kind) {
    case 'enum': return pickValue(field, (field.enumValues ?? []).map(v => ({ label: v, value: v })), info, opts);
    case 'boolean': return pickValue(field, [{ label: 'true', value: true }, { label: 'false', value: false }], info, opts);
    case 'date':
    case 'dateTime': return askDate(field, state, info, opts);
    case 'file': return askFile(field, opts);
    case 'id':
      if (field.idKind && LISTABLE.has(field.idKind) && opts.known) return askKnownId(field, state, info, opts, false);
      return askText(field, state, info, opts);
    case 'array':
      if (field.itemKind === 'id' && field.idKind && LISTABLE.has(field.idKind) && opts.known) return askKnownId(field, state, info, opts, true);
      if (field.itemKind === 'enum' && field.enumValues?.length) return askEnumList(field, state, info, opts);
      return askText(field, state, info, opts);
    default:
      return askText(field, state, info, opts);
  }
}

type Info = { title: string; step: number; totalSteps: number; canGoBack: boolean };

function skipItem(field: FieldSpec): Item[] {
  return field.required ? [] : [{ label: SKIP_LABEL, description: 'leave this field out', action: 'skip' }];
}

async function pickValue(field: FieldSpec, values: Item[], info: Info, opts: WizardOptions): Promise<Answer> {
  const items: Item[] = [...skipItem(field), ...values];
  const picked = await opts.prompter.pick(items, { ...info, placeholder: promptFor(field) });
  if (isBack(picked)) return { kind: 'back' };
  if (picked === undefined) return { kind: 'cancel' };
  if (picked.action === 'skip') return { kind: 'value', value: undefined };
  const rule = field.validate(picked.value);
  if (rule) {
    opts.warn?.(`${field.label} ${rule}`);
    return { kind: 'retry' };
  }
  return { kind: 'value', value: picked.value };
}

async function askEnumList(field: FieldSpec, state: WizardState, info: Info, opts: WizardOptions): Promise<Answer> {
  const items: Item[] = (field.enumValues ?? []).map(v => ({ label: v, value: v }));
  const picked = await opts.prompter.pick(items, { ...info, canPickMany: true, placeholder: `${promptFor(field)} (select none to skip)` });
  if (isBack(picked)) return { kind: 'back' };
  if (picked === undefined) return { kind: 'cancel' };
  if (picked.length === 0 && !field.required) return { kind: 'value', value: undefined };
  const value = picked.map(i => i.value);
  const rule = field.validate(value);
  if (rule) return askText(field, state, info, opts, value.join(', '));
  return { kind: 'value', value };
}

/** An input box; the live validation is the parser plus the field's own rule. */
async function askText(field: FieldSpec, state: WizardState, info: Info, opts: WizardOptions, initial?: string): Promise<Answer> {
  const prior = previous(state, field.path);
  const text = await opts.prompter.input({
    ...info,
    prompt: promptFor(field),
    placeholder: placeholderFor(field),
    value: initial ?? (prior === undefined ? '' : formatAnswer(field, prior)),
    validate: v => {
      const r = parseAnswer(field, v);
      return r.ok ? undefined : r.message;
    },
  });
  if (isBack(text)) return { kind: 'back' };
  if (text === undefined) return { kind: 'cancel' };
  const r = parseAnswer(field, text);
  if (!r.ok) return { kind: 'cancel' };
  return { kind: 'value', value: 'omit' in r ? undefined : r.value };
}

function placeholderFor(field: FieldSpec): string | undefined {
  switch (field.kind) {
    case 'id': return 'digits, e.g. 7782342274025937895';
    case 'email': return 'name@example.com';
    case 'phone': return '+14155550100';
    case 'date': return 'YYYY-MM-DD';
    case 'dateTime': return '2026-01-31T09:00:00Z (or with an offset such as +02:00)';
    case 'array': return field.itemKind === 'object' ? 'JSON list, e.g. [{"email":"ana@example.com"}]' : 'comma or newline separated list';
    case 'object':
    case 'json': return 'JSON';
    default: return undefined;
  }
}

async function askDate(field: FieldSpec, state: WizardState, info: Info, opts: WizardOptions): Promise<Answer> {
  const now = (opts.now ?? (() => new Date()))();
  const offset = opts.offsetMinutes ?? -now.getTimezoneOffset();
  const dateOnly = field.kind === 'date';
  const role = dateRole(field.path);
  const sibling = siblingPath(field.path);
  const items: Item[] = [...skipItem(field)];
  for (const p of DATE_PRESETS) {
    const r = presetRange(p.id, now, offset, dateOnly);
    items.push({ label: p.label, description: role === 'single' ? r.from : `${r.from} → ${r.to}`, preset: p.id });
  }
  items.push({ label: CUSTOM_DATE_LABEL, description: dateOnly ? 'YYYY-MM-DD' : 'ISO-8601 date-time', action: 'custom' });
  const picked = await opts.prompter.pick(items, { ...info, placeholder: promptFor(field) });
  if (isBack(picked)) return { kind: 'back' };
  if (picked === undefined) return { kind: 'cancel' };
  if (picked.action === 'skip') return { kind: 'value', value: undefined };
  if (picked.action === 'custom' || !picked.preset) return askText(field, state, info, opts);
  const r = presetRange(picked.preset, now, offset, dateOnly);
  const value = role === 'to' ? r.to : r.from;
  const rule = field.validate(value);
  if (rule) return askText(field, state, info, opts, value);
  // A preset names a range: fill the other end too, unless it was given already.
  const extra: Record<string, unknown> = {};
  if (sibling && role !== 'single') extra[sibling] = role === 'from' ? r.to : r.from;
  return { kind: 'value', value, extra };
}

async function askFile(field: FieldSpec, opts: WizardOptions): Promise<Answer> {
  const path = await opts.prompter.pickFile({ title: `${opts.title}: ${field.label}` });
  if (path === undefined) return field.required ? { kind: 'cancel' } : { kind: 'value', value: undefined };
  const rule = field.validate(path);
  if (rule) {
    opts.warn?.(`${field.label} ${rule}`);
    return { kind: 'retry' };
  }
  return { kind: 'value', value: path };
}

async function askKnownId(field: FieldSpec, state: WizardState, info: Info, opts: WizardOptions, many: boolean): Promise<Answer> {
  let known: KnownItem[] = [];
  try {
    known = opts.known && field.idKind ? await opts.known.list(field.idKind) : [];
  } catch {
    known = [];
  }
  if (known.length === 0) return askText(field, state, info, opts);
  const items: Item[] = known.map(k => ({ label: k.label, description: k.id, detail: k.description, value: k.id }));
  if (many) {
    items.push({ label: ENTER_LIST_LABEL, action: 'list' });
    const picked = await opts.prompter.pick(items, { ...info, canPickMany: true, placeholder: `${promptFor(field)} (select none to skip)`, matchOnDescription: true });
    if (isBack(picked)) return { kind: 'back' };
    if (picked === undefined) return { kind: 'cancel' };
    const ids = picked.filter(i => i.action === undefined).map(i => String(i.value));
    if (picked.some(i => i.action === 'list')) return askText(field, state, info, opts, ids.join(', '));
    if (ids.length === 0 && !field.required) return { kind: 'value', value: undefined };
    const rule = field.validate(ids);
    if (rule) return askText(field, state, info, opts, ids.join(', '));
    return { kind: 'value', value: ids };
  }
  const all: Item[] = [...skipItem(field), ...items, { label: ENTER_OTHER_LABEL, action: 'other' }];
  const picked = await opts.prompter.pick(all, { ...info, placeholder: promptFor(field), matchOnDescription: true });
  if (isBack(picked)) return { kind: 'back' };
  if (picked === undefined) return { kind: 'cancel' };
  if (picked.action === 'skip') return { kind: 'value', value: undefined };
  if (picked.action === 'other') return askText(field, state, info, opts);
  return { kind: 'value', value: picked.value };
}
