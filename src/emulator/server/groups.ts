/**
 * Groups: TIMGroupCreate (at most 20 initial members, as the SDK checks from 7.1), TIMGroupQuit (owners
 * of non-Work groups cannot), TIMGroupGetJoinedGroupList and TIMGroupGetMemberInfoList (members only),
 * and managing a group: TIMGroupInviteMember, TIMGroupDeleteMember, TIMGroupModifyGroupInfo (name,
 * notification, introduction, face, add option, muting everyone, owner) and TIMGroupModifyMemberInfo (a
 * member's role, mute and name card). Joining (TIMGroupJoin) is in groupJoin.ts, join requests in
 * groupRequests.ts, dismissing a group (TIMGroupDelete) in groupDismiss.ts, what muting means in
 * groupMute.ts.
 * Joining, leaving, invitations, removals, info, role and mute changes put group tips into the group.
 */
import { randomBytes } from 'node:crypto';
import { stringifyTimJson } from '../../tim/json';
import type { GroupRow, MemberRow } from './access';
import { ApiError, Err, invalidParam, syncParamError } from './apiError';
import { isObject, type JsonObject, optArray, optNumber, optString } from './args';
import { type Ctx, type Handler, requireLogin } from './context';
import { muteEveryone, muteMember, requireMayMute, requireMayMuteEveryone, shutupAllOf, shutupSecondsOf } from './groupMute';
import { groupTip, memberCount } from './groupTips';
import { GROUP, groupStream } from './messageModel';
import { topMessageId } from './messages/unread';

export const GroupType = { PUBLIC: 0, PRIVATE: 1, CHATROOM: 2, BCHATROOM: 3, AVCHATROOM: 4, COMMUNITY: 5 } as const;
export const Role = { NORMAL: 200, ADMIN: 300, OWNER: 400 } as const;
const MAX_INITIAL_MEMBERS = 20;
/** TIMGroupInviteMember: 后台限制单次邀请的群成员个数不能超过 20 (header 7.4). */
const MAX_INVITE_MEMBERS = 20;
const MAX_MEMBERS: Record<number, number> = { 0: 2000, 1: 200, 2: 6000, 3: 6000, 4: 1000000, 5: 100000 };
/** TIMGroupTipType values of the tips the emulator puts into groups. */
export const Tip = { INVITE: 1, QUIT: 2, KICK: 3, SET_ADMIN: 4, CANCEL_ADMIN: 5, GROUP_INFO_CHANGE: 6, PINNED_MESSAGE_ADDED: 10, PINNED_MESSAGE_DELETED: 11 } as const;
/** TIMGroupJoinType of an Invite tip: joined by applying (TIMGroupJoin, an accepted request) or invited. */
export const JoinType = { APPLY: 1, INVITE: 2 } as const;
/** HandleGroupMemberResult: what happened to one user of an invite or removal. */
const Handled = { FAILED: 0, DONE: 1, ALREADY_MEMBER: 2 } as const;
/** TIMGroupModifyInfoFlag bits the emulator applies (as an unsigned 32-bit value), each with its tip's TIMGroupTipGroupChangeFlag. */
const MODIFIABLE = [
  { bit: 0x1, key: 'group_modify_info_param_group_name', column: 'name', tipFlag: 0x1 },
  { bit: 0x2, key: 'group_modify_info_param_notification', column: 'notification', tipFlag: 0x3 },
  { bit: 0x4, key: 'group_modify_info_param_introduction', column: 'introduction', tipFlag: 0x2 },
  { bit: 0x8, key: 'group_modify_info_param_face_url', column: 'face_url', tipFlag: 0x4 },
] as const;
const MODIFY_OWNER = 0x80000000;
const TIP_CHANGE_OWNER = 0x5;
/** TIMGroupModifyInfoFlag AddOption, and its tip's TIMGroupTipGroupChangeFlag GroupAddOpt (an int value). */
const MODIFY_ADD_OPTION = 0x10;
const TIP_CHANGE_ADD_OPTION = 0xb;
/** TIMGroupAddOption: who may join by applying. */
export const AddOption = { FORBID: 0, AUTH: 1, ANY: 2 } as const;
/** TIMGroupModifyInfoFlag ShutupAll: everyone but the owner and admins muted, or not (groupMute.ts). */
const MODIFY_SHUTUP_ALL = 0x100;
/** TIMGroupMemberModifyInfoFlag bits the emulator applies (MsgFlag 0x1 and Custom 0x10 are not emulated). */
const MemberModify = { ROLE: 0x2, SHUTUP_TIME: 0x4, NAME_CARD: 0x8 } as const;
/** Tencent's usage limits: 群名片最大不超过50个字节 (UTF-8 bytes). */
const MAX_NAME_CARD_BYTES = 50;

/** Groups that take no invitations and whose owner cannot be changed: the live-broadcast kinds. */
function isBroadcast(type: number): boolean {
  return type === GroupType.AVCHATROOM || type === GroupType.BCHATROOM;
}

export function addMember(ctx: Ctx, groupId: string, userId: string, role: number): void {
  const now = ctx.emu.serverTime();
  ctx.emu.db
    .prepare('INSERT INTO members(group_id, user_id, role, join_time, join_msg) VALUES (?, ?, ?, ?, ?)')
    .run(groupId, userId, role, now, topMessageId(ctx));
  const added = ctx.emu.delivery.ensureConversation(userId, GROUP, groupId, groupStream(groupId), now);
  ctx.emu.db
    .prepare('UPDATE convs SET hidden = 0, cleared_msg = 0, unread = 0, left_msg = 0, left_join_msg = 0 WHERE user_id = ? AND conv_type = 2 AND conv_id = ?')
    .run(userId, groupId);
  ctx.emu.hub.touchConversation(userId, GROUP, groupId, added);
}

/**
 * Takes `userId` out of the group: no access from now on; their conversation stays (as Tencent keeps
 * it) and shows nothing after `lastMsg`, the last message they got. The membership's join point goes
 * with it to the conversation (convs.left_join_msg), where a former member's local history starts
 * (TIMMsgGetMsgList, messages/history.ts).
 */
export function removeMember(ctx: Ctx, groupId: string, userId: string, lastMsg: number): void {
  ctx.emu.db
    .prepare(
      `UPDATE convs SET left_msg = ?, left_join_msg = coalesce((SELECT join_msg FROM members WHERE group_id = ? AND user_id = ?), 0)
       WHERE user_id = ? AND conv_type = 2 AND conv_id = ?`,
    )
    .run(lastMsg, groupId, userId, userId, groupId);
  ctx.emu.db.prepare('DELETE FROM members WHERE group_id = ? AND user_id = ?').run(groupId, userId);
  ctx.emu.hub.touchConversation(userId, GROUP, groupId);
}

/** The group and the caller's membership in it: 10010 when there is no such group, 10007 for non-members. */
function groupAndCaller(ctx: Ctx, groupId: string, userId: string): { group: GroupRow; caller: MemberRow } {
  const caller = ctx.emu.access.requireMember(groupId, userId);
  return { group: ctx.emu.access.groupRow(groupId) as GroupRow, caller };
}

/** A required group or user id: empty or missing is the C function's -4, as the typed client checks. */
function requireId(param: JsonObject, key: string): string {
  const id = optString(param, key) ?? '';
  if (id.length === 0) {
    throw syncParamError(`${key} is required`);
  }
  return id;
}

/** A json param's user array: 1..`max` user ids (6017 otherwise, as the typed client counts), each user once. */
function userArray(param: JsonObject, key: string, max = Infinity): string[] {
  const list = optArray(param, key) ?? [];
  if (list.length === 0 || !list.every((user) => typeof user === 'string' && user.length > 0)) {
    throw invalidParam(`${key} must be a non-empty array of user ids`);
  }
  if (list.length > max) {
    throw invalidParam(`${key}: at most ${max} users per call`);
  }
  return [...new Set(list as string[])];
}

const create: Handler = async (ctx, args) => {
  const param = args.jsonObject(0, true) ?? {};
  const { userId } = requireLogin(ctx);
  const name = optString(param, 'create_group_param_group_name');
  if (name === undefined || name.length === 0) {
    throw invalidParam('create_group_param_group_name is required');
  }
  const type = optNumber(param, 'create_group_param_group_type') ?? GroupType.PUBLIC;
  if (!Object.values(GroupType).includes(type as 0)) {
    throw invalidParam('create_group_param_group_type is not a TIMGroupType');
  }
  let groupId = optString(param, 'create_group_param_group_id') ?? '';
  if (groupId.length > 0 && (!/^[\w@#.-]{1,48}$/.test(groupId) || (groupId.startsWith('@TGS#') && !(type === GroupType.COMMUNITY && groupId.startsWith('@TGS#_'))))) {
    throw new ApiError(Err.GROUP_INVALID_GROUPID, 'group id must be 1-48 characters of [A-Za-z0-9_@#.-] and not use the @TGS# prefix');
  }
  if (groupId.length === 0) {
    groupId = `@TGS#${type === GroupType.COMMUNITY ? '_' : ''}${randomBytes(6).toString('hex').toUpperCase()}`;
  }
  const initial = optArray(param, 'create_group_param_group_member_array') ?? [];
  if (initial.length > MAX_INITIAL_MEMBERS) {
    throw invalidParam(`at most ${MAX_INITIAL_MEMBERS} initial members`);
  }
  const members = initial.map((item) => {
    if (!isObject(item) || typeof item.group_member_info_identifier !== 'string' || item.group_member_info_identifier.length === 0) {
      throw invalidParam('members need group_member_info_identifier');
    }
    const role = optNumber(item, 'group_member_info_member_role') ?? Role.NORMAL;
    return { user: item.group_member_info_identifier, role: role === Role.ADMIN ? Role.ADMIN : Role.NORMAL };
  });
  const addOption = optNumber(param, 'create_group_param_add_option') ?? 2;
  await ctx.emu.queue.enqueue(() => {
    const emu = ctx.emu;
    if (emu.access.groupIdInUse(groupId)) {
      throw new ApiError(Err.GROUP_ID_IN_USE, `group id ${groupId} is in use (a dismissed group's id stays in use)`);
    }
    for (const member of members) {
      if (!emu.model.userExists(member.user)) {
        throw new ApiError(10019, `account ${member.user} does not exist`);
      }
    }
    emu.db
      .prepare(
        `INSERT INTO groups(group_id, name, type, owner, created, face_url, notification, introduction, add_option, max_members)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        groupId,
        name,
        type,
        userId,
        emu.serverTime(),
        optString(param, 'create_group_param_face_url') ?? '',
        optString(param, 'create_group_param_notification') ?? '',
        optString(param, 'create_group_param_introduction') ?? '',
        addOption,
        optNumber(param, 'create_group_param_max_member_num') ?? MAX_MEMBERS[type] ?? 2000,
      );
    addMember(ctx, groupId, userId, Role.OWNER);
    const invited = members.filter((m) => m.user !== userId);
    for (const member of invited) {
      addMember(ctx, groupId, member.user, member.role);
    }
    if (invited.length > 0) {
      groupTip(ctx, groupId, userId, Tip.INVITE, invited.map((m) => m.user), { joinType: JoinType.INVITE });
    }
  });
  return { json: stringifyTimJson({ create_group_result_groupid: groupId }) };
};

const quit: Handler = async (ctx, args) => {
  const groupId = args.str(0);
  if (groupId.length === 0) {
    throw syncParamError('group_id is required');
  }
  const { userId } = requireLogin(ctx);
  await ctx.emu.queue.enqueue(() => {
    const member = ctx.emu.access.requireMember(groupId, userId);
    const group = ctx.emu.access.groupRow(groupId);
    if (member.role === Role.OWNER && group !== undefined && group.type !== GroupType.PRIVATE) {
      throw new ApiError(Err.GROUP_OWNER_NOT_ALLOW_QUIT, 'the owner cannot quit this group');
    }
    // The quitter does not get the quit tip: their conversation ends before it.
    removeMember(ctx, groupId, userId, topMessageId(ctx));
    groupTip(ctx, groupId, userId, Tip.QUIT, [userId]);
  });
  return {};
};

function baseInfo(ctx: Ctx, groupId: string, userId: string): JsonObject | undefined {
  const group = ctx.emu.access.groupRow(groupId);
  const member = ctx.emu.access.memberRow(groupId, userId);
  if (group === undefined || member === undefined) {
    return undefined;
  }
  const latest = ctx.emu.delivery.latestSeq(groupStream(groupId));
  const conv = ctx.emu.convs.row(userId, GROUP, groupId);
  const joinTime = (ctx.emu.db.prepare('SELECT join_time FROM members WHERE group_id = ? AND user_id = ?').get(groupId, userId) as { join_time: number }).join_time;
  return {
    group_base_info_group_id: group.group_id,
    group_base_info_group_name: group.name,
    group_base_info_group_type: group.type,
    group_base_info_face_url: group.face_url,
    group_base_info_info_seq: group.info_seq,
    group_base_info_latest_seq: latest,
    group_base_info_readed_seq: 0,
    group_base_info_msg_flag: member.recv_opt,
    group_base_info_is_shutup_all: group.shutup_all === 1,
    group_base_info_self_info: {
      group_self_info_join_time: joinTime,
      group_self_info_role: member.role,
      group_self_info_unread_num: conv?.unread ?? 0,
      group_self_info_msg_flag: member.recv_opt,
    },
  };
}

const joinedList: Handler = async (ctx) => {
  const { userId } = requireLogin(ctx);
  const list = await ctx.emu.queue.enqueue(() =>
    (ctx.emu.db.prepare('SELECT group_id FROM members WHERE user_id = ? ORDER BY join_time, group_id').all(userId) as Array<{ group_id: string }>).flatMap((row) => {
      const info = baseInfo(ctx, row.group_id, userId);
      return info === undefined ? [] : [info];
    }),
  );
  return { json: stringifyTimJson(list) };
};

/** The columns memberInfoOf reads, over `members m LEFT JOIN users u ON u.user_id = m.user_id`. */
export const MEMBER_INFO_COLUMNS = 'm.user_id, m.role, m.join_time, m.recv_opt, m.name_card, u.nick, u.face_url';

export interface MemberInfoRow {
  readonly user_id: string;
  readonly role: number;
  readonly join_time: number;
  readonly recv_opt: number;
  readonly name_card: string;
  readonly nick: string | null;
  readonly face_url: string | null;
}

/**
 * A member as TIMGroupGetMemberInfoList lists it (GroupMemberInfo), from MEMBER_INFO_COLUMNS and, as
 * group_member_info_shutup_time, the end of their running mute (server seconds; 0 when not muted).
 */
function memberInfoOf(row: MemberInfoRow, groupId: string, shutupUntil: number): JsonObject {
  return {
    group_member_info_identifier: row.user_id,
    group_member_info_group_id: groupId,
    group_member_info_join_time: row.join_time,
    group_member_info_member_role: row.role,
    group_member_info_msg_flag: row.recv_opt,
    group_member_info_msg_seq: 0,
    group_member_info_shutup_time: shutupUntil,
    group_member_info_name_card: row.name_card,
    group_member_info_nick_name: row.nick ?? '',
    group_member_info_face_url: row.face_url ?? '',
    group_member_info_custom_info: [],
  };
}

/** Lists members of `groupId` as memberInfoOf does, their mutes as they are now (one clock reading for all). */
export function memberInfoReader(ctx: Ctx, groupId: string): (row: MemberInfoRow) => JsonObject {
  const now = ctx.emu.serverTime();
  return (row) => memberInfoOf(row, groupId, ctx.emu.groupMutes.activeUntil(groupId, row.user_id, now));
}

const memberList: Handler = async (ctx, args) => {
  const param = args.jsonObject(0, true) ?? {};
  const { userId } = requireLogin(ctx);
  const groupId = optString(param, 'group_get_members_info_list_param_group_id') ?? '';
  if (groupId.length === 0) {
    throw invalidParam('group_get_members_info_list_param_group_id is required');
  }
  const only = optArray(param, 'group_get_members_info_list_param_identifier_array');
  const result = await ctx.emu.queue.enqueue(() => {
    ctx.emu.access.requireMember(groupId, userId);
    const rows = ctx.emu.db
      .prepare(`SELECT ${MEMBER_INFO_COLUMNS} FROM members m LEFT JOIN users u ON u.user_id = m.user_id WHERE m.group_id = ? ORDER BY m.join_time, m.user_id`)
      .all(groupId) as MemberInfoRow[];
    const wanted = only === undefined || only.length === 0 ? undefined : new Set(only.filter((v): v is string => typeof v === 'string'));
    return {
      group_get_member_info_list_result_next_seq: 0,
      group_get_member_info_list_result_info_array: rows.filter((row) => wanted === undefined || wanted.has(row.user_id)).map(memberInfoReader(ctx, groupId)),
    };
  });
  return { json: stringifyTimJson(result) };
};

/**
 * TIMGroupInviteMember: up to 20 users (6017). Any member may invite into Work, Public, Meeting and
 * Community groups (*choice* for Public and Meeting: the SDK allows it from 7.1, subject to the invite
 * approval option, which is not emulated: invitees join at once); nobody into live-broadcast groups
 * (10007). One result per user: added, already a member, or failed (no such account, group full).
 */
const inviteMember: Handler = async (ctx, args) => {
  const param = args.jsonObject(0, true) ?? {};
  const { userId } = requireLogin(ctx);
  const groupId = requireId(param, 'group_invite_member_param_group_id');
  const users = userArray(param, 'group_invite_member_param_identifier_array', MAX_INVITE_MEMBERS);
  const results = await ctx.emu.queue.enqueue(() => {
    const { group } = groupAndCaller(ctx, groupId, userId);
    if (isBroadcast(group.type)) {
      throw new ApiError(Err.GROUP_PERMISSION_DENY, 'live-broadcast groups take no invitations');
    }
    let count = memberCount(ctx, groupId);
    const added: string[] = [];
    const outcome = users.map((user) => {
      let result: number = Handled.FAILED;
      if (ctx.emu.access.memberRow(groupId, user) !== undefined) {
        result = Handled.ALREADY_MEMBER;
      } else if (ctx.emu.model.userExists(user) && count < group.max_members) {
        addMember(ctx, groupId, user, Role.NORMAL);
        added.push(user);
        count++;
        result = Handled.DONE;
      }
      return { group_invite_member_result_identifier: user, group_invite_member_result_result: result };
    });
    if (added.length > 0) {
      groupTip(ctx, groupId, userId, Tip.INVITE, added, { joinType: JoinType.INVITE });
    }
    return outcome;
  });
  return { json: stringifyTimJson(results) };
};

/**
 * May `caller` manage `target` (both members): remove them, set their name card? Work groups: the owner
 * only; the other types: the owner, and admins the normal members. Nobody manages the owner.
 */
function mayManage(groupType: number, caller: MemberRow, target: MemberRow): boolean {
  if (target.role === Role.OWNER) {
    return false;
  }
  if (caller.role === Role.OWNER) {
    return true;
  }
  return groupType !== GroupType.PRIVATE && caller.role === Role.ADMIN && target.role === Role.NORMAL;
}

/**
 * TIMGroupDeleteMember: the whole call fails with 10007, nothing removed, when the caller may not
 * remove one of the listed members (mayManage); users who are not members get result 0. The removed
 * members get the Kick tip too (it is the last message of their conversation), then lose the group.
 * The reason (user_data) is not delivered: group reports are not emulated.
 */
const deleteMember: Handler = async (ctx, args) => {
  const param = args.jsonObject(0, true) ?? {};
  const { userId } = requireLogin(ctx);
  const groupId = requireId(param, 'group_delete_member_param_group_id');
  const users = userArray(param, 'group_delete_member_param_identifier_array');
  optString(param, 'group_delete_member_param_user_data');
  const results = await ctx.emu.queue.enqueue(() => {
    const { group, caller } = groupAndCaller(ctx, groupId, userId);
    const removed: string[] = [];
    for (const user of users) {
      const target = ctx.emu.access.memberRow(groupId, user);
      if (target === undefined) {
        continue;
      }
      if (!mayManage(group.type, caller, target)) {
        throw new ApiError(Err.GROUP_PERMISSION_DENY, `${userId} may not remove ${user} from group ${groupId}`);
      }
      removed.push(user);
    }
    if (removed.length > 0) {
      const tip = groupTip(ctx, groupId, userId, Tip.KICK, removed, { memberNum: memberCount(ctx, groupId) - removed.length });
      for (const user of removed) {
        removeMember(ctx, groupId, user, tip);
      }
    }
    return users.map((user) => ({
      group_delete_member_result_identifier: user,
      group_delete_member_result_result: removed.includes(user) ? Handled.DONE : Handled.FAILED,
    }));
  });
  return { json: stringifyTimJson(results) };
};

/**
 * TIMGroupModifyGroupInfo: the name (non-empty, as at creation), notification, introduction, face URL,
 * add option (0/1/2, else 6017; not of a Work group, which takes no applications: 10007) and muting
 * everyone (a boolean; the owner and admins, not in Work groups: groupMute.ts) named by the modify
 * flag, by any member of a Work group and the owner or admins of the other types; or, alone, a new owner
 * (the owner only, not in live-broadcast groups; a member other than the owner, else 10004). Other
 * flags: 7013. One GroupInfoChange tip lists the changes.
 */
const modifyGroupInfo: Handler = async (ctx, args) => {
  const param = args.jsonObject(0, true) ?? {};
  const { userId } = requireLogin(ctx);
  const groupId = requireId(param, 'group_modify_info_param_group_id');
  const rawFlag = optNumber(param, 'group_modify_info_param_modify_flag') ?? 0;
  // A uint32 of TIMGroupModifyInfoFlag bits; the header's own example writes kTIMGroupModifyInfoFlag_Owner
  // as the int32 -2147483648.
  if (!Number.isInteger(rawFlag) || rawFlag === 0 || rawFlag < -0x80000000 || rawFlag > 0xffffffff) {
    throw invalidParam('group_modify_info_param_modify_flag must name what to change');
  }
  const flag = rawFlag >>> 0;
  const fields = MODIFIABLE.filter((field) => (flag & field.bit) !== 0);
  const unsupported = (fields.reduce((bits, field) => bits & ~field.bit, flag) & ~(MODIFY_OWNER | MODIFY_ADD_OPTION | MODIFY_SHUTUP_ALL)) >>> 0;
  if (unsupported !== 0) {
    throw new ApiError(Err.INTERFACE_NOT_SUPPORT, `modify flag 0x${unsupported.toString(16)} is not supported by tim-emulator`);
  }
  const addOption = flag & MODIFY_ADD_OPTION ? optNumber(param, 'group_modify_info_param_add_option') : undefined;
  if (flag & MODIFY_ADD_OPTION && !Object.values(AddOption).includes(addOption as 0)) {
    throw invalidParam('group_modify_info_param_add_option must be 0 (Forbid), 1 (Auth) or 2 (Any)');
  }
  const shutupAll = flag & MODIFY_SHUTUP_ALL ? shutupAllOf(param) : undefined;
  const newOwner = flag & MODIFY_OWNER ? optString(param, 'group_modify_info_param_owner') ?? '' : undefined;
  if (newOwner !== undefined && (newOwner.length === 0 || fields.length > 0 || addOption !== undefined || shutupAll !== undefined)) {
    throw invalidParam('a new owner needs group_modify_info_param_owner and no other modify flag');
  }
  const values = fields.map((field) => {
    const value = optString(param, field.key);
    if (value === undefined || (field.bit === 0x1 && value.length === 0)) {
      throw invalidParam(`${field.key} is required by the modify flag`);
    }
    return { field, value };
  });
  await ctx.emu.queue.enqueue(() => {
    const { group, caller } = groupAndCaller(ctx, groupId, userId);
    const db = ctx.emu.db;
    let changes: JsonObject[];
    if (newOwner !== undefined) {
      if (caller.role !== Role.OWNER || isBroadcast(group.type)) {
        throw new ApiError(Err.GROUP_PERMISSION_DENY, 'only the owner may hand the group over, and not in live-broadcast groups');
      }
      if (newOwner === userId || ctx.emu.access.memberRow(groupId, newOwner) === undefined) {
        throw new ApiError(Err.GROUP_INVALID_PARAMETERS, `the new owner must be another member of group ${groupId}`);
      }
      db.prepare('UPDATE members SET role = ? WHERE group_id = ? AND user_id = ?').run(Role.NORMAL, groupId, userId);
      db.prepare('UPDATE members SET role = ? WHERE group_id = ? AND user_id = ?').run(Role.OWNER, groupId, newOwner);
      db.prepare('UPDATE groups SET owner = ?, info_seq = info_seq + 1 WHERE group_id = ?').run(newOwner, groupId);
      // Nobody mutes the owner: a mute the new owner had ends with the handover (groupMute.ts).
      ctx.emu.groupMutes.clear(groupId, newOwner);
      changes = [{ group_tips_group_change_info_flag: TIP_CHANGE_OWNER, group_tips_group_change_info_value: newOwner }];
    } else {
      if (addOption !== undefined && group.type === GroupType.PRIVATE) {
        throw new ApiError(Err.GROUP_PERMISSION_DENY, 'Work groups are joined by invitation only: they take no applications, so they have no add option');
      }
      if (group.type !== GroupType.PRIVATE && caller.role === Role.NORMAL) {
        throw new ApiError(Err.GROUP_PERMISSION_DENY, 'only the owner and admins may change this group\'s info');
      }
      if (shutupAll !== undefined) {
        requireMayMuteEveryone(group, userId, caller);
      }
      for (const { field, value } of values) {
        db.prepare(`UPDATE groups SET ${field.column} = ? WHERE group_id = ?`).run(value, groupId);
      }
      if (addOption !== undefined) {
        db.prepare('UPDATE groups SET add_option = ? WHERE group_id = ?').run(addOption, groupId);
      }
      db.prepare('UPDATE groups SET info_seq = info_seq + 1 WHERE group_id = ?').run(groupId);
      changes = values.map(({ field, value }): JsonObject => ({ group_tips_group_change_info_flag: field.tipFlag, group_tips_group_change_info_value: value }));
      if (addOption !== undefined) {
        // The header's GroupTipGroupChangeInfo: for GroupAddOpt the new TIMGroupAddOption is the int value.
        changes.push({ group_tips_group_change_info_flag: TIP_CHANGE_ADD_OPTION, group_tips_group_change_info_value: '', group_tips_group_change_info_int_value: addOption });
      }
      if (shutupAll !== undefined) {
        changes.push(muteEveryone(ctx, groupId, shutupAll));
      }
    }
    groupTip(ctx, groupId, userId, Tip.GROUP_INFO_CHANGE, [], { changes });
  });
  return {};
};

/** Groups with admins (whose roles TIMGroupModifyMemberInfo may change): not Work nor the live-broadcast kinds. */
function hasAdmins(type: number): boolean {
  return type !== GroupType.PRIVATE && !isBroadcast(type);
}

/**
 * TIMGroupModifyMemberInfo: the role (MemberRole 0x2: 200 or 300, else 6017), mute (ShutupTime 0x4:
 * seconds, 0 unmutes; groupMute.ts) and name card (NameCard 0x8: at most 50 UTF-8 bytes, else 6017) of a
 * member of the group (10004 otherwise); other flags 7013, 0 6017. Roles: the owner only, not the owner's
 * own, and only in groups with admins (10007). Mutes: see requireMayMute. Name cards: one's own, or as
 * the owner or an admin (mayManage); not in live-broadcast groups (10007). All checks pass before
 * anything changes. Every member gets a SetAdmin or CancelAdmin tip for a role that changed and a
 * MemberInfoChange tip for a mute; name cards make no tip.
 */
const modifyMemberInfo: Handler = async (ctx, args) => {
  const param = args.jsonObject(0, true) ?? {};
  const { userId } = requireLogin(ctx);
  const groupId = requireId(param, 'group_modify_member_info_group_id');
  const user = requireId(param, 'group_modify_member_info_identifier');
  const flag = optNumber(param, 'group_modify_member_info_modify_flag') ?? 0;
  if (!Number.isInteger(flag) || flag <= 0 || flag > 0xffffffff) {
    throw invalidParam('group_modify_member_info_modify_flag must name what to change');
  }
  const unsupported = (flag & ~(MemberModify.ROLE | MemberModify.SHUTUP_TIME | MemberModify.NAME_CARD)) >>> 0;
  if (unsupported !== 0) {
    throw new ApiError(Err.INTERFACE_NOT_SUPPORT, `member modify flag 0x${unsupported.toString(16)} is not supported by tim-emulator`);
  }
  const setsRole = (flag & MemberModify.ROLE) !== 0;
  const setsNameCard = (flag & MemberModify.NAME_CARD) !== 0;
  const role = setsRole ? optNumber(param, 'group_modify_member_info_member_role') : undefined;
  if (setsRole && role !== Role.NORMAL && role !== Role.ADMIN) {
    throw invalidParam('group_modify_member_info_member_role must be 200 (member) or 300 (admin); owners change with TIMGroupModifyGroupInfo');
  }
  const shutupSeconds = (flag & MemberModify.SHUTUP_TIME) !== 0 ? shutupSecondsOf(param) : undefined;
  const nameCard = setsNameCard ? optString(param, 'group_modify_member_info_name_card') : undefined;
  if (setsNameCard && (nameCard === undefined || Buffer.byteLength(nameCard, 'utf8') > MAX_NAME_CARD_BYTES)) {
    throw invalidParam(`group_modify_member_info_name_card is required by the modify flag, at most ${MAX_NAME_CARD_BYTES} bytes`);
  }
  await ctx.emu.queue.enqueue(() => {
    const { group, caller } = groupAndCaller(ctx, groupId, userId);
    const target = ctx.emu.access.memberRow(groupId, user);
    if (target === undefined) {
      throw new ApiError(Err.GROUP_INVALID_PARAMETERS, `${user} is not a member of group ${groupId}`);
    }
    if (role !== undefined && (caller.role !== Role.OWNER || target.role === Role.OWNER || !hasAdmins(group.type))) {
      throw new ApiError(Err.GROUP_PERMISSION_DENY, 'only the owner sets other members\' roles, and only in Public, Meeting and Community groups');
    }
    if (nameCard !== undefined && (isBroadcast(group.type) || (user !== userId && !mayManage(group.type, caller, target)))) {
      throw new ApiError(Err.GROUP_PERMISSION_DENY, `${userId} may not set the name card of ${user} in group ${groupId}`);
    }
    if (shutupSeconds !== undefined) {
      requireMayMute(group, userId, caller, user, target);
    }
    const db = ctx.emu.db;
    if (nameCard !== undefined) {
      db.prepare('UPDATE members SET name_card = ? WHERE group_id = ? AND user_id = ?').run(nameCard, groupId, user);
    }
    if (role !== undefined && role !== target.role) {
      db.prepare('UPDATE members SET role = ? WHERE group_id = ? AND user_id = ?').run(role, groupId, user);
      groupTip(ctx, groupId, userId, role === Role.ADMIN ? Tip.SET_ADMIN : Tip.CANCEL_ADMIN, [user]);
    }
    if (shutupSeconds !== undefined) {
      muteMember(ctx, group, userId, user, shutupSeconds);
    }
  });
  return {};
};

export const groupHandlers: Record<string, Handler> = {
  TIMGroupCreate: create,
  TIMGroupQuit: quit,
  TIMGroupGetJoinedGroupList: joinedList,
  TIMGroupGetMemberInfoList: memberList,
  TIMGroupInviteMember: inviteMember,
  TIMGroupDeleteMember: deleteMember,
  TIMGroupModifyGroupInfo: modifyGroupInfo,
  TIMGroupModifyMemberInfo: modifyMemberInfo,
};
