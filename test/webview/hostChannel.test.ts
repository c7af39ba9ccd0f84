/**
 * The webview end of the protocol, driven through a real EventTarget (Node has one) standing in for
 * the webview's window: requests, responses, errors, notifications and the ready handshake.
 */
import * as assert from 'node:assert/strict';
import { HostChannel } from '../../src/webview/hostChannel';
import { RequestFailedError, RequestTimeoutError } from '../../src/shared/pendingRequests';
import type { WebviewToHostMessage } from '../../src/shared/protocol';

function setup(): { channel: HostChannel; sent: WebviewToHostMessage[]; deliver: (data: unknown) => void } {
  const sent: WebviewToHostMessage[] = [];
  const target = new EventTarget();
  const channel = new HostChannel({ postMessage: (m) => sent.push(m as WebviewToHostMessage) }, target as unknown as Window);
  const deliver = (data: unknown): void => void target.dispatchEvent(new MessageEvent('message', { data }));
  return { channel, sent, deliver };
}

describe('HostChannel (webview side)', () => {
  it('says ready', () => {
    const { channel, sent } = setup();
    channel.ready();
    assert.deepEqual(sent, [{ kind: 'ready' }]);
  });

  it('resolves a request with the response carrying its id', async () => {
    const { channel, sent, deliver } = setup();
    const answer = channel.request('app/ping', { text: 'hi' });
    const request = sent[0];
    assert.equal(request.kind, 'request');
    assert.ok(request.kind === 'request');
    deliver({ kind: 'response', id: request.id + 1000, result: { echo: 'wrong', receivedAt: 0 } });
    deliver({ kind: 'response', id: request.id, result: { echo: 'hi', receivedAt: 5 } });
    assert.deepEqual(await answer, { echo: 'hi', receivedAt: 5 });
  });

  it('rejects with the host error message and TIM code', async () => {
    const { channel, sent, deliver } = setup();
    const answer = channel.request('app/ping', { text: 'x' });
    const request = sent[0];
    assert.ok(request.kind === 'request');
    deliver({ kind: 'response', id: request.id, error: { message: 'not logged in', code: 6014 } });
    await assert.rejects(answer, (e: unknown) => e instanceof RequestFailedError && e.code === 6014 && e.message === 'not logged in');
  });

  it('times out when the host never answers', async () => {
    const { channel } = setup();
    await assert.rejects(channel.request('app/ping', { text: 'x' }, 20), RequestTimeoutError);
  });

  it('delivers notifications to their listeners and ignores junk', () => {
    const { channel, deliver } = setup();
    const seen: string[] = [];
    channel.on('app/state', (state) => seen.push(state.conversationId));
    deliver('junk');
    deliver({ kind: 'notification', method: 'app/state' });
    deliver({ kind: 'notification', method: 'app/state', params: { conversationId: 'c1', title: 't', signedIn: false, locale: 'en' } });
    assert.deepEqual(seen, ['c1']);
  });
});
