import * as assert from 'node:assert/strict';
import { GongError, GongMissingScopeError, GongRateLimitedError } from '../../../src/gong/errors';
import { describeError, scopeFromMessages } from '../../../src/results/errors';

describe('run errors', () => {
  it('a missing scope names the scope and says what to do', () => {
    const e = new GongMissingScopeError('x', { status: 401, requestId: 'req123', errors: ["You don't have permission to use 'api:coaching:read' in your app."], scope: 'api:coaching:read' });
    const r = describeError(e, 'List coaching metrics', 'api:coaching:read');
    assert.equal(r.status, 401);
    assert.equal(r.requestId, 'req123');
    assert.ok(r.message.includes('HTTP 401'));
    assert.ok(r.message.includes("You don't have permission"));
    assert.ok(r.message.includes('req123'));
    assert.ok(r.hint?.includes('api:coaching:read'));
  });

  it("shows Gong's message, status and request id for other failures", () => {
    const e = new GongError('notFound', 'x', { status: 404, requestId: 'r9', errors: ['Meeting not found'] });
    const r = describeError(e, 'Delete a Gong meeting');
    assert.equal(r.message, 'Delete a Gong meeting failed: HTTP 404: Meeting not found (request id r9)');
    assert.match(r.hint ?? '', /ids/);
  });

  it('rate limits say when to retry', () => {
    const e = new GongRateLimitedError('x', { status: 429, requestId: 'r1', errors: ['Too many requests'], retryAfterSeconds: 7 });
    assert.match(describeError(e, 'List users').hint ?? '', /7 s/);
  });

  it('plain errors still read well', () => {
    assert.equal(describeError(new Error('boom'), 'X').message, 'X failed: boom');
    assert.equal(describeError('odd', 'X').message, 'X failed: odd');
  });

  it('finds the scope in Gong messages', () => {
    assert.equal(scopeFromMessages(["You don't have permission to use 'api:stats:user-actions' in your app."]), 'api:stats:user-actions');
    assert.equal(scopeFromMessages(['other']), undefined);
  });
});
