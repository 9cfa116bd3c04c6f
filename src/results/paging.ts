/**
 * Cursor paging for results: the next page's request, how many requests "fetch all" takes, and
 * merging pages into one document. No `vscode` here.
 */
import type { GongRecords, GongRequest } from '../gong/types';
import type { PagingStyle } from '../catalog/types';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Gong's page size when the answer does not say. */
export const DEFAULT_PAGE_SIZE = 100;

/** The `records` block of an answer, if it has one. */
export function recordsOf(data: unknown): GongRecords | undefined {
  if (!isRecord(data) || !isRecord(data.records)) return undefined;
  const r = data.records;
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
  return {
    totalRecords: num(r.totalRecords),
    currentPageSize: num(r.currentPageSize),
    currentPageNumber: num(r.currentPageNumber),
    cursor: typeof r.cursor === 'string' && r.cursor.length > 0 ? r.cursor : undefined,
  };
}

/** The list of records in an answer: under `listKey`, else the only array-valued key besides `records`. */
export function listOf(data: unknown, listKey: string | undefined): unknown[] | undefined {
  if (!isRecord(data)) return undefined;
  if (listKey && Array.isArray(data[listKey])) return data[listKey] as unknown[];
  const arrays = Object.entries(data).filter(([k, v]) => k !== 'records' && Array.isArray(v));
  return arrays.length === 1 ? (arrays[0]?.[1] as unknown[]) : undefined;
}

/** The same request asking for the page after `cursor` (query for GET-style paging, body otherwise). */
export function withCursor(req: GongRequest, style: PagingStyle, cursor: string): GongRequest {
  if (style === 'body-cursor') {
    const body = isRecord(req.body) ? { ...req.body, cursor } : { cursor };
    return { ...req, body };
  }
  return { ...req, query: { ...(req.query ?? {}), cursor } };
}

/** Requests needed to fetch `total` records at `pageSize` a page. */
export function requestCount(total: number, pageSize = DEFAULT_PAGE_SIZE): number {
  if (total <= 0) return 1;
  return Math.ceil(total / Math.max(1, pageSize));
}

/**
 * Requests still needed after the page described by `records` to have every record.
 * Uses Gong's `totalRecords`, the page size it reported, and the 0-based page number.
 */
export function remainingRequests(records: GongRecords): number {
  if (!records.cursor) return 0;
  const size = records.currentPageSize && records.currentPageSize > 0 ? records.currentPageSize : DEFAULT_PAGE_SIZE;
  const total = records.totalRecords ?? 0;
  const done = (records.currentPageNumber ?? 0) + 1;
  return Math.max(1, requestCount(total, size) - done);
}

/**
 * Merges pages into one answer: the first page's shape with every page's records appended under
 * the list key, and a `records` block saying how many there are in all.
 */
export function mergePages(pages: readonly unknown[], listKey: string | undefined): unknown {
  const first = pages[0];
  if (!isRecord(first)) return first;
  const key = listKey && Array.isArray(first[listKey]) ? listKey : Object.keys(first).find(k => k !== 'records' && Array.isArray(first[k]));
  if (!key) return first;
  const all: unknown[] = [];
  for (const p of pages) {
    const list = isRecord(p) ? p[key] : undefined;
    if (Array.isArray(list)) all.push(...list);
  }
  const firstRecords = recordsOf(first);
  const merged: Record<string, unknown> = { ...first, [key]: all };
  merged.records = { totalRecords: firstRecords?.totalRecords ?? all.length, currentPageSize: all.length, currentPageNumber: 0 };
  return merged;
}
