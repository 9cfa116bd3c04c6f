/** An HTTP server on 127.0.0.1 that only counts what reaches it (every test closes it). */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingServer {
  baseUrl: string;
  count(): number;
  paths: string[];
  close(): Promise<void>;
}

export async function startCountingServer(): Promise<CountingServer> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-traceid': 'counting' });
      res.end('{"requestId":"counting"}');
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    count: () => paths.length,
    paths,
    close: () => new Promise<void>(resolve => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
