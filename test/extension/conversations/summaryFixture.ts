/** A conversation's summary for tests: nothing unread, nothing set, named by its ID; `fields` change any of it. */
import type { ConversationSummary } from '../../../src/extension/conversations/conversationSummary';
import { TIMConvType, TIMReceiveMessageOpt } from '../../../src/tim/enums';

/** `key` is the conversation's, as the store keys it (`c2c_<user>`, `group_<group>`). */
export function summaryOf(key: string, fields: Partial<ConversationSummary> = {}): ConversationSummary {
  const group = key.startsWith('group_');
  const id = key.slice(group ? 'group_'.length : 'c2c_'.length);
  return {
    key,
    ref: { id, type: group ? TIMConvType.Group : TIMConvType.C2C },
    name: id,
    preview: '',
    lastTime: 0,
    unread: 0,
    pinned: false,
    receiveOpt: TIMReceiveMessageOpt.Receive,
    muted: false,
    mentioned: false,
    mentionSeqs: [],
    markedUnread: false,
    starred: false,
    draft: '',
    ...fields,
  };
}
