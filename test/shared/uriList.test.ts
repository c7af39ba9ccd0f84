/** The URIs of a drop, in each form VS Code's workbench hands a webview (uriList.ts). */
import * as assert from 'node:assert/strict';
import { droppedUris, parseUriList } from '../../src/shared/uriList';

const transfer = (data: Record<string, string>) => (type: string): string => data[type] ?? '';

describe('dropped URIs', () => {
  it('reads a uri-list: one per line, CRLF or LF, comments and blank lines skipped', () => {
    assert.deepEqual(parseUriList('# from the Explorer\r\nfile:///a.txt\r\n\r\n  file:///b.txt  \n'), ['file:///a.txt', 'file:///b.txt']);
  });

  it("prefers VS Code's own list, then the standard one, then ResourceURLs (a JSON array)", () => {
    assert.deepEqual(droppedUris(transfer({ 'application/vnd.code.uri-list': 'file:///code', 'text/uri-list': 'file:///std' })), ['file:///code']);
    assert.deepEqual(droppedUris(transfer({ 'text/uri-list': 'file:///std' })), ['file:///std']);
    assert.deepEqual(droppedUris(transfer({ ResourceURLs: '["file:///r", 7, ""]' })), ['file:///r']);
  });

  it('reads nothing from text, malformed ResourceURLs or an empty drop', () => {
    assert.deepEqual(droppedUris(transfer({ 'text/plain': 'file:///x' })), []);
    assert.deepEqual(droppedUris(transfer({ ResourceURLs: '{not json' })), []);
    assert.deepEqual(droppedUris(transfer({ ResourceURLs: '{"a":1}' })), []);
    assert.deepEqual(droppedUris(transfer({})), []);
  });
});
