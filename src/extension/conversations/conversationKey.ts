/**
 * One string per conversation, in Tencent's own form (as the newer SDKs' conversationID): `c2c_<userID>`
 * or `group_<groupID>`. Panels, tree items and commands use it; the C API wants (conv_id, conv_type).
 */
import { TIMConvType } from '../../tim/enums';

export interface ConversationRef {
  readonly id: string;
  readonly type: typeof TIMConvType.C2C | typeof TIMConvType.Group;
}

export function conversationKey(ref: ConversationRef): string {
  return `${ref.type === TIMConvType.Group ? 'group' : 'c2c'}_${ref.id}`;
}

/** Parses a key; a bare id (no known prefix) is a C2C conversation with that user. */
export function parseConversationKey(key: string): ConversationRef | undefined {
  const trimmed = key.trim();
  if (trimmed.startsWith('group_') && trimmed.length > 'group_'.length) {
    return { id: trimmed.slice('group_'.length), type: TIMConvType.Group };
  }
  if (trimmed.startsWith('c2c_') && trimmed.length > 'c2c_'.length) {
    return { id: trimmed.slice('c2c_'.length), type: TIMConvType.C2C };
  }
  return trimmed ? { id: trimmed, type: TIMConvType.C2C } : undefined;
}
