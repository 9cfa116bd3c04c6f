/**
 * Prefill from where an action was started without naming the action (the call details page sends
 * `{ input: { id: callId } }` and lets the person choose). Those values are ids of a known kind; they
 * are fitted to whichever action is chosen: into its id field of that kind, or as a one-item list
 * where it takes a list. No `vscode` here.
 */
import type { FieldSpec, IdKind } from '../catalog/types';
import { setPath } from '../catalog/index';

/** Context keys and the kind of id each carries. A bare `id` is a call id: the call page's convention. */
const CONTEXT_KEYS: Readonly<Record<string, IdKind>> = {
  id: 'call', callId: 'call', userId: 'user', workspaceId: 'workspace', meetingId: 'meeting',
  flowId: 'flow', folderId: 'folder', profileId: 'profile', scorecardId: 'scorecard', trackerId: 'tracker',
};

export type ContextIds = Partial<Record<IdKind, string>>;

/** The ids a context prefill carries, by kind (values that are not id-shaped are ignored). */
export function contextIds(input: Record<string, unknown> | undefined): ContextIds {
  const out: ContextIds = {};
  for (const [key, v] of Object.entries(input ?? {})) {
    const kind = CONTEXT_KEYS[key];
    const text = typeof v === 'string' ? v : typeof v === 'bigint' || (typeof v === 'number' && Number.isSafeInteger(v)) ? v.toString() : undefined;
    if (kind && text && /^\d{1,20}$/.test(text) && out[kind] === undefined) out[kind] = text;
  }
  return out;
}

/** The fields of an action that a context id of some kind would fill. */
export function contextFields(fields: readonly FieldSpec[], ids: ContextIds): FieldSpec[] {
  return fields.filter(f => f.idKind !== undefined && ids[f.idKind] !== undefined && (f.kind === 'id' || (f.kind === 'array' && f.itemKind === 'id')));
}

/**
 * The prefill for one action from context ids: the first field of each kind gets the id (a list field
 * gets a list of one). Kinds the action has no field for are dropped, so the input stays valid.
 */
export function fitContext(fields: readonly FieldSpec[], ids: ContextIds): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const used = new Set<IdKind>();
  // Required fields first: `id` of /v2/calls/{id} before an optional `filter.callIds`.
  const ordered = [...contextFields(fields, ids)].sort((a, b) => Number(b.required) - Number(a.required));
  for (const f of ordered) {
    const kind = f.idKind as IdKind;
    if (used.has(kind)) continue;
    const id = ids[kind] as string;
    setPath(out, f.path, f.kind === 'array' ? [id] : id);
    used.add(kind);
  }
  return out;
}
