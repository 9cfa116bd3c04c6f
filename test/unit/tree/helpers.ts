import { GongClient } from '../../../src/gong/client';
import { RequestScheduler } from '../../../src/gong/scheduler';
import type { GongAuth } from '../../../src/gong/types';
import { startLocalGong, type LocalGongHandle, type LocalGongOptions } from '../../../src/localGong/index';
import { createTreeModels, type TreeHost, type TreeNode, type ViewModel } from '../../../src/tree/index';

/** A host over a real client, with a clock the test moves. */
export interface TestHost extends TreeHost {
  setAuth(auth: GongAuth): void;
  failures: number;
  failed: boolean;
  time: number;
}

// The trees are tested through the real client; a private fast scheduler keeps the test quick
// without touching the process-wide one.
const scheduler = new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 4 });

export function hostFor(gong: LocalGongHandle, auth?: GongAuth): TestHost {
  let client = new GongClient({ baseUrl: gong.baseUrl, auth: auth ?? { kind: 'basic', accessKey: gong.accessKey, accessKeySecret: gong.accessKeySecret } }, { scheduler, maxRetries: 0, timeoutMs: 5000 });
  const host: TestHost = {
    failures: 0,
    failed: false,
    time: Date.parse('2026-11-20T12:00:00Z'),
    api: () => client,
    profile: () => 'test',
    authFailed: () => host.failed,
    reportAuthFailure: () => { host.failures++; host.failed = true; },
    clock: () => host.time,
    setAuth(a: GongAuth) { client = new GongClient({ baseUrl: gong.baseUrl, auth: a }, { scheduler, maxRetries: 0, timeoutMs: 5000 }); },
  };
  return host;
}

export async function startGong(options: LocalGongOptions = {}): Promise<LocalGongHandle> {
  return startLocalGong({ rateLimit: false, now: new Date('2026-11-20T12:00:00Z'), ...options });
}

export function models(host: TreeHost) {
  return createTreeModels(host).models;
}

/** Expands every collapsible row under the given rows (bounded depth), returning all rows seen. */
export async function expandAll(model: ViewModel, rows: TreeNode[], depth = 6): Promise<TreeNode[]> {
  const seen: TreeNode[] = [...rows];
  if (depth === 0) return seen;
  for (const r of rows) {
    if (r.collapsible !== 'none') seen.push(...await expandAll(model, await model.getChildren(r), depth - 1));
  }
  return seen;
}

export const items = (rows: TreeNode[]) => rows.filter(r => r.item);
export const row = (rows: TreeNode[], contextValue: string) => rows.find(r => r.contextValue === contextValue);
