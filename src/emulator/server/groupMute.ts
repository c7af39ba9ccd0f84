/**
 * Muting in groups (禁言; TIMGroupManager.h; docs/emulator.md "Muting"): one member for some seconds
 * (TIMGroupModifyMemberInfo with ShutupTime 0x4) and everyone but the owner and admins
 * (TIMGroupModifyGroupInfo with ShutupAll 0x100), both applied by those handlers in groups.ts. While
 * either holds, the muted member's group sends fail with 10017 (requireNotMuted, beside the send's
 * membership check in messages/send.ts).
 *
 * Work groups (the header's Private) do not support muting, as Tencent documents: 10007 for both calls.
 * A member's mute is stored apart from their member row (groupMuteStore.ts), so it outlives leaving and
 * joining again, as Tencent documents; it ends by time alone, with no timer.
 */
import { TIMGroupMemberRole, TIMGroupReportType, TIMGroupTipGroupChangeFlag, TIMGroupTipType, TIMGroupType } from '../../tim/enums';
import type { ConvRef, GroupRow, MemberRow } from './access';
import { ApiError, Err, invalidParam } from './apiError';
import { type JsonObject, optBool, optNumber } from './args';
import type { Ctx, Emulator } from './context';
import { groupReportMessage, pushGroupReport } from './groupReportMessage';
import { groupTip } from './groupTips';

/** group_modify_member_info_shutup_time is a uint32 of seconds; a mute's end is kept within one too. */
const MAX_UINT32 = 0xffffffff;

/** TIMGroupModifyMemberInfo's mute length: whole seconds from 0 (unmute) to 4294967295, else 6017 (nothing changed). */
export function shutupSecondsOf(param: JsonObject): number {
  const seconds = optNumber(param, 'group_modify_member_info_shutup_time');
  if (seconds === undefined || !Number.isInteger(seconds) || seconds < 0 || seconds > MAX_UINT32) {
    throw invalidParam('group_modify_member_info_shutup_time must be whole seconds from 0 (unmute) to 4294967295');
  }
  return seconds;
}

/** TIMGroupModifyGroupInfo's group-wide mute: a boolean, required with the ShutupAll flag (6017 otherwise). */
export function shutupAllOf(param: JsonObject): boolean {
  const value = optBool(param, 'group_modify_info_param_is_shutup_all');
  if (value === undefined) {
    throw invalidParam('group_modify_info_param_is_shutup_all is required by the modify flag');
  }
  return value;
}

function isOwnerOrAdmin(role: number): boolean {
  return role === TIMGroupMemberRole.Owner || role === TIMGroupMemberRole.Admin;
}

/**
 * The 10007 for a mute or unmute `callerId` may not make of `targetId` (both members): none in Work
 * groups; the owner mutes admins and members, an admin members only; nobody the owner or themselves.
 */
export function requireMayMute(group: GroupRow, callerId: string, caller: MemberRow, targetId: string, target: MemberRow): void {
  const allowed =
    group.type !== TIMGroupType.Private &&
    callerId !== targetId &&
    target.role !== TIMGroupMemberRole.Owner &&
    (caller.role === TIMGroupMemberRole.Owner || (caller.role === TIMGroupMemberRole.Admin && target.role === TIMGroupMemberRole.Normal));
  if (!allowed) {
    throw new ApiError(
      Err.GROUP_PERMISSION_DENY,
      group.type === TIMGroupType.Private ? 'Work groups do not support muting' : `${callerId} may not mute or unmute ${targetId} in group ${group.group_id}`,
    );
  }
}

/** The 10007 for muting or unmuting everyone: only the owner and admins, and not in Work groups. */
export function requireMayMuteEveryone(group: GroupRow, callerId: string, caller: MemberRow): void {
  if (group.type === TIMGroupType.Private) {
    throw new ApiError(Err.GROUP_PERMISSION_DENY, 'Work groups do not support muting');
  }
  if (!isOwnerOrAdmin(caller.role)) {
    throw new ApiError(Err.GROUP_PERMISSION_DENY, `only the owner and admins may mute everyone in group ${group.group_id}; ${callerId} is neither`);
  }
}

/**
 * Inside an operation, after requireMayMute: `user` is muted in `group` for `seconds` from now (a new
 * end replacing any earlier one), or unmuted with 0. Every member gets a MemberInfoChange tip and `user`
 * alone a ShutUpMember report; an unmute of someone not muted changes nothing and tells nobody.
 */
export function muteMember(ctx: Ctx, group: GroupRow, opUser: string, user: string, seconds: number): void {
  const mutes = ctx.emu.groupMutes;
  const now = ctx.emu.serverTime();
  if (seconds === 0) {
    const wasMuted = mutes.activeUntil(group.group_id, user, now) !== 0;
    // An end that passed goes too: the row would no longer mean anything.
    mutes.clear(group.group_id, user);
    if (!wasMuted) {
      return;
    }
  } else {
    mutes.set(group.group_id, user, Math.min(now + seconds, MAX_UINT32));
  }
  groupTip(ctx, group.group_id, opUser, TIMGroupTipType.MemberInfoChange, [user], {
    memberChanges: [{ group_tips_member_change_info_identifier: user, group_tips_member_change_info_shutupTime: seconds }],
  });
  const report = groupReportMessage(ctx, TIMGroupReportType.ShutUpMember, group, opUser, '', { group_report_elem_shut_up_time: seconds });
  pushGroupReport(ctx, [user], report);
}

/**
 * Inside an operation, after requireMayMuteEveryone: everyone but the owner and admins muted, or not,
 * in `groupId`. Returns the GroupTipGroupChangeInfo of the change for the caller's GroupInfoChange tip.
 */
export function muteEveryone(ctx: Ctx, groupId: string, muted: boolean): JsonObject {
  ctx.emu.db.prepare('UPDATE groups SET shutup_all = ? WHERE group_id = ?').run(muted ? 1 : 0, groupId);
  return {
    group_tips_group_change_info_flag: TIMGroupTipGroupChangeFlag.ShutupAll,
    group_tips_group_change_info_value: '',
    group_tips_group_change_info_bool_value: muted,
  };
}

/**
 * A group send's mute check, made with its membership check (messages/send.ts sendTarget): 10017 while
 * the sender is muted, or while the group is muted for everyone and the sender is neither its owner nor
 * an admin. It reads the in-memory index and what the membership check read (`ref`): no query, and
 * nothing allocated, not even a clock reading, unless the sender has a mute stored.
 */
export function requireNotMuted(emu: Emulator, ref: ConvRef, userId: string): void {
  const until = emu.groupMutes.storedUntil(ref.convId, userId);
  if (until !== 0 && until > emu.serverTime()) {
    throw new ApiError(Err.GROUP_SHUTUP_DENY, `${userId} is muted in group ${ref.convId} until ${new Date(until * 1000).toISOString()}`);
  }
  if (ref.shutupAll === true && !isOwnerOrAdmin(ref.role ?? TIMGroupMemberRole.Normal)) {
    throw new ApiError(Err.GROUP_SHUTUP_DENY, `group ${ref.convId} is muted for everyone but its owner and admins`);
  }
}
