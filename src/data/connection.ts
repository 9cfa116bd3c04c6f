/** The sign-in check: one cheap read, taken from the catalog like every other read. */
import type { GongApi } from '../gong/types';
import { actionOf, requestOf } from './read';

const check = actionOf('workspaces');

/** What the connection check sends and the scope a bearer token needs for it (shown to people). */
export const CONNECTION_CHECK = { method: check.method, path: check.path, scope: check.scope } as const;

/** Reads the workspaces list once with the given client; throws the client's typed error on failure. */
export async function checkConnection(api: GongApi, signal?: AbortSignal): Promise<void> {
  await api.request(requestOf('workspaces'), signal);
}
