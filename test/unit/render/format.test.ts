import * as assert from 'node:assert/strict';
import { dateTime, duration, isHttpUrl, percent } from '../../../src/render/format';
import { timeRef } from '../../../src/render/callDetails';

describe('formatting', () => {
  it('shows Gong times in the company offset, as written', () => {
    assert.equal(dateTime('2025-05-06T10:01:38.204-07:00'), '2025-05-06 10:01 (-07:00)');
    assert.equal(dateTime('2025-05-06T17:01:38Z'), '2025-05-06 17:01 (UTC)');
    assert.equal(dateTime('2025-05-06T17:01'), '2025-05-06 17:01');
    assert.equal(dateTime('not a date'), 'not a date');
    assert.equal(dateTime(undefined), undefined);
  });

  it('formats durations and shares', () => {
    assert.equal(duration(0), '0s');
    assert.equal(duration(59.6), '1m');
    assert.equal(duration(61), '1m 01s');
    assert.equal(duration(7200), '2h 00m');
    assert.equal(duration(-5), '0s');
    assert.equal(percent(0.4215), '42%');
  });

  it('accepts only absolute http(s) urls', () => {
    for (const ok of ['https://app.gong.io/call?id=1', 'http://127.0.0.1:8080/x', 'HTTPS://EXAMPLE.COM']) assert.ok(isHttpUrl(ok), ok);
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', '/relative', '//evil.example', 'vbscript:x', 'file:///etc/passwd', '', 5, undefined, `https://x.example/${'a'.repeat(9000)}`]) {
      assert.ok(!isHttpUrl(bad), String(bad).slice(0, 40));
    }
  });

  it('turns Gong seconds into transcript times', () => {
    assert.deepEqual(timeRef(812.44), { label: '13:32', ms: 812_440 });
    assert.deepEqual(timeRef(3723.5), { label: '1:02:03', ms: 3_723_500 });
    assert.deepEqual(timeRef(-1), { label: '0:00', ms: 0 });
  });
});
