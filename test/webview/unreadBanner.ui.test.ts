/**
 * The "N new messages · Jump" bar (the webview bundle in headless Chromium against the fake host): it
 * shows while the first unread message is out of sight above, Jump pages back to it (in the host's
 * largest pages) and puts it at the top, and it stays away once seen or dismissed.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { outputPath } from '../harness/paths';
import { fakeHostSession, hostLog, openFakePanel } from './fakeHostSession';

describe('chat webview: the new-messages bar', function () {
  this.timeout(120_000);
  const session = fakeHostSession('webview-ui-unread');
  let page: Page;

  async function open(query: string): Promise<void> {
    page = session.page;
    await openFakePanel(page, session.server.url, query);
  }

  /** Where the "New messages" line is against the list's viewport, if it is rendered. */
  const markerPlace = (): Promise<string> =>
    page.evaluate(() => {
      const marker = document.querySelector('#messages .unread-marker');
      if (!marker) {
        return 'not rendered';
      }
      const box = document.getElementById('messages')!.getBoundingClientRect();
      const line = marker.getBoundingClientRect();
      return line.bottom <= box.top ? 'above' : line.top >= box.bottom ? 'below' : 'visible';
    });

  it('jumps back hundreds of messages to the first unread one and then goes away', async () => {
    await open('n=2000&unread=600');
    const banner = page.locator('#unread-banner');
    await banner.waitFor();
    assert.equal(await page.locator('.unread-banner-text').innerText(), '600 new messages');
    assert.equal(await markerPlace(), 'not rendered', 'the line is pages back');
    await page.screenshot({ path: outputPath('screenshots', 'webview-dark-unread-banner.png') });
    await page.locator('#unread-jump').click();
    await banner.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.querySelector('#messages .unread-marker') !== null);
    assert.equal(await markerPlace(), 'visible');
    const older = (await hostLog(page)).requests.filter((r) => r.method === 'chat/loadOlder');
    assert.ok(older.length >= 5 && older.length <= 12, `${older.length} pages`);
    assert.ok(older.every((r) => r.params.count === 100), 'in the host\'s largest pages');
    // 600 messages from others back: the line sits right above the 600th-newest message not from me.
    const counted = await page.evaluate(() => {
      const host = (window as unknown as { __host: { generated(i: number): { id: string; isSelf: boolean; elements: Array<{ kind: string }> } } }).__host;
      let seen = 0;
      for (let i = 1999; i >= 0; i--) {
        const m = host.generated(i);
        if (!m.isSelf && m.elements[0]?.kind !== 'groupTips' && ++seen === 600) {
          return m.id;
        }
      }
      return '';
    });
    const after = await page.evaluate(() => document.querySelector('#messages .unread-marker')?.closest('.message-row')?.querySelector<HTMLElement>('.message')?.dataset.id);
    assert.equal(after, counted);
    // Scrolling back down does not bring the bar back.
    await page.evaluate(() => {
      const scroller = document.getElementById('messages')!;
      scroller.scrollTop = scroller.scrollHeight;
    });
    await page.waitForFunction(() => document.body.dataset.atBottom === 'true');
    assert.equal(await banner.isHidden(), true);
  });

  it('does not show when the unread messages are on screen, and stays dismissed', async () => {
    await open('n=200&unread=2');
    await page.waitForTimeout(300);
    assert.equal(await markerPlace(), 'visible');
    assert.equal(await page.locator('#unread-banner').isHidden(), true);

    await open('n=200&unread=120');
    const banner = page.locator('#unread-banner');
    await banner.waitFor();
    await page.locator('#unread-dismiss').click();
    await banner.waitFor({ state: 'hidden' });
    await page.mouse.move(400, 300);
    await page.mouse.wheel(0, -400);
    await page.waitForTimeout(300);
    assert.equal(await banner.isHidden(), true);
    assert.equal((await hostLog(page)).requests.filter((r) => r.method === 'chat/loadOlder' && r.params.count === 100).length, 0, 'dismissing loads nothing');
  });
});
