import * as assert from 'node:assert/strict';
import { exportFileName, exportTranscript, exportTranscripts, toJson, toMarkdown, toPlainText, toSrt, toVtt } from '../../../src/render/exporters';
import { buildTranscript } from '../../../src/render/transcript';
import { clock, srtTime, vttTime, duration } from '../../../src/render/format';
import type { TranscriptModel } from '../../../src/shared/models';

// A small hand-made call: two named parties, one speaker Gong could not match, a topic change, a
// timestamp past the hour, and text that means something in Markdown and WebVTT.
const call = {
  metaData: { id: '1234567890123456789', title: 'Acme <> Globex | Demo', started: '2025-03-04T09:30:00-08:00', url: 'https://app.gong.io/call?id=1234567890123456789' },
  parties: [
    { id: '1', name: 'Ana Ruiz', speakerId: 'S-ana', affiliation: 'Internal', title: 'AE' },
    { id: '2', name: 'Bo Chen', speakerId: 'S-bo', affiliation: 'External' },
  ],
};
const transcript = {
  callId: '1234567890123456789',
  transcript: [
    { speakerId: 'S-ana', topic: 'Intro', sentences: [{ start: 1500, end: 3250, text: 'Hello *everyone*.' }, { start: 3300, end: 5000, text: 'Shall we start?' }] },
    { speakerId: 'S-bo', topic: 'Intro', sentences: [{ start: 5200, end: 7000, text: 'Yes, a <b>quick</b> one & done --> ok' }] },
    { speakerId: 'S-x', topic: 'Pricing', sentences: [{ start: 3_723_004, end: 3_725_100, text: 'Line one\nline two' }] },
  ],
};

describe('transcript exporters', () => {
  let m: TranscriptModel;
  before(() => { m = buildTranscript(transcript, call); });

  it('formats clock, SRT and WebVTT times', () => {
    assert.equal(clock(0), '0:00');
    assert.equal(clock(59_999), '0:59');
    assert.equal(clock(61_000), '1:01');
    assert.equal(clock(3_723_004), '1:02:03');
    assert.equal(srtTime(3_723_004), '01:02:03,004');
    assert.equal(vttTime(5_200), '00:00:05.200');
    assert.equal(duration(2714), '45m 14s');
    assert.equal(duration(3900), '1h 05m');
  });

  it('names speakers from parties and numbers the unknown ones', () => {
    assert.deepEqual(m.speakers.map(s => [s.name, s.affiliation]), [['Ana Ruiz', 'company'], ['Bo Chen', 'external'], ['Speaker 1', 'unknown']]);
  });

  it('Markdown', () => {
    assert.equal(toMarkdown(m), [
      '# Acme \\<\\> Globex \\| Demo',
      '',
      'Started: 2025-03-04 09:30 (-08:00)',
      '',
      '<https://app.gong.io/call?id=1234567890123456789>',
      '',
      '## Intro',
      '',
      '**Ana Ruiz** [0:01]',
      'Hello \\*everyone\\*. Shall we start?',
      '',
      '**Bo Chen** [0:05]',
      'Yes, a \\<b\\>quick\\</b\\> one \\& done --\\> ok',
      '',
      '## Pricing',
      '',
      '**Speaker 1** [1:02:03]',
      'Line one line two',
      '',
    ].join('\n'));
  });

  it('plain text', () => {
    assert.equal(toPlainText(m), [
      'Acme <> Globex | Demo',
      'Started: 2025-03-04 09:30 (-08:00)',
      'https://app.gong.io/call?id=1234567890123456789',
      '',
      '--- Intro ---',
      '',
      '[0:01] Ana Ruiz: Hello *everyone*. Shall we start?',
      '[0:05] Bo Chen: Yes, a <b>quick</b> one & done --> ok',
      '',
      '--- Pricing ---',
      '',
      '[1:02:03] Speaker 1: Line one line two',
      '',
    ].join('\n'));
  });

  it('SRT', () => {
    assert.equal(toSrt(m), [
      '1', '00:00:01,500 --> 00:00:03,250', 'Ana Ruiz: Hello *everyone*.', '',
      '2', '00:00:03,300 --> 00:00:05,000', 'Ana Ruiz: Shall we start?', '',
      '3', '00:00:05,200 --> 00:00:07,000', 'Bo Chen: Yes, a <b>quick</b> one & done -> ok', '',
      '4', '01:02:03,004 --> 01:02:05,100', 'Speaker 1: Line one line two', '',
    ].join('\n'));
  });

  it('WebVTT', () => {
    assert.equal(toVtt(m), [
      'WEBVTT', '',
      '1', '00:00:01.500 --> 00:00:03.250', '<v Ana Ruiz>Hello *everyone*.', '',
      '2', '00:00:03.300 --> 00:00:05.000', '<v Ana Ruiz>Shall we start?', '',
      '3', '00:00:05.200 --> 00:00:07.000', '<v Bo Chen>Yes, a &lt;b&gt;quick&lt;/b&gt; one &amp; done --&gt; ok', '',
      '4', '01:02:03.004 --> 01:02:05.100', '<v Speaker 1>Line one\u0020line two', '',
    ].join('\n'));
  });

  it('JSON', () => {
    const doc = JSON.parse(toJson(m)) as Record<string, unknown>;
    assert.deepEqual(doc, {
      callId: '1234567890123456789',
      title: 'Acme <> Globex | Demo',
      url: 'https://app.gong.io/call?id=1234567890123456789',
      started: '2025-03-04 09:30 (-08:00)',
      speakers: [{ name: 'Ana Ruiz', affiliation: 'company', title: 'AE' }, { name: 'Bo Chen', affiliation: 'external' }, { name: 'Speaker 1', affiliation: 'unknown' }],
      monologues: [
        { speaker: 'Ana Ruiz', topic: 'Intro', start: 1500, end: 5000, sentences: [{ start: 1500, end: 3250, text: 'Hello *everyone*.' }, { start: 3300, end: 5000, text: 'Shall we start?' }] },
        { speaker: 'Bo Chen', topic: 'Intro', start: 5200, end: 7000, sentences: [{ start: 5200, end: 7000, text: 'Yes, a <b>quick</b> one & done --> ok' }] },
        { speaker: 'Speaker 1', topic: 'Pricing', start: 3_723_004, end: 3_725_100, sentences: [{ start: 3_723_004, end: 3_725_100, text: 'Line one\nline two' }] },
      ],
    });
    assert.ok(!toJson(m).includes('S-ana'), 'no internal speaker ids in the export');
    assert.ok(toJson(m).endsWith('}\n'));
  });

  it('dispatches by format and names files safely', () => {
    assert.equal(exportTranscript(m, 'srt'), toSrt(m));
    assert.equal(exportTranscript(m, 'vtt'), toVtt(m));
    assert.equal(exportFileName(m, 'vtt'), 'Acme Globex Demo.vtt');
    assert.equal(exportFileName({ ...m, title: '\u202Eexe.txt' }, 'text'), 'exe.txt.txt');
    assert.equal(exportFileName({ ...m, title: '///' }, 'json'), 'call-1234567890123456789.json');
  });

  it('neutralises direction controls, links only Gong and escapes what Markdown reads', () => {
    const spoof: TranscriptModel = { ...m, title: '\u202eevil.exe\u202c reversed &amp; [x](https://evil.example)', url: 'https://app.gong.io.evil.example/call' };
    const md = toMarkdown(spoof);
    assert.ok(!/[\u202a-\u202e\u2066-\u2069]/.test(md), 'no raw direction control in Markdown');
    assert.match(md, /^# \\\[RLO\\\]evil\.exe\\\[PDF\\\] reversed \\&amp; \\\[x\\\]\\\(`https:\/\/evil\.example\)`\n/);
    assert.ok(!md.includes('evil.example/call'), 'a link outside Gong is not exported');
    const text = toPlainText(spoof);
    assert.ok(text.startsWith('[RLO]evil.exe[PDF] reversed'), text.slice(0, 40));
    assert.ok(!text.includes('app.gong.io.evil.example'));
    assert.ok(!/[\u202a-\u202e]/.test(toSrt({ ...m, speakers: m.speakers.map(sp => ({ ...sp, name: `\u202e${sp.name}` })) })));
    assert.equal((JSON.parse(toJson(spoof)) as Record<string, unknown>)['url'], undefined);
  });

  it('puts several transcripts in one file', () => {
    const other: TranscriptModel = { ...m, callId: '2', title: 'Second', url: undefined, started: undefined, monologues: m.monologues.slice(0, 1) };
    delete other.url; delete other.started;
    assert.equal(exportTranscripts([m, other], 'markdown'), `${toMarkdown(m)}\n---\n\n# Second\n\n## Intro\n\n**Ana Ruiz** [0:01]\nHello \\*everyone\\*. Shall we start?\n`);
    assert.equal(exportTranscripts([m, other], 'text'), `${toPlainText(m)}\n${'='.repeat(72)}\n\nSecond\n\n--- Intro ---\n\n[0:01] Ana Ruiz: Hello *everyone*. Shall we start?\n`);
    const docs = JSON.parse(exportTranscripts([m, other], 'json')) as Array<Record<string, unknown>>;
    assert.deepEqual(docs.map(d => d['callId']), ['1234567890123456789', '2']);
    assert.deepEqual(docs[0], JSON.parse(toJson(m)));
  });
});
