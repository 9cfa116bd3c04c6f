/**
 * Text and links from Gong made safe to show. Pure (no vscode, no node), so the host, the trees, the
 * exporters and the webview pages all use the very same rules:
 * - only `https:` links to Gong's own hosts are links; anything else is shown as text;
 * - bidirectional controls (U+202A-202E, U+2066-2069, U+200E/200F, U+061C) become visible markers
 *   such as `[RLO]`, so a direction override cannot reorder a label, a title or an export;
 * - one-line texts (tree labels, descriptions, tooltips, tab titles) are bounded in length;
 * - long unbroken runs get break opportunities so a page never lays out a megabyte in one piece;
 * - Markdown exports escape every character Markdown reads.
 */

/** Gong's web and API hosts: `gong.io` and its subdomains (`app.gong.io`, `us-12345.app.gong.io`). */
const GONG_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*gong\.io$/;

/** True when `host` (a URL hostname, lower case) is one of Gong's hosts. */
export function isGongHost(host: string): boolean {
  return host.length <= 253 && GONG_HOST.test(host.toLowerCase());
}

/**
 * The link as a normalised string when it is an `https:` link to one of Gong's hosts with no
 * credentials in it; undefined for anything else (other schemes, other hosts, `http:`, junk).
 */
export function gongLink(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 8192) return undefined;
  let u: URL;
  try {
    u = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' || u.username !== '' || u.password !== '' || u.port !== '') return undefined;
  return isGongHost(u.hostname) ? u.href : undefined;
}

const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const BIDI_NAMES: Readonly<Record<string, string>> = {
  '\u061c': 'ALM', '\u200e': 'LRM', '\u200f': 'RLM', '\u202a': 'LRE', '\u202b': 'RLE', '\u202c': 'PDF',
  '\u202d': 'LRO', '\u202e': 'RLO', '\u2066': 'LRI', '\u2067': 'RLI', '\u2068': 'FSI', '\u2069': 'PDI',
};

/** A fresh global regex matching one bidirectional control character. */
export function bidiControlPattern(): RegExp {
  return new RegExp(BIDI_CONTROL.source, 'g');
}

/** The visible marker for one bidi control character, e.g. `[RLO]` for U+202E. */
export function bidiMarker(ch: string): string {
  return `[${BIDI_NAMES[ch] ?? `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`}]`;
}

/** Every bidirectional control replaced by its visible marker (`[RLO]`, `[PDF]`, ...). */
export function visibleControls(text: string): string {
  return text.replace(BIDI_CONTROL, bidiMarker);
}

/** Cuts `text` to at most `max` UTF-16 units (ending with `…` when cut), never inside a surrogate pair. */
export function clampText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Bounds for the one-line texts of the sidebar and tab titles. */
export const LABEL_MAX = 200;
export const DESCRIPTION_MAX = 200;
export const TOOLTIP_MAX = 2000;

/**
 * A single-line text for a tree label or description, a tab title or a quick pick: controls and line
 * breaks become spaces or markers, and the result is at most `max` characters. Only a bounded prefix of
 * the input is read, so a megabyte-long title costs nothing.
 */
export function oneLine(text: string, max = LABEL_MAX): string {
  const head = text.length > max * 4 + 64 ? text.slice(0, max * 4 + 64) : text;
  // eslint-disable-next-line no-control-regex
  const flat = visibleControls(head).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return clampText(head.length < text.length ? `${flat}…` : flat, max);
}

/**
 * A multi-line text for a tooltip: bidi controls as markers, other control characters dropped, at most
 * `max` characters, and no line longer than `lineMax` without a space (so the hover can wrap it).
 */
export function boundedTooltip(text: string, max = TOOLTIP_MAX, lineMax = 100): string {
  const head = text.length > max + 64 ? text.slice(0, max + 64) : text;
  // eslint-disable-next-line no-control-regex
  const clean = visibleControls(head).replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
  const broken = clean.replace(new RegExp(`\\S{${lineMax}}(?=\\S)`, 'g'), run => `${run}\u200b`);
  return clampText(head.length < text.length ? `${broken}…` : broken, max);
}

/** Characters at most between two break opportunities in a long unbroken run of page text. */
export const BREAK_EVERY = 100;

/**
 * Splits `text` into pieces at which a page may insert a line-break opportunity (`<wbr>`): a cut after
 * every `every` characters of a run without whitespace, never inside a surrogate pair. Text that has
 * no such run comes back as one piece, so ordinary prose is left alone.
 */
export function breakPoints(text: string, every = BREAK_EVERY): number[] {
  const cuts: number[] = [];
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x200b) { run = 0; continue; }
    run++;
    if (run >= every && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (c >= 0xd800 && c <= 0xdbff) continue; // never between the halves of a pair
      if (next === 0x20 || next === 0x0a) continue;
      cuts.push(i + 1);
      run = 0;
    }
  }
  return cuts;
}

/** Field length over which a page shows a clamped preview with a "Show all" control. */
export const CLAMP_OVER = 20_000;

// Markdown reads these anywhere in a line (emphasis, code, links, html, entities, tables, escapes).
const MD_INLINE = /[\\`*_{}[\]()<>#+!|~&]/g;

/** A run a Markdown renderer would turn into a link by itself (GFM and linkify autolinks). */
const AUTOLINK = /(?:\b[a-z][a-z0-9+.-]{0,30}:\/\/|\bwww\.)\S+/gi;

/** `text` as a code span: shown literally (no escapes, no links), fenced by more backticks than it holds. */
function codeSpan(text: string): string {
  const longest = (text.match(/`+/g) ?? []).reduce((n, r) => Math.max(n, r.length), 0);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

const escapeInline = (text: string): string => text.replace(MD_INLINE, ch => `\\${ch}`);

/**
 * Text from Gong for a Markdown export: bidi controls as visible markers, line breaks as spaces, every
 * character Markdown reads escaped (`&` included, so `&lt;` stays literal), a leading `-`, `=` or `1.`
 * escaped so it starts no list or heading underline, and web addresses put in code spans so no renderer
 * turns them into links.
 */
export function markdownText(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = visibleControls(text).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/\s*[\r\n]+\s*/g, ' ');
  let out = '';
  let last = 0;
  AUTOLINK.lastIndex = 0;
  for (let m = AUTOLINK.exec(flat); m; m = AUTOLINK.exec(flat)) {
    out += escapeInline(flat.slice(last, m.index)) + codeSpan(m[0]);
    last = m.index + m[0].length;
  }
  out += escapeInline(flat.slice(last));
  return out.replace(/^(\s*)(\d+(?=[.)])|[-=])/, (_m, sp: string, lead: string) => (/^\d/.test(lead) ? `${sp}${lead}\\` : `${sp}\\${lead}`));
}

/** A link for a Markdown export: `<https://...>` for a Gong link, else the escaped text (no link). */
export function markdownLink(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const safe = gongLink(url);
  return safe !== undefined ? `<${safe.replace(/[<>\s]/g, encodeURIComponent)}>` : markdownText(url);
}
