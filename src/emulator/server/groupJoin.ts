/**
 * TIMGroupJoin (TIMGroupManager.h 4.3): joining by applying. Work groups take no applications and add
 * option Forbid refuses them (10007). A Public or Community group with add option Auth ("需要管理员审批")
 * takes an application instead: the applicant does not become a member, the request is stored
 * (groupRequestStore.ts) and every owner and admin of the group gets a kTIMGroupReport_AddRequest group
 * report; they decide it with TIMGroupHandlePendency (groupRequests.ts). Every other group, Meeting,
 * AVChatRoom and BChatRoom whatever their add option ("聊天室可以主动申请进入", "直播大群可以任意加入群组"),
 * is joined at once, as is a group with add option Any.
 */
import { TIMGroupReportType } from '../../tim/enums';
import type { GroupRow } from './access';
import { ApiError, Err, syncParamError } from './apiError';
import { type Ctx, type Handler, requireLogin } from './context';
import { storeApplication } from './groupRequestStore';
import { groupReportMessage, pushGroupReport } from './groupReportMessage';
import { AddOption, addMember, GroupType, JoinType, Role, Tip } from './groups';
import { groupTip, memberCount } from './groupTips';

/** Whether joining `group` takes an owner's or admin's approval: add option Auth in a Public or Community group. */
export function needsApproval(group: GroupRow): boolean {
  return group.add_option === AddOption.AUTH && (group.type === GroupType.PUBLIC || group.type === GroupType.COMMUNITY);
}

/** `user` joins `groupId` as a normal member by applying (at once, or accepted): the Invite tip with join type Apply, by the joiner. */
export function admitApplicant(ctx: Ctx, groupId: string, user: string): void {
  addMember(ctx, groupId, user, Role.NORMAL);
  groupTip(ctx, groupId, user, Tip.INVITE, [user], { joinType: JoinType.APPLY });
}

/** The group's owner and admins now: who decides its join requests. */
export function approversOf(ctx: Ctx, groupId: string): string[] {
  const rows = ctx.emu.db
    .prepare('SELECT user_id FROM members WHERE group_id = ? AND role IN (?, ?) ORDER BY user_id')
    .all(groupId, Role.ADMIN, Role.OWNER) as Array<{ user_id: string }>;
  return rows.map((row) => row.user_id);
}

/**
 * Stores `applicant`'s request to join `group` with `msg` (their undecided one renewed, never a second)
 * and tells every owner and admin on each logged-in device with an AddRequest group report.
 */
export function applyToJoin(ctx: Ctx, group: GroupRow, applicant: string, msg: string): void {
  storeApplication(ctx.emu.db, group.group_id, applicant, ctx.emu.serverTime(), msg);
  pushGroupReport(ctx, approversOf(ctx, group.group_id), groupReportMessage(ctx, TIMGroupReportType.AddRequest, group, applicant, msg));
}

/**
 * The checks of an application to `groupId` by `userId`, with TIMGroupJoin's codes: 10010 no such group,
 * 10013 already a member, 10007 a Work group or add option Forbid, 10014 full. Returns the group.
 */
export function joinableGroup(ctx: Ctx, groupId: string, userId: string): GroupRow {
  const group = ctx.emu.access.groupRow(groupId);
  if (group === undefined) {
    throw new ApiError(Err.GROUP_NOT_FOUND, `group ${groupId} does not exist`);
  }
  if (ctx.emu.access.memberRow(groupId, userId) !== undefined) {
    throw new ApiError(Err.GROUP_ALREADY_MEMBER, 'already a member');
  }
  if (group.type === GroupType.PRIVATE || group.add_option === AddOption.FORBID) {
    throw new ApiError(Err.GROUP_PERMISSION_DENY, 'this group cannot be joined by applying');
  }
  if (memberCount(ctx, groupId) >= group.max_members) {
    throw new ApiError(Err.GROUP_FULL, 'the group is full');
  }
  return group;
}

/** TIMGroupJoin(group_id, hello_msg): code 0 both when joined and when the request was sent (the SDK's success). */
const join: Handler = async (ctx, args) => {
  const groupId = args.str(0);
  const helloMsg = args.str(1);
  if (groupId.length === 0) {
    throw syncParamError('group_id is required');
  }
  const { userId } = requireLogin(ctx);
  await ctx.emu.queue.enqueue(() => {
    const group = joinableGroup(ctx, groupId, userId);
    if (needsApproval(group)) {
      applyToJoin(ctx, group, userId, helloMsg);
    } else {
      admitApplicant(ctx, groupId, userId);
    }
  });
  return {};
};

export const groupJoinHandlers: Record<string, Handler> = {
  TIMGroupJoin: join,
};
