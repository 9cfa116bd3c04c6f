import * as assert from 'node:assert/strict';
import { addRecent, describeInput, RECENT_LIMIT, recentFor, stableKey, withoutPersonalData, type RecentStore } from '../../../src/results/recent';

const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();

describe('recent runs store', () => {
  it('keeps the newest runs first, per profile, bounded to the limit', () => {
    let store: RecentStore | undefined;
    for (let i = 0; i < 30; i++) store = addRecent(store, 'Work', { actionId: 'users.get', input: { id: String(1000 + i) }, at: at(i) });
    store = addRecent(store, 'Other', { actionId: 'workspaces.list', input: {}, at: at(99) });
    const work = recentFor(store, 'Work');
    assert.equal(RECENT_LIMIT, 20);
    assert.equal(work.length, 20);
    assert.equal(work[0]?.input.id, '1029');
    assert.equal(work[19]?.input.id, '1010');
    assert.equal(recentFor(store, 'Other').length, 1);
    assert.deepEqual(recentFor(store, 'Nobody'), []);
  });

  it('never keeps the email or phone number of a data-privacy run, and drops ones stored before', () => {
    let store = addRecent(undefined, 'P', { actionId: 'users.list', input: {}, at: at(1) });
    for (const [actionId, input] of [
      ['dataPrivacy.eraseEmail', { emailAddress: 'jane.doe@customer.example' }],
      ['dataPrivacy.forEmail', { emailAddress: 'jane.doe@customer.example' }],
      ['dataPrivacy.erasePhone', { phoneNumber: '+14155550100' }],
      ['dataPrivacy.forPhone', { phoneNumber: '+14155550100' }],
    ] as const) store = addRecent(store, 'P', { actionId, input, at: at(2) });
    assert.deepEqual(recentFor(store, 'P').map(r => r.actionId), ['users.list']);
    assert.ok(!JSON.stringify(store).includes('jane.doe') && !JSON.stringify(store).includes('4155550100'));
    const old = { P: [{ actionId: 'dataPrivacy.eraseEmail', input: { emailAddress: 'old@customer.example' }, at: at(0) }, { actionId: 'users.list', input: {}, at: at(1) }] };
    assert.deepEqual(recentFor(old, 'P').map(r => r.actionId), ['users.list'], 'not offered again');
    const cleaned = withoutPersonalData(old);
    assert.ok(cleaned && !JSON.stringify(cleaned).includes('old@customer.example'));
    assert.equal(withoutPersonalData(cleaned), undefined, 'nothing to clean the second time');
  });

  it('moves a repeated run to the top instead of storing it twice (key order does not matter)', () => {
    let store = addRecent(undefined, 'P', { actionId: 'calls.list', input: { a: 1, b: { c: 2, d: 3 } }, at: at(1) });
    store = addRecent(store, 'P', { actionId: 'users.list', input: {}, at: at(2) });
    store = addRecent(store, 'P', { actionId: 'calls.list', input: { b: { d: 3, c: 2 }, a: 1 }, at: at(3) });
    const list = recentFor(store, 'P');
    assert.deepEqual(list.map(r => r.actionId), ['calls.list', 'users.list']);
    assert.equal(list[0]?.at, at(3));
  });

  it('stores only the action, the input and the time: never a response body, and JSON-safe', () => {
    const run = { actionId: 'integrations.get', input: { id: 2271307570613351879n }, at: at(1), response: { secret: 'body' } };
    const store = addRecent(undefined, 'P', run);
    const saved = recentFor(store, 'P')[0];
    assert.ok(saved);
    assert.deepEqual(Object.keys(saved).sort(), ['actionId', 'at', 'input']);
    assert.equal(saved.input.id, '2271307570613351879', 'bigint kept as its exact digits');
    assert.doesNotThrow(() => JSON.stringify(store));
  });

  it('does not change the store it was given', () => {
    const store = addRecent(undefined, 'P', { actionId: 'a', input: {}, at: at(1) });
    const copy = JSON.parse(JSON.stringify(store)) as RecentStore;
    addRecent(store, 'P', { actionId: 'b', input: {}, at: at(2) });
    assert.deepEqual(store, copy);
  });

  it('tolerates malformed stored data', () => {
    assert.deepEqual(recentFor(undefined, 'P'), []);
    assert.deepEqual(recentFor({ P: 'nope' }, 'P'), []);
    assert.deepEqual(recentFor({ P: [{ actionId: 1 }, { actionId: 'ok', input: {}, at: 'x' }] }, 'P').map(r => r.actionId), ['ok']);
  });

  it('describes inputs briefly', () => {
    assert.equal(describeInput({ filter: { fromDateTime: 'a', callIds: ['1', '2'] } }), 'filter.fromDateTime=a, filter.callIds=[2]');
    assert.equal(describeInput({}), '(no input)');
    assert.ok(describeInput({ t: 'x'.repeat(200) }).length <= 90);
    assert.equal(stableKey({ b: 1, a: 2 }), stableKey({ a: 2, b: 1 }));
  });
});
