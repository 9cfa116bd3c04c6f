import { isPlainObject } from '../../catalog/index';
import type { IdKind } from '../../catalog/types';
import type { GongData } from '../../data/index';
import type { KnownItem, KnownValues } from '../../input/wizard';
import { oneLine } from '../../shared/safeText';

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? v.toString() : '');
/** Names and titles from Gong in a quick pick: one bounded line with direction controls as markers. */
const shown = (v: unknown): string => oneLine(str(v), 200);

/** How far back "known calls" look: recent enough to be what someone means, one page at most. */
const CALL_WINDOW_DAYS = 30;

/**
 * Ids the input steps offer for users, workspaces and calls: the first page of users, the
 * workspaces and the first page of the last 30 days' calls, read through the data layer only when a
 * step needs them, so they share its per-profile cache with the views (a failed read is tried
 * again by the next step).
 */
export class KnownValuesCache implements KnownValues {
  constructor(private readonly data: GongData, private readonly now: () => Date = () => new Date()) {}

  async list(kind: IdKind): Promise<KnownItem[]> {
    if (this.data.profile() === undefined) return [];
    try { this.data.client(); } catch { return []; }
    const signal = AbortSignal.timeout(20_000);
    if (kind === 'user') {
      const users = await this.data.users(signal);
      return users.filter(isPlainObject).map(u => {
        const name = `${str(u.firstName)} ${str(u.lastName)}`.trim();
        return { id: str(u.id), label: oneLine(name, 200) || shown(u.emailAddress) || str(u.id), description: shown(u.emailAddress) || undefined };
      }).filter(u => u.id);
    }
    if (kind === 'workspace') {
      const list = await this.data.workspaces(signal);
      return list.filter(isPlainObject).map(w => ({ id: str(w.id), label: shown(w.name) || str(w.id), description: shown(w.description) || undefined })).filter(w => w.id);
    }
    if (kind !== 'call') return [];
    const to = this.now();
    const from = new Date(to.getTime() - CALL_WINDOW_DAYS * 86_400_000);
    const calls = await this.data.recentCalls(from.toISOString(), to.toISOString(), signal);
    return calls.filter(isPlainObject).map(c => ({ id: str(c.id), label: shown(c.title) || str(c.id), description: shown(c.started) || undefined })).filter(c => c.id);
  }
}
