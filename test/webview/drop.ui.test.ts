/**
 * Dropping files on the chat panel (the webview bundle in headless Chromium against the fake host): URIs
 * from VS Code's Explorer or an editor tab go to the host (chat/dropFiles) and show as sending, in each of
 * the forms the workbench hands them; an image from outside VS Code is sent as a pasted one; another file
 * from outside says what to do instead; dropped text is left alone. The drop is dispatched as the browser
 * would (a DragEvent with a DataTransfer): nobody drags with a mouse here.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { fakeHostSession, hostLog, openFakePanel } from './fakeHostSession';

/** A 1×1 PNG. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

interface Drop {
  readonly data?: Record<string, string>;
  readonly files?: Array<{ base64: string; type: string; name: string }>;
}

describe('chat webview: dropping files', function () {
  this.timeout(120_000);
  const session = fakeHostSession('webview-ui-drop');
  let page: Page;

  beforeEach(async () => {
    page = session.page;
    await openFakePanel(page, session.server.url, 'n=20');
  });

  /** Drags `drop` over the message list and drops it; true when the page left the drop to the browser. */
  const drop = (what: Drop): Promise<{ overTaken: boolean; dropLeft: boolean; outlined: boolean }> =>
    page.evaluate(({ data, files }) => {
      const transfer = new DataTransfer();
      for (const [type, value] of Object.entries(data ?? {})) {
        transfer.setData(type, value);
      }
      for (const f of files ?? []) {
        transfer.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
      }
      const target = document.querySelector('.list-wrap') as HTMLElement;
      const over = target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      const outlined = document.body.dataset.dropping === 'true';
      const dropLeft = target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      return { overTaken: !over, dropLeft, outlined };
    }, what);

  const dropRequests = async () => (await hostLog(page)).requests.filter((r) => r.method === 'chat/dropFiles').map((r) => r.params);

  it("sends files dropped from the Explorer, in each of the workbench's forms, and shows them sending", async () => {
    const explorer = await drop({ data: { 'application/vnd.code.uri-list': 'file:///home/dev/report.pdf\r\nfile:///home/dev/notes.txt' } });
    assert.deepEqual(explorer, { overTaken: true, dropLeft: false, outlined: true });
    await page.locator('.message[data-status="sending"]', { hasText: 'notes.txt' }).waitFor();
    assert.equal(await page.evaluate(() => document.body.dataset.dropping), undefined, 'the outline goes with the drop');
    await drop({ data: { 'text/uri-list': '# a comment\nfile:///tmp/a.log' } });
    await drop({ data: { ResourceURLs: JSON.stringify(['file:///tmp/b.log']) } });
    await page.locator('.message[data-status="sending"]', { hasText: 'b.log' }).waitFor();
    assert.deepEqual(await dropRequests(), [{ uris: ['file:///home/dev/report.pdf', 'file:///home/dev/notes.txt'] }, { uris: ['file:///tmp/a.log'] }, { uris: ['file:///tmp/b.log'] }]);
  });

  it("says why the host refused a drop, sends an image from outside VS Code as a pasted one, and says what to do with another file", async () => {
    await drop({ data: { 'text/uri-list': 'https://example.com/x.png' } });
    const error = page.locator('#error-line .error-text');
    await error.waitFor();
    assert.equal(await error.innerText(), 'Could not send the file: Only files on this machine can be sent.');
    await drop({ files: [{ base64: PNG_BASE64, type: 'image/png', name: 'shot.png' }] });
    await page.waitForFunction(() => document.querySelectorAll('.message[data-status="sending"]').length > 0);
    assert.deepEqual((await hostLog(page)).requests.filter((r) => r.method === 'chat/pasteImage').map((r) => r.params), [{ mime: 'image/png', data: PNG_BASE64 }]);
    await drop({ files: [{ base64: btoa('hello'), type: 'text/plain', name: 'hello.txt' }] });
    await page.locator('#error-line .error-text', { hasText: 'Only images can be dropped from outside VS Code.' }).waitFor();
  });

  it('leaves dropped text to the browser and the composer', async () => {
    const text = await drop({ data: { 'text/plain': 'just words' } });
    assert.deepEqual(text, { overTaken: false, dropLeft: true, outlined: false });
    assert.deepEqual(await dropRequests(), []);
  });
});
