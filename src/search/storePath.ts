/**
 * Where a profile's transcript store lives: `<globalStorage>/search/<slug>-<hash>/store.db`, the folder
 * named from the profile's name and base URL (nothing secret). The Search view opens it, and the MCP
 * server VS Code starts is handed it (GONG_SEARCH_STORE), so both search the same transcripts. Pure: no vscode.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The store's file in its folder. */
export const STORE_FILE = 'store.db';

/** The folder holding every profile's store, under the extension's global storage. */
export function searchRootOf(globalStorage: string): string {
  return join(globalStorage, 'search');
}

/** A folder per profile, named from the profile and its base URL (nothing secret). */
export function storeFolderOf(root: string, name: string, baseUrl: string): string {
  const slug = name.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40) || 'profile';
  return join(root, `${slug}-${createHash('sha256').update(`${name}\n${baseUrl}`).digest('hex').slice(0, 10)}`);
}

/** The profile's store file (its folder may not exist yet: see prepareStoreFolder). */
export function storeFileOf(globalStorage: string, name: string, baseUrl: string): string {
  return join(storeFolderOf(searchRootOf(globalStorage), name, baseUrl), STORE_FILE);
}

/** Creates the profile's folder and labels it (profile.json: name and base URL) for the list of stores. */
export function prepareStoreFolder(folder: string, name: string, baseUrl: string): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'profile.json'), JSON.stringify({ profile: name, baseUrl }));
}
