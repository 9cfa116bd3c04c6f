/**
 * Gong's cursor paging, reproduced: 100 records a page, a JWT-shaped opaque cursor signed with an
 * HMAC, bound to the request it continues (method, path and the query or body without `cursor`).
 * A cursor replayed with other filters, or edited, is refused with 400 like a bad cursor at Gong.
 */

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LocalRequest } from './contract';
import { LocalHttpError } from './contract';
import { textOf } from '../shared/textOf';

export const PAGE_SIZE = 100;

export interface PageRecords {
  totalRecords: number;
  currentPageSize: number;
  currentPageNumber: number;
  cursor?: string;
}

interface CursorPayload {
  /** Binding: digest of the request without its cursor. */
  b: string;
  /** Offset of the next page's first record. */
  o: number;
  /** Number of the page the cursor leads to. */
  p: number;
  /** Total when the cursor was made (informational, like Gong's). */
  t: number;
  /** Page size. */
  s: number;
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256' }));

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

/** JSON with sorted keys so a body sent with a different key order still binds to its cursor. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  // Lossless numbers and anything else with a string form.
  if (value !== null && value !== undefined && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    return textOf(value);
  }
  return JSON.stringify(value) ?? 'null';
}

/** What a cursor is bound to: the request minus its cursor. */
export function requestBinding(req: LocalRequest): string {
  const query = [...req.query.entries()].filter(([k]) => k !== 'cursor').sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1));
  let body: unknown = req.body;
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const { cursor: _ignored, ...rest } = body as Record<string, unknown>;
    body = rest;
  }
  const material = `${req.method}\n${req.path}\n${JSON.stringify(query)}\n${req.method === 'GET' ? '' : canonicalJson(body)}`;
  return createHmac('sha256', 'binding').update(material).digest('base64url').slice(0, 22);
}

/** Reads the cursor the request carries: query for GET, top-level body field otherwise. */
export function requestCursor(req: LocalRequest): string | undefined {
  if (req.method === 'GET') {
    const c = req.query.get('cursor');
    return c === null || c === '' ? undefined : c;
  }
  const body = req.body;
  if (body !== null && typeof body === 'object' && !Array.isArray(body) && 'cursor' in body) {
    const c = (body as Record<string, unknown>).cursor;
    if (c === undefined || c === null || c === '') return undefined;
    if (typeof c !== 'string') throw new LocalHttpError(400, ['cursor must be a string']);
    return c;
  }
  // Some clients send the cursor in the query of a POST; Gong reads the body, so ignore it here.
  return undefined;
}

export class Pager {
  constructor(private readonly secret: Buffer, private readonly pageSize = PAGE_SIZE) {}

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(`${HEADER}.${payload}`).digest('base64url');
  }

  makeCursor(payload: CursorPayload): string {
    const body = base64url(JSON.stringify(payload));
    return `${HEADER}.${body}.${this.sign(body)}`;
  }

  /** Verifies a cursor and returns its payload; every failure is the same 400 so nothing leaks. */
  readCursor(cursor: string, binding: string): CursorPayload {
    const invalid = (): LocalHttpError => new LocalHttpError(400, ['cursor is invalid or does not match the request']);
    const parts = cursor.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) throw invalid();
    const [, body = '', sig = ''] = parts;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw invalid();
    }
    const p = payload as Partial<CursorPayload>;
    if (typeof p.b !== 'string' || typeof p.o !== 'number' || typeof p.p !== 'number' || typeof p.t !== 'number' || typeof p.s !== 'number') throw invalid();
    if (p.b !== binding) throw invalid();
    return p as CursorPayload;
  }

  page<T>(req: LocalRequest, items: readonly T[]): { items: T[]; records: PageRecords } {
    const binding = requestBinding(req);
    const cursor = requestCursor(req);
    let offset = 0;
    let pageNumber = 0;
    if (cursor !== undefined) {
      const payload = this.readCursor(cursor, binding);
      offset = payload.o;
      pageNumber = payload.p;
    }
    const slice = items.slice(offset, offset + this.pageSize);
    const records: PageRecords = { totalRecords: items.length, currentPageSize: slice.length, currentPageNumber: pageNumber };
    const nextOffset = offset + slice.length;
    if (nextOffset < items.length && slice.length > 0) {
      records.cursor = this.makeCursor({ b: binding, o: nextOffset, p: pageNumber + 1, t: items.length, s: this.pageSize });
    }
    return { items: slice, records };
  }
}
