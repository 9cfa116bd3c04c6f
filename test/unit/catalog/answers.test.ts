/** The Markdown documents of rich answers: Gong's generated text kept as Markdown but inert, data escaped. */
import * as assert from 'node:assert/strict';
import { askEntityMarkdown, briefMarkdown, escapeMarkdown, safeMarkdown } from '../../../src/catalog/answers';

describe('rich answers as Markdown', () => {
  it('keeps Gong\'s Markdown (emphasis, lists, web links) and makes HTML, images and script links inert', () => {
    assert.equal(safeMarkdown('**Budget** is [approved](https://example.com/a)'), '**Budget** is [approved](https://example.com/a)');
    assert.equal(safeMarkdown('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert(1)>');
    assert.equal(safeMarkdown('see ![pixel](https://tracker.example/p.gif)'), 'see pixel');
    assert.equal(safeMarkdown('[click](javascript:alert(1))'), 'click');
    assert.equal(safeMarkdown('[data](data:text/html;base64,xx)'), 'data');
    assert.equal(safeMarkdown('a & b'), 'a &amp; b');
  });

  it('escapes data: a call title cannot become a link or a heading', () => {
    assert.equal(escapeMarkdown('[x](javascript:y)'), '\\[x\\]\\(javascript:y\\)');
    assert.equal(escapeMarkdown('# Big\nline'), '\\# Big line');
  });

  it('an answer: the question as heading, the counts, each item, then its calls (web links only) and emails', () => {
    const md = askEntityMarkdown({
      numOfCallsSearched: 3, numOfEmailsSearched: 2,
      answer: [{
        answerItems: ['In short: **pricing** is the risk.', '- Budget approved'],
        callFindings: [
          { call: { id: '1', title: 'Demo [with](javascript:x) *Contoso*', started: '2025-05-01T10:00:00-07:00', url: 'https://app.gong.io/call?id=1' } },
          { call: { id: '2', title: 'Bad url', url: 'javascript:alert(1)' } },
        ],
        emailFindings: [{ emails: [{ id: '9', title: 'Re: pricing', sentDateTime: '2025-05-02T10:00:00Z' }] }],
      }],
    }, { question: 'What are the risks?', crmEntityType: 'ACCOUNT', crmEntityId: '001ABC' }) ?? '';
    const lines = md.split('\n');
    assert.equal(lines[0], '# What are the risks?'.replace('?', '?'));
    assert.match(md, /About ACCOUNT 001ABC\. _Searched 3 calls and 2 emails\._/);
    assert.match(md, /In short: \*\*pricing\*\* is the risk\./);
    assert.match(md, /- \[Demo \\\[with\\\]\\\(javascript:x\\\) \\\*Contoso\\\*\]\(<https:\/\/app\.gong\.io\/call\?id=1>\) \(2025\\-05\\-01T10:00:00\\-07:00\)/);
    assert.match(md, /- Bad url\n/, 'a call whose url is not http(s) is listed without a link');
    assert.match(md, /\*\*From emails\*\*\n\n- Re: pricing/);
    assert.ok(!/\]\(javascript:/.test(md));
  });

  it('no answer says so; a brief has a heading per section and its web findings', () => {
    assert.match(askEntityMarkdown({ numOfCallsSearched: 0, answer: [] }, {}) ?? '', /found no answer/);
    const md = briefMarkdown({ numOfCallsSearched: 1, briefSections: [
      { title: 'Summary', sectionSummary: ['Renewal <b>at risk</b>'], conversationFindings: { callFindings: [{ call: { title: 'QBR', url: 'https://app.gong.io/call?id=5' } }] } },
      { title: 'News', webFindings: [{ domain: 'contoso.example', title: 'Contoso expands', url: 'https://www.contoso.example/n' }] },
    ] }, { briefName: 'Account overview' }) ?? '';
    assert.match(md, /^# Account overview\n/);
    assert.match(md, /## Summary\n\nRenewal &lt;b>at risk&lt;\/b>/);
    assert.match(md, /## News[\s\S]*\*\*From the web\*\*\n\n- \[Contoso expands\]\(<https:\/\/www\.contoso\.example\/n>\)/);
    assert.equal(askEntityMarkdown('not an object', {}), undefined);
  });
});
