/**
 * Dotted paths (`filter.fromDate`, `callAccessList.0.callId`) into action input: the one walker the
 * catalog, its refinements, the input steps and the JSON editor share. No `vscode` here.
 */

function splitPath(path: string): string[] {
  return path === '' ? [] : path.split('.');
}

function isIndex(seg: string): boolean {
  return /^\d+$/.test(seg);
}

/** A non-null object that is not a list. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads `a.b.0.c` from nested objects and arrays; undefined when any step is missing. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const seg of splitPath(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    // Lists are only indexed: `ids.length` is not a field.
    if (Array.isArray(cur) && !isIndex(seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/**
 * Writes `value` at a dotted path, creating objects (or arrays for numeric segments) on the way; a
 * list where a named key is needed is replaced by an object. Setting `undefined` removes the key, so
 * an omitted optional answer leaves no trace in the body.
 */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const segs = splitPath(path);
  if (segs.length === 0) return obj;
  let cur: Record<string, unknown> = obj;
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i] as string;
    const nextIsIndex = isIndex(segs[i + 1] as string);
    let next = cur[seg];
    if (next === null || typeof next !== 'object' || (Array.isArray(next) && !nextIsIndex)) {
      if (value === undefined) return obj;
      next = nextIsIndex ? [] : {};
      cur[seg] = next;
    }
    cur = next as Record<string, unknown>;
  }
  const last = segs[segs.length - 1] as string;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return obj;
}

/**
 * Removes the value at a dotted path and the objects that become empty on the way up, so a wizard
 * that omits its only nested answer does not leave `{ filter: {} }` behind.
 */
export function deletePath(obj: Record<string, unknown>, path: string): void {
  const segs = splitPath(path);
  if (segs.length === 0) return;
  const chain: Record<string, unknown>[] = [obj];
  let cur: unknown = obj;
  for (let i = 0; i < segs.length - 1; i++) {
    cur = (cur as Record<string, unknown>)[segs[i] as string];
    if (!isPlainObject(cur)) return;
    chain.push(cur);
  }
  delete (chain[chain.length - 1] as Record<string, unknown>)[segs[segs.length - 1] as string];
  for (let i = chain.length - 1; i > 0; i--) {
    if (Object.keys(chain[i] as Record<string, unknown>).length > 0) break;
    delete (chain[i - 1] as Record<string, unknown>)[segs[i - 1] as string];
  }
}
