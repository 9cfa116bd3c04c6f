/**
 * Gong's rich-text fields (brief, key points, outline, comments) through markdown-it, reduced to the
 * RichNode tree of src/shared/models.ts.
 *
 * Why a token tree instead of an HTML string: the page builds every element itself with
 * `createElement` and `textContent`, so there is no HTML parser anywhere between Gong's text and the
 * DOM and therefore nothing to sanitise or to get wrong in an allow-list. markdown-it runs with
 * `html: false` (raw HTML stays text), images are never created (an image becomes its alt text, not even a link), and
 * `validateLink` admits only absolute http(s) URLs, so `javascript:` and `data:` links become text.
 */
import type MarkdownIt from 'markdown-it';
import type { RichNode } from '../shared/models';
import { gongLink } from '../shared/safeText';
import { isHttpUrl } from './format';

type Token = MarkdownIt.Token;

/** Beyond this many characters the text is shown as one plain text node (parsing would not help reading). */
export const MAX_MARKDOWN_CHARS = 200_000;

type Parser = InstanceType<typeof MarkdownIt>;

let md: Parser | undefined;

/**
 * markdown-it is loaded by the first rich text rendered, never at import: with its entity tables it
 * would be the largest library in the extension's bundle, and the extension imports this module at
 * activation (its bundle maps `markdown-it` to dist/vendor/markdownIt.js; tsc output resolves it from
 * node_modules).
 */
function parser(): Parser {
  if (md) return md;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at activation
  const Ctor = require('markdown-it') as typeof MarkdownIt;
  const made = new Ctor('default', { html: false, linkify: true, typographer: false, breaks: true });
  // http(s) targets parse (so images become their alt text); walk() links only those to Gong's hosts.
  made.validateLink = (url: string): boolean => isHttpUrl(url.trim());
  md = made;
  return md;
}

const containerTags: Record<string, RichNode['t']> = {
  paragraph: 'p', heading: 'h', bullet_list: 'ul', ordered_list: 'ol', list_item: 'li', blockquote: 'blockquote',
  strong: 'strong', em: 'em', s: 's', link: 'link',
};

/** `after`: text added when the container closes (the address of a link that is shown as text). */
type Container = { node: RichNode & { children: RichNode[] } | undefined; children: RichNode[]; after?: string };

/** Gong writes mentions as `@[Name](userId)`; show `@Name` instead of a broken link. */
export function stripMentions(text: string): string {
  return text.replace(/@\[([^\]\n]{1,200})\]\(\d{1,30}\)/g, '@$1');
}

/** Parses Gong's markdown-ish text into safe RichNodes. */
export function renderRich(text: string | null | undefined): RichNode[] {
  if (text === null || text === undefined || text === '') return [];
  if (text.length > MAX_MARKDOWN_CHARS) return [{ t: 'p', children: [{ t: 'text', text }] }];
  const tokens = parser().parse(stripMentions(text), {});
  const root: Container = { node: undefined, children: [] };
  const stack: Container[] = [root];
  walk(tokens, stack);
  return root.children;
}

function top(stack: Container[]): Container {
  return stack[stack.length - 1] as Container;
}

function pushText(stack: Container[], text: string): void {
  if (text === '') return;
  const children = top(stack).children;
  const last = children[children.length - 1];
  if (last && last.t === 'text') last.text += text;
  else children.push({ t: 'text', text });
}

function walk(tokens: readonly Token[], stack: Container[]): void {
  for (const tok of tokens) {
    const base = tok.type.replace(/_(open|close)$/, '');
    if (tok.nesting === 1) {
      const kind = containerTags[base];
      if (kind && !(kind === 'p' && tok.hidden)) {
        let node: RichNode & { children: RichNode[] };
        if (kind === 'link') {
          const href = tok.attrGet('href') ?? '';
          // Only an https link to Gong's hosts is a link; any other address is shown as text after its label.
          const safe = gongLink(href);
          node = safe !== undefined ? { t: 'link', href: safe, children: [] } : { t: 'em', children: [] };
          top(stack).children.push(node);
          const shown: Container = { node, children: node.children };
          if (safe === undefined && isHttpUrl(href)) shown.after = href;
          stack.push(shown);
          continue;
        } else {
          node = { t: kind, children: [] } as RichNode & { children: RichNode[] };
        }
        top(stack).children.push(node);
        stack.push({ node, children: node.children });
      } else {
        // Tables, hidden paragraphs of tight lists and anything unknown: keep the content, drop the element.
        stack.push({ node: undefined, children: top(stack).children });
      }
      continue;
    }
    if (tok.nesting === -1) {
      const closed = stack.length > 1 ? stack.pop() : undefined;
      if (closed?.after !== undefined && closed.node) {
        // An autolink's label is its address already; a written link shows "label (address)".
        const label = richToPlain(closed.node.children).trim();
        if (label !== closed.after && !closed.after.endsWith(`//${label}`)) pushText(stack, ` (${closed.after})`);
        else { const i = top(stack).children.indexOf(closed.node); if (i >= 0) top(stack).children.splice(i, 1, ...closed.node.children); }
      }
      if (base === 'th' || base === 'td') pushText(stack, '  ');
      else if (base === 'tr') top(stack).children.push({ t: 'br' });
      continue;
    }
    switch (tok.type) {
      case 'inline': walk(tok.children ?? [], stack); break;
      case 'text': pushText(stack, tok.content); break;
      case 'softbreak':
      case 'hardbreak': top(stack).children.push({ t: 'br' }); break;
      case 'code_inline': top(stack).children.push({ t: 'code', text: tok.content }); break;
      case 'code_block':
      case 'fence': top(stack).children.push({ t: 'codeBlock', text: tok.content }); break;
      case 'hr': top(stack).children.push({ t: 'hr' }); break;
      // A tracking pixel must not load nor become a link: only its alt text is kept.
      case 'image': pushText(stack, (tok.children ?? []).map(c => c.content).join('') || tok.content); break;
      default:
        // html_inline/html_block cannot occur with html:false; anything else keeps its source text.
        pushText(stack, tok.content);
    }
  }
}

/** The plain text of a RichNode tree (for Markdown export of a call and for tests). */
export function richToPlain(nodes: readonly RichNode[]): string {
  let out = '';
  for (const n of nodes) {
    switch (n.t) {
      case 'text': case 'code': case 'codeBlock': out += n.text; break;
      case 'br': out += '\n'; break;
      case 'hr': out += '\n'; break;
      default: {
        out += richToPlain(n.children);
        if (n.t === 'p' || n.t === 'li' || n.t === 'h') out += '\n';
      }
    }
  }
  return out;
}
