/**
 * Entry point of the integration suite, loaded by the extension host (code-server through the
 * workbench payload, or desktop VS Code through @vscode/test-electron): `run()` activates the
 * extension once while watching for network I/O, then runs every `*.test.js` beside this file with
 * mocha (bdd, spec reporter on the console, which the runner forwards) and prints one marker line
 * `GONG_INTEGRATION_STATS {...}` the runner parses for the counts.
 */
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { EXTENSION_ID, closeAllGongs, setActivationRecord, type ActivationRecord } from './harness/index';
import type { GongExplorerApi } from '../../src/extension';
import { watchNetwork } from '../../src/platform/networkWatch';

export const STATS_MARKER = 'GONG_INTEGRATION_STATS';
export const ACTIVATION_MARKER = 'GONG_ACTIVATION';

function findTests(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) findTests(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

async function activateOnce(): Promise<ActivationRecord> {
  const ext = vscode.extensions.getExtension<GongExplorerApi>(EXTENSION_ID);
  if (!ext) return { wasActiveBefore: false, activateCallMs: 0, reportedMs: undefined, networkDuringActivation: [], error: `extension ${EXTENSION_ID} not found` };
  const wasActiveBefore = ext.isActive;
  const stop = watchNetwork();
  const t0 = performance.now();
  try {
    const api = await ext.activate();
    if (wasActiveBefore) {
      // Activated with the window (onStartupFinished) before this suite began: the extension watched
      // its own activation (test hooks only), so that is what counts.
      stop();
      const seen = await api.activationNetwork;
      const reported = api.services.context.globalState.get<number>('gongExplorer.lastActivationMs');
      return { wasActiveBefore, watchedBy: seen ? 'extension' : undefined, activateCallMs: reported ?? 0, reportedMs: reported, networkDuringActivation: seen ?? [] };
    }
    const activateCallMs = performance.now() - t0;
    // Let anything activation scheduled without awaiting (timers, promises) start before we stop watching.
    await new Promise(r => setTimeout(r, 300));
    const reported = api.services.context.globalState.get<number>('gongExplorer.lastActivationMs');
    return { wasActiveBefore, watchedBy: 'suite', activateCallMs, reportedMs: reported, networkDuringActivation: stop() };
  } catch (e) {
    stop();
    return { wasActiveBefore, activateCallMs: performance.now() - t0, reportedMs: undefined, networkDuringActivation: [], error: e instanceof Error ? e.stack ?? e.message : String(e) };
  }
}

export async function run(): Promise<void> {
  const activation = await activateOnce();
  setActivationRecord(activation);
  console.log(`${ACTIVATION_MARKER} ${JSON.stringify(activation)}`);

  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 60_000, slow: 5_000, color: false });
  const grep = process.env.GONG_EXPLORER_TEST_GREP;
  if (grep) mocha.grep(grep);
  const files = findTests(__dirname);
  for (const f of files) mocha.addFile(f);

  const stats = await new Promise<{ passed: number; failed: number; skipped: number; skippedTitles?: string[] }>((resolve, reject) => {
    try {
      // Skipped tests by full title, so `npm test` can hold each against its allow-list.
      const skippedTitles: string[] = [];
      const runner = mocha.run(() => {
        const s = runner.stats;
        resolve({ passed: s?.passes ?? 0, failed: s?.failures ?? 0, skipped: s?.pending ?? 0, skippedTitles });
      });
      runner.on('pending', test => { skippedTitles.push(test.fullTitle()); });
    } catch (e) {
      // A test file that throws while loading fails the whole run: count it so it is never silent.
      console.error(e instanceof Error ? e.stack ?? e.message : String(e));
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  }).catch(() => ({ passed: 0, failed: 1, skipped: 0 }));
  await closeAllGongs();
  console.log(`${STATS_MARKER} ${JSON.stringify({ ...stats, files: files.length })}`);
  // The runner also passes a file path (through the environment the extension host inherits), which
  // does not depend on the console being forwarded.
  const statsFile = process.env.GONG_EXPLORER_STATS_FILE;
  if (statsFile) fs.writeFileSync(statsFile, JSON.stringify({ ...stats, files: files.length, activation }));
  if (stats.failed > 0) throw new Error(`${stats.failed} integration test(s) failed`);
}
