/**
 * The Tencent Cloud Chat backend in the real extension host: the extension loads libImSDK through
 * koffi (the native endpoint), initialises it and tries to log in. This must never reach the network:
 * it runs only when the whole integration layer is inside a network namespace with nothing but
 * loopback (scripts/test.mjs arranges that when it can), and skips, saying why, otherwise. Offline,
 * the SDK answers the login with a network error after its own wait, and the extension stays usable.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TimChatApi } from '../../src/extension/extension';
import { nonLoopbackInterfaces } from '../native/netns';

function isTimErrorShape(error: unknown): error is Error & { code: number; desc: string; api: string } {
  const e = error as { code?: unknown; desc?: unknown; api?: unknown };
  return typeof e.code === 'number' && typeof e.desc === 'string' && typeof e.api === 'string';
}

describe('Tencent backend (native SDK) in the extension host', function () {
  this.timeout(150_000);

  before(function () {
    const others = nonLoopbackInterfaces();
    if (others.length > 0) {
      console.log(`      skipped: this extension host can reach the network (${others.join(', ')}); libImSDK runs only without network`);
      this.skip();
    }
  });

  it('loads libImSDK, initialises it, and reports the offline login as a TIM error', async () => {
    const extension = vscode.extensions.getExtension<TimChatApi>('timchat.tim-chat');
    assert.ok(extension);
    const api = extension.isActive ? extension.exports : await extension.activate();
    await api.session.signOut();
    const started = Date.now();
    const failure = await api.session.signIn({ backend: 'tencent', sdkAppId: 1400000000, userId: 'offline-user' }, 'not-a-real-usersig').then(
      () => undefined,
      (error: unknown) => error,
    );
    // The extension's TimError class lives in its bundle, not in this file's copy of src/: check the shape.
    assert.ok(failure instanceof Error && failure.name === 'TimError', `a TimError, got ${String(failure)}`);
    assert.ok(isTimErrorShape(failure));
    assert.equal(failure.api, 'TIMLogin');
    // 95xx: the SDK's network errors (no route to Tencent from inside the namespace).
    assert.ok(failure.code >= 9500 && failure.code < 9600, `a network error code, got ${failure.code} ${failure.desc}`);
    assert.equal(api.session.state.kind, 'signedOut');
    console.log(`      offline login answered ${failure.code} "${failure.desc}" after ${Math.round((Date.now() - started) / 1000)} s`);
  });
});
