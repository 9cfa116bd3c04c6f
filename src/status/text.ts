/** The status bar's words, without `vscode` so they are checked in plain Node. */
import type { SchedulerStats } from '../gong/types';
import type { ProfileInfo } from '../platform/services';

const nf = new Intl.NumberFormat('en-US');

/** The item's text and tooltip for a state; pure so it is easy to check. */
export function statusText(active: ProfileInfo | undefined, stats: SchedulerStats, authFailed: boolean, now = Date.now()): { text: string; tooltip: string } {
  if (!active) return { text: '$(plug) Gong: signed out', tooltip: 'Not signed in to Gong. Click to sign in.' };
  const used = `${nf.format(stats.requestsToday)}/${nf.format(stats.dailyBudget)}`;
  const wait = stats.rateLimitedUntil !== undefined ? Math.max(0, Math.ceil((stats.rateLimitedUntil - now) / 1000)) : 0;
  const icon = authFailed ? '$(warning)' : wait > 0 ? '$(watch)' : '$(pulse)';
  const text = wait > 0 ? `${icon} Gong: ${active.name} · rate limited ${wait} s` : `${icon} Gong: ${active.name} · ${used}`;
  const tooltip = [
    `Gong profile "${active.name}" (${active.baseUrl}, ${active.authKind === 'basic' ? 'access key' : 'bearer token'})`,
    `Requests today: ${used} of the daily budget`,
    stats.queued > 0 ? `${stats.queued} waiting for their turn` : undefined,
    wait > 0 ? `Gong asked to wait ${wait} s (rate limit)` : undefined,
    authFailed ? 'Gong refused the credentials: sign in again' : undefined,
    'Click for profile, sign out and the log',
  ].filter(Boolean).join('\n');
  return { text, tooltip };
}
