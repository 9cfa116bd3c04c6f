import * as assert from 'node:assert/strict';
import { GongError, errorFromResponse } from '../../../src/gong/errors';
import { classify, failureDetails, failureLine, type Failure } from '../../../src/gong/failure';

/** Gong's answer as the client receives it: status, path and the envelope's errors. */
function answer(status: number, path: string, errors: string[], extra: Record<string, unknown> = {}, retryAfter?: string): GongError {
  return errorFromResponse({
    status, method: 'GET', path, body: { requestId: 'req4al018gzaztcr8nb', errors, ...extra }, text: '',
    requestId: 'req4al018gzaztcr8nb', retryAfter,
  });
}

interface Row {
  name: string;
  error: unknown;
  kind: Failure['kind'];
  text: RegExp;
  hint?: RegExp;
  signInAgain?: boolean;
  retry?: boolean;
  scope?: string;
  feature?: string;
  retryAfterSeconds?: number;
}

const table: Row[] = [
  {
    name: '401 with bad credentials means sign in again',
    error: answer(401, '/v2/users', ['Unauthorized']),
    kind: 'auth', text: /^Gong did not accept the credentials: Unauthorized$/, hint: /Sign in again/, signInAgain: true,
  },
  {
    name: '401 missing scope names the scope and keeps the session',
    error: answer(401, '/v2/coaching', ["You don't have permission to use 'api:coaching:read' in your app."]),
    kind: 'missingScope', text: /^These credentials lack the scope api:coaching:read\.$/, hint: /Grant api:coaching:read .*everything else keeps working/,
    scope: 'api:coaching:read',
  },
  {
    name: '403 Forbidden on /v2/flows: Engage is off',
    error: answer(403, '/v2/flows', ['Forbidden']),
    kind: 'forbidden', text: /^Engage is not enabled for this company or these credentials\.$/, hint: /everything else keeps working/,
    feature: 'Engage',
  },
  {
    name: '403 Forbidden on /v2/flows/folders: Engage is off',
    error: answer(403, '/v2/flows/folders', ['Forbidden']),
    kind: 'forbidden', text: /^Engage is not enabled/, feature: 'Engage',
  },
  {
    name: '403 Limited release on meetings',
    error: answer(403, '/v2/meetings', ['This API endpoint is in Limited release - contact your CSM for more information.']),
    kind: 'forbidden', text: /^The meetings API is in limited release and not enabled for this company\.$/, hint: /CSM/,
    feature: 'The meetings API',
  },
  {
    name: '403 Access denied on users says what is not open',
    error: answer(403, '/v2/users', ['Access denied']),
    kind: 'forbidden', text: /^Gong denied these credentials access to users \(Access denied\)\.$/, hint: /administrator/,
    feature: 'users',
  },
  {
    name: '403 missing scope is a missing scope, not a refusal of the key',
    error: answer(403, '/v2/stats/interaction', ["You don't have permission to use 'api:stats:interaction' in your app."]),
    kind: 'missingScope', text: /api:stats:interaction/, scope: 'api:stats:interaction',
  },
  {
    name: '404 real not found',
    error: answer(404, '/v2/calls/123', ['Call ID 123 was not found']),
    kind: 'notFound', text: /^Not found in Gong: Call ID 123 was not found$/, hint: /ids/,
  },
  {
    name: '409 conflict uses the fix link Gong gave',
    error: answer(409, '/v2/meetings', ['Provider disconnected'], { userFacingError: 'Connect your provider.', fixUrl: 'https://example.invalid/fix' }),
    kind: 'conflict', text: /Connect your provider/, hint: /example\.invalid\/fix/,
  },
  {
    name: '400 rejected input',
    error: answer(400, '/v2/calls', ['filter.fromDateTime is not a date']),
    kind: 'invalidRequest', text: /^Gong rejected the request: filter\.fromDateTime is not a date$/, hint: /inputs/,
  },
  {
    name: '429 says when to retry',
    error: answer(429, '/v2/users', ['API request limit exceeded'], {}, '7'),
    kind: 'rateLimited', text: /retry in 7 s/, retry: true, retryAfterSeconds: 7,
  },
  {
    name: '429 with a long wait says minutes and the daily budget',
    error: answer(429, '/v2/users', ['API daily request limit exceeded'], {}, '3600'),
    kind: 'rateLimited', text: /retry in 60 min/, hint: /daily request budget/, retry: true, retryAfterSeconds: 3600,
  },
  {
    name: '429 with a wait of hours says hours',
    error: answer(429, '/v2/users', ['API daily request limit exceeded'], {}, '86400'),
    kind: 'rateLimited', text: /retry in 24 h\./, hint: /daily request budget/, retry: true, retryAfterSeconds: 86400,
  },
  {
    name: '500 offers Retry',
    error: answer(500, '/v2/users', ['Internal server error occurred']),
    kind: 'server', text: /^Gong had a server error \(HTTP 500\): Internal server error occurred$/, hint: /Retry/, retry: true,
  },
  {
    name: '503 offers Retry',
    error: answer(503, '/v2/users', []),
    kind: 'server', text: /server error \(HTTP 503\)/, retry: true,
  },
  {
    name: 'unreachable host',
    error: new GongError('network', 'x', { code: 'ENOTFOUND' }),
    kind: 'network', text: /^Could not reach Gong \(ENOTFOUND\)\.$/, hint: /base URL/, retry: true,
  },
  {
    name: 'timeout',
    error: new GongError('timeout', 'x'),
    kind: 'timeout', text: /did not answer in time/, hint: /requestTimeoutSeconds/, retry: true,
  },
  {
    name: 'a plain error keeps its message',
    error: new Error('Not signed in to Gong'),
    kind: 'unexpected', text: /^Not signed in to Gong$/,
  },
];

describe('failure vocabulary: kinds to texts', () => {
  for (const row of table) {
    it(row.name, () => {
      const f = classify(row.error);
      assert.equal(f.kind, row.kind);
      assert.match(f.text, row.text);
      if (row.hint) assert.match(f.hint ?? '', row.hint);
      assert.equal(f.signInAgain, row.signInAgain ?? false, 'signInAgain');
      assert.equal(f.retry, row.retry ?? false, 'retry');
      assert.equal(f.cancelled, false);
      assert.equal(f.scope, row.scope);
      if (row.feature !== undefined) assert.equal(f.feature, row.feature);
      if (row.retryAfterSeconds !== undefined) assert.equal(f.retryAfterSeconds, row.retryAfterSeconds);
      assert.ok(!f.text.includes('\n'), 'one line');
      if (GongError.is(row.error) && row.error.status !== undefined) {
        assert.equal(f.status, row.error.status);
        assert.equal(f.requestId, 'req4al018gzaztcr8nb');
        assert.ok(failureDetails(f).includes('request id: req4al018gzaztcr8nb'));
      }
    });
  }

  it('only a 401 that is not a missing scope means signing in again', () => {
    const rows = table.filter(r => classify(r.error).signInAgain);
    assert.deepEqual(rows.map(r => r.name), ['401 with bad credentials means sign in again']);
  });

  it('cancellations are marked so surfaces stay silent', () => {
    assert.equal(classify(new GongError('cancelled', 'x')).cancelled, true);
    const abort = new Error('aborted');
    abort.name = 'AbortError';
    assert.equal(classify(abort).cancelled, true);
    assert.equal(classify(abort).kind, 'cancelled');
  });

  it('formats text and hint as one line and lists the facts', () => {
    const f = classify(answer(403, '/v2/flows', ['Forbidden']));
    assert.equal(failureLine(f), `${f.text} ${f.hint}`);
    assert.deepEqual(failureDetails(f), ['HTTP 403', 'GET /v2/flows', 'Gong: Forbidden', 'request id: req4al018gzaztcr8nb']);
  });
});
