// The streaming multipart reader: correct at every chunk boundary, file parts counted not kept
// (unless the caller asks for their text, up to a bound), limits enforced, and malformed bodies refused.
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { MultipartError, multipartBoundary, readMultipart } from '../../../src/localGong/multipart';
import type { MultipartLimits } from '../../../src/localGong/multipart';

const LIMITS: MultipartLimits = { fileBytes: { default: 1 << 20, dataFile: 1000 }, fieldBytes: 1024, headerBytes: 1024, parts: 10 };
const B = 'XyZ-boundary-123';

function body(parts: Array<{ name: string; filename?: string; type?: string; data: Buffer | string }>): Buffer {
  const chunks: Buffer[] = [Buffer.from('preamble to ignore\r\n')];
  for (const p of parts) {
    const disp = `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    chunks.push(Buffer.from(`--${B}\r\nContent-Disposition: ${disp}\r\n${p.type === undefined ? '' : `Content-Type: ${p.type}\r\n`}\r\n`));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${B}--\r\nepilogue`));
  return Buffer.concat(chunks);
}

function streamOf(buf: Buffer, chunkSize: number): Readable {
  const pieces: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunkSize) pieces.push(buf.subarray(i, i + chunkSize));
  return Readable.from(pieces);
}

describe('localGong: multipart reader', () => {
  // A file whose bytes contain CRLF and dashes, to catch boundary look-alikes.
  const file = Buffer.concat([Buffer.from('\r\n--XyZ-bound\r\n--'), Buffer.alloc(3000, 7), Buffer.from('\r\n-')]);
  const payload = body([
    { name: 'title', data: 'Héllo wörld' },
    { name: 'mediaFile', filename: 'call.wav', type: 'audio/wav', data: file },
    { name: 'empty', data: '' },
  ]);

  it('reads the boundary from the Content-Type', () => {
    assert.equal(multipartBoundary(`multipart/form-data; boundary=${B}`), B);
    assert.equal(multipartBoundary(`multipart/form-data; boundary="${B}"; charset=utf-8`), B);
    assert.equal(multipartBoundary('application/json'), undefined);
    assert.equal(multipartBoundary(undefined), undefined);
  });

  for (const size of [1, 2, 3, 7, 17, 64, 1000, 1 << 16]) {
    it(`parses fields and sizes files with ${size}-byte chunks`, async () => {
      const r = await readMultipart(streamOf(payload, size), B, LIMITS);
      assert.deepEqual(r.fields, { title: 'Héllo wörld', empty: '' });
      assert.deepEqual(r.files, { mediaFile: { filename: 'call.wav', size: file.length, contentType: 'audio/wav' } });
    });
  }

  const ldjson = '{"objectId":"a-1","name":"Zürich — Ünïcode"}\r\n--XyZ-bound\r\n{"objectId":"a-2"}\n';
  const withData = body([
    { name: 'mediaFile', filename: 'call.wav', type: 'audio/wav', data: file },
    { name: 'dataFile', filename: 'objects.ldjson', type: 'application/x-ndjson', data: ldjson },
  ]);
  const dataBytes = Buffer.byteLength(ldjson);

  for (const size of [1, 2, 5, 13, 64, 1 << 16]) {
    it(`keeps the text of a part named in keepText, and only that part, with ${size}-byte chunks`, async () => {
      const r = await readMultipart(streamOf(withData, size), B, { ...LIMITS, keepText: { dataFile: dataBytes } });
      assert.deepEqual(r.files.dataFile, { filename: 'objects.ldjson', size: dataBytes, contentType: 'application/x-ndjson', text: ldjson });
      assert.deepEqual(r.files.mediaFile, { filename: 'call.wav', size: file.length, contentType: 'audio/wav' }, 'not named: size only');
    });
  }

  it('drops the text of a part over its keepText bound but still streams and counts it', async () => {
    for (const size of [3, 64, 1 << 16]) {
      const r = await readMultipart(streamOf(withData, size), B, { ...LIMITS, keepText: { dataFile: dataBytes - 1 } });
      assert.deepEqual(r.files.dataFile, { filename: 'objects.ldjson', size: dataBytes, contentType: 'application/x-ndjson', textDropped: true });
    }
    const none = await readMultipart(streamOf(withData, 64), B, LIMITS);
    assert.equal(none.files.dataFile?.text, undefined, 'no keepText: no text');
    assert.equal(none.files.dataFile?.textDropped, undefined);
    // keepText never lifts the part's own size limit.
    const over = body([{ name: 'dataFile', filename: 'x.ldjson', data: Buffer.alloc(1001, 65) }]);
    await assert.rejects(readMultipart(streamOf(over, 100), B, { ...LIMITS, keepText: { dataFile: 5000 } }), /larger than the 1000 byte limit/);
  });

  it('refuses a file part over its limit with a 400 naming the part', async () => {
    const big = body([{ name: 'dataFile', filename: 'x.ldjson', data: Buffer.alloc(1001, 65) }]);
    await assert.rejects(readMultipart(streamOf(big, 100), B, LIMITS), (e: unknown) => e instanceof MultipartError && e.status === 400 && /dataFile/.test(e.message));
    const ok = body([{ name: 'dataFile', filename: 'x.ldjson', data: Buffer.alloc(1000, 65) }]);
    assert.equal((await readMultipart(streamOf(ok, 100), B, LIMITS)).files.dataFile?.size, 1000);
  });

  it('refuses oversized fields, too many parts, nameless parts and truncated bodies', async () => {
    await assert.rejects(readMultipart(streamOf(body([{ name: 'f', data: 'x'.repeat(2000) }]), 50), B, LIMITS), MultipartError);
    await assert.rejects(readMultipart(streamOf(body(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, data: 'x' }))), 50), B, LIMITS), /Too many/);
    const nameless = Buffer.from(`--${B}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${B}--\r\n`);
    await assert.rejects(readMultipart(streamOf(nameless, 10), B, LIMITS), /no name/);
    await assert.rejects(readMultipart(streamOf(payload.subarray(0, payload.length - 20), 64), B, LIMITS), /ended before/);
  });

  it('streams a large file without keeping it', async () => {
    const total = 50 * 1024 * 1024;
    const head = Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="mediaFile"; filename="big.mp4"\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${B}--\r\n`);
    const chunk = Buffer.alloc(1 << 20, 1);
    async function* gen(): AsyncGenerator<Buffer> {
      yield head;
      for (let sent = 0; sent < total; sent += chunk.length) yield chunk;
      yield tail;
    }
    // The generator hands out one reused chunk, so any growth is the reader's own copying.
    const before = process.memoryUsage().arrayBuffers;
    const r = await readMultipart(Readable.from(gen()), B, { ...LIMITS, fileBytes: { default: 100 * 1024 * 1024 } });
    const grown = process.memoryUsage().arrayBuffers - before;
    assert.equal(r.files.mediaFile?.size, total);
    assert.ok(grown < 8 * 1024 * 1024, `not buffered or copied (grew ${grown} bytes)`);
  });

  it('streams a large file past its keepText bound without keeping it', async () => {
    const total = 50 * 1024 * 1024;
    const head = Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="dataFile"; filename="big.ldjson"\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${B}--\r\n`);
    const chunk = Buffer.alloc(1 << 20, 0x41);
    async function* gen(): AsyncGenerator<Buffer> {
      yield head;
      for (let sent = 0; sent < total; sent += chunk.length) yield chunk;
      yield tail;
    }
    const before = process.memoryUsage().arrayBuffers;
    const r = await readMultipart(Readable.from(gen()), B, { ...LIMITS, fileBytes: { default: 100 * 1024 * 1024 }, keepText: { dataFile: 2 * 1024 * 1024 } });
    const grown = process.memoryUsage().arrayBuffers - before;
    assert.equal(r.files.dataFile?.size, total);
    assert.equal(r.files.dataFile?.textDropped, true);
    assert.ok(grown < 8 * 1024 * 1024, `only the bound was ever held (grew ${grown} bytes)`);
  });
});
