/**
 * JSON in and out of the local Gong, without losing big integers: request bodies keep integers
 * longer than 15 digits as strings (as the client does), and handlers can emit bare-number ids
 * (Gong's `integrationId`) with `rawNumber()`.
 */

import { isLosslessNumber, parse as losslessParse } from 'lossless-json';

/** A number written into the response exactly as its digits, never through a JS double. */
export class RawNumber {
  constructor(readonly digits: string) {
    if (!/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(digits)) throw new Error(`not a JSON number: ${digits}`);
  }
  /** JSON.stringify calls this; the marker is swapped for the bare digits afterwards. */
  toJSON(): string {
    return `${MARK}${this.digits}${MARK}`;
  }
  toString(): string {
    return this.digits;
  }
}

// A NUL plus a private-use character: cannot come out of JSON.stringify unescaped from user text
// unless a string consists of exactly this marker, which generated data never does.
const MARK = '\u0000\uE000';
const MARKED = /"\\u0000\uE000(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\\u0000\uE000"/g;

/** A bare JSON number for a response body, e.g. `rawNumber('2271307570613351879')`. */
export function rawNumber(digits: string | bigint): RawNumber {
  return new RawNumber(String(digits));
}

/** Serializes a response body; RawNumber (and lossless-json's LosslessNumber) become bare numbers. */
export function stringifyBody(body: unknown): string {
  let sawRaw = false;
  const text = JSON.stringify(body, (_key, value: unknown) => {
    if (isLosslessNumber(value)) {
      sawRaw = true;
      return new RawNumber(String((value as { value: string }).value)).toJSON();
    }
    if (typeof value === 'string' && value.startsWith(MARK)) sawRaw = true;
    if (typeof value === 'bigint') {
      sawRaw = true;
      return new RawNumber(value.toString()).toJSON();
    }
    return value;
  });
  return sawRaw ? text.replace(MARKED, '$1') : text;
}

/** Parses a request body; integers longer than 15 digits stay strings so ids survive. */
export function parseBody(text: string): unknown {
  return losslessParse(text, null, (s: string) => {
    const digitsOnly = s.startsWith('-') ? s.slice(1) : s;
    if (/^\d+$/.test(digitsOnly) && digitsOnly.length > 15) return s;
    return Number(s);
  });
}
