import type * as vscode from 'vscode';
import { isPlainObject } from '../../catalog/index';
import type { IdKind } from '../../catalog/types';
import type { GongApi } from '../../gong/types';
import type { KnownItem, KnownValues } from '../../input/wizard';
import type { GongSession } from '../../platform/services';

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? v.toString() : '');

/** How far back "known calls" look: recent enough to be what someone means, one page at most. */
const CALL_WINDOW_DAYS = 30;

/**
 * Ids the input steps offer for users, workspaces and calls: the first page of GET /v2/users,
 * GET /v2/workspaces and GET /v2/calls (last 30 days), fetched only when a step needs them and
 * cached until the session changes. A failed fetch is forgotten, so the next step tries again.
 */
export class KnownValuesCache implements KnownValues, vscode.Disposable {
  private readonly cache = new Map<string, Promise<KnownItem[]>>();
  private readonly sub: vscode.Disposable;

  constructor(private readonly session: GongSession, private readonly now: () => Date = () => new Date()) {
    this.sub = session.onDidChange(() => this.cache.clear());
  }

  dispose(): void { this.sub.dispose(); this.cache.clear(); }

  list(kind: IdKind): Promise<KnownItem[]> {
    const api = this.session.api();
    const profile = this.session.active;
    if (!api || !profile) return Promise.resolve([]);
    if (kind !== 'user' && kind !== 'workspace' && kind !== 'call') return Promise.resolve([]);
    const key = `${profile.name}|${profile.baseUrl}|${kind}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.fetch(api, kind);
      this.cache.set(key, hit);
      hit.catch(() => this.cache.delete(key));
    }
    return hit;
  }

  private async fetch(api: GongApi, kind: 'user' | 'workspace' | 'call'): Promise<KnownItem[]> {
    const signal = AbortSignal.timeout(20_000);
    if (kind === 'user') {
      const res = await api.request({ method: 'GET', path: '/v2/users' }, signal);
      const users = isPlainObject(res.data) && Array.isArray(res.data.users) ? res.data.users : [];
      return users.filter(isPlainObject).map(u => {
        const name = `${str(u.firstName)} ${str(u.lastName)}`.trim();
        return { id: str(u.id), label: name || str(u.emailAddress) || str(u.id), description: str(u.emailAddress) || undefined };
      }).filter(u => u.id);
    }
    if (kind === 'workspace') {
      const res = await api.request({ method: 'GET', path: '/v2/workspaces' }, signal);
      const list = isPlainObject(res.data) && Array.isArray(res.data.workspaces) ? res.data.workspaces : [];
      return list.filter(isPlainObject).map(w => ({ id: str(w.id), label: str(w.name) || str(w.id), description: str(w.description) || undefined })).filter(w => w.id);
    }
    const to = this.now();
    const from = new Date(to.getTime() - CALL_WINDOW_DAYS * 86_400_000);
    const res = await api.request({ method: 'GET', path: '/v2/calls', query: { fromDateTime: from.toISOString(), toDateTime: to.toISOString() }, emptyOn404: true }, signal);
    const calls = isPlainObject(res.data) && Array.isArray(res.data.calls) ? res.data.calls : [];
    return calls.filter(isPlainObject).map(c => ({ id: str(c.id), label: str(c.title) || str(c.id), description: str(c.started) || undefined })).filter(c => c.id);
  }
}
