/**
 * Messages between the extension host and the two call panels. The page imports only these types
 * (erased at build time); the host validates every inbound message with the schemas in
 * `schemas.ts` before acting on it.
 */
import type { CallDetailsModel, TranscriptModel } from './models';

export type ExportFormat = 'markdown' | 'text' | 'srt' | 'vtt' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['markdown', 'text', 'srt', 'vtt', 'json'];

/** What the page reports about itself after rendering, searching or filtering (tests read it). */
export interface PageStatus {
  /** Monologues (transcript) or sections (details) currently in the DOM. */
  rendered: number;
  total: number;
  /** Milliseconds from receiving the model to the first painted chunk. */
  firstPaintMs?: number;
  /** Milliseconds from receiving the model to the last chunk. */
  fullRenderMs?: number;
  query?: string;
  matches?: number;
  /** 1-based index of the current match, 0 when none. */
  currentMatch?: number;
  /** Speaker indexes shown; undefined when all are. */
  speakers?: number[];
  visibleMonologues?: number;
}

/** Host to page. */
export type HostMessage =
  /** `callId` lets the page keep its call in its state before any model arrived (restore after a reload). */
  | { type: 'loading'; title: string; callId?: string }
  /** `requestId` is Gong's, for a Copy Request Id button; `signIn` only when the credentials no longer work. */
  | { type: 'error'; message: string; signIn?: boolean; callId?: string; requestId?: string }
  | { type: 'callDetails'; model: CallDetailsModel }
  | { type: 'transcript'; model: TranscriptModel }
  /** Transcript: run a search as if typed in the search box (palette command, tests). */
  | { type: 'find'; query: string }
  /** Transcript: show only these speakers (indexes into model.speakers); null shows everyone. */
  | { type: 'filterSpeakers'; speakers: number[] | null }
  /** Transcript: scroll to the sentence spoken at this time (ms). */
  | { type: 'jumpTo'; ms: number };

/** Page to host. */
export type PageMessage =
  | { type: 'ready' }
  | { type: 'retry' }
  | { type: 'signIn' }
  | { type: 'openInGong' }
  /** Open this call's transcript; with `at`, scrolled to that moment (ms from the start). */
  | { type: 'openTranscript'; at?: number }
  | { type: 'openDetails' }
  | { type: 'copyId' }
  | { type: 'copyMarkdown' }
  /** Copy the request id of the error the page shows. */
  | { type: 'copyRequestId' }
  | { type: 'runAction' }
  | { type: 'copyText'; text: string }
  | { type: 'export'; format: ExportFormat }
  | { type: 'status'; status: PageStatus };

/**
 * The state a page keeps with `setState`: the call (so a window reload brings the panel back) and, for
 * transcripts, the search and speaker filter (so hiding and showing the tab keeps them).
 */
export interface PanelState { callId: string; query?: string; speakers?: number[] }
