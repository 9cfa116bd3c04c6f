import * as vscode from 'vscode';
import type { GongResponse } from '../../gong/types';
import { UserCancelled } from '../../platform/commands';
import { mergePages } from '../../catalog/index';
import { classify } from '../../gong/failure';
import { recordsOf, withCursor } from '../../gong/paging';
import { checkBudget } from '../../gong/budget';
import { offerMore, reportError, requireApi, resultOutcome, withCancellableProgress, type RunDeps, type RunOutcome } from './execute';
import type { ResultEntry } from './resultDocs';

/** A hard stop for "fetch all", far above any real account (100 records a page). */
const MAX_PAGES = 10_000;

function entryFor(deps: RunDeps, uri: unknown): ResultEntry {
  const key = typeof uri === 'string' ? uri : uri instanceof vscode.Uri ? uri.toString() : vscode.window.activeTextEditor?.document.uri.toString();
  const entry = key ? deps.results.get(key) : deps.results.latest();
  if (!entry) throw new Error('No Gong result to page through: run a paged action first.');
  if (!entry.cursor) throw new Error(`${entry.action.title}: this was the last page.`);
  return entry;
}

/** Fetches the page after a result document and opens it as a new document. */
export async function nextPage(deps: RunDeps, uri: unknown): Promise<RunOutcome> {
  const entry = entryFor(deps, uri);
  const api = requireApi(deps.services);
  const req = withCursor(entry.request, entry.cursor);
  let res: GongResponse;
  try {
    res = await withCancellableProgress(`Gong: ${entry.action.title}, page ${entry.page + 2}`, signal => api.request(req, signal));
  } catch (e) {
    if (classify(e).cancelled) throw new UserCancelled();
    return reportError(deps.services, entry.action, e, () => nextPage(deps, uri));
  }
  const next = await deps.results.open(entry.action, req, entry.input, res, entry.page + 1, ` page ${entry.page + 2}`);
  offerMore(next);
  return resultOutcome(next);
}

/**
 * Fetches every remaining page into one document, after saying how many requests that takes (from
 * Gong's `records.totalRecords`) and getting a yes.
 */
export async function fetchAll(deps: RunDeps, uri: unknown): Promise<RunOutcome> {
  const entry = entryFor(deps, uri);
  const api = requireApi(deps.services);
  const total = entry.meta.totalRecords;
  const budget = checkBudget(deps.services.session.stats(), entry.remaining);
  // Past the budget the button says so: nobody goes over it by pressing the usual one.
  const button = budget.over ? 'Fetch All Past the Budget' : 'Fetch All';
  const go = await deps.services.prompter().confirm(
    `Fetch all${total !== undefined ? ` ${total.toLocaleString('en-US')}` : ''} records of ${entry.action.title}? That takes ${entry.remaining} more request${entry.remaining === 1 ? '' : 's'}; ${budget.standing}`,
    { modal: true, detail: `${budget.over ? 'Gong may refuse requests past the company\'s daily limit until tomorrow. ' : ''}The requests are paced to the configured rate (gongExplorer.dailyRequestBudget sets the budget).` },
    button,
  );
  if (go !== button) throw new UserCancelled();
  const pages: unknown[] = [];
  let last: GongResponse | undefined;
  try {
    await withCancellableProgress(`Gong: fetching all of ${entry.action.title}`, async (signal, progress) => {
      const req = withCursor(entry.request, entry.cursor);
      let n = 0;
      for await (const page of api.pages(req, signal)) {
        pages.push(page.data);
        last = page;
        n += 1;
        progress.report({ message: `${n} of ${entry.remaining} requests`, increment: 100 / Math.max(1, entry.remaining) });
        if (n >= MAX_PAGES) break;
      }
    });
  } catch (e) {
    if (classify(e).cancelled) throw new UserCancelled();
    // The pages that came are kept: they open as one document whose Fetch all (and Next page)
    // carries on from the page that failed instead of asking Gong for them again.
    const failedPage = entry.page + 2 + pages.length;
    const lastCursor = recordsOf(last?.data)?.cursor;
    if (pages.length === 0 || lastCursor === undefined) {
      return reportError(deps.services, entry.action, e, () => fetchAll(deps, uri),
        `Page ${failedPage} failed; Fetch all again on this result resumes from it.`);
    }
    const partial = await deps.results.open(
      entry.action, entry.request, entry.input,
      { status: last?.status ?? entry.meta.status, data: mergePages(entry.action, [entry.data, ...pages]), requestId: last?.requestId ?? entry.meta.requestId },
      entry.page, ` pages ${entry.page + 1}-${failedPage - 1}`,
      { cursor: lastCursor, remaining: entry.remaining - pages.length },
    );
    return reportError(deps.services, entry.action, e, () => fetchAll(deps, partial.uri.toString()),
      `Page ${failedPage} failed; pages ${entry.page + 1}-${failedPage - 1} are kept in ${partial.uri.path.slice(1)}, whose Fetch all resumes from page ${failedPage}.`,
      partial.uri.toString());
  }
  const merged = mergePages(entry.action, [entry.data, ...pages]);
  const done = await deps.results.open(entry.action, entry.request, entry.input, { status: last?.status ?? entry.meta.status, data: merged, requestId: last?.requestId ?? entry.meta.requestId }, entry.page, ' all');
  return resultOutcome(done);
}
