import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { getApi, signOutAll, waitFor } from './harness/index';

const DEMO_COMMAND = 'gongExplorer.demo.start';

async function reachable(baseUrl: string): Promise<boolean> {
  try {
    await fetch(`${baseUrl}/v2/users`, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

describe('demo workspace', () => {
  after(async () => { await signOutAll(await getApi()); });

  it('starts a local Gong and signs in to it as the Demo profile', async () => {
    const api = await getApi();
    await vscode.commands.executeCommand(DEMO_COMMAND);
    const active = await waitFor(() => api.services.session.active, 15_000, 'an active profile after the demo command');
    assert.equal(active.name, 'Demo');
    assert.match(active.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/, 'the demo server listens on 127.0.0.1 only');
    const client = api.services.session.api();
    assert.ok(client, 'a client for the demo profile');
    const res = await client.request<{ users?: Array<{ id: string }> }>({ method: 'GET', path: '/v2/users' });
    assert.equal(res.status, 200);
    assert.ok((res.data.users?.length ?? 0) > 0, 'the demo data has users');
  });

  it('runs again without a second server', async () => {
    const api = await getApi();
    const first = api.services.session.active?.baseUrl;
    await vscode.commands.executeCommand(DEMO_COMMAND);
    assert.equal(api.services.session.active?.baseUrl, first, 'the same local Gong is reused');
  });

  it('stops its server when the Demo profile is signed out', async () => {
    const api = await getApi();
    const baseUrl = api.services.session.active?.baseUrl;
    assert.ok(baseUrl);
    assert.equal(await reachable(baseUrl), true);
    await api.services.session.signOut('Demo');
    await waitFor(async () => !(await reachable(baseUrl)), 5000, 'the demo server to stop');
  });
});
