/**
 * Replies in the chat UI (the webview bundle in headless Chromium against the fake host): Reply from a
 * message's menu, the bar above the composer (Escape and its close button cancel it), the reply sent
 * with the quoted message's id, and a reply's quote that pages back to the message it quotes, or says
 * that message is gone.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { outputPath } from '../harness/paths';
import { fakeHostSession, hostLog, openFakePanel, pickFromMessageMenu } from './fakeHostSession';

describe('chat webview: replies', function () {
  this.timeout(120_000);
  const session = fakeHostSession('webview-ui-replies');
  let page: Page;

  beforeEach(async () => {
    page = session.page;
    await openFakePanel(page, session.server.url, 'n=100');
  });

  async function replyTo(id: string): Promise<void> {
    await pickFromMessageMenu(page, id, 'Reply');
    await page.locator('#reply-bar').waitFor();
  }
  const sentParams = async (): Promise<Array<Record<string, unknown>>> => (await hostLog(page)).requests.filter((r) => r.method === 'chat/sendText').map((r) => r.params);

  it('replies to a message from its menu and shows the quote on the reply', async () => {
    await replyTo('m94');
    assert.equal(await page.locator('.reply-bar-label').innerText(), 'Replying to Bob Stone');
    assert.match(await page.locator('.reply-bar-quote').innerText(), /^#94 /);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'composer-input', 'ready to type the answer');
    await page.keyboard.type('on it');
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-reply-bar.png') });
    await page.keyboard.press('Enter');
    const reply = page.locator('.message[data-id="s1"]');
    await reply.waitFor();
    assert.deepEqual(await sentParams(), [{ text: 'on it', replyTo: 'm94' }]);
    await page.locator('#reply-bar').waitFor({ state: 'hidden' });
    assert.equal(await reply.locator('.reply-quote-sender').innerText(), 'Bob Stone');
    assert.match(await reply.locator('.reply-quote-text').innerText(), /^#94 /);
    // The next message is an ordinary one again.
    await page.keyboard.type('and another');
    await page.keyboard.press('Enter');
    await page.locator('.message[data-id="s2"]').waitFor();
    assert.deepEqual((await sentParams())[1], { text: 'and another' });
  });

  it('cancels a reply with Escape or the close button', async () => {
    // m97 holds HTML and a javascript: link: the bar shows it as text.
    await replyTo('m97');
    assert.match(await page.locator('.reply-bar-quote').innerText(), /^payload <img src=x/);
    assert.equal(await page.locator('#reply-bar img, #reply-bar script, #reply-bar a').count(), 0);
    await page.keyboard.press('Escape');
    await page.locator('#reply-bar').waitFor({ state: 'hidden' });
    await replyTo('m96');
    await page.locator('#reply-cancel').click();
    await page.locator('#reply-bar').waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'composer-input');
    await page.keyboard.type('plain');
    await page.keyboard.press('Enter');
    await page.locator('.message[data-id="s1"]').waitFor();
    assert.deepEqual(await sentParams(), [{ text: 'plain' }]);
  });

  it('keeps a reply under way, with its draft, across a reload; a cancelled one stays cancelled', async () => {
    await replyTo('m94');
    await page.keyboard.type('after the reload');
    await page.reload();
    await page.locator('#host-status[data-kind="ok"]').waitFor({ state: 'attached' });
    await page.locator('#reply-bar').waitFor();
    assert.equal(await page.locator('.reply-bar-label').innerText(), 'Replying to Bob Stone');
    assert.match(await page.locator('.reply-bar-quote').innerText(), /^#94 /);
    await page.waitForFunction(() => (document.getElementById('composer-input') as HTMLTextAreaElement | null)?.value === 'after the reload');
    await page.locator('#composer-input textarea').focus();
    await page.keyboard.press('Enter');
    await page.locator('.message[data-id="s1"]').waitFor();
    assert.deepEqual(await sentParams(), [{ text: 'after the reload', replyTo: 'm94' }]);
    await page.locator('#reply-bar').waitFor({ state: 'hidden' });

    await replyTo('m96');
    await page.keyboard.press('Escape');
    await page.locator('#reply-bar').waitFor({ state: 'hidden' });
    await page.reload();
    await page.locator('#host-status[data-kind="ok"]').waitFor({ state: 'attached' });
    await page.waitForFunction(() => document.body.dataset.loadState === 'loaded');
    assert.equal(await page.locator('#reply-bar').isHidden(), true, 'the cancelled reply does not come back');
  });

  it('pages back to the quoted message when its quote is clicked, and says when it is gone', async () => {
    // m83 replies to m45, which is older than the first page (m50-m99).
    await page.evaluate(() => (window as unknown as { __host: { notify(m: string, p: unknown): void } }).__host.notify('chat/reveal', { id: 'm83' }));
    const quote = page.locator('.message[data-id="m83"] .reply-quote');
    await quote.waitFor();
    assert.equal(await quote.getAttribute('aria-label'), 'Reply to Alice Liddell: Here is the fix:. Show the message');
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-reply-quote.png') });
    await quote.click();
    await page.locator('.message.revealed[data-id="m45"]').waitFor();
    // m89 quotes a message that is no longer in the history.
    await page.evaluate(() => (window as unknown as { __host: { notify(m: string, p: unknown): void } }).__host.notify('chat/reveal', { id: 'm89' }));
    await page.locator('.message[data-id="m89"] .reply-quote').click();
    const error = page.locator('#error-line');
    await error.waitFor();
    assert.equal(await error.locator('.error-text').innerText(), 'The message this replies to is no longer in this conversation.');
  });

  it('says when the quoted message is further back than a click pages, rather than gone', async () => {
    await openFakePanel(page, session.server.url, 'n=4100');
    // m4073 quotes m83, 3,990 messages back.
    await page.evaluate(() => (window as unknown as { __host: { notify(m: string, p: unknown): void } }).__host.notify('chat/reveal', { id: 'm4073' }));
    await page.locator('.message[data-id="m4073"] .reply-quote').click();
    const error = page.locator('#error-line .error-text');
    await error.waitFor({ timeout: 60_000 });
    assert.equal(await error.innerText(), 'The message this replies to is thousands of messages back: scroll up to it, or search for it.');
  });
});
