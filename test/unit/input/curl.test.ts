import * as assert from 'node:assert/strict';
import { curlCommand, queryString, shellQuote } from '../../../src/results/curl';

const SECRET = 'sEcReT-value-123';

describe('copy as curl', () => {
  it('never contains a credential, only the placeholders', () => {
    const basic = curlCommand({ method: 'GET', path: '/v2/users' }, 'https://us-12345.api.gong.io/', 'basic');
    assert.ok(basic.includes('-u "$GONG_ACCESS_KEY:$GONG_ACCESS_KEY_SECRET"'));
    assert.ok(basic.includes("'https://us-12345.api.gong.io/v2/users'"));
    const bearer = curlCommand({ method: 'GET', path: '/v2/users' }, 'https://api.gong.io', 'bearer');
    assert.ok(bearer.includes('Authorization: Bearer $GONG_TOKEN'));
    for (const text of [basic, bearer]) {
      assert.ok(!text.includes(SECRET));
      assert.ok(!/Basic [A-Za-z0-9+/=]{8,}/.test(text), 'no encoded Basic header');
    }
  });

  it('encodes the query exactly: hyphenated names kept, + as %2B', () => {
    assert.equal(queryString({ 'workspace-id': '123', phoneNumber: '+14155550100', skip: undefined, ids: ['1', '2'] }), '?workspace-id=123&phoneNumber=%2B14155550100&ids=1&ids=2');
    const c = curlCommand({ method: 'POST', path: '/v2/data-privacy/erase-data-for-phone-number', query: { phoneNumber: '+14155550100' } }, 'https://api.gong.io', 'basic');
    assert.ok(c.includes('phoneNumber=%2B14155550100'));
  });

  it('sends JSON bodies on any method with exact ids', () => {
    const c = curlCommand({ method: 'DELETE', path: '/v2/meetings/7782342274025937895', body: { organizerEmail: "o'neil@example.com", id: 7782342274025937895n } }, 'https://api.gong.io', 'basic');
    assert.ok(c.startsWith("curl -sS -X DELETE 'https://api.gong.io/v2/meetings/7782342274025937895'"));
    assert.ok(c.includes("-H 'Content-Type: application/json'"));
    assert.ok(c.includes(`--data '{"organizerEmail":"o'\\''neil@example.com","id":7782342274025937895}'`));
  });

  it('sends multipart files by path', () => {
    const c = curlCommand({ method: 'PUT', path: '/v2/calls/1/media', multipart: { files: { mediaFile: { path: '/tmp/a b.mp3' } }, fields: { note: 'x' } } }, 'https://api.gong.io', 'bearer');
    assert.ok(c.includes("-F 'mediaFile=@/tmp/a b.mp3'"));
    assert.ok(c.includes("-F 'note=x'"));
    assert.ok(!c.includes('--data'));
  });

  it('quotes for the shell', () => {
    assert.equal(shellQuote("it's"), "'it'\\''s'");
  });
});
