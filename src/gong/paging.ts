/** Cursor paging as Gong does it: repeat the same request with `cursor` added until none comes back. */
import type { GongApi, GongRecords, GongRequest, GongResponse } from './types';
import { GongError } from './errors';

/** Hard stop for a misbehaving server: 100,000 pages is 10 million records. */
const MAX_PAGES = 100_000;

/** The request for the page after `cursor`: query `cursor` for GET, top-level body `cursor` otherwise. */
export function withCursor(req: GongRequest, cursor: string | undefined): GongRequest {
  if (cursor === undefined) return req;
  if (req.method === 'GET') return { ...req, query: { ...(req.query ?? {}), cursor } };
  const body = typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) ? req.body as Record<string, unknown> : {};
  return { ...req, body: { ...body, cursor } };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function count(v: unknown): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
}

/**
 * The `records` block of an answer, when it has one, read defensively: counts sent as digit strings
 * become numbers, and an empty cursor means there is no next page (as `paginate` treats it).
 */
export function recordsOf(data: unknown): GongRecords | undefined {
  if (!isRecord(data) || !isRecord(data.records)) return undefined;
  const r = data.records;
  const out: GongRecords = {};
  const totalRecords = count(r.totalRecords);
  const currentPageSize = count(r.currentPageSize);
  const currentPageNumber = count(r.currentPageNumber);
  if (totalRecords !== undefined) out.totalRecords = totalRecords;
  if (currentPageSize !== undefined) out.currentPageSize = currentPageSize;
  if (currentPageNumber !== undefined) out.currentPageNumber = currentPageNumber;
  if (typeof r.cursor === 'string' && r.cursor !== '') out.cursor = r.cursor;
  return out;
}

/** Yields each page's response; stops after the page without `records.cursor`. */
export async function* paginate<T>(api: Pick<GongApi, 'request'>, req: GongRequest, signal?: AbortSignal): AsyncGenerator<GongResponse<T>, void, undefined> {
  let cursor: string | undefined;
  const seen = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await api.request<T>(withCursor(req, cursor), signal);
    yield res;
    const next = recordsOf(res.data)?.cursor;
    if (typeof next !== 'string' || next === '') return;
    if (seen.has(next)) throw new GongError('server', `${req.method} ${req.path}: Gong returned a cursor it had already sent; stopped paging`, { method: req.method, path: req.path });
    seen.add(next);
    cursor = next;
  }
  throw new GongError('server', `${req.method} ${req.path}: more than ${MAX_PAGES} pages; stopped paging`, { method: req.method, path: req.path });
}

export interface CollectOptions {
  /** Stop after this many pages (default: all). */
  maxPages?: number;
  signal?: AbortSignal;
}

export interface Collected<T> {
  items: T[];
  pages: number;
  /** False when maxPages stopped the walk while Gong still had a cursor. */
  complete: boolean;
  totalRecords: number | undefined;
}

/** Walks the pages and gathers `data[listKey]` of each, saying whether it reached the end. */
export async function collectPages<T = unknown>(api: GongApi, req: GongRequest, listKey: string, options: CollectOptions = {}): Promise<Collected<T>> {
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
  const items: T[] = [];
  let pages = 0;
  let totalRecords: number | undefined;
  if (maxPages <= 0) return { items, pages, complete: false, totalRecords };
  for await (const res of api.pages(req, options.signal)) {
    pages++;
    const data = res.data as Record<string, unknown> | undefined;
    const list = data?.[listKey];
    if (Array.isArray(list)) items.push(...(list as T[]));
    const records = recordsOf(res.data);
    totalRecords ??= records?.totalRecords;
    if (pages >= maxPages) return { items, pages, complete: records?.cursor === undefined, totalRecords };
  }
  return { items, pages, complete: true, totalRecords };
}

/** All records of a paged list (`listKey` such as `users` or `calls`); an empty 404 gives []. */
export async function collectAll<T = unknown>(api: GongApi, req: GongRequest, listKey: string, options: CollectOptions = {}): Promise<T[]> {
  return (await collectPages<T>(api, req, listKey, options)).items;
}
