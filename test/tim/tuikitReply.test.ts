import * as assert from 'node:assert/strict';
import { REPLY_ABSTRACT_MAX, replyAbstractOf, replyCloudData, replyQuoteOf } from '../../src/tim/tuikitReply';
import { TIMConvType, TIMElemType, TIMMsgStatus } from '../../src/tim/enums';
import type { TimMessage } from '../../src/tim/types/message';

function message(overrides: Partial<TimMessage>): TimMessage {
  return {
    message_msg_id: 'orig-1',
    message_conv_id: 'dev',
    message_conv_type: TIMConvType.Group,
    message_sender: 'bob',
    message_client_time: 1_700_000_000,
    message_server_time: 1_700_000_001,
    message_status: TIMMsgStatus.SendSucc,
    message_is_from_self: false,
    message_unique_id: 1,
    message_rand: 2,
    message_seq: 3,
    message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: 'the build is red' }],
    ...overrides,
  };
}

describe('replies (TUIKit messageReply)', () => {
  it('writes the cloud custom data TUIKit reads: id, abstract, sender, V2TIM type, version, root', () => {
    const data = JSON.parse(replyCloudData(message({}), 'Bob Li', 'the build is red'));
    assert.deepEqual(data, { messageReply: { messageID: 'orig-1', messageAbstract: 'the build is red', messageSender: 'Bob Li', messageType: 1, version: 1, messageRootID: 'orig-1' } });
    const typeOf = (elem_type: number): number => JSON.parse(replyCloudData(message({ message_elem_array: [{ elem_type } as never] }), 'b', 'x')).messageReply.messageType;
    // V2TIMElemType, not TIMElemType: image 3, sound 4, video 5, file 6, merger 10, custom 2.
    assert.deepEqual([TIMElemType.Image, TIMElemType.Sound, TIMElemType.Video, TIMElemType.File, TIMElemType.Merge, TIMElemType.Custom].map(typeOf), [3, 4, 5, 6, 10, 2]);
  });

  it('keeps the first message of a chain of replies as its root, and the abstract short', () => {
    const first = message({ message_msg_id: 'reply-1', message_cloud_custom_str: replyCloudData(message({}), 'Bob', 'root text') });
    const second = JSON.parse(replyCloudData(first, 'Alice', 'x'.repeat(500))).messageReply;
    assert.equal(second.messageID, 'reply-1');
    assert.equal(second.messageRootID, 'orig-1');
    assert.equal([...second.messageAbstract].length, REPLY_ABSTRACT_MAX);
    assert.equal([...JSON.parse(replyCloudData(message({}), 'B', '回'.repeat(300))).messageReply.messageAbstract].length, REPLY_ABSTRACT_MAX, 'cut by characters');
  });

  it('quotes code without its Markdown fences', () => {
    assert.equal(replyAbstractOf('Here is the fix: ```ts export function f() {} ``` ok'), 'Here is the fix: export function f() {} ok');
    assert.equal(replyAbstractOf('~~~c++ int x; ~~~'), 'int x;');
    assert.equal(replyAbstractOf('plain `inline` text'), 'plain `inline` text');
  });

  it('reads a reply written by TUIKit and ignores cloud data that is not one', () => {
    const tuikit = JSON.stringify({ messageReply: { messageID: '144115-1-2', messageAbstract: 'lunch?', messageSender: '小哥哥', messageType: 1, version: 1 } });
    assert.deepEqual(replyQuoteOf({ message_cloud_custom_str: tuikit }), { id: '144115-1-2', sender: '小哥哥', text: 'lunch?' });
    for (const other of [undefined, '', 'not json', '[1]', 'null', '{"messageReply":null}', '{"messageReply":{"messageID":""}}', '{"messageReply":{"messageID":5}}', '{"messageFeature":{"needTyping":1}}']) {
      assert.equal(replyQuoteOf({ message_cloud_custom_str: other }), undefined, String(other));
    }
    // Wrong types become empty strings rather than breaking the row; long ones are cut.
    assert.deepEqual(replyQuoteOf({ message_cloud_custom_str: JSON.stringify({ messageReply: { messageID: 'x', messageAbstract: 7, messageSender: 'a'.repeat(300) } }) }), { id: 'x', sender: 'a'.repeat(100), text: '' });
  });
});
