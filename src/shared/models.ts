/**
 * The view models the host sends to the two call panels. Plain JSON data only (no functions, no
 * class instances), so they cross `postMessage` unchanged and tests can compare them structurally.
 * No `vscode`, no node: the browser bundles import these types.
 */

/**
 * Rich text after markdown-it parsing, reduced to a small tree of allowed nodes. The page turns each
 * node into an element with `createElement` and sets text with `textContent`, so no string from Gong
 * is ever parsed as HTML. Links carry only http(s) hrefs (checked again by the page).
 */
export type RichNode =
  | { t: 'text'; text: string }
  | { t: 'br' }
  | { t: 'hr' }
  | { t: 'code'; text: string }
  | { t: 'codeBlock'; text: string }
  | { t: 'link'; href: string; children: RichNode[] }
  | { t: 'p' | 'strong' | 'em' | 's' | 'ul' | 'ol' | 'li' | 'blockquote' | 'h'; children: RichNode[] };

export interface PartyModel {
  /** Display name, never empty: falls back to the email or "Unknown participant". */
  name: string;
  title?: string;
  email?: string;
  phone?: string;
  affiliation: 'company' | 'external' | 'unknown';
  /** Share of the call's recorded talk time, 0..1, when Gong reported it. */
  talkShare?: number;
  talkSeconds?: number;
  methods: string[];
  speakerId?: string;
}

export interface LabelValue { label: string; value: string }

/** A moment of the call: its clock label and milliseconds from the start (the transcript can jump there). */
export interface TimeRef { label: string; ms: number }

export interface CallDetailsModel {
  kind: 'callDetails';
  callId: string;
  title: string;
  /** http(s) link to the call in Gong, or undefined when Gong gave none (or an unsafe one). */
  url?: string;
  /** Facts shown in the header grid (start, duration, direction, ...), already formatted. */
  facts: LabelValue[];
  companyParties: PartyModel[];
  externalParties: PartyModel[];
  brief?: RichNode[];
  keyPoints: RichNode[][];
  outline: Array<{ section: string; start: TimeRef; duration: string; items: Array<{ text: RichNode[]; start: TimeRef }> }>;
  highlights: Array<{ title: string; items: Array<{ text: RichNode[]; starts: TimeRef[] }> }>;
  /** The highlight group titled "Next steps", pulled out so it reads as its own section. */
  nextSteps: Array<{ text: RichNode[]; starts: TimeRef[] }>;
  topics: Array<{ name: string; duration: string; seconds: number }>;
  trackers: Array<{ name: string; type: string; count: number; hits: Array<{ time: string; seconds: number; speaker: string }>; phrases: Array<{ phrase: string; count: number }> }>;
  interaction: LabelValue[];
  outcome?: string;
  crm: Array<{ system: string; objectType: string; objectId: string; timing?: string; fields: LabelValue[] }>;
  comments: Array<{ author: string; posted: string; at?: TimeRef; text: RichNode[]; duringCall: boolean }>;
}

export interface SpeakerModel {
  /** Gong's speakerId (the join key with parties); never shown to the reader. */
  id: string;
  name: string;
  affiliation: 'company' | 'external' | 'unknown';
  title?: string;
  /** Number of monologues, for the speaker filter. */
  monologues: number;
}

export interface SentenceModel {
  /** Milliseconds from the start of the call. */
  start: number;
  end: number;
  text: string;
}

export interface MonologueModel {
  /** Index into `TranscriptModel.speakers`. */
  speaker: number;
  topic?: string;
  start: number;
  end: number;
  sentences: SentenceModel[];
}

export interface TrackerHitModel {
  tracker: string;
  /** Milliseconds from the start of the call. */
  start: number;
  speaker?: string;
  phrase?: string;
}

export interface TranscriptModel {
  kind: 'transcript';
  callId: string;
  title: string;
  url?: string;
  /** Formatted start date and time, when known. */
  started?: string;
  speakers: SpeakerModel[];
  monologues: MonologueModel[];
  trackerHits: TrackerHitModel[];
  sentenceCount: number;
}
