import * as assert from 'node:assert/strict';
import { isHostToWebviewMessage, isWebviewToHostMessage } from '../../src/shared/protocol';

describe('webview protocol guards', () => {
  it('accepts the three webview-to-host kinds', () => {
    assert.ok(isWebviewToHostMessage({ kind: 'ready' }));
    assert.ok(isWebviewToHostMessage({ kind: 'request', id: 1, method: 'app/ping', params: { text: 'x' } }));
    assert.ok(isWebviewToHostMessage({ kind: 'command', method: 'app/log', params: { level: 'info', message: 'm' } }));
  });

  it('refuses malformed input from the (untrusted) webview', () => {
    for (const bad of [null, undefined, 'ready', 42, [], {}, { kind: 'nope' }, { kind: 'request', id: 'x', method: 'a', params: {} },
      { kind: 'request', id: 1.5, method: 'a', params: {} }, { kind: 'request', id: 1, method: 7, params: {} },
      { kind: 'request', id: 1, method: 'a' }, { kind: 'command', method: 'a', params: null }]) {
      assert.equal(isWebviewToHostMessage(bad), false, JSON.stringify(bad));
    }
  });

  it('recognises host-to-webview responses and notifications only', () => {
    assert.ok(isHostToWebviewMessage({ kind: 'response', id: 3, result: 1 }));
    assert.ok(isHostToWebviewMessage({ kind: 'notification', method: 'app/state', params: {} }));
    assert.equal(isHostToWebviewMessage({ kind: 'response', id: 'x' }), false);
    assert.equal(isHostToWebviewMessage({ kind: 'notification', method: 'app/state' }), false);
    assert.equal(isHostToWebviewMessage({ kind: 'ready' }), false);
  });
});
