/**
 * The call-search query language, parsed into a small tree, and its two readings: an FTS5 MATCH
 * expression (which calls may match) and a sentence matcher (which sentences are hits, and where to
 * highlight). Pure: no vscode, no node built-ins.
 *
 * Syntax: words (all must appear in the call), "exact phrases", `a OR b`, `NOT word` or `-word`
 * (the call must not contain it), `prefix*`, and filters `speaker:alice`, `side:external|company`,
 * `from:2026-10-01`, `to:2026-10-31`, `workspace:<id or name>`. Filter values may be quoted.
 */

/** One searchable unit: a word (optionally a prefix) or a phrase of several words. */
export interface Term {
  /** Normalized tokens (lower case, no diacritics); one token for a word. */
  tokens: string[];
  /** `pricing*`: the last token is a prefix. */
  prefix: boolean;
}

/** Every clause must match the call; a clause matches when any of its terms does. */
export interface Clause {
  anyOf: Term[];
}

export type Side = 'company' | 'external';

export interface ParsedQuery {
  clauses: Clause[];
  /** The call must contain none of these. */
  not: Term[];
  /** `speaker:` values, normalized tokens each (a hit's speaker must match one of them). */
  speakers: string[][];
  side?: Side;
  /** Inclusive start of the call's start time, ms since the epoch (from `from:`). */
  from?: number;
  /** Exclusive end (the day after `to:`). */
  to?: number;
  /** `workspace:` values as typed (an id or a name, compared case-insensitively). */
  workspaces: string[];
  /** The query as typed, for the transcript panel's search box and exports. */
  text: string;
}

export class QueryError extends Error {
  constructor(message: string) { super(message); this.name = 'QueryError'; }
  static is(e: unknown): e is QueryError { return e instanceof QueryError; }
}

const FILTERS = ['speaker', 'side', 'from', 'to', 'workspace'] as const;
type FilterKey = typeof FILTERS[number];

/** Case-folds and strips diacritics, the way SQLite's unicode61 tokenizer (remove_diacritics 2) does. */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

const TOKEN = /[\p{L}\p{N}]+/gu;

/** The tokens of a text as the index sees them. */
export function tokenize(s: string): string[] {
  return fold(s).match(TOKEN) ?? [];
}

interface Lexeme { kind: 'word' | 'phrase' | 'filter' | 'or' | 'not'; text: string; negated: boolean; key?: FilterKey }

function lex(input: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    const c = input[i] as string;
    if (/\s/.test(c)) { i++; continue; }
    let negated = false;
    if (c === '-' && i + 1 < n && !/\s/.test(input[i + 1] as string)) { negated = true; i++; }
    if (input[i] === '"') {
      const end = input.indexOf('"', i + 1);
      if (end < 0) throw new QueryError('A quoted phrase is missing its closing quote (").');
      const text = input.slice(i + 1, end);
      i = end + 1;
      const star = input[i] === '*';
      if (star) i++;
      out.push({ kind: 'phrase', text: star ? `${text}*` : text, negated });
      continue;
    }
    let j = i;
    while (j < n && !/\s/.test(input[j] as string)) {
      if (input[j] === ':' ) break;
      j++;
    }
    const word = input.slice(i, j);
    if (input[j] === ':' && (FILTERS as readonly string[]).includes(word.toLowerCase())) {
      if (negated) throw new QueryError(`Filters cannot be negated: -${word}:`);
      let k = j + 1;
      let value: string;
      if (input[k] === '"') {
        const end = input.indexOf('"', k + 1);
        if (end < 0) throw new QueryError(`The ${word}: value is missing its closing quote (").`);
        value = input.slice(k + 1, end);
        k = end + 1;
      } else {
        let e = k;
        while (e < n && !/\s/.test(input[e] as string)) e++;
        value = input.slice(k, e);
        k = e;
      }
      if (!value.trim()) throw new QueryError(`${word}: needs a value, for example ${word.toLowerCase() === 'side' ? 'side:external' : word.toLowerCase() === 'from' || word.toLowerCase() === 'to' ? `${word}:2026-10-01` : `${word}:alice`}.`);
      out.push({ kind: 'filter', key: word.toLowerCase() as FilterKey, text: value.trim(), negated: false });
      i = k;
      continue;
    }
    // A word with a colon that is not a filter is read as text (URLs, times like 10:30).
    while (j < n && !/\s/.test(input[j] as string)) j++;
    const raw = input.slice(i, j);
    i = j;
    if (!negated && raw === 'OR') out.push({ kind: 'or', text: raw, negated: false });
    else if (!negated && raw === 'NOT') out.push({ kind: 'not', text: raw, negated: false });
    else out.push({ kind: 'word', text: raw, negated });
  }
  return out;
}

function termOf(text: string): Term | undefined {
  const prefix = /\*\s*$/.test(text);
  const tokens = tokenize(text);
  if (tokens.length === 0) return undefined;
  return { tokens, prefix };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(key: 'from' | 'to', v: string): number {
  const m = DATE.exec(v);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  const back = Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : '';
  if (back !== v) throw new QueryError(`${key}: takes a date as YYYY-MM-DD, for example ${key}:2026-10-01 (got "${v}").`);
  return key === 'from' ? t : t + 86_400_000;
}

/** Parses a query; throws QueryError with a message meant for the person who typed it. */
export function parseQuery(input: string): ParsedQuery {
  if (input.length > 2000) throw new QueryError('The query is too long (at most 2,000 characters).');
  const q: ParsedQuery = { clauses: [], not: [], speakers: [], workspaces: [], text: input.trim() };
  const lexemes = lex(input);
  let negateNext = false;
  let joinNext = false;
  for (let idx = 0; idx < lexemes.length; idx++) {
    const l = lexemes[idx] as Lexeme;
    if (l.kind === 'filter') {
      if (negateNext || joinNext) throw new QueryError(`${negateNext ? 'NOT' : 'OR'} must be followed by a word or phrase, not a filter.`);
      switch (l.key) {
        case 'speaker': {
          const toks = tokenize(l.text);
          if (!toks.length) throw new QueryError(`speaker: needs a name or email, got "${l.text}".`);
          q.speakers.push(toks);
          break;
        }
        case 'side': {
          const v = l.text.toLowerCase();
          if (v !== 'external' && v !== 'company') throw new QueryError(`side: is external or company (got "${l.text}").`);
          if (q.side && q.side !== v) throw new QueryError('A query can ask for one side only: side:external or side:company.');
          q.side = v;
          break;
        }
        case 'from': q.from = parseDate('from', l.text); break;
        case 'to': q.to = parseDate('to', l.text); break;
        case 'workspace': q.workspaces.push(l.text); break;
        default: break;
      }
      continue;
    }
    if (l.kind === 'not') {
      if (negateNext) throw new QueryError('NOT NOT is not allowed.');
      negateNext = true;
      continue;
    }
    if (l.kind === 'or') {
      if (joinNext || negateNext || q.clauses.length === 0 || idx === lexemes.length - 1) throw new QueryError('OR goes between two words or phrases, as in pricing OR cost.');
      joinNext = true;
      continue;
    }
    const term = termOf(l.text);
    if (!term) {
      if (negateNext || joinNext || l.negated) throw new QueryError(`"${l.text}" has no letters or digits to search for.`);
      continue; // punctuation alone: nothing to search
    }
    if (negateNext || l.negated) {
      if (joinNext) throw new QueryError('OR cannot join a negated word; use NOT outside: a OR b NOT c.');
      q.not.push(term);
      negateNext = false;
      continue;
    }
    if (joinNext) {
      (q.clauses[q.clauses.length - 1] as Clause).anyOf.push(term);
      joinNext = false;
    } else q.clauses.push({ anyOf: [term] });
  }
  if (negateNext) throw new QueryError('NOT must be followed by a word or phrase.');
  if (q.clauses.length === 0) throw new QueryError(q.not.length || q.speakers.length || q.side || q.workspaces.length || q.from !== undefined || q.to !== undefined
    ? 'Add at least one word or phrase to find; filters and NOT only narrow a search.'
    : 'Type a word or "a phrase" to search for.');
  if (q.from !== undefined && q.to !== undefined && q.from >= q.to) throw new QueryError('from: is after to:.');
  return q;
}

const ftsString = (token: string): string => `"${token.replace(/"/g, '""')}"`;

/** One term in FTS5 syntax: `"word"`, `"word" *`, or `"a" + "b" + "c"` for a phrase. */
export function ftsTerm(t: Term): string {
  const body = t.tokens.map(ftsString).join(' + ');
  return t.prefix ? `${body} *` : body;
}

/** The index's text columns, one per side of the call (src/search/store.ts). */
export const TEXT_COLUMNS = ['company', 'external', 'other'] as const;

/**
 * The one MATCH expression of a query over the per-call index: every clause in the text columns
 * (only the asked side's column with `side:`), the `speaker:` names in the speakers column, and the
 * NOT terms anywhere in the text. A call it matches holds every clause; with `speaker:` the store
 * still checks that a matching speaker said them (the index only knows the speaker was on the call).
 */
export function ftsMatch(q: Pick<ParsedQuery, 'clauses' | 'not' | 'speakers' | 'side'>): string {
  const cols = q.side ? q.side : `{${TEXT_COLUMNS.join(' ')}}`;
  const parts = q.clauses.map(c => `${cols} : (${c.anyOf.map(ftsTerm).join(' OR ')})`);
  if (q.speakers.length) parts.push(`speakers : (${q.speakers.map(s => `(${s.map(x => `${ftsString(x)} *`).join(' AND ')})`).join(' OR ')})`);
  const positive = parts.map(p => `(${p})`).join(' AND ');
  return q.not.length ? `(${positive}) NOT ({${TEXT_COLUMNS.join(' ')}} : (${q.not.map(ftsTerm).join(' OR ')}))` : positive;
}

/** Where a match sits in a sentence: [start, end) in UTF-16 code units of the original text. */
export type Range = [number, number];

interface TokenPos { t: string; s: number; e: number }

/** Tokens with their positions in the original text (folding can change lengths, so map per token). */
function positions(text: string): TokenPos[] {
  const out: TokenPos[] = [];
  const re = /[\p{L}\p{N}\p{M}]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const folded = fold(m[0]);
    // A run can fold into several tokens (rare: compatibility characters); keep it as one span.
    for (const t of folded.match(TOKEN) ?? []) out.push({ t, s: m.index, e: m.index + m[0].length });
  }
  return out;
}

function termRanges(t: Term, toks: TokenPos[]): Range[] {
  const out: Range[] = [];
  const n = t.tokens.length;
  for (let i = 0; i + n <= toks.length; i++) {
    let ok = true;
    for (let k = 0; k < n; k++) {
      const want = t.tokens[k] as string;
      const have = (toks[i + k] as TokenPos).t;
      const last = k === n - 1;
      if (!(have === want || (last && t.prefix && have.startsWith(want)))) { ok = false; break; }
    }
    if (ok) out.push([(toks[i] as TokenPos).s, (toks[i + n - 1] as TokenPos).e]);
  }
  return out;
}

// eslint-disable-next-line no-control-regex -- the ASCII range by its code points
const NON_ASCII = /[^\x00-\x7f]/;
const matchers = new WeakMap<ParsedQuery, RegExp>();
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A term as a regular expression over ASCII or folded text. */
function termPattern(t: Term): string {
  // Between a phrase's words anything but letters, digits and line breaks: a line break ends a sentence
  // where sentences are joined (a speaker's voice in the store), so no match reaches into the next.
  return `(?<![\\p{L}\\p{N}])${t.tokens.map(escapeRe).join('[^\\p{L}\\p{N}\\n]+')}${t.prefix ? '[\\p{L}\\p{N}]*' : '(?![\\p{L}\\p{N}])'}`;
}

/**
 * One regular expression for every positive term, read on ASCII or folded text: a term's tokens in
 * order with only non-word characters between them, whole tokens except a prefix term's last one.
 * The same rule as the index's tokenizer, so a sentence the regex matches is one the index matched.
 */
function matcher(q: ParsedQuery): RegExp {
  let re = matchers.get(q);
  if (!re) {
    const alts = q.clauses.flatMap(c => c.anyOf.map(termPattern));
    re = new RegExp(alts.join('|'), 'giu');
    matchers.set(q, re);
  }
  return re;
}

/**
 * The highlight ranges of every positive term in a sentence, merged and sorted; empty when the
 * sentence holds none (then it is not a hit).
 */
export function matchRanges(q: ParsedQuery, text: string): Range[] {
  const re = matcher(q);
  const ascii = !NON_ASCII.test(text);
  const ranges: Range[] = [];
  if (ascii) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      ranges.push([m.index, m.index + m[0].length]);
      if (m[0].length === 0) re.lastIndex++;
    }
  } else {
    // Folding can change lengths: test the folded text, then map tokens back to the original.
    re.lastIndex = 0;
    if (!re.test(fold(text))) return [];
    const toks = positions(text);
    for (const c of q.clauses) for (const t of c.anyOf) ranges.push(...termRanges(t, toks));
  }
  if (ranges.length < 2) return ranges;
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

const clauseMatchers = new WeakMap<ParsedQuery, RegExp[]>();

/** Bit i set when the sentence holds a term of clause i (the first 30 clauses; later ones count as held). */
export function clausesIn(q: ParsedQuery, text: string): number {
  let res = clauseMatchers.get(q);
  if (!res) {
    res = q.clauses.slice(0, 30).map(c => new RegExp(c.anyOf.map(termPattern).join('|'), 'iu'));
    clauseMatchers.set(q, res);
  }
  const t = NON_ASCII.test(text) ? fold(text) : text;
  let bits = 0;
  res.forEach((re, i) => { if (re.test(t)) bits |= 1 << i; });
  return bits;
}

/** Whether a sentence holds any positive term (cheaper than its ranges: no positions). */
export function sentenceMatches(q: ParsedQuery, text: string): boolean {
  const re = matcher(q);
  re.lastIndex = 0;
  return re.test(NON_ASCII.test(text) ? fold(text) : text);
}

/** Whether a speaker (name, email, title) matches a `speaker:` filter: each of its tokens starts a token of the speaker. */
export function speakerMatches(q: ParsedQuery, speakerText: string): boolean {
  if (q.speakers.length === 0) return true;
  const toks = tokenize(speakerText);
  return q.speakers.some(want => want.every(w => toks.some(t => t.startsWith(w))));
}

/** A snippet of at most `max` characters around the first range, with ranges shifted to the snippet. */
export function snippet(text: string, ranges: readonly Range[], max = 160): { text: string; ranges: Range[] } {
  if (text.length <= max) return { text, ranges: ranges.map(r => [r[0], r[1]]) };
  const first = ranges[0] ?? [0, 0];
  let start = Math.max(0, first[0] - Math.floor((max - (first[1] - first[0])) / 3));
  // Start at a word boundary when one is near.
  if (start > 0) { const sp = text.lastIndexOf(' ', start); if (sp >= 0 && start - sp < 20) start = sp + 1; }
  let end = Math.min(text.length, start + max);
  if (end < text.length) { const sp = text.lastIndexOf(' ', end); if (sp > start + max / 2) end = sp; }
  const lead = start > 0 ? '…' : '';
  const tail = end < text.length ? '…' : '';
  const shift = lead.length - start;
  const out: Range[] = [];
  for (const r of ranges) {
    const s = Math.max(r[0], start);
    const e = Math.min(r[1], end);
    if (e > s) out.push([s + shift, e + shift]);
  }
  return { text: `${lead}${text.slice(start, end)}${tail}`, ranges: out };
}
