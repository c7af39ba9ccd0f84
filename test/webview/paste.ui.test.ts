/**
 * Pasting into the composer (the webview bundle in headless Chromium against the fake host): an image
 * on the clipboard is sent as an image message with its bytes, text is pasted as text, and a refused
 * image says why. The paste is dispatched as the browser would (a ClipboardEvent with a DataTransfer):
 * headless Chromium has no system clipboard to paste a screenshot from.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { fakeHostSession, hostLog, openFakePanel } from './fakeHostSession';

/** A 1×1 PNG. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('chat webview: pasting images', function () {
  this.timeout(120_000);
  const session = fakeHostSession('webview-ui-paste');
  let page: Page;

  beforeEach(async () => {
    page = session.page;
    await openFakePanel(page, session.server.url, 'n=20');
    await page.locator('#composer-input textarea').focus();
  });

  /** Pastes into the composer's textarea: files (base64 and type) and/or text. */
  const paste = (files: Array<{ base64: string; type: string; name: string }>, text?: string): Promise<boolean> =>
    page.evaluate(([list, plain]) => {
      const data = new DataTransfer();
      for (const f of list) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        data.items.add(new File([bytes], f.name, { type: f.type }));
      }
      if (plain !== undefined) {
        data.setData('text/plain', plain);
      }
      const textarea = document.querySelector('#composer-input')!.shadowRoot!.querySelector('textarea')!;
      // dispatchEvent is false when a listener called preventDefault (the composer took the paste).
      return textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
    }, [files, text] as const);

  it('sends a pasted image with its bytes and shows it sending', async () => {
    const textDefault = await paste([{ base64: PNG_BASE64, type: 'image/png', name: 'image.png' }], 'image.png');
    assert.equal(textDefault, false, 'the file name is not pasted as text');
    await page.locator('.message[data-id="pending-1"][data-status="sending"]').waitFor();
    const requests = (await hostLog(page)).requests.filter((r) => r.method === 'chat/pasteImage');
    assert.deepEqual(requests.map((r) => r.params), [{ mime: 'image/png', data: PNG_BASE64 }]);
    assert.equal(await page.locator('#composer-input').evaluate((e) => (e as HTMLTextAreaElement).value), '');
  });

  it('leaves pasted text to the composer and says why a refused image was not sent', async () => {
    assert.equal(await paste([], 'just text'), true, 'text is not taken over');
    assert.equal((await hostLog(page)).requests.filter((r) => r.method === 'chat/pasteImage').length, 0);
    await paste([{ base64: btoa('<svg/>'), type: 'image/svg+xml', name: 'x.svg' }]);
    const error = page.locator('#error-line .error-text');
    await error.waitFor();
    assert.equal(await error.innerText(), 'Could not send the pasted image: Only PNG, JPEG, GIF, WebP and BMP images can be pasted.');
  });
});
