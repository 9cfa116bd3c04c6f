import * as assert from 'node:assert/strict';
import { parseJson } from '../../../src/gong/json';
import { formatJson, resultName, summary } from '../../../src/results/format';
import { listOf, mergePages, recordsOf, remainingRequests, requestCount, withCursor } from '../../../src/results/paging';

describe('result documents', () => {
  it('write 19- and 20-digit ids exactly, whether strings or bare numbers in the answer', () => {
    const raw = '{"requestId":"4al018gzaztcr8nbukw","integrationId":2271307570613351879,"users":[{"id":"7782342274025937895","big":99999999999999999999}],"n":1.5}';
    const text = formatJson(parseJson(raw));
    assert.match(text, /"integrationId": "2271307570613351879"|"integrationId": 2271307570613351879/);
    assert.ok(text.includes('7782342274025937895'));
    assert.ok(text.includes('99999999999999999999'));
    assert.ok(!text.includes('2271307570613352000'), 'never rounded');
    assert.ok(text.includes('"n": 1.5'));
    assert.ok(text.endsWith('\n'));
  });

  it('write bigint values as bare digits', () => {
    assert.equal(formatJson({ id: 7782342274025937895n }), '{\n  "id": 7782342274025937895\n}\n');
  });

  it('name documents after the action with a sequence number', () => {
    assert.equal(resultName('users.list', 3), 'users.list #3.json');
    assert.equal(resultName('a/b c', 1, ' page 2'), 'a-b-c #1 page 2.json');
  });

  it('summarise status, counts and request id', () => {
    assert.equal(summary({ actionId: 'users.list', title: 'List users', status: 200, requestId: 'abc', count: 100, totalRecords: 2314, more: true }),
      'List users: HTTP 200, 100 of 2,314 records, request id abc');
    assert.equal(summary({ actionId: 'x', title: 'X', status: 201, requestId: undefined, more: false }), 'X: HTTP 201');
  });
});

describe('result paging', () => {
  const page = (n: number, cursor?: string) => ({ requestId: `r${n}`, records: { totalRecords: 250, currentPageSize: 100, currentPageNumber: n, ...(cursor ? { cursor } : {}) }, users: [{ id: `${n}a` }, { id: `${n}b` }] });

  it('reads the records block and the list', () => {
    assert.deepEqual(recordsOf(page(0, 'c1')), { totalRecords: 250, currentPageSize: 100, currentPageNumber: 0, cursor: 'c1' });
    assert.equal(recordsOf({ users: [] }), undefined);
    assert.deepEqual(listOf(page(0), 'users'), [{ id: '0a' }, { id: '0b' }]);
    assert.deepEqual(listOf(page(0), undefined), [{ id: '0a' }, { id: '0b' }], 'the only list is found without a key');
  });

  it('counts the requests fetch-all takes from totalRecords', () => {
    assert.equal(requestCount(2314), 24);
    assert.equal(requestCount(100), 1);
    assert.equal(requestCount(0), 1);
    assert.equal(remainingRequests({ totalRecords: 2314, currentPageSize: 100, currentPageNumber: 0, cursor: 'c' }), 23);
    assert.equal(remainingRequests({ totalRecords: 250, currentPageSize: 100, currentPageNumber: 1, cursor: 'c' }), 1);
    assert.equal(remainingRequests({ totalRecords: 250, currentPageSize: 100, currentPageNumber: 2 }), 0, 'no cursor, nothing left');
  });

  it('puts the cursor where the paging style says, keeping the rest of the request', () => {
    const get = withCursor({ method: 'GET', path: '/v2/users', query: { includeAvatars: true } }, 'query-cursor', 'c1');
    assert.deepEqual(get.query, { includeAvatars: true, cursor: 'c1' });
    const post = withCursor({ method: 'POST', path: '/v2/calls/extensive', body: { filter: { callIds: ['1'] } } }, 'body-cursor', 'c2');
    assert.deepEqual(post.body, { filter: { callIds: ['1'] }, cursor: 'c2' });
    assert.equal(post.query, undefined);
  });

  it('merges pages into one list with a records block and no cursor', () => {
    const merged = mergePages([page(0, 'c1'), page(1, 'c2'), page(2)], 'users') as Record<string, unknown>;
    assert.deepEqual((merged.users as Array<{ id: string }>).map(u => u.id), ['0a', '0b', '1a', '1b', '2a', '2b']);
    assert.deepEqual(merged.records, { totalRecords: 250, currentPageSize: 6, currentPageNumber: 0 });
    assert.equal(merged.requestId, 'r0');
  });
});
