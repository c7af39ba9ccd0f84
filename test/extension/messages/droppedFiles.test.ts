/** Which local paths a drop on the chat panel names (droppedFiles.ts): the webview's list is untrusted input. */
import * as assert from 'node:assert/strict';
import { droppedPaths, MAX_DROPPED_FILES } from '../../../src/extension/messages/droppedFiles';

describe('dropped files', () => {
  it('reads file URIs (escapes decoded) and remote-window URIs as paths on this machine, each once', () => {
    assert.deepEqual(droppedPaths(['file:///home/dev/my%20notes.txt', 'vscode-remote://ssh-remote%2Bbox/srv/app/log.txt', 'file:///home/dev/my%20notes.txt']), {
      paths: ['/home/dev/my notes.txt', '/srv/app/log.txt'],
      refused: [],
    });
  });

  it('refuses, by name, whatever is no file here: web addresses, other schemes, file URIs of another host, no URI at all', () => {
    const refused = ['https://example.com/x.png', 'untitled:Untitled-1', 'file://otherhost/share/a.txt', 'not a uri', 'file:///a%2Fb'];
    assert.deepEqual(droppedPaths([...refused, 'file:///ok.txt']), { paths: ['/ok.txt'], refused });
  });

  it(`throws for anything but a list of at most ${MAX_DROPPED_FILES} strings`, () => {
    assert.throws(() => droppedPaths('file:///a'), RangeError);
    assert.throws(() => droppedPaths([1]), RangeError);
    assert.throws(() => droppedPaths(Array.from({ length: MAX_DROPPED_FILES + 1 }, (_, i) => `file:///f${i}`)), RangeError);
    assert.equal(droppedPaths(Array.from({ length: MAX_DROPPED_FILES }, (_, i) => `file:///f${i}`)).paths.length, MAX_DROPPED_FILES);
  });
});
