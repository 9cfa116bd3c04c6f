/**
 * Copy as curl (Run Action) and `gong run --curl` (CLI) share one rendering: secrets stay in the
 * shell variables the CLI reads, the query is exactly what the client sends, and JSON bodies keep
 * every digit of bigint ids.
 */
import * as assert from 'node:assert/strict';
import { buildQuery } from '../../../src/gong/index';
import { allActions, catalog, curlCommand, curlFor, InputError, shellQuote } from '../../../src/catalog/index';
import type { ActionDef } from '../../../src/catalog/types';
import { FIXED, sampleInput } from './samples';

const SECRET = 'sEcReT-value-123';

describe('catalog: curl', () => {
  it('never contains a credential, only the placeholders', () => {
    const basic = curlCommand({ method: 'GET', path: '/v2/users' }, 'https://us-12345.api.gong.io/', 'basic');
    assert.ok(basic.includes('-u "$GONG_ACCESS_KEY:$GONG_ACCESS_KEY_SECRET"'));
    assert.ok(basic.includes("'https://us-12345.api.gong.io/v2/users'"));
    const bearer = curlCommand({ method: 'GET', path: '/v2/users' }, 'https://api.gong.io', 'bearer');
    assert.ok(bearer.includes('Authorization: Bearer $GONG_BEARER_TOKEN'));
    for (const text of [basic, bearer]) {
      assert.ok(!text.includes(SECRET));
      assert.ok(!/Basic [A-Za-z0-9+/=]{8,}/.test(text), 'no encoded Basic header');
    }
  });

  it('curlFor keeps secrets in variables and encodes + as %2B', () => {
    const a = catalog.find('dataPrivacy.forPhone') as ActionDef;
    const basic = curlFor(a, { phoneNumber: '+14155550100' }, 'https://us-1.api.gong.io/', 'basic');
    assert.equal(basic, `curl -sS -X GET 'https://us-1.api.gong.io/v2/data-privacy/data-for-phone-number?phoneNumber=%2B14155550100' -u "$GONG_ACCESS_KEY:$GONG_ACCESS_KEY_SECRET"`);
    const bearer = curlFor(catalog.find('meetings.create') as ActionDef, { ...sampleInput('meetings.create', FIXED), title: "O'Brien" }, 'https://api.gong.io', 'bearer');
    assert.ok(bearer.includes('-H "Authorization: Bearer $GONG_BEARER_TOKEN"'));
    assert.ok(bearer.includes(`"title":"O'\\''Brien"`), 'single quotes are escaped for the shell');
    assert.ok(!bearer.includes('secret'));
    const media = curlFor(catalog.find('calls.addMedia') as ActionDef, { id: '5', mediaFile: '/recordings/a b.mp3' }, 'https://api.gong.io', 'basic');
    assert.ok(media.includes(`-F 'mediaFile=@/recordings/a b.mp3'`));
  });

  it('encodes the query exactly: hyphenated names kept, + as %2B', () => {
    assert.equal(buildQuery({ 'workspace-id': '123', phoneNumber: '+14155550100', skip: undefined, ids: ['1', '2'] }), '?workspace-id=123&phoneNumber=%2B14155550100&ids=1&ids=2');
    const c = curlCommand({ method: 'POST', path: '/v2/data-privacy/erase-data-for-phone-number', query: { phoneNumber: '+14155550100' } }, 'https://api.gong.io', 'basic');
    assert.ok(c.includes('phoneNumber=%2B14155550100'));
  });

  it('curl query strings are exactly what the client sends', () => {
    for (const a of allActions) {
      const req = catalog.toRequest(a, sampleInput(a.id, FIXED));
      const text = curlFor(a, sampleInput(a.id, FIXED), 'https://api.gong.io', 'basic');
      assert.ok(text.startsWith(`curl -sS -X ${a.method} ${shellQuote(`https://api.gong.io${req.path}${buildQuery(req.query)}`)} `), a.id);
    }
  });

  it('sends JSON bodies on any method with exact ids', () => {
    const c = curlCommand({ method: 'DELETE', path: '/v2/meetings/7782342274025937895', body: { organizerEmail: "o'neil@example.com", id: 7782342274025937895n } }, 'https://api.gong.io', 'basic');
    assert.ok(c.startsWith("curl -sS -X DELETE 'https://api.gong.io/v2/meetings/7782342274025937895'"));
    assert.ok(c.includes("-H 'Content-Type: application/json'"));
    assert.ok(c.includes(`--data '{"organizerEmail":"o'\\''neil@example.com","id":7782342274025937895}'`));
  });

  it('curlFor writes bigint values in the input with every digit', () => {
    // Invitees are loose objects, so an extra long id passes validation untouched as a bigint.
    const a = catalog.find('meetings.create') as ActionDef;
    const input = { ...sampleInput('meetings.create', FIXED), invitees: [{ email: 'ana@example.com', crmId: 12345678901234567890n }] };
    assert.throws(() => JSON.stringify(catalog.toRequest(a, input).body), TypeError, 'plain JSON cannot write this body');
    const text = curlFor(a, input, 'https://api.gong.io', 'basic');
    assert.ok(text.includes('"crmId":12345678901234567890}'), text);
  });

  it('sends multipart files by path', () => {
    const c = curlCommand({ method: 'PUT', path: '/v2/calls/1/media', multipart: { files: { mediaFile: { path: '/recordings/a b.mp3' } }, fields: { note: 'x' } } }, 'https://api.gong.io', 'bearer');
    assert.ok(c.includes("-F 'mediaFile=@/recordings/a b.mp3'"));
    assert.ok(c.includes("-F 'note=x'"));
    assert.ok(!c.includes('--data'));
    const typed = curlCommand({ method: 'PUT', path: '/v2/calls/1/media', multipart: { files: { mediaFile: { path: '/recordings/a.mp3', contentType: 'audio/mpeg', filename: 'call.mp3' } } } }, 'https://api.gong.io', 'basic');
    assert.ok(typed.includes("-F 'mediaFile=@/recordings/a.mp3;type=audio/mpeg;filename=call.mp3'"));
  });

  it('puts one option a line when asked (Copy as curl), one line otherwise (the CLI)', () => {
    const req = { method: 'POST' as const, path: '/v2/calls', body: { id: 1n } };
    const one = curlCommand(req, 'https://api.gong.io', 'basic');
    const many = curlCommand(req, 'https://api.gong.io', 'basic', { multiline: true });
    assert.ok(!one.includes('\n'));
    assert.equal(many.split(' \\\n  ').join(' '), one, 'the same words, only the breaks differ');
    assert.equal(many.split('\n').length, 4, 'curl + url, credentials, content type, body');
  });

  it('quotes for the shell', () => {
    assert.equal(shellQuote("it's"), "'it'\\''s'");
  });

  it('curlFor refuses invalid input', () => {
    assert.throws(() => curlFor(catalog.find('users.get') as ActionDef, {}, 'https://api.gong.io', 'basic'), InputError);
  });
});
