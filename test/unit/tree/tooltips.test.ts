import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { LocalGongHandle } from '../../../src/localGong/index';
import { escapeMarkdownText, presetRange, tooltipMarkdown, tooltipText, type RowTooltip, type TreeNode } from '../../../src/tree/index';
import { expandAll, hostFor, models, startGong } from './helpers';

// The most permissive renderer (HTML on, bare links turned into links): if Gong text stays plain
// text here, it stays plain text in VS Code's hover, which allows neither.
const md = new MarkdownIt({ html: true, linkify: true });
const textOf = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim();

describe('row hover cards', function () {
  this.timeout(60_000);

  describe('Markdown built from Gong text', () => {
    const hostile = [
      '**bold** _it_ `code` # heading',
      '[click](command:gongExplorer.auth.signOut) ![img](https://example.invalid/x.png)',
      '<script>alert(1)</script> <b>tag</b> <img src=x onerror=alert(1)>',
      'https://example.invalid/path and www.example.invalid',
      '&amp; &lt;b&gt; \\*escaped\\* 1. list - item > quote | table |',
    ];
    for (const text of hostile) {
      it(`renders ${JSON.stringify(text.slice(0, 30))}... as exactly that text`, () => {
        const html = md.renderInline(escapeMarkdownText(text));
        assert.doesNotMatch(html, /<(a|b|script|img|em|strong|code|h\d)\b/i, html);
        assert.equal(textOf(html), text);
      });
    }

    it('makes only the labels Markdown: title bold, one field a line, the passage clipped, ids small', () => {
      const tip: RowTooltip = {
        title: 'Acme <> *Globex*',
        fields: [['When', '2026-11-20 10:00'], ['Company', undefined], ['External', '[x](y)']],
        body: 'word '.repeat(400),
        footer: 'Call 123',
      };
      const html = md.render(tooltipMarkdown(tip));
      assert.match(html, /^<p><strong>Acme &lt;&gt; \*Globex\*<\/strong><\/p>/);
      assert.match(html, /When: 2026-11-20 10:00<br>\nExternal: \[x\]\(y\)/);
      assert.doesNotMatch(html, /Company/, 'an unknown field is left out');
      assert.match(html, /<em>Call 123<\/em>/);
      const passage = /<p>(word[^<]*)<\/p>/.exec(html)?.[1] ?? '';
      assert.ok(passage.length <= 601 && passage.endsWith('…'), `clipped passage of ${passage.length}`);
      assert.equal(tooltipText(tip).split('\n')[0], 'Acme <> *Globex*');
    });
  });

  describe('against the local Gong', () => {
    let gong: LocalGongHandle;
    before(async () => { gong = await startGong({ users: 60, calls: 300 }); });
    after(async () => { await gong.close(); });

    it('a user says their title and their manager (name and title)', async () => {
      const m = models(hostFor(gong)).users;
      const rows = (await m.getChildren()).filter(r => r.item?.kind === 'user');
      const u = gong.world.users.find(x => x.managerId && x.title);
      assert.ok(u);
      const mgr = gong.world.users.find(x => x.id === u.managerId);
      assert.ok(mgr);
      const r = rows.find(x => x.item?.gongId === u.id);
      assert.ok(r?.tip);
      const fields = new Map(r.tip.fields);
      assert.equal(fields.get('Title'), u.title);
      assert.equal(fields.get('Manager'), `${[mgr.firstName, mgr.lastName].filter(Boolean).join(' ')}${mgr.title ? `, ${mgr.title}` : ''}`);
      assert.match(tooltipMarkdown(r.tip), /Manager: /);
    });

    it('a library call shows its note and clip', async () => {
      const m = models(hostFor(gong)).library;
      const seen = await expandAll(m, await m.getChildren());
      const withNote = seen.find(r => r.item?.kind === 'libraryCall' && typeof (r.item.json as { note?: unknown }).note === 'string');
      assert.ok(withNote?.tip, 'a library call with a note');
      assert.equal(withNote.tip.body, (withNote.item?.json as { note: string }).note);
      const withClip = seen.find(r => r.item?.kind === 'libraryCall' && (r.item.json as { snippet?: unknown }).snippet);
      assert.match(String(new Map(withClip?.tip?.fields ?? []).get('Clip')), /^\d+:\d{2}-\d+:\d{2}$/);
    });

    it('a call learns its parties and brief on hover: one request for the loaded calls of its day, none for the next hover', async () => {
      const host = hostFor(gong);
      const m = models(host).calls;
      m.setRange(presetRange('last30', host.time));
      const days = (await m.getChildren()).filter(r => r.contextValue === 'day');
      let calls: TreeNode[] = [];
      for (const d of days) { calls = (await m.getChildren(d)).filter(r => r.item?.kind === 'call'); if (calls.length >= 3) break; }
      assert.ok(calls.length >= 3, 'a day with several calls');
      const first = calls[0] as TreeNode;
      assert.equal(new Map(first.tip?.fields ?? []).get('External'), undefined, 'the list alone does not know the parties');
      let before = gong.requestCount;
      const tip = await first.resolveTip?.();
      assert.equal(gong.requestCount - before, 1);
      assert.ok(tip);
      const world = gong.world.calls.find(c => c.id === first.item?.gongId);
      assert.ok(world);
      const fields = new Map(tip.fields);
      const internal = world.parties.filter(p => p.affiliation === 'Internal' && p.name);
      if (internal.length > 0) assert.match(String(fields.get('Company')), new RegExp(escapeRe(internal[0]?.name ?? '')));
      assert.ok(tip.body && tip.body.length > 0, 'the brief');
      before = gong.requestCount;
      const second = await (calls[2] as TreeNode).resolveTip?.();
      assert.equal(gong.requestCount - before, 0, 'the day\'s other calls came with the first hover');
      assert.ok(second?.body);
      // Redrawn rows know it without asking.
      const again = (await m.getChildren(first.parent)).find(r => r.id === first.id);
      assert.equal(again?.tip?.body, tip.body);
    });

    it('a hover Gong refuses (no scope for call details) keeps the card the list gave', async () => {
      const token = gong.addToken(['api:calls:read:basic']);
      const host = hostFor(gong, { kind: 'bearer', token });
      const m = models(host).calls;
      m.setRange(presetRange('last30', host.time));
      const days = (await m.getChildren()).filter(r => r.contextValue === 'day');
      let call: TreeNode | undefined;
      for (const d of days) { call = (await m.getChildren(d)).find(r => r.item?.kind === 'call'); if (call) break; }
      assert.ok(call?.tip);
      await assert.rejects(async () => call?.resolveTip?.());
      assert.equal(host.failures, 0, 'a refused hover is not a sign-in failure');
    });
  });
});

function escapeRe(s: string): string { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }
