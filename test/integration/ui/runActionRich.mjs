// A rich answer the way a person sees it: an answer about an account, run from the JSON editor of
// Run Action, opens in VS Code's Markdown preview beside its JSON, with the question as its heading
// and the calls it came from as links. Runs first of the UI checks (files run in name order) and
// signs out at the end, so the others start signed out as before.
import { answerSignIn, gongFetch, quickInputState } from './signIn.mjs';

const sleep = ms => new Promise(r => setTimeout(r, ms));
const PROFILE = 'RichUI';
const QUESTION = 'What are the main risks in this deal?';

export async function run(ctx) {
  let gong;
  let input;
  await ctx.step('local Gong starts; an account with calls is read from it', async () => {
    gong = await ctx.startLocalGongCli(['--port', '0', '--calls', '120', '--rate-limit', 'off', '--seed', '5']);
    const ext = await gongFetch(gong, '/v2/calls/extensive', { filter: {}, contentSelector: { context: 'Extended' } });
    for (const c of ext.calls ?? []) {
      const account = (c.context ?? []).flatMap(x => x.objects ?? []).find(o => o.objectType === 'Account');
      if (account) { input = { workspaceId: c.metaData.workspaceId, crmEntityType: 'ACCOUNT', crmEntityId: account.objectId, timePeriod: 'ALL_CONVERSATIONS', question: QUESTION }; break; }
    }
    if (!input) throw new Error('no call with an account in its CRM context');
  });

  await ctx.step('workbench opens and signs in to that Gong', async () => {
    await ctx.open();
    await ctx.openActivity('Gong');
    await ctx.runCommand('Gong: Sign In');
    const signedIn = () => ctx.page.locator('.statusbar').getByText(`Gong: ${PROFILE}`).first().isVisible().catch(() => false);
    await answerSignIn(ctx, gong, PROFILE, signedIn);
  }, { timeoutMs: 90_000 });

  await ctx.step('Ask about an account or deal, sent from its JSON editor, opens the answer as rich text beside the JSON', async () => {
    const page = ctx.page;
    await ctx.runCommand('Gong: Edit Action Input as JSON...');
    await ctx.waitFor(async () => (await quickInputState(page)).kind === 'pick', 15_000, 'the action list');
    await page.locator('.quick-input-widget .quick-input-box input').fill('Ask about an account');
    await sleep(300);
    await page.keyboard.press('Enter');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.waitFor({ timeout: 15_000 });
    await sleep(500);
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(JSON.stringify(input));
    // The editor closes brackets as they are typed: drop whatever it added after the cursor.
    await page.keyboard.press('Control+Shift+End');
    await page.keyboard.press('Delete');
    await sleep(500);
    await ctx.runCommand('Gong: Send the Action Input in This JSON Editor');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    const heading = await ctx.waitFor(async () => {
      const t = await frame.locator('h1').first().innerText({ timeout: 2000 }).catch(() => '');
      return t.includes('main risks') ? t : undefined;
    }, 60_000, 'the Markdown preview showing the question');
    const links = await frame.locator('a').count();
    const items = await frame.locator('li').count();
    if (links < 1) throw new Error('the calls the answer came from are not links');
    await sleep(800);
    console.log(`      preview: "${heading}" with ${items} list items and ${links} links`);
  }, { timeoutMs: 120_000 });

  await ctx.step('signs out', async () => {
    await ctx.page.keyboard.press('Escape');
    await ctx.runCommand('View: Close All Editors');
    // The JSON input editor is untitled and changed: close it without saving, so no later window gets it
    // back (and its save question) through hot exit.
    const dontSave = ctx.page.getByRole('button', { name: "Don't Save" });
    if (await dontSave.isVisible({ timeout: 5000 }).catch(() => false)) await dontSave.click();
    await ctx.waitFor(async () => (await ctx.page.locator('.tabs-container .tab').count()) === 0, 10_000, 'every editor closed');
    await ctx.runCommand('Gong: Sign Out');
    const state = await quickInputState(ctx.page);
    if (state.kind === 'pick') await ctx.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: PROFILE }).first().click();
    await ctx.waitFor(async () => !(await ctx.page.locator('.statusbar').getByText(`Gong: ${PROFILE}`).first().isVisible().catch(() => false)), 20_000, 'signed out');
  });
}
