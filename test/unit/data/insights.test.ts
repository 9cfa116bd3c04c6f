import * as assert from 'node:assert/strict';
import { GongClient } from '../../../src/gong/client';
import { paginate } from '../../../src/gong/paging';
import { RequestScheduler } from '../../../src/gong/scheduler';
import type { GongApi, GongAuth, GongRequest, GongResponse } from '../../../src/gong/types';
import { loadInsights } from '../../../src/data/insights';
import { startLocalGong, type LocalGongHandle } from '../../../src/localGong/index';

const NOW = new Date('2026-11-20T12:00:00Z');
const TODAY = '2026-11-20';
const scheduler = new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 4 });

function apiFor(gong: LocalGongHandle, auth?: GongAuth): GongApi & { paths: string[] } {
  const client = new GongClient({ baseUrl: gong.baseUrl, auth: auth ?? { kind: 'basic', accessKey: gong.accessKey, accessKeySecret: gong.accessKeySecret } }, { scheduler, maxRetries: 1, timeoutMs: 30_000 });
  const paths: string[] = [];
  const api = {
    paths,
    request<T>(req: GongRequest, signal?: AbortSignal): Promise<GongResponse<T>> { paths.push(req.path); return client.request<T>(req, signal); },
    pages<T>(req: GongRequest, signal?: AbortSignal): AsyncIterableIterator<GongResponse<T>> { return paginate<T>(api, req, signal); },
  };
  return api;
}

describe('insights against the local Gong', function () {
  this.timeout(60_000);
  let gong: LocalGongHandle;
  let userId: string;
  let userName: string;
  before(async () => {
    gong = await startLocalGong({ rateLimit: false, now: NOW, users: 40, calls: 1500, tokens: [{ token: 'no-scorecards', scopes: ['api:stats:user-actions', 'api:stats:interaction', 'api:users:read'] }] });
    // The busiest host of the world, so every chart has something to draw.
    const counts = new Map<string, number>();
    for (const c of gong.world.calls) counts.set(c.primaryUserId, (counts.get(c.primaryUserId) ?? 0) + 1);
    userId = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const u = gong.world.usersById.get(userId)!;
    userName = `${u.firstName} ${u.lastName}`;
  });
  after(() => gong.close());

  it('builds a person\'s insights from the stats endpoints, matching the calls they hosted', async () => {
    const api = apiFor(gong);
    const model = await loadInsights(api, { kind: 'user', subjectId: userId, subject: 'row label', rangeId: '3m', today: TODAY });
    assert.equal(model.subject, userName, 'the name comes from Gong');
    assert.equal(model.period, 'WEEK');
    assert.deepEqual(model.notices, []);
    const activity = model.charts.find(c => c.id === 'activity')!;
    const hosted = activity.series.find(s => s.key === 'callsAsHost')!.values.reduce<number>((s, v) => s + (v ?? 0), 0);
    const expected = gong.world.calls.filter(c => c.primaryUserId === userId && c.started.slice(0, 10) >= model.range.fromDate && c.started.slice(0, 10) < model.range.toDate).length;
    assert.ok(expected > 0);
    assert.equal(hosted, expected);
    const interaction = model.charts.find(c => c.id === 'interaction')!;
    assert.equal(interaction.empty, undefined);
    assert.ok(interaction.series[0]!.values.some(v => v !== null && v > 0));
    assert.equal(model.requests, api.paths.length);
    assert.ok(api.paths.every(p => p.startsWith('/v2/')));
  });

  it('reads Gong\'s nothing-found answers for a range without data as empty charts, not errors', async () => {
    const model = await loadInsights(apiFor(gong), { kind: 'user', subjectId: userId, subject: userName, rangeId: '4w', today: '2021-01-10' });
    assert.deepEqual(model.notices, []);
    for (const chart of model.charts) assert.ok(chart.empty, `${chart.id} says it is empty`);
  });

  it('shows a refused part in its place and keeps the others', async () => {
    const model = await loadInsights(apiFor(gong, { kind: 'bearer', token: 'no-scorecards' }), { kind: 'user', subjectId: userId, subject: userName, rangeId: '3m', today: TODAY });
    assert.deepEqual(model.notices.map(n => [n.part, n.kind]), [['scorecards', 'refused']]);
    assert.match(model.notices[0]!.text, /api:stats:scorecards/);
    assert.match(model.charts.find(c => c.id === 'scorecards')!.empty ?? '', /api:stats:scorecards/);
    assert.equal(model.charts.find(c => c.id === 'activity')!.empty, undefined);
  });

  it('fails the whole page only when the credentials are refused', async () => {
    await assert.rejects(loadInsights(apiFor(gong, { kind: 'basic', accessKey: 'wrong', accessKeySecret: 'wrong' }), { kind: 'user', subjectId: userId, subject: userName, rangeId: '4w', today: TODAY }), (e: unknown) => (e as { kind?: string }).kind === 'auth');
  });

  it('builds the team table with everyone Gong reports and their names', async () => {
    const model = await loadInsights(apiFor(gong), { kind: 'team', subjectId: gong.world.workspaces[0]!.id, subject: 'Workspace', rangeId: '3m', today: TODAY });
    const team = model.team!;
    assert.ok(team.rows.length >= 10);
    const me = team.rows.find(r => r.userId === userId)!;
    assert.equal(me.name, userName);
    assert.ok((me.values.callsAsHost ?? 0) > 0);
    assert.ok(team.columns.some(c => c.key === 'interactivity'));
    assert.equal(model.charts[0]!.id, 'teamActivity');
  });

  it('counts a tracker\'s mentions from the calls of the range', async () => {
    const tracker = gong.world.trackers[0]!;
    const id = String((tracker).trackerId ?? (tracker).id);
    const name = String((tracker).trackerName ?? (tracker).name);
    const api = apiFor(gong);
    const model = await loadInsights(api, { kind: 'tracker', subjectId: id, subject: name, rangeId: '4w', today: TODAY });
    const calls = model.charts[0]!.series.find(s => s.key === 'allCalls')!.values.reduce<number>((s, v) => s + (v ?? 0), 0);
    assert.ok(calls > 0);
    assert.equal(model.requests, Math.ceil(calls / 100) || 1);
  });
});
