/**
 * The daily request budget for bulk work. Gong's daily limit is per company; the status bar counts
 * today's requests, and work that costs many requests at once (Fetch All, transcript exports, the
 * CLI's --all-pages) states its cost against what is left and asks before going past it. No `vscode`.
 */
import type { SchedulerStats } from './types';

export interface BudgetCheck {
  /** Requests the work takes. */
  cost: number;
  /** Requests left today (0 when the budget is used up or past). */
  left: number;
  dailyBudget: number;
  /** True when the work would go past today's budget. */
  over: boolean;
  /** "That takes 30 requests; 1,200 of today's 10,000 are left." and, when over, by how much. */
  text: string;
  /** The same without its first clause: "1,200 of today's 10,000 are left." */
  standing: string;
}

const nf = new Intl.NumberFormat('en-US');
const requests = (n: number) => `${nf.format(n)} request${n === 1 ? '' : 's'}`;

/** Compares a bulk task's cost in requests with what is left of today's budget. */
export function checkBudget(stats: Pick<SchedulerStats, 'requestsToday' | 'dailyBudget'>, cost: number): BudgetCheck {
  const c = Math.max(0, Math.ceil(Number.isFinite(cost) ? cost : 0));
  const left = Math.max(0, stats.dailyBudget - stats.requestsToday);
  const over = c > left;
  const standing = `${nf.format(left)} of today's ${nf.format(stats.dailyBudget)} are left`
    + (over ? `, so it goes ${requests(c - left)} past the daily request budget.` : '.');
  return { cost: c, left, dailyBudget: stats.dailyBudget, over, text: `That takes ${requests(c)}; ${standing}`, standing };
}

/** Requests to fetch `ids` transcripts at most 100 a request (shrinking batches may take more). */
export function transcriptRequestCost(ids: number): number {
  return Math.ceil(Math.max(0, ids) / 100);
}
