/**
 * The per-profile cache on disk (the extension's global storage), so that after a window reload the
 * views paint what they showed before at once and fetch again behind it. One JSON file per profile,
 * named by a hash of the profile name; it holds Gong answers the views showed and when they were
 * fetched, never a credential. Bounded: at most MAX_ITEMS rows per list, MAX_ENTRIES lists and
 * MAX_BYTES per file (the largest lists go first), and nothing older than MAX_AGE_MS is restored.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProfileSnapshot, SourceSnapshot } from './cache';

export interface SnapshotLimits {
  maxItems: number;
  maxEntries: number;
  maxBytes: number;
  maxAgeMs: number;
}

export const DEFAULT_LIMITS: SnapshotLimits = {
  maxItems: 1000,
  maxEntries: 300,
  maxBytes: 4 * 1024 * 1024,
  maxAgeMs: 30 * 86_400_000,
};

/** Where snapshots are kept. */
export interface SnapshotStore {
  load(profile: string): Promise<ProfileSnapshot | undefined>;
  save(profile: string, snapshot: ProfileSnapshot): Promise<void>;
  remove(profile: string): Promise<void>;
  /** Removes every profile's snapshot. */
  clear(): Promise<void>;
}

const VERSION = 1;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A snapshot entry read from disk, checked member by member (a damaged file restores nothing wrong). */
function entryOf(v: unknown): SourceSnapshot | undefined {
  if (!isRecord(v) || typeof v.fetchedAt !== 'number' || !Number.isFinite(v.fetchedAt)) return undefined;
  if (v.kind === 'once' && 'value' in v) return { kind: 'once', fetchedAt: v.fetchedAt, value: v.value };
  if (v.kind === 'paged' && Array.isArray(v.items) && typeof v.pages === 'number') {
    const s: SourceSnapshot = { kind: 'paged', fetchedAt: v.fetchedAt, items: v.items, pages: v.pages };
    if (typeof v.total === 'number') s.total = v.total;
    if (typeof v.cursor === 'string') s.cursor = v.cursor;
    return s;
  }
  return undefined;
}

function text(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/**
 * The snapshot cut to the limits and its file text: long lists keep their first rows (and lose their
 * cursor: the fetch behind them brings every page back), the oldest lists go past maxEntries, and the
 * largest go until the file fits maxBytes.
 */
export function boundedText(snapshot: ProfileSnapshot, savedAt: number, limits: SnapshotLimits = DEFAULT_LIMITS): string {
  let entries = Object.entries(snapshot).map(([key, s]): [string, SourceSnapshot] => {
    if (s.kind === 'paged' && s.items.length > limits.maxItems) {
      const { cursor: _cursor, ...rest } = s;
      void _cursor;
      return [key, { ...rest, items: s.items.slice(0, limits.maxItems) }];
    }
    return [key, s];
  });
  entries.sort((a, b) => b[1].fetchedAt - a[1].fetchedAt);
  entries = entries.slice(0, limits.maxEntries);
  const sized = entries.map(([key, s]) => ({ key, s, bytes: text(s).length }));
  let total = sized.reduce((n, e) => n + e.bytes + e.key.length + 4, 0);
  const bySize = [...sized].sort((a, b) => b.bytes - a.bytes);
  const dropped = new Set<string>();
  for (const e of bySize) {
    if (total <= limits.maxBytes - 200) break;
    dropped.add(e.key);
    total -= e.bytes + e.key.length + 4;
  }
  const kept = Object.fromEntries(sized.filter(e => !dropped.has(e.key)).map(e => [e.key, e.s]));
  return text({ version: VERSION, savedAt, entries: kept });
}

/** Reads a snapshot file's text; entries past maxAgeMs or not well formed are left out. */
export function parseSnapshot(raw: string, now: number, limits: SnapshotLimits = DEFAULT_LIMITS): ProfileSnapshot | undefined {
  let data: unknown;
  try { data = JSON.parse(raw); } catch { return undefined; }
  if (!isRecord(data) || data.version !== VERSION || !isRecord(data.entries)) return undefined;
  const out: ProfileSnapshot = {};
  for (const [key, v] of Object.entries(data.entries)) {
    const s = entryOf(v);
    if (s && now - s.fetchedAt <= limits.maxAgeMs) out[key] = s;
  }
  return out;
}

/** Snapshots as files in one folder. */
export class DiskSnapshotStore implements SnapshotStore {
  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
    private readonly limits: SnapshotLimits = DEFAULT_LIMITS,
  ) {}

  /** The file of a profile: a hash of its name, so no name can reach outside the folder. */
  fileOf(profile: string): string {
    return join(this.dir, `${createHash('sha256').update(profile).digest('hex').slice(0, 32)}.json`);
  }

  async load(profile: string): Promise<ProfileSnapshot | undefined> {
    let raw: string;
    try { raw = await readFile(this.fileOf(profile), 'utf8'); } catch { return undefined; }
    if (raw.length > this.limits.maxBytes * 2) return undefined;
    return parseSnapshot(raw, this.now(), this.limits);
  }

  async save(profile: string, snapshot: ProfileSnapshot): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = this.fileOf(profile);
    const tmp = `${file}.${process.pid}.tmp`;
    // Written whole then renamed: a reload in the middle of a write finds the previous file.
    await writeFile(tmp, boundedText(snapshot, this.now(), this.limits), { encoding: 'utf8', mode: 0o600 });
    await rename(tmp, file);
  }

  async remove(profile: string): Promise<void> {
    await rm(this.fileOf(profile), { force: true });
  }

  async clear(): Promise<void> {
    let names: string[];
    try { names = await readdir(this.dir); } catch { return; }
    await Promise.all(names.filter(n => /^[0-9a-f]{32}\.json(\..*\.tmp)?$/.test(n)).map(n => rm(join(this.dir, n), { force: true })));
  }
}
