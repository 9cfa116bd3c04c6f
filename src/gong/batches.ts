/**
 * Requests over many ids in batches that shrink when Gong's answers are large. A transcript is tens
 * of kilobytes for a short call and megabytes for a long one, so a fixed 100 ids can mean a 20 MB
 * answer: seconds of reading and a parse long enough to stall the extension host. The next batch is
 * sized from the bytes per id seen so far, and a batch whose answer is over the client's cap is split
 * in two and asked again. No `vscode` here.
 */
import { GongError } from './errors';
import type { GongApi, GongRequest, GongResponse } from './types';

export interface ShrinkingBatchOptions {
  /** Most ids in one request (Gong's limit for these filters is 100). */
  maxBatch?: number;
  /** Aim for answers of about this many bytes (default 6 MB: about 40 ms of native parsing). */
  targetBytes?: number;
  signal?: AbortSignal;
}

export const DEFAULT_TARGET_BYTES = 6 * 1024 * 1024;

/** How many ids the next batch may hold, given the bytes per id seen so far. */
export function nextBatchSize(bytesSoFar: number, idsSoFar: number, maxBatch: number, targetBytes: number): number {
  if (idsSoFar <= 0 || bytesSoFar <= 0) return maxBatch;
  const perId = bytesSoFar / idsSoFar;
  return Math.max(1, Math.min(maxBatch, Math.floor(targetBytes / perId)));
}

/**
 * Runs `request(batch)` (with Gong's cursor pages) over every id, handing each page to `onPage`.
 * Returns the batch sizes used, in order (for logs and tests).
 */
export async function fetchInShrinkingBatches(
  api: GongApi,
  ids: readonly string[],
  request: (batch: readonly string[]) => GongRequest,
  onPage: (page: GongResponse) => void,
  options: ShrinkingBatchOptions = {},
): Promise<number[]> {
  const maxBatch = Math.max(1, Math.floor(options.maxBatch ?? 100));
  const targetBytes = Math.max(1, options.targetBytes ?? DEFAULT_TARGET_BYTES);
  const pending = [...new Set(ids)];
  const sizes: number[] = [];
  let bytes = 0;
  let done = 0;
  let cap = maxBatch;
  // Bounded: every pass either takes ids off `pending` for good or halves a batch of 2+ (which ends at 1).
  while (pending.length > 0) {
    const size = Math.min(cap, nextBatchSize(bytes, done, maxBatch, targetBytes));
    const batch = pending.slice(0, size);
    try {
      let batchBytes = 0;
      for await (const page of api.pages(request(batch), options.signal)) {
        batchBytes += page.bytes ?? 0;
        onPage(page);
      }
      pending.splice(0, batch.length);
      sizes.push(batch.length);
      bytes += batchBytes;
      done += batch.length;
    } catch (e) {
      if (!GongError.is(e, 'tooLarge') || batch.length <= 1) throw e;
      // Too large for the client to read: the same ids in smaller requests, from now on.
      cap = Math.max(1, Math.floor(batch.length / 2));
    }
  }
  return sizes;
}
