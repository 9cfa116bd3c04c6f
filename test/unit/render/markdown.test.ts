import * as assert from 'node:assert/strict';
import { renderRich, richToPlain, stripMentions, MAX_MARKDOWN_CHARS } from '../../../src/render/markdown';
import { HOSTILE_SAMPLES } from '../../../src/localGong/text';
import type { RichNode } from '../../../src/shared/models';

function walk(nodes: readonly RichNode[], visit: (n: RichNode) => void): void {
  for (const n of nodes) {
    visit(n);
    if ('children' in n) walk(n.children, visit);
  }
}

function links(nodes: readonly RichNode[]): string[] {
  const out: string[] = [];
  walk(nodes, n => { if (n.t === 'link') out.push(n.href); });
  return out;
}

function kinds(nodes: readonly RichNode[]): Set<string> {
  const out = new Set<string>();
  walk(nodes, n => out.add(n.t));
  return out;
}

describe('rich text (markdown-it to RichNode)', () => {
  it('keeps ordinary markdown structure', () => {
    const nodes = renderRich('**Budget** approved.\n\n- one\n- two [the call](https://us-48211.app.gong.io/call?id=1)');
    assert.deepEqual([...kinds(nodes)].sort(), ['li', 'link', 'p', 'strong', 'text', 'ul']);
    assert.deepEqual(links(nodes), ['https://us-48211.app.gong.io/call?id=1']);
  });

  it('links only https addresses on Gong hosts; any other address is shown as text', () => {
    const nodes = renderRich('see [docs](https://docs.example.com/a?b=1), http://app.gong.io/x and https://app.gong.io.evil.example/y; [ok](https://app.gong.io/call?id=2)');
    assert.deepEqual(links(nodes), ['https://app.gong.io/call?id=2']);
    const text = richToPlain(nodes);
    assert.match(text, /docs \(https:\/\/docs\.example\.com\/a\?b=1\)/, 'a written link keeps its label and shows its address');
    assert.match(text, /http:\/\/app\.gong\.io\/x and https:\/\/app\.gong\.io\.evil\.example\/y;/, 'autolinked addresses stay as they were written');
  });

  it('shows raw HTML as text and creates no element from it', () => {
    for (const sample of [HOSTILE_SAMPLES.scriptTag, HOSTILE_SAMPLES.imgOnerror, HOSTILE_SAMPLES.svgOnload, HOSTILE_SAMPLES.iframe, HOSTILE_SAMPLES.styleTag]) {
      const nodes = renderRich(sample);
      assert.deepEqual([...kinds(nodes)].sort(), ['p', 'text'], sample);
      assert.equal(richToPlain(nodes).trim(), sample.trim());
    }
  });

  it('never produces a javascript: or data: link', () => {
    for (const sample of [HOSTILE_SAMPLES.javascriptLink, HOSTILE_SAMPLES.dataLink, HOSTILE_SAMPLES.markdownLink,
      '[x](data:text/html,<script>alert(1)</script>)', '[x](JaVaScRiPt:alert(1))', '[x](  javascript:alert(1))', '<javascript:alert(1)>', '[x](vbscript:msgbox)', '[rel](/etc/passwd)']) {
      const nodes = renderRich(sample);
      assert.deepEqual(links(nodes), [], sample);
    }
  });

  it('turns markdown images into their alt text: no image, no link to the pixel', () => {
    const nodes = renderRich(HOSTILE_SAMPLES.markdownImage);
    assert.deepEqual([...kinds(nodes)].sort(), ['p', 'text']);
    assert.deepEqual(links(nodes), []);
    assert.equal(richToPlain(nodes).trim(), 'tracking pixel');
  });

  it('decodes entities to text once, never to markup', () => {
    const nodes = renderRich(HOSTILE_SAMPLES.htmlEntities);
    assert.deepEqual([...kinds(nodes)].sort(), ['p', 'text']);
    const text = richToPlain(nodes);
    assert.match(text, /<b>not bold<\/b>/); // shown literally as characters, as Gong meant them
    assert.match(text, /AT&T/);
  });

  it('keeps right-to-left overrides as characters for the page to neutralise', () => {
    const nodes = renderRich(HOSTILE_SAMPLES.rtlOverride);
    assert.ok(richToPlain(nodes).includes('\u202E'));
  });

  it('turns Gong mentions into @names', () => {
    assert.equal(stripMentions('Nice @[Maya Okafor](5310962248177340215)!'), 'Nice @Maya Okafor!');
    assert.deepEqual(links(renderRich('ping @[Maya](123)')), []);
  });

  it('does not parse a huge text, it keeps it as one text node', () => {
    const big = '<script>'.repeat(Math.ceil((MAX_MARKDOWN_CHARS + 10) / 8));
    const nodes = renderRich(big);
    assert.deepEqual(nodes, [{ t: 'p', children: [{ t: 'text', text: big }] }]);
  });

  it('returns nothing for empty input', () => {
    assert.deepEqual(renderRich(''), []);
    assert.deepEqual(renderRich(undefined), []);
    assert.deepEqual(renderRich(null), []);
  });
});
