/**
 * multipart/form-data bodies streamed from disk. Media uploads can be 1.5 GB, so the file is never
 * read whole: the body is a stream of small header chunks and file chunks, and its Content-Length is
 * computed up front from the file sizes (Gong, like most servers, wants a length rather than chunked
 * transfer for uploads).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';
import type { MultipartFile } from './types';

export interface MultipartBody {
  contentType: string;
  contentLength: number;
  /** A fresh stream of the whole body each time it is called (a retry needs a new one). */
  stream(): Readable;
}

const TYPES: Record<string, string> = {
  '.mp3': 'audio/mpeg', '.wav': 'audio/wav', '.m4a': 'audio/mp4', '.aac': 'audio/aac', '.ogg': 'audio/ogg',
  '.flac': 'audio/flac', '.mp4': 'video/mp4', '.mov': 'video/quicktime', '.webm': 'video/webm', '.mkv': 'video/x-matroska',
  '.csv': 'text/csv', '.ldjson': 'application/x-ndjson', '.json': 'application/json', '.txt': 'text/plain',
};

/** Guesses a part's Content-Type from the file name. */
export function contentTypeFor(filename: string): string {
  return TYPES[extname(filename).toLowerCase()] ?? 'application/octet-stream';
}

/** Quotes a name or filename as the HTML form-data algorithm does (quote and line breaks escaped). */
function quote(value: string): string {
  return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

type Piece = { kind: 'bytes'; data: Buffer } | { kind: 'file'; path: string; size: number };

/** Builds the body; stats every file (so a missing file fails before anything is sent). */
export async function buildMultipart(
  fields: Record<string, string> = {},
  files: Record<string, MultipartFile> = {},
): Promise<MultipartBody> {
  const boundary = `----GongExplorer${randomBytes(16).toString('hex')}`;
  const pieces: Piece[] = [];
  for (const [name, value] of Object.entries(fields)) {
    pieces.push({ kind: 'bytes', data: Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`) });
  }
  for (const [name, file] of Object.entries(files)) {
    const info = await stat(file.path);
    if (!info.isFile()) throw new Error(`${file.path} is not a file`);
    const filename = file.filename ?? basename(file.path);
    const type = file.contentType ?? contentTypeFor(filename);
    pieces.push({ kind: 'bytes', data: Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"; filename="${quote(filename)}"\r\nContent-Type: ${type}\r\n\r\n`) });
    pieces.push({ kind: 'file', path: file.path, size: info.size });
    pieces.push({ kind: 'bytes', data: Buffer.from('\r\n') });
  }
  pieces.push({ kind: 'bytes', data: Buffer.from(`--${boundary}--\r\n`) });
  const contentLength = pieces.reduce((n, p) => n + (p.kind === 'bytes' ? p.data.length : p.size), 0);

  async function* generate(): AsyncGenerator<Buffer> {
    for (const p of pieces) {
      if (p.kind === 'bytes') { yield p.data; continue; }
      // Exactly the stat'ed size: a file growing meanwhile must not break the declared length.
      if (p.size === 0) continue;
      const s = createReadStream(p.path, { start: 0, end: p.size - 1, highWaterMark: 1 << 20 });
      for await (const chunk of s) yield chunk as Buffer;
    }
  }
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength,
    stream: () => Readable.from(generate(), { objectMode: false }),
  };
}
