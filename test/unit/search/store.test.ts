import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { InProcessBackend, WorkerBackend } from '../../../src/search/backend';
import { parseQuery } from '../../../src/search/query';
import type { StoredCall } from '../../../src/search/store';

/** Three known calls: the ranking and the hits below follow from this text. */
export function knownCalls(): StoredCall[] {
  const alice = { name: 'Alice Martin', side: 'company' as const, email: 'alice@acme.test' };
  const buyer = { name: 'Bruno Díaz', side: 'external' as const, email: 'bruno@fabrikam.test' };
  return [
    {
      id: '1001', title: 'Fabrikam discovery', started: Date.UTC(2026, 9, 2, 15), workspaceId: '77', url: 'https://app.gong.test/call?id=1001',
      speakers: [alice, buyer],
      monologues: [
        { speaker: 0, sentences: [[0, 4000, 'Thanks for making the time today.'], [4000, 9000, 'What would pricing look like for forty seats?']] },
        { speaker: 1, sentences: [[9000, 15000, 'Pricing is the blocker; the security questionnaire comes first.'], [15000, 20000, 'Our pricing committee meets in June.']] },
      ],
    },
    {
      id: '1002', title: 'Tailspin renewal', started: Date.UTC(2026, 9, 20, 15), workspaceId: '77',
      speakers: [alice, { name: 'Chen Wei', side: 'external' as const }],
      monologues: [
        { speaker: 1, sentences: [[1000, 5000, 'We are also looking at Fabrikam.'], [5000, 8000, 'The price went up again.']] },
        { speaker: 0, sentences: [[8000, 12000, 'Let me share the pricing sheet.']] },
      ],
    },
    {
      id: '1003', title: 'Internal onboarding', started: Date.UTC(2026, 10, 5, 15), workspaceId: '88',
      speakers: [alice],
      monologues: [{ speaker: 0, sentences: [[0, 3000, 'Onboarding checklist, no customer today.']] }],
    },
  ];
}

describe('search store (node:sqlite FTS5)', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'gong-search-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('ranks calls by how much of their text is about the query and returns hits with speaker, time and highlight', async () => {
    const b = new InProcessBackend(join(dir, 's.db'));
    try {
      assert.equal(await b.putJson(knownCalls().map(c => JSON.stringify(c))), 3);
      const r = await b.search(parseQuery('pricing'));
      assert.equal(r.totalCalls, 2);
      assert.deepEqual(r.calls.map(c => [c.callId, c.matches]), [['1001', 3], ['1002', 1]]);
      const first = r.calls[0]!;
      assert.equal(first.title, 'Fabrikam discovery');
      assert.deepEqual(first.hits.map(h => [h.at, h.speaker, h.side]), [[4000, 'Alice Martin', 'company'], [9000, 'Bruno Díaz', 'external'], [15000, 'Bruno Díaz', 'external']]);
      const h = first.hits[1]!;
      assert.equal(h.text.slice(h.ranges[0]![0], h.ranges[0]![1]), 'Pricing');
      assert.equal(r.searchedCalls, 3);
    } finally { await b.close(); }
  });

  it('applies phrases, OR, NOT, prefixes and the speaker, side, date and workspace filters', async () => {
    const b = new InProcessBackend(join(dir, 's.db'));
    try {
      await b.putJson(knownCalls().map(c => JSON.stringify(c)));
      const ids = async (q: string) => (await b.search(parseQuery(q), { workspaces: [{ id: '77', name: 'Sales West' }, { id: '88', name: 'Enablement' }] })).calls.map(c => c.callId).sort();
      assert.deepEqual(await ids('"security questionnaire"'), ['1001']);
      assert.deepEqual(await ids('"questionnaire security"'), []);
      assert.deepEqual(await ids('pric*'), ['1001', '1002']);
      assert.deepEqual(await ids('price'), ['1002']);
      assert.deepEqual(await ids('onboarding OR fabrikam'), ['1002', '1003']);
      assert.deepEqual(await ids('pricing -fabrikam'), ['1001'], 'the word in call 1002 excludes it');
      assert.deepEqual(await ids('pricing NOT questionnaire'), ['1002']);
      assert.deepEqual(await ids('pricing side:external'), ['1001']);
      assert.deepEqual(await ids('pricing side:company'), ['1001', '1002']);
      assert.deepEqual(await ids('pricing speaker:bruno'), ['1001']);
      assert.deepEqual(await ids('pricing speaker:fabrikam.test'), ['1001'], 'the email counts as the speaker');
      assert.deepEqual(await ids('pricing from:2026-10-10'), ['1002']);
      assert.deepEqual(await ids('today to:2026-10-02'), ['1001']);
      assert.deepEqual(await ids('today workspace:enablement'), ['1003']);
      assert.deepEqual(await ids('diaz'), [], 'speaker names are not transcript text');
      // The index knows who was on a call, not who said what: speaker: is checked on the transcript.
      assert.deepEqual(await ids('price speaker:alice'), [], 'Chen said "price" in 1002, Alice did not');
      assert.deepEqual(await ids('fabrikam speaker:martin'), []);
      assert.deepEqual(await ids('pricing committee speaker:bruno'), ['1001'], 'Bruno said both');
      assert.deepEqual(await ids('forty committee speaker:bruno'), [], 'Alice said "forty"');
      // Bruno says "... comes first." and then "Our pricing committee ...": a phrase stays in one sentence.
      assert.deepEqual(await ids('"first our"'), [], 'a phrase does not reach from one sentence into the next');
      assert.deepEqual(await ids('"first our" speaker:bruno'), []);
      assert.deepEqual(await ids('"comes first"'), ['1001']);
      const capped = await b.search(parseQuery('pricing speaker:alice'), { limit: 1 });
      assert.deepEqual([capped.calls.length, capped.totalCalls], [1, 2], 'the count covers checked calls past the limit');
      const r = await b.search(parseQuery('pricing speaker:bruno'));
      assert.deepEqual(r.calls[0]!.hits.map(x => x.speaker), ['Bruno Díaz', 'Bruno Díaz'], 'hits of other speakers are left out');
      await assert.rejects(b.search(parseQuery('pricing workspace:nowhere'), { workspaces: [{ id: '77', name: 'Sales West' }] }), /No workspace named "nowhere"/);
      const scoped = await b.search(parseQuery('pricing'), { callIds: ['1002', '1003'] });
      assert.deepEqual(scoped.calls.map(c => c.callId), ['1002']);
      assert.equal(scoped.searchedCalls, 2);
    } finally { await b.close(); }
  });

  for (const [schema, index] of [['2', "CREATE VIRTUAL TABLE docs USING fts5(text, speaker, side, content='')"], ['3', "CREATE VIRTUAL TABLE calltext USING fts5(company, external, other, speakers, content='')"]] as const) it(`indexes a store of an earlier layout (schema ${schema}) again from its stored transcripts, keeping them and its scopes`, async () => {
    const path = join(dir, `old${schema}.db`);
    const { DatabaseSync } = (process as unknown as { getBuiltinModule: (id: string) => { DatabaseSync: new (p: string) => { exec(sql: string): void; prepare(sql: string): { run(...a: unknown[]): unknown }; close(): void } } }).getBuiltinModule('node:sqlite');
    const old = new DatabaseSync(path);
    old.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('schema', '${schema}');
      CREATE TABLE calls (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, started INTEGER, workspace TEXT, url TEXT, sentences INTEGER NOT NULL, body BLOB NOT NULL);
      ${index};
      CREATE TABLE scopes (key TEXT PRIMARY KEY, ids TEXT NOT NULL, listed INTEGER NOT NULL);
      INSERT INTO scopes VALUES ('range|a|b|', '["1001","1002","1003"]', 5);`);
    const insert = old.prepare('INSERT INTO calls (id, title, started, workspace, url, sentences, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const c of knownCalls()) insert.run(c.id, c.title, c.started, c.workspaceId, c.url ?? null, 1, deflateRawSync(Buffer.from(JSON.stringify({ speakers: c.speakers, monologues: c.monologues }))));
    old.close();
    const b = new InProcessBackend(path);
    try {
      assert.deepEqual((await b.search(parseQuery('pricing side:external'))).calls.map(c => c.callId), ['1001']);
      assert.deepEqual((await b.search(parseQuery('onboarding'))).calls.map(c => c.callId), ['1003']);
      assert.deepEqual((await b.search(parseQuery('pricing speaker:bruno'))).calls.map(c => c.callId), ['1001'], 'the voices of stored calls are filled in');
      assert.deepEqual((await b.search(parseQuery('"first our"'))).calls.map(c => c.callId), [], 'indexed with sentences kept apart');
      assert.equal((await b.stats()).calls, 3);
      assert.deepEqual((await b.scope('range|a|b|'))?.callIds, ['1001', '1002', '1003']);
    } finally { await b.close(); }
  });

  it('survives a reload: a new store on the same file has the calls, their index and the listed scopes', async () => {
    const path = join(dir, 's.db');
    const first = new WorkerBackend(join(__dirname, '../../../src/search/worker.js'), path);
    await first.putJson(knownCalls().map(c => JSON.stringify(c)));
    await first.saveScope('range|a|b|', ['1001', '1002'], 123);
    await first.close();
    const again = new WorkerBackend(join(__dirname, '../../../src/search/worker.js'), path);
    try {
      assert.deepEqual((await again.storedOf(['1001', '1002', '9999'])).sort(), ['1001', '1002']);
      assert.deepEqual(await again.scope('range|a|b|'), { key: 'range|a|b|', callIds: ['1001', '1002'], listedAt: 123 });
      const r = await again.search(parseQuery('"security questionnaire"'));
      assert.deepEqual(r.calls.map(c => c.callId), ['1001']);
      const stats = await again.stats();
      assert.equal(stats.calls, 3);
      assert.equal(stats.sentences, 8);
      assert.ok(stats.bytes > 0);
      assert.equal((await again.get('1002'))?.speakers[1]?.name, 'Chen Wei');
      // Storing a call again changes nothing (a processed call's transcript does not change).
      assert.equal(await again.putJson([JSON.stringify(knownCalls()[0])]), 0);
    } finally { await again.close(); }
  });
  it('shares one file between two processes\' stores: each searches what the other stored, and a write waits for the other\'s', async () => {
    const path = join(dir, 's.db');
    const worker = join(__dirname, '../../../src/search/worker.js');
    // Two workers, as the extension's search worker and a `gong mcp` server on the same profile.
    const a = new WorkerBackend(worker, path);
    const b = new WorkerBackend(worker, path);
    const [first, ...rest] = knownCalls().map(c => JSON.stringify(c));
    try {
      assert.equal(await a.putJson([first as string]), 1);
      assert.deepEqual((await a.search(parseQuery('pricing'))).calls.map(c => c.callId), ['1001']);
      assert.equal(await b.putJson(rest), 2);
      // a had loaded its calls before b stored two more: its next search has them.
      const after = await a.search(parseQuery('pricing'));
      assert.deepEqual(after.calls.map(c => c.callId).sort(), ['1001', '1002']);
      assert.equal(after.searchedCalls, 3);
      assert.deepEqual((await b.search(parseQuery('"security questionnaire"'))).calls.map(c => c.callId), ['1001']);
      assert.equal(await a.putJson(rest), 0, 'calls b stored are not stored again');

      // A third connection holds the write lock for a while: b's write waits for it instead of failing.
      const builtin = (process as unknown as { getBuiltinModule(id: string): unknown }).getBuiltinModule('node:sqlite');
      const { DatabaseSync } = builtin as { DatabaseSync: new (file: string) => { exec(sql: string): void; close(): void } };
      const holder = new DatabaseSync(path);
      holder.exec("BEGIN IMMEDIATE; INSERT OR REPLACE INTO scopes (key, ids, listed) VALUES ('held', '[]', 1);");
      const started = Date.now();
      const released = new Promise<void>(resolve => setTimeout(() => { holder.exec('COMMIT'); holder.close(); resolve(); }, 400));
      await b.saveScope('range|x|y|', ['1002'], 5);
      const waited = Date.now() - started;
      await released;
      assert.ok(waited >= 300, `the write waited for the lock (${waited} ms)`);
      assert.deepEqual(await a.scope('range|x|y|'), { key: 'range|x|y|', callIds: ['1002'], listedAt: 5 });
      assert.deepEqual((await a.scope('held'))?.callIds, []);
    } finally { await a.close(); await b.close(); }
  });

  it('clears a shared file in place: the other store\'s next search finds nothing, its stats say 0, it stores again, and the file shrinks', async () => {
    const path = join(dir, 's.db');
    const worker = join(__dirname, '../../../src/search/worker.js');
    const a = new WorkerBackend(worker, path);
    const b = new WorkerBackend(worker, path);
    // Enough distinct text that the emptied file is clearly smaller: 300 calls of 40 sentences.
    const words = ['pricing', 'renewal', 'security', 'onboarding', 'forecast', 'budget', 'pilot', 'contract', 'timeline', 'champion'];
    const bulk: StoredCall[] = Array.from({ length: 300 }, (_, i) => ({
      id: String(5000 + i), title: `Bulk ${i}`, started: Date.UTC(2026, 8, 1) + i * 3600_000, speakers: [{ name: 'Alice Martin', side: 'company' }],
      monologues: [{ speaker: 0, sentences: Array.from({ length: 40 }, (_, j) => [j * 1000, j * 1000 + 900, `Sentence ${i}-${j} about ${words[(i + j) % 10]} and ${words[(i * j) % 10]} number ${i * 40 + j}.`] as [number, number, string]) }],
    }));
    try {
      assert.equal(await a.clear(), 0, 'nothing stored: nothing to clear');
      assert.equal(await a.putJson(bulk.map(c => JSON.stringify(c))), 300);
      await a.saveScope('range|a|b|', ['5000'], 1);
      // b loads the calls it knows (as the MCP server would, searching first).
      assert.equal((await b.search(parseQuery('pricing'))).searchedCalls, 300);
      const full = (await a.stats()).bytes;

      assert.equal(await a.clear(), 300);
      assert.equal(existsSync(path), true, 'the file stays: the other process has it open');
      const empty = await b.search(parseQuery('pricing'));
      assert.deepEqual([empty.totalCalls, empty.calls.length, empty.searchedCalls], [0, 0, 0]);
      const stats = await b.stats();
      assert.deepEqual([stats.calls, stats.sentences, stats.scopes], [0, 0, 0]);
      assert.equal(await b.scope('range|a|b|'), undefined, 'a cleared scope is listed again');
      assert.deepEqual(await b.storedOf(['5000', '5001']), []);
      assert.ok(stats.bytes < full / 4, `the file shrank from ${full} to ${stats.bytes} bytes`);

      // Storing again reuses row numbers b knew for other calls: its searches name the new calls.
      assert.equal(await b.putJson(knownCalls().map(c => JSON.stringify(c))), 3);
      const again = await b.search(parseQuery('pricing'));
      assert.deepEqual(again.calls.map(c => c.callId).sort(), ['1001', '1002']);
      assert.equal(again.searchedCalls, 3);
      const fromA = await a.search(parseQuery('pricing'));
      assert.deepEqual([fromA.calls.map(c => c.callId).sort(), fromA.searchedCalls], [['1001', '1002'], 3]);
      assert.equal((await a.stats()).calls, 3);
      assert.equal(await b.clear(), 3);
      assert.equal(await b.clear(), 0, 'clearing an empty store changes nothing');
      assert.equal((await a.search(parseQuery('pricing'))).searchedCalls, 0);
    } finally { await a.close(); await b.close(); }
  });
});
