// The CRM upload over real HTTP: a multipart dataFile sent by fetch/FormData is read as LDJSON,
// applied when its request finishes, and read back with GET /v2/crm/entities.
import * as assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { startLocalGong } from '../../../src/localGong/index';
import type { LocalGongHandle } from '../../../src/localGong/index';
import { CRM_TEXT_BYTES } from '../../../src/localGong/routes/crm';

interface Status { status: string; errors: Array<{ line: number; description: string }>; totalErrorCount: number; totalSuccessCount: number }

describe('local Gong CRM upload over HTTP', () => {
  let gong: LocalGongHandle;
  let auth: string;
  let integrationId: string;

  before(async () => {
    gong = await startLocalGong({ rateLimit: false, seed: 5, users: 20, calls: 40 });
    auth = `Basic ${Buffer.from(`${gong.accessKey}:${gong.accessKeySecret}`).toString('base64')}`;
    const put = await fetch(`${gong.baseUrl}/v2/crm/integrations`, {
      method: 'PUT',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Upload test CRM', ownerEmail: 'revops@example.com' }),
      signal: AbortSignal.timeout(10000),
    });
    const text = await put.text();
    assert.equal(put.status, 200, text);
    // Read as text: the id is a bare 19-digit number that JSON.parse would round.
    const m = /"integrationId":(\d+)/.exec(text);
    assert.ok(m, text);
    integrationId = m[1]!;
  });
  after(async () => { await gong.close(); });

  const upload = async (clientRequestId: string, content: string | Uint8Array<ArrayBuffer>, objectType = 'ACCOUNT'): Promise<{ status: number; body: Record<string, unknown> }> => {
    const form = new FormData();
    form.set('dataFile', new Blob([content], { type: 'application/x-ndjson' }), 'objects.ldjson');
    const res = await fetch(`${gong.baseUrl}/v2/crm/entities?integrationId=${integrationId}&objectType=${objectType}&clientRequestId=${clientRequestId}`, {
      method: 'POST', headers: { authorization: auth }, body: form, signal: AbortSignal.timeout(20000),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  /** Polls GET /v2/crm/request-status until the request leaves PENDING/IN_PROGRESS (at most 20 reads). */
  const settle = async (clientRequestId: string): Promise<{ seen: string[]; last: Status }> => {
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${gong.baseUrl}/v2/crm/request-status?integrationId=${integrationId}&clientRequestId=${clientRequestId}`, {
        headers: { authorization: auth }, signal: AbortSignal.timeout(10000),
      });
      assert.equal(res.status, 200);
      const body = (await res.json()) as Status;
      seen.push(body.status);
      if (body.status === 'DONE' || body.status === 'FAILED') return { seen, last: body };
      await new Promise(r => setTimeout(r, 10));
    }
    assert.fail(`request ${clientRequestId} did not finish: ${seen.join(' -> ')}`);
  };

  /** GET with a JSON body: fetch refuses that, so this one call goes through node:http. */
  const readObjects = (objectType: string, ids: string[]): Promise<{ status: number; body: { crmObjectsMap: Record<string, Record<string, unknown> | null> } }> =>
    new Promise((resolve, reject) => {
      const payload = JSON.stringify(ids);
      const url = new URL(`/v2/crm/entities?integrationId=${integrationId}&objectType=${objectType}`, gong.baseUrl);
      const req = httpRequest(url, {
        method: 'GET', timeout: 10000,
        headers: { authorization: auth, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      }, res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => { text += c; });
        res.on('end', () => {
          try { resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { crmObjectsMap: Record<string, Record<string, unknown> | null> } }); } catch (e) { reject(e instanceof Error ? e : new Error(String(e))); }
        });
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(payload);
    });

  it('stores the ACCOUNT objects of an LDJSON dataFile and reads their fields back', async () => {
    const lines = [
      { objectId: 'acct-http-1', modifiedDate: '2025-05-02T18:04:11Z', isDeleted: false, url: 'https://crm.example/acct-http-1', name: 'Société Générale — Zürich', domains: ['sg.example', 'sg-zh.example'], segment: 'Enterprise' },
      { objectId: 'acct-http-2', modifiedDate: '2025-05-03T08:00:00+02:00', name: 'Fabrikam', domains: ['fabrikam.example'] },
    ];
    const up = await upload('http-ok-1', lines.map(l => JSON.stringify(l)).join('\r\n') + '\n');
    assert.equal(up.status, 201, JSON.stringify(up.body));
    assert.equal(up.body.clientRequestId, 'http-ok-1');
    const before = await readObjects('ACCOUNT', ['acct-http-1']);
    assert.deepEqual(before.body.crmObjectsMap, { 'acct-http-1': null }, 'applied only when the request finishes');

    const { seen, last } = await settle('http-ok-1');
    assert.deepEqual(seen, ['IN_PROGRESS', 'DONE']);
    assert.deepEqual(last.errors, []);
    assert.equal(last.totalSuccessCount, 2);
    assert.equal(last.totalErrorCount, 0);

    const read = await readObjects('ACCOUNT', ['acct-http-1', 'acct-http-2', 'acct-http-none']);
    assert.equal(read.status, 200);
    const map = read.body.crmObjectsMap;
    assert.equal(map['acct-http-1']?.name, 'Société Générale — Zürich', 'UTF-8 survives the multipart reader');
    assert.deepEqual(map['acct-http-1']?.domains, ['sg.example', 'sg-zh.example']);
    assert.equal(map['acct-http-1']?.segment, 'Enterprise', 'custom-field keys are kept');
    assert.equal(map['acct-http-1']?.url, 'https://crm.example/acct-http-1');
    assert.equal(map['acct-http-2']?.name, 'Fabrikam');
    assert.equal(map['acct-http-2']?.modifiedDate, '2025-05-03T08:00:00+02:00');
    assert.equal(map['acct-http-none'], null);
    // Uploaded as ACCOUNT only: the same ids are unknown as CONTACTs.
    assert.deepEqual((await readObjects('CONTACT', ['acct-http-1'])).body.crmObjectsMap, { 'acct-http-1': null });
  });

  it('ends FAILED with a per-line message when a line is not valid JSON; the good line still applies', async () => {
    const good = JSON.stringify({ objectId: 'acct-http-3', modifiedDate: '2025-05-04T09:30:00Z', name: 'Northwind' });
    const up = await upload('http-bad-1', `${good}\n{"objectId": "acct-http-4", "modifiedDate": \n`);
    assert.equal(up.status, 201);
    const { last } = await settle('http-bad-1');
    assert.equal(last.status, 'FAILED');
    assert.equal(last.totalErrorCount, 1);
    assert.equal(last.totalSuccessCount, 1);
    assert.deepEqual(last.errors, [{ line: 2, description: 'Line is not valid JSON' }]);
    const read = await readObjects('ACCOUNT', ['acct-http-3', 'acct-http-4']);
    assert.equal(read.body.crmObjectsMap['acct-http-3']?.name, 'Northwind');
    assert.equal(read.body.crmObjectsMap['acct-http-4'], null);

    const onlyBad = await upload('http-bad-2', 'not json at all\n');
    assert.equal(onlyBad.status, 201);
    const second = await settle('http-bad-2');
    assert.equal(second.last.status, 'FAILED');
    assert.equal(second.last.totalSuccessCount, 0);
    assert.deepEqual(second.last.errors, [{ line: 1, description: 'Line is not valid JSON' }]);
  });

  it('refuses a dataFile over the text bound with a clear 400 and leaves its clientRequestId unused', async () => {
    const line = `${JSON.stringify({ objectId: 'acct-big', modifiedDate: '2025-05-04T09:30:00Z', name: 'x'.repeat(1000) })}\n`;
    const big = Buffer.alloc(CRM_TEXT_BYTES + 1, line.slice(0, 1)); // any byte pattern: only the size matters here
    const res = await upload('http-big-1', big);
    assert.equal(res.status, 400);
    const errors = res.body.errors as string[];
    assert.match(errors[0] ?? '', new RegExp(`dataFile is ${CRM_TEXT_BYTES + 1} bytes; the local Gong reads CRM files of at most ${CRM_TEXT_BYTES} bytes`));
    // Exactly at the bound the text is kept (the LDJSON itself is then judged line by line).
    const atBound = Buffer.alloc(CRM_TEXT_BYTES, 0x20);
    atBound.write(line, 0);
    const ok = await upload('http-big-1', atBound);
    assert.equal(ok.status, 201, 'the refused upload did not use up its clientRequestId');
    const { last } = await settle('http-big-1');
    assert.equal(last.status, 'DONE');
    assert.equal(last.totalSuccessCount, 1);
    assert.equal((await readObjects('ACCOUNT', ['acct-big'])).body.crmObjectsMap['acct-big']?.name, 'x'.repeat(1000));
  });
});
