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
 * email and title, and their side. `docs_meta` maps an FTS row to its call and speaker. `scopes`
 * remembers the call ids of a listed scope (a date range, a folder) so a second search of it sends
 * no request.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ftsClause, ftsNot, matchRanges, sentenceMatches, snippet, speakerMatches, type ParsedQuery, type Range } from './query';

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
  const mod = (get ? get('node:sqlite') : require('node:sqlite')) as SqliteModule | undefined;
  if (!mod?.DatabaseSync) throw new Error('node:sqlite is not available');
  return mod;
}

const SCHEMA_VERSION = '1';
/** Calls a search returns unless asked for more: each costs reading and scanning its transcript. */
export const DEFAULT_LIMIT = 20;

export class SearchStore {
  private readonly db: Database;
  private readonly insertCall: Statement;
  private readonly insertDoc: Statement;
  private readonly insertMeta: Statement;
  private readonly getBody: Statement;

  constructor(readonly path: string) {
    let sqlite: SqliteModule;
    try { sqlite = loadSqlite(); } catch {
      throw new Error(`Searching calls needs node:sqlite, which this VS Code's extension host (Node ${process.versions.node}) lacks; VS Code 1.104 or newer has it.`);
    }
    this.db = new sqlite.DatabaseSync(path);
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
      CREATE TABLE IF NOT EXISTS calls (id TEXT PRIMARY KEY, title TEXT NOT NULL, started INTEGER, workspace TEXT, url TEXT,
        sentences INTEGER NOT NULL, body BLOB NOT NULL);
      CREATE INDEX IF NOT EXISTS calls_started ON calls(started);
      CREATE TABLE IF NOT EXISTS docs_meta (rowid INTEGER PRIMARY KEY, call TEXT NOT NULL, speaker INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS docs_meta_call ON docs_meta(call);
      CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(text, speaker, side, content='', tokenize='unicode61 remove_diacritics 2');
      CREATE TABLE IF NOT EXISTS scopes (key TEXT PRIMARY KEY, ids TEXT NOT NULL, listed INTEGER NOT NULL);
    `);
    const v = this.db.prepare('SELECT value FROM meta WHERE key = ?').get('schema')?.['value'];
    if (v === undefined) this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema', SCHEMA_VERSION);
    else if (v !== SCHEMA_VERSION) throw new Error(`The search store at ${path} has schema ${String(v)}; this version reads ${SCHEMA_VERSION}. Clear it to rebuild.`);
    this.insertCall = this.db.prepare('INSERT OR IGNORE INTO calls (id, title, started, workspace, url, sentences, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.insertDoc = this.db.prepare('INSERT INTO docs (rowid, text, speaker, side) VALUES (?, ?, ?, ?)');
    this.insertMeta = this.db.prepare('INSERT INTO docs_meta (call, speaker) VALUES (?, ?)');
    this.getBody = this.db.prepare('SELECT body FROM calls WHERE id = ?');
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
        const body = deflateRawSync(Buffer.from(JSON.stringify({ speakers: c.speakers, monologues: c.monologues }), 'utf8'));
        const r = this.insertCall.run(c.id, c.title, c.started ?? null, c.workspaceId ?? null, c.url ?? null, sentences, body);
        if (Number(r.changes) === 0) continue;
        added++;
        const bySpeaker = new Map<number, string[]>();
        for (const m of c.monologues) {
          let parts = bySpeaker.get(m.speaker);
          if (!parts) { parts = []; bySpeaker.set(m.speaker, parts); }
          for (const s of m.sentences) parts.push(s[2]);
        }
        for (const [i, parts] of bySpeaker) {
          const sp = c.speakers[i];
          const meta = this.insertMeta.run(c.id, i);
          this.insertDoc.run(meta.lastInsertRowid, parts.join('\n'), sp ? [sp.name, sp.email, sp.title].filter(Boolean).join(' ') : '', sp?.side ?? 'unknown');
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

  /** Searches the stored calls (or the given ones): the best calls by BM25 over each speaker's text, with their hits. */
  search(q: ParsedQuery, opts: SearchOptions = {}): SearchResult {
    const t0 = performance.now();
    const limit = Math.max(1, Math.min(opts.limit ?? DEFAULT_LIMIT, 1000));
    const params: unknown[] = [];
    const arms = q.clauses.map((c, k) => {
      params.push(ftsClause(c, q));
      return `SELECT dm.call AS call, bm25(docs, 1.0, 0.0, 0.0) AS s, ${k} AS k FROM docs CROSS JOIN docs_meta dm ON dm.rowid = docs.rowid WHERE docs MATCH ?`;
    });
    const where: string[] = [];
    if (q.from !== undefined) { where.push('c.started >= ?'); params.push(q.from); }
    if (q.to !== undefined) { where.push('c.started < ?'); params.push(q.to); }
    if (q.workspaces.length) {
      const known = opts.workspaces ?? [];
      const ids = q.workspaces.map(w => {
        const hit = known.find(k => k.id === w || k.name.toLowerCase() === w.toLowerCase());
        if (hit) return hit.id;
        if (/^\d{1,30}$/.test(w)) return w;
        throw new Error(`No workspace named "${w}"${known.length ? ` (known: ${known.map(k => k.name).join(', ')})` : ''}.`);
      });
      where.push('c.workspace IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(ids));
    }
    if (opts.callIds) { where.push('m.call IN (SELECT value FROM json_each(?))'); params.push(JSON.stringify(opts.callIds)); }
    const not = ftsNot(q);
    if (not) { where.push('m.call NOT IN (SELECT dm2.call FROM docs CROSS JOIN docs_meta dm2 ON dm2.rowid = docs.rowid WHERE docs MATCH ?)'); params.push(not); }
    params.push(q.clauses.length, limit);
    const sql = `WITH m AS MATERIALIZED (${arms.join(' UNION ALL ')})
      SELECT m.call AS call, sum(m.s) AS score, c.title AS title, c.started AS started, c.url AS url, c.workspace AS workspace, count(*) OVER () AS total
      FROM m JOIN calls c ON c.id = m.call
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      GROUP BY m.call HAVING count(DISTINCT m.k) = ?
      ORDER BY score, c.started DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params);
    const hitsPerCall = Math.max(0, Math.min(opts.hitsPerCall ?? 20, 500));
    const calls: CallResult[] = rows.map(r => {
      const callId = String(r['call']);
      const res: CallResult = { callId, title: String(r['title']), matches: 0, hits: [] };
      if (typeof r['started'] === 'number') res.started = r['started'];
      if (typeof r['url'] === 'string') res.url = r['url'];
      if (typeof r['workspace'] === 'string') res.workspaceId = r['workspace'];
      const bodyRow = this.getBody.get(callId);
      if (bodyRow) collectHits(q, decode(bodyRow['body']), res, hitsPerCall);
      return res;
    });
    const searched = opts.callIds
      ? Number(this.db.prepare('SELECT count(*) AS n FROM calls WHERE id IN (SELECT value FROM json_each(?))').get(JSON.stringify(opts.callIds))?.['n'] ?? 0)
      : Number(this.db.prepare('SELECT count(*) AS n FROM calls').get()?.['n'] ?? 0);
    return { query: q.text, totalCalls: Number(rows[0]?.['total'] ?? 0), calls, searchedCalls: searched, tookMs: performance.now() - t0 };
  }

  stats(bytes: number): StoreStats {
    const c = this.db.prepare('SELECT count(*) AS n, sum(sentences > 0) AS t, sum(sentences) AS s FROM calls').get() ?? {};
    const s = this.db.prepare('SELECT count(*) AS n FROM scopes').get() ?? {};
    return { calls: Number(c['n'] ?? 0), withTranscript: Number(c['t'] ?? 0), sentences: Number(c['s'] ?? 0), bytes, scopes: Number(s['n'] ?? 0) };
  }

  /** Folds the write-ahead log into the file (so its size is the store's size) and merges index segments. */
  optimize(): void {
    this.db.exec("INSERT INTO docs(docs) VALUES ('optimize'); PRAGMA wal_checkpoint(TRUNCATE);");
  }

  close(): void { this.db.close(); }
}

function decode(body: unknown): { speakers: StoredSpeaker[]; monologues: StoredMonologue[] } {
  const buf = body instanceof Uint8Array ? body : new Uint8Array(0);
  const parsed = JSON.parse(inflateRawSync(buf).toString('utf8')) as { speakers?: StoredSpeaker[]; monologues?: StoredMonologue[] };
  return { speakers: parsed.speakers ?? [], monologues: parsed.monologues ?? [] };
}

/** Scans one transcript for the sentences that are hits (a positive term, and the speaker and side filters). */
function collectHits(q: ParsedQuery, t: { speakers: StoredSpeaker[]; monologues: StoredMonologue[] }, res: CallResult, max: number): void {
  const speakerOk = t.speakers.map(s => (!q.side || s.side === q.side) && speakerMatches(q, [s.name, s.email, s.title].filter(Boolean).join(' ')));
  for (const m of t.monologues) {
    if (!speakerOk[m.speaker]) continue;
    const sp = t.speakers[m.speaker];
    for (const [start, , text] of m.sentences) {
      if (res.hits.length >= max) { if (sentenceMatches(q, text)) res.matches++; continue; }
      const ranges = matchRanges(q, text);
      if (ranges.length === 0) continue;
      res.matches++;
      {
        const snip = snippet(text, ranges);
        res.hits.push({ at: start, speaker: sp?.name ?? 'Unknown speaker', side: sp?.side ?? 'unknown', text: snip.text, ranges: snip.ranges });
      }
    }
  }
}
