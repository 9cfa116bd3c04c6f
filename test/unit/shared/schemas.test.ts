import * as assert from 'node:assert/strict';
import { MAX_COPY_CHARS, parsePageMessage, parsePanelState } from '../../../src/shared/schemas';

describe('page message schemas', () => {
  it('accepts every valid page message', () => {
    const valid: unknown[] = [
      { type: 'ready' }, { type: 'retry' }, { type: 'signIn' }, { type: 'openInGong' }, { type: 'openTranscript' }, { type: 'openTranscript', at: 812440 },
      { type: 'openDetails' }, { type: 'copyId' }, { type: 'copyMarkdown' }, { type: 'runAction' },
      { type: 'copyText', text: '[0:04] Maya: hello' },
      { type: 'export', format: 'markdown' }, { type: 'export', format: 'text' }, { type: 'export', format: 'srt' },
      { type: 'export', format: 'vtt' }, { type: 'export', format: 'json' },
      { type: 'status', status: { rendered: 40, total: 2000, firstPaintMs: 12.5 } },
      { type: 'status', status: { rendered: 2000, total: 2000, query: 'pricing', matches: 3, currentMatch: 1, speakers: [0, 2], visibleMonologues: 700 } },
    ];
    for (const m of valid) assert.deepEqual(parsePageMessage(m), m, JSON.stringify(m));
  });

  it('refuses unknown types, extra keys, wrong types and oversized payloads', () => {
    const invalid: unknown[] = [
      undefined, null, 'ready', 42, [], {}, { type: 'eval', code: 'alert(1)' }, { type: 'READY' },
      { type: 'ready', extra: true },
      { type: 'copyText' }, { type: 'copyText', text: '' }, { type: 'copyText', text: 5 },
      { type: 'copyText', text: 'x'.repeat(MAX_COPY_CHARS + 1) },
      { type: 'export', format: 'html' }, { type: 'export', format: 'markdown', path: '/etc/passwd' },
      { type: 'openInGong', url: 'javascript:alert(1)' },
      { type: 'status', status: { rendered: -1, total: 1 } },
      { type: 'status', status: { rendered: 1, total: 1, injected: '<script>' } },
      { type: 'status', status: { rendered: 1.5, total: 2 } },
      { type: 'status' },
      { type: 'runAction', input: { id: '1' } },
      { type: 'openTranscript', at: -1 }, { type: 'openTranscript', at: '5' },
    ];
    for (const m of invalid) assert.equal(parsePageMessage(m), undefined, JSON.stringify(m)?.slice(0, 80));
  });

  it('restores only a well-formed panel state', () => {
    assert.deepEqual(parsePanelState({ callId: '3091725504466128837' }), { callId: '3091725504466128837' });
    assert.deepEqual(parsePanelState({ callId: '1', query: 'pricing', speakers: [0, 2] }), { callId: '1', query: 'pricing', speakers: [0, 2] });
    for (const bad of [undefined, null, {}, { callId: '' }, { callId: 'abc' }, { callId: 123 }, { callId: '1', x: 1 }, { callId: '1'.repeat(31) }, { callId: '1', query: 5 }, { callId: '1', speakers: [-1] }, { callId: '1', speakers: [0.5] }, { callId: '1', query: 'x'.repeat(1001) }]) {
      assert.equal(parsePanelState(bad), undefined, JSON.stringify(bad));
    }
  });
});
