/**
 * Groups: TIMGroupCreate (at most 20 initial members, as the SDK checks from 7.1), TIMGroupJoin (Work
 * groups only by invitation; add option Forbid refuses; approvals are not emulated, so Auth joins at
 * once), TIMGroupQuit (owners of non-Work groups cannot), TIMGroupGetJoinedGroupList and
 * TIMGroupGetMemberInfoList (members only). Joining and leaving put group tips into the group.
 */
import { randomBytes } from 'node:crypto';
import { stringifyTimJson } from '../../tim/json';
import { ApiError, Err, invalidParam, syncParamError } from './apiError';
import { isObject, type JsonObject, optArray, optNumber, optString } from './args';
import { type Ctx, type Handler, requireLogin } from './context';
import { Elem } from './elements';
import { GROUP, groupStream, messageIdOf, randomUint32 } from './messageModel';
import { topMessageId } from './messages/unread';

export const GroupType = { PUBLIC: 0, PRIVATE: 1, CHATROOM: 2, BCHATROOM: 3, AVCHATROOM: 4, COMMUNITY: 5 } as const;
export const Role = { NORMAL: 200, ADMIN: 300, OWNER: 400 } as const;
const MAX_INITIAL_MEMBERS = 20;
const MAX_MEMBERS: Record<number, number> = { 0: 2000, 1: 200, 2: 6000, 3: 6000, 4: 1000000, 5: 100000 };
const TIP_INVITE = 1;
const TIP_QUIT = 2;
const JOIN_APPLY = 1;
const JOIN_INVITE = 2;

/** Puts a group tips message into the group (server-made, no sender device). */
export function groupTip(ctx: Ctx, groupId: string, opUser: string, tipType: number, users: string[], joinType = 0): void {
  const emu = ctx.emu;
  const count = (emu.db.prepare('SELECT count(*) AS n FROM members WHERE group_id = ?').get(groupId) as { n: number }).n;
  const now = emu.serverTime();
  const rand = randomUint32();
  const tip: JsonObject = {
    elem_type: Elem.GROUP_TIPS,
    group_tips_elem_tip_type: tipType,
    group_tips_elem_join_type: joinType,
    group_tips_elem_op_user: opUser,
    group_tips_elem_group_id: groupId,
    group_tips_elem_user_array: users,
    group_tips_elem_member_num: count,
    group_tips_elem_group_change_info_array: [],
    group_tips_elem_member_change_info_array: [],
    group_tips_elem_platform: '',
  };
  emu.delivery.deliver({
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
  });
}

export function addMember(ctx: Ctx, groupId: string, userId: string, role: number): void {
  const now = ctx.emu.serverTime();
  ctx.emu.db
    .prepare('INSERT INTO members(group_id, user_id, role, join_time, join_msg) VALUES (?, ?, ?, ?, ?)')
    .run(groupId, userId, role, now, topMessageId(ctx));
  const added = ctx.emu.delivery.ensureConversation(userId, GROUP, groupId, groupStream(groupId), now);
  ctx.emu.db.prepare('UPDATE convs SET hidden = 0, cleared_msg = 0, unread = 0 WHERE user_id = ? AND conv_type = 2 AND conv_id = ?').run(userId, groupId);
  ctx.emu.hub.touchConversation(userId, GROUP, groupId, added);
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
    if (emu.access.groupRow(groupId) !== undefined) {
      throw new ApiError(Err.GROUP_ID_IN_USE, `group id ${groupId} is in use`);
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
      groupTip(ctx, groupId, userId, TIP_INVITE, invited.map((m) => m.user), JOIN_INVITE);
    }
  });
  return { json: stringifyTimJson({ create_group_result_groupid: groupId }) };
};

const join: Handler = async (ctx, args) => {
  const groupId = args.str(0);
  args.str(1);
  if (groupId.length === 0) {
    throw syncParamError('group_id is required');
  }
  const { userId } = requireLogin(ctx);
  await ctx.emu.queue.enqueue(() => {
    const group = ctx.emu.access.groupRow(groupId);
    if (group === undefined) {
      throw new ApiError(Err.GROUP_NOT_FOUND, `group ${groupId} does not exist`);
    }
    if (ctx.emu.access.memberRow(groupId, userId) !== undefined) {
      throw new ApiError(Err.GROUP_ALREADY_MEMBER, 'already a member');
    }
    if (group.type === GroupType.PRIVATE || group.add_option === 0) {
      throw new ApiError(Err.GROUP_PERMISSION_DENY, 'this group cannot be joined by applying');
    }
    const count = (ctx.emu.db.prepare('SELECT count(*) AS n FROM members WHERE group_id = ?').get(groupId) as { n: number }).n;
    if (count >= group.max_members) {
      throw new ApiError(Err.GROUP_FULL, 'the group is full');
    }
    addMember(ctx, groupId, userId, Role.NORMAL);
    groupTip(ctx, groupId, userId, TIP_INVITE, [userId], JOIN_APPLY);
  });
  return {};
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
    ctx.emu.db.prepare('DELETE FROM members WHERE group_id = ? AND user_id = ?').run(groupId, userId);
    groupTip(ctx, groupId, userId, TIP_QUIT, [userId]);
    ctx.emu.hub.touchConversation(userId, GROUP, groupId);
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
    group_base_info_is_shutup_all: false,
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
      .prepare(
        `SELECT m.user_id, m.role, m.join_time, m.recv_opt, m.name_card, u.nick, u.face_url FROM members m
         LEFT JOIN users u ON u.user_id = m.user_id WHERE m.group_id = ? ORDER BY m.join_time, m.user_id`,
      )
      .all(groupId) as Array<{ user_id: string; role: number; join_time: number; recv_opt: number; name_card: string; nick: string | null; face_url: string | null }>;
    const wanted = only === undefined || only.length === 0 ? undefined : new Set(only.filter((v): v is string => typeof v === 'string'));
    return {
      group_get_member_info_list_result_next_seq: 0,
      group_get_member_info_list_result_info_array: rows
        .filter((row) => wanted === undefined || wanted.has(row.user_id))
        .map((row) => ({
          group_member_info_identifier: row.user_id,
          group_member_info_group_id: groupId,
          group_member_info_join_time: row.join_time,
          group_member_info_member_role: row.role,
          group_member_info_msg_flag: row.recv_opt,
          group_member_info_msg_seq: 0,
          group_member_info_shutup_time: 0,
          group_member_info_name_card: row.name_card,
          group_member_info_nick_name: row.nick ?? '',
          group_member_info_face_url: row.face_url ?? '',
          group_member_info_custom_info: [],
        })),
    };
  });
  return { json: stringifyTimJson(result) };
};

export const groupHandlers: Record<string, Handler> = {
  TIMGroupCreate: create,
  TIMGroupJoin: join,
  TIMGroupQuit: quit,
  TIMGroupGetJoinedGroupList: joinedList,
  TIMGroupGetMemberInfoList: memberList,
};
