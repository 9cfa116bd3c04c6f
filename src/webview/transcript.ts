/**
 * The transcript page. Built for two-hour calls: the first monologues are painted at once and the rest
 * are appended in small time-boxed chunks on animation frames, so the panel never blocks for long.
 * Search runs over the model (not the DOM) and highlights by splitting text nodes into <mark>s.
 */
import type { ExportFormat, HostMessage, PageStatus, PanelState } from '../shared/messages';
import type { MonologueModel, SentenceModel, TranscriptModel } from '../shared/models';
import { appendText, button, clear, clock, el, visibleControls, type Range } from './lib/dom';
import { loadState, onHostMessage, post, saveState } from './lib/host';
import { showHostStatus } from './lib/status';

const root = document.getElementById('root') as HTMLElement;

/** Milliseconds of work per animation frame while rendering the rest of the transcript. */
const FRAME_BUDGET_MS = 12;
/** Monologues painted synchronously before the first frame. */
const FIRST_CHUNK = 40;
/** Most matches highlighted at once (a one-letter search in a megabyte sentence); the count still covers every match. */
const MAX_HIGHLIGHTED = 20_000;

interface Match { m: number; s: number; start: number; end: number }

interface View {
  model: TranscriptModel;
  list: HTMLElement;
  monoEls: Array<HTMLElement | undefined>;
  rendered: number;
  lastTopic: string | undefined;
  received: number;
  firstPaintMs?: number;
  fullRenderMs?: number;
  visible: Set<number> | null;
  query: string;
  matches: Match[];
  current: number;
  highlighted: Map<string, Range[]>;
  counter: HTMLElement;
  searchBox: HTMLInputElement;
  speakerBoxes: HTMLInputElement[];
  frame: number | undefined;
}

let view: View | undefined;

const labelOf = (a: string): string => (a === 'company' ? 'Company' : a === 'external' ? 'External' : 'Unknown');
const speakerOf = (v: View, mono: MonologueModel) => v.model.speakers[mono.speaker];

function remember(v: View): void {
  const state: PanelState = { callId: v.model.callId };
  if (v.query.trim()) state.query = v.query;
  if (v.visible) state.speakers = [...v.visible].sort((a, b) => a - b);
  saveState(state);
}

function status(v: View): void {
  remember(v);
  const s: PageStatus = { rendered: v.rendered, total: v.model.monologues.length };
  if (v.firstPaintMs !== undefined) s.firstPaintMs = v.firstPaintMs;
  if (v.fullRenderMs !== undefined) s.fullRenderMs = v.fullRenderMs;
  if (v.query) { s.query = v.query; s.matches = v.matches.length; s.currentMatch = v.current + 1; }
  if (v.visible) {
    s.speakers = [...v.visible].sort((a, b) => a - b);
    s.visibleMonologues = v.model.monologues.filter(m => v.visible?.has(m.speaker)).length;
  } else {
    s.visibleMonologues = v.model.monologues.length;
  }
  post({ type: 'status', status: s });
}

function sentenceSpan(v: View, m: number, s: number, sentence: SentenceModel): HTMLElement {
  const span = el('span', 's');
  span.dataset['s'] = String(s);
  appendText(span, sentence.text, v.highlighted.get(`${m}:${s}`));
  return span;
}

function monologueEl(v: View, i: number): HTMLElement {
  const mono = v.model.monologues[i] as MonologueModel;
  const sp = speakerOf(v, mono);
  const aff = sp?.affiliation ?? 'unknown';
  const art = el('article', `mono ${aff}`);
  art.dataset['m'] = String(i);
  if (v.visible && !v.visible.has(mono.speaker)) art.hidden = true;
  const who = el('span', 'who');
  appendText(who, sp?.name ?? 'Unknown speaker');
  const head = el('header', undefined, undefined,
    who,
    el('span', `tag ${aff}`, undefined, labelOf(aff)),
    el('button', 'time', { type: 'button', 'data-act': 'jump', title: 'Timestamp (click to copy this passage)' }, clock(mono.start)),
    el('button', 'copy', { type: 'button', 'data-act': 'copy', title: 'Copy this passage with its timestamp' }, 'Copy'));
  const p = el('p', 'text');
  mono.sentences.forEach((s, si) => {
    if (si > 0) p.appendChild(document.createTextNode(' '));
    p.appendChild(sentenceSpan(v, i, si, s));
  });
  art.append(head, p);
  return art;
}

/** Renders monologues [rendered, upto) into the list. */
function renderUpTo(v: View, upto: number, deadline = Infinity): void {
  const frag = document.createDocumentFragment();
  const end = Math.min(upto, v.model.monologues.length);
  while (v.rendered < end) {
    const i = v.rendered;
    const mono = v.model.monologues[i] as MonologueModel;
    if (mono.topic && mono.topic !== v.lastTopic) {
      const h = el('h2', 'topic');
      appendText(h, mono.topic);
      frag.appendChild(h);
    }
    if (mono.topic) v.lastTopic = mono.topic;
    const e = monologueEl(v, i);
    v.monoEls[i] = e;
    frag.appendChild(e);
    v.rendered++;
    if ((v.rendered & 7) === 0 && performance.now() > deadline) break;
  }
  v.list.appendChild(frag);
}

function renderRest(v: View): void {
  v.frame = requestAnimationFrame(() => {
    v.frame = undefined;
    if (view !== v) return;
    if (v.firstPaintMs === undefined) {
      // The first chunk has been painted by now (this frame comes after that paint).
      v.firstPaintMs = performance.now() - v.received;
      status(v);
    }
    renderUpTo(v, v.model.monologues.length, performance.now() + FRAME_BUDGET_MS);
    if (v.rendered < v.model.monologues.length) renderRest(v);
    else { v.fullRenderMs = performance.now() - v.received; status(v); }
  });
}

function ensureRendered(v: View, i: number): void {
  if (i >= v.rendered) renderUpTo(v, i + 1);
}

function sentenceEl(v: View, m: number, s: number): HTMLElement | undefined {
  ensureRendered(v, m);
  return v.monoEls[m]?.querySelector<HTMLElement>(`span.s[data-s="${s}"]`) ?? undefined;
}

function rehighlight(v: View, m: number, s: number): void {
  if (m >= v.rendered) return;
  const span = v.monoEls[m]?.querySelector<HTMLElement>(`span.s[data-s="${s}"]`);
  const sentence = v.model.monologues[m]?.sentences[s];
  if (!span || !sentence) return;
  clear(span);
  appendText(span, sentence.text, v.highlighted.get(`${m}:${s}`));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function search(v: View, query: string): void {
  const old = [...v.highlighted.keys()];
  v.highlighted.clear();
  for (const k of old) { const [m, s] = k.split(':').map(Number); rehighlight(v, m as number, s as number); }
  v.query = query;
  v.matches = [];
  v.current = -1;
  const q = query.trim();
  if (q) {
    // A RegExp with the i flag keeps match offsets in the original text (toLowerCase can change lengths).
    const re = new RegExp(escapeRegExp(q), 'gi');
    v.model.monologues.forEach((mono, m) => {
      if (v.visible && !v.visible.has(mono.speaker)) return;
      mono.sentences.forEach((sentence, s) => {
        re.lastIndex = 0;
        for (let hit = re.exec(sentence.text); hit; hit = re.exec(sentence.text)) {
          v.matches.push({ m, s, start: hit.index, end: hit.index + hit[0].length });
        }
      });
    });
    for (const match of v.matches.slice(0, MAX_HIGHLIGHTED)) {
      const key = `${match.m}:${match.s}`;
      let ranges = v.highlighted.get(key);
      if (!ranges) { ranges = []; v.highlighted.set(key, ranges); }
      ranges.push({ start: match.start, end: match.end });
    }
    for (const k of v.highlighted.keys()) { const [m, s] = k.split(':').map(Number); rehighlight(v, m as number, s as number); }
    if (v.matches.length) select(v, 0);
  }
  updateCounter(v);
  status(v);
}

function updateCounter(v: View): void {
  v.counter.textContent = !v.query.trim() ? '' : v.matches.length === 0 ? 'No results' : `${v.current + 1} of ${v.matches.length}`;
}

function select(v: View, index: number): void {
  const prev = v.matches[v.current];
  if (prev) {
    const r = v.highlighted.get(`${prev.m}:${prev.s}`)?.find(x => x.start === prev.start);
    if (r) { r.current = false; rehighlight(v, prev.m, prev.s); }
  }
  const n = v.matches.length;
  if (n === 0) return;
  v.current = ((index % n) + n) % n;
  const cur = v.matches[v.current] as Match;
  const key = `${cur.m}:${cur.s}`;
  let ranges = v.highlighted.get(key);
  if (!ranges) { ranges = [{ start: cur.start, end: cur.end }]; v.highlighted.set(key, ranges); }
  const r = ranges.find(x => x.start === cur.start);
  if (r) r.current = true;
  ensureRendered(v, cur.m);
  rehighlight(v, cur.m, cur.s);
  v.monoEls[cur.m]?.querySelector('mark.current')?.scrollIntoView({ block: 'center' });
  updateCounter(v);
}

function step(v: View, delta: number): void {
  if (v.matches.length === 0) return;
  select(v, v.current + delta);
  status(v);
}

function applyFilter(v: View, speakers: Set<number> | null): void {
  v.visible = speakers && speakers.size < v.model.speakers.length ? speakers : null;
  v.speakerBoxes.forEach((b, i) => { b.checked = !v.visible || v.visible.has(i); });
  for (let i = 0; i < v.rendered; i++) {
    const e = v.monoEls[i];
    const mono = v.model.monologues[i];
    if (e && mono) e.hidden = !!v.visible && !v.visible.has(mono.speaker);
  }
  search(v, v.query);
}

function jumpTo(v: View, ms: number): void {
  const monos = v.model.monologues;
  let lo = 0;
  let hi = monos.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((monos[mid] as MonologueModel).start <= ms) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  const mono = monos[found];
  if (!mono) return;
  if (v.visible && !v.visible.has(mono.speaker)) applyFilter(v, null);
  let s = 0;
  mono.sentences.forEach((sentence, i) => { if (sentence.start <= ms) s = i; });
  const span = sentenceEl(v, found, s);
  if (!span) return;
  span.scrollIntoView({ block: 'center' });
  span.classList.add('flash');
  setTimeout(() => span.classList.remove('flash'), 1600);
}

function passage(v: View, m: number): string {
  const mono = v.model.monologues[m] as MonologueModel;
  return `[${clock(mono.start)}] ${speakerOf(v, mono)?.name ?? 'Unknown speaker'}: ${mono.sentences.map(s => s.text).join(' ')}`;
}

function copySelection(v: View): void {
  const sel = window.getSelection();
  const textSel = sel?.toString() ?? '';
  if (!sel || !textSel.trim() || !sel.anchorNode) return;
  const anchor = sel.anchorNode instanceof Element ? sel.anchorNode : sel.anchorNode.parentElement;
  const art = anchor?.closest<HTMLElement>('article.mono');
  const m = art ? Number(art.dataset['m']) : NaN;
  const mono = v.model.monologues[m];
  const sIdx = Number(anchor?.closest<HTMLElement>('span.s')?.dataset['s'] ?? 0);
  const at = mono?.sentences[sIdx]?.start ?? mono?.start;
  const prefix = mono && at !== undefined ? `[${clock(at)}] ${speakerOf(v, mono)?.name ?? 'Unknown speaker'}: ` : '';
  post({ type: 'copyText', text: prefix + textSel.trim() });
}

function render(model: TranscriptModel): void {
  if (view?.frame !== undefined) cancelAnimationFrame(view.frame);
  clear(root);
  const received = performance.now();

  const title = el('h1');
  appendText(title, model.title);
  const meta = el('div', 'muted', undefined,
    [model.started, `${model.monologues.length} monologues`, `${model.sentenceCount} sentences`].filter(Boolean).join(' · '));

  const searchBox = el('input', 'search', { type: 'search', placeholder: 'Search transcript', 'aria-label': 'Search transcript' });
  const counter = el('span', 'counter', { 'aria-live': 'polite' });
  const list = el('div', 'transcript', { 'aria-label': 'Transcript' });
  const v: View = {
    model, list, monoEls: new Array<HTMLElement | undefined>(model.monologues.length), rendered: 0, lastTopic: undefined,
    received, visible: null, query: '', matches: [], current: -1, highlighted: new Map(), counter, searchBox,
    speakerBoxes: [], frame: undefined,
  };
  view = v;

  let debounce: ReturnType<typeof setTimeout> | undefined;
  searchBox.addEventListener('input', () => {
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(() => search(v, searchBox.value), 150);
  });
  searchBox.addEventListener('keydown', e => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (debounce) { clearTimeout(debounce); debounce = undefined; }
      if (v.query !== searchBox.value) search(v, searchBox.value); else step(v, e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape') { searchBox.value = ''; search(v, ''); }
  });

  const exportSelect = el('select', 'export', { 'aria-label': 'Export format' });
  const formats: Array<[ExportFormat, string]> = [['markdown', 'Markdown'], ['text', 'Plain text'], ['srt', 'SRT'], ['vtt', 'WebVTT'], ['json', 'JSON']];
  for (const [value, label] of formats) exportSelect.append(el('option', undefined, { value }, label));

  const toolbar = el('div', 'toolbar', { role: 'toolbar' },
    searchBox,
    button('↑', () => step(v, -1), { title: 'Previous match (Shift+Enter)', cls: 'btn icon' }),
    button('↓', () => step(v, 1), { title: 'Next match (Enter)', cls: 'btn icon' }),
    counter,
    el('span', 'spacer'),
    button('Copy Selection', () => copySelection(v), { title: 'Copy the selected text with its timestamp and speaker' }),
    exportSelect,
    button('Export...', () => post({ type: 'export', format: exportSelect.value as ExportFormat }), { title: 'Save the transcript to a file' }),
    button('Details', () => post({ type: 'openDetails' }), { title: 'Open the call details' }),
    ...(model.url ? [button('Open in Gong', () => post({ type: 'openInGong' }))] : []));

  const speakers = el('div', 'speakers', { role: 'group', 'aria-label': 'Show speakers' });
  model.speakers.forEach(s => {
    const box = el('input', undefined, { type: 'checkbox' });
    box.checked = true;
    box.addEventListener('change', () => {
      const set = new Set<number>();
      v.speakerBoxes.forEach((b, j) => { if (b.checked) set.add(j); });
      applyFilter(v, set);
    });
    v.speakerBoxes.push(box);
    const name = el('span');
    appendText(name, s.name);
    speakers.append(el('label', `speaker ${s.affiliation}`, { title: s.title }, box, el('span', 'dot'), name, el('span', `tag ${s.affiliation}`, undefined, labelOf(s.affiliation)), el('span', 'muted', { title: `${s.monologues} monologues` }, String(s.monologues))));
  });
  if (model.speakers.length > 1) speakers.append(button('All', () => applyFilter(v, null), { cls: 'btn small' }));

  const trackerRow = el('div', 'trackers');
  if (model.trackerHits.length) {
    const pick = el('select', undefined, { 'aria-label': 'Jump to a tracker hit' });
    pick.append(el('option', undefined, { value: '' }, `Tracker hits (${model.trackerHits.length})`));
    model.trackerHits.forEach((h, i) => pick.append(el('option', undefined, { value: String(i) },
      visibleControls(`${clock(h.start)}  ${h.tracker}${h.phrase ? ` “${h.phrase}”` : ''}${h.speaker ? `, ${h.speaker}` : ''}`))));
    let hitIndex = -1;
    const go = (i: number) => {
      const n = model.trackerHits.length;
      hitIndex = ((i % n) + n) % n;
      pick.value = String(hitIndex);
      jumpTo(v, (model.trackerHits[hitIndex] as { start: number }).start);
    };
    pick.addEventListener('change', () => { if (pick.value !== '') go(Number(pick.value)); });
    trackerRow.append(pick, button('Next Hit', () => go(hitIndex + 1), { cls: 'btn small' }));
  }

  // Topic sections of the call, in order (a topic can come back later in the call).
  const sections: Array<{ topic: string; start: number }> = [];
  let prevTopic: string | undefined;
  for (const mono of model.monologues) {
    if (mono.topic && mono.topic !== prevTopic) sections.push({ topic: mono.topic, start: mono.start });
    if (mono.topic) prevTopic = mono.topic;
  }
  if (sections.length > 1) {
    const topics = el('select', undefined, { 'aria-label': 'Jump to a topic' });
    topics.append(el('option', undefined, { value: '' }, `Topics (${sections.length})`));
    sections.forEach((t, i) => topics.append(el('option', undefined, { value: String(i) }, visibleControls(`${clock(t.start)}  ${t.topic}`))));
    topics.addEventListener('change', () => {
      const t = sections[Number(topics.value)];
      if (topics.value !== '' && t) jumpTo(v, t.start);
    });
    trackerRow.prepend(topics);
  }

  list.addEventListener('click', e => {
    const target = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-act]') : null;
    const art = target?.closest<HTMLElement>('article.mono');
    if (!target || !art) return;
    const m = Number(art.dataset['m']);
    if (target.dataset['act'] === 'copy' || target.dataset['act'] === 'jump') post({ type: 'copyText', text: passage(v, m) });
  });

  root.append(el('header', 'page-head sticky', undefined, title, meta, toolbar, speakers, trackerRow), list);
  if (model.monologues.length === 0) list.append(el('p', 'muted', undefined, 'This call has no transcript.'));
  renderUpTo(v, FIRST_CHUNK);
  renderRest(v);
}

document.addEventListener('keydown', e => {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f' && view) { e.preventDefault(); view.searchBox.focus(); view.searchBox.select(); }
  if (e.key === 'F3' && view) { e.preventDefault(); step(view, e.shiftKey ? -1 : 1); }
});

onHostMessage((msg: HostMessage) => {
  if (showHostStatus(root, msg)) return;
  switch (msg.type) {
    case 'transcript': {
      // Same call as before the tab was hidden: bring back its search and speaker filter.
      const prev = loadState();
      render(msg.model);
      if (view && prev.callId === msg.model.callId) {
        const speakers = Array.isArray(prev.speakers) ? prev.speakers.filter(i => Number.isInteger(i) && i >= 0 && i < msg.model.speakers.length) : [];
        if (speakers.length) applyFilter(view, new Set(speakers));
        if (typeof prev.query === 'string' && prev.query) { view.searchBox.value = prev.query; search(view, prev.query); }
      }
      remember(view as View);
      break;
    }
    case 'find':
      if (view) { view.searchBox.value = msg.query; search(view, msg.query); }
      break;
    case 'filterSpeakers':
      if (view) applyFilter(view, msg.speakers ? new Set(msg.speakers) : null);
      break;
    case 'jumpTo':
      if (view) jumpTo(view, msg.ms);
      break;
    default: break;
  }
});
post({ type: 'ready' });
