import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, getApi, getActivationRecord } from './harness/index';

interface ContributedCommand { command: string }

describe('smoke: the extension in a real VS Code', () => {
  it('activates and returns its API', async () => {
    const record = getActivationRecord();
    assert.ok(record, 'index.ts activated the extension before the suites');
    assert.equal(record.error, undefined, `activation threw: ${record.error ?? ''}`);
    const api = await getApi();
    assert.equal(typeof api.setPrompter, 'function');
    assert.ok(api.services.session, 'services.session is wired');
    console.log(`    activate() ${record.activateCallMs.toFixed(1)} ms seen by the test, ${record.reportedMs?.toFixed(1) ?? '?'} ms measured by the extension`);
  });

  it('does no network I/O while activating', () => {
    const record = getActivationRecord();
    assert.ok(record);
    assert.equal(record.wasActiveBefore, false, 'the extension was already active, so activation was not watched');
    assert.deepEqual(record.networkDuringActivation, [], 'outgoing connections or requests during activate()');
  });

  it('records its activation time in globalState', () => {
    const record = getActivationRecord();
    assert.ok(record);
    assert.equal(typeof record.reportedMs, 'number', 'gongExplorer.lastActivationMs is stored');
    assert.ok((record.reportedMs ?? -1) >= 0 && (record.reportedMs ?? Infinity) < 5000, `implausible activation time ${String(record.reportedMs)}`);
  });

  it('registers every command package.json contributes', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const contributed = ((ext.packageJSON as { contributes?: { commands?: ContributedCommand[] } }).contributes?.commands ?? []).map(c => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter(c => !registered.has(c));
    assert.deepEqual(missing, [], 'contributed commands without a handler');
  });
});
