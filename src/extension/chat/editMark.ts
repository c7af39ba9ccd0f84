/**
 * Whether a message shows "(edited)". TIM counts every change to a message in `message_version`, and a
 * message's text is not the only thing that changes: a TUIKit app lists each reply on the thread's
 * root by changing the root's cloud custom data (src/tim/tuikitThread.ts), and TIM Chat does the same.
 * So an edit made in TIM Chat also marks the message's cloud data (`timChatEdited`), and a root that
 * lists replies shows "(edited)" only with that mark; any other changed message shows it, since its
 * change may have been an edit in another app. Pure, so it is unit-tested.
 */
import { cloudDataObject } from '../../tim/tuikitReply';
import type { TimMessage } from '../../tim/types/message';

const EDIT_MARK = 'timChatEdited';

/** The cloud custom data of an edited message: what it held, and the mark. */
export function withEditMark(cloud: string | undefined): string {
  return JSON.stringify({ ...(cloudDataObject(cloud) ?? {}), [EDIT_MARK]: true });
}

/** Whether the message's change(s) include an edit of what it says, as far as its data tells. */
export function isEdited(message: Pick<TimMessage, 'message_version' | 'message_cloud_custom_str'>, listsReplies: boolean): boolean {
  if (Number(message.message_version ?? 0) <= 0) {
    return false;
  }
  return !listsReplies || cloudDataObject(message.message_cloud_custom_str)?.[EDIT_MARK] === true;
}
