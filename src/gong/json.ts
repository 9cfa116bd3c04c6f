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
