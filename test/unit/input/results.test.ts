import * as assert from 'node:assert/strict';
import { parseJson } from '../../../src/gong/json';
import { formatJson, resultName, summary } from '../../../src/results/format';

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
    assert.equal(summary({ actionId: 'stats.interaction', title: 'Interaction stats', status: 404, requestId: 'r1', count: 0, totalRecords: 0, more: false, empty: true }),
      "Interaction stats: nothing found (Gong's HTTP 404 for an empty result), 0 of 0 records, request id r1");
  });
});
