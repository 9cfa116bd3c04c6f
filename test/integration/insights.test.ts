import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { InsightsPanels, InsightsSnapshot } from '../../src/panels/insights';
import { chartCsv, teamCsv } from '../../src/render/insights';
import { getApi, signInScripted, signOutAll, useGong, waitFor, withPrompter } from './harness/index';

// Insights panels in the real VS Code against a local Gong: opened from a user row and a workspace row,
// the range switched, CSV exported, the signed-out answer. The page reports what it drew (charts, the
// time to the first chart) by message; the Playwright check (ui/viewsInsights.mjs) hovers and clicks.

const SHOW = 'gongExplorer.insights.show';

async function panels(): Promise<InsightsPanels> {
  const p = (await getApi()).services.insights;
  assert.ok(p, 'the insights panels are registered');
  return p;
}
const snap = async (kind: InsightsSnapshot['kind'], id: string) => (await panels()).snapshot().find(s => s.kind === kind && s.subjectId === id);

describe('insights panels', function () {
  this.timeout(120_000);
  const gong = useGong({ users: 60, calls: 2500 });
  let dir: string;
  let user: { id: string; name: string };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gong-insights-'));
    await signInScripted(await getApi(), gong(), 'Insights');
    const counts = new Map<string, number>();
    for (const c of gong().world.calls) counts.set(c.primaryUserId, (counts.get(c.primaryUserId) ?? 0) + 1);
    const id = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const u = gong().world.usersById.get(id)!;
    user = { id, name: `${u.firstName} ${u.lastName}` };
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signOutAll(await getApi());
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens from a user row and draws the person\'s charts in a page with a strict CSP', async () => {
    const row = { id: `gongExplorer.users/${user.id}`, label: user.name, item: { kind: 'user', gongId: user.id, json: {} } };
    await vscode.commands.executeCommand(SHOW, row);
    const s = await waitFor(async () => { const x = await snap('user', user.id); return x?.model && x.status && x.status.charts > 0 ? x : undefined; }, 60_000, 'the user insights drawn');
    assert.equal(s.model!.subject, user.name);
    assert.deepEqual(s.model!.charts.map(c => c.id), ['activity', 'interaction', 'scorecards']);
    assert.deepEqual(s.model!.notices, []);
    const hosted = s.model!.charts[0]!.series.find(x => x.key === 'callsAsHost')!.values.reduce<number>((a, v) => a + (v ?? 0), 0);
    const range = s.model!.range;
    const expected = gong().world.calls.filter(c => c.primaryUserId === user.id && c.started.slice(0, 10) >= range.fromDate && c.started.slice(0, 10) < range.toDate).length;
    assert.equal(hosted, expected, 'calls hosted in the chart match the local Gong');
    assert.ok(s.status!.charts >= 2, `charts drawn: ${s.status!.charts}`);
    assert.ok(typeof s.status!.firstChartMs === 'number');
    assert.equal(s.rejected, 0);
    assert.match(s.csp ?? '', /^default-src 'none';/);
    assert.match(s.csp ?? '', /script-src 'nonce-[A-Za-z0-9+/=]+'(;|$)/);
    assert.doesNotMatch(s.csp ?? '', /unsafe-inline|unsafe-eval/);
  });

  it('switches the range and period, refetching for the new range', async () => {
    const row = { label: user.name, item: { kind: 'user', gongId: user.id, json: {} } };
    await vscode.commands.executeCommand(SHOW, row, { rangeId: '4w', period: 'DAY' });
    const s = await waitFor(async () => { const x = await snap('user', user.id); return x?.model?.rangeId === '4w' && x.model.period === 'DAY' ? x : undefined; }, 60_000, 'the 4-week daily insights');
    assert.equal(s.model!.charts[0]!.x.length, 28);
    assert.equal(s.model!.charts[0]!.period, 'DAY');
  });

  it('exports a chart as CSV with the numbers the page shows', async () => {
    const s = (await snap('user', user.id))!;
    const target = join(dir, 'activity.csv');
    const written = await withPrompter(await getApi(), [target], async () => (await panels()).exportCsv('user', user.id, 'activity'));
    assert.equal(written, target);
    assert.equal(readFileSync(target, 'utf8'), chartCsv(s.model!.charts[0]!));
    assert.match(readFileSync(target, 'utf8'), /^Day,Calls hosted,Calls attended/);
  });

  it('opens a team from a workspace row with one row per person and the medians', async () => {
    const ws = gong().world.workspaces[0]!;
    await vscode.commands.executeCommand(SHOW, { label: ws.name, item: { kind: 'workspace', gongId: ws.id, json: {} } }, { rangeId: '3m', period: 'WEEK' });
    const s = await waitFor(async () => { const x = await snap('team', ws.id); return x?.model && x.status ? x : undefined; }, 60_000, 'the team insights drawn');
    const team = s.model!.team!;
    assert.ok(team.rows.length >= 20, `${team.rows.length} people`);
    assert.ok(team.rows.some(r => r.name === user.name));
    assert.ok(team.medians.callsAsHost !== null);
    const target = join(dir, 'team.csv');
    await withPrompter(await getApi(), [target], async () => (await panels()).exportCsv('team', ws.id, 'team'));
    assert.equal(readFileSync(target, 'utf8'), teamCsv(team));
  });

  it('a tracker asks first when counting takes many requests, and a declined count fetches nothing', async () => {
    const t = gong().world.trackers[0] as { trackerId: string; trackerName: string };
    const row = { label: t.trackerName, item: { kind: 'tracker', gongId: t.trackerId, json: {} } };
    const asked: string[] = [];
    await withPrompter(await getApi(), [q => { asked.push(String(q.message ?? q.title)); return undefined; }], async () => {
      await vscode.commands.executeCommand(SHOW, row, { rangeId: '3m' });
      await waitFor(async () => (await snap('tracker', t.trackerId))?.error, 30_000, 'the declined count');
    });
    assert.match(asked[0] ?? '', /takes \d+ requests/);
    assert.equal((await snap('tracker', t.trackerId))?.model, undefined);
    await withPrompter(await getApi(), ['Count Mentions'], async () => {
      await vscode.commands.executeCommand(SHOW, row, { rangeId: '12m' });
      const s = await waitFor(async () => { const x = await snap('tracker', t.trackerId); return x?.model?.rangeId === '12m' ? x : undefined; }, 90_000, 'the tracker counted');
      const chart = s.model!.charts[0]!;
      const calls = chart.series.find(x => x.key === 'allCalls')!.values.reduce<number>((a, v) => a + (v ?? 0), 0);
      assert.ok(calls > 1000, `${calls} calls counted`);
      assert.ok(chart.series.find(x => x.key === 'hits')!.values.some(v => (v ?? 0) > 0), 'mentions found');
      assert.equal(s.model!.requests, Math.ceil(calls / 100));
    });
  });

  it('signed out, a panel says so and offers Sign In instead of charts', async () => {
    await signOutAll(await getApi());
    const s = await waitFor(async () => { const x = await snap('user', user.id); return x?.error ? x : undefined; }, 30_000, 'the signed-out message');
    assert.match(s.error!, /Sign in/);
  });
});
