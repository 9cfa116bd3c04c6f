/** The contract validator itself: it must fail on what the document forbids and pass the listed corrections. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIVE_FIELDS, operationsOf, responseSchema, validate } from './openapi';
import type { OpenApiDoc } from './openapi';
import { REFERENCE_DIR } from '../reference';

const DOC = JSON.parse(readFileSync(join(REFERENCE_DIR, 'gong-api', 'gong-openapi.json'), 'utf8')) as OpenApiDoc;

function check(method: string, path: string, body: unknown, status = 200): string[] {
  const schema = responseSchema(DOC, method, path, status);
  assert.ok(schema, `${method} ${path} ${status} is documented`);
  return validate(DOC, schema, body, '$', [], LIVE_FIELDS[`${method} ${path}`]);
}

const CALL = { id: '7782342274025937895', url: 'https://app.gong.io/call?id=1', title: 'Intro', scheduled: '2024-05-01T10:00:00-07:00', started: '2024-05-01T10:01:00-07:00', duration: 460, primaryUserId: '234599484848423', direction: 'Outbound', system: 'Zoom', scope: 'External', media: 'Video', language: 'eng', workspaceId: '623457276584334', isPrivate: false };

describe('OpenAPI contract validator', () => {
  it('reads the 67 operations of the document', () => {
    assert.equal(operationsOf(DOC).length, 67);
  });
  it('passes a conforming answer, with ids as digit strings and empty fields as null', () => {
    assert.deepEqual(check('GET', '/v2/calls/{id}', { requestId: 'r', call: { ...CALL, purpose: null, meetingUrl: null } }), []);
  });
  it('reports a wrong type, an enum value the document does not list, a bad date-time and an undeclared field', () => {
    const errors = check('GET', '/v2/calls/{id}', { requestId: 'r', call: { ...CALL, duration: 'long', direction: 'Sideways', started: 'yesterday', colour: 'red' } });
    assert.equal(errors.length, 4, errors.join('\n'));
    assert.ok(errors.some(e => e.includes('$.call.duration: expected an integer')));
    assert.ok(errors.some(e => e.includes('$.call.direction: "Sideways" is not one of')));
    assert.ok(errors.some(e => e.includes('$.call.started: not an ISO-8601 date-time')));
    assert.ok(errors.some(e => e.includes('$.call: colour is not in the document')));
  });
  it('a null answer, a list where an object belongs and a non-digit id string all fail', () => {
    assert.equal(check('GET', '/v2/calls/{id}', null).length, 1);
    assert.ok(check('GET', '/v2/calls/{id}', { call: [] }).some(e => e.includes('expected an object')));
    assert.ok(check('POST', '/v2/tasks', { tasks: [{ id: 'abc' }] }).some(e => e.includes('$.tasks[0].id: expected an integer')));
    assert.deepEqual(check('POST', '/v2/tasks', { tasks: [{ id: 12, userId: '1234567890123456789' }] }), []);
  });
  it('/v2/flows/folders answers flowsFolders (with the fields seen live), and a bare object holds anything', () => {
    assert.deepEqual(check('GET', '/v2/flows/folders', { flowsFolders: [{ id: '1', name: 'A', parentFolderId: 'null', createdById: '2', visibility: 'Company' }] }), []);
    assert.ok(check('GET', '/v2/flows', { flows: [{ id: '1', parentFolderId: 'null' }] }).some(e => e.includes('parentFolderId is not in the document')), 'the live-only fields stay local to folders');
    assert.deepEqual(check('GET', '/v2/crm/entities', { crmObjectsMap: { a: { objectId: 'a', n: 3, list: [1] } } }), []);
  });
});
