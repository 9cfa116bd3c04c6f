import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskSnapshotStore, GongData, OnceSource, PagedSource, boundedText, parseSnapshot, type ProfileSnapshot } from '../../../src/data/index';
import type { LocalGongHandle } from '../../../src/localGong/index';
import { createTreeModels } from '../../../src/tree/index';
import { hostFor, items, startGong } from '../tree/helpers';

const until = async (what: string, check: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 10));
  }
};

describe('the cache kept across reloads', () => {
  describe('sources restored from a snapshot', () => {
    it('a one-answer list answers with the snapshot at once and fetches behind it', async () => {
      let fetches = 0;
      let release: (v: string[]) => void = () => undefined;
      const s = new OnceSource<string[]>(() => { fetches++; return new Promise(r => { release = r; }); }, () => 5000);
      let revalidated = 0;
      assert.ok(s.restore({ kind: 'once', fetchedAt: 1000, value: ['old'] }, () => { revalidated++; }));
      assert.deepEqual(await s.get(), ['old'], 'the snapshot, with no wait');
      assert.equal(s.fetchedAt, 1000, 'its age is the snapshot\'s');
      assert.equal(fetches, 1, 'fetched behind it');
      assert.ok(s.restored);
      assert.deepEqual(await s.get(), ['old'], 'a redraw meanwhile does not wait either');
      release(['new']);
      await until('the fetch behind', () => revalidated === 1);
      assert.deepEqual(await s.get(), ['new']);
      assert.equal(s.fetchedAt, 5000);
      assert.equal(s.restored, false);
      assert.equal(fetches, 1);
    });

    it('a failed fetch behind keeps the restored rows and says so', async () => {
      const s = new OnceSource<string[]>(() => Promise.reject(new Error('offline')));
      let error: unknown;
      s.restore({ kind: 'once', fetchedAt: 1, value: ['kept'] }, e => { error = e; });
      assert.deepEqual(await s.get(), ['kept']);
      await until('the failure', () => error !== undefined);
      assert.deepEqual(await s.get(), ['kept']);
    });

    it('a paged list shows its restored pages and fetches as many again behind them', async () => {
      const cursors: Array<string | undefined> = [];
      const s = new PagedSource<number>(async cursor => {
        cursors.push(cursor);
        return cursor === undefined ? { items: [1, 2], total: 4, cursor: 'c2' } : { items: [3, 4], total: 4 };
      });
      let done = false;
      s.restore({ kind: 'paged', fetchedAt: 1, items: [9, 8, 7], total: 3, pages: 2 }, () => { done = true; });
      await s.ensure();
      assert.deepEqual([...s.items], [9, 8, 7]);
      await until('the pages behind', () => done);
      assert.deepEqual(cursors, [undefined, 'c2'], 'both pages, as many as were loaded');
      assert.deepEqual([...s.items], [1, 2, 3, 4]);
      assert.deepEqual(s.snapshot(), { kind: 'paged', fetchedAt: s.fetchedAt, items: [1, 2, 3, 4], total: 4, pages: 2 });
    });
  });

  describe('the file', () => {
    const snap = (n: number, fetchedAt = 1000): ProfileSnapshot => ({
      small: { kind: 'once', fetchedAt, value: [{ id: '1' }] },
      big: { kind: 'paged', fetchedAt, items: Array.from({ length: n }, (_, i) => ({ id: String(i), name: 'x'.repeat(50) })), total: n, cursor: 'next', pages: Math.ceil(n / 100) },
    });

    it('keeps at most maxItems rows a list, dropping the cursor of a list cut short', () => {
      const limits = { maxItems: 10, maxEntries: 10, maxBytes: 1_000_000, maxAgeMs: 1e12 };
      const back = parseSnapshot(boundedText(snap(25), 2000, limits), 2000, limits);
      const big = back?.big;
      assert.ok(big && big.kind === 'paged');
      assert.equal(big.items.length, 10);
      assert.equal(big.cursor, undefined);
      assert.equal(big.pages, 1);
      assert.ok(back?.small);
    });

    it('drops the largest lists past maxBytes and lists older than maxAgeMs; a damaged file restores nothing', () => {
      const limits = { maxItems: 10_000, maxEntries: 10, maxBytes: 4000, maxAgeMs: 60_000 };
      const text = boundedText(snap(500), 2000, limits);
      assert.ok(text.length <= 4000, `${text.length} bytes`);
      assert.deepEqual(Object.keys(parseSnapshot(text, 2000, limits) ?? {}), ['small']);
      assert.deepEqual(parseSnapshot(boundedText(snap(1), 1000, limits), 1000 + 120_000, limits), {}, 'too old');
      assert.equal(parseSnapshot('{"version":1,"entries":', 0), undefined);
      assert.deepEqual(parseSnapshot('{"version":1,"entries":{"a":{"kind":"once"},"b":{"kind":"paged","fetchedAt":1,"items":"no","pages":1}}}', 1), {});
    });
  });

  describe('after a reload, against the local Gong', () => {
    let gong: LocalGongHandle;
    let dir: string;
    before(async () => { gong = await startGong({ seed: 11, users: 150, calls: 60 }); });
    after(async () => { await gong.close(); });
    beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'gong-cache-')); });
    afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

    const open = () => {
      const host = hostFor(gong);
      const data = new GongData(host, { store: new DiskSnapshotStore(dir), revalidateDelayMs: 50 });
      return { host, ...createTreeModels(host, data) };
    };

    it('paints the views from disk before any request, then refreshes them behind the rows', async () => {
      const first = open();
      const ws = items(await first.models.workspaces.getChildren());
      await first.models.users.getChildren();
      const users = first.models.users.usersSource(first.host.api() as never, 'test');
      await users.loadMore();
      const shownUsers = items(await first.models.users.getChildren());
      assert.equal(shownUsers.length, 150, 'two pages loaded');
      await first.data.flush();
      const files = readdirSync(dir);
      assert.equal(files.length, 1, 'one file for the profile');
      const text = readFileSync(join(dir, files[0] as string), 'utf8');
      for (const secret of [gong.accessKey, gong.accessKeySecret]) assert.ok(!text.includes(secret), 'no credential in the file');

      // A window reload: a new data layer and new views over the same folder.
      const second = open();
      let revalidated = 0;
      second.data.onDidRevalidate(() => { revalidated++; });
      const before = gong.requestCount;
      const ws2 = items(await second.models.workspaces.getChildren());
      const users2 = items(await second.models.users.getChildren());
      assert.equal(gong.requestCount - before, 0, 'no request before the rows');
      assert.deepEqual(ws2.map(r => r.id), ws.map(r => r.id));
      assert.deepEqual(users2.map(r => r.id), shownUsers.map(r => r.id), 'both pages come back');
      assert.match(second.models.users.description() ?? '', /^updated .* · refreshing$/);
      await until('the fetches behind the rows', () => revalidated >= 2);
      assert.equal(gong.requestCount - before, 3, 'workspaces once, and the two users pages');
      assert.match(second.models.users.description() ?? '', /^updated just now$/);
    });

    it('signing out removes the profile\'s file; Clear Cached Rows removes every file', async () => {
      const a = open();
      await a.models.workspaces.getChildren();
      await a.data.flush();
      assert.equal(readdirSync(dir).length, 1);
      await a.data.forget('test');
      assert.equal(readdirSync(dir).length, 0);
      await a.models.workspaces.getChildren();
      await a.data.flush();
      writeFileSync(join(dir, 'unrelated.txt'), 'kept');
      await a.data.clear();
      assert.deepEqual(readdirSync(dir), ['unrelated.txt'], 'only the cache files go');
      const b = open();
      const before = gong.requestCount;
      await b.models.workspaces.getChildren();
      assert.equal(gong.requestCount - before, 1, 'nothing restored after clearing');
      assert.ok(!existsSync(join(dir, 'nothing')));
    });
  });
});
