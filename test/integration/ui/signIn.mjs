// Signing in the way a person does: Gong: Sign In from the command palette, answering each quick
// pick and input box by typing (the real VS Code prompter, not the scripted one the mocha suites use),
// against a local Gong started as a child process; then the views show that Gong's users, and
// Gong: Sign Out brings the welcome view back. Runs before workbench.mjs, which starts signed out.

const sleep = ms => new Promise(r => setTimeout(r, ms));

/** A JSON read from the local Gong the check started (Basic auth), for the values a step expects to see. */
export async function gongFetch(gong, path, body) {
  const auth = Buffer.from(`${gong.accessKey}:${gong.accessKeySecret}`).toString('base64');
  const res = await fetch(`${gong.baseUrl}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

/** What the quick input shows now: a pick (with its row labels), an input box (with its prompt), or nothing. */
export async function quickInputState(page) {
  const widget = page.locator('.quick-input-widget');
  if (!(await widget.isVisible().catch(() => false))) return { kind: 'none', signature: 'none' };
  const title = (await widget.locator('.quick-input-title').innerText().catch(() => '')).trim();
  const message = (await widget.locator('.quick-input-message').innerText().catch(() => '')).trim();
  const placeholder = (await widget.locator('.quick-input-box input').getAttribute('placeholder').catch(() => '')) ?? '';
  const list = widget.locator('.quick-input-list');
  const rows = (await list.isVisible().catch(() => false)) ? await list.locator('.monaco-list-row').allInnerTexts() : [];
  const kind = rows.length > 0 ? 'pick' : 'input';
  return { kind, title, message, placeholder, rows, signature: `${kind}|${title}|${message}|${placeholder}|${rows.length}` };
}

/**
 * Answers the sign-in questions by what they ask (see src/auth/signIn.ts) until `done()` holds; at most
 * 10 answers. Between two questions the widget may be half-way through a transition: anything that
 * is not a settled, visible question is waited out rather than answered.
 */
export async function answerSignIn(ctx, gong, profileName, done) {
  const page = ctx.page;
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const asked = [];
  let last = '';
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (await done()) return asked;
    const state = await quickInputState(page);
    if (state.kind === 'none' || state.signature === last) { await sleep(250); continue; }
    if (asked.length >= 10) throw new Error(`more than 10 sign-in questions: ${asked.join(', ')}`);
    const text = `${state.message} ${state.placeholder}`;
    if (state.kind === 'pick') {
      const label = ['Access key and secret', 'New profile...'].find(l => state.rows.some(r => r.includes(l)));
      if (!label) throw new Error(`no answer for the pick "${text}" (${state.rows.join(' | ')})`);
      await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: label }).first().click({ timeout: 5000 });
      asked.push(`pick: ${label}`);
    } else {
      const rules = [[/secret/i, gong.accessKeySecret], [/base url/i, gong.baseUrl], [/profile name/i, profileName], [/access key/i, gong.accessKey]];
      const rule = rules.find(([re]) => re.test(text));
      if (!rule) { await sleep(250); continue; } // not a question yet (e.g. a busy box between steps)
      const filled = await input.fill(rule[1], { timeout: 5000 }).then(() => true, () => false);
      if (!filled) continue;
      await sleep(150); // live validation runs on change
      await input.press('Enter');
      asked.push(`input: ${text.trim().slice(0, 40)}`);
    }
    last = state.signature;
    await sleep(200);
  }
  throw new Error(`sign-in did not finish; answered: ${asked.join(', ') || 'nothing'}`);
}

export async function run(ctx) {
  let gong;
  let expectedUsers = [];
  const profileName = 'Local';

  await ctx.step('local Gong child process starts', async () => {
    gong = await ctx.startLocalGongCli(['--port', '0', '--rate-limit', 'off', '--seed', '7']);
    const auth = Buffer.from(`${gong.accessKey}:${gong.accessKeySecret}`).toString('base64');
    const res = await fetch(`${gong.baseUrl}/v2/users`, { headers: { authorization: `Basic ${auth}` }, signal: AbortSignal.timeout(10_000) });
    expectedUsers = ((await res.json()).users ?? []).map(u => `${u.firstName} ${u.lastName}`);
    if (!expectedUsers.length) throw new Error('the local Gong has no users');
  });

  await ctx.step('workbench opens', () => ctx.open());

  await ctx.step('Gong: Sign In asks step by step and signs in', async () => {
    if (!gong) throw new Error('no local Gong');
    await ctx.runCommand('Gong: Sign In');
    const signedIn = () => ctx.page.locator('.statusbar').getByText(`Gong: ${profileName}`).first().isVisible().catch(() => false);
    const asked = await answerSignIn(ctx, gong, profileName, signedIn);
    console.log(`      answered ${asked.length}: ${asked.join('; ')}`);
  });

  await ctx.step('Users view shows the signed-in Gong\'s users', async () => {
    await ctx.openActivity('Gong');
    const row = await ctx.waitFor(async () => (await ctx.treeRows('Users')).find(r => expectedUsers.some(n => r.includes(n))), 30_000, `one of ${expectedUsers.slice(0, 3).join(', ')}... in the Users view`);
    console.log(`      row: ${row.split('\n')[0]}`);
  });

  await ctx.step('Gong: Sign Out brings the welcome view back', async () => {
    await ctx.runCommand('Gong: Sign Out');
    // With several profiles stored, it asks which one.
    const state = await quickInputState(ctx.page);
    if (state.kind === 'pick') await ctx.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: profileName }).first().click();
    await ctx.page.getByText('Sign In to Gong').first().waitFor({ timeout: 20_000 });
  });
}
