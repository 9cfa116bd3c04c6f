/** The public surface of the Gong client (also bundled as dist/gong.js for benchmarks and scripts). */
export type {
  GongApi, GongAuth, GongConnection, GongRecords, GongRequest, GongResponse, HttpMethod, MultipartFile,
  QueryValue, RequestLogEntry, SchedulerStats,
} from './types';
export { GongClient, buildQuery, emptyResponseData, isNothingFound } from './client';
export type { GongClientOptions } from './client';
export { DEFAULT_BASE_URL, normalizeBaseUrl } from './baseUrl';
export { GongError, GongMissingScopeError, GongRateLimitedError, errorFromResponse, parseRetryAfter } from './errors';
export type { GongErrorInit, GongErrorKind, GongErrorOfKind } from './errors';
export { classify, failureDetails, failureHeadline, failureLine, featureOf } from './failure';
export type { Failure, FailureKind } from './failure';
export { parseJson, stringifyJson } from './json';
export { collectAll, collectPages, paginate, recordsOf, withCursor } from './paging';
export type { CollectOptions, Collected } from './paging';
export { DEFAULT_PRIORITY, RequestScheduler, currentPriority, outranks, sharedScheduler, withPriority } from './scheduler';
export type { RequestPriority, SchedulerOptions } from './scheduler';
export { buildMultipart, contentTypeFor } from './multipart';
export type { MultipartBody } from './multipart';
