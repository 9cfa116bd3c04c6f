import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import {
  boundedTooltip, breakPoints, clampText, gongLink, isGongHost, markdownLink, markdownText, oneLine, visibleControls,
} from '../../../src/shared/safeText';

describe('shared: safe text and links', () => {
  it('gongLink keeps only https links to Gong hosts', () => {
    for (const ok of ['https://app.gong.io/call?id=1', 'https://us-48211.app.gong.io/call?id=2', 'HTTPS://APP.GONG.IO/x', 'https://gong.io/']) {
      assert.ok(gongLink(ok), ok);
    }
    const bad = [
      'http://app.gong.io/call?id=1', 'javascript:alert(1)', 'data:text/html,x', 'https://app.gong.io.evil.example/x',
      'https://evilgong.io/x', 'https://gong.io.evil.example', 'https://user:pw@app.gong.io/', 'https://app.gong.io:8443/',
      'file:///etc/passwd', 'command:workbench.action.quit', 'vscode://x', '/relative', '', 'https://gong.example/x',
      `https://app.gong.io/${'a'.repeat(9000)}`, 42, undefined, null,
    ];
    for (const b of bad) assert.equal(gongLink(b), undefined, String(b).slice(0, 60));
    assert.equal(gongLink('https://app.gong.io/call?id=1'), 'https://app.gong.io/call?id=1');
    assert.ok(isGongHost('us-1.api.gong.io'));
    assert.ok(!isGongHost('api.gong.io.evil.example'));
  });

  it('direction controls become visible markers', () => {
    assert.equal(visibleControls('\u202eevil.exe\u202c reversed'), '[RLO]evil.exe[PDF] reversed');
    assert.equal(visibleControls('a\u2066b\u2069\u200f\u061c'), 'a[LRI]b[PDI][RLM][ALM]');
    assert.equal(oneLine('\u202eevil.exe\u202c reversed'), '[RLO]evil.exe[PDF] reversed');
  });

  it('one-line texts are bounded and flat, even for a megabyte title', () => {
    const huge = 'x'.repeat(1_000_000);
    const t = oneLine(huge, 200);
    assert.equal(t.length, 200);
    assert.ok(t.endsWith('…'));
    assert.equal(oneLine('a\n\tb\u0000c   d'), 'a b c d');
    assert.equal(oneLine(`${' '.repeat(5000)}${'y'.repeat(10)}`, 50), '…', 'a prefix of spaces is read, not the whole text');
    const tip = boundedTooltip(`Title\n${huge}`);
    assert.ok(tip.length <= 2000);
    assert.ok(tip.split(/[\s\u200b]/).every(w => w.length <= 101), 'no unbroken run longer than 100 in a tooltip');
    assert.ok(tip.startsWith('Title\n'));
    assert.equal(clampText('ab\ud83d\ude00cd', 4), 'ab…', 'never cuts a surrogate pair in half');
  });

  it('breakPoints cuts runs without spaces every 100 characters, and leaves prose alone', () => {
    assert.deepEqual(breakPoints('short words only '.repeat(100)), []);
    assert.deepEqual(breakPoints('a'.repeat(250)), [100, 200]);
    assert.deepEqual(breakPoints(`${'b'.repeat(99)} ${'c'.repeat(101)}`), [200]);
    const pairs = '\ud83d\ude00'.repeat(120);
    for (const cut of breakPoints(pairs)) assert.ok(cut % 2 === 0, `cut ${cut} between the halves of a pair`);
    assert.equal(breakPoints('z'.repeat(1_000_000)).length, 9_999);
  });

  it('markdownText escapes everything Markdown reads, & included', () => {
    const md = new MarkdownIt('default', { html: true, linkify: true });
    const hostile = [
      '<script>alert(1)</script>', 'AT&amp;T &lt;b&gt;', '[click](https://evil.example)', '![img](https://evil.example/x.png)',
      '**bold** _em_ `code` ~~s~~', '# heading', '- list', '1. item', '> quote', '| a | b |', 'https://evil.example/auto', '\u202eevil\u202c',
    ];
    for (const h of hostile) {
      const out = md.render(markdownText(h));
      assert.doesNotMatch(out, /<(?!\/?(?:p|code)>)[a-z]/i, `${h} -> ${out}`);
      assert.ok(!out.includes('&amp;amp;') || h.includes('&amp;'), 'no double decoding');
    }
    assert.equal(markdownText('AT&amp;T'), 'AT\\&amp;T');
    assert.equal(md.render(markdownText('AT&amp;T')).trim(), '<p>AT&amp;amp;T</p>', 'an entity stays literal');
    assert.equal(markdownText('\u202eevil\u202c'), '\\[RLO\\]evil\\[PDF\\]');
    assert.equal(markdownText('- item'), '\\- item');
    assert.equal(markdownText('12. x'), '12\\. x');
  });

  it('markdownLink links only Gong links', () => {
    assert.equal(markdownLink('https://app.gong.io/call?id=1'), '<https://app.gong.io/call?id=1>');
    assert.equal(markdownLink('javascript:alert(1)'), 'javascript:alert\\(1\\)');
    assert.equal(markdownLink(undefined), undefined);
  });
});
