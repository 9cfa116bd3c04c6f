import * as assert from 'node:assert/strict';
import { OnceSource, PagedSource, SourceCache, contextValue, formatAge, formatCount, childId } from '../../../src/tree/index';

/** A fake cursor API over n numbers, 100 a page, counting calls. */
function pager(n: number) {
  const state = { calls: 0, fail: false };
  const fetch = async (cursor: string | undefined) => {
    state.calls++;
    if (state.fail) throw new Error('boom');
    const start = cursor ? Number(cursor) : 0;
    const items = Array.from({ length: Math.min(100, n - start) }, (_, i) => start + i);
    const next = start + items.length;
    return { items, total: n, cursor: next < n ? String(next) : undefined };
  };
  return { state, fetch };
}

describe('tree sources', () => {
  it('PagedSource loads one page, appends on loadMore, stops at the end', async () => {
    const p = pager(250);
    const s = new PagedSource(p.fetch);
    await s.ensure();
    assert.equal(s.items.length, 100);
    assert.equal(s.hasMore, true);
    await s.loadMore();
    await s.loadMore();
    assert.equal(s.items.length, 250);
    assert.equal(s.hasMore, false);
    await s.loadMore();
    assert.equal(p.state.calls, 3, 'no request once the last page is loaded');
    assert.deepEqual(s.items.slice(98, 102), [98, 99, 100, 101]);
  });

  it('a refresh fetches as many pages as were loaded, and keeps rows when it fails', async () => {
    const p = pager(1000);
    const s = new PagedSource(p.fetch);
    await s.ensure();
    await s.loadMore();
    await s.loadMore();
    assert.equal(s.items.length, 300);
    s.invalidate();
    p.state.calls = 0;
    await s.ensure();
    assert.equal(p.state.calls, 3);
    assert.equal(s.items.length, 300);
    s.invalidate();
    p.state.fail = true;
    await assert.rejects(s.ensure(), /boom/);
    assert.equal(s.items.length, 300, 'the earlier rows stay');
    p.state.fail = false;
    await s.ensure();
    assert.equal(s.items.length, 300);
  });

  it('concurrent loadMore clicks never load a page twice', async () => {
    const p = pager(500);
    const s = new PagedSource(p.fetch);
    await s.ensure();
    await Promise.all([s.loadMore(), s.loadMore(), s.loadMore()]);
    assert.equal(s.items.length, 400);
    assert.equal(new Set(s.items).size, 400);
  });

  it('OnceSource shares one fetch and refetches only after invalidate', async () => {
    let calls = 0;
    const s = new OnceSource(async () => { calls++; return [calls]; }, () => 42);
    const [a, b] = await Promise.all([s.get(), s.get()]);
    assert.equal(calls, 1);
    assert.equal(a, b);
    assert.equal(s.fetchedAt, 42);
    await s.get();
    assert.equal(calls, 1);
    s.invalidate();
    assert.deepEqual(await s.get(), [2]);
  });

  it('SourceCache keeps profiles apart and reports the oldest fetch', async () => {
    const cache = new SourceCache();
    let t = 1000;
    const a = cache.get('p1', 'view/a', () => new OnceSource(async () => 1, () => t));
    const b = cache.get('p1', 'view/b', () => new OnceSource(async () => 2, () => t));
    const other = cache.get('p2', 'view/a', () => new OnceSource(async () => 3, () => t));
    assert.notEqual(a, other);
    assert.equal(cache.get('p1', 'view/a', () => { throw new Error('not again'); }), a);
    await a.get();
    t = 5000;
    await b.get();
    await other.get();
    assert.equal(cache.oldestFetch('p1', 'view'), 1000);
    assert.equal(cache.oldestFetch('p2', 'view'), 5000);
    cache.forget('p1');
    assert.equal(cache.oldestFetch('p1', 'view'), undefined);
  });

  it('formats counts, ages, context values and ids', () => {
    assert.equal(formatCount(2314), '2,314');
    assert.equal(formatAge(10_000), 'just now');
    assert.equal(formatAge(5 * 60_000), '5 min ago');
    assert.equal(formatAge(3 * 3_600_000), '3 h ago');
    assert.equal(formatAge(2 * 86_400_000), '2 days ago');
    assert.equal(contextValue('user', 'gongItem', undefined, false, 'user'), 'gongItem user');
    assert.equal(childId('gongExplorer.users', 'user', '123'), 'gongExplorer.users/user:123');
  });
});
