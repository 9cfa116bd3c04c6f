/**
 * DOM helpers for the call panels. Every string from Gong enters the DOM as a Text node (textContent
 * or createTextNode); no code path here parses HTML. Bidirectional control characters (U+202A-202E,
 * U+2066-2069, U+200E/200F, U+061C) are replaced by a visible marker, and every run of Gong text sits in
 * a <bdi>, so a right-to-left override in one sentence cannot reorder what follows it.
 */
import type { RichNode } from '../../shared/models';
export { clock } from '../../shared/time';

type Attrs = Record<string, string | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, attrs?: Attrs, ...children: Array<Node | string | undefined>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (attrs) for (const [k, v] of Object.entries(attrs)) if (v !== undefined) e.setAttribute(k, v);
  for (const c of children) {
    if (c === undefined) continue;
    e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const BIDI_NAMES: Record<string, string> = {
  '\u061c': 'ALM', '\u200e': 'LRM', '\u200f': 'RLM', '\u202a': 'LRE', '\u202b': 'RLE', '\u202c': 'PDF',
  '\u202d': 'LRO', '\u202e': 'RLO', '\u2066': 'LRI', '\u2067': 'RLI', '\u2068': 'FSI', '\u2069': 'PDI',
};

export function controlMarker(ch: string): HTMLElement {
  const code = ch.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0') ?? '';
  const span = el('span', 'ctl', { title: `Invisible direction control U+${code}` }, `[${BIDI_NAMES[ch] ?? `U+${code}`}]`);
  return span;
}

/** For places that hold only plain text (select options): bidi controls become visible markers. */
export function visibleControls(text: string): string {
  return text.replace(BIDI_CONTROL, ch => `[${BIDI_NAMES[ch] ?? 'U+' + (ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}]`);
}

/** A half-open range [start, end) of a string; `current` marks the selected search match. */
export interface Range { start: number; end: number; current?: boolean }

/**
 * Appends `text` to `parent` as text nodes inside one <bdi>, with bidi controls shown as markers and
 * the given ranges wrapped in <mark> (highlighting by splitting text nodes, never by markup).
 */
export function appendText(parent: Node, text: string, ranges: readonly Range[] = []): HTMLElement {
  const bdi = document.createElement('bdi');
  const cuts = new Set<number>([0, text.length]);
  BIDI_CONTROL.lastIndex = 0;
  const controls = new Set<number>();
  for (let m = BIDI_CONTROL.exec(text); m; m = BIDI_CONTROL.exec(text)) {
    controls.add(m.index); cuts.add(m.index); cuts.add(m.index + 1);
  }
  if (controls.size === 0 && ranges.length === 0) {
    bdi.textContent = text;
    parent.appendChild(bdi);
    return bdi;
  }
  for (const r of ranges) { cuts.add(Math.max(0, r.start)); cuts.add(Math.min(text.length, r.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  let ri = 0;
  let mark: HTMLElement | undefined;
  let markRange: Range | undefined;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const b = points[i + 1] as number;
    if (a >= b) continue;
    while (ri < ranges.length && (ranges[ri] as Range).end <= a) ri++;
    const r = ranges[ri];
    const inRange = r !== undefined && r.start <= a && b <= r.end;
    let target: Node = bdi;
    if (inRange) {
      if (!mark || markRange !== r) {
        mark = el('mark', r.current ? 'match current' : 'match');
        markRange = r;
        bdi.appendChild(mark);
      }
      target = mark;
    } else {
      mark = undefined; markRange = undefined;
    }
    const piece = text.slice(a, b);
    target.appendChild(controls.has(a) && b === a + 1 ? controlMarker(piece) : document.createTextNode(piece));
  }
  parent.appendChild(bdi);
  return bdi;
}

/** http(s) only, checked again in the page although the host already filtered links. */
function safeHref(href: string): string | undefined {
  try {
    const u = new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const richTags = { p: 'p', strong: 'strong', em: 'em', s: 's', ul: 'ul', ol: 'ol', li: 'li', blockquote: 'blockquote', h: 'h4' } as const;

/** Builds markdown-derived RichNodes as elements; unknown node kinds are dropped. */
export function appendRich(parent: Node, nodes: readonly RichNode[], depth = 0): void {
  if (depth > 40) return; // a hostile nesting depth gets no deeper than this
  for (const n of nodes) {
    switch (n.t) {
      case 'text': appendText(parent, n.text); break;
      case 'br': parent.appendChild(document.createElement('br')); break;
      case 'hr': parent.appendChild(document.createElement('hr')); break;
      case 'code': { const c = el('code'); appendText(c, n.text); parent.appendChild(c); break; }
      case 'codeBlock': { const c = el('pre'); appendText(c, n.text); parent.appendChild(c); break; }
      case 'link': {
        const href = safeHref(n.href);
        const a = href ? el('a', undefined, { href, title: href }) : el('span');
        appendRich(a, n.children, depth + 1);
        parent.appendChild(a);
        break;
      }
      default: {
        const tag = richTags[n.t as keyof typeof richTags];
        if (!tag) break;
        const e = document.createElement(tag);
        appendRich(e, n.children, depth + 1);
        parent.appendChild(e);
      }
    }
  }
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export function button(label: string, onClick: () => void, opts: { title?: string; cls?: string } = {}): HTMLButtonElement {
  const b = el('button', opts.cls ?? 'btn', { type: 'button', title: opts.title });
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

/** Shows a status line (loading or error) in the page's root, with optional buttons. */
export function showStatus(root: HTMLElement, text: string, ...buttons: HTMLButtonElement[]): void {
  clear(root);
  root.appendChild(el('div', 'status', { role: 'status' }, el('p', undefined, undefined, text), ...buttons));
}
