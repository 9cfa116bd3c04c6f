/**
 * A streaming multipart/form-data reader. Gong accepts recordings up to 1.5 GB, so file parts are
 * counted and dropped as they pass; only small text fields are kept. Nothing is buffered beyond one
 * chunk plus the boundary length. A route that must read a file's content (the CRM upload's LDJSON
 * `dataFile`) names that part in `keepText` with a byte bound: its text is kept up to the bound, and a
 * larger part is still streamed and counted but comes back with `textDropped` instead of text.
 */

import type { Readable } from 'node:stream';

export interface MultipartFile {
  filename: string;
  size: number;
  contentType: string;
  /** The part's UTF-8 text, only for parts named in `keepText` and no larger than their bound. */
  text?: string;
  /** Set when the part was named in `keepText` but was larger than its bound, so its text is missing. */
  textDropped?: true;
}

export interface MultipartResult {
  fields: Record<string, string>;
  files: Record<string, MultipartFile>;
}

export interface MultipartLimits {
  /** Largest file part, by part name; `default` for names not listed. */
  fileBytes: Record<string, number> & { default: number };
  /** Largest text field. */
  fieldBytes: number;
  /** Largest header block of one part. */
  headerBytes: number;
  /** Most parts in one body. */
  parts: number;
  /** File parts whose text the caller needs, by part name, each with the most bytes to keep. */
  keepText?: Readonly<Record<string, number>>;
}

/**
 * A route that needs the text of some file parts declares it with this (next to its RouteDef fields);
 * the server passes it to the reader as `keepText`. Routes without it get sizes only.
 */
export interface MultipartTextRoute {
  multipartText: Readonly<Record<string, number>>;
}

/** The `multipartText` a route declared, if any. */
export function multipartTextOf(def: object): Readonly<Record<string, number>> | undefined {
  if (!('multipartText' in def)) return undefined;
  const m: unknown = def.multipartText;
  if (typeof m !== 'object' || m === null) return undefined;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(m)) if (typeof v === 'number' && v >= 0) out[k] = v;
  return out;
}

export class MultipartError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** The boundary from a Content-Type header, or undefined when it is not multipart/form-data. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  if (!/^multipart\/form-data\b/i.test(contentType)) return undefined;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const b = m?.[1] ?? m?.[2];
  return b !== undefined && b.length > 0 && b.length <= 200 ? b : undefined;
}

interface PartHeaders {
  name: string;
  filename?: string;
  contentType: string;
}

function parsePartHeaders(block: string): PartHeaders {
  let name: string | undefined;
  let filename: string | undefined;
  let contentType = 'text/plain';
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-disposition') {
      const n = /\bname="([^"]*)"/i.exec(value) ?? /\bname=([^;\s]+)/i.exec(value);
      const f = /\bfilename="([^"]*)"/i.exec(value) ?? /\bfilename=([^;\s]+)/i.exec(value);
      name = n?.[1];
      filename = f?.[1];
    } else if (key === 'content-type') {
      contentType = value;
    }
  }
  if (name === undefined) throw new MultipartError(400, 'A multipart part has no name');
  return filename === undefined ? { name, contentType } : { name, filename, contentType };
}

/**
 * Reads a multipart body from `stream`. Rejects with MultipartError(400) for malformed bodies or
 * parts over their limit; the caller then answers and drops the connection.
 */
export function readMultipart(stream: Readable, boundary: string, limits: MultipartLimits): Promise<MultipartResult> {
  // Prepending CRLF makes the first delimiter look like every other one.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const result: MultipartResult = { fields: {}, files: {} };
  let buf: Buffer = Buffer.from('\r\n');
  let state: 'preamble' | 'afterDelimiter' | 'headers' | 'body' | 'done' = 'preamble';
  let part: PartHeaders | undefined;
  let partSize = 0;
  let fieldChunks: Buffer[] = [];
  let partCount = 0;
  // For a file part named in keepText: its bound, and whether it has gone past it.
  let textBound: number | undefined;
  let textDropped = false;

  const limitFor = (name: string): number => limits.fileBytes[name] ?? limits.fileBytes.default;

  const onData = (data: Buffer): void => {
    if (part === undefined || data.length === 0) return;
    partSize += data.length;
    if (part.filename !== undefined) {
      const limit = limitFor(part.name);
      if (partSize > limit) throw new MultipartError(400, `File part '${part.name}' is larger than the ${limit} byte limit`);
      if (textBound !== undefined && !textDropped) {
        if (partSize > textBound) {
          // Past the bound the text is useless to the route; let the kept chunks go and only count.
          textDropped = true;
          fieldChunks = [];
        } else {
          // Copied so the kept text holds only its own bytes, not the whole chunks it was cut from.
          fieldChunks.push(Buffer.from(data));
        }
      }
    } else {
      if (partSize > limits.fieldBytes) throw new MultipartError(400, `Field '${part.name}' is larger than the ${limits.fieldBytes} byte limit`);
      fieldChunks.push(Buffer.from(data));
    }
  };

  const finishPart = (): void => {
    if (part === undefined) return;
    if (part.filename !== undefined) {
      const file: MultipartFile = { filename: part.filename, size: partSize, contentType: part.contentType };
      if (textDropped) file.textDropped = true;
      else if (textBound !== undefined) file.text = Buffer.concat(fieldChunks).toString('utf8');
      result.files[part.name] = file;
    } else {
      result.fields[part.name] = Buffer.concat(fieldChunks).toString('utf8');
    }
    part = undefined;
    partSize = 0;
    fieldChunks = [];
    textBound = undefined;
    textDropped = false;
  };

  // Consumes as much of `buf` as the state machine can; leaves the undecidable tail.
  const pump = (): void => {
    for (let guard = 0; guard < 100_000; guard++) {
      if (state === 'preamble' || state === 'body') {
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          const safe = buf.length - delimiter.length + 1;
          if (safe > 0) {
            if (state === 'body') onData(buf.subarray(0, safe));
            buf = buf.subarray(safe);
          }
          return;
        }
        if (state === 'body') {
          onData(buf.subarray(0, at));
          finishPart();
        }
        buf = buf.subarray(at + delimiter.length);
        state = 'afterDelimiter';
      } else if (state === 'afterDelimiter') {
        if (buf.length < 2) return;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          state = 'done';
          buf = Buffer.alloc(0);
          return;
        }
        // Transport padding (spaces/tabs) may sit between the boundary and its CRLF.
        let i = 0;
        while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
        if (buf.length < i + 2) return;
        if (buf[i] !== 0x0d || buf[i + 1] !== 0x0a) throw new MultipartError(400, 'Malformed multipart boundary line');
        buf = buf.subarray(i + 2);
        state = 'headers';
      } else if (state === 'headers') {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) {
          if (buf.length > limits.headerBytes) throw new MultipartError(400, 'Multipart part headers are too large');
          return;
        }
        if (end > limits.headerBytes) throw new MultipartError(400, 'Multipart part headers are too large');
        partCount++;
        if (partCount > limits.parts) throw new MultipartError(400, 'Too many multipart parts');
        part = parsePartHeaders(buf.subarray(0, end).toString('utf8'));
        partSize = 0;
        fieldChunks = [];
        textBound = part.filename === undefined ? undefined : limits.keepText?.[part.name];
        textDropped = false;
        buf = buf.subarray(end + 4);
        state = 'body';
      } else {
        // done: ignore the epilogue
        buf = Buffer.alloc(0);
        return;
      }
    }
  };

  return new Promise<MultipartResult>((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      stream.off('data', data);
      stream.off('end', end);
      stream.off('error', fail);
      // Keep reading into the void so the client can finish sending and see our answer.
      stream.resume();
      reject(err instanceof MultipartError ? err : new MultipartError(400, err instanceof Error ? err.message : String(err)));
    };
    const data = (chunk: Buffer): void => {
      if (settled) return;
      try {
        if (state === 'body' && buf.length < delimiter.length && chunk.length >= delimiter.length) {
          // Only a delimiter straddling the kept tail and the new chunk needs the two joined; in
          // every other case the chunk is used as is, so a big upload is never copied.
          const joint = Buffer.concat([buf, chunk.subarray(0, delimiter.length)]);
          const at = joint.indexOf(delimiter);
          if (at < 0 || at >= buf.length) {
            onData(buf);
            buf = chunk;
            pump();
            return;
          }
        }
        buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
        pump();
      } catch (err) {
        fail(err);
      }
    };
    const end = (): void => {
      if (settled) return;
      if (state !== 'done') {
        fail(new MultipartError(400, 'The multipart body ended before its closing boundary'));
        return;
      }
      settled = true;
      resolve(result);
    };
    stream.on('data', data);
    stream.on('end', end);
    stream.on('error', fail);
  });
}
