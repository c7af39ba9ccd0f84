import * as assert from 'node:assert/strict';
import { shouldNotify } from '../../src/extension/notificationPolicy';
import { openableUrl } from '../../src/extension/chat/linkPolicy';
import { TIM_MESSAGE_AT_ALL, TIMElemType, TIMReceiveMessageOpt } from '../../src/tim/enums';
import { typingStatusMessage } from '../../src/tim/tuikitTyping';

describe('notification policy', () => {
  it('follows the four receive options', () => {
    const plain = {};
    const mention = { message_group_at_user_array: ['alice'] };
    const all = { message_group_at_user_array: [TIM_MESSAGE_AT_ALL] };
    assert.equal(shouldNotify(TIMReceiveMessageOpt.Receive, plain, 'alice'), true);
    assert.equal(shouldNotify(TIMReceiveMessageOpt.Not_Receive, mention, 'alice'), false);
    assert.equal(shouldNotify(TIMReceiveMessageOpt.Not_Notify, mention, 'alice'), false);
    assert.equal(shouldNotify(TIMReceiveMessageOpt.Not_Notify_Except_At, plain, 'alice'), false);
    assert.equal(shouldNotify(TIMReceiveMessageOpt.Not_Notify_Except_At, mention, 'alice'), true);
    assert.equal(shouldNotify(TIMReceiveMessageOpt.Not_Notify_Except_At, all, 'alice'), true);
    assert.equal(shouldNotify(TIMReceiveMessageOpt.Not_Notify_Except_At, { message_group_at_user_array: ['bob'] }, 'alice'), false);
  });

  it("never notifies of a typing status (TUIKit's online typing message), whatever the option", () => {
    assert.equal(shouldNotify(TIMReceiveMessageOpt.Receive, typingStatusMessage(true), 'alice'), false);
    assert.equal(shouldNotify(TIMReceiveMessageOpt.Receive, typingStatusMessage(false), 'alice'), false);
    const custom = { message_elem_array: [{ elem_type: TIMElemType.Custom, custom_elem_data: '{"businessID":"order"}' }] };
    assert.equal(shouldNotify(TIMReceiveMessageOpt.Receive, custom, 'alice'), true, 'other custom messages do');
  });

  it('never notifies of a group tip (joins, leaves, renames): TIM counts none as unread', () => {
    const tip = { message_elem_array: [{ elem_type: TIMElemType.GroupTips, group_tips_elem_tip_type: 6, group_tips_elem_group_id: 'g' }] } as never;
    assert.equal(shouldNotify(TIMReceiveMessageOpt.Receive, tip, 'alice'), false);
    assert.equal(shouldNotify(TIMReceiveMessageOpt.Receive, { message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: 'hi' }] }, 'alice'), true);
  });
});

describe('link policy', () => {
  it('opens web and mail links only', () => {
    assert.equal(openableUrl('https://example.com/a?b=1'), 'https://example.com/a?b=1');
    assert.equal(openableUrl('mailto:a@b.c'), 'mailto:a@b.c');
    for (const bad of ['javascript:alert(1)', 'command:workbench.action.terminal.new', 'file:///etc/passwd', 'vscode://x', 'data:text/html,<b>', 'not a url', '', `https://x/${'a'.repeat(5000)}`]) {
      assert.equal(openableUrl(bad), undefined, bad);
    }
  });
});
