import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { checkBudget, transcriptRequestCost } from '../../../src/gong/budget';
import { startLocalGong } from '../../../src/localGong/index';
import type { LocalGongHandle } from '../../../src/localGong/index';

describe('gong: the daily request budget for bulk work', function () {
  this.timeout(60_000);

  it('states the cost against what is left and whether it goes past', () => {
    const ok = checkBudget({ requestsToday: 8_800, dailyBudget: 10_000 }, 30);
    assert.deepEqual({ ...ok, text: undefined }, { cost: 30, left: 1_200, dailyBudget: 10_000, over: false, text: undefined, standing: '1,200 of today\'s 10,000 are left.' });
    assert.equal(ok.text, 'That takes 30 requests; 1,200 of today\'s 10,000 are left.');
    const over = checkBudget({ requestsToday: 9_990, dailyBudget: 10_000 }, 25);
    assert.equal(over.over, true);
    assert.equal(over.text, 'That takes 25 requests; 10 of today\'s 10,000 are left, so it goes 15 requests past the daily request budget.');
    const past = checkBudget({ requestsToday: 10_001, dailyBudget: 10_000 }, 1);
    assert.equal(past.left, 0);
    assert.equal(past.over, true);
    assert.equal(checkBudget({ requestsToday: 0, dailyBudget: 5 }, Number.NaN).cost, 0);
    assert.equal(transcriptRequestCost(230), 3);
    assert.equal(transcriptRequestCost(0), 0);
  });

  describe('gong run --all-pages', () => {
    let gong: LocalGongHandle;
    const cli = join(__dirname, '..', '..', '..', 'src', 'cli', 'gong.js');
    const run = (args: string[], env: Record<string, string>) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
      const child = execFile(process.execPath, [cli, ...args], {
        timeout: 30_000, maxBuffer: 64 << 20,
        env: { PATH: process.env.PATH ?? '', GONG_BASE_URL: gong.baseUrl, GONG_BEARER_TOKEN: gong.bearerToken, GONG_REQUESTS_PER_SECOND: '200', ...env },
      }, (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') { reject(new Error(error.message, { cause: error })); return; }
        resolve({ code: child.exitCode ?? 0, stdout, stderr });
      });
    });
    before(async () => { gong = await startLocalGong({ rateLimit: false, users: 250, calls: 3 }); });
    after(async () => { await gong.close(); });

    it('stops after the first page when the rest is past the budget, and goes on with --over-budget', async () => {
      const before = gong.requestCount;
      const refused = await run(['run', 'users.list', '--all-pages'], { GONG_DAILY_REQUEST_BUDGET: '2' });
      assert.equal(refused.code, 2, refused.stderr);
      assert.equal(refused.stdout, '');
      assert.match(refused.stderr, /the other pages take 2 requests, more than the 1 left of the daily request budget of 2/);
      assert.match(refused.stderr, /--over-budget/);
      assert.equal(gong.requestCount - before, 1, 'only the first page was asked for');

      const forced = await run(['run', 'users.list', '--all-pages', '--over-budget'], { GONG_DAILY_REQUEST_BUDGET: '2' });
      assert.equal(forced.code, 0, forced.stderr);
      assert.equal((JSON.parse(forced.stdout) as { users: unknown[] }).users.length, 250);

      const fits = await run(['run', 'users.list', '--all-pages'], { GONG_DAILY_REQUEST_BUDGET: '3' });
      assert.equal(fits.code, 0, fits.stderr);
      const capped = await run(['run', 'users.list', '--all-pages', '--max-pages', '2'], { GONG_DAILY_REQUEST_BUDGET: '2' });
      assert.equal(capped.code, 0, `--max-pages within the budget goes ahead: ${capped.stderr}`);
      assert.equal((JSON.parse(capped.stdout) as { users: unknown[] }).users.length, 200);
    });
  });
});
