/**
 * DOM helpers for the call panels. Every string from Gong enters the DOM as a Text node (textContent
 * or createTextNode); no code path here parses HTML. Bidirectional control characters (U+202A-202E,
 * U+2066-2069, U+200E/200F, U+061C) are replaced by a visible marker, and every run of Gong text sits in
 * a <bdi>, so a right-to-left override in one sentence cannot reorder what follows it. A run of more
 * than 100 characters without a space gets a <wbr> every 100 characters (as elements between text
 * nodes, never markup), and a field longer than CLAMP_OVER shows its start with a "Show all" button,
 * so no text from Gong makes the page lay out a megabyte in one piece.
 */
import type { RichNode } from '../../shared/models';
import { BREAK_EVERY, CLAMP_OVER, bidiControlPattern, bidiMarker, breakPoints, gongLink, visibleControls } from '../../shared/safeText';
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

export function controlMarker(ch: string): HTMLElement {
  const code = ch.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0') ?? '';
  return el('span', 'ctl', { title: `Invisible direction control U+${code}` }, bidiMarker(ch));
}

/** For places that hold only plain text (select options): bidi controls become visible markers. */
export { visibleControls };

/** A half-open range [start, end) of a string; `current` marks the selected search match. */
export interface Range { start: number; end: number; current?: boolean }

/** Characters shown of a field longer than CLAMP_OVER until "Show all" is clicked. */
export const CLAMP_PREVIEW = 5_000;

/**
 * Appends `text` to `parent` as text nodes inside one <bdi>, with bidi controls shown as markers, the
 * given ranges wrapped in <mark> (highlighting by splitting text nodes, never by markup) and a <wbr>
 * inside long unbroken runs. A field longer than CLAMP_OVER shows its first CLAMP_PREVIEW characters and
 * a "Show all" button, unless a range (a search match) lies past the preview.
 */
export function appendText(parent: Node, text: string, ranges: readonly Range[] = []): HTMLElement {
  const bdi = document.createElement('bdi');
  const clamp = text.length > CLAMP_OVER && ranges.every(r => r.end <= CLAMP_PREVIEW);
  if (!clamp) {
    fillText(bdi, text, ranges);
  } else {
    fillText(bdi, text.slice(0, CLAMP_PREVIEW), ranges);
    bdi.appendChild(document.createTextNode('… '));
    const more = button(`Show all ${text.length.toLocaleString('en-US')} characters`, () => {
      clear(bdi);
      fillText(bdi, text, ranges);
    }, { cls: 'link show-all', title: 'This text is very long; show all of it' });
    bdi.appendChild(more);
  }
  parent.appendChild(bdi);
  return bdi;
}

function fillText(bdi: HTMLElement, text: string, ranges: readonly Range[]): void {
  const breaks = text.length > BREAK_EVERY ? breakPoints(text) : [];
  const pattern = bidiControlPattern();
  const controls = new Set<number>();
  const cuts = new Set<number>([0, text.length]);
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    controls.add(m.index); cuts.add(m.index); cuts.add(m.index + 1);
  }
  if (controls.size === 0 && ranges.length === 0 && breaks.length === 0) {
    bdi.textContent = text;
    return;
  }
  const wbrAt = new Set<number>(breaks);
  for (const b of breaks) cuts.add(b);
  for (const r of ranges) { cuts.add(Math.max(0, r.start)); cuts.add(Math.min(text.length, r.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  // Appended in place: filling a DocumentFragment first made a 20,000-match highlight twice as slow.
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
    if (wbrAt.has(a) && a > 0) target.appendChild(document.createElement('wbr'));
    const piece = text.slice(a, b);
    target.appendChild(controls.has(a) && b === a + 1 ? controlMarker(piece) : document.createTextNode(piece));
  }
}

/** https links to Gong only, checked again in the page although the host already filtered links. */
const safeHref = (href: string): string | undefined => gongLink(href);

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
        const tag = richTags[n.t];
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
