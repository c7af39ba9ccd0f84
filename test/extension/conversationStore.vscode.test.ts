/**
 * The conversation store against a list read still under way (ConversationStore.reload): TIM's events that
 * arrive meanwhile are newer than the read's answer, which must not undo them. Seen in CI: a
 * conversation created by a message during the sign-in stayed out of the tree, because the sign-in's
 * list (read before the message) answered after the message's event. In the extension host (the store
 * uses vscode's EventEmitter), over the recording fake endpoint so that the answer can be held back.
 */
import * as assert from 'node:assert/strict';
import { ConversationStore } from '../../src/extension/conversations/conversationStore';
import { TimClient } from '../../src/tim/client';
import type { TimCallResult } from '../../src/tim/endpoint';
import { TIMConvEvent, TIMConvType } from '../../src/tim/enums';
import { FakeEndpoint } from '../tim/fakeEndpoint';

const conv = (id: string, unread: number) => ({ conv_id: id, conv_type: TIMConvType.C2C, conv_unread_num: unread, conv_active_time: 0, conv_is_has_lastmsg: false, conv_is_has_draft: false, conv_is_pinned: false });

/** An endpoint whose conversation list answers only when released, with `listed`. */
function heldList(listed: unknown[], total: number) {
  const endpoint = new FakeEndpoint();
  let release: () => void = () => undefined;
  endpoint.respond('TIMConvGetConvList', () => new Promise<TimCallResult>((resolve) => (release = () => resolve({ code: 0, desc: '', json: JSON.stringify(listed) }))));
  endpoint.respond('TIMConvGetTotalUnreadMessageCount', { json: JSON.stringify({ conv_get_total_unread_message_count_result_unread_count: total }) });
  return { endpoint, release: () => release() };
}

describe('conversation store: a list read under way', () => {
  it('keeps a conversation an event added while the read was under way, with its unread count and the total', async () => {
    const { endpoint, release } = heldList([conv('carol', 0)], 0);
    const store = new ConversationStore();
    try {
      const attached = store.attach(new TimClient(endpoint), 'alice');
      await new Promise((resolve) => setImmediate(resolve));
      endpoint.emit({ name: 'ConvEvent', event: TIMConvEvent.Add, json: JSON.stringify([conv('bob', 1)]) });
      endpoint.emit({ name: 'ConvTotalUnreadMessageCountChanged', total: 1 });
      release();
      await attached;
      assert.deepEqual(store.list().map((s) => [s.key, s.unread]).sort(), [['c2c_bob', 1], ['c2c_carol', 0]]);
      assert.equal(store.totalUnread, 1, 'the newer total stays');
    } finally {
      store.dispose();
    }
  });

  it('keeps an event deleting a listed conversation, and an update newer than the answer', async () => {
    const { endpoint, release } = heldList([conv('bob', 0), conv('carol', 0)], 0);
    const store = new ConversationStore();
    try {
      const attached = store.attach(new TimClient(endpoint), 'alice');
      await new Promise((resolve) => setImmediate(resolve));
      endpoint.emit({ name: 'ConvEvent', event: TIMConvEvent.Del, json: JSON.stringify([conv('bob', 0)]) });
      endpoint.emit({ name: 'ConvEvent', event: TIMConvEvent.Update, json: JSON.stringify([conv('carol', 3)]) });
      release();
      await attached;
      assert.deepEqual(store.list().map((s) => [s.key, s.unread]), [['c2c_carol', 3]]);
      // some() sees what list() lists, without sorting it (the presence tracker asks it at every change).
      assert.equal(store.some((s) => s.key === 'c2c_carol' && s.unread === 3), true);
      assert.equal(store.some((s) => s.key === 'c2c_bob'), false, 'deleted');
    } finally {
      store.dispose();
    }
  });

  it('still drops what the answer no longer lists when no event touched it', async () => {
    const first = heldList([conv('bob', 0), conv('carol', 0)], 0);
    const store = new ConversationStore();
    try {
      const client = new TimClient(first.endpoint);
      const attached = store.attach(client, 'alice');
      first.release();
      await attached;
      assert.equal(store.list().length, 2);
      first.endpoint.respond('TIMConvGetConvList', { json: JSON.stringify([conv('carol', 0)]) });
      await store.reload(client);
      assert.deepEqual(store.list().map((s) => s.key), ['c2c_carol']);
    } finally {
      store.dispose();
    }
  });
});
