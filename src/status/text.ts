/** The status bar's words, without `vscode` so they are checked in plain Node. */
import type { SchedulerStats } from '../gong/types';
import type { ProfileInfo } from '../platform/services';
import { authKindLabel } from '../auth/profiles';

const nf = new Intl.NumberFormat('en-US');

/** Share of the daily budget from which the status bar warns. */
export const BUDGET_WARNING_SHARE = 0.9;

/** The local wall-clock time a pause ends, "14:32:05", or "tomorrow 09:00:00". */
export function endTime(until: number, now: number): string {
  const t = new Date(until);
  const hms = [t.getHours(), t.getMinutes(), t.getSeconds()].map(n => String(n).padStart(2, '0')).join(':');
  return new Date(now).toDateString() === t.toDateString() ? hms : `${t.toDateString() === new Date(now + 86_400_000).toDateString() ? 'tomorrow' : t.toDateString()} ${hms}`;
}

/** The item's text and tooltip for a state; pure so it is easy to check. `warning` asks for the warning colour. */
export function statusText(active: ProfileInfo | undefined, stats: SchedulerStats, authFailed: boolean, now = Date.now()): { text: string; tooltip: string; warning: boolean } {
  if (!active) return { text: '$(plug) Gong: signed out', tooltip: 'Not signed in to Gong. Click to sign in.', warning: false };
  const used = `${nf.format(stats.requestsToday)}/${nf.format(stats.dailyBudget)}`;
  const left = Math.max(0, stats.dailyBudget - stats.requestsToday);
  const nearBudget = stats.requestsToday >= stats.dailyBudget * BUDGET_WARNING_SHARE;
  const wait = stats.rateLimitedUntil !== undefined ? Math.max(0, Math.ceil((stats.rateLimitedUntil - now) / 1000)) : 0;
  const until = wait > 0 && stats.rateLimitedUntil !== undefined ? endTime(stats.rateLimitedUntil, now) : '';
  const icon = authFailed || (nearBudget && wait === 0) ? '$(warning)' : wait > 0 ? '$(watch)' : '$(pulse)';
  const text = wait > 0
    ? `${icon} Gong: ${active.name} · rate limited until ${until} (${wait} s)`
    : `${icon} Gong: ${active.name} · ${used}`;
  const tooltip = [
    `Gong profile "${active.name}" (${active.baseUrl}, ${authKindLabel(active.authKind)})`,
    `Requests today: ${used} of the daily budget`,
    nearBudget
      ? (left === 0 ? 'The daily request budget is used up: bulk work asks before going past it (gongExplorer.dailyRequestBudget)' : `Near the daily request budget: ${nf.format(left)} left today`)
      : undefined,
    stats.queued > 0 ? `${stats.queued} waiting for their turn` : undefined,
    wait > 0 ? `Gong asked to wait until ${until} (${wait} s, rate limit); requests to ${active.baseUrl} resume then` : undefined,
    authFailed ? 'Gong refused the credentials: sign in again' : undefined,
    'Click for profile, sign out and the log',
  ].filter(Boolean).join('\n');
  return { text, tooltip, warning: authFailed || nearBudget };
}
