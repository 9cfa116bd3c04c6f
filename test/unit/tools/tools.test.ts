/** The pure tool module: schemas from zod, budgets that say what they cut, confirmations of writes. */
import * as assert from 'node:assert/strict';
import { catalog } from '../../../src/catalog/index';
import { actionConfirmation, actionAnswerText, decodeCursor, encodeCursor, fitLines, gongTools, jsonSchemaOf, transcriptText } from '../../../src/tools/index';

describe('tools (pure)', () => {
  it('gives every tool and catalog action a plain JSON Schema object without catalog metadata', () => {
    for (const s of [...gongTools.map(t => t.input), ...catalog.actions.map(a => a.input)]) {
      const schema = jsonSchemaOf(s);
      assert.equal(schema.type, 'object');
      assert.equal(schema.$schema, undefined);
      const text = JSON.stringify(schema);
      assert.ok(!/gongKind|idKind|itemKind/.test(text), text.slice(0, 200));
    }
    const list = jsonSchemaOf(catalog.find('calls.list')!.input) as { properties: Record<string, Record<string, unknown>>; required: string[] };
    // Without dates Gong lists every call, so neither date is required.
    assert.deepEqual(list.required ?? [], []);
    const get = jsonSchemaOf(catalog.find('calls.get')!.input) as { required: string[] };
    assert.deepEqual(get.required, ['id']);
    assert.equal(list.properties.fromDateTime?.format, 'date-time');
    assert.equal(list.properties.fromDateTime?.pattern, undefined);
  });

  it('names tools uniquely in the form VS Code and MCP accept, with a cost in every description', () => {
    const names = gongTools.map(t => t.name);
    assert.equal(new Set(names).size, names.length);
    for (const t of gongTools) {
      assert.match(t.name, /^[\w-]{1,64}$/);
      assert.equal(t.referenceName, t.name);
      assert.match(t.description, /Cost: /, t.name);
    }
  });

  it('keeps whole lines within the budget', () => {
    const fit = fitLines(['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)], 85);
    assert.equal(fit.kept, 2);
    assert.ok(fit.text.length <= 85);
    const one = fitLines(['x'.repeat(5000)], 1000);
    assert.equal(one.kept, 1);
    assert.ok(one.text.length <= 1000 && /more characters/.test(one.text));
  });

  it('cuts a transcript at the budget and names the time range left out and where to resume', () => {
    const monologues = Array.from({ length: 400 }, (_, i) => ({ speakerId: i % 2 ? 's1' : 's2', topic: i % 50 === 0 ? `Topic ${i}` : null, sentences: [{ start: i * 15_000, end: i * 15_000 + 14_000, text: `Sentence number ${i} of the call, with some words in it.` }] }));
    const t = { callId: '1234567890123456789', transcript: monologues };
    const text = transcriptText(t, undefined, 0, 4000);
    assert.ok(text.length <= 4000, String(text.length));
    const m = /left out (\S+) to (\S+) .*fromSeconds (\d+(?:\.\d+)?)/.exec(text);
    assert.ok(m, text.slice(-300));
    assert.equal(m[2], '1:39:59');
    const resumed = transcriptText(t, undefined, Number(m[3]), 4000);
    assert.ok(resumed.includes(`[${m[1]}]`), 'the next part starts at the first line left out');
    const whole = transcriptText(t, undefined, 0, 200_000);
    assert.match(whole, /\[End of transcript\.\]$/);
  });

  it('cuts a long list answer with the records left out, the skip and the next cursor', () => {
    const a = catalog.find('users.list')!;
    const data = { requestId: 'r1', records: { totalRecords: 300, currentPageSize: 100, currentPageNumber: 0, cursor: 'NEXT' }, users: Array.from({ length: 100 }, (_, i) => ({ id: `${9_000_000_000_000_000_000n + BigInt(i)}`, emailAddress: `u${i}@example.com` })) };
    const text = actionAnswerText(a, data, 0, 2000);
    assert.ok(text.length <= 2000, String(text.length));
    assert.match(text, /Left out: records \d+ to 100 of this page .* skip \d+/);
    assert.match(text, /cursor "NEXT"/);
    assert.ok(text.includes('"9000000000000000000"'));
  });

  it('asks to confirm writes, with the retyped target for destroying actions, and nothing for reads', () => {
    assert.equal(actionConfirmation(catalog.find('users.list')!, {}), undefined);
    const del = actionConfirmation(catalog.find('meetings.delete')!, { meetingId: '42' });
    assert.ok(del);
    assert.match(del.title, /Destroy data/);
    assert.match(del.message, /cannot be undone/);
    assert.deepEqual(del.retype, { field: 'meetingId', value: '42' });
    const create = actionConfirmation(catalog.find('crm.registerIntegration')!, { name: 'X', ownerEmail: 'a@b.co' });
    assert.ok(create && create.retype === undefined);
    const run = gongTools.find(t => t.name === 'gong_run_action')!;
    assert.equal(run.confirmation({ action: 'users.list', input: {} }), undefined);
    assert.deepEqual(run.confirmation({ action: 'meetings.delete', input: { meetingId: '42', organizerEmail: 'a@b.co' } })?.retype, { field: 'meetingId', value: '42' });
  });

  it('round-trips its cursors and refuses foreign ones', () => {
    assert.deepEqual(decodeCursor(encodeCursor({ page: 'abc', skip: 7 })), { page: 'abc', skip: 7 });
    assert.deepEqual(decodeCursor(undefined), { page: undefined, skip: 0 });
    assert.throws(() => decodeCursor('%%%'), /cursor/);
  });
});
