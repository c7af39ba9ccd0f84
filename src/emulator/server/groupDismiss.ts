/**
 * TIMGroupDelete: dismissing a group. TIMGroupManager.h: "对于私有群，任何人都无法解散群组。对于公开群、聊天室和
 * 直播大群，群主可以解散群组。" So nobody dismisses a Work group (the header's Private), and only the owner
 * any other type (10007 for admins and members too).
 *
 * The group row stays, marked dismissed (groups.dismissed): access.ts treats it as no such group, so every
 * later call on it answers 10010 and its id stays taken, while each former member's conversation keeps
 * the group's name and type and, as for a group they left (convs.left_msg), shows nothing after the
 * dismissal. As there, TIMMsgGetMsgList still gives a former member's device its local history of the
 * group (messages/history.ts). The member rows go (the joined list, member lists and receive options follow), and so do
 * the pins, the join requests (groupRequestStore.ts) and the mutes (groupMuteStore.ts).
 *
 * Every member, the owner included, hears of it on each logged-in device through a group report
 * (kTIMGroupReport_Delete, groupReportMessage.ts) in the system conversation, as the SDK pushes group
 * notices.
 */
import { TIMGroupReportType } from '../../tim/enums';
import type { GroupRow } from './access';
import { ApiError, Err, syncParamError } from './apiError';
import { type Ctx, type Handler, requireLogin } from './context';
import { deleteGroupRequests } from './groupRequestStore';
import { groupReportMessage, pushGroupReport } from './groupReportMessage';
import { GroupType, removeMember, Role } from './groups';
import { topMessageId } from './messages/unread';

/** Whether a member of `role` may dismiss a group of `type`: nobody a Work group, the owner any other. */
function mayDismiss(type: number, role: number): boolean {
  return type !== GroupType.PRIVATE && role === Role.OWNER;
}

/**
 * Ends `group`: each member loses it (their conversation stays, showing nothing after now) and gets the
 * report on every logged-in device; the pins, join requests and mutes go; the row is marked dismissed.
 */
function dismissGroup(ctx: Ctx, group: GroupRow, opUser: string): void {
  const db = ctx.emu.db;
  const lastMsg = topMessageId(ctx);
  const members = (db.prepare('SELECT user_id FROM members WHERE group_id = ? ORDER BY user_id').all(group.group_id) as Array<{ user_id: string }>).map((row) => row.user_id);
  for (const user of members) {
    removeMember(ctx, group.group_id, user, lastMsg);
  }
  pushGroupReport(ctx, members, groupReportMessage(ctx, TIMGroupReportType.Delete, group, opUser, ''));
  db.prepare('DELETE FROM pinned WHERE group_id = ?').run(group.group_id);
  deleteGroupRequests(db, group.group_id);
  ctx.emu.groupMutes.clearGroup(group.group_id);
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
