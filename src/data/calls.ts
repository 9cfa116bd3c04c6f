/**
 * Reads of calls by id and by range: extensive data, transcripts, the users and workspaces they
 * name, a Library folder's calls. Every request comes from the catalog (src/data/read.ts) and goes
 * in batches of 100 ids, never one request per call.
 */
import { fetchInShrinkingBatches } from '../gong/batches';
import type { GongApi, GongRequest } from '../gong/types';
import { callIdsOf } from '../render/callIds';
import { obj, objs, str, type Obj } from '../render/read';
import { readData, readPages, requestOf } from './read';

/** Splits ids into batches of at most `size` (Gong takes up to 100 call ids a request), dropping duplicates. */
export function batches(ids: readonly string[], size = 100): string[][] {
  const unique = [...new Set(ids)];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += size) out.push(unique.slice(i, i + size));
  return out;
}

/** Everything the details panel shows, asked for in one request (endpoints.md section 5). */
export function extensiveRequest(callIds: readonly string[], cursor?: string): GongRequest {
  return requestOf('callsExtensive', {
    cursor,
    filter: { callIds: [...callIds] },
    contentSelector: {
      context: 'Extended',
      exposedFields: {
        parties: true,
        content: {
          brief: true, outline: true, highlights: true, keyPoints: true, callOutcome: true,
          topics: true, trackers: true, trackerOccurrences: true,
        },
        interaction: { speakers: true, personInteractionStats: true, questions: true, video: true },
        collaboration: { publicComments: true },
      },
    },
  });
}

/** The extensive data of the given calls (all pages), keyed by call id. */
export async function fetchExtensive(api: GongApi, callIds: readonly string[], signal?: AbortSignal): Promise<Map<string, Obj>> {
  const out = new Map<string, Obj>();
  for (const batch of batches(callIds, 100)) {
    for await (const page of api.pages(extensiveRequest(batch), signal)) {
      for (const call of objs(obj(page.data)?.['calls'])) {
        const id = str(obj(call['metaData'])?.['id']);
        if (id) out.set(id, call);
      }
    }
  }
  return out;
}

/** The transcripts request for up to 100 call ids (endpoints.md section 6). */
export function transcriptRequest(callIds: readonly string[], cursor?: string): GongRequest {
  return requestOf('transcripts', { cursor, filter: { callIds: [...callIds] } });
}

/**
 * The transcripts of many calls: one request per batch of up to 100 ids (plus Gong's cursor
 * pages), never one request per call; batches shrink when answers are large (long calls), so no one
 * answer is slow to read or parse. Returns the raw `callTranscripts[]` elements keyed by call id.
 */
export async function fetchTranscripts(api: GongApi, callIds: readonly string[], signal?: AbortSignal): Promise<Map<string, Obj>> {
  const out = new Map<string, Obj>();
  await fetchInShrinkingBatches(api, callIds, batch => transcriptRequest(batch), page => {
    for (const t of objs(obj(page.data)?.['callTranscripts'])) {
      const id = str(t['callId']);
      if (id) out.set(id, t);
    }
  }, signal ? { signal } : {});
  return out;
}

/** A user's display name: first and last name, else the email. */
function nameOf(u: Obj): string | undefined {
  return [str(u['firstName']), str(u['lastName'])].filter(Boolean).join(' ').trim() || str(u['emailAddress']);
}

/** Display names of users by id, one users-by-filter read per 100 ids. */
export async function fetchUserNames(api: GongApi, userIds: readonly string[], signal?: AbortSignal): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const batch of batches(userIds, 100)) {
    for await (const data of readPages(api, 'usersById', { filter: { userIds: batch } }, signal)) {
      for (const u of objs(obj(data)?.['users'])) {
        const id = str(u['id']);
        const name = nameOf(u);
        if (id && name) out.set(id, name);
      }
    }
  }
  return out;
}

/** Workspace names by id, from a workspaces list. */
export function workspaceNamesOf(workspaces: readonly unknown[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const w of objs(workspaces)) {
    const id = str(w['id']);
    const name = str(w['name']);
    if (id && name) out.set(id, name);
  }
  return out;
}

/** Workspace names by id, from one workspaces read. */
export async function fetchWorkspaceNames(api: GongApi, signal?: AbortSignal): Promise<Map<string, string>> {
  const data = await readData(api, 'workspaces', {}, signal);
  const list = obj(data)?.['workspaces'];
  return workspaceNamesOf(Array.isArray(list) ? list : []);
}

/** The calls saved in a public Library folder (not paged). */
export async function fetchFolderCallIds(api: GongApi, folderId: string, signal?: AbortSignal): Promise<string[]> {
  const data = await readData(api, 'folderContent', { folderId }, signal);
  const calls = obj(data)?.['calls'];
  return callIdsOf(Array.isArray(calls) ? calls : []);
}

/**
 * Every call id in a time range (cursor-paged; Gong's "no calls" 404 means none), at most
 * `maxPages` pages so a busy day cannot turn one click into unbounded requests.
 */
export async function fetchCallIdsInRange(api: GongApi, from: string, to: string, signal?: AbortSignal, maxPages = 20): Promise<string[]> {
  const ids: string[] = [];
  let pages = 0;
  for await (const data of readPages(api, 'calls', { fromDateTime: from, toDateTime: to }, signal)) {
    const calls = obj(data)?.['calls'];
    ids.push(...callIdsOf(Array.isArray(calls) ? calls : []));
    if (++pages >= maxPages) break;
  }
  return [...new Set(ids)];
}
