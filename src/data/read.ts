/**
 * Requests built from the catalog's declarations: the data layer names an action and its input, and
 * the catalog places it on the wire (path, query, body, retry safety, nothing-found 404s). No Gong
 * path is written here or anywhere else outside src/catalog and src/localGong.
 */
import { findAction, toRequest } from '../catalog/index';
import type { ActionDef } from '../catalog/types';
import type { GongApi, GongRequest } from '../gong/types';
import type { Page } from './cache';

/** The catalog actions the data layer reads, by the job they do. */
export const Reads = {
  workspaces: 'workspaces.list',
  users: 'users.list',
  usersById: 'users.extensive',
  calls: 'calls.list',
  callsExtensive: 'calls.extensive',
  transcripts: 'calls.transcript',
  libraryFolders: 'library.folders',
  folderContent: 'library.folderContent',
  flowFolders: 'flows.folders',
  flows: 'flows.list',
  trackers: 'settings.trackers',
  scorecards: 'settings.scorecards',
  activityByPeriod: 'stats.activityByPeriod',
  interactionStats: 'stats.interaction',
  answeredScorecards: 'stats.answeredScorecards',
} as const;

export type ReadName = keyof typeof Reads;

/** The declaration behind a read; a missing one is a programming error caught by the unit tests. */
export function actionOf(read: ReadName): ActionDef {
  const action = findAction(Reads[read]);
  if (!action) throw new Error(`The catalog has no action ${Reads[read]}`);
  return action;
}

/** Drops undefined members so optional inputs are simply left out. */
function defined(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

/** The wire request of a read, validated by the catalog (InputError when the input is wrong). */
export function requestOf(read: ReadName, input: Record<string, unknown> = {}): GongRequest {
  return toRequest(actionOf(read), defined(input));
}

/** One answer's data. */
export async function readData(api: GongApi, read: ReadName, input: Record<string, unknown> = {}, signal?: AbortSignal): Promise<unknown> {
  const res = await api.request(requestOf(read, input), signal);
  return res.data;
}

/** Every page's data of a paged read (Gong's cursor paging). */
export async function* readPages(api: GongApi, read: ReadName, input: Record<string, unknown> = {}, signal?: AbortSignal): AsyncGenerator<unknown, void, undefined> {
  for await (const res of api.pages(requestOf(read, input), signal)) yield res.data;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The array under `key` of an answer, or none. */
export function listAt(data: unknown, key: string): unknown[] {
  const v = isRecord(data) ? data[key] : undefined;
  return Array.isArray(v) ? v : [];
}

/** One cursor page of a list answer: the items under `key` (or `fallbackKey`) and the `records` block. */
export function pageOf(data: unknown, key: string, fallbackKey?: string): Page<unknown> {
  let items = listAt(data, key);
  if (items.length === 0 && fallbackKey) items = listAt(data, fallbackKey);
  const records = isRecord(data) ? data.records : undefined;
  const totalRaw = isRecord(records) ? records.totalRecords : undefined;
  const total = typeof totalRaw === 'number' ? totalRaw : typeof totalRaw === 'string' ? Number(totalRaw) : undefined;
  const cursorRaw = isRecord(records) ? records.cursor : undefined;
  const cursor = typeof cursorRaw === 'string' && cursorRaw !== '' && cursorRaw !== 'null' ? cursorRaw : undefined;
  return { items, total: total !== undefined && Number.isFinite(total) ? total : undefined, cursor };
}

/** One page of a paged read: its list under the action's `listKey` (or `fallbackKey`). */
export async function readPage(api: GongApi, read: ReadName, input: Record<string, unknown>, cursor: string | undefined, signal?: AbortSignal, fallbackKey?: string): Promise<Page<unknown>> {
  const action = actionOf(read);
  const data = await readData(api, read, { ...input, cursor }, signal);
  return pageOf(data, action.listKey ?? '', fallbackKey);
}
