/**
 * The per-profile transcript store and its full-text index: one SQLite file (node:sqlite, FTS5).
 * Synchronous, so the extension runs it in a worker thread (src/search/worker.ts); tests and the
 * benchmark may also use it directly. Pure: no vscode.
 *
 * Why SQLite FTS5: measured on the local Gong's 10,000 calls (5.6 M sentences, 240 MB of text), an
 * in-memory JavaScript index (MiniSearch) took 41 s to build, 188 MB of heap and 100-340 ms per query
 * on common words, and must be loaded whole from a 43 MB JSON file; FTS5 keeps its index on disk,
 * answers from it without loading it, and grows to 100,000 calls without growing the heap.
 *
 * Layout: `calls` holds each call's metadata and its transcript (deflated JSON); `docs` is a
 * contentless FTS5 table with one row per (call, speaker): everything the speaker said, their name,
 * email and title, and their side; its rowid is the call's rowid times 64 plus the speaker, so a match
 * names its call without a join. The worker keeps each call's date and workspace in memory (a few
 * dozen bytes a call) so ranking and filters run over plain maps, not SQL joins. `scopes`
 * remembers the call ids of a listed scope (a date range, a folder) so a second search of it sends
 * no request.
 */
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { ftsClause, ftsNot, matchRanges, snippet, speakerMatches, type ParsedQuery, type Range } from './query';

/** A speaker as stored: name and side come from the call's parties (Gong's call data). */
export interface StoredSpeaker {
  name: string;
  side: 'company' | 'external' | 'unknown';
  email?: string;
  title?: string;
}

/** A monologue as stored: the speaker index and its sentences as [startMs, endMs, text]. */
export interface StoredMonologue {
  speaker: number;
  sentences: Array<[number, number, string]>;
}

/** One call with its transcript, as the store keeps it. A call without a transcript has no monologues. */
export interface StoredCall {
  id: string;
  title: string;
  /** Call start, ms since the epoch. */
  started?: number;
  workspaceId?: string;
  url?: string;
  speakers: StoredSpeaker[];
  monologues: StoredMonologue[];
}

export interface SearchHit {
  /** Ms from the start of the call. */
  at: number;
  speaker: string;
  side: StoredSpeaker['side'];
  /** The sentence (shortened around the match when long) and the highlighted ranges in it. */
  text: string;
  ranges: Range[];
}

export interface CallResult {
  callId: string;
  title: string;
  started?: number;
  url?: string;
  workspaceId?: string;
  /** Sentences that match in this call (hits may hold fewer). */
  matches: number;
  hits: SearchHit[];
}

export interface SearchResult {
  query: string;
  /** Calls that match, of which `calls` holds the best `limit`. */
  totalCalls: number;
  calls: CallResult[];
  /** Calls the search covered (the scope's stored calls, or every stored call). */
  searchedCalls: number;
  tookMs: number;
}

export interface SearchOptions {
  /** Limit the search to these calls (a scope); every stored call otherwise. */
  callIds?: readonly string[];
  /** `workspace:` values resolve against these (id or name). */
  workspaces?: ReadonlyArray<{ id: string; name: string }>;
  /** Calls returned (default 20). */
  limit?: number;
  /** Hits returned per call (default 20). */
  hitsPerCall?: number;
}

export interface StoreStats {
  calls: number;
  withTranscript: number;
  sentences: number;
  /** The database file's size on disk. */
  bytes: number;
  scopes: number;
  /** Time the worker spent storing and indexing since it started (worker only). */
  indexMs?: number;
}

/** A listed scope (its call ids) kept so that searching it again sends no request. */
export interface StoredScope {
  key: string;
  callIds: string[];
  listedAt: number;
}

interface CallMeta { id: string; started: number | undefined; workspace: string | undefined }

/** The subset of node:sqlite this module uses (its types are not in @types/node 20). */
interface Statement {
  run(...params: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...params: unknown[]): Record<string, unknown> | undefined;
  all(...params: unknown[]): Array<Record<string, unknown>>;
}
interface Database {
  exec(sql: string): void;
  prepare(sql: string): Statement;
  close(): void;
}
interface SqliteModule { DatabaseSync: new (path: string) => Database }

/** Whether this Node has node:sqlite (Node 22.13+, VS Code's extension host since Electron 37). */
export function sqliteAvailable(): boolean {
  try { loadSqlite(); return true; } catch { return false; }
}

function loadSqlite(): SqliteModule {
  // getBuiltinModule avoids bundlers and the ExperimentalWarning-free path where present.
  const get = (process as unknown as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at activation
  const mod = (get ? get('node:sqlite') : require('node:sqlite')) as SqliteModule | undefined;
  if (!mod?.DatabaseSync) throw new Error('node:sqlite is not available');
  return mod;
}

const SCHEMA_VERSION = '2';
/** FTS rows per call: speakers past the 63rd share the last row. */
const SPEAKER_SLOTS = 64;
/** Calls a search returns unless asked for more: each costs reading and scanning its transcript. */
export const DEFAULT_LIMIT = 20;

export class SearchStore {
  private readonly db: Database;
  private readonly insertCall: Statement;
  private readonly insertDoc: Statement;
  /** Call rowid -> what ranking and filters need, loaded on the first search and kept current by put(). */
  private meta: Map<number, CallMeta> | undefined;

  constructor(readonly path: string) {
    let sqlite: SqliteModule;
    try { sqlite = loadSqlite(); } catch {
      throw new Error(`Searching calls needs node:sqlite, which this VS Code's extension host (Node ${process.versions.node}) lacks; VS Code 1.104 or newer has it.`);
    }
    this.db = new sqlite.DatabaseSync(path);
    // The store is a cache of Gong's data: one written by another schema is rebuilt, not migrated.
    const old = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get()
      ? this.db.prepare('SELECT value FROM meta WHERE key = ?').get('schema')?.['value'] : undefined;
    if (old !== undefined && old !== SCHEMA_VERSION) {
      this.db.exec('DROP TABLE IF EXISTS docs; DROP TABLE IF EXISTS docs_meta; DROP TABLE IF EXISTS calls; DROP TABLE IF EXISTS scopes; DROP TABLE IF EXISTS meta; VACUUM;');
    }
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
      CREATE TABLE IF NOT EXISTS calls (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, started INTEGER,
        workspace TEXT, url TEXT, sentences INTEGER NOT NULL, body BLOB NOT NULL);
      CREATE INDEX IF NOT EXISTS calls_started ON calls(started);
      CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(text, speaker, side, content='', tokenize='unicode61 remove_diacritics 2');
      CREATE TABLE IF NOT EXISTS scopes (key TEXT PRIMARY KEY, ids TEXT NOT NULL, listed INTEGER NOT NULL);
    `);
    const v = this.db.prepare('SELECT value FROM meta WHERE key = ?').get('schema')?.['value'];
    if (v === undefined) this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema', SCHEMA_VERSION);
    this.insertCall = this.db.prepare('INSERT OR IGNORE INTO calls (id, title, started, workspace, url, sentences, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.insertDoc = this.db.prepare('INSERT INTO docs (rowid, text, speaker, side) VALUES (?, ?, ?, ?)');
  }

  /** Of these call ids, the ones already stored (their transcript, or that they have none). */
  storedOf(callIds: readonly string[]): string[] {
    const rows = this.db.prepare('SELECT id FROM calls WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(callIds));
    return rows.map(r => String(r['id']));
  }

  /** How many stored calls started in [from, to) (in a workspace when given): the cost estimate of a range. */
  storedBetween(from: number, to: number, workspaceId?: string): number {
    const row = workspaceId
      ? this.db.prepare('SELECT count(*) AS n FROM calls WHERE started >= ? AND started < ? AND workspace = ?').get(from, to, workspaceId)
      : this.db.prepare('SELECT count(*) AS n FROM calls WHERE started >= ? AND started < ?').get(from, to);
    return Number(row?.['n'] ?? 0);
  }

  /** Stores calls with their transcripts and indexes them, in one transaction. Calls already stored are kept as they are. */
  put(calls: readonly StoredCall[]): number {
    let added = 0;
    this.db.exec('BEGIN');
    try {
      for (const c of calls) {
        const sentences = c.monologues.reduce((n, m) => n + m.sentences.length, 0);
        // Fastest deflate level: a third of the time of the default for a few percent more bytes.
        const body = deflateRawSync(Buffer.from(JSON.stringify({ speakers: c.speakers, monologues: c.monologues }), 'utf8'), { level: constants.Z_BEST_SPEED });
        const r = this.insertCall.run(c.id, c.title, c.started ?? null, c.workspaceId ?? null, c.url ?? null, sentences, body);
        if (Number(r.changes) === 0) continue;
        added++;
        const seq = Number(r.lastInsertRowid);
        this.meta?.set(seq, { id: c.id, started: c.started, workspace: c.workspaceId });
        const bySpeaker = new Map<number, string[]>();
        for (const m of c.monologues) {
          const slot = Math.min(m.speaker, SPEAKER_SLOTS - 1);
          let parts = bySpeaker.get(slot);
          if (!parts) { parts = []; bySpeaker.set(slot, parts); }
          for (const s of m.sentences) parts.push(s[2]);
        }
        for (const [i, parts] of bySpeaker) {
          const sp = c.speakers[i];
          this.insertDoc.run(seq * SPEAKER_SLOTS + i, parts.join('\n'), sp ? [sp.name, sp.email, sp.title].filter(Boolean).join(' ') : '', sp?.side ?? 'unknown');
        }
      }
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
    return added;
  }

  /** A stored call with its transcript. */
  get(callId: string): StoredCall | undefined {
    const row = this.db.prepare('SELECT id, title, started, workspace, url, body FROM calls WHERE id = ?').get(callId);
    if (!row) return undefined;
    const body = decode(row['body']);
    const c: StoredCall = { id: String(row['id']), title: String(row['title']), speakers: body.speakers, monologues: body.monologues };
    if (typeof row['started'] === 'number') c.started = row['started'];
    if (typeof row['workspace'] === 'string') c.workspaceId = row['workspace'];
    if (typeof row['url'] === 'string') c.url = row['url'];
    return c;
  }

  saveScope(key: string, callIds: readonly string[], listedAt: number): void {
    this.db.prepare('INSERT OR REPLACE INTO scopes (key, ids, listed) VALUES (?, ?, ?)').run(key, JSON.stringify(callIds), listedAt);
  }

  scope(key: string): StoredScope | undefined {
    const row = this.db.prepare('SELECT ids, listed FROM scopes WHERE key = ?').get(key);
    if (!row) return undefined;
    const ids = JSON.parse(String(row['ids'])) as unknown;
    return Array.isArray(ids) ? { key, callIds: ids.map(String), listedAt: Number(row['listed']) } : undefined;
  }

  private callMeta(): Map<number, CallMeta> {
    if (!this.meta) {
      this.meta = new Map();
      for (const r of this.db.prepare('SELECT seq, id, started, workspace FROM calls').all()) {
        this.meta.set(Number(r['seq']), { id: String(r['id']), started: typeof r['started'] === 'number' ? r['started'] : undefined, workspace: typeof r['workspace'] === 'string' ? r['workspace'] : undefined });
      }
    }
    return this.meta;
  }

  /**
   * Call rowid -> summed BM25 of its matching speaker rows (lower is better, as SQLite scores).
   * Summed and grouped by call inside SQLite, so only one row per call crosses into JavaScript (a
   * common word matches most speaker rows of most calls). bm25() cannot run in an aggregate, hence
   * the materialized step.
   */
  private matchScores(expr: string, withScore: boolean): Map<number, number> {
    const out = new Map<number, number>();
    const sql = withScore
      ? `WITH m AS MATERIALIZED (SELECT rowid AS r, bm25(docs, 1.0, 0.0, 0.0) AS s FROM docs WHERE docs MATCH ?)
         SELECT r / ${SPEAKER_SLOTS} AS c, sum(s) AS s FROM m GROUP BY c`
      : `SELECT DISTINCT rowid / ${SPEAKER_SLOTS} AS c, 0 AS s FROM docs WHERE docs MATCH ?`;
    for (const row of this.db.prepare(sql).all(expr)) out.set(Number(row['c']), Number(row['s']));
    return out;
  }

  /**
   * Searches the stored calls (or the given ones): each clause is matched in the index, the calls
   * holding every clause are ranked by their summed BM25 (newer first on ties), and the best
   * `limit` are read back for their hits.
   */
  search(q: ParsedQuery, opts: SearchOptions = {}): SearchResult {
    const t0 = performance.now();
    const limit = Math.max(1, Math.min(opts.limit ?? DEFAULT_LIMIT, 1000));
    let workspaceIds: Set<string> | undefined;
    if (q.workspaces.length) {
      const known = opts.workspaces ?? [];
      workspaceIds = new Set(q.workspaces.map(w => {
        const hit = known.find(k => k.id === w || k.name.toLowerCase() === w.toLowerCase());
        if (hit) return hit.id;
        if (/^\d{1,30}$/.test(w)) return w;
        throw new Error(`No workspace named "${w}"${known.length ? ` (known: ${known.map(k => k.name).join(', ')})` : ''}.`);
      }));
    }
    const meta = this.callMeta();
    const inScope = opts.callIds ? new Set(opts.callIds) : undefined;
    const not = ftsNot(q);
    const excluded = not ? this.matchScores(not, false) : undefined;
    // Rarest clause first would be ideal; every clause is scored, and calls must hold all of them.
    let scores: Map<number, number> | undefined;
    for (const c of q.clauses) {
      const m = this.matchScores(ftsClause(c, q), true);
      if (!scores) { scores = m; continue; }
      const next = new Map<number, number>();
      for (const [seq, sc] of scores) { const o = m.get(seq); if (o !== undefined) next.set(seq, sc + o); }
      scores = next;
    }
    const ranked: Array<{ seq: number; score: number; m: CallMeta }> = [];
    for (const [seq, score] of scores ?? []) {
      const m = meta.get(seq);
      if (!m) continue;
      if (excluded?.has(seq)) continue;
      if (inScope && !inScope.has(m.id)) continue;
      if (q.from !== undefined && !(m.started !== undefined && m.started >= q.from)) continue;
      if (q.to !== undefined && !(m.started !== undefined && m.started < q.to)) continue;
      if (workspaceIds && !(m.workspace !== undefined && workspaceIds.has(m.workspace))) continue;
      ranked.push({ seq, score, m });
    }
    ranked.sort((a, b) => a.score - b.score || (b.m.started ?? 0) - (a.m.started ?? 0));
    const hitsPerCall = Math.max(0, Math.min(opts.hitsPerCall ?? 20, 500));
    const read = this.db.prepare('SELECT id, title, started, workspace, url, body FROM calls WHERE seq = ?');
    const calls: CallResult[] = [];
    // Sentences recur across calls ("Sounds good.", a rep's stock pitch): each distinct one is matched once.
    const seen = new Map<string, Range[]>();
    for (const r of ranked.slice(0, limit)) {
      const row = read.get(r.seq);
      if (!row) continue;
      const res: CallResult = { callId: String(row['id']), title: String(row['title']), matches: 0, hits: [] };
      if (typeof row['started'] === 'number') res.started = row['started'];
      if (typeof row['url'] === 'string') res.url = row['url'];
      if (typeof row['workspace'] === 'string') res.workspaceId = row['workspace'];
      collectHits(q, decode(row['body']), res, hitsPerCall, seen);
      calls.push(res);
    }
    let searched = meta.size;
    if (inScope) { searched = 0; for (const m of meta.values()) if (inScope.has(m.id)) searched++; }
    return { query: q.text, totalCalls: ranked.length, calls, searchedCalls: searched, tookMs: performance.now() - t0 };
  }

  stats(bytes: number): StoreStats {
    const c = this.db.prepare('SELECT count(*) AS n, sum(sentences > 0) AS t, sum(sentences) AS s FROM calls').get() ?? {};
    const s = this.db.prepare('SELECT count(*) AS n FROM scopes').get() ?? {};
    return { calls: Number(c['n'] ?? 0), withTranscript: Number(c['t'] ?? 0), sentences: Number(c['s'] ?? 0), bytes, scopes: Number(s['n'] ?? 0) };
  }

  /**
   * Folds the write-ahead log into the file (so its size is the store's size). The index's own
   * segment merging (FTS5 automerge) runs as it is written; a full 'optimize' would rewrite the whole
   * index (seconds for 10,000 calls) on every close, so it is not done here.
   */
  checkpoint(): void {
    this.db.exec('PRAGMA wal_checkpoint(TRUNCATE);');
  }

  close(): void { this.db.close(); }
}

function decode(body: unknown): { speakers: StoredSpeaker[]; monologues: StoredMonologue[] } {
  const buf = body instanceof Uint8Array ? body : new Uint8Array(0);
  const parsed = JSON.parse(inflateRawSync(buf).toString('utf8')) as { speakers?: StoredSpeaker[]; monologues?: StoredMonologue[] };
  return { speakers: parsed.speakers ?? [], monologues: parsed.monologues ?? [] };
}

/** Scans one transcript for the sentences that are hits (a positive term, and the speaker and side filters). */
function collectHits(q: ParsedQuery, t: { speakers: StoredSpeaker[]; monologues: StoredMonologue[] }, res: CallResult, max: number, seen: Map<string, Range[]>): void {
  const speakerOk = t.speakers.map(s => (!q.side || s.side === q.side) && speakerMatches(q, [s.name, s.email, s.title].filter(Boolean).join(' ')));
  for (const m of t.monologues) {
    if (!speakerOk[m.speaker]) continue;
    const sp = t.speakers[m.speaker];
    for (const [start, , text] of m.sentences) {
      let ranges = seen.get(text);
      if (!ranges) { ranges = matchRanges(q, text); if (seen.size < 100_000) seen.set(text, ranges); }
      if (ranges.length === 0) continue;
      res.matches++;
      if (res.hits.length >= max) continue;
      const snip = snippet(text, ranges);
      res.hits.push({ at: start, speaker: sp?.name ?? 'Unknown speaker', side: sp?.side ?? 'unknown', text: snip.text, ranges: snip.ranges });
    }
  }
}
