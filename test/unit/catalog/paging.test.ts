/**
 * The paging helpers Run Action's result documents and `gong run --all-pages` share: the records
 * block as src/gong reads it, the list, how many requests are left, where the next cursor goes and
 * merging pages into one answer.
 */
import * as assert from 'node:assert/strict';
import { catalog, listOf, mergePages, remainingRequests, requestCount } from '../../../src/catalog/index';
import type { ActionDef } from '../../../src/catalog/types';
import { recordsOf, withCursor } from '../../../src/gong/paging';
import { FIXED, sampleInput } from './samples';

describe('catalog: result paging', () => {
  const page = (n: number, cursor?: string) => ({ requestId: `r${n}`, records: { totalRecords: 250, currentPageSize: 100, currentPageNumber: n, ...(cursor ? { cursor } : {}) }, users: [{ id: `${n}a` }, { id: `${n}b` }] });

  it('reads the records block and the list', () => {
    assert.deepEqual(recordsOf(page(0, 'c1')), { totalRecords: 250, currentPageSize: 100, currentPageNumber: 0, cursor: 'c1' });
    assert.equal(recordsOf({ users: [] }), undefined);
    assert.deepEqual(listOf(page(0), 'users'), [{ id: '0a' }, { id: '0b' }]);
    assert.deepEqual(listOf(page(0), undefined), [{ id: '0a' }, { id: '0b' }], 'the only list is found without a key');
  });

  it('reads counts sent as digit strings, and an empty cursor as the last page', () => {
    assert.deepEqual(recordsOf({ records: { totalRecords: '2314', currentPageSize: '100', currentPageNumber: 0, cursor: '' } }), { totalRecords: 2314, currentPageSize: 100, currentPageNumber: 0 });
    assert.deepEqual(recordsOf({ records: { totalRecords: 'many', cursor: 7 } }), {}, 'what cannot be a count or a cursor is left out');
  });

  it('counts the requests fetch-all takes from totalRecords', () => {
    assert.equal(requestCount(2314), 24);
    assert.equal(requestCount(100), 1);
    assert.equal(requestCount(0), 1);
    assert.equal(remainingRequests({ totalRecords: 2314, currentPageSize: 100, currentPageNumber: 0, cursor: 'c' }), 23);
    assert.equal(remainingRequests({ totalRecords: 250, currentPageSize: 100, currentPageNumber: 1, cursor: 'c' }), 1);
    assert.equal(remainingRequests({ totalRecords: 250, currentPageSize: 100, currentPageNumber: 2 }), 0, 'no cursor, nothing left');
  });

  it('puts the cursor where each paged action\'s paging style says, keeping the rest of the request', () => {
    const get = withCursor({ method: 'GET', path: '/v2/users', query: { includeAvatars: true } }, 'c1');
    assert.deepEqual(get.query, { includeAvatars: true, cursor: 'c1' });
    const post = withCursor({ method: 'POST', path: '/v2/calls/extensive', body: { filter: { callIds: ['1'] } } }, 'c2');
    assert.deepEqual(post.body, { filter: { callIds: ['1'] }, cursor: 'c2' });
    assert.equal(post.query, undefined);
    // The client places the cursor by HTTP method; every paged action's declared style must agree.
    const paged = catalog.actions.filter(a => a.paging !== 'none');
    assert.ok(paged.length >= 10, 'paged actions exist');
    for (const a of paged) {
      const next = withCursor(catalog.toRequest(a, sampleInput(a.id, FIXED)), 'cur');
      if (a.paging === 'query-cursor') assert.equal(next.query?.cursor, 'cur', a.id);
      else assert.equal((next.body as Record<string, unknown> | undefined)?.cursor, 'cur', a.id);
    }
  });

  it('merges pages into one list with a records block and no cursor', () => {
    const merged = mergePages(catalog.find('users.list') as ActionDef, [page(0, 'c1'), page(1, 'c2'), page(2)]);
    assert.deepEqual((merged.users as Array<{ id: string }>).map(u => u.id), ['0a', '0b', '1a', '1b', '2a', '2b']);
    assert.deepEqual(merged.records, { totalRecords: 250, currentPageSize: 6, currentPageNumber: 0 });
    assert.equal(merged.requestId, 'r0');
  });
});
