/**
 * Message read receipts (TIMMessageManager.h 6.13-6.15): who of a group read a message that asked for
 * receipts (`message_need_read_receipt`). The counts arrive as MessageReceipt (types/messageParams.ts).
 */
import type { Uint64 } from '../json';
import type { TimGroupMemberInfo } from './groupMember';

/**
 * One page of TIMMsgGetGroupMessageReadMemberList. Its C callback is not a TIMCommCallback but
 * (json_group_member_array, next_seq, is_finished): both endpoints answer with this object instead.
 */
export interface TimGroupMessageReadMembers {
  readonly group_member_array: readonly TimGroupMemberInfo[];
  /** Pass it back for the next page; meaningless once `is_finished`. */
  readonly next_seq: Uint64;
  readonly is_finished: boolean;
}
