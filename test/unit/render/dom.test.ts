import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { buildCallDetails } from '../../../src/render/callDetails';
import { buildTranscript } from '../../../src/render/transcript';
import { HOSTILE_LIST, HOSTILE_SAMPLES } from '../../../src/localGong/text';
import { buildPages, chromiumAvailable, launch, openPage, postToPage, waitForStatus } from './pageHarness';

// Every text field of both pages carries the local Gong's hostile strings; a real browser loads the
// built bundles behind a strict CSP and we check that nothing ran, no markup came alive, and the
// text is on screen literally.
const ONE_MB = `${'lorem ipsum '.repeat(87_382)}END-OF-HUGE-SENTENCE`;
const hostileText = HOSTILE_LIST.join(' ');

const call = {
  metaData: { id: '7000000000000000001', title: `Renewal ${HOSTILE_SAMPLES.scriptTag} ${HOSTILE_SAMPLES.rtlOverride}`, url: 'javascript:alert(1)', started: '2025-05-06T10:01:38.204-07:00', duration: 600, system: HOSTILE_SAMPLES.imgOnerror },
  parties: [
    { id: '1', name: HOSTILE_SAMPLES.imgOnerror, title: HOSTILE_SAMPLES.styleTag, emailAddress: 'a@b.example', speakerId: 'sp1', affiliation: 'Internal' },
    { id: '2', name: HOSTILE_SAMPLES.rtlOverride, title: HOSTILE_SAMPLES.svgOnload, speakerId: 'sp2', affiliation: 'External' },
  ],
  content: {
    brief: hostileText,
    keyPoints: HOSTILE_LIST.map(text => ({ text })),
    highlights: [{ title: 'Next steps', items: [{ text: HOSTILE_SAMPLES.markdownLink, startTimes: [10] }] }, { title: HOSTILE_SAMPLES.iframe, items: [{ text: HOSTILE_SAMPLES.markdownImage, startTimes: [20] }] }],
    outline: [{ section: HOSTILE_SAMPLES.scriptTag, startTime: 1, duration: 30, items: [{ text: HOSTILE_SAMPLES.javascriptLink, startTime: 2 }] }],
    topics: [{ name: HOSTILE_SAMPLES.svgOnload, duration: 30 }],
    trackers: [{ name: HOSTILE_SAMPLES.imgOnerror, count: 1, type: 'KEYWORD', occurrences: [{ startTime: 12, speakerId: 'sp2' }], phrases: [{ phrase: HOSTILE_SAMPLES.scriptTag, count: 1, occurrences: [{ startTime: 12, speakerId: 'sp2' }] }] }],
    callOutcome: { name: HOSTILE_SAMPLES.dataLink, category: 'Answered' },
  },
  context: [{ system: 'Salesforce', objects: [{ objectType: 'Account', objectId: '001', fields: [{ name: HOSTILE_SAMPLES.iframe, value: HOSTILE_SAMPLES.templateInjection }] }] }],
  collaboration: { publicComments: [{ id: '9', commenterUserId: '1', comment: `${HOSTILE_SAMPLES.javascriptLink} ${HOSTILE_SAMPLES.htmlEntities} [ok](https://app.gong.io/x) [elsewhere](https://gong.example/x)`, posted: '2025-05-06T15:44:09-07:00', audioStartTime: 5, duringCall: false }] },
};

const transcript = {
  callId: '7000000000000000001',
  transcript: [
    ...HOSTILE_LIST.map((text, i) => ({ speakerId: i % 2 ? 'sp2' : 'sp1', topic: i === 0 ? HOSTILE_SAMPLES.scriptTag : HOSTILE_SAMPLES.styleTag, sentences: [{ start: i * 1000, end: i * 1000 + 900, text }] })),
    { speakerId: 'unmatched', topic: null, sentences: [{ start: 60_000, end: 70_000, text: ONE_MB }] },
  ],
};

interface PageWindow { __pwned?: string; __violations: string[]; __posted: Array<{ type: string }> }

async function checkInert(page: Page, outside: string[]): Promise<void> {
  await page.waitForTimeout(300); // give any onerror/onload a chance to fire
  const report = await page.evaluate(() => {
    const w = window as unknown as PageWindow;
    const root = document.getElementById('root') as HTMLElement;
    return {
      pwned: w.__pwned ?? null,
      violations: w.__violations,
      live: root.querySelectorAll('img, script, iframe, svg, style, object, embed, link, meta, form, base').length,
      hrefs: [...root.querySelectorAll('a')].map(a => a.getAttribute('href') ?? ''),
      handlers: [...root.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on') || a.name === 'style')).length,
      headChildren: document.head.children.length,
    };
  });
  assert.equal(report.pwned, null, 'no script ran');
  assert.deepEqual(report.violations, [], 'nothing tried to break the CSP');
  assert.equal(report.live, 0, 'no active element was created from text');
  assert.equal(report.handlers, 0, 'no inline handler or style attribute');
  for (const href of report.hrefs) assert.match(href, /^https?:\/\//, `link ${href}`);
  assert.deepEqual(outside, [], 'the page fetched nothing outside its own files');
}

describe('pages in a real browser (hostile content)', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let pages: { dir: string; cleanup(): void } | undefined;

  before(function () {
    if (!chromiumAvailable()) {
      // No browser here (a direct run before the runtime is installed). npm test installs or finds one first
      // and fails on this skip: it is not on the allow-list in scripts/test.mjs.
      this.skip();
    }
  });
  before(async function () {
    if (!chromiumAvailable()) return;
    pages = buildPages();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    pages?.cleanup();
  });

  it('call details: hostile text is shown literally and runs nothing', async () => {
    const { page, outside } = await openPage(browser as Browser, (pages as { dir: string }).dir, 'callDetails');
    // Signed out first: the page offers Sign In and Retry, and already keeps its call for a reload.
    await postToPage(page, { type: 'error', message: 'Sign in to Gong to see this call.', signIn: true, callId: '7000000000000000001' });
    await page.locator('#root button', { hasText: 'Sign In' }).click();
    const early = await page.evaluate(() => ({ state: (window as unknown as { __getState(): unknown }).__getState(), posted: (window as unknown as PageWindow).__posted.map(m => m.type), buttons: [...document.querySelectorAll('#root button')].map(b => b.textContent) }));
    assert.deepEqual(early.state, { callId: '7000000000000000001' });
    assert.deepEqual(early.buttons, ['Sign In', 'Retry']);
    assert.ok(early.posted.includes('signIn'));

    const model = buildCallDetails(call);
    assert.equal(model.url, undefined, 'a javascript: call url is dropped by the host');
    await postToPage(page, { type: 'callDetails', model });
    await waitForStatus(page, st => Number(st['total']) > 0);
    await checkInert(page, outside);
    const text = await page.evaluate(() => (document.getElementById('root') as HTMLElement).innerText);
    for (const sample of [HOSTILE_SAMPLES.scriptTag, HOSTILE_SAMPLES.imgOnerror, HOSTILE_SAMPLES.iframe, HOSTILE_SAMPLES.styleTag, HOSTILE_SAMPLES.templateInjection]) {
      assert.ok(text.includes(sample), `visible literally: ${sample}`);
    }
    assert.ok(text.includes('AT&T'), 'entities decoded once, shown as text');
    assert.ok(text.includes('[RLO]'), 'the right-to-left override is shown as a visible marker');
    const bidi = await page.evaluate(() => document.querySelectorAll('#root bdi').length);
    assert.ok(bidi > 10, 'Gong text is isolated in <bdi>');
    const buttons = await page.evaluate(() => [...document.querySelectorAll('#root .toolbar button')].map(b => b.textContent));
    assert.ok(!buttons.includes('Open in Gong'), 'no Open in Gong for an unsafe url');
    const links = await page.evaluate(() => [...document.querySelectorAll('#root a')].map(a => a.getAttribute('href')));
    assert.deepEqual(links, ['https://app.gong.io/x'], 'only an https link to Gong is a link');
    assert.ok(text.includes('elsewhere (https://gong.example/x)'), 'a link elsewhere is shown as text');
    // Clicking a button posts a message the host can validate.
    await page.click('text=Copy ID');
    const posted = await page.evaluate(() => (window as unknown as PageWindow).__posted.map(m => m.type));
    assert.ok(posted.includes('copyId'));
    // A tracker hit's time opens the transcript there (12 s into the call).
    await page.locator('#root .tracker button.time').first().click();
    const last = await page.evaluate(() => (window as unknown as PageWindow).__posted.slice(-1)[0]);
    assert.deepEqual(last, { type: 'openTranscript', at: 12_000 });
    await page.close();
  });

  it('call details: a megabyte without a space is clamped and broken into short runs', async () => {
    const { page, outside } = await openPage(browser as Browser, (pages as { dir: string }).dir, 'callDetails');
    const unbroken = `${'x'.repeat(1_000_000)}END`;
    const model = buildCallDetails({ ...call, metaData: { ...call.metaData, title: 'y'.repeat(250) }, content: { ...call.content, brief: unbroken } });
    await postToPage(page, { type: 'callDetails', model });
    await waitForStatus(page, st => Number(st['total']) > 0);
    await checkInert(page, outside);
    const longestRun = () => page.evaluate(() => {
      const walker = document.createTreeWalker(document.getElementById('root') as HTMLElement, NodeFilter.SHOW_TEXT);
      let longest = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) for (const w of (n.textContent ?? '').split(/\s/)) longest = Math.max(longest, w.length);
      return longest;
    });
    assert.ok(await longestRun() <= 100, 'no text node holds a run over 100 characters');
    assert.equal(await page.evaluate(() => document.querySelectorAll('#root h1 wbr').length), 2, 'the 250-character title gets two break opportunities');
    const before = await page.evaluate(() => (document.getElementById('root') as HTMLElement).textContent ?? '');
    assert.ok(!before.includes('xEND') && before.length < 50_000, 'the brief starts clamped');
    await page.locator('#root button.show-all').click();
    const after = await page.evaluate(() => ({ text: (document.getElementById('root') as HTMLElement).textContent ?? '', wbr: document.querySelectorAll('#root wbr').length }));
    assert.ok(after.text.includes(`${'x'.repeat(3)}END`), 'Show all shows the whole field');
    assert.ok(after.wbr >= 10_000, `a break opportunity every 100 characters (${after.wbr})`);
    assert.ok(await longestRun() <= 100);
    await page.close();
  });

  it('transcript: hostile sentences, a one-megabyte sentence, search and speaker filter', async () => {
    const { page, outside } = await openPage(browser as Browser, (pages as { dir: string }).dir, 'transcript');
    const model = buildTranscript(transcript, call);
    assert.equal(model.speakers[2]?.name, 'Speaker 1', 'an unmatched speaker id becomes "Speaker 1"');
    await postToPage(page, { type: 'transcript', model });
    const done = await waitForStatus(page, st => st['fullRenderMs'] !== undefined);
    assert.equal(done['rendered'], model.monologues.length);
    await checkInert(page, outside);
    const text = await page.evaluate(() => (document.getElementById('root') as HTMLElement).textContent ?? '');
    for (const sample of [HOSTILE_SAMPLES.scriptTag, HOSTILE_SAMPLES.imgOnerror, HOSTILE_SAMPLES.svgOnload, HOSTILE_SAMPLES.javascriptLink, HOSTILE_SAMPLES.markdownImage, HOSTILE_SAMPLES.htmlEntities]) {
      assert.ok(text.includes(sample), `visible literally: ${sample}`);
    }
    assert.ok(!text.includes('END-OF-HUGE-SENTENCE') && text.length < 100_000, 'the megabyte sentence starts clamped');
    const showAll = page.locator('#root button.show-all');
    assert.equal(await showAll.count(), 1);
    assert.match(await showAll.textContent() ?? '', /Show all 1,048,604 characters/);
    await showAll.click();
    const full = await page.evaluate(() => (document.getElementById('root') as HTMLElement).textContent ?? '');
    assert.ok(full.includes('END-OF-HUGE-SENTENCE') && full.length > 1_000_000, 'Show all shows the megabyte sentence in full');
    assert.ok(!text.includes('sp1') && !text.includes('unmatched'), 'no bare speaker ids');

    // Topic sections can be jumped to; their labels are plain text.
    const topicSelect = page.locator('#root select[aria-label="Jump to a topic"]');
    const labels = await topicSelect.locator('option').allTextContents();
    assert.deepEqual(labels.slice(1).map(l => l.replace(/^\S+\s+/, '')), [HOSTILE_SAMPLES.scriptTag, HOSTILE_SAMPLES.styleTag]);
    await topicSelect.selectOption('1');
    const flashed = await page.evaluate(() => document.querySelector('#root span.s.flash')?.closest('article')?.getAttribute('data-m'));
    assert.equal(flashed, '1', 'the second topic starts at the second monologue');

    await postToPage(page, { type: 'find', query: '<script>' });
    const found = await waitForStatus(page, st => st['query'] === '<script>');
    // Literal "<script>" occurs in the scriptTag, topic-free sentences only (the topic headings are not searched).
    const expected = model.monologues.reduce((n, m) => n + m.sentences.reduce((k, s) => k + (s.text.toLowerCase().split('<script>').length - 1), 0), 0);
    assert.equal(found['matches'], expected);
    assert.ok(expected > 0);
    const marks = await page.evaluate(() => ({ all: document.querySelectorAll('#root mark.match').length, current: document.querySelectorAll('#root mark.current').length, text: document.querySelector('#root mark.current')?.textContent }));
    assert.equal(marks.all, expected);
    assert.equal(marks.current, 1);
    assert.equal(marks.text?.toLowerCase(), '<script>');
    await checkInert(page, outside);

    // Every word of the megabyte sentence matches: all are counted, a bounded number highlighted.
    await postToPage(page, { type: 'find', query: 'lorem' });
    const many = await waitForStatus(page, st => st['query'] === 'lorem', 30_000);
    assert.equal(many['matches'], 87_382);
    assert.equal(await page.evaluate(() => document.querySelectorAll('#root mark.match').length), 20_000);
    await postToPage(page, { type: 'find', query: '<script>' });
    await waitForStatus(page, st => st['query'] === '<script>' && st['matches'] === expected);

    await postToPage(page, { type: 'filterSpeakers', speakers: [1] });
    const filtered = await waitForStatus(page, st => Array.isArray(st['speakers']) && st['speakers'].length === 1);
    const ofSpeaker = model.monologues.filter(m => m.speaker === 1).length;
    assert.equal(filtered['visibleMonologues'], ofSpeaker);
    const shown = await page.evaluate(() => document.querySelectorAll('#root article.mono:not([hidden])').length);
    assert.equal(shown, ofSpeaker);

    const saved = await page.evaluate(() => (window as unknown as { __getState(): unknown }).__getState());
    assert.deepEqual(saved, { callId: model.callId, query: '<script>', speakers: [1] }, 'the page keeps its search and filter in its state');

    await postToPage(page, { type: 'find', query: '' });
    await waitForStatus(page, st => st['query'] === undefined && Array.isArray(st['speakers']));
    assert.equal(await page.evaluate(() => document.querySelectorAll('#root mark').length), 0, 'clearing the search removes every highlight');
    await page.close();
  });

  it('transcript: a page shown again restores its search and speaker filter from its state', async () => {
    const { page } = await openPage(browser as Browser, (pages as { dir: string }).dir, 'transcript');
    const model = buildTranscript(transcript, call);
    await page.evaluate(id => (window as unknown as { __setState(s: unknown): void }).__setState({ callId: id, query: 'gong-xss', speakers: [0, 99] }), model.callId);
    await postToPage(page, { type: 'transcript', model });
    const st = await waitForStatus(page, s => s['query'] === 'gong-xss');
    assert.deepEqual(st['speakers'], [0], 'an out-of-range speaker index from old state is dropped');
    assert.ok(Number(st['matches']) > 0);
    assert.equal(await page.evaluate(() => (document.querySelector('#root input.search') as HTMLInputElement).value), 'gong-xss');
    // State saved for another call is ignored.
    await page.evaluate(() => (window as unknown as { __setState(s: unknown): void }).__setState({ callId: '1', query: 'zzz' }));
    await postToPage(page, { type: 'transcript', model });
    const fresh = await waitForStatus(page, s => s['query'] === undefined && s['speakers'] === undefined && s['fullRenderMs'] !== undefined);
    assert.equal(fresh['visibleMonologues'], model.monologues.length);
    await page.close();
  });
});
