/**
 * The action catalog: one declaration per Gong endpoint (src/catalog/actions/) and the pure functions
 * everything that runs actions shares: lookup, the ordered field list, validation, the wire request,
 * a curl rendering and paging helpers. No `vscode` here.
 */
import type { z } from 'zod';
import type { GongRecords, GongRequest, MultipartFile, QueryValue } from '../gong/types';
import { buildQuery } from '../gong/client';
import { stringifyJson } from '../gong/json';
import type { ActionDef, CatalogApi, FieldSpec, InputIssue, InputPlacement, ValidationResult } from './types';
import { allActions } from './actions/index';
import { fieldMeta, unwrapAll, unwrapOnce } from './fields';
import { getPath, isPlainObject, setPath } from './paths';
import { textOf } from '../shared/textOf';

export type { ActionDef, CatalogApi, FieldSpec, InputIssue, InputPlacement, ValidationResult } from './types';
export { allActions } from './actions/index';
export { deletePath, getPath, isPlainObject, setPath } from './paths';

/** Thrown by `toRequest` when the input is invalid; nothing has been sent. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(readonly actionId: string, readonly issues: InputIssue[]) {
    super(`Invalid input for ${actionId}: ${issues.map(i => `${i.path || '(input)'}: ${i.message}`).join('; ')}`);
  }
  static is(e: unknown): e is InputError {
    return e instanceof InputError;
  }
}

// ---------------------------------------------------------------------------------------------
// Lookup

const byName = new Map<string, ActionDef>();
for (const a of allActions) {
  byName.set(a.id.toLowerCase(), a);
  for (const alias of a.aliases) byName.set(alias.toLowerCase(), a);
}

export function findAction(idOrSlug: string): ActionDef | undefined {
  return byName.get(idOrSlug.trim().toLowerCase());
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}

/** The ids (or slugs) closest to a mistyped name, best first, for "did you mean" messages. */
export function suggestActions(name: string, max = 3): string[] {
  const q = name.trim().toLowerCase();
  const scored: Array<{ name: string; score: number }> = [];
  for (const a of allActions) {
    for (const candidate of [a.id, ...a.aliases]) {
      const c = candidate.toLowerCase();
      const contains = c.includes(q) || (q.length >= 4 && q.includes(c));
      const score = contains ? 0 : editDistance(q, c) / Math.max(q.length, c.length);
      scored.push({ name: candidate, score });
    }
  }
  scored.sort((x, y) => x.score - y.score);
  const out: string[] = [];
  for (const s of scored) {
    if (s.score > 0.5 || out.length >= max) break;
    if (!out.includes(s.name)) out.push(s.name);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fields

function isObjectSchema(s: z.ZodType): s is z.ZodObject<z.ZodRawShape> {
  return (s.def as { type: string }).type === 'object';
}

/** Optional at this level: the input may leave it out (optional, default or prefault wrappers). */
function isOptional(s: z.ZodType): boolean {
  let cur: z.ZodType | undefined = s;
  for (let depth = 0; cur && depth < 8; depth++) {
    const t = (cur.def as { type: string }).type;
    if (t === 'optional' || t === 'default' || t === 'prefault') return true;
    cur = unwrapOnce(cur);
  }
  return false;
}

function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function arrayLimits(s: z.ZodType): { minItems?: number; maxItems?: number } {
  const out: { minItems?: number; maxItems?: number } = {};
  const checks = (s.def as { checks?: Array<{ _zod: { def: { check: string; minimum?: number; maximum?: number } } }> }).checks ?? [];
  for (const c of checks) {
    const d = c._zod.def;
    if (d.check === 'min_length' && d.minimum !== undefined) out.minItems = d.minimum;
    if (d.check === 'max_length' && d.maximum !== undefined) out.maxItems = d.maximum;
  }
  return out;
}

function enumValuesOf(s: z.ZodType): string[] | undefined {
  const inner = unwrapAll(s);
  const def = inner.def as { type: string; entries?: Record<string, string>; element?: z.ZodType };
  if (def.type === 'enum' && def.entries) return Object.values(def.entries);
  if (def.type === 'array' && def.element) return enumValuesOf(def.element);
  return undefined;
}

function firstMessage(schema: z.ZodType, value: unknown): string | undefined {
  const r = schema.safeParse(value);
  if (r.success) return undefined;
  const issue = r.error.issues[0];
  if (!issue) return 'is invalid';
  const sub = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${sub}${issue.message}`;
}

function makeField(path: string, schema: z.ZodType, required: boolean, location: FieldSpec['location']): FieldSpec {
  const meta = fieldMeta(schema);
  const inner = unwrapAll(schema);
  const innerType = (inner.def as { type: string }).type;
  let kind: FieldSpec['kind'] = meta?.gongKind ?? 'json';
  // Every catalog field is built with a tagged builder (an integrity test holds to it); the structural
  // guess only keeps an untagged schema usable, with 'json' (edit as JSON) as the last resort.
  if (!meta) {
    if (innerType === 'boolean') kind = 'boolean';
    else if (innerType === 'string') kind = 'string';
    else if (innerType === 'number') kind = 'number';
    else if (innerType === 'array') kind = 'array';
  }
  const key = path.split('.').pop() ?? path;
  const parents = path.split('.').slice(0, -1).map(humanize);
  const spec: FieldSpec = {
    path,
    label: [...parents, humanize(key)].join(' › '),
    kind,
    required,
    location,
    validate(value: unknown): string | undefined {
      if (value === undefined || value === null || value === '') return required ? 'is required' : undefined;
      return firstMessage(schema, value);
    },
  };
  const description = meta?.description ?? inner.description ?? schema.description;
  if (description) spec.description = description;
  const enumValues = enumValuesOf(schema);
  if (enumValues) spec.enumValues = enumValues;
  if (kind === 'array') {
    if (meta?.itemKind) spec.itemKind = meta.itemKind;
    Object.assign(spec, arrayLimits(inner));
  }
  if (meta?.idKind) spec.idKind = meta.idKind;
  return spec;
}

/**
 * The ordered input steps of an action: path params first, then required fields, then optional ones,
 * the paging cursor last. Nested objects are flattened to dotted paths (`filter.fromDateTime`); a nested
 * field counts as required only when it and every object above it are required.
 */
export function fieldsOf(action: ActionDef): FieldSpec[] {
  // Input steps ask for the list on every answer; the declarations never change, so build it once per action.
  const cached = fieldCache.get(action);
  if (cached) return [...cached];
  const built = buildFields(action);
  fieldCache.set(action, built);
  return [...built];
}

const fieldCache = new WeakMap<ActionDef, readonly FieldSpec[]>();

function buildFields(action: ActionDef): FieldSpec[] {
  const out: FieldSpec[] = [];
  const walk = (shape: z.ZodRawShape, prefix: string, parentRequired: boolean, location: FieldSpec['location']): void => {
    for (const [key, raw] of Object.entries(shape)) {
      const schema = raw as z.ZodType;
      const path = prefix ? `${prefix}.${key}` : key;
      const required = parentRequired && !isOptional(schema);
      const inner = unwrapAll(schema);
      const loc = prefix ? location : (action.placement[key]?.in ?? 'body');
      if (isObjectSchema(inner) && Object.keys(inner.shape).length > 0) {
        walk(inner.shape, path, required, loc);
      } else {
        out.push(makeField(path, schema, required, loc));
      }
    }
  };
  walk(action.input.shape, '', true, 'body');
  const rank = (f: FieldSpec): number => (f.location === 'path' ? 0 : f.path === 'cursor' ? 3 : f.required ? 1 : 2);
  return out
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map(x => x.f);
}

// ---------------------------------------------------------------------------------------------
// Validation

/**
 * Accepts the names people know from the seed action lists: the action's own aliases (`call_id`,
 * `workspace__id`) and flattened `a__b__c` keys, which mean the nested path `a.b.c`.
 */
export function normalizeInput(action: ActionDef, input: unknown): unknown {
  if (!isPlainObject(input)) return input;
  const out: Record<string, unknown> = {};
  const aliased: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(input)) {
    const target = action.inputAliases?.[key];
    if (target !== undefined) aliased.push([target, value]);
    else if (key.includes('__') && !(key in action.input.shape)) aliased.push([key.split('__').join('.'), value]);
    // defineProperty: `out['__proto__'] = v` would set the prototype instead of keeping the key to refuse.
    else Object.defineProperty(out, key, { value: isPlainObject(value) ? { ...value } : value, enumerable: true, writable: true, configurable: true });
  }
  for (const [path, value] of aliased) setPath(out, path, value);
  return out;
}

function issuesOf(error: z.ZodError, input: unknown): InputIssue[] {
  const out: InputIssue[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) out.push({ path: base ? `${base}.${k}` : k, message: 'is not an input of this action' });
      continue;
    }
    // Any rule broken by an absent value means the field is missing; say that instead of the rule.
    const missing = getPath(input, base) === undefined && issue.code !== 'custom';
    out.push({ path: base, message: missing ? 'is required' : issue.message });
  }
  return out;
}

/** Names that could reach an object's prototype: never passed through. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Top-level keys of an input that the action does not declare. They are sent as given (Gong
 * ignores keys it does not know, and adds fields before the catalog does), so surfaces show
 * `undeclaredNote` rather than refusing them. Nested objects stay strict.
 */
export function undeclaredKeys(action: ActionDef, input: unknown): string[] {
  const normalized = normalizeInput(action, input ?? {});
  if (!isPlainObject(normalized)) return [];
  return Object.keys(normalized).filter(k => !Object.hasOwn(action.input.shape, k));
}

/** The note every surface shows for undeclared keys, or undefined when there are none. */
export function undeclaredNote(action: ActionDef, keys: readonly string[]): string | undefined {
  if (keys.length === 0) return undefined;
  const one = keys.length === 1;
  return `${keys.join(', ')} ${one ? 'is' : 'are'} not among the documented inputs of ${action.id}: sent as given; Gong may ignore ${one ? 'it' : 'them'}.`;
}

export function validateInput(action: ActionDef, input: unknown): ValidationResult {
  const normalized = normalizeInput(action, input ?? {});
  if (!isPlainObject(normalized)) return { ok: false, issues: [{ path: '', message: 'the input must be a JSON object' }] };
  const declared: Record<string, unknown> = {};
  const extra = new Map<string, unknown>();
  const unsafe: InputIssue[] = [];
  for (const [k, v] of Object.entries(normalized)) {
    if (Object.hasOwn(action.input.shape, k)) declared[k] = v;
    else if (UNSAFE_KEYS.has(k)) unsafe.push({ path: k, message: 'is not an input of this action' });
    else extra.set(k, v);
  }
  const r = action.input.safeParse(declared);
  if (!r.success || unsafe.length > 0) return { ok: false, issues: [...unsafe, ...(r.success ? [] : issuesOf(r.error, declared))] };
  const value = { ...(r.data as Record<string, unknown>) };
  for (const [k, v] of extra) if (v !== undefined) value[k] = v;
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------------
// The wire request

function placementOf(action: ActionDef, key: string): InputPlacement {
  const declared = action.placement[key];
  if (declared !== undefined) return declared;
  return Object.hasOwn(action.input.shape, key) ? { in: 'body' } : undeclaredPlacement(action);
}

/**
 * Where an undeclared top-level key goes: beside the action's other body fields (JSON or
 * multipart), else in the query string (GETs and bodies that are one bare value).
 */
function undeclaredPlacement(action: ActionDef): InputPlacement {
  const places = Object.keys(action.input.shape).filter(k => k !== 'cursor').map(k => placementOf(action, k));
  if (places.some(p => p.in === 'multipart')) return { in: 'multipart' };
  if (places.some(p => p.in === 'body' && p.bodyRoot)) return { in: 'query' };
  if (places.some(p => p.in === 'body') || action.method === 'POST' || action.method === 'PUT' || action.method === 'PATCH') return { in: 'body' };
  return { in: 'query' };
}

function toQueryValue(v: unknown): QueryValue {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  if (Array.isArray(v)) return v.map(x => (typeof x === 'number' ? x : String(x)));
  return JSON.stringify(v);
}

/** Places validated input on the wire; ids are already strings (the id fields turn safe numbers into strings). */
export function buildRequest(action: ActionDef, value: Record<string, unknown>): GongRequest {
  let path = action.path;
  const query: Record<string, QueryValue> = {};
  let body: unknown;
  let bodyObject: Record<string, unknown> | undefined;
  const files: Record<string, MultipartFile> = {};
  const fields: Record<string, string> = {};
  let multipart = false;
  const declaresBody = Object.keys(action.input.shape).some(k => k !== 'cursor' && placementOf(action, k).in === 'body' && !placementOf(action, k).bodyRoot);

  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const p = placementOf(action, key);
    const wire = p.wireName ?? key;
    switch (p.in) {
      case 'path':
        path = path.split(`{${wire}}`).join(encodeURIComponent(textOf(v)));
        break;
      case 'query':
        query[wire] = toQueryValue(v);
        break;
      case 'multipart': {
        multipart = true;
        const shape = Object.hasOwn(action.input.shape, key) ? action.input.shape[key] as z.ZodType : undefined;
        const meta = shape ? fieldMeta(shape) : undefined;
        if (meta?.gongKind === 'file') files[wire] = { path: textOf(v) };
        else fields[wire] = typeof v === 'string' ? v : JSON.stringify(v);
        break;
      }
      case 'body':
        if (p.bodyRoot) body = v;
        else {
          bodyObject ??= {};
          bodyObject[wire] = v;
        }
        break;
    }
  }
  if (bodyObject === undefined && declaresBody && body === undefined) bodyObject = {};
  const req: GongRequest = { method: action.method, path, retrySafe: action.retrySafe };
  if (Object.keys(query).length) req.query = query;
  if (bodyObject !== undefined) req.body = bodyObject;
  else if (body !== undefined) req.body = body;
  if (multipart) {
    req.multipart = {};
    if (Object.keys(fields).length) req.multipart.fields = fields;
    if (Object.keys(files).length) req.multipart.files = files;
  }
  if (action.emptyOn404) {
    req.emptyOn404 = true;
    req.emptyData = emptyAnswerOf(action);
  }
  return req;
}

/** What a nothing-found 404 stands for: the action's list, empty (and an empty page's records when paged). */
export function emptyAnswerOf(action: ActionDef): Record<string, unknown> {
  return {
    ...(action.listKey !== undefined ? { [action.listKey]: [] } : {}),
    ...(action.paging !== 'none' ? { records: { totalRecords: 0, currentPageSize: 0, currentPageNumber: 0 } } : {}),
  };
}

export function toRequest(action: ActionDef, input: unknown): GongRequest {
  const r = validateInput(action, input);
  if (!r.ok) throw new InputError(action.id, r.issues);
  return buildRequest(action, r.value);
}

// ---------------------------------------------------------------------------------------------
// curl, paging

/** Single-quotes a word for POSIX shells (`it's` becomes `'it'\''s'`). */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface CurlOptions {
  /** One option a line, joined with ` \\` (for pasting into a terminal); default one line. */
  multiline?: boolean;
}

/**
 * A curl command that performs `req` against `baseUrl`. The secret never appears: the command reads
 * it from `$GONG_ACCESS_KEY`/`$GONG_ACCESS_KEY_SECRET` or `$GONG_BEARER_TOKEN` (the names `npm run gong`
 * reads). JSON bodies are written losslessly, so bigint ids keep every digit.
 */
export function curlCommand(req: GongRequest, baseUrl: string, authKind: 'basic' | 'bearer', options: CurlOptions = {}): string {
  // The client's own query encoding, so the command asks for exactly what a run sends.
  const url = `${baseUrl.replace(/\/+$/, '')}${req.path}${buildQuery(req.query)}`;
  const args = [`curl -sS -X ${req.method} ${shellQuote(url)}`];
  // Double quotes so the shell expands the variables the person exported; nothing secret is in the text.
  args.push(authKind === 'basic' ? '-u "$GONG_ACCESS_KEY:$GONG_ACCESS_KEY_SECRET"' : '-H "Authorization: Bearer $GONG_BEARER_TOKEN"');
  if (req.multipart) {
    for (const [name, f] of Object.entries(req.multipart.files ?? {})) {
      let spec = `${name}=@${f.path}`;
      if (f.contentType) spec += `;type=${f.contentType}`;
      if (f.filename) spec += `;filename=${f.filename}`;
      args.push(`-F ${shellQuote(spec)}`);
    }
    for (const [name, v] of Object.entries(req.multipart.fields ?? {})) args.push(`-F ${shellQuote(`${name}=${v}`)}`);
  } else if (req.body !== undefined) {
    args.push(`-H ${shellQuote('Content-Type: application/json')}`, `--data ${shellQuote(stringifyJson(req.body))}`);
  }
  return args.join(options.multiline ? ' \\\n  ' : ' ');
}

/** `curlCommand` for an action's input. Throws InputError when the input is invalid. */
export function curlFor(action: ActionDef, input: unknown, baseUrl: string, authKind: 'basic' | 'bearer', options: CurlOptions = {}): string {
  return curlCommand(toRequest(action, input), baseUrl, authKind, options);
}

/** Gong's page size when an answer does not say. */
const DEFAULT_PAGE_SIZE = 100;

/** How many requests fetching every record takes (Gong pages hold 100 records). */
export function requestCount(totalRecords: number, pageSize = DEFAULT_PAGE_SIZE): number {
  if (!Number.isFinite(totalRecords) || totalRecords <= 0) return 1;
  return Math.ceil(totalRecords / Math.max(1, pageSize));
}

/**
 * Requests still needed after the page described by `records` (as `recordsOf` in src/gong reads it)
 * to have every record: from Gong's `totalRecords`, the page size it reported and the 0-based page number.
 */
export function remainingRequests(records: GongRecords): number {
  if (!records.cursor) return 0;
  const size = records.currentPageSize && records.currentPageSize > 0 ? records.currentPageSize : DEFAULT_PAGE_SIZE;
  const done = (records.currentPageNumber ?? 0) + 1;
  return Math.max(1, requestCount(records.totalRecords ?? 0, size) - done);
}

/** The list of records in an answer: under `listKey`, else the only array-valued key besides `records`. */
export function listOf(data: unknown, listKey: string | undefined): unknown[] | undefined {
  if (!isPlainObject(data)) return undefined;
  if (listKey && Array.isArray(data[listKey])) return data[listKey] as unknown[];
  const arrays = Object.entries(data).filter(([k, v]) => k !== 'records' && Array.isArray(v));
  return arrays.length === 1 ? (arrays[0]?.[1] as unknown[]) : undefined;
}

/**
 * Merges the pages of a paged answer: the list under `listKey` concatenated, the other keys of the
 * first page kept, and `records` describing the whole (no cursor).
 */
export function mergePages(action: ActionDef, pages: readonly unknown[]): Record<string, unknown> {
  const first = pages[0];
  const merged: Record<string, unknown> = isPlainObject(first) ? { ...first } : {};
  const key = action.listKey;
  if (key) {
    const all: unknown[] = [];
    for (const p of pages) {
      const list = isPlainObject(p) ? p[key] : undefined;
      if (Array.isArray(list)) all.push(...(list as unknown[]));
    }
    merged[key] = all;
    const rec = merged.records;
    if (isPlainObject(rec)) {
      const { cursor: _cursor, ...rest } = rec;
      void _cursor;
      merged.records = { ...rest, currentPageSize: all.length, currentPageNumber: 0 };
    }
  }
  return merged;
}

/** The catalog as the UI, the CLI and the tests use it. */
export const catalog: CatalogApi = {
  actions: allActions,
  find: findAction,
  fields: fieldsOf,
  validate: validateInput,
  toRequest,
};
