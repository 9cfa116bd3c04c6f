/**
 * The insights page: charts of a person's, a team's or a tracker's numbers drawn with uPlot (canvas,
 * no eval, no markup strings), each with its table, hover values, CSV and PNG export, in the theme's
 * chart colours. It receives its view model by message after posting `ready`; every string from Gong
 * enters the DOM as text.
 */
import uPlot from 'uplot';
import type { ChartModel, InsightsHostMessage, InsightsModel, InsightsPageMessage, InsightsState, InsightsStatus, Period, RangeId, TeamTable } from '../shared/insights';
import { RANGE_CHOICES } from '../shared/insights';
import { appendText, button, clear, el, showStatus, visibleControls } from './lib/dom';

interface VsCodeApi { postMessage(message: unknown): void; setState(state: unknown): void; getState(): unknown }
declare function acquireVsCodeApi(): VsCodeApi;
const vscode = acquireVsCodeApi();
const post = (m: InsightsPageMessage): void => vscode.postMessage(m);

const root = document.getElementById('root') as HTMLElement;
let model: InsightsModel | undefined;
let view: 'chart' | 'table' = 'chart';
let sortKey: string | undefined;
let sortDown = true;
let hover: string[] | undefined;
const plots: uPlot[] = [];
let banner: HTMLElement | undefined;
/** Bumped on every draw, so a team table still filling from an earlier draw stops. */
let tableGeneration = 0;
/** Rows of the team table shown before "Show all" (the sort applies to everyone). */
const FIRST_ROWS = 200;
let showAllRows = false;

/** A CSS colour as RGBA through a canvas (which normalises any colour syntax), blended over `under`. */
function rgba(colour: string, probe: CanvasRenderingContext2D): [number, number, number, number] | undefined {
  probe.fillStyle = '#000000';
  probe.fillStyle = colour;
  const v = String(probe.fillStyle);
  if (v.startsWith('#')) return [parseInt(v.slice(1, 3), 16), parseInt(v.slice(3, 5), 16), parseInt(v.slice(5, 7), 16), 1];
  const m = /rgba?\(([^)]+)\)/.exec(v);
  if (!m) return undefined;
  const [r = 0, g = 0, b = 0, a = 1] = (m[1] ?? '').split(/[ ,/]+/).filter(Boolean).map(Number);
  return [r, g, b, a];
}

/** WCAG contrast of a colour (blended over the background when translucent) against the background. */
function contrast(fg: [number, number, number, number], bg: [number, number, number, number]): number {
  const seen = [0, 1, 2].map(i => fg[i]! * fg[3] + bg[i]! * (1 - fg[3]));
  const lum = (c: number[]): number => {
    const lin = (x: number): number => { const s = x / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(c[0]!) + 0.7152 * lin(c[1]!) + 0.0722 * lin(c[2]!);
  };
  const [hi, lo] = [lum(seen), lum(bg)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The theme's chart colours, read from VS Code's variables each time a page is drawn (themes change).
 * A colour that would stand out from the background less than 3:1 (some themes make orange translucent,
 * high-contrast themes leave some unset) is left out, so every line and bar stays visible.
 */
function palette(): { series: string[]; text: string; grid: string; background: string } {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  const text = v('--vscode-foreground', v('--vscode-editor-foreground', 'currentColor'));
  const background = v('--vscode-editor-background', css.backgroundColor || 'transparent');
  const probe = document.createElement('canvas').getContext('2d');
  const bg = probe ? rgba(background, probe) : undefined;
  const candidates = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow']
    .map(n => css.getPropertyValue(n).trim()).filter(Boolean);
  const visible = candidates.filter(c => {
    const fg = probe ? rgba(c, probe) : undefined;
    return !fg || !bg || contrast(fg, bg) >= 3;
  });
  return {
    series: visible.length ? [...new Set(visible)] : [text],
    text,
    grid: v('--vscode-charts-lines', v('--vscode-editorWidget-border', text)),
    background,
  };
}

function status(extra: Partial<InsightsStatus> = {}): void {
  post({ type: 'status', status: { charts: plots.length, view, ...(hover ? { hover } : {}), ...(sortKey ? { sortedBy: sortKey } : {}), ...extra } });
}

function saveState(): void {
  if (!model) return;
  const s: InsightsState = { kind: model.kind, subjectId: model.subjectId, subject: model.subject, rangeId: model.rangeId, period: model.period };
  vscode.setState(s);
}

function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function text(tag: 'span' | 'p' | 'h1' | 'h2' | 'td' | 'th', value: string, cls?: string): HTMLElement {
  const e = el(tag, cls);
  appendText(e, value);
  return e;
}

const dayLabel = (d: string): string => {
  const [y, m, day] = d.split('-').map(Number);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${months[(m ?? 1) - 1] ?? ''} ${day ?? ''}, ${y ?? ''}`;
};
/** The last day of a range whose `toDate` is exclusive. */
const lastDay = (d: string): string => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const xLabel = (c: ChartModel, i: number): string => {
  const x = c.x[i] ?? '';
  return c.xKind === 'time' ? (c.period === 'WEEK' ? `Week of ${dayLabel(x)}` : dayLabel(x)) : x;
};

// ---------------------------------------------------------------------------------------------
// Charts

function drawChart(c: ChartModel, holder: HTMLElement): uPlot {
  const colours = palette();
  const xs = c.xKind === 'time' ? c.x.map(d => Date.parse(`${d}T00:00:00Z`) / 1000) : c.x.map((_, i) => i);
  const bars = uPlot.paths.bars?.({ size: [0.6, 80], align: 0 });
  const series: uPlot.Series[] = [
    { label: c.xKind === 'time' ? (c.period === 'WEEK' ? 'Week of' : 'Day') : 'Item', value: (_u, _v, _s, idx) => (idx === null || idx === undefined ? '' : xLabel(c, idx)) },
    ...c.series.map((s, k): uPlot.Series => {
      const colour = colours.series[s.colour % colours.series.length] ?? colours.text;
      const style = s.style ?? c.style;
      const look: uPlot.Series = style === 'bars' ? { fill: colour, paths: bars, points: { show: false } }
        : style === 'points' ? { width: 0, paths: () => null, points: { show: true, size: 9, stroke: colour, fill: colour } }
          : { width: 2, points: { show: c.x.length < 60, size: 5 } };
      return {
        label: visibleControls(s.label),
        stroke: colour,
        ...look,
        value: (_u, v) => fmt(v),
        spanGaps: false,
        // The less common activity counters start hidden; clicking their legend entry shows them.
        ...(k > 3 ? { show: false } : {}),
      };
    }),
  ];
  const anyBars = c.series.some(s => (s.style ?? c.style) === 'bars');
  const axis = (extra: uPlot.Axis = {}): uPlot.Axis => ({ stroke: colours.text, grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid, width: 1 }, ...extra });
  const width = Math.max(320, holder.clientWidth || root.clientWidth - 40 || 600);
  const opts: uPlot.Options = {
    width, height: 260,
    tzDate: ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: {
      x: c.xKind === 'time' ? { time: true } : { time: false, range: (_u, lo, hi) => [lo - 0.6, hi + 0.6] },
      // Bars and counts stand on zero.
      y: { range: (_u, _lo, hi) => [0, anyBars || c.style !== 'points' ? Math.max(1, hi * 1.1) : Math.max(1, hi + 0.5)] },
    },
    series,
    axes: [
      c.xKind === 'time' ? axis() : axis({ values: (_u, ticks) => ticks.map(t => (Number.isInteger(t) ? visibleControls(c.x[t] ?? '') : '')), gap: 6, size: 40 }),
      axis({ label: c.unit, labelSize: 20, size: 56 }),
    ],
    legend: { live: true },
    cursor: { points: { size: 8 } },
    hooks: {
      setCursor: [u => {
        const idx = u.cursor.idx;
        if (idx === null || idx === undefined) return;
        hover = [xLabel(c, idx), ...c.series.filter((_, k) => u.series[k + 1]?.show !== false).map(s => `${s.label}: ${fmt(s.values[idx])}`)];
        scheduleHoverStatus();
      }],
    },
  };
  return new uPlot(opts, [xs, ...c.series.map(s => s.values.map(v => (v === null ? null : v)))] as uPlot.AlignedData, holder);
}

let hoverTimer: number | undefined;
function scheduleHoverStatus(): void {
  if (hoverTimer !== undefined) return;
  hoverTimer = window.setTimeout(() => { hoverTimer = undefined; status(); }, 150);
}

/** The chart drawn onto a canvas with the theme's background and its title, as a PNG data URL. */
function chartPng(c: ChartModel, u: uPlot): string {
  const src = u.ctx.canvas;
  const colours = palette();
  const title = 36;
  const out = document.createElement('canvas');
  out.width = src.width;
  out.height = src.height + title;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('This page cannot draw a PNG.');
  ctx.fillStyle = colours.background === 'transparent' ? 'white' : colours.background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = colours.text;
  ctx.font = `bold ${Math.round(16 * (window.devicePixelRatio || 1))}px sans-serif`;
  ctx.fillText(`${model?.subject ?? ''}: ${c.title}`.slice(0, 200), 12, 26);
  ctx.drawImage(src, 0, title);
  return out.toDataURL('image/png');
}

function table(columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>, caption: string): HTMLElement {
  const t = el('table', 'data', { 'aria-label': caption });
  t.append(el('thead', undefined, undefined, el('tr', undefined, undefined, ...columns.map(c => text('th', c)))));
  t.append(el('tbody', undefined, undefined, ...rows.map(r => el('tr', undefined, undefined, ...r.map(v => (typeof v === 'number' || v === null ? text('td', fmt(v), 'num') : text('td', v)))))));
  return el('div', 'table-wrap', undefined, t);
}

function chartRows(c: ChartModel): { columns: string[]; rows: Array<Array<string | number | null>> } {
  if (c.table) return c.table;
  return { columns: [c.xKind === 'time' ? (c.period === 'WEEK' ? 'Week starting' : 'Day') : 'Item', ...c.series.map(s => s.label)], rows: c.x.map((_, i) => [xLabel(c, i), ...c.series.map(s => s.values[i] ?? null)]) };
}

function chartSection(c: ChartModel): HTMLElement {
  const tools = el('div', 'toolbar');
  const holder = el('div', 'chart', { 'data-chart': c.id, role: 'img', 'aria-label': `${c.title} chart` });
  const sec = el('section', 'card', { 'aria-label': c.title }, el('h2', undefined, undefined, text('span', c.title), ' ', el('span', 'muted', undefined, c.unit)), tools);
  if (c.empty) {
    sec.append(text('p', c.empty, 'muted empty'));
    return sec;
  }
  tools.append(
    button('Copy CSV', () => post({ type: 'copyCsv', chartId: c.id }), { title: 'Copy these numbers as CSV' }),
    button('Export CSV...', () => post({ type: 'exportCsv', chartId: c.id }), { title: 'Save these numbers as a CSV file' }),
  );
  const { columns, rows } = chartRows(c);
  const tableEl = table(columns, rows, `${c.title} as a table`);
  if (view === 'chart') {
    sec.append(holder);
    tableEl.hidden = true;
  }
  sec.append(tableEl);
  if (view === 'chart') {
    const u = drawChart(c, holder);
    plots.push(u);
    tools.append(button('Export PNG...', () => post({ type: 'exportPng', chartId: c.id, dataUrl: chartPng(c, u) }), { title: 'Save this chart as a PNG image' }));
  }
  return sec;
}

// ---------------------------------------------------------------------------------------------
// Team table

function teamSection(team: TeamTable): HTMLElement {
  const sec = el('section', 'card', { 'aria-label': 'Team' }, el('h2', undefined, undefined, 'People'));
  const tools = el('div', 'toolbar', undefined,
    button('Copy CSV', () => post({ type: 'copyCsv', chartId: 'team' }), { title: 'Copy the table as CSV' }),
    button('Export CSV...', () => post({ type: 'exportCsv', chartId: 'team' }), { title: 'Save the table as a CSV file' }),
    el('span', 'muted', undefined, '▲ ▼ mark values far above or below the team (1.5 interquartile ranges beyond the quartiles).'));
  sec.append(tools);
  const rows = [...team.rows];
  if (sortKey) {
    const k = sortKey;
    rows.sort((a, b) => {
      const d = k === 'name' ? a.name.localeCompare(b.name) : (a.values[k] ?? -Infinity) - (b.values[k] ?? -Infinity);
      return sortDown ? -d : d;
    });
  }
  const head = el('tr');
  const sortButton = (key: string, label: string): HTMLElement => {
    const arrow = sortKey === key ? (sortDown ? ' ↓' : ' ↑') : '';
    const b = button(`${label}${arrow}`, () => {
      if (sortKey === key) sortDown = !sortDown;
      else { sortKey = key; sortDown = key !== 'name'; }
      render();
    }, { cls: 'link sort', title: `Sort by ${label}` });
    const th = el('th', undefined, { 'aria-sort': sortKey === key ? (sortDown ? 'descending' : 'ascending') : 'none' });
    th.append(b);
    return th;
  };
  head.append(sortButton('name', 'Name'), ...team.columns.map(c => sortButton(c.key, c.label)));
  const body = el('tbody');
  const row = (r: TeamTable['rows'][number]): HTMLElement => {
    const tr = el('tr');
    const name = el('td');
    appendText(name, r.name);
    if (r.email) { name.append(' '); const m = el('span', 'muted'); appendText(m, r.email); name.append(m); }
    tr.append(name);
    for (const c of team.columns) {
      const hi = r.high.includes(c.key);
      const lo = r.low.includes(c.key);
      tr.append(el('td', `num${hi || lo ? ' outlier' : ''}`, hi || lo ? { title: `${hi ? 'Far above' : 'Far below'} the team (median ${fmt(team.medians[c.key])})` } : undefined, fmt(r.values[c.key]), hi ? ' ▲' : lo ? ' ▼' : ''));
    }
    return tr;
  };
  const median = el('tr', 'median', undefined, el('td', undefined, undefined, 'Median'), ...team.columns.map(c => el('td', 'num', undefined, fmt(team.medians[c.key]))));
  // A thousand people make thirteen thousand cells: they go in 150 rows a frame, so the charts above
  // show at once and the page never holds the renderer (which the whole window shares) for long.
  const generation = ++tableGeneration;
  const shown = showAllRows ? rows : rows.slice(0, FIRST_ROWS);
  const fill = (from: number): void => {
    if (generation !== tableGeneration) return;
    const chunk = document.createDocumentFragment();
    for (const r of shown.slice(from, from + 150)) chunk.append(row(r));
    body.append(chunk);
    if (from + 150 < shown.length) requestAnimationFrame(() => fill(from + 150));
    else { body.append(median); status({ tableRows: shown.length }); }
  };
  fill(0);
  if (shown.length < rows.length) {
    tools.append(button(`Show All ${rows.length.toLocaleString('en-US')} People`, () => { showAllRows = true; render(); }, { title: `The table shows the first ${FIRST_ROWS} in this order` }));
  }
  const t = el('table', 'data team', { 'aria-label': 'People' }, el('thead', undefined, undefined, head), body);
  sec.append(el('div', 'table-wrap', undefined, t));
  return sec;
}

// ---------------------------------------------------------------------------------------------

function controls(m: InsightsModel): HTMLElement {
  const range = el('select', 'select', { 'aria-label': 'Range', title: 'Range' });
  for (const c of RANGE_CHOICES) {
    const o = el('option', undefined, { value: c.id }, c.label);
    o.selected = c.id === m.rangeId;
    range.append(o);
  }
  const period = el('select', 'select', { 'aria-label': 'Period', title: 'Period' });
  for (const [id, label] of [['DAY', 'Per day'], ['WEEK', 'Per week']] as const) {
    const o = el('option', undefined, { value: id }, label);
    o.selected = id === m.period;
    period.append(o);
  }
  const change = (): void => post({ type: 'setRange', rangeId: range.value as RangeId, period: period.value as Period });
  range.addEventListener('change', change);
  period.addEventListener('change', change);
  const toggle = button(view === 'chart' ? 'Show as Tables' : 'Show as Charts', () => { view = view === 'chart' ? 'table' : 'chart'; render(); }, { title: 'Switch between charts and the same numbers as tables' });
  return el('div', 'toolbar', { role: 'toolbar' }, range, period, toggle);
}

function render(): void {
  for (const p of plots.splice(0)) p.destroy();
  clear(root);
  banner = undefined;
  const m = model;
  if (!m) return;
  const started = performance.now();
  const head = el('header', 'page-head', undefined, text('h1', `${m.kind === 'team' ? 'Team' : m.kind === 'tracker' ? 'Tracker' : 'Insights'}: ${m.subject}`));
  head.append(el('p', 'muted', undefined, `${dayLabel(m.range.fromDate)} to ${dayLabel(lastDay(m.range.toDate))} · ${m.requests} request${m.requests === 1 ? '' : 's'} to Gong`));
  if (m.note) head.append(text('p', m.note, 'muted'));
  head.append(controls(m));
  root.append(head);
  for (const n of m.notices) {
    const p = el('p', `notice ${n.kind}`, { role: 'note' });
    appendText(p, n.text);
    root.append(p);
  }
  for (const c of m.charts) root.append(chartSection(c));
  if (m.team) root.append(teamSection(m.team));
  status({ firstChartMs: Math.round(performance.now() - started) });
}

function showLoading(subject: string): void {
  if (model && root.firstChild) {
    // Keep what is on screen while the new range loads; say so above it.
    banner ??= el('p', 'notice loading', { role: 'status' });
    banner.textContent = 'Loading...';
    root.prepend(banner);
    return;
  }
  showStatus(root, `Loading insights for ${visibleControls(subject)}...`);
}

window.addEventListener('message', (e: MessageEvent) => {
  const msg = e.data as InsightsHostMessage | undefined;
  if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return;
  switch (msg.type) {
    case 'loading': showLoading(msg.subject); break;
    case 'error': {
      const buttons = [button('Retry', () => post({ type: 'retry' }))];
      if (msg.signIn) buttons.unshift(button('Sign In', () => post({ type: 'signIn' })));
      if (model) {
        banner ??= el('p', 'notice error', { role: 'alert' });
        clear(banner);
        banner.append(msg.message, ' ', ...buttons);
        root.prepend(banner);
      } else {
        showStatus(root, msg.message, ...buttons);
      }
      break;
    }
    case 'model':
      model = msg.model;
      hover = undefined;
      saveState();
      render();
      break;
    default: break;
  }
});

// VS Code changes the page's theme variables (on <html>) and the body's theme class when the colour
// theme changes, sometimes a moment after the page first drew: the canvases are drawn again in the new
// colours, which they would otherwise keep.
let themeTimer: number | undefined;
const redrawForTheme = new MutationObserver(() => {
  window.clearTimeout(themeTimer);
  themeTimer = window.setTimeout(() => { if (model) render(); }, 100);
});
redrawForTheme.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
redrawForTheme.observe(document.body, { attributes: true, attributeFilter: ['class'] });

let resizeTimer: number | undefined;
window.addEventListener('resize', () => {
  window.clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(() => {
    for (const p of plots) {
      const w = p.root.parentElement?.clientWidth;
      if (w) p.setSize({ width: Math.max(320, w), height: 260 });
    }
  }, 100);
});

post({ type: 'ready' });
