/** Reading call ids out of command arguments. Pure, so it is tested in plain Node. */

/**
 * Accepts a call id as given by commands, links, or tree rows (a node whose `item` carries `callId`).
 * Depth-bounded so a cyclic object cannot spin.
 */
export function callIdOf(arg: unknown, depth = 0): string | undefined {
  if (typeof arg === 'string' && /^\d{1,30}$/.test(arg.trim())) return arg.trim();
  if (depth < 3 && typeof arg === 'object' && arg !== null && !Array.isArray(arg)) {
    const o = arg as Record<string, unknown>;
    for (const k of ['callId', 'id', 'item', 'call']) { const v = callIdOf(o[k], depth + 1); if (v) return v; }
  }
  return undefined;
}

/** Call ids from a string, an array, or a node carrying `callIds` (a day of calls in the Calls view). */
export function callIdsOf(arg: unknown, depth = 0): string[] {
  if (Array.isArray(arg)) return [...new Set(arg.map(a => callIdOf(a)).filter((x): x is string => !!x))];
  if (depth < 3 && typeof arg === 'object' && arg !== null) {
    const o = arg as Record<string, unknown>;
    if (Array.isArray(o['callIds'])) return callIdsOf(o['callIds']);
    for (const k of ['item', 'json']) {
      const inner = o[k];
      if (typeof inner === 'object' && inner !== null) { const ids = callIdsOf(inner, depth + 1); if (ids.length) return ids; }
    }
  }
  const one = callIdOf(arg);
  return one ? [one] : [];
}

/** The folder id when the argument is a Library folder row (its `item.kind` is `folder`). */
export function libraryFolderOf(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const item = (arg as Record<string, unknown>)['item'];
  if (typeof item !== 'object' || item === null) return undefined;
  const { kind, gongId } = item as Record<string, unknown>;
  return kind === 'folder' && typeof gongId === 'string' && /^\d{1,30}$/.test(gongId) ? gongId : undefined;
}

/** The bounds of a day row of the Calls view (its `item.json` carries fromDateTime/toDateTime). */
export function dayRangeOf(arg: unknown): { from: string; to: string } | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const item = (arg as Record<string, unknown>)['item'];
  if (typeof item !== 'object' || item === null || (item as Record<string, unknown>)['kind'] !== 'day') return undefined;
  const json = (item as Record<string, unknown>)['json'];
  if (typeof json !== 'object' || json === null) return undefined;
  const { fromDateTime: from, toDateTime: to } = json as Record<string, unknown>;
  return typeof from === 'string' && typeof to === 'string' ? { from, to } : undefined;
}
