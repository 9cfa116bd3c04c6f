/**
 * Small helpers shared by the local Gong's secondary route modules (stats, meetings, flows, CRM, ...):
 * per-world state, deterministic hashing, request validation with Gong-style 400s, and company
 * time-zone date arithmetic. Pure: no node:http, no vscode.
 */

import { LocalHttpError } from '../contract';
import { hash32 } from '../ids';
import { rawNumber } from '../json';
import type { RawNumber } from '../json';
import type { World } from '../model';
import { ISO_DATE, ISO_DATE_TIME, isRecord } from '../validate';

/**
 * Per-world state kept outside the core model. Created on first use so a world that never sees a
 * flows request never pays for generating flows; keyed weakly so a stopped server's world is freed.
 */
export function perWorld<T>(make: (world: World) => T): (world: World) => T {
  const states = new WeakMap<World, T>();
  return (world: World): T => {
    let state = states.get(world);
    if (state === undefined) {
      state = make(world);
      states.set(world, state);
    }
    return state;
  };
}

/**
 * A deterministic number in [0, 1) from string parts (FNV-1a then a mixer). Used for decisions tied to
 * one entity (did this manager listen to that call?) so the answer does not depend on the order in
 * which things were generated or on what was erased since.
 */
export function hash01(...parts: string[]): number {
  // Each part ends with a unit separator, so ('ab', 'c') and ('a', 'bc') hash apart.
  return hash32(parts.map(part => `${part}\u001f`).join('')) / 0x100000000;
}

/** An integer in [min, max] from hash parts. */
export function hashInt(min: number, max: number, ...parts: string[]): number {
  return min + Math.floor(hash01(...parts) * (max - min + 1));
}

/** A deterministic 19-digit id string from hash parts (for ids that must be stable across restarts). */
export function hashId(...parts: string[]): string {
  let out = String(1 + Math.floor(hash01(...parts, 'a') * 8));
  for (let i = 0; out.length < 19; i++) out += String(Math.floor(hash01(...parts, String(i)) * 10));
  return out;
}

/** Picks one element with a random source; the array must not be empty. */
export function pick<T>(items: readonly T[], r: number): T {
  const item = items[Math.min(items.length - 1, Math.floor(r * items.length))];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/**
 * Bare JSON numbers for int64 ids (GET/PUT /v2/crm/integrations `integrationId`, the ids of POST /v2/tasks):
 * the server writes a RawNumber as its exact digits, so clients must parse losslessly, as with Gong.
 */
export function bareId(id: string): RawNumber {
  return rawNumber(id);
}

// ---- validation: Gong answers malformed requests with 400 and a message naming the problem ----

export function badRequest(message: string): never {
  throw new LocalHttpError(400, [message]);
}

// Re-exported for the route modules that take their helpers from here.
export { isRecord } from '../validate';

/** The request body as an object, or 400. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) badRequest('Request body must be a JSON object');
  return body;
}

/** A member that must be an object, or 400 naming it. */
export function reqObject(obj: Record<string, unknown>, key: string, path = key): Record<string, unknown> {
  const value = obj[key];
  if (value === undefined || value === null) badRequest(`${path} is required`);
  if (!isRecord(value)) badRequest(`${path} must be an object`);
  return value;
}

export function optObject(obj: Record<string, unknown>, key: string, path = key): Record<string, unknown> | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) badRequest(`${path} must be an object`);
  return value;
}

/** A non-empty string member (numbers are accepted for ids sent as bare numbers), or 400. */
export function reqString(obj: Record<string, unknown>, key: string, path = key): string {
  const value = optString(obj, key, path);
  if (value === undefined || value === '') badRequest(`${path} is required`);
  return value;
}

export function optString(obj: Record<string, unknown>, key: string, path = key): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') badRequest(`${path} must be a string`);
  return value;
}

export function optBoolean(obj: Record<string, unknown>, key: string, path = key): boolean | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') badRequest(`${path} must be a boolean`);
  return value;
}

export function optStringArray(obj: Record<string, unknown>, key: string, path = key): string[] | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) badRequest(`${path} must be an array of strings`);
  return value.map((item, i) => {
    if (typeof item === 'number' && Number.isFinite(item)) return String(item);
    if (typeof item !== 'string' || item === '') badRequest(`${path}[${i}] must be a non-empty string`);
    return item;
  });
}

export function reqStringArray(obj: Record<string, unknown>, key: string, path = key): string[] {
  const value = optStringArray(obj, key, path);
  if (value === undefined) badRequest(`${path} is required`);
  if (value.length === 0) badRequest(`${path} must not be empty`);
  return value;
}

export function reqEnum<T extends string>(obj: Record<string, unknown>, key: string, allowed: readonly T[], path = key): T {
  const value = reqString(obj, key, path);
  return checkEnum(value, allowed, path);
}

export function optEnum<T extends string>(obj: Record<string, unknown>, key: string, allowed: readonly T[], path = key): T | undefined {
  const value = optString(obj, key, path);
  return value === undefined ? undefined : checkEnum(value, allowed, path);
}

export function checkEnum<T extends string>(value: string, allowed: readonly T[], path: string): T {
  if (!(allowed as readonly string[]).includes(value)) badRequest(`${path} must be one of ${allowed.join(', ')} (got '${value}')`);
  return value as T;
}

/** A required query parameter, or 400 naming it. */
export function reqQuery(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (value === null || value.trim() === '') badRequest(`${name} is required`);
  return value;
}


/** Parses an ISO-8601 date-time with `Z` or an offset (what Gong accepts), or 400 naming the field. */
export function parseDateTime(value: string, path: string): Date {
  const ms = ISO_DATE_TIME.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) badRequest(`${path} must be an ISO-8601 date-time with offset, e.g. 2024-05-01T08:00:00Z (got '${value}')`);
  return new Date(ms);
}

/** Validates a `YYYY-MM-DD` date, or 400 naming the field. */
export function checkDate(value: string, path: string): string {
  const ms = ISO_DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) badRequest(`${path} must be a date in the form YYYY-MM-DD (got '${value}')`);
  return value;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

// ---- company time zone ----

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of `timeZone` at `instant`, in minutes east of UTC. */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `instant` as ISO-8601 in the company's offset, e.g. `2025-05-01T00:00:00-07:00` (Gong's response style). */
export function zoned(instant: Date, timeZone: string, millis = false): string {
  const off = offsetMinutes(instant, timeZone);
  const local = new Date(instant.getTime() + off * 60000);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const base = local.toISOString().slice(0, millis ? 23 : 19);
  return `${base}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The company-local calendar date of an instant, `YYYY-MM-DD`. */
export function localDate(instant: Date, timeZone: string): string {
  return new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60000).toISOString().slice(0, 10);
}

/** The instant of local midnight starting `date` (`YYYY-MM-DD`) in the company's zone. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  // Two passes settle the offset even on days when it changes.
  let guess = utcMidnight - offsetMinutes(new Date(utcMidnight), timeZone) * 60000;
  guess = utcMidnight - offsetMinutes(new Date(guess), timeZone) * 60000;
  return new Date(guess);
}

/** `date` plus `days` calendar days, both `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
}

/** Full name of a user-like object. */
export function fullName(u: { firstName: string; lastName: string }): string {
  return `${u.firstName} ${u.lastName}`.trim();
}
