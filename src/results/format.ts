/**
 * Result documents: the response body as exact JSON. Ids longer than 15 digits arrive as strings or
 * bigint/lossless numbers and are written digit for digit, never through a JS number. No `vscode` here.
 */
import { stringifyJson } from '../gong/json';

/** Pretty JSON (2 spaces) that keeps every digit of big integers. */
export function formatJson(data: unknown): string {
  return `${stringifyJson(data, 2)}\n`;
}

/** A file-name-safe label for the result document of one run, e.g. `users.list #3.json`. */
export function resultName(actionId: string, seq: number, suffix = ''): string {
  const safe = actionId.replace(/[^\w.-]+/g, '-');
  return `${safe} #${seq}${suffix}.json`;
}

/** What a result document shows besides the body: kept out of the JSON so the body stays exact. */
export interface ResultMeta {
  actionId: string;
  title: string;
  status: number;
  requestId: string | undefined;
  /** Records in this document, when the action is paged. */
  count?: number;
  totalRecords?: number;
  /** True when a later page exists. */
  more: boolean;
  /** Gong answered its documented nothing-found 404, shown as an empty list. */
  empty?: boolean;
}

/** One line for the status message after a run, e.g. `List users: HTTP 200, 100 of 2,314 records (request id abc)`. */
export function summary(meta: ResultMeta): string {
  const parts = [meta.empty ? `nothing found (Gong's HTTP ${meta.status} for an empty result)` : `HTTP ${meta.status}`];
  if (meta.count !== undefined) {
    parts.push(meta.totalRecords !== undefined ? `${meta.count.toLocaleString('en-US')} of ${meta.totalRecords.toLocaleString('en-US')} records` : `${meta.count.toLocaleString('en-US')} records`);
  }
  if (meta.requestId) parts.push(`request id ${meta.requestId}`);
  return `${meta.title}: ${parts.join(', ')}`;
}
