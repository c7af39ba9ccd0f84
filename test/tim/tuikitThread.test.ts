import * as assert from 'node:assert/strict';
import { isEdited, withEditMark } from '../../src/extension/chat/editMark';
import { TIMElemType } from '../../src/tim/enums';
import { THREAD_REPLIES_MAX, threadRepliesOf, threadRootOf, withoutThreadReply, withThreadReply } from '../../src/tim/tuikitThread';

const reply = { message_msg_id: 'r1', message_sender: 'alice', message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: 'on it' }], message_server_time: 1_700_000_100, message_seq: 42n } as const;

describe("TUIKit threads (a root's messageReplies)", () => {
  it('lists a reply on a root as TUIKit does, keeping everything else the root held', () => {
    const cloud = withThreadReply(JSON.stringify({ messageReply: { messageID: 'q' }, other: [1] }), reply, 'on it');
    assert.deepEqual(JSON.parse(cloud), {
      messageReply: { messageID: 'q' },
      other: [1],
      messageReplies: { replies: [{ messageID: 'r1', messageAbstract: 'on it', messageSender: 'alice', messageType: 1, messageTime: 1_700_000_100, messageSequence: 42, version: 1 }] },
      version: '1',
    });
    assert.deepEqual(threadRepliesOf({ message_cloud_custom_str: cloud }), [{ id: 'r1', sender: 'alice', abstract: 'on it', time: 1_700_000_100 }]);
  });

  it('adds to the replies another app listed, once per reply, and takes one off', () => {
    const theirs = JSON.stringify({ messageReplies: { replies: [{ messageID: 'r0', messageAbstract: 'first', messageSender: 'bob', messageTime: 1_700_000_000.5, extra: true }] } });
    const both = withThreadReply(withThreadReply(theirs, reply, 'on it'), reply, 'on it, edited');
    assert.deepEqual(threadRepliesOf({ message_cloud_custom_str: both }).map((r) => [r.id, r.abstract, r.time]), [['r0', 'first', 1_700_000_000], ['r1', 'on it, edited', 1_700_000_100]]);
    assert.equal((JSON.parse(both) as { messageReplies: { replies: Array<{ extra?: boolean }> } }).messageReplies.replies[0]?.extra, true, "another app's fields stay");
    const without = withoutThreadReply(both, 'r1');
    assert.deepEqual(threadRepliesOf({ message_cloud_custom_str: without }).map((r) => r.id), ['r0']);
    assert.equal(withoutThreadReply(without, 'r1'), without, 'nothing to take off: unchanged');
    assert.equal(withoutThreadReply(undefined, 'r1'), undefined);
  });

  it('starts a list on a root whose cloud data is empty or not an object', () => {
    for (const cloud of [undefined, '', 'plain text', '[1]']) {
      assert.deepEqual(threadRepliesOf({ message_cloud_custom_str: withThreadReply(cloud, reply, 'on it') }).map((r) => r.id), ['r1'], String(cloud));
    }
  });

  it('reads malformed lists without failing: bad entries skipped, duplicates once, text cut, the newest kept', () => {
    const replies = [null, 7, [], { messageID: '' }, { messageID: 'a', messageSender: 9, messageAbstract: 'x'.repeat(500), messageTime: 'soon' }, { messageID: 'a' }];
    assert.deepEqual(threadRepliesOf({ message_cloud_custom_str: JSON.stringify({ messageReplies: { replies } }) }), [{ id: 'a', sender: '', abstract: 'x'.repeat(120), time: 0 }]);
    for (const cloud of ['{"messageReplies":5}', '{"messageReplies":{"replies":"no"}}', 'not json', undefined]) {
      assert.deepEqual(threadRepliesOf({ message_cloud_custom_str: cloud }), []);
    }
    const many = Array.from({ length: THREAD_REPLIES_MAX + 5 }, (_, i) => ({ messageID: `m${i}` }));
    const read = threadRepliesOf({ message_cloud_custom_str: JSON.stringify({ messageReplies: { replies: many } }) });
    assert.equal(read.length, THREAD_REPLIES_MAX);
    assert.equal(read.at(-1)?.id, `m${THREAD_REPLIES_MAX + 4}`);
  });

  it("finds a reply's root: the chain's first message, else the message it quotes", () => {
    assert.equal(threadRootOf({ message_cloud_custom_str: JSON.stringify({ messageReply: { messageID: 'q', messageRootID: 'root' } }) }), 'root');
    assert.equal(threadRootOf({ message_cloud_custom_str: JSON.stringify({ messageReply: { messageID: 'q' } }) }), 'q');
    assert.equal(threadRootOf({ message_cloud_custom_str: JSON.stringify({ messageReply: { messageID: 'q', messageRootID: '' } }) }), 'q');
    for (const cloud of [undefined, '{}', '{"messageReply":null}', '{"messageReply":{"messageID":3}}']) {
      assert.equal(threadRootOf({ message_cloud_custom_str: cloud }), undefined, String(cloud));
    }
  });

  it('shows "(edited)" for a changed message unless the change was its thread, which TIM Chat tells by its edit mark', () => {
    assert.equal(isEdited({ message_version: 0 }, false), false);
    assert.equal(isEdited({ message_version: 1 }, false), true, "another app's change may be an edit");
    assert.equal(isEdited({ message_version: 2, message_cloud_custom_str: withThreadReply(undefined, reply, 'x') }, true), false, 'listing replies is no edit');
    const editedThenReplied = withThreadReply(withEditMark(JSON.stringify({ keep: 1 })), reply, 'x');
    assert.equal(isEdited({ message_version: 3, message_cloud_custom_str: editedThenReplied }, true), true);
    assert.equal((JSON.parse(editedThenReplied) as { keep: number }).keep, 1);
    assert.deepEqual(JSON.parse(withEditMark(undefined)), { timChatEdited: true });
  });
});
