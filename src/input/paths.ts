/**
 * Dotted-path access into plain input objects (`filter.fromDateTime`). Kept here so the input
 * engine does not depend on when the catalog's own helpers land. No `vscode` here.
 */

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at a dotted path, or undefined when any segment is missing. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const seg of path.split('.')) {
    // Numeric segments index lists (`callAccessList.0.callId`).
    if (Array.isArray(cur) && /^\d+$/.test(seg)) cur = cur[Number(seg)];
    else if (isRecord(cur)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

/** Sets a value at a dotted path, creating intermediate objects. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const segs = path.split('.');
  let cur: Record<string, unknown> = obj;
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i] as string;
    const next = cur[seg];
    if (!isRecord(next)) cur[seg] = {};
    cur = cur[seg] as Record<string, unknown>;
  }
  cur[segs[segs.length - 1] as string] = value;
}

/** Removes the value at a dotted path and any objects that become empty on the way up. */
export function deletePath(obj: Record<string, unknown>, path: string): void {
  const segs = path.split('.');
  const chain: Record<string, unknown>[] = [obj];
  let cur: unknown = obj;
  for (let i = 0; i < segs.length - 1; i++) {
    if (!isRecord(cur)) return;
    cur = cur[segs[i] as string];
    if (!isRecord(cur)) return;
    chain.push(cur);
  }
  const last = chain[chain.length - 1] as Record<string, unknown>;
  delete last[segs[segs.length - 1] as string];
  // Prune emptied parents so an omitted nested field does not leave `{ filter: {} }` behind.
  for (let i = chain.length - 1; i > 0; i--) {
    const node = chain[i] as Record<string, unknown>;
    if (Object.keys(node).length > 0) break;
    delete (chain[i - 1] as Record<string, unknown>)[segs[i - 1] as string];
  }
}

/** A deep copy of JSON-like data (bigint and class instances are kept by reference). */
export function cloneInput<T>(v: T): T {
  if (Array.isArray(v)) return v.map(x => cloneInput(x)) as unknown as T;
  if (isRecord(v) && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = cloneInput(x);
    return out as T;
  }
  return v;
}
