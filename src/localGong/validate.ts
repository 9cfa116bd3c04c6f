/**
 * Request validation helpers for route modules: each failure is a 400 with Gong's envelope naming
 * the field, so clients see what they sent wrong.
 */

import { LocalHttpError } from './contract';
import type { LocalRequest } from './contract';

/** ISO-8601 date-time with `Z` or an offset, as Gong accepts it. */
export const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
/** `YYYY-MM-DD`. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function bad(message: string): LocalHttpError {
  return new LocalHttpError(400, [message]);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Parses an ISO-8601 date-time with a zone (Z or offset); 400 naming `field` otherwise. */
export function parseDateTime(value: unknown, field: string): number {
  if (typeof value !== 'string' || !ISO_DATE_TIME.test(value)) {
    throw bad(`${field} must be an ISO-8601 date-time with a time zone, e.g. 2024-01-31T08:00:00Z (got ${JSON.stringify(value)})`);
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw bad(`${field} is not a valid date-time (got ${JSON.stringify(value)})`);
  return ms;
}

export function optionalDateTime(value: unknown, field: string): number | undefined {
  return value === undefined || value === null || value === '' ? undefined : parseDateTime(value, field);
}

export function isDateOnly(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));
}

/** A numeric Gong id (as string or number) -> its digits; 400 otherwise. */
export function idString(value: unknown, field: string): string {
  const s = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof s !== 'string' || !/^\d{1,20}$/.test(s)) throw bad(`${field} must be a numeric id of up to 20 digits (got ${JSON.stringify(value)})`);
  return s;
}

export function optionalIdList(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw bad(`${field} must be an array of ids`);
  return value.map((v, i) => idString(v, `${field}[${i}]`));
}

export function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw bad(`${field} must be true or false`);
  return value;
}

/** A boolean query parameter (`true`/`false`); 400 for anything else. */
export function queryBoolean(req: LocalRequest, name: string): boolean | undefined {
  const v = req.query.get(name);
  if (v === null || v === '') return undefined;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw bad(`${name} must be true or false (got ${JSON.stringify(v)})`);
}

/** The JSON body as an object; 400 when missing or not an object. */
export function bodyObject(req: LocalRequest): Record<string, unknown> {
  if (!isRecord(req.body)) throw bad('The request body must be a JSON object');
  return req.body;
}

/** `filter` of a body; required by Gong on the POST reads. */
export function filterObject(body: Record<string, unknown>, required = true): Record<string, unknown> {
  const f = body.filter;
  if (f === undefined || f === null) {
    if (required) throw bad('filter is required');
    return {};
  }
  if (!isRecord(f)) throw bad('filter must be an object');
  return f;
}

export function optionalString(value: unknown, field: string, maxLength = 10_000): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw bad(`${field} must be a string`);
  if (value.length > maxLength) throw bad(`${field} must be at most ${maxLength} characters`);
  return value;
}

export function requiredString(value: unknown, field: string, maxLength = 10_000): string {
  const s = optionalString(value, field, maxLength);
  if (s === undefined || s === '') throw bad(`${field} is required`);
  return s;
}
