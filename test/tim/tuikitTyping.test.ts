/** TUIKit's typing status: what TIM Chat sends, and what it recognises from TUIKit apps, old and new. */
import assert from 'node:assert/strict';
import { TIMElemType } from '../../src/tim/enums';
import { typingStatusMessage, typingStatusOf } from '../../src/tim/tuikitTyping';

const custom = (data: string) => ({ message_elem_array: [{ elem_type: TIMElemType.Custom, custom_elem_data: data }] });

describe("TUIKit's typing status", () => {
  it('sends an online-only custom message in TUIKit\'s format, outside unread counts and last messages', () => {
    const typing = typingStatusMessage(true);
    assert.equal(typing.message_is_online_msg, true);
    assert.equal(typing.message_is_excluded_from_unread_count, true);
    assert.equal(typing.message_excluded_from_last_message, true);
    const [elem] = typing.message_elem_array as Array<{ elem_type: number; custom_elem_data: string }>;
    assert.equal(elem?.elem_type, TIMElemType.Custom);
    assert.deepEqual(JSON.parse(elem?.custom_elem_data ?? ''), { businessID: 'user_typing_status', typingStatus: 1, version: 1, userAction: 14, actionParam: 'EIMAMSG_InputStatus_Ing' });
    assert.deepEqual(JSON.parse((typingStatusMessage(false).message_elem_array[0] as { custom_elem_data: string }).custom_elem_data), { businessID: 'user_typing_status', typingStatus: 0, version: 1, userAction: 14, actionParam: 'EIMAMSG_InputStatus_End' });
  });

  it('reads its own, TUIKit\'s current and TUIKit\'s older form, and nothing else', () => {
    assert.equal(typingStatusOf(typingStatusMessage(true)), 'typing');
    assert.equal(typingStatusOf(typingStatusMessage(false)), 'stopped');
    assert.equal(typingStatusOf(custom('{"businessID":"user_typing_status","typingStatus":1,"version":1}')), 'typing');
    assert.equal(typingStatusOf(custom('{"userAction":14,"actionParam":"EIMAMSG_InputStatus_End"}')), 'stopped', 'older TUIKit');
    for (const other of ['{"businessID":"order"}', '{"businessID":"user_typing_status","typingStatus":"1"}', 'not json', 'null', '{"userAction":14,"actionParam":"x"}']) {
      assert.equal(typingStatusOf(custom(other)), undefined, other);
    }
    assert.equal(typingStatusOf({ message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: '{"businessID":"user_typing_status","typingStatus":1}' }] }), undefined, 'a text message saying so is a message');
    assert.equal(typingStatusOf({ message_elem_array: [...typingStatusMessage(true).message_elem_array, { elem_type: TIMElemType.Text, text_elem_content: 'hi' }] }), undefined, 'so is one with more elements');
  });
});
