/**
 * The call details page. It receives its view model by message after posting `ready`, builds every
 * element with createElement/textContent, and posts button clicks back to the host, which validates
 * them. Empty sections are left out.
 */
import type { HostMessage, PageMessage } from '../shared/messages';
import type { CallDetailsModel, LabelValue, PartyModel, RichNode, TimeRef } from '../shared/models';
import { appendRich, appendText, button, clear, el } from './lib/dom';
import { onHostMessage, post, saveState } from './lib/host';
import { showHostStatus } from './lib/status';

const root = document.getElementById('root') as HTMLElement;

function section(title: string, ...body: Node[]): HTMLElement {
  return el('section', 'card', { 'aria-label': title }, el('h2', undefined, undefined, title), ...body);
}

function rich(nodes: readonly RichNode[], cls = 'rich'): HTMLElement {
  const d = el('div', cls);
  appendRich(d, nodes);
  return d;
}

function text(tag: 'span' | 'div' | 'p' | 'h1' | 'h3' | 'dd' | 'dt' | 'td' | 'th' | 'li', value: string, cls?: string): HTMLElement {
  const e = el(tag, cls);
  appendText(e, value);
  return e;
}

/** A moment of the call; clicking opens the transcript there. */
function at(t: TimeRef): HTMLElement {
  const b = el('button', 'time link', { type: 'button', title: `Open the transcript at ${t.label}` }, t.label);
  b.dataset['ms'] = String(t.ms);
  return b;
}

function ats(ts: readonly TimeRef[]): HTMLElement | undefined {
  return ts.length ? el('span', 'times', undefined, ...ts.map(at)) : undefined;
}

function facts(rows: readonly LabelValue[], cls = 'facts'): HTMLElement {
  const dl = el('dl', cls);
  for (const r of rows) dl.append(text('dt', r.label), text('dd', r.value));
  return dl;
}

function party(p: PartyModel): HTMLElement {
  const li = el('li', `party ${p.affiliation}`);
  const head = el('div', 'party-head');
  head.append(text('span', p.name, 'party-name'));
  if (p.title) head.append(text('span', p.title, 'muted'));
  li.append(head);
  if (p.email) li.append(text('div', p.email, 'muted'));
  if (p.talkShare !== undefined) {
    const pct = Math.round(p.talkShare * 100);
    const bar = el('progress', 'talk', { max: '100', value: String(pct), 'aria-label': `Talk share of ${p.name}` });
    li.append(el('div', 'talk-row', undefined, bar, el('span', 'muted', undefined, `${pct}% talk`)));
  }
  return li;
}

function render(m: CallDetailsModel): void {
  clear(root);
  const actions = el('div', 'toolbar', { role: 'toolbar' });
  const act = (label: string, type: PageMessage['type'], title: string) => actions.append(button(label, () => post({ type } as PageMessage), { title }));
  if (m.url) act('Open in Gong', 'openInGong', 'Open this call in Gong in your browser');
  act('Open Transcript', 'openTranscript', 'Read the transcript of this call');
  act('Copy ID', 'copyId', 'Copy the call id');
  act('Copy as Markdown', 'copyMarkdown', 'Copy these details as Markdown');
  act('Run Action...', 'runAction', 'Run a Gong action for this call');

  const header = el('header', 'page-head', undefined, text('h1', m.title), actions);
  root.append(header);
  if (m.facts.length) root.append(facts(m.facts));

  if (m.companyParties.length || m.externalParties.length) {
    const cols = el('div', 'columns');
    if (m.companyParties.length) cols.append(el('div', 'col', undefined, el('h3', 'company', undefined, 'Company'), el('ul', 'parties', undefined, ...m.companyParties.map(party))));
    if (m.externalParties.length) cols.append(el('div', 'col', undefined, el('h3', 'external', undefined, 'External'), el('ul', 'parties', undefined, ...m.externalParties.map(party))));
    root.append(section('Participants', cols));
  }
  if (m.brief) root.append(section('Brief', rich(m.brief)));
  if (m.keyPoints.length) root.append(section('Key points', el('ul', 'list', undefined, ...m.keyPoints.map(k => el('li', undefined, undefined, rich(k))))));
  if (m.nextSteps.length) root.append(section('Next steps', el('ul', 'list', undefined, ...m.nextSteps.map(i => el('li', undefined, undefined, rich(i.text, 'rich inline'), ats(i.starts))))));
  if (m.outline.length) {
    root.append(section('Outline', ...m.outline.map(o => el('div', 'outline',
      undefined,
      el('h3', undefined, undefined, at(o.start), ' ', text('span', o.section), ' ', el('span', 'muted', undefined, o.duration)),
      el('ul', 'list', undefined, ...o.items.map(i => el('li', undefined, undefined, at(i.start), rich(i.text, 'rich inline'))))))));
  }
  if (m.highlights.length) {
    root.append(section('Highlights', ...m.highlights.map(h => el('div', 'outline', undefined, text('h3', h.title),
      el('ul', 'list', undefined, ...h.items.map(i => el('li', undefined, undefined, rich(i.text, 'rich inline'), ats(i.starts))))))));
  }
  if (m.topics.length) {
    const max = Math.max(...m.topics.map(t => t.seconds), 1);
    root.append(section('Topics', el('table', 'bars', undefined, ...m.topics.map(t => el('tr', undefined, undefined,
      text('td', t.name),
      el('td', undefined, undefined, el('progress', 'bar', { max: String(max), value: String(t.seconds), 'aria-label': t.name })),
      el('td', 'muted', undefined, t.duration))))));
  }
  if (m.trackers.length) {
    root.append(section('Trackers', ...m.trackers.map(t => el('div', 'tracker', undefined,
      el('h3', undefined, undefined, text('span', t.name), ' ', el('span', 'badge', undefined, String(t.count)), t.type ? el('span', 'muted', undefined, ` ${t.type.toLowerCase()}`) : undefined),
      t.phrases.length ? text('div', t.phrases.map(p => `${p.phrase} (${p.count})`).join(', '), 'muted') : undefined,
      t.hits.length ? el('ul', 'hits', undefined, ...t.hits.map(h => el('li', undefined, undefined, at({ label: h.time, ms: Math.round(h.seconds * 1000) }), text('span', h.speaker)))) : undefined))));
  }
  if (m.interaction.length) root.append(section('Interaction', facts(m.interaction)));
  if (m.outcome) root.append(section('Call outcome', text('p', m.outcome)));
  if (m.crm.length) {
    root.append(section('CRM context', ...m.crm.map(c => el('div', 'crm', undefined,
      text('h3', `${c.system} ${c.objectType}${c.timing ? ` (${c.timing === 'TimeOfCall' ? 'at the time of the call' : 'now'})` : ''}`),
      c.objectId ? text('div', c.objectId, 'muted fixed') : undefined,
      c.fields.length ? facts(c.fields) : undefined))));
  }
  if (m.comments.length) {
    root.append(section('Comments', ...m.comments.map(c => el('div', 'comment', undefined,
      el('div', 'comment-head', undefined, text('span', c.author, 'party-name'), c.at ? at(c.at) : undefined, text('span', c.posted, 'muted')),
      rich(c.text)))));
  }
  post({ type: 'status', status: { rendered: root.querySelectorAll('section').length, total: root.querySelectorAll('section').length } });
}

root.addEventListener('click', e => {
  const b = e.target instanceof Element ? e.target.closest<HTMLElement>('button.time[data-ms]') : null;
  const ms = Number(b?.dataset['ms']);
  if (b && Number.isFinite(ms) && ms >= 0) post({ type: 'openTranscript', at: ms });
});

onHostMessage((msg: HostMessage) => {
  if (showHostStatus(root, msg)) return;
  switch (msg.type) {
    case 'callDetails':
      saveState({ callId: msg.model.callId });
      render(msg.model);
      break;
    default: break;
  }
});
post({ type: 'ready' });
