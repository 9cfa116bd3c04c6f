/**
 * The multi-step input as a pure state machine: which field to ask next, "step n of N", Back, and
 * prefilled fields that are never asked. The VS Code layer (wizard.ts) only renders the steps.
 * No `vscode` here.
 */
import type { FieldSpec } from '../catalog/types';
import { deletePath, getPath, isPlainObject, setPath } from '../catalog/index';

/** A deep copy of JSON-like input, so answers never write into the caller's prefill (bigint and class instances are kept by reference). */
export function cloneInput<T>(v: T): T {
  if (Array.isArray(v)) return (v as unknown[]).map(x => cloneInput(x)) as unknown as T;
  if (isPlainObject(v) && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = cloneInput(x);
    return out as T;
  }
  return v;
}

/** With more optional fields than this, they are chosen in one multi-select step instead of asked one by one. */
export const OPTIONAL_INLINE_LIMIT = 6;

export const OPTIONAL_STEP_KEY = '(optional fields)';

export type Step =
  | { kind: 'field'; field: FieldSpec }
  /** Pick which of these optional fields to fill in; the rest are omitted. */
  | { kind: 'chooseOptional'; fields: FieldSpec[] };

export interface WizardState {
  /** The input built so far (starts as a copy of the prefill). */
  values: Record<string, unknown>;
  /** Paths answered or deliberately omitted, plus OPTIONAL_STEP_KEY once optional fields were chosen. */
  done: Set<string>;
  /** One entry per answered step, newest last: what it wrote, so Back can undo it. */
  history: Array<{ key: string; wrote: string[] }>;
  /** Last value given per path, kept across Back so the box can show it again. */
  memo: Map<string, unknown>;
}

export interface PlanOptions { optionalInlineLimit?: number }

/** A fresh state. Fields that the prefill already holds count as answered and are never asked. */
export function startWizard(fields: readonly FieldSpec[], prefill?: Record<string, unknown>): WizardState {
  const values = cloneInput(prefill ?? {});
  const done = new Set<string>();
  for (const f of fields) if (getPath(values, f.path) !== undefined) done.add(f.path);
  return { values, done, history: [], memo: new Map() };
}

function pending(fields: readonly FieldSpec[], state: WizardState): FieldSpec[] {
  return fields.filter(f => !state.done.has(f.path) && getPath(state.values, f.path) === undefined);
}

/** Whether optional fields are grouped into one chooser step for this field list. */
export function usesOptionalChooser(fields: readonly FieldSpec[], prefill: Record<string, unknown> | undefined, opts: PlanOptions = {}): boolean {
  const limit = opts.optionalInlineLimit ?? OPTIONAL_INLINE_LIMIT;
  const open = fields.filter(f => !f.required && getPath(prefill ?? {}, f.path) === undefined);
  return open.length > limit;
}

/** The next step to ask, or undefined when the input is complete. */
export function nextStep(fields: readonly FieldSpec[], state: WizardState, chooser: boolean): Step | undefined {
  const open = pending(fields, state);
  if (!chooser) return open[0] ? { kind: 'field', field: open[0] } : undefined;
  const req = open.find(f => f.required);
  if (req) return { kind: 'field', field: req };
  if (!state.done.has(OPTIONAL_STEP_KEY)) {
    const optional = open.filter(f => !f.required);
    if (optional.length > 0) return { kind: 'chooseOptional', fields: optional };
    return undefined;
  }
  return open[0] ? { kind: 'field', field: open[0] } : undefined;
}

/** "Step n of N" for the step about to be asked; N grows when optional fields are chosen. */
export function position(fields: readonly FieldSpec[], state: WizardState, chooser: boolean): { step: number; total: number } {
  const open = pending(fields, state);
  let remaining: number;
  if (chooser && !state.done.has(OPTIONAL_STEP_KEY)) {
    remaining = open.filter(f => f.required).length + (open.some(f => !f.required) ? 1 : 0);
  } else {
    remaining = open.length;
  }
  const step = state.history.length + 1;
  return { step, total: state.history.length + Math.max(remaining, 1) };
}

/**
 * Records an answer to a field. `value === undefined` omits it. `extra` sets other paths in the same
 * step (a date preset fills both ends of a range); Back undoes them together.
 */
export function answer(state: WizardState, path: string, value: unknown, extra: Record<string, unknown> = {}): void {
  const wrote = [path];
  state.done.add(path);
  state.memo.set(path, value);
  if (value === undefined) deletePath(state.values, path);
  else setPath(state.values, path, value);
  for (const [p, v] of Object.entries(extra)) {
    if (state.done.has(p) || getPath(state.values, p) !== undefined) continue;
    state.done.add(p);
    setPath(state.values, p, v);
    wrote.push(p);
  }
  state.history.push({ key: path, wrote });
}

/** Records the optional-field choice: every optional field not chosen is omitted. */
export function chooseOptional(state: WizardState, offered: readonly FieldSpec[], chosenPaths: readonly string[]): void {
  const chosen = new Set(chosenPaths);
  const wrote = [OPTIONAL_STEP_KEY];
  state.done.add(OPTIONAL_STEP_KEY);
  for (const f of offered) {
    if (chosen.has(f.path)) continue;
    state.done.add(f.path);
    wrote.push(f.path);
  }
  state.history.push({ key: OPTIONAL_STEP_KEY, wrote });
}

/** Undoes the last answered step. Returns false when there is nothing to go back to. */
export function back(state: WizardState): boolean {
  const last = state.history.pop();
  if (!last) return false;
  for (const p of last.wrote) {
    state.done.delete(p);
    if (p !== OPTIONAL_STEP_KEY) deletePath(state.values, p);
  }
  return true;
}

/** The value last given for a path (to pre-fill the box after Back), if any. */
export function previous(state: WizardState, path: string): unknown {
  return state.memo.get(path);
}
