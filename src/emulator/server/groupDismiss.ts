/**
 * TIMGroupDelete: dismissing a group. TIMGroupManager.h: "对于私有群，任何人都无法解散群组。对于公开群、聊天室和
 * 直播大群，群主可以解散群组。" So nobody dismisses a Work group (the header's Private), and only the owner
 * any other type (10007 for admins and members too).
 *
 * The group row stays, marked dismissed (groups.dismissed): access.ts treats it as no such group, so every
 * later call on it answers 10010 and its id stays taken, while each former member's conversation keeps
 * the group's name and type and, as for a group they left (convs.left_msg), shows nothing after the
 * dismissal. The member rows go (the joined list, member lists and receive options follow), and so do
 * the pins.
 *
 * Every member, the owner included, hears of it on each logged-in device through a group report
 * (kTIMGroupReport_Delete) in the system conversation, as the SDK pushes group notices: a RecvNewMsg
 * event stored per device like any other (so it is replayed after a reconnect), not a message of any
 * conversation, so no history, unread count or last message changes.
 */
import { TIMConvType, TIMGroupReportType } from '../../tim/enums';
import { stringifyTimJson } from '../../tim/json';
import type { GroupRow } from './access';
import { ApiError, Err, syncParamError } from './apiError';
import type { JsonObject } from './args';
import { type Ctx, type Handler, requireLogin } from './context';
import { Elem } from './elements';
import { GroupType, removeMember, Role } from './groups';
import { messageIdOf, randomUint32, Status } from './messageModel';
import { topMessageId } from './messages/unread';

/** The sender of the SDK's system notices (TIMMessageManager.h's group report example). */
const SYSTEM_SENDER = '@TIM#SYSTEM';
/** The tiny id part of a report's message id: no user's, so it never names a user's message. */
const SYSTEM_TINY_ID = '0';

/** Whether a member of `role` may dismiss a group of `type`: nobody a Work group, the owner any other. */
function mayDismiss(type: number, role: number): boolean {
  return type !== GroupType.PRIVATE && role === Role.OWNER;
}

/** The kTIMGroupReport_Delete notice of `group`, dismissed by `opUser`, as a system message (Message JSON). */
function dismissalReport(ctx: Ctx, group: GroupRow, opUser: string): JsonObject {
  const now = ctx.emu.serverTime();
  const rand = randomUint32();
  return {
    message_conv_type: TIMConvType.System,
    message_conv_id: '',
    message_sender: SYSTEM_SENDER,
    message_elem_array: [
      {
        elem_type: Elem.GROUP_REPORT,
        group_report_elem_report_type: TIMGroupReportType.Delete,
        group_report_elem_group_id: group.group_id,
        group_report_elem_group_name: group.name,
        group_report_elem_op_user: opUser,
        group_report_elem_msg: '',
        group_report_elem_user_data: '',
        group_report_elem_platform: '',
      },
    ],
    message_server_time: now,
    message_client_time: now,
    message_rand: rand,
    message_msg_id: messageIdOf(SYSTEM_TINY_ID, now, rand),
    // Not a message of any conversation: no sequence in one, never unread.
    message_seq: 0,
    message_status: Status.SUCC,
    message_is_from_self: false,
    message_is_read: true,
  };
}

/**
 * Ends `group`: each member loses it (their conversation stays, showing nothing after now) and gets the
 * report on every logged-in device; the pins go; the row is marked dismissed.
 */
function dismissGroup(ctx: Ctx, group: GroupRow, opUser: string): void {
  const db = ctx.emu.db;
  const json = stringifyTimJson([dismissalReport(ctx, group, opUser)]);
  const lastMsg = topMessageId(ctx);
  const members = db.prepare('SELECT user_id FROM members WHERE group_id = ? ORDER BY user_id').all(group.group_id) as Array<{ user_id: string }>;
  for (const { user_id: user } of members) {
    removeMember(ctx, group.group_id, user, lastMsg);
    ctx.emu.hub.toUser(user, { name: 'RecvNewMsg', json });
  }
  db.prepare('DELETE FROM pinned WHERE group_id = ?').run(group.group_id);
  db.prepare('UPDATE groups SET dismissed = 1 WHERE group_id = ?').run(group.group_id);
}

const dismiss: Handler = async (ctx, args) => {
  const groupId = args.str(0);
  if (groupId.length === 0) {
    throw syncParamError('group_id is required');
  }
  const { userId } = requireLogin(ctx);
  await ctx.emu.queue.enqueue(() => {
    const caller = ctx.emu.access.requireMember(groupId, userId);
    const group = ctx.emu.access.groupRow(groupId) as GroupRow;
    if (!mayDismiss(group.type, caller.role)) {
      throw new ApiError(
        Err.GROUP_PERMISSION_DENY,
        group.type === GroupType.PRIVATE ? 'nobody may dismiss a Work group' : `only the owner may dismiss group ${groupId}`,
      );
    }
    dismissGroup(ctx, group, userId);
  });
  return {};
};

export const groupDismissHandlers: Record<string, Handler> = {
  TIMGroupDelete: dismiss,
};
