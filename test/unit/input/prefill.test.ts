import * as assert from 'node:assert/strict';
import { catalog } from '../../../src/catalog/index';
import { contextFields, contextIds, fitContext } from '../../../src/input/prefill';
import { field } from './helpers';

const CALL = '7782342274025937895';

describe('prefill from where a run started', () => {
  it('reads context ids by kind; a bare id is a call id', () => {
    assert.deepEqual(contextIds({ id: CALL }), { call: CALL });
    assert.deepEqual(contextIds({ userId: '123', workspaceId: 456 }), { user: '123', workspace: '456' });
    assert.deepEqual(contextIds({ id: 'not-an-id', title: 'x' }), {});
    assert.deepEqual(contextIds(undefined), {});
  });

  it('fills the id field of that kind, or a one-item list, preferring required fields', () => {
    const fields = [
      field('filter.callIds', 'array', { itemKind: 'id', idKind: 'call' }),
      field('id', 'id', { idKind: 'call', required: true }),
      field('workspaceId', 'id', { idKind: 'workspace' }),
    ];
    assert.deepEqual(fitContext(fields, { call: CALL }), { id: CALL });
    assert.deepEqual(fitContext(fields.slice(0, 1), { call: CALL }), { filter: { callIds: [CALL] } });
    assert.deepEqual(fitContext(fields, { user: '1' }), {}, 'no user field: nothing filled, so the input stays valid');
  });

  it('a call id fits the catalog actions that take a call, exactly', () => {
    const ids = { call: CALL };
    const taking = catalog.actions.filter(a => contextFields(catalog.fields(a), ids).length > 0).map(a => a.id);
    for (const id of ['calls.get', 'calls.extensive', 'calls.transcript', 'calls.usersAccess.get']) assert.ok(taking.includes(id), `${id} takes a call`);
    assert.ok(!taking.includes('users.get'), 'a user action never receives a call id');
    const get = catalog.find('calls.get');
    assert.ok(get);
    const input = fitContext(catalog.fields(get), ids);
    assert.deepEqual(input, { id: CALL });
    assert.ok(catalog.validate(get, input).ok);
    const transcript = catalog.find('calls.transcript');
    assert.ok(transcript);
    assert.deepEqual(fitContext(catalog.fields(transcript), ids), { filter: { callIds: [CALL] } });
  });
});
