/** A local Gong plus a real client for the render tests; callers close() it. */
import { GongClient } from '../../../src/gong/client';
import { paginate } from '../../../src/gong/paging';
import { RequestScheduler } from '../../../src/gong/scheduler';
import type { GongApi, GongRequest, GongResponse } from '../../../src/gong/types';
import { startLocalGong, type LocalGongHandle, type LocalGongOptions } from '../../../src/localGong/index';

export interface TestGong {
  gong: LocalGongHandle;
  api: GongApi;
  /** Requests the code under test made (each page counts, retries of one request do not), by path. */
  requests: string[];
  close(): Promise<void>;
}

export async function startTestGong(options: LocalGongOptions = {}): Promise<TestGong> {
  const gong = await startLocalGong({ rateLimit: false, ...options });
  const requests: string[] = [];
  const client = new GongClient(
    { baseUrl: gong.baseUrl, auth: { kind: 'basic', accessKey: gong.accessKey, accessKeySecret: gong.accessKeySecret } },
    // Reads are retried as in the extension: a loaded test machine occasionally resets a local connection.
    { scheduler: new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 8 }), timeoutMs: 60_000, maxRetries: 2, retryBaseDelayMs: 50 },
  );
  const api: GongApi = {
    request<T>(req: GongRequest, signal?: AbortSignal): Promise<GongResponse<T>> {
      requests.push(req.path);
      return client.request<T>(req, signal);
    },
    pages<T>(req: GongRequest, signal?: AbortSignal): AsyncIterableIterator<GongResponse<T>> {
      return paginate<T>(api, req, signal);
    },
  };
  return { gong, api, requests, close: () => gong.close() };
}
