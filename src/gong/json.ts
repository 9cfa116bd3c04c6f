/**
 * Lossless JSON for Gong. Gong ids are up to 20 digits, above Number.MAX_SAFE_INTEGER, and a few
 * endpoints emit them as bare JSON numbers (`integrationId`); JSON.parse would round them silently.
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

/**
 * Parses JSON text; integers longer than 15 digits (every unsafe integer among them) become decimal
 * strings, every other number a JS number. Throws SyntaxError on invalid JSON.
 */
export function parseJson(text: string): unknown {
  return parse(text, undefined, parseNumber);
}

/** Serialises like JSON.stringify, except that bigint values are written as bare digits. */
export function stringifyJson(value: unknown, space?: number): string {
  const text = stringify(value, undefined, space);
  // lossless-json returns undefined for undefined / functions, as JSON.stringify does; a request body must be text.
  return text ?? 'null';
}
