/**
 * Reusable zod field builders for the action catalog. Each builder attaches its field kind (and, for
 * ids, the id kind) as zod metadata so the field list, the input steps and the CLI read the kind
 * from the schema instead of guessing it from the field's name.
 */
import { z } from 'zod';
import type { FieldSpec, IdKind } from './types';

/** Metadata every catalog field carries. */
export interface FieldMeta {
  gongKind: FieldSpec['kind'];
  idKind?: IdKind;
  /** For arrays: the kind of one item. */
  itemKind?: FieldSpec['kind'];
  description?: string;
}

const ID_RE = /^\d{1,20}$/;
const ID_MESSAGE = 'must be a Gong id: 1 to 20 digits (numbers are accepted only up to 9007199254740991; send larger ids as strings)';
const DATE_TIME_MESSAGE = 'must be an ISO-8601 date-time with Z or an offset, e.g. 2024-05-01T08:00:00Z';
const DATE_MESSAGE = 'must be a date YYYY-MM-DD, e.g. 2024-05-01';
const EMAIL_MESSAGE = 'must be an email address, e.g. ana@example.com';
const PHONE_MESSAGE = 'must be a phone number starting with + and the country code, e.g. +14155550100';

type AnySchema = z.ZodType;

function withMeta<T extends AnySchema>(schema: T, meta: FieldMeta): T {
  return schema.meta({ ...meta });
}

/**
 * A Gong id (1-20 digits) kept as a string. A number is accepted only when it is a safe integer, since
 * anything larger has already lost digits in JavaScript.
 */
export function gongId(kind: IdKind, description: string) {
  const inner = z.string({ error: ID_MESSAGE }).regex(ID_RE, { error: ID_MESSAGE });
  const schema = z.preprocess(
    v => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : typeof v === 'bigint' && v >= 0n ? v.toString() : v),
    inner,
  );
  return withMeta(schema, { gongKind: 'id', idKind: kind, description });
}

/** A list of Gong ids of one kind, with item limits. */
export function idList(kind: IdKind, description: string, limits: { min?: number; max?: number } = {}) {
  let arr = z.array(gongId(kind, `A ${kind} id`), { error: 'must be a list of ids' });
  if (limits.min !== undefined) arr = arr.min(limits.min, { error: `must hold at least ${limits.min} id(s)` });
  if (limits.max !== undefined) arr = arr.max(limits.max, { error: `must hold at most ${limits.max} ids` });
  return withMeta(arr, { gongKind: 'array', itemKind: 'id', idKind: kind, description });
}

/** ISO-8601 date-time with `Z` or an offset (Gong refuses local times). */
export function isoDateTime(description: string) {
  return withMeta(z.iso.datetime({ offset: true, error: DATE_TIME_MESSAGE }), { gongKind: 'dateTime', description });
}

/** Calendar date `YYYY-MM-DD` (stats and answered scorecards, in the company's time zone). */
export function isoDate(description: string) {
  return withMeta(z.iso.date({ error: DATE_MESSAGE }), { gongKind: 'date', description });
}

export function email(description: string) {
  return withMeta(z.email({ error: EMAIL_MESSAGE }), { gongKind: 'email', description });
}

export function emailList(description: string, limits: { min?: number; max?: number } = {}) {
  let arr = z.array(email('An email address'), { error: 'must be a list of email addresses' });
  if (limits.min !== undefined) arr = arr.min(limits.min, { error: `must hold at least ${limits.min} address(es)` });
  if (limits.max !== undefined) arr = arr.max(limits.max, { error: `must hold at most ${limits.max} addresses` });
  return withMeta(arr, { gongKind: 'array', itemKind: 'email', description });
}

/** `+` and the country code, then digits with optional spaces, dashes, dots or brackets (7-15 digits). */
export function phone(description: string) {
  const schema = z.string({ error: PHONE_MESSAGE }).refine(v => {
    if (!/^\+\d[\d\s().-]*$/.test(v)) return false;
    const digits = v.replace(/\D/g, '').length;
    return digits >= 7 && digits <= 15;
  }, { error: PHONE_MESSAGE });
  return withMeta(schema, { gongKind: 'phone', description });
}

export function enumOf<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return withMeta(z.enum(values, { error: `must be one of: ${values.join(', ')}` }), { gongKind: 'enum', description });
}

export function enumList<const T extends readonly [string, ...string[]]>(values: T, description: string, limits: { min?: number } = {}) {
  let arr = z.array(z.enum(values, { error: `each item must be one of: ${values.join(', ')}` }), { error: 'must be a list' });
  if (limits.min !== undefined) arr = arr.min(limits.min, { error: `must hold at least ${limits.min} value(s)` });
  return withMeta(arr, { gongKind: 'array', itemKind: 'enum', description });
}

export function bool(description: string) {
  return withMeta(z.boolean({ error: 'must be true or false' }), { gongKind: 'boolean', description });
}

export function int(description: string, limits: { min?: number; max?: number } = {}) {
  let n = z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' });
  if (limits.min !== undefined) n = n.min(limits.min, { error: `must be at least ${limits.min}` });
  if (limits.max !== undefined) n = n.max(limits.max, { error: `must be at most ${limits.max}` });
  return withMeta(n, { gongKind: 'integer', description });
}

export function num(description: string) {
  return withMeta(z.number({ error: 'must be a number' }).refine(Number.isFinite, { error: 'must be a finite number' }), { gongKind: 'number', description });
}

export function str(description: string, limits: { min?: number; max?: number } = {}) {
  let s = z.string({ error: 'must be text' });
  if (limits.min !== undefined) s = s.min(limits.min, { error: limits.min === 1 ? 'must not be empty' : `must be at least ${limits.min} characters` });
  if (limits.max !== undefined) s = s.max(limits.max, { error: `must be at most ${limits.max} characters` });
  return withMeta(s, { gongKind: 'string', description });
}

export function stringList(description: string, limits: { min?: number; max?: number } = {}) {
  let arr = z.array(z.string({ error: 'each item must be text' }), { error: 'must be a list of texts' });
  if (limits.min !== undefined) arr = arr.min(limits.min, { error: `must hold at least ${limits.min} item(s)` });
  if (limits.max !== undefined) arr = arr.max(limits.max, { error: `must hold at most ${limits.max} items` });
  return withMeta(arr, { gongKind: 'array', itemKind: 'string', description });
}

export function url(description: string) {
  return withMeta(z.url({ error: 'must be a URL, e.g. https://example.com/page' }), { gongKind: 'string', description });
}

/** Letters, digits, `-` and `_` (Gong's rule for CRM `clientRequestId`). */
export function clientRequestId(description: string) {
  return withMeta(
    z.string({ error: 'must be text' }).regex(/^[A-Za-z0-9_-]{1,128}$/, { error: 'must be 1-128 letters, digits, - or _' }),
    { gongKind: 'string', description },
  );
}

/** A local file path; the file is streamed as one multipart part. */
export function filePath(description: string) {
  return withMeta(z.string({ error: 'must be a file path' }).min(1, { error: 'must be a file path' }), { gongKind: 'file', description });
}

/** A list of objects, entered as JSON (parties, invitees, CRM context ...). */
export function objectList<T extends z.ZodType>(item: T, description: string, limits: { min?: number; max?: number } = {}) {
  let arr = z.array(item, { error: 'must be a list' });
  if (limits.min !== undefined) arr = arr.min(limits.min, { error: `must hold at least ${limits.min} item(s)` });
  if (limits.max !== undefined) arr = arr.max(limits.max, { error: `must hold at most ${limits.max} items` });
  return withMeta(arr, { gongKind: 'array', itemKind: 'object', description });
}

/** A nested object: the field list flattens its members to dotted paths. Unknown nested keys pass through to Gong, which tolerates them. */
export function group<S extends z.ZodRawShape>(shape: S, description: string) {
  return withMeta(z.looseObject(shape), { gongKind: 'object', description });
}

/** Reads the catalog metadata of a field, looking through optional/default/nullable wrappers. */
export function fieldMeta(schema: z.ZodType): FieldMeta | undefined {
  let s: z.ZodType | undefined = schema;
  for (let depth = 0; s && depth < 8; depth++) {
    const m = s.meta() as Partial<FieldMeta> | undefined;
    if (m && typeof m.gongKind === 'string') return m as FieldMeta;
    s = unwrapOnce(s);
  }
  return undefined;
}

/** One layer of optional / nullable / default / prefault removed, or undefined when there is none. */
export function unwrapOnce(schema: z.ZodType): z.ZodType | undefined {
  const def = schema.def as { type: string; innerType?: z.ZodType };
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'prefault' || def.type === 'readonly' || def.type === 'nonoptional') {
    return def.innerType;
  }
  return undefined;
}

/** The schema under every wrapper. */
export function unwrapAll(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let depth = 0; depth < 8; depth++) {
    const next = unwrapOnce(s);
    if (!next) break;
    s = next;
  }
  return s;
}
