/**
 * Lossless JSON for Gong. Gong ids are up to 20 digits, above Number.MAX_SAFE_INTEGER, and a few
 * endpoints emit them as bare JSON numbers (`integrationId`); JSON.parse would round them silently.
 *
 * Speed matters as much as exactness: a transcript batch is megabytes, parsed on the extension
 * host's one thread. So the text is parsed by the native JSON.parse whenever that is exact:
 *   1. no run of 16+ digits follows `:`, `,` or `[` (the only places a bare number can start), or
 *      every such run sits inside a string: JSON.parse as is;
 *   2. otherwise each bare integer of 16+ digits is wrapped in quotes in the text, then JSON.parse;
 *   3. a text the scan cannot vouch for (a backslash outside strings, i.e. not JSON) goes to the
 *      careful token-by-token parser, which also reports its syntax error.
 * All three give the same value: integers longer than 15 digits as decimal strings, other numbers as
 * JS numbers.
 */
import { parse, stringify, isInteger } from 'lossless-json';

/** Longer integers are kept as strings: ids of 16+ digits must never depend on whether they happen to be safe. */
const MAX_NUMBER_DIGITS = 15;

function parseNumber(text: string): number | string {
  if (isInteger(text)) {
    const digits = text.startsWith('-') ? text.length - 1 : text.length;
    if (digits > MAX_NUMBER_DIGITS) return text;
  }
  return Number(text);
}

/** The careful parser (lossless-json): slow (about 17x JSON.parse) but exact for any text. */
export function parseJsonCarefully(text: string): unknown {
  return parse(text, undefined, parseNumber);
}

/** Where a bare number of 16+ digits may start: after `:`, `,`, `[` (and blanks, a minus) or at the very start. */
const CANDIDATE = /(?:[:,[]|^)[ \t\r\n]*-?[1-9][0-9]{15}/g;

/** Which way `parseJson` took for a text (for tests and benchmarks). */
export type JsonPath = 'native' | 'quoted' | 'careful';

interface Plan { path: JsonPath; text: string }

/**
 * Finds the bare integers of 16+ digits (outside strings) and returns the text to hand to JSON.parse,
 * with each of them quoted; or 'careful' when the text is not shaped like JSON around them.
 */
function plan(text: string): Plan {
  CANDIDATE.lastIndex = 0;
  const starts: number[] = [];
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    // The run itself starts after the separator, blanks and minus the pattern took.
    let i = m.index + m[0].length - 16;
    if (text.charCodeAt(i - 1) === 45 /* - */) i--;
    starts.push(i);
  }
  if (starts.length === 0) return { path: 'native', text };

  // Walk the string delimiters up to the last candidate: a candidate between an opening and its
  // closing quote is text, not a number. Only quotes and backslashes are looked at (indexOf is native).
  const bare: Array<[number, number]> = [];
  let pos = 0;
  let inString = false;
  let next = 0; // index into starts
  // The next backslash at or after pos: -2 not searched yet, -1 none left; searched again only once passed.
  let backslash = -2;
  const last = starts[starts.length - 1] as number;
  while (next < starts.length) {
    const q = text.indexOf('"', pos);
    const segmentEnd = q < 0 ? text.length : q;
    if (!inString) {
      // Outside strings a backslash means this is not JSON: let the careful parser say so.
      if (backslash !== -1 && backslash < pos) backslash = text.indexOf('\\', pos);
      if (backslash >= 0 && backslash < segmentEnd) return { path: 'careful', text };
      while (next < starts.length && (starts[next] as number) < segmentEnd) {
        const s = starts[next++] as number;
        let e = s + (text.charCodeAt(s) === 45 ? 1 : 0);
        while (e < text.length) { const c = text.charCodeAt(e); if (c < 48 || c > 57) break; e++; }
        const after = text.charCodeAt(e);
        // A fraction or exponent makes it a non-integer, which JSON.parse reads as Number() would.
        if (after !== 46 /* . */ && after !== 101 /* e */ && after !== 69 /* E */) bare.push([s, e]);
      }
    } else {
      while (next < starts.length && (starts[next] as number) < segmentEnd) next++;
    }
    if (q < 0 || q > last) break;
    if (inString) {
      // A quote preceded by an odd number of backslashes is escaped and does not end the string.
      let k = q - 1;
      while (k >= 0 && text.charCodeAt(k) === 92) k--;
      if ((q - 1 - k) % 2 === 0) inString = false;
    } else {
      inString = true;
    }
    pos = q + 1;
  }
  if (bare.length === 0) return { path: 'native', text };
  const parts: string[] = [];
  let from = 0;
  for (const [s, e] of bare) {
    parts.push(text.slice(from, s), '"', text.slice(s, e), '"');
    from = e;
  }
  parts.push(text.slice(from));
  return { path: 'quoted', text: parts.join('') };
}

/** Which way `parseJson` would take for `text`. */
export function jsonPathFor(text: string): JsonPath {
  return plan(text).path;
}

/**
 * Parses JSON text; integers longer than 15 digits (every unsafe integer among them) become decimal
 * strings, every other number a JS number. Throws SyntaxError on invalid JSON.
 */
export function parseJson(text: string): unknown {
  const p = plan(text);
  if (p.path === 'careful') return parseJsonCarefully(text);
  return JSON.parse(p.text) as unknown;
}

/** Serialises like JSON.stringify, except that bigint values are written as bare digits. */
export function stringifyJson(value: unknown, space?: number): string {
  const text = stringify(value, undefined, space);
  // lossless-json returns undefined for undefined / functions, as JSON.stringify does; a request body must be text.
  return text ?? 'null';
}

/** Answers longer than this are parsed in slices (`parseJsonInSlices`). */
export const SLICED_PARSE_CHARS = 1 << 20;
/** About this many characters of a big array are parsed per slice (a few ms each). */
const SLICE_CHARS = 256 * 1024;
/** Characters scanned between two yields. */
const SCAN_CHARS = 2 * 1024 * 1024;

const nextTurn = () => new Promise<void>(resolve => setImmediate(resolve));

interface BigArray { start: number; end: number; cuts: number[] }

/**
 * Finds the arrays held directly by a top-level object (`{"records":..., "callTranscripts":[...]}`)
 * and the boundaries of their elements. Undefined when the text is not shaped so.
 */
async function scanTopLevelArrays(text: string): Promise<BigArray[] | undefined> {
  let i = 0;
  while (i < text.length && ' \t\r\n'.includes(text.charAt(i))) i++;
  if (text.charCodeAt(i) !== 123 /* { */) return undefined;
  const arrays: BigArray[] = [];
  let depth = 0;
  let current: BigArray | undefined;
  let budget = SCAN_CHARS;
  for (; i < text.length; i++) {
    if (--budget <= 0) { budget = SCAN_CHARS; await nextTurn(); }
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Jump to the closing quote: one preceded by an even number of backslashes.
      let q = text.indexOf('"', i + 1);
      for (;;) {
        if (q < 0) return undefined;
        let k = q - 1;
        while (text.charCodeAt(k) === 92) k--;
        if ((q - 1 - k) % 2 === 0) break;
        q = text.indexOf('"', q + 1);
      }
      budget -= q - i;
      i = q;
    } else if (c === 123 || c === 91 /* { [ */) {
      depth++;
      if (depth === 2 && c === 91) current = { start: i, end: -1, cuts: [i + 1] };
    } else if (c === 125 || c === 93 /* } ] */) {
      if (depth === 2 && current) {
        current.end = i;
        if (current.end - current.start > SLICE_CHARS) arrays.push(current);
        current = undefined;
      }
      depth--;
      if (depth === 0) break;
    } else if (c === 44 /* , */ && depth === 2 && current) {
      current.cuts.push(i + 1);
    }
  }
  return depth === 0 ? arrays : undefined;
}

/**
 * The same value as `parseJson`, for long answers without one long task: the big arrays of a
 * top-level object are parsed a few hundred kilobytes at a time, yielding to the event loop between
 * slices (a 100-call transcript batch is one 8 MB array). Other shapes are parsed in one go.
 */
export async function parseJsonInSlices(text: string): Promise<unknown> {
  if (text.length <= SLICED_PARSE_CHARS) return parseJson(text);
  const arrays = await scanTopLevelArrays(text);
  if (!arrays || arrays.length === 0) return parseJson(text);
  // The skeleton: the text with each big array emptied to one marker, parsed at once (it is small).
  const marker = (n: number) => `\u0000slice ${n}`;
  const parts: string[] = [];
  let from = 0;
  arrays.forEach((a, n) => { parts.push(text.slice(from, a.start), JSON.stringify([marker(n)])); from = a.end + 1; });
  parts.push(text.slice(from));
  const skeleton = parseJson(parts.join('')) as Record<string, unknown>;
  const filled: unknown[][] = [];
  for (const a of arrays) {
    await nextTurn();
    const items: unknown[] = [];
    const ends = [...a.cuts.slice(1), a.end + 1];
    let first = 0;
    while (first < a.cuts.length) {
      // As many whole elements as fit in about SLICE_CHARS (at least one).
      let last = first;
      while (last + 1 < a.cuts.length && (ends[last + 1] as number) - (a.cuts[first] as number) <= SLICE_CHARS) last++;
      const chunk = text.slice(a.cuts[first], (ends[last] as number) - 1);
      for (const v of parseJson(`[${chunk}]`) as unknown[]) items.push(v);
      first = last + 1;
      if (first < a.cuts.length) await nextTurn();
    }
    filled.push(items);
  }
  for (const [key, value] of Object.entries(skeleton)) {
    if (!Array.isArray(value) || value.length !== 1 || typeof value[0] !== 'string') continue;
    const n = arrays.findIndex((_, j) => value[0] === marker(j));
    if (n >= 0) skeleton[key] = filled[n];
  }
  return skeleton;
}
