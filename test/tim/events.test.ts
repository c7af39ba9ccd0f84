/** Typed events: decoding per event name, listener isolation, subscription lifetime. */
import assert from 'node:assert/strict';
import { TimClient } from '../../src/tim/client';
import type { TimEventName } from '../../src/tim/endpoint';
import { TIMConvEvent, TIMNetworkStatus } from '../../src/tim/enums';
import { decodeTimEvent } from '../../src/tim/events';
import type { TimMessage } from '../../src/tim/types/message';
import { FakeEndpoint } from './fakeEndpoint';
import { CONV_JSON, MESSAGE, MESSAGE_JSON, UNIQUE_ID } from './samples';

describe('TimClient events', () => {
  it('RecvNewMsg gives parsed messages with exact uint64 ids', () => {
    const endpoint = new FakeEndpoint();
    const client = new TimClient(endpoint);
    const received: (readonly TimMessage[])[] = [];
    client.onEvent('RecvNewMsg', (messages) => received.push(messages));
    endpoint.emit({ name: 'RecvNewMsg', json: `[${MESSAGE_JSON}]` });
    assert.deepEqual(received, [[MESSAGE]]);
    assert.equal(received[0]?.[0]?.message_unique_id, UNIQUE_ID);
  });

  it('ConvEvent gives {event, conversations}; Start and Finish carry none', () => {
    const endpoint = new FakeEndpoint();
    const client = new TimClient(endpoint);
    const seen: unknown[] = [];
    client.onEvent('ConvEvent', ({ event, conversations }) => seen.push([event, conversations.map((c) => c.conv_active_time)]));
    endpoint.emit({ name: 'ConvEvent', event: TIMConvEvent.Start, json: '' });
    endpoint.emit({ name: 'ConvEvent', event: TIMConvEvent.Update, json: `[${CONV_JSON}]` });
    endpoint.emit({ name: 'ConvEvent', event: TIMConvEvent.Finish, json: '' });
    assert.deepEqual(seen, [
      [TIMConvEvent.Start, []],
      [TIMConvEvent.Update, [4611686018427387909n]],
      [TIMConvEvent.Finish, []],
    ]);
  });

  it('decodes every event kind', () => {
    const revoke = `[{"message_locator_conv_id":"bob","message_locator_conv_type":1,"message_locator_is_revoked":true,"message_locator_time":1,"message_locator_seq":2,"message_locator_is_self":false,"message_locator_rand":3,"message_locator_unique_id":${UNIQUE_ID},"message_revoker_user_id":"bob"}]`;
    const receipt = '[{"msg_receipt_conv_id":"bob","msg_receipt_conv_type":1,"msg_receipt_time_stamp":1700000000,"msg_receipt_is_peer_read":true}]';
    assert.deepEqual(decodeTimEvent({ name: 'MsgUpdate', json: `[${MESSAGE_JSON}]` }), [MESSAGE]);
    const revoked = decodeTimEvent({ name: 'MsgRevoke', json: revoke }) as readonly { message_locator_unique_id: bigint }[];
    assert.equal(revoked[0]?.message_locator_unique_id, UNIQUE_ID);
    assert.deepEqual(decodeTimEvent({ name: 'MsgReadedReceipt', json: receipt }), [
      { msg_receipt_conv_id: 'bob', msg_receipt_conv_type: 1, msg_receipt_time_stamp: 1700000000, msg_receipt_is_peer_read: true },
    ]);
    assert.deepEqual(decodeTimEvent({ name: 'MsgElemUploadProgress', json: MESSAGE_JSON, index: 0, cur: 5, total: 10 }), {
      message: MESSAGE,
      index: 0,
      cur: 5,
      total: 10,
    });
    assert.deepEqual(decodeTimEvent({ name: 'MsgGroupPinnedMessageChanged', groupId: 'team', json: MESSAGE_JSON, isPinned: true, opUser: 'alice' }), {
      groupId: 'team',
      message: MESSAGE,
      isPinned: true,
      opUser: 'alice',
    });
    assert.throws(() => decodeTimEvent({ name: 'MsgGroupPinnedMessageChanged', groupId: 'team', json: '[]', isPinned: false, opUser: 'alice' }), /expected a JSON object/);
    assert.deepEqual(decodeTimEvent({ name: 'SelfInfoUpdated', json: '{"user_profile_identifier":"alice","user_profile_nick_name":"Alice Chen"}' }), { user_profile_identifier: 'alice', user_profile_nick_name: 'Alice Chen' });
    assert.deepEqual(decodeTimEvent({ name: 'UserStatusChanged', json: '[{"user_status_identifier":"bob","user_status_status_type":1,"user_status_custom_status":"busy"}]' }), [
      { user_status_identifier: 'bob', user_status_status_type: 1, user_status_custom_status: 'busy' },
    ]);
    assert.deepEqual(decodeTimEvent({ name: 'FriendBlackListAdded', json: '[{"friend_profile_identifier":"bob","friend_profile_add_time":1700000000}]' }), [
      { friend_profile_identifier: 'bob', friend_profile_add_time: 1700000000 },
    ]);
    assert.deepEqual(decodeTimEvent({ name: 'FriendBlackListDeleted', json: '["bob","张三"]' }), ['bob', '张三']);
    assert.deepEqual(decodeTimEvent({ name: 'OnAddFriend', json: '["bob"]' }), ['bob']);
    assert.deepEqual(decodeTimEvent({ name: 'OnDeleteFriend', json: '["张三"]' }), ['张三']);
    assert.deepEqual(decodeTimEvent({ name: 'FriendApplicationListDeleted', json: '["carol"]' }), ['carol']);
    assert.deepEqual(decodeTimEvent({ name: 'UpdateFriendProfile', json: '[{"friend_profile_update_identifier":"bob","friend_profile_update_item":{"friend_profile_item_remark":"B"}}]' }), [
      { friend_profile_update_identifier: 'bob', friend_profile_update_item: { friend_profile_item_remark: 'B' } },
    ]);
    assert.deepEqual(decodeTimEvent({ name: 'FriendAddRequest', json: '[{"friend_add_pendency_identifier":"carol","friend_add_pendency_add_wording":"你好"}]' }), [
      { friend_add_pendency_identifier: 'carol', friend_add_pendency_add_wording: '你好' },
    ]);
    assert.equal(decodeTimEvent({ name: 'FriendApplicationListRead' }), undefined);
    assert.throws(() => decodeTimEvent({ name: 'OnAddFriend', json: '{}' }), /expected a JSON array/);
    assert.throws(() => decodeTimEvent({ name: 'FriendBlackListDeleted', json: '{}' }), /expected a JSON array/);
    assert.deepEqual(decodeTimEvent({ name: 'ConvTotalUnreadMessageCountChanged', total: 7 }), { total: 7 });
    assert.deepEqual(decodeTimEvent({ name: 'NetworkStatusListener', status: TIMNetworkStatus.ConnectFailed, code: 9512, desc: 'unreachable' }), {
      status: TIMNetworkStatus.ConnectFailed,
      code: 9512,
      desc: 'unreachable',
    });
    assert.equal(decodeTimEvent({ name: 'KickedOffline' }), undefined);
    assert.equal(decodeTimEvent({ name: 'UserSigExpired' }), undefined);
  });

  it('delivers only the subscribed event names, in order, to every listener', () => {
    const endpoint = new FakeEndpoint();
    const client = new TimClient(endpoint);
    const log: string[] = [];
    client.onEvent('KickedOffline', () => log.push('kicked-1'));
    client.onEvent('KickedOffline', () => log.push('kicked-2'));
    client.onEvent('ConvTotalUnreadMessageCountChanged', ({ total }) => log.push(`total ${total}`));
    endpoint.emit({ name: 'UserSigExpired' });
    endpoint.emit({ name: 'ConvTotalUnreadMessageCountChanged', total: 3 });
    endpoint.emit({ name: 'KickedOffline' });
    assert.deepEqual(log, ['total 3', 'kicked-1', 'kicked-2']);
    assert.equal(endpoint.listenerCount, 1, 'one endpoint subscription for the whole client');
  });

  it('stops delivering after a listener is disposed, and the same function can be added twice', () => {
    const endpoint = new FakeEndpoint();
    const client = new TimClient(endpoint);
    let count = 0;
    const listener = (): void => {
      count++;
    };
    const first = client.onEvent('UserSigExpired', listener);
    client.onEvent('UserSigExpired', listener);
    endpoint.emit({ name: 'UserSigExpired' });
    first.dispose();
    first.dispose();
    endpoint.emit({ name: 'UserSigExpired' });
    assert.equal(count, 3);
  });

  it('reports a listener that throws and still calls the others', () => {
    const endpoint = new FakeEndpoint();
    const errors: [unknown, string][] = [];
    const client = new TimClient(endpoint, { onListenerError: (error, name) => errors.push([error, name]) });
    let reached = false;
    client.onEvent('KickedOffline', () => {
      throw new Error('boom');
    });
    client.onEvent('KickedOffline', () => {
      reached = true;
    });
    assert.doesNotThrow(() => endpoint.emit({ name: 'KickedOffline' }));
    assert.ok(reached);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.[1], 'KickedOffline');
  });

  it('reports undecodable event JSON instead of throwing into the endpoint', () => {
    const endpoint = new FakeEndpoint();
    const errors: string[] = [];
    const client = new TimClient(endpoint, {
      onListenerError: () => {
        errors.push('reported');
        throw new Error('even the reporter fails');
      },
    });
    let called = false;
    client.onEvent('RecvNewMsg', () => {
      called = true;
    });
    assert.doesNotThrow(() => endpoint.emit({ name: 'RecvNewMsg', json: '[{' }));
    assert.doesNotThrow(() => endpoint.emit({ name: 'RecvNewMsg', json: '{}' }));
    assert.equal(called, false);
    assert.deepEqual(errors, ['reported', 'reported']);
  });

  it('does not decode events nobody listens to', () => {
    const endpoint = new FakeEndpoint();
    const errors: unknown[] = [];
    const client = new TimClient(endpoint, { onListenerError: (error) => errors.push(error) });
    client.onEvent('KickedOffline', () => undefined);
    endpoint.emit({ name: 'RecvNewMsg', json: 'garbage' });
    assert.deepEqual(errors, []);
  });

  it('unsubscribes from the endpoint on dispose and ignores later registrations', () => {
    const endpoint = new FakeEndpoint();
    const client = new TimClient(endpoint);
    let count = 0;
    client.onEvent('KickedOffline', () => count++);
    client.dispose();
    assert.equal(endpoint.listenerCount, 0);
    client.onEvent('KickedOffline', () => count++).dispose();
    endpoint.emit({ name: 'KickedOffline' });
    assert.equal(count, 0);
    assert.equal(endpoint.disposed, false, 'the endpoint belongs to its owner');
  });

  it('types each listener by event name', () => {
    const client = new TimClient(new FakeEndpoint());
    const names: TimEventName[] = ['RecvNewMsg', 'MsgUpdate', 'MsgRevoke', 'MsgReadedReceipt', 'MsgReactionsChanged', 'SelfInfoUpdated', 'UserStatusChanged', 'FriendBlackListAdded', 'FriendBlackListDeleted', 'OnAddFriend', 'OnDeleteFriend', 'UpdateFriendProfile', 'FriendAddRequest', 'FriendApplicationListDeleted', 'FriendApplicationListRead', 'MsgGroupPinnedMessageChanged', 'MsgElemUploadProgress', 'ConvEvent', 'ConvTotalUnreadMessageCountChanged', 'NetworkStatusListener', 'KickedOffline', 'UserSigExpired'];
    client.onEvent('NetworkStatusListener', ({ status, code, desc }) => [status, code, desc.length]);
    client.onEvent('MsgElemUploadProgress', ({ message, cur, total }) => [message.message_msg_id, cur / total]);
    // @ts-expect-error ConvEvent's payload has no `total`
    client.onEvent('ConvEvent', ({ total }) => total);
    assert.equal(names.length, 22);
  });
});
