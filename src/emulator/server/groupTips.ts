/**
 * Group tips (TIMGroupManager.h GroupTipsElem): the server-made messages in a group that tell its
 * members of joins, quits, removals, role, info and member info changes, and pins. groups.ts,
 * groupJoin.ts, groupMute.ts and messages/pins.ts put them into groups through groupTip.
 */
import type { JsonObject } from './args';
import type { Ctx } from './context';
import { Elem } from './elements';
import { GROUP, groupStream, messageIdOf, randomUint32 } from './messageModel';

export function memberCount(ctx: Ctx, groupId: string): number {
  return (ctx.emu.db.prepare('SELECT count(*) AS n FROM members WHERE group_id = ?').get(groupId) as { n: number }).n;
}

interface TipDetails {
  /** TIMGroupJoinType of an Invite tip. */
  readonly joinType?: number;
  /** The member count to report (default: the members now). */
  readonly memberNum?: number;
  /** GroupTipGroupChangeInfo entries of a GroupInfoChange tip. */
  readonly changes?: JsonObject[];
  /** GroupTipMemberChangeInfo entries of a MemberInfoChange tip. */
  readonly memberChanges?: JsonObject[];
  /** The messages of a PinnedMessageAdded or PinnedMessageDeleted tip (group_tips_elem_pinned_message_list). */
  readonly pinnedMessages?: JsonObject[];
}

/**
 * Puts a group tips message into the group (server-made, no sender device): every member at this
 * moment gets it. Returns its message row id.
 */
export function groupTip(ctx: Ctx, groupId: string, opUser: string, tipType: number, users: string[], details: TipDetails = {}): number {
  const emu = ctx.emu;
  const now = emu.serverTime();
  const rand = randomUint32();
  const tip: JsonObject = {
    elem_type: Elem.GROUP_TIPS,
    group_tips_elem_tip_type: tipType,
    group_tips_elem_join_type: details.joinType ?? 0,
    group_tips_elem_op_user: opUser,
    group_tips_elem_group_id: groupId,
    group_tips_elem_user_array: users,
    group_tips_elem_member_num: details.memberNum ?? memberCount(ctx, groupId),
    group_tips_elem_group_change_info_array: details.changes ?? [],
    group_tips_elem_member_change_info_array: details.memberChanges ?? [],
    group_tips_elem_platform: '',
    ...(details.pinnedMessages === undefined ? {} : { group_tips_elem_pinned_message_list: details.pinnedMessages }),
  };
  return emu.delivery.deliver({
    stream: groupStream(groupId),
    convType: GROUP,
    convId: groupId,
    sender: opUser,
    senderDevice: 0,
    msgId: messageIdOf(emu.model.ensureUser(opUser), now, rand),
    rand,
    serverTime: now,
    elemType: Elem.GROUP_TIPS,
    searchText: '',
    noUnread: true,
    body: { message_elem_array: [tip], message_client_time: now, message_priority: 1, message_platform: 0 },
  }).id;
}
