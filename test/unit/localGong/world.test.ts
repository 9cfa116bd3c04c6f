// The generated company: deterministic from the seed, Gong-shaped ids, a real hierarchy, special
// calls that can be found by title, hostile and non-English text, and scale.
import * as assert from 'node:assert/strict';
import { UNBROKEN_TEXT, callTopics, generateWorld, worldExtras } from '../../../src/localGong/world';
import type { World } from '../../../src/localGong/model';
import { HOSTILE_LIST, HOSTILE_MARK, HOSTILE_SAMPLES, LONG_SENTENCE_MARK, WORKSHOP_MARK } from '../../../src/localGong/text';
import { FIXED_NOW } from './support';

const allIds = (w: World): string[] => [
  ...w.workspaces.map(x => x.id), ...w.users.map(u => u.id), ...w.calls.map(c => c.id),
  ...w.calls.flatMap(c => c.parties.flatMap(p => [p.id, p.speakerId])),
  ...w.libraryFolders.map(f => f.id), ...w.permissionProfiles.map(p => p.id),
  ...w.trackers.map(t => String(t.trackerId)), ...w.scorecards.map(s => String(s.scorecardId)),
];

describe('localGong: generated world', function () {
  this.timeout(60_000);
  const world = generateWorld({ seed: 5, users: 120, calls: 400, now: FIXED_NOW });

  it('is the same for the same seed and differs for another seed', () => {
    const again = generateWorld({ seed: 5, users: 120, calls: 400, now: FIXED_NOW });
    assert.deepEqual(allIds(again), allIds(world));
    assert.deepEqual(again.calls.map(c => c.title), world.calls.map(c => c.title));
    assert.deepEqual(again.calls[7]!.transcript(), world.calls[7]!.transcript());
    assert.deepEqual(JSON.stringify(again.calls[11]!.extensive), JSON.stringify(world.calls[11]!.extensive));
    const other = generateWorld({ seed: 6, users: 120, calls: 400, now: FIXED_NOW });
    assert.notDeepEqual(other.users.map(u => u.id), world.users.map(u => u.id));
    // ids do not depend on the clock
    const later = generateWorld({ seed: 5, users: 120, calls: 400, now: new Date(FIXED_NOW.getTime() + 86_400_000) });
    assert.deepEqual(later.users.map(u => u.id), world.users.map(u => u.id));
  });

  it('uses 15-20 digit ids, many above 2^53, some with 19 and 20 digits, all unique per kind', () => {
    const ids = allIds(world);
    for (const id of ids) assert.match(id, /^[1-9]\d{14,19}$/);
    const unsafe = ids.filter(id => BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER));
    assert.ok(unsafe.length > ids.length * 0.8, `${unsafe.length} of ${ids.length} above 2^53`);
    assert.ok(ids.some(id => id.length === 19));
    assert.ok(ids.some(id => id.length === 20));
    assert.ok(ids.filter(id => id.length === 20).every(id => BigInt(id) < 2n ** 64n));
    assert.equal(new Set(world.calls.map(c => c.id)).size, world.calls.length);
    assert.equal(new Set(world.users.map(u => u.id)).size, world.users.length);
  });

  it('has a manager hierarchy without cycles and with several levels', () => {
    const byId = world.usersById;
    let maxDepth = 0;
    for (const u of world.users) {
      let depth = 0;
      for (let cur = u; cur.managerId !== null; depth++) {
        assert.ok(depth < 20, 'no cycle');
        const m = byId.get(cur.managerId);
        assert.ok(m, `manager ${cur.managerId} exists`);
        cur = m;
      }
      maxDepth = Math.max(maxDepth, depth);
    }
    assert.ok(maxDepth >= 2);
    assert.equal(world.users.filter(u => u.managerId === null).length, 1);
    assert.equal(new Set(world.users.map(u => u.emailAddress)).size, world.users.length);
  });

  it('spreads calls over the 120 days before generatedAt, newest first', () => {
    const times = world.calls.map(c => Date.parse(c.started));
    for (let i = 1; i < times.length; i++) assert.ok(times[i - 1]! >= times[i]!);
    const span = (times[0]! - times[times.length - 1]!) / 86_400_000;
    assert.ok(span > 100 && span <= 120, String(span));
    assert.ok(times[0]! <= FIXED_NOW.getTime());
    assert.match(world.calls[0]!.started, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-0[78]:00$/);
  });

  it('gives calls parties with speakers, content, interaction, comments and media', () => {
    const call = world.calls.find(c => c.scope === 'External' && c.direction === 'Conference')!;
    assert.ok(call.parties.some(p => p.affiliation === 'Internal' && p.userId === call.primaryUserId));
    assert.ok(call.parties.some(p => p.affiliation === 'External'));
    const ext = call.extensive as { content: Record<string, unknown>; interaction: { speakers: unknown[] }; media: { audioUrl: string } };
    for (const k of ['structure', 'topics', 'trackers', 'brief', 'outline', 'highlights', 'callOutcome', 'keyPoints']) assert.ok(ext.content[k] !== undefined, k);
    assert.ok(ext.interaction.speakers.length > 0);
    assert.match(ext.media.audioUrl, /^https:\/\//);
    const speakerIds = new Set(call.parties.map(p => p.speakerId));
    for (const m of call.transcript()) assert.ok(speakerIds.has(m.speakerId));
    assert.ok(world.calls.some(c => ((c.extensive as { collaboration: { publicComments: unknown[] } }).collaboration.publicComments.length > 0)));
  });

  it('has a findable two-hour workshop with >2,000 monologues and about 20,000 sentences', () => {
    const workshop = world.calls.filter(c => c.title.includes(WORKSHOP_MARK));
    assert.equal(workshop.length, 1);
    const call = workshop[0]!;
    assert.equal(call.duration, 7200);
    const t = call.transcript();
    assert.ok(t.length > 2000, String(t.length));
    const sentences = t.reduce((n, m) => n + m.sentences.length, 0);
    assert.ok(sentences >= 19_000 && sentences <= 21_000, String(sentences));
    let last = -1;
    for (const m of t) for (const s of m.sentences) {
      assert.ok(s.start >= last && s.end >= s.start && s.end <= 7_200_000);
      last = s.start;
    }
  });

  it('has one call with a sentence of about a megabyte', () => {
    const call = world.calls.find(c => c.title.includes(LONG_SENTENCE_MARK))!;
    const longest = Math.max(...call.transcript().flatMap(m => m.sentences.map(s => s.text.length)));
    assert.ok(longest > 900_000 && longest <= 1_100_000, String(longest));
  });

  it('carries every hostile sample somewhere in call text, and hostile names in settings and library', () => {
    const text = world.calls.map(c => `${c.title}\n${JSON.stringify(c.extensive)}\n${c.transcript().map(m => m.sentences.map(s => s.text).join(' ')).join(' ')}`).join('\n');
    for (const h of HOSTILE_LIST) assert.ok(text.includes(h) || text.includes(JSON.stringify(h).slice(1, -1)), h);
    assert.ok(world.calls.some(c => c.title.includes(HOSTILE_SAMPLES.scriptTag)));
    assert.ok(world.libraryFolders.some(f => f.name.includes('onerror')));
    assert.ok(world.trackers.some(t => String(t.trackerName).includes('onload')));
  });

  it('has Spanish, German, Japanese and Hebrew calls with transcripts in those languages', () => {
    const samples: Record<string, RegExp> = { spa: /[¿áéíóúñ]/, ger: /[äöüß]|Sie|Ich/, jpn: /[\u3040-\u30ff\u4e00-\u9fff]/, heb: /[\u0590-\u05ff]/ };
    for (const [lang, re] of Object.entries(samples)) {
      const call = world.calls.find(c => c.language === lang);
      assert.ok(call, lang);
      const words = call.transcript().flatMap(m => m.sentences.map(s => s.text)).join(' ');
      assert.match(words, re, lang);
    }
  });

  it('English transcripts say what their topics are about, so words spread across calls like real ones', () => {
    const english = world.calls.filter(c => c.language === 'eng' && c.duration > 600 && !c.title.includes(HOSTILE_MARK)).slice(0, 150);
    assert.ok(english.length > 50);
    let withPricing = 0;
    for (const call of english) {
      const topics = callTopics(world, call);
      let said = false;
      for (const m of call.transcript()) {
        for (const s of m.sentences) {
          if (!/\bpricing\b/i.test(s.text)) continue;
          said = true;
          // The topic at that moment (not the monologue's label, which is sometimes left out).
          let acc = 0; let at = topics[topics.length - 1]!.name;
          for (const t of topics) { acc += t.duration; if (m.sentences[0]!.start / 1000 < acc) { at = t.name; break; } }
          assert.equal(at, 'Pricing', `call ${call.id}: "${s.text}" outside its Pricing topic`);
        }
      }
      if (said) withPricing++;
      assert.equal(said, topics.some(t => t.name === 'Pricing') ? said : false);
    }
    const share = withPricing / english.length;
    assert.ok(share > 0.1 && share < 0.7, `"pricing" in ${Math.round(share * 100)}% of calls`);
    // Names and numbers differ from call to call.
    const competitors = new Set(english.flatMap(c => c.transcript().flatMap(m => m.sentences.map(s => /looking at (\w+) and/.exec(s.text)?.[1]).filter(Boolean))));
    assert.ok(competitors.size >= 4, `competitors named: ${[...competitors].join(', ')}`);
  });

  it('has library folders in a tree with calls, trackers with keywords, scorecards with questions, outcomes and profiles', () => {
    const ids = new Set(world.libraryFolders.map(f => f.id));
    assert.ok(world.libraryFolders.every(f => f.parentFolderId === null || ids.has(f.parentFolderId)));
    assert.ok(world.libraryFolders.some(f => f.callIds.length > 0));
    assert.ok(world.libraryFolders.every(f => f.callIds.every(id => world.callsById.get(id)?.workspaceId === f.workspaceId)));
    assert.ok(world.trackers.every(t => (t.languageKeywords as Array<{ keywords: string[] }>).some(k => k.keywords.length > 0)));
    assert.ok(world.scorecards.every(s => (s.questions as unknown[]).length > 0));
    assert.ok(world.callOutcomes.length >= 4);
    assert.ok(world.users.every(u => world.permissionProfiles.some(p => p.id === u.permissionProfileId)));
  });

  it('gives route modules deterministic random streams', () => {
    const a = world.rng('x');
    const b = generateWorld({ seed: 5, users: 3, calls: 0 }).rng('x');
    const c = world.rng('y');
    const seqA = [a(), a(), a()];
    assert.deepEqual([b(), b(), b()], seqA);
    assert.notDeepEqual([c(), c(), c()], seqA);
    assert.ok(seqA.every(v => v >= 0 && v < 1));
  });

  it('works for tiny companies', () => {
    const tiny = generateWorld({ seed: 1, users: 1, calls: 3 });
    assert.equal(tiny.users.length, 1);
    assert.equal(tiny.calls.length, 3);
    assert.equal(tiny.users[0]!.managerId, null);
    assert.ok(tiny.calls.every(c => c.primaryUserId === tiny.users[0]!.id));
    assert.equal(generateWorld({ seed: 1, users: 2, calls: 0 }).calls.length, 0);
  });

  it('generates 10,000 users and 50,000 calls (heavy parts stay lazy)', function () {
    this.timeout(120_000);
    const big = generateWorld({ seed: 9, users: 10_000, calls: 50_000, now: FIXED_NOW });
    assert.equal(big.users.length, 10_000);
    assert.equal(big.calls.length, 50_000);
    assert.equal(big.callsById.size, 50_000);
    assert.ok(big.calls.some(c => c.title.includes(WORKSHOP_MARK)));
    const hosts = new Set(big.calls.map(c => c.primaryUserId));
    assert.ok(hosts.size > 5_000, `hosts ${hosts.size}`);
  });

  it('with unbrokenText, the long-sentence call carries a megabyte without a space in its title', () => {
    const plain = generateWorld({ seed: 3, users: 10, calls: 20, now: FIXED_NOW });
    const long = generateWorld({ seed: 3, users: 10, calls: 20, now: FIXED_NOW, unbrokenText: true });
    const title = (w: World) => w.calls.find(c => c.title.endsWith(LONG_SENTENCE_MARK))?.title ?? '';
    assert.ok(title(plain).length < 200);
    assert.ok(title(long).includes(UNBROKEN_TEXT) && UNBROKEN_TEXT.length > 1_000_000 && !/\s/.test(UNBROKEN_TEXT));
    assert.equal(worldExtras(long).unbrokenBrief, UNBROKEN_TEXT);
    assert.equal(worldExtras(plain).unbrokenBrief, undefined);
  });
});
