import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCallDetails, callDetailsMarkdown, commenterIdsToResolve } from '../../../src/render/callDetails';
import { buildTranscript } from '../../../src/render/transcript';
import { fetchExtensive, fetchTranscripts, fetchUserNames, fetchWorkspaceNames } from '../../../src/data/index';
import { richToPlain } from '../../../src/render/markdown';
import { HOSTILE_MARK, HOSTILE_SAMPLES, LONG_SENTENCE_MARK, WORKSHOP_MARK } from '../../../src/localGong/text';
import type { Obj } from '../../../src/render/read';
import type { RichNode } from '../../../src/shared/models';
import { startTestGong, type TestGong } from './localGongHelpers';
import { SAMPLE_RESPONSES_DIR } from '../reference';

const samples = SAMPLE_RESPONSES_DIR;
function sample(name: string): Obj | undefined {
  try { return JSON.parse(readFileSync(join(samples, name), 'utf8')) as Obj; } catch { return undefined; }
}

function allLinks(nodes: readonly RichNode[]): string[] {
  const out: string[] = [];
  const walk = (ns: readonly RichNode[]) => { for (const n of ns) { if (n.t === 'link') out.push(n.href); if ('children' in n) walk(n.children); } };
  walk(nodes);
  return out;
}

describe('view models', () => {
  describe('from the documented sample responses', () => {
    const ext = sample('calls-extensive.POST_v2_calls_extensive.json');
    const tr = sample('calls-transcript.POST_v2_calls_transcript.json');
    before(function () { if (!ext || !tr) this.skip(); });

    it('call details', () => {
      const call = (ext?.['calls'] as Obj[])[0] as Obj;
      const m = buildCallDetails(call);
      assert.equal(m.callId, '3091725504466128837');
      assert.equal(m.title, 'Northwind <> Contoso | Discovery');
      assert.equal(m.url, 'https://app.gong.io/call?id=3091725504466128837');
      assert.deepEqual(m.facts.slice(0, 3), [{ label: 'Started', value: '2025-05-06 10:01 (-07:00)' }, { label: 'Duration', value: '45m 14s' }, { label: 'Direction', value: 'Conference' }]);
      assert.deepEqual(m.companyParties.map(p => p.name), ['Maya Okafor']);
      assert.deepEqual(m.externalParties.map(p => p.name), ['Priya Nair', 'Tom Becker']);
      assert.equal(Math.round((m.companyParties[0]?.talkShare ?? 0) * 100), 42);
      assert.equal(m.externalParties[1]?.talkShare, undefined, 'no talk share for someone who did not speak');
      assert.equal(m.nextSteps.length, 1, 'the "Next steps" highlight is its own section');
      assert.equal(m.highlights.length, 0);
      assert.deepEqual(m.topics.map(t => `${t.name} ${t.duration}`), ['Call Setup 1m 35s', 'Pricing 4m 20s', 'Next Steps 3m 08s']);
      assert.deepEqual(m.trackers[0]?.hits.map(h => `${h.time} ${h.speaker}`), ['13:32 Priya Nair', '27:10 Maya Okafor']);
      assert.deepEqual(m.interaction.slice(0, 2), [{ label: 'Talk Ratio', value: '42%' }, { label: 'Longest Monologue', value: '1m 36s' }]);
      assert.equal(m.outcome, 'Meeting booked · Answered');
      assert.deepEqual(m.crm.map(c => c.objectType), ['Account', 'Opportunity']);
      assert.equal(m.comments[0]?.author, 'A Gong user');
      assert.equal(richToPlain(m.comments[0]?.text ?? []).trim(), 'Good competitive handling here @Maya Okafor');
      const md = callDetailsMarkdown(m);
      assert.match(md, /^# Northwind \\<\\> Contoso \\\| Discovery\n/);
      assert.match(md, /## Next steps\n\n- Maya to send the security questionnaire by Friday\. \[40:51\]\n/);
      assert.match(md, /## External\n\n- Priya Nair, VP Operations \(priya\.nair@contoso-freight\.example\), talk 58%\n- Tom Becker \(tom\.becker@contoso-freight\.example\)\n/);
      assert.match(md, /## Comments\n\n- A Gong user at 13:32: Good competitive handling here @Maya Okafor\n/);
    });

    it('leaves out empty sections', () => {
      const m = buildCallDetails({ metaData: { id: '1', title: '' } });
      assert.equal(m.title, 'Untitled call');
      assert.deepEqual([m.companyParties, m.externalParties, m.keyPoints, m.outline, m.highlights, m.nextSteps, m.topics, m.trackers, m.interaction, m.crm, m.comments].map(a => a.length), Array(11).fill(0));
      assert.equal(m.brief, undefined);
      assert.equal(m.outcome, undefined);
      assert.equal(m.url, undefined);
    });

    it('transcript', () => {
      const m = buildTranscript((tr?.['callTranscripts'] as Obj[])[0] as Obj, (ext?.['calls'] as Obj[])[0]);
      assert.deepEqual(m.speakers.map(s => `${s.name}/${s.affiliation}/${s.monologues}`), ['Maya Okafor/company/1', 'Priya Nair/external/2']);
      assert.deepEqual(m.monologues.map(x => x.topic ?? null), ['Call Setup', null, 'Pricing']);
      assert.equal(m.sentenceCount, 4);
      assert.deepEqual(m.trackerHits.map(h => `${h.start} ${h.tracker} ${h.phrase ?? '-'} ${h.speaker ?? '-'}`), ['812440 Competitors Fabrikam Priya Nair', '1630100 Competitors Fabrikam Maya Okafor', '2401900 Pricing - Priya Nair']);
    });
  });

  describe('from the local Gong', function () {
    this.timeout(120_000);
    let t: TestGong;
    before(async () => { t = await startTestGong({ seed: 3 }); });
    after(async () => { await t?.close(); });

    const find = (mark: string) => t.gong.world.calls.find(c => c.title.includes(mark));

    it('details of an ordinary external call match the generated data', async () => {
      const call = t.gong.world.calls.find(c => c.scope === 'External' && c.parties.length >= 2 && !c.title.includes('('));
      assert.ok(call);
      const got = await fetchExtensive(t.api, [call.id]);
      const m = buildCallDetails(got.get(call.id) as Obj, { workspaces: await fetchWorkspaceNames(t.api) });
      assert.equal(m.callId, call.id);
      const ws = t.gong.world.workspaces.find(w => w.id === call.workspaceId);
      assert.equal(m.facts.find(f => f.label === 'Workspace')?.value, ws?.name, 'the workspace by name, not id');
      assert.equal(m.title, call.title);
      assert.equal(m.companyParties.length, call.parties.filter(p => p.affiliation === 'Internal').length);
      assert.equal(m.externalParties.length, call.parties.filter(p => p.affiliation !== 'Internal').length);
      const shares = [...m.companyParties, ...m.externalParties].map(p => p.talkShare ?? 0);
      assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 1) < 1e-9, 'talk shares add up to 100%');
      assert.ok(m.facts.some(f => f.label === 'Duration'));
      assert.ok(m.trackers.length > 0 && m.trackers.every(tr => tr.hits.every(h => !/^\d{6,}$/.test(h.speaker))), 'tracker hits name speakers');
      assert.ok(m.keyPoints.length > 0 && m.outline.length > 0 && m.interaction.length > 0);
    });

    it('comment authors are named with one users request', async () => {
      const ex = await fetchExtensive(t.api, t.gong.world.calls.slice(0, 60).map(c => c.id));
      const withComments = [...ex.values()].find(c => commenterIdsToResolve(c).length > 0);
      assert.ok(withComments, 'a call commented on by someone who was not on it');
      const ids = commenterIdsToResolve(withComments);
      t.requests.length = 0;
      const names = await fetchUserNames(t.api, ids);
      assert.deepEqual(t.requests, ['/v2/users/extensive']);
      for (const id of ids) {
        const u = t.gong.world.usersById.get(id);
        assert.equal(names.get(id), `${u?.firstName} ${u?.lastName}`);
      }
      const m = buildCallDetails(withComments, { users: names });
      assert.ok(m.comments.every(c => c.author !== 'A Gong user'));
    });

    it('transcripts name every speaker from the parties and keep every sentence', async () => {
      const calls = t.gong.world.calls.filter(c => !c.title.includes('(')).slice(0, 5);
      const ids = calls.map(c => c.id);
      const [ts, ex] = await Promise.all([fetchTranscripts(t.api, ids), fetchExtensive(t.api, ids)]);
      for (const c of calls) {
        const m = buildTranscript(ts.get(c.id) as Obj, ex.get(c.id));
        const expected = c.transcript().reduce((n, mono) => n + mono.sentences.length, 0);
        assert.equal(m.sentenceCount, expected);
        const speakerIds = new Set(c.parties.map(p => p.speakerId));
        for (const s of m.speakers) {
          assert.ok(!speakerIds.has(s.name) && !/^\d{6,}$/.test(s.name), `a name, not an id: ${s.name}`);
        }
        for (let i = 1; i < m.monologues.length; i++) assert.ok((m.monologues[i]?.start ?? 0) >= (m.monologues[i - 1]?.start ?? 0));
      }
    });

    it('the two-hour workshop builds in well under the 50 ms goal', async () => {
      const call = find(WORKSHOP_MARK);
      assert.ok(call, 'the world has a workshop call');
      const [ts, ex] = await Promise.all([fetchTranscripts(t.api, [call.id]), fetchExtensive(t.api, [call.id])]);
      const raw = ts.get(call.id) as Obj;
      buildTranscript(raw, ex.get(call.id)); // warm-up
      const started = performance.now();
      const m = buildTranscript(raw, ex.get(call.id));
      const ms = performance.now() - started;
      assert.ok(m.monologues.length >= 2000, `${m.monologues.length} monologues`);
      assert.ok(m.sentenceCount >= 20_000, `${m.sentenceCount} sentences`);
      // The goal is 50 ms; the bound here leaves room for a loaded CI machine.
      assert.ok(ms < 250, `built in ${ms.toFixed(1)} ms`);
    });

    it('hostile text stays text: no unsafe link anywhere in the details', async () => {
      const call = find(HOSTILE_MARK);
      assert.ok(call);
      const got = await fetchExtensive(t.api, [call.id]);
      const m = buildCallDetails(got.get(call.id) as Obj);
      assert.ok(m.title.includes(HOSTILE_SAMPLES.scriptTag), 'the title is kept as written');
      const rich: RichNode[][] = [m.brief ?? [], ...m.keyPoints, ...m.comments.map(c => c.text), ...m.highlights.flatMap(h => h.items.map(i => i.text))];
      for (const r of rich) for (const href of allLinks(r)) assert.match(href, /^https?:\/\//);
      const md = callDetailsMarkdown(m);
      assert.ok(!/(?<!\\)<(script|img)|(?<!\\)\]\(javascript:/i.test(md), 'the Markdown copy carries no unescaped markup or link');
      assert.ok(md.includes('\\<script\\>'), 'it keeps the text, escaped');
      // Even a renderer that passes HTML through makes no element and no link from it.
      const html = new MarkdownIt({ html: true }).render(md);
      assert.ok(!/<(script|img|iframe|svg|style)\b/i.test(html), 'no element from Gong text');
      assert.ok(!/href="(javascript|data):/i.test(html), 'no unsafe link');
      const plain = rich.map(richToPlain).join('\n');
      assert.ok(plain.includes(HOSTILE_SAMPLES.scriptTag));
      assert.ok(plain.includes(HOSTILE_SAMPLES.imgOnerror));
    });

    it('a one-megabyte sentence arrives whole', async () => {
      const call = find(LONG_SENTENCE_MARK);
      assert.ok(call);
      const ts = await fetchTranscripts(t.api, [call.id]);
      const m = buildTranscript(ts.get(call.id) as Obj);
      const longest = Math.max(...m.monologues.flatMap(x => x.sentences.map(s => s.text.length)));
      assert.ok(longest >= 1_000_000, `longest sentence ${longest} chars`);
      assert.ok(m.speakers.every(s => /^Speaker \d+$/.test(s.name)), 'without parties, speakers are numbered');
    });
  });
});
