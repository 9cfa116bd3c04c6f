/** The loading and error states every call page shows while the host fetches its call. */
import type { HostMessage } from '../../shared/messages';
import { button, showStatus } from './dom';
import { post, rememberCall } from './host';

/**
 * Shows a 'loading' or 'error' host message in `root` (an error offers Retry, and Sign In when the
 * session is the cause) and returns true; any other message is left to the page and returns false.
 */
export function showHostStatus(root: HTMLElement, msg: HostMessage): boolean {
  switch (msg.type) {
    case 'loading':
      rememberCall(msg.callId);
      showStatus(root, `Loading ${msg.title}...`);
      return true;
    case 'error': {
      rememberCall(msg.callId);
      const buttons = [button('Retry', () => post({ type: 'retry' }))];
      if (msg.signIn) buttons.unshift(button('Sign In', () => post({ type: 'signIn' })));
      if (msg.requestId) buttons.push(button('Copy Request Id', () => post({ type: 'copyRequestId' })));
      showStatus(root, msg.message, ...buttons);
      return true;
    }
    default:
      return false;
  }
}
