// Gong's cursor paging as the local Gong serves it: 100 a page, 0-based page numbers, a cursor
// only while more remain, and cursors bound to the request they continue.
import * as assert from 'node:assert/strict';
import type { LocalGongHandle } from '../../../src/localGong/index';
import { api, assertEnvelope, start } from './support';

interface Records { totalRecords: number; currentPageSize: number; currentPageNumber: number; cursor?: string }

describe('localGong: cursor paging', function () {
  this.timeout(60_000);
  let g: LocalGongHandle;
  const FROM = '2025-06-01T00:00:00Z';
  const TO = '2026-06-01T00:00:00Z';
  before(async () => { g = await start({ users: 230, calls: 340 }); });
  after(async () => { await g.close(); });

  const assertRecords = (r: Records, expectedNumber: number, total: number): void => {
    assert.deepEqual(Object.keys(r).sort(), (r.cursor === undefined ? ['currentPageNumber', 'currentPageSize', 'totalRecords'] : ['currentPageNumber', 'currentPageSize', 'cursor', 'totalRecords']));
    assert.equal(r.currentPageNumber, expectedNumber);
    assert.equal(r.totalRecords, total);
  };

  it('pages GET /v2/calls to the end with the cursor in the query', async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    let page = 0;
    for (; page < 20; page++) {
      const q = `/v2/calls?fromDateTime=${FROM}&toDateTime=${TO}${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const a = await api(g, 'GET', q);
      assert.equal(a.status, 200, a.text.slice(0, 200));
      const r = a.json.records as Records;
      assertRecords(r, page, g.world.calls.length);
      const calls = a.json.calls as Array<{ id: string }>;
      assert.equal(r.currentPageSize, calls.length);
      ids.push(...calls.map(c => c.id));
      if (r.cursor === undefined) break;
      assert.equal(calls.length, 100);
      assert.match(r.cursor, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      cursor = r.cursor;
    }
    assert.equal(page, 3, 'four pages for 340 calls');
    assert.equal(ids.length, g.world.calls.length);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('pages POST /v2/calls/extensive with the cursor in the body and the filter unchanged', async () => {
    const base = { filter: { fromDateTime: FROM, toDateTime: TO }, contentSelector: { exposedFields: { parties: true } } };
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const a = await api(g, 'POST', '/v2/calls/extensive', cursor === undefined ? base : { ...base, cursor });
      assert.equal(a.status, 200);
      const r = a.json.records as Records;
      assertRecords(r, page, g.world.calls.length);
      ids.push(...(a.json.calls as Array<{ metaData: { id: string } }>).map(c => c.metaData.id));
      if (r.cursor === undefined) break;
      cursor = r.cursor;
    }
    assert.equal(new Set(ids).size, g.world.calls.length);
  });

  it('pages GET /v2/users and POST /v2/users/extensive to the end', async () => {
    let cursor: string | undefined;
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const a = await api(g, 'GET', `/v2/users${cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`}`);
      ids.push(...(a.json.users as Array<{ id: string }>).map(u => u.id));
      cursor = (a.json.records as Records).cursor;
      if (cursor === undefined) break;
    }
    assert.deepEqual(ids, g.world.users.map(u => u.id));
    const first = await api(g, 'POST', '/v2/users/extensive', { filter: {} });
    const second = await api(g, 'POST', '/v2/users/extensive', { filter: {}, cursor: (first.json.records as Records).cursor });
    assert.equal((second.json.records as Records).currentPageNumber, 1);
    assert.equal((second.json.users as Array<{ id: string }>)[0]!.id, g.world.users[100]!.id);
  });

  it('omits the cursor on a single page', async () => {
    const a = await api(g, 'POST', '/v2/calls/transcript', { filter: { callIds: [g.world.calls[9]!.id] } });
    assertRecords(a.json.records as Records, 0, 1);
  });

  it('refuses a cursor replayed with another filter, on another path, or edited', async () => {
    const first = await api(g, 'GET', `/v2/calls?fromDateTime=${FROM}&toDateTime=${TO}`);
    const cursor = (first.json.records as Records).cursor!;
    assertEnvelope(await api(g, 'GET', `/v2/calls?fromDateTime=2025-07-01T00:00:00Z&toDateTime=${TO}&cursor=${encodeURIComponent(cursor)}`), 400);
    assertEnvelope(await api(g, 'GET', `/v2/users?cursor=${encodeURIComponent(cursor)}`), 400);
    const [h, p, s] = cursor.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    payload.o = 0;
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    assertEnvelope(await api(g, 'GET', `/v2/calls?fromDateTime=${FROM}&toDateTime=${TO}&cursor=${encodeURIComponent(forged)}`), 400);
    assertEnvelope(await api(g, 'GET', `/v2/calls?fromDateTime=${FROM}&toDateTime=${TO}&cursor=garbage`), 400);
    // The same query in another parameter order is the same request.
    const reordered = await api(g, 'GET', `/v2/calls?toDateTime=${TO}&cursor=${encodeURIComponent(cursor)}&fromDateTime=${FROM}`);
    assert.equal(reordered.status, 200);
    assert.equal((reordered.json.records as Records).currentPageNumber, 1);
  });

  it('binds POST cursors to the body: other callIds or selector are refused, key order is not', async () => {
    const body = { filter: { fromDateTime: FROM, toDateTime: TO }, contentSelector: { exposedFields: { parties: true } } };
    const first = await api(g, 'POST', '/v2/calls/extensive', body);
    const cursor = (first.json.records as Records).cursor!;
    assertEnvelope(await api(g, 'POST', '/v2/calls/extensive', { ...body, filter: { fromDateTime: FROM }, cursor }), 400);
    assertEnvelope(await api(g, 'POST', '/v2/calls/transcript', { filter: body.filter, cursor }), 400);
    const reordered = await api(g, 'POST', '/v2/calls/extensive', { cursor, contentSelector: body.contentSelector, filter: { toDateTime: TO, fromDateTime: FROM } });
    assert.equal(reordered.status, 200);
    assertEnvelope(await api(g, 'POST', '/v2/calls/extensive', { ...body, cursor: 42 }), 400);
  });
});
