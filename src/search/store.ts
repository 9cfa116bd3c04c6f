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
 * Layout: `calls` holds each call's metadata and its transcript (deflated JSON); `calltext` is a
 * contentless FTS5 table with one row per call (its rowid is the call's): what the company side said,
 * what the external side said, what speakers of unknown side said, and the speakers' names, emails
 * and titles. One row per call lets a query's clauses meet in one MATCH and be ranked by one BM25
 * (measured on the local Gong's 10,000 calls: 3 to 5 times faster than the earlier row per speaker,
 * whose clauses each needed a query of their own and a grouping), `side:` is a column filter, and
 * `speaker:` narrows to calls the speaker was on and is then checked on the transcript. The worker
 * keeps each call's date and workspace in memory (a few dozen bytes a call) so filters run over plain
 * maps, not SQL joins. `scopes` remembers the call ids of a listed scope (a date range, a folder) so
 * a second search of it sends no request. clear() empties the file in place (another process may have
 * it open) and counts the clearing in `meta` ('cleared'), which tells that process to forget what it knew.
 */
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { clausesIn, ftsMatch, matchRanges, snippet, speakerMatches, type ParsedQuery, type Range } from './query';

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
  setReturnArrays?(enabled: boolean): void;
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

const SCHEMA_VERSION = '4';
/**
 * Between two sentences in the index: a line holding a letter no one says (U+A66E), a token of its
 * own, so an FTS5 phrase does not reach from one sentence into the next.
 */
const SENTENCE_BREAK = '\n\ua66e\n';
/** Calls a search returns unless asked for more: each costs reading and scanning its transcript. */
export const DEFAULT_LIMIT = 20;

export class SearchStore {
  private readonly db: Database;
  private readonly insertCall: Statement;
  private readonly insertDoc: Statement;
  /**
   * Call rowid -> what ranking and filters need, loaded on the first search, kept current by put() and,
   * for calls another process stored in the same file, by the next search (see callMeta).
   */
  private meta: Map<number, CallMeta> | undefined;
  private metaSeq = 0;
  private metaVersion: number | undefined;
  /** How many times the file was cleared when `meta` was loaded: another count means start over. */
  private metaCleared = 0;
  private readonly dataVersion: Statement;
  private readonly clearedCount: Statement;

  constructor(readonly path: string) {
    let sqlite: SqliteModule;
    try { sqlite = loadSqlite(); } catch {
      throw new Error(`Searching calls needs node:sqlite, which this VS Code's extension host (Node ${process.versions.node}) lacks; VS Code 1.104 or newer has it.`);
    }
    this.db = new sqlite.DatabaseSync(path);
    // The extension's worker and a `gong mcp` server may have the same file open: a write waits up to
    // 5 s for the other's write to finish instead of failing at once with SQLITE_BUSY.
    this.db.exec('PRAGMA busy_timeout = 5000;');
    // The store is a cache of Gong's data. Schemas 2 (an index row per speaker) and 3 (sentences not
    // kept apart in the index) keep their calls and are indexed again from them below (what was
    // fetched costs nothing twice); anything else is rebuilt.
    const old = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get()
      ? this.db.prepare('SELECT value FROM meta WHERE key = ?').get('schema')?.['value'] : undefined;
    let reindex = false;
    if (old === '2' || old === '3') {
      this.db.exec(`DROP TABLE IF EXISTS docs; DROP TABLE IF EXISTS calltext; UPDATE meta SET value = '${SCHEMA_VERSION}' WHERE key = 'schema';`);
      reindex = true;
    } else if (old !== undefined && old !== SCHEMA_VERSION) {
      this.db.exec('DROP TABLE IF EXISTS docs; DROP TABLE IF EXISTS calltext; DROP TABLE IF EXISTS calls; DROP TABLE IF EXISTS scopes; DROP TABLE IF EXISTS meta; VACUUM;');
    }
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
      CREATE TABLE IF NOT EXISTS calls (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, started INTEGER,
        workspace TEXT, url TEXT, sentences INTEGER NOT NULL, body BLOB NOT NULL, voices BLOB);
      CREATE INDEX IF NOT EXISTS calls_started ON calls(started);
      CREATE VIRTUAL TABLE IF NOT EXISTS calltext USING fts5(company, external, other, speakers, content='', tokenize='unicode61 remove_diacritics 2');
      CREATE TABLE IF NOT EXISTS scopes (key TEXT PRIMARY KEY, ids TEXT NOT NULL, listed INTEGER NOT NULL);
    `);
    const v = this.db.prepare('SELECT value FROM meta WHERE key = ?').get('schema')?.['value'];
    // OR IGNORE: another process opening a new file at the same moment may have written it first.
    if (v === undefined) this.db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('schema', SCHEMA_VERSION);
    this.dataVersion = this.db.prepare('PRAGMA data_version');
    this.clearedCount = this.db.prepare("SELECT value FROM meta WHERE key = 'cleared'");
    // What each speaker said, apart from the transcript (see voicesOf): a store from before it gains the
    // column and fills it once, here in the worker.
    const hasVoices = this.db.prepare('SELECT 1 AS y FROM pragma_table_info(?) WHERE name = ?').get('calls', 'voices') !== undefined;
    if (!hasVoices) this.db.exec('ALTER TABLE calls ADD COLUMN voices BLOB');
    this.insertCall = this.db.prepare('INSERT OR IGNORE INTO calls (id, title, started, workspace, url, sentences, body, voices) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertDoc = this.db.prepare('INSERT INTO calltext (rowid, company, external, other, speakers) VALUES (?, ?, ?, ?, ?)');
    if (reindex) this.reindex();
    if (!hasVoices) this.fillVoices();
  }

  /** Writes the voices of calls stored before that column existed. */
  private fillVoices(): void {
    const set = this.db.prepare('UPDATE calls SET voices = ? WHERE seq = ?');
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const row of this.db.prepare('SELECT seq, body FROM calls WHERE voices IS NULL').all()) set.run(encodeVoices(decode(row['body'])), Number(row['seq']));
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  /** Indexes every stored call again from its transcript (after a change of the index's layout). */
  private reindex(): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const row of this.db.prepare('SELECT seq, body FROM calls').all()) this.indexCall(Number(row['seq']), decode(row['body']));
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  /** One index row: the call's text by side, and its speakers. */
  private indexCall(seq: number, t: { speakers: StoredSpeaker[]; monologues: StoredMonologue[] }): void {
    const bySide: Record<StoredSpeaker['side'], string[]> = { company: [], external: [], unknown: [] };
    for (const m of t.monologues) {
      const parts = bySide[t.speakers[m.speaker]?.side ?? 'unknown'];
      for (const s of m.sentences) parts.push(s[2]);
    }
    const speakers = t.speakers.map(sp => [sp.name, sp.email, sp.title].filter(Boolean).join(' ')).join('\n');
    // Sentences kept apart by a token no one says, so a phrase matches within one sentence, as its hits do.
    this.insertDoc.run(seq, bySide.company.join(SENTENCE_BREAK), bySide.external.join(SENTENCE_BREAK), bySide.unknown.join(SENTENCE_BREAK), speakers);
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
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const c of calls) {
        const sentences = c.monologues.reduce((n, m) => n + m.sentences.length, 0);
        // Fastest deflate level: a third of the time of the default for a few percent more bytes.
        const body = deflateRawSync(Buffer.from(JSON.stringify({ speakers: c.speakers, monologues: c.monologues }), 'utf8'), { level: constants.Z_BEST_SPEED });
        const r = this.insertCall.run(c.id, c.title, c.started ?? null, c.workspaceId ?? null, c.url ?? null, sentences, body, encodeVoices(c));
        if (Number(r.changes) === 0) continue;
        added++;
        const seq = Number(r.lastInsertRowid);
        // metaSeq stays: rows another process added before this one are read by the next search.
        this.meta?.set(seq, { id: c.id, started: c.started, workspace: c.workspaceId });
        this.indexCall(seq, c);
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

  /**
   * Empties the store in place, in one transaction: every call, the index (a contentless FTS5 table is
   * emptied with its 'delete-all' command) and the listed scopes; then VACUUM and a checkpoint give the
   * space back so the file shrinks. The file stays, since another process (`gong mcp`) may have it open:
   * its next read sees the count in meta 'cleared' change and forgets the calls it knew. Returns the
   * calls removed; with nothing stored it changes nothing.
   */
  clear(): number {
    this.db.exec('BEGIN IMMEDIATE');
    let calls: number;
    try {
      calls = Number(this.db.prepare('SELECT count(*) AS n FROM calls').get()?.['n'] ?? 0);
      const scopes = Number(this.db.prepare('SELECT count(*) AS n FROM scopes').get()?.['n'] ?? 0);
      if (calls === 0 && scopes === 0) { this.db.exec('ROLLBACK'); return 0; }
      this.db.exec(`DELETE FROM calls; INSERT INTO calltext (calltext) VALUES ('delete-all'); DELETE FROM scopes;
        INSERT INTO meta (key, value) VALUES ('cleared', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1;`);
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
    this.meta = undefined;
    this.metaSeq = 0;
    // VACUUM cannot run inside a transaction; it writes the smaller file through the log, which the
    // checkpoint then folds in (truncating the file). Should the other process keep it from finishing,
    // the store is empty all the same and its free pages are used again by later writes.
    try {
      this.db.exec('VACUUM;');
      this.checkpoint();
    } catch { /* the space is reused */ }
    return calls;
  }

  /**
   * The calls' metadata. SQLite's data_version changes when another connection (the other process on
   * this file) commits; then the calls it added (rows past the last one known: calls are only added,
   * except by clear()) are read in, so its fetches are searchable here too. When it cleared the file
   * (meta 'cleared' changed) everything known is dropped and read again: row numbers start over then.
   */
  private callMeta(): Map<number, CallMeta> {
    const version = Number(this.dataVersion.get()?.['data_version'] ?? 0);
    if (!this.meta || version !== this.metaVersion) {
      const cleared = Number(this.clearedCount.get()?.['value'] ?? 0);
      if (cleared !== this.metaCleared) { this.meta = undefined; this.metaSeq = 0; this.metaCleared = cleared; }
      this.meta ??= new Map();
      for (const r of this.db.prepare('SELECT seq, id, started, workspace FROM calls WHERE seq > ?').all(this.metaSeq)) {
        const seq = Number(r['seq']);
        this.meta.set(seq, { id: String(r['id']), started: typeof r['started'] === 'number' ? r['started'] : undefined, workspace: typeof r['workspace'] === 'string' ? r['workspace'] : undefined });
        if (seq > this.metaSeq) this.metaSeq = seq;
      }
      this.metaVersion = version;
    }
    return this.meta;
  }

  /** Call rowid -> BM25 of the call's row (lower is better, as SQLite scores); the speakers column does not count. */
  private matchScores(expr: string): Map<number, number> {
    const out = new Map<number, number>();
    const st = this.db.prepare('SELECT rowid AS c, bm25(calltext, 1.0, 1.0, 1.0, 0.0) AS s FROM calltext WHERE calltext MATCH ?');
    // Rows as arrays where this node:sqlite can (Node 22.16+/24): a common word returns most calls, and
    // an object per row costs a third of the query.
    if (st.setReturnArrays) {
      st.setReturnArrays(true);
      for (const row of st.all(expr) as unknown as Array<[number, number]>) out.set(row[0], row[1]);
      return out;
    }
    for (const row of st.all(expr)) out.set(Number(row['c']), Number(row['s']));
    return out;
  }

  /**
   * Searches the stored calls (or the given ones): one MATCH finds the calls holding every clause,
   * ranked by BM25 (newer first on ties), and the best `limit` are read back for their hits. With
   * `speaker:` each candidate's transcript is read to check a matching speaker said every clause.
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
    const scores = this.matchScores(ftsMatch(q));
    const ranked: Array<{ seq: number; score: number; m: CallMeta }> = [];
    for (const [seq, score] of scores) {
      const m = meta.get(seq);
      if (!m) continue;
      if (inScope && !inScope.has(m.id)) continue;
      if (q.from !== undefined && !(m.started !== undefined && m.started >= q.from)) continue;
      if (q.to !== undefined && !(m.started !== undefined && m.started < q.to)) continue;
      if (workspaceIds && !(m.workspace !== undefined && workspaceIds.has(m.workspace))) continue;
      ranked.push({ seq, score, m });
    }
    ranked.sort((a, b) => a.score - b.score || (b.m.started ?? 0) - (a.m.started ?? 0));
    const hitsPerCall = Math.max(0, Math.min(opts.hitsPerCall ?? 20, 500));
    const read = this.db.prepare('SELECT id, title, started, workspace, url, body FROM calls WHERE seq = ?');
    const readVoices = this.db.prepare('SELECT voices FROM calls WHERE seq = ?');
    const readBody = this.db.prepare('SELECT body FROM calls WHERE seq = ?');
    const calls: CallResult[] = [];
    // Sentences recur across calls ("Sounds good.", a rep's stock pitch): each distinct one is matched once.
    const seen = new Map<string, Range[]>();
    // With speaker:, the index only knows the speaker was on the call: each candidate's voices (what
    // each speaker said, a few kilobytes) are read to check, best first; transcripts only for those listed.
    const check = q.speakers.length > 0;
    let total = check ? 0 : ranked.length;
    for (const r of check ? ranked : ranked.slice(0, limit)) {
      if (check) {
        const v = readVoices.get(r.seq)?.['voices'];
        const voices = v instanceof Uint8Array ? decodeVoices(v) : voicesOf(decode(readBody.get(r.seq)?.['body']));
        if (!saidEveryClause(q, voices)) continue;
        total++;
        if (calls.length >= limit) continue;
      }
      const row = read.get(r.seq);
      if (!row) continue;
      const body = decode(row['body']);
      const res: CallResult = { callId: String(row['id']), title: String(row['title']), matches: 0, hits: [] };
      if (typeof row['started'] === 'number') res.started = row['started'];
      if (typeof row['url'] === 'string') res.url = row['url'];
      if (typeof row['workspace'] === 'string') res.workspaceId = row['workspace'];
      collectHits(q, body, res, hitsPerCall, seen);
      calls.push(res);
    }
    let searched = meta.size;
    if (inScope) { searched = 0; for (const m of meta.values()) if (inScope.has(m.id)) searched++; }
    return { query: q.text, totalCalls: total, calls, searchedCalls: searched, tookMs: performance.now() - t0 };
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

/**
 * A call's voices: each speaker (who, which side) and everything they said, a sentence a line (plain
 * ASCII line breaks, so ASCII text is matched without folding; query.ts's patterns do not cross them).
 */
interface Voices { s: Array<[string, StoredSpeaker['side']]>; t: string[] }

function voicesOf(t: { speakers: StoredSpeaker[]; monologues: StoredMonologue[] }): Voices {
  const said: string[][] = t.speakers.map(() => []);
  for (const m of t.monologues) (said[m.speaker] ??= []).push(...m.sentences.map(x => x[2]));
  return { s: t.speakers.map(sp => [[sp.name, sp.email, sp.title].filter(Boolean).join(' '), sp.side]), t: said.map(x => (x ?? []).map(line => line.replace(/[\r\n]+/g, ' ')).join('\n')) };
}

function encodeVoices(t: { speakers: StoredSpeaker[]; monologues: StoredMonologue[] }): Uint8Array {
  return deflateRawSync(Buffer.from(JSON.stringify(voicesOf(t)), 'utf8'), { level: constants.Z_BEST_SPEED });
}

function decodeVoices(blob: Uint8Array): Voices {
  const v = JSON.parse(inflateRawSync(blob).toString('utf8')) as Partial<Voices>;
  return { s: v.s ?? [], t: v.t ?? [] };
}

/** Whether speakers matching the query's speaker: and side: filters said every clause (each within one sentence). */
function saidEveryClause(q: ParsedQuery, v: Voices): boolean {
  const want = q.clauses.length >= 30 ? 0x3fffffff : (1 << q.clauses.length) - 1;
  let have = 0;
  v.s.forEach(([who, side], i) => {
    if ((have & want) === want || (q.side && side !== q.side) || !speakerMatches(q, who)) return;
    have |= clausesIn(q, v.t[i] ?? '');
  });
  return (have & want) === want;
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
