/**
 * Group read receipts (the webview bundle in headless Chromium against the fake host): the user's group
 * messages that asked who read them say how many members did; the count, or Show Who Read… in the
 * menu, asks the host for the list. Nothing of it on messages of others.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { outputPath } from '../harness/paths';
import { fakeHostSession, hostLog, messageMenuLabels, openFakePanel, openMessageMenu, pickFromMessageMenu } from './fakeHostSession';

describe('chat webview: read receipts in groups', function () {
  this.timeout(120_000);
  const session = fakeHostSession('webview-ui-receipts');
  let page: Page;

  beforeEach(async () => {
    page = session.page;
    // Of the user's messages, m56, m49, m42 and m35 are read by 0, 1, 2 and 3 of 3 others (i % 4).
    await openFakePanel(page, session.server.url, 'type=group&n=62&receipts=1');
  });

  /** Scrolls the (virtualised) list from the bottom up until the row is rendered, then into view. */
  const showRow = async (id: string): Promise<void> => {
    await page.evaluate(() => document.getElementById('messages')?.scrollTo(0, 1e9));
    await page.waitForTimeout(50);
    for (let i = 0; i < 40 && (await page.locator(`.message[data-id="${id}"]`).count()) === 0; i++) {
      await page.evaluate(() => document.getElementById('messages')?.scrollBy(0, -400));
      await page.waitForTimeout(50);
    }
    await page.locator(`.message[data-id="${id}"]`).evaluate((row) => row.scrollIntoView({ block: 'center' }));
  };
  const receiptOf = (id: string) => page.locator(`.message[data-id="${id}"] .message-meta.receipt`);
  const whoReadRequests = async (): Promise<unknown[]> => (await hostLog(page)).requests.filter((r) => r.method === 'chat/whoRead').map((r) => r.params);

  it('says how many members read each of the user’s messages', async () => {
    const expected: Array<[string, string, string]> = [['m56', 'Not read yet', 'false'], ['m49', 'Read by 1 of 3', 'false'], ['m42', 'Read by 2 of 3', 'false'], ['m35', 'Read by everyone', 'true']];
    for (const [id, text, everyone] of expected) {
      await showRow(id);
      assert.equal((await receiptOf(id).innerText()).trim(), text, id);
      assert.equal(await receiptOf(id).getAttribute('data-read'), everyone, id);
    }
    assert.equal(await receiptOf('m55').count(), 0, 'nothing on a message of someone else');
    await showRow('m49');
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-receipts.png') });
  });

  it('asks the host who read a message from its count and from the menu, only for the user’s messages', async () => {
    await showRow('m49');
    await receiptOf('m49').locator('button[data-action="whoRead"]').click();
    await pickFromMessageMenu(page, 'm56', 'Show Who Read…');
    await page.waitForFunction(() => (window as unknown as { __host: { requests: Array<{ method: string }> } }).__host.requests.filter((r) => r.method === 'chat/whoRead').length === 2);
    assert.deepEqual(await whoReadRequests(), [{ id: 'm49' }, { id: 'm56' }]);
    await openMessageMenu(page, 'm55');
    assert.ok(!(await messageMenuLabels(page)).includes('Show Who Read…'));
  });
});
