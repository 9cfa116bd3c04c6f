import * as assert from 'node:assert/strict';
import { baseUrlHost, looksLikeSecret, normalizeBaseUrl } from '../../../src/gong/baseUrl';
import { buildQuery, isNothingFound } from '../../../src/gong/client';
import { GongError, GongMissingScopeError, errorFromResponse, parseRetryAfter } from '../../../src/gong/errors';
import { parseJson, stringifyJson } from '../../../src/gong/json';
import { withCursor } from '../../../src/gong/paging';

describe('gong: normalizeBaseUrl', () => {
  const cases: Array<[string, string]> = [
    ['us-12345.api.gong.io', 'https://us-12345.api.gong.io'],
    ['  https://us-12345.api.gong.io/v2/ ', 'https://us-12345.api.gong.io'],
    ['https://api.gong.io/', 'https://api.gong.io'],
    ['https://api.gong.io//', 'https://api.gong.io'],
    ['https://API.Gong.io/v2', 'https://api.gong.io'],
    ['https://us-55616.api.gong.io/v2/calls?x=1', 'https://us-55616.api.gong.io'],
    ['us-12345.app.gong.io', 'https://us-12345.api.gong.io'],
    ['http://127.0.0.1:8123', 'http://127.0.0.1:8123'],
    ['http://127.0.0.1:8123/v2', 'http://127.0.0.1:8123'],
    ['127.0.0.1:8123', 'http://127.0.0.1:8123'],
    ['localhost:9000/', 'http://localhost:9000'],
    ['https://proxy.example.com/gong/v2', 'https://proxy.example.com/gong'],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} -> ${expected}`, () => assert.equal(normalizeBaseUrl(input), expected));
  }
  it('rejects non-http(s), empty, plain http to remote hosts and credentials in the URL with a clear message', () => {
    assert.throws(() => normalizeBaseUrl('ftp://api.gong.io'), /must start with https:\/\//);
    assert.throws(() => normalizeBaseUrl('javascript:alert(1)'), /not a web address/);
    assert.throws(() => normalizeBaseUrl('file:///etc/passwd'), /https:\/\//);
    assert.throws(() => normalizeBaseUrl('   '), /Enter the Gong API base URL/);
    assert.throws(() => normalizeBaseUrl('http://api.gong.io'), /unencrypted/);
    assert.throws(() => normalizeBaseUrl('https://key:secret@api.gong.io'), /credentials/);
  });
  it('refuses a pasted key, secret or token and a bare word without repeating it', () => {
    const pasted = [
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'Q7XK4M2P9RZ8T1V6W3Y5A0B2C4D6', 'Bearer abc.def.ghi', 'Basic UTdYSzRNMlA5Ujo=',
      'https://a8f3k2m9x7q4w1e6r5t0y2u3i4o5p6.gong.io', 'k9Xy72Hq0p1LmZ3Nc8Vb4Rt6Wd5Ys.example',
    ];
    for (const value of pasted) {
      assert.ok(looksLikeSecret(value), value);
      assert.throws(() => normalizeBaseUrl(value), (e: Error) => /looks like a key/.test(e.message) && !e.message.includes(value));
    }
    for (const word of ['gongapi', 'https://intranet']) {
      assert.throws(() => normalizeBaseUrl(word), (e: Error) => /single word/.test(e.message) && !e.message.includes(word));
    }
    for (const fine of ['https://api.gong.io', 'us-55616.api.gong.io', 'https://company-17.api.gong.io', 'http://127.0.0.1:4010', 'https://gateway.example.com/gong']) {
      assert.ok(!looksLikeSecret(fine), fine);
    }
    assert.throws(() => normalizeBaseUrl('not a url at all %%%'), (e: Error) => !e.message.includes('%%%'));
  });
  it('tells Gong hosts, this machine and other hosts apart', () => {
    assert.deepEqual(baseUrlHost('https://us-1.api.gong.io'), { host: 'us-1.api.gong.io', kind: 'gong' });
    assert.deepEqual(baseUrlHost('http://127.0.0.1:4010'), { host: '127.0.0.1', kind: 'loopback' });
    assert.deepEqual(baseUrlHost(normalizeBaseUrl('https://api.gong.io.evil.example')), { host: 'api.gong.io.evil.example', kind: 'other' });
  });
});

describe('gong: lossless JSON', () => {
  it('keeps 19-20 digit integers as exact strings and other numbers as numbers', () => {
    const text = '{"integrationId":2271307570613351879,"big":12345678901234567890,"neg":-9223372036854775808,"n":42,"f":1.5,"e":1e3,"s":"7254376376091929519","ok":true,"nil":null}';
    const v = parseJson(text) as Record<string, unknown>;
    assert.equal(v['integrationId'], '2271307570613351879');
    assert.equal(v['big'], '12345678901234567890');
    assert.equal(v['neg'], '-9223372036854775808');
    assert.equal(v['n'], 42);
    assert.equal(v['f'], 1.5);
    assert.equal(v['e'], 1000);
    assert.equal(v['s'], '7254376376091929519');
    assert.equal(v['nil'], null);
    // JSON.parse would have rounded it: the point of the exercise.
    assert.notEqual(String((JSON.parse(text) as Record<string, number>)['integrationId']), '2271307570613351879');
  });
  it('treats every integer longer than 15 digits as a string, so an id never flips type by value', () => {
    assert.deepEqual(parseJson('[123456789012345, 1234567890123456]'), [123456789012345, '1234567890123456']);
  });
  it('writes bigint as bare digits and round-trips', () => {
    assert.equal(stringifyJson({ a: 12345678901234567890n, b: ['x', 1] }), '{"a":12345678901234567890,"b":["x",1]}');
    assert.equal(stringifyJson(undefined), 'null');
    assert.deepEqual(parseJson(stringifyJson({ id: 98765432109876543210n })), { id: '98765432109876543210' });
  });
  it('throws on invalid JSON', () => assert.throws(() => parseJson('{"a":')));
});

describe('gong: query encoding and cursors', () => {
  it('percent-encodes + as %2B and space as %20, keeps hyphenated names, repeats arrays, skips undefined/null', () => {
    const q = buildQuery({ phoneNumber: '+1 555 0100', 'workspace-id': '123', 'manager-id': 456, ids: ['1', '2'], skip: undefined, nope: null, flag: true, big: 12345678901234567890n });
    assert.equal(q, '?phoneNumber=%2B1%20555%200100&workspace-id=123&manager-id=456&ids=1&ids=2&flag=true&big=12345678901234567890');
    assert.equal(buildQuery({}), '');
    assert.equal(buildQuery(undefined), '');
  });
  it('puts the cursor in the query for GET and in the body for POST, leaving the rest alone', () => {
    const get = withCursor({ method: 'GET', path: '/v2/users', query: { a: '1' } }, 'c1');
    assert.deepEqual(get.query, { a: '1', cursor: 'c1' });
    assert.equal(get.body, undefined);
    const post = withCursor({ method: 'POST', path: '/v2/calls/extensive', body: { filter: { x: 1 } } }, 'c2');
    assert.deepEqual(post.body, { filter: { x: 1 }, cursor: 'c2' });
    assert.equal(post.query, undefined);
    const same = { method: 'GET' as const, path: '/v2/users' };
    assert.equal(withCursor(same, undefined), same);
  });
});

describe('gong: errors', () => {
  const base = { method: 'GET', path: '/v2/x', text: '', requestId: 'trace1', retryAfter: undefined };
  it('maps statuses to kinds and keeps the envelope', () => {
    const kinds: Array<[number, string]> = [[400, 'invalidRequest'], [401, 'auth'], [403, 'forbidden'], [404, 'notFound'], [405, 'invalidRequest'], [409, 'conflict'], [415, 'invalidRequest'], [429, 'rateLimited'], [500, 'server'], [503, 'server']];
    for (const [status, kind] of kinds) {
      const e = errorFromResponse({ ...base, status, body: { requestId: 'r1', errors: ['boom'] } });
      assert.equal(e.kind, kind, `status ${status}`);
      assert.equal(e.status, status);
      assert.equal(e.requestId, 'r1');
      assert.deepEqual(e.errors, ['boom']);
      assert.ok(GongError.is(e, kind as 'auth'));
    }
  });
  it('names the missing scope, reads Retry-After, keeps extra envelope keys', () => {
    const scope = errorFromResponse({ ...base, status: 401, body: { requestId: 'r', errors: ["You don't have permission to use 'api:calls:read:transcript' in your app."] } });
    assert.ok(GongError.is(scope, 'missingScope'));
    assert.ok(scope instanceof GongMissingScopeError);
    assert.equal(scope.scope, 'api:calls:read:transcript');
    const limited = errorFromResponse({ ...base, status: 429, body: { errors: ['API request limit exceeded'] }, retryAfter: '7' });
    assert.ok(GongError.is(limited, 'rateLimited'));
    assert.equal(limited.retryAfterSeconds, 7);
    assert.equal(limited.requestId, 'trace1');
    const conflict = errorFromResponse({ ...base, status: 409, body: { requestId: 'r', errors: ['Provider disconnected'], userFacingError: 'Connect your provider.', fixUrl: 'https://x/fix', helpUrl: '' } });
    assert.equal(conflict.userFacingError, 'Connect your provider.');
    assert.equal(conflict.fixUrl, 'https://x/fix');
    assert.equal(conflict.helpUrl, undefined);
    assert.equal(conflict.extra['helpUrl'], '');
  });
  it('handles a non-JSON error body', () => {
    const e = errorFromResponse({ ...base, status: 502, body: undefined, text: '<html>Bad gateway</html>' });
    assert.equal(e.kind, 'server');
    assert.deepEqual(e.errors, ['<html>Bad gateway</html>']);
    assert.equal(GongError.is(new Error('x')), false);
    assert.equal(GongError.is(null), false);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    assert.equal(parseRetryAfter('3'), 3);
    assert.equal(parseRetryAfter(undefined), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now), 5);
  });
});

describe('gong: nothing-found 404s', () => {
  it('reads only the documented nothing-found texts as empty', () => {
    for (const text of [
      'No calls found for the specified period', 'No calls found corresponding to the provided filters', 'No stats found for the specified period',
      'No logs found for the specified period', 'No folders found for the specified period', 'No users found corresponding to the provided filters',
      'Scorecards not found', 'Answered scorecards not found', 'No scorecards found',
    ]) assert.equal(isNothingFound([text]), true, text);
    for (const text of [
      'User not found', 'User 123 was not found', 'Workspace not found', 'Call ID 1 was not found', 'Flow not found', 'NotFound',
      'No meeting found corresponding to the provided meeting ID', 'No Gong user found corresponding to the provided organizer email',
    ]) assert.equal(isNothingFound([text]), false, text);
    assert.equal(isNothingFound([]), false, 'a 404 without a message is not a nothing-found answer');
  });
});
