/**
 * Records outgoing TCP connections and HTTP requests until the returned function is called: the
 * check that activation sends nothing. Used by the integration suite, and by the extension itself
 * on its own activation when test hooks are on (it may activate with the window, before the suite).
 */
import * as net from 'node:net';
import * as diagnostics from 'node:diagnostics_channel';
import { textOf } from '../shared/textOf';

/** Records outgoing TCP connections and HTTP requests until the returned function is called. */
export function watchNetwork(): () => string[] {
  const seen: string[] = [];
  const onSocket = (message: unknown): void => {
    const socket = (message as { socket?: net.Socket }).socket;
    seen.push(`socket ${socket?.remoteAddress ?? '?'}:${socket?.remotePort ?? '?'}`);
  };
  const onUndici = (message: unknown): void => {
    const req = (message as { request?: { origin?: unknown; path?: unknown } }).request;
    seen.push(`undici ${textOf(req?.origin, '?')}${textOf(req?.path)}`);
  };
  const onHttp = (): void => { seen.push('http.request'); };
  const channels: Array<[string, (m: unknown) => void]> = [
    ['net.client.socket', onSocket],
    ['undici:request:create', onUndici],
    ['http.client.request.start', onHttp],
  ];
  for (const [name, fn] of channels) diagnostics.subscribe(name, fn);
  // Connections opened by name (before the diagnostics channel sees a socket) also count.
  // Kept to put back, and called with its socket through apply().
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const first = args[0] as { host?: string; port?: number; path?: string } | number | string | undefined;
    if (typeof first === 'object' && first !== null && first.port !== undefined) seen.push(`connect ${first.host ?? 'localhost'}:${first.port}`);
    else if (typeof first === 'number') seen.push(`connect ${textOf(args[1], 'localhost')}:${first}`);
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  };
  return () => {
    for (const [name, fn] of channels) diagnostics.unsubscribe(name, fn);
    net.Socket.prototype.connect = originalConnect;
    return seen;
  };
}

