/**
 * A small node:http server for client tests: records what arrived (hashing the body as it streams,
 * keeping only its first bytes) and answers with a per-test handler. 127.0.0.1, port 0.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  /** Path and raw query as sent. */
  url: string;
  path: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  /** The first `keepBytes` bytes of the body. */
  body: Buffer;
  bodyBytes: number;
  bodySha256: string;
}

export type Handler = (req: SeenRequest, res: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

export interface TestServer {
  baseUrl: string;
  requests: SeenRequest[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

/** Answers with JSON, mirroring requestId into x-traceid as Gong does. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

export async function startTestServer(options: { keepBytes?: number } = {}): Promise<TestServer> {
  const keepBytes = options.keepBytes ?? 1 << 20;
  let handler: Handler = (_req, res) => sendJson(res, 200, { requestId: 'default' });
  const requests: SeenRequest[] = [];
  const server = createServer((raw, res) => {
    const hash = createHash('sha256');
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let total = 0;
    raw.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      total += chunk.length;
      if (keptBytes < keepBytes) {
        const part = chunk.subarray(0, keepBytes - keptBytes);
        kept.push(Buffer.from(part));
        keptBytes += part.length;
      }
    });
    raw.on('end', () => {
      const url = raw.url ?? '/';
      const q = url.indexOf('?');
      const seen: SeenRequest = {
        method: raw.method ?? 'GET', url, path: q < 0 ? url : url.slice(0, q), rawQuery: q < 0 ? '' : url.slice(q + 1),
        headers: raw.headers, body: Buffer.concat(kept), bodyBytes: total, bodySha256: hash.digest('hex'),
      };
      requests.push(seen);
      Promise.resolve(handler(seen, res, raw)).catch(e => {
        if (!res.headersSent) sendJson(res, 599, { errors: [String(e)] });
        else res.destroy();
      });
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    handle(h) { handler = h; },
    close: () => new Promise<void>(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A port on which nothing listens (for connection-refused tests). */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>(resolve => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>(resolve => s.close(() => resolve()));
  return port;
}
