import * as assert from 'node:assert/strict';
import { clausesIn, ftsMatch, matchRanges, parseQuery, QueryError, snippet, speakerMatches, tokenize } from '../../../src/search/query';

describe('search query language', () => {
  it('reads words, phrases, OR, NOT, -word, prefix and filters', () => {
    const q = parseQuery('pricing "security questionnaire" fabrikam OR tailspin NOT legal -procure* adopt* speaker:alice side:external from:2026-10-01 to:2026-10-31 workspace:"West Coast"');
    assert.deepEqual(q.clauses, [
      { anyOf: [{ tokens: ['pricing'], prefix: false }] },
      { anyOf: [{ tokens: ['security', 'questionnaire'], prefix: false }] },
      { anyOf: [{ tokens: ['fabrikam'], prefix: false }, { tokens: ['tailspin'], prefix: false }] },
      { anyOf: [{ tokens: ['adopt'], prefix: true }] },
    ]);
    assert.deepEqual(q.not, [{ tokens: ['legal'], prefix: false }, { tokens: ['procure'], prefix: true }]);
    assert.deepEqual(q.speakers, [['alice']]);
    assert.equal(q.side, 'external');
    assert.equal(q.from, Date.UTC(2026, 9, 1));
    assert.equal(q.to, Date.UTC(2026, 10, 1), 'to: includes the whole day');
    assert.deepEqual(q.workspaces, ['West Coast']);
  });

  it('folds case and diacritics the way the index does, and keeps colons that are not filters as text', () => {
    assert.deepEqual(tokenize('Café CRÈME, naïve'), ['cafe', 'creme', 'naive']);
    const q = parseQuery('meet at 10:30');
    assert.deepEqual(q.clauses.map(c => c.anyOf[0]?.tokens), [['meet'], ['at'], ['10', '30']]);
  });

  it('refuses bad input with a message that says what to type', () => {
    const bad: Array<[string, RegExp]> = [
      ['', /Type a word/],
      ['speaker:alice', /at least one word/],
      ['-pricing', /at least one word/],
      ['"open phrase', /closing quote/],
      ['side:partner pricing', /external or company/],
      ['from:2026-13-01 pricing', /YYYY-MM-DD/],
      ['from:2026-10-05 to:2026-10-01 pricing', /after to:/],
      ['OR pricing', /OR goes between/],
      ['pricing OR', /OR goes between/],
      ['pricing NOT', /NOT must be followed/],
      ['speaker: pricing', /needs a value/],
      ['x'.repeat(2001), /too long/],
    ];
    for (const [text, message] of bad) assert.throws(() => parseQuery(text), (e: unknown) => QueryError.is(e) && message.test(e.message), text);
  });

  it('builds one FTS5 expression: clauses in the text columns (one side with side:), speakers, and NOT anywhere in the text', () => {
    const q = parseQuery('"security questionnaire" OR pric* budget speaker:"Ann Lee" side:company -legal');
    assert.equal(ftsMatch(q), '((company : ("security" + "questionnaire" OR "pric" *)) AND (company : ("budget")) AND (speakers : (("ann" * AND "lee" *)))) NOT ({company external other} : ("legal"))');
    assert.equal(ftsMatch(parseQuery('pricing')), '({company external other} : ("pricing"))');
  });

  it('says which clauses a sentence holds', () => {
    const q = parseQuery('pricing "fiscal year" OR budget adopt*');
    assert.equal(clausesIn(q, 'Our fiscal year ends; pricing later.'), 0b011);
    assert.equal(clausesIn(q, 'Adoption of the BUDGET'), 0b110);
    assert.equal(clausesIn(q, 'fiscal, year'), 0b010, 'a phrase across punctuation');
    assert.equal(clausesIn(q, 'Nothing about prices.'), 0);
    assert.equal(clausesIn(parseQuery('creme'), 'Un café Crème'), 0b1, 'folded like the index');
  });

  it('finds and highlights whole words, phrases across punctuation and prefixes, not parts of words', () => {
    const q = parseQuery('"security questionnaire" pric* team');
    const text = 'Send the Security, questionnaire; pricing for the teammates and the team.';
    const ranges = matchRanges(q, text);
    assert.deepEqual(ranges.map(([a, b]) => text.slice(a, b)), ['Security, questionnaire', 'pricing', 'team']);
    assert.deepEqual(matchRanges(q, 'Nothing here about teams.'), []);
    const accent = parseQuery('cafe');
    const t2 = 'Un café crème';
    assert.deepEqual(matchRanges(accent, t2).map(([a, b]) => t2.slice(a, b)), ['café']);
  });

  it('matches speakers by name or email prefixes', () => {
    const q = parseQuery('pricing speaker:ali speaker:"bob jones"');
    assert.equal(speakerMatches(q, 'Alice Martin alice@acme.test'), true);
    assert.equal(speakerMatches(q, 'Jones Bob'), true);
    assert.equal(speakerMatches(q, 'Carol Bob'), false);
  });

  it('shortens long sentences around the first match and shifts the highlight', () => {
    const long = `${'lorem ipsum '.repeat(30)}the pricing question ${'dolor sit '.repeat(30)}`;
    const q = parseQuery('pricing');
    const s = snippet(long, matchRanges(q, long), 80);
    assert.ok(s.text.length <= 82, `snippet length ${s.text.length}`);
    assert.ok(s.text.startsWith('…') && s.text.endsWith('…'));
    const [a, b] = s.ranges[0]!;
    assert.equal(s.text.slice(a, b), 'pricing');
  });
});
