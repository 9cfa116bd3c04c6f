/** The page's side of the message channel. Only types cross from src/shared; nothing else is imported. */
import type { HostMessage, PageMessage, PanelState } from '../../shared/messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  setState(state: unknown): void;
  getState(): unknown;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi = acquireVsCodeApi();

export function post(message: PageMessage): void {
  api.postMessage(message);
}

export function saveState(state: PanelState): void {
  api.setState(state);
}

/** What the page saved before it was last hidden or reloaded, if it looks like ours. */
export function loadState(): Partial<PanelState> {
  const s: unknown = api.getState();
  return typeof s === 'object' && s !== null ? (s) : {};
}

/** Listens for host messages; anything without a string `type` is ignored. */
export function onHostMessage(handler: (m: HostMessage) => void): void {
  window.addEventListener('message', (e: MessageEvent) => {
    const data: unknown = e.data;
    if (typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string') handler(data as HostMessage);
  });
}

/** Keeps the call in the page state as soon as it is known, without losing a search saved for it. */
export function rememberCall(callId: string | undefined): void {
  if (!callId || !/^\d{1,30}$/.test(callId)) return;
  if (loadState().callId !== callId) saveState({ callId });
}
