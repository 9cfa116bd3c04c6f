// The local Gong's answers against the documented sample responses: same keys and value types,
// recursively, for every core endpoint.
import * as assert from 'node:assert/strict';
import type { LocalGongHandle } from '../../../src/localGong/index';
import { api, assertShape, sample, start } from './support';

describe('localGong: core answers match the sample responses', function () {
  this.timeout(30_000);
  let g: LocalGongHandle;
  const FROM = '2025-01-01T00:00:00Z';
  const TO = '2026-12-31T00:00:00Z';
  // Paths the docs call nullable even though the sample happens to show a value.
  const nullable = new Set([
    '$.keywordTrackers[].updaterUserId',
    '$.keywordTrackers[].creatorUserId',
    '$.folders[].createdBy',
    '$.createdBy',
    '$.calls[].note',
    // metaData is CallBasicData; the list sample shows these as null for phone calls.
    ...['scheduled', 'sdrDisposition', 'clientUniqueId', 'customData', 'purpose', 'meetingUrl', 'calendarEventId'].map(k => `$.calls[].metaData.${k}`),
    // parties[].context is empty for internal people; comments are not always replies.
    '$.calls[].collaboration.publicComments[].inReplyTo',
    // audio-only calls have no video
    '$.calls[].media.videoUrl',
  ]);
  const check = async (file: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const a = await api(g, method, path, body);
    assert.ok(a.status >= 200 && a.status < 300, `${method} ${path}: ${a.status} ${a.text.slice(0, 300)}`);
    assert.equal(a.headers.get('content-type'), 'application/json;charset=UTF-8');
    assert.equal(a.headers.get('x-traceid'), a.json.requestId);
    assertShape([sample(file)], a.json, '$', nullable);
    return a.json;
  };

  before(async () => { g = await start(); });
  after(async () => { await g.close(); });

  it('GET /v2/calls', async () => {
    const body = await check('calls-list.GET_v2_calls.json', 'GET', `/v2/calls?fromDateTime=${FROM}&toDateTime=${TO}`);
    assert.equal((body.calls as unknown[]).length, 100);
  });

  it('GET /v2/calls/:id', async () => {
    const call = g.world.calls[5]!;
    const body = await check('call-get.GET_v2_calls_id.json', 'GET', `/v2/calls/${call.id}`);
    assert.equal((body.call as { id: string }).id, call.id);
  });

  it('POST /v2/calls/extensive with every exposed field', async () => {
    const body = await check('calls-extensive.POST_v2_calls_extensive.json', 'POST', '/v2/calls/extensive', {
      filter: { fromDateTime: FROM, toDateTime: TO },
      contentSelector: {
        context: 'Extended',
        exposedFields: {
          parties: true,
          media: true,
          content: { structure: true, topics: true, trackers: true, trackerOccurrences: true, brief: true, outline: true, highlights: true, callOutcome: true, keyPoints: true },
          interaction: { speakers: true, video: true, personInteractionStats: true, questions: true },
          collaboration: { publicComments: true },
        },
      },
    });
    const first = (body.calls as Array<Record<string, unknown>>)[0]!;
    for (const k of ['metaData', 'context', 'parties', 'content', 'interaction', 'collaboration', 'media']) assert.ok(k in first, k);
  });

  it('POST /v2/calls/transcript', async () => {
    const call = g.world.calls[20]!;
    const body = await check('calls-transcript.POST_v2_calls_transcript.json', 'POST', '/v2/calls/transcript', { filter: { callIds: [call.id] } });
    const t = (body.callTranscripts as Array<{ callId: string; transcript: unknown[] }>)[0]!;
    assert.equal(t.callId, call.id);
    assert.ok(t.transcript.length > 0);
  });

  it('POST /v2/calls and PUT /v2/calls/:id/media', async () => {
    const user = g.world.users[3]!;
    const created = await check('call-create.POST_v2_calls.json', 'POST', '/v2/calls', {
      clientUniqueId: 'contract-1', actualStart: '2026-02-01T10:00:00Z', direction: 'Outbound', primaryUser: user.id,
      parties: [{ userId: user.id }, { phoneNumber: '+1 206 555 0100', name: 'Prospect' }],
    });
    const form = new FormData();
    form.append('mediaFile', new Blob([new Uint8Array(2048)], { type: 'audio/wav' }), 'call.wav');
    const res = await fetch(`${g.baseUrl}/v2/calls/${String(created.callId)}/media`, { method: 'PUT', body: form, headers: { authorization: `Basic ${Buffer.from(`${g.accessKey}:${g.accessKeySecret}`).toString('base64')}` } });
    const json = await res.json() as Record<string, unknown>;
    assert.equal(res.status, 201);
    assertShape([sample('call-media.PUT_v2_calls_id_media.json')], json);
    assert.equal(json.callId, created.callId);
  });

  it('POST /v2/calls/users-access', async () => {
    const call = g.world.calls[0]!;
    const users = g.world.users.slice(0, 2).map(u => u.id);
    const put = await api(g, 'PUT', '/v2/calls/users-access', { callAccessList: [{ callId: call.id, userIds: users }] });
    assert.equal(put.status, 200);
    const body = await check('users-access.POST_v2_calls_users-access.json', 'POST', '/v2/calls/users-access', { filter: { callIds: [call.id] } });
    assert.deepEqual((body.callAccessList as Array<{ users: Array<{ userId: string }> }>)[0]!.users.map(u => u.userId), users);
  });

  it('GET /v2/users, GET /v2/users/:id and settings history', async () => {
    await check('users-list.GET_v2_users.json', 'GET', '/v2/users');
    const user = g.world.users[1]!;
    await check('user-get.GET_v2_users_id.json', 'GET', `/v2/users/${user.id}`);
    const h = await check('user-settings-history.GET_v2_users_id_settings-history.json', 'GET', `/v2/users/${user.id}/settings-history`);
    assert.ok((h.userSettingsHistory as unknown[]).length > 0);
  });

  it('POST /v2/users/extensive has the users-list shape', async () => {
    await check('users-list.GET_v2_users.json', 'POST', '/v2/users/extensive', { filter: {} });
  });

  it('settings: workspaces, trackers, scorecards, call outcomes', async () => {
    await check('workspaces.GET_v2_workspaces.json', 'GET', '/v2/workspaces');
    await check('trackers.GET_v2_settings_trackers.json', 'GET', '/v2/settings/trackers');
    await check('scorecards.GET_v2_settings_scorecards.json', 'GET', '/v2/settings/scorecards');
    await check('call-outcomes.GET_v2_call-outcomes.json', 'GET', '/v2/call-outcomes');
  });

  it('library: folders and folder content', async () => {
    const body = await check('library-folders.GET_v2_library_folders.json', 'GET', '/v2/library/folders');
    const folders = body.folders as Array<{ id: string; parentFolderId: string | null }>;
    assert.ok(folders.some(f => f.parentFolderId === null), 'a root folder');
    const ids = new Set(folders.map(f => f.id));
    assert.ok(folders.every(f => f.parentFolderId === null || ids.has(f.parentFolderId)), 'parents exist');
    assert.ok(folders.some(f => f.parentFolderId !== null && folders.find(p => p.id === f.parentFolderId)?.parentFolderId !== null), 'some sub-sub-folder');
    const withCalls = g.world.libraryFolders.find(f => f.callIds.length > 1)!;
    const content = await check('library-folder-content.GET_v2_library_folder-content.json', 'GET', `/v2/library/folder-content?folderId=${withCalls.id}`);
    assert.equal((content.calls as unknown[]).length, withCalls.callIds.length);
  });

  it('error bodies: 404 for no calls and 401 for a missing scope match their samples', async () => {
    const none = await api(g, 'GET', '/v2/calls?fromDateTime=2001-01-01T00:00:00Z&toDateTime=2001-01-02T00:00:00Z');
    assert.equal(none.status, 404);
    assert.deepEqual(none.json.errors, sample('error-404-no-calls.json').errors);
    const token = g.addToken(['api:calls:read:basic']);
    const denied = await api(g, 'POST', '/v2/calls/transcript', { filter: {} }, { auth: `Bearer ${token}` });
    assert.equal(denied.status, 401);
    assert.deepEqual(denied.json.errors, sample('error-401-missing-scope.json').errors);
  });
});
