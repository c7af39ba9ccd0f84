/**
 * TIMGroupGetGroupInfoList: the profiles (GroupDetailInfo) of up to 50 groups, one GetGroupInfoResult per
 * id in the order given. Members read any group of theirs; anyone reads the profile of a group of a
 * type that can be found and joined (Public, Meeting, Community, AVChatRoom, BChatRoom), as the SDK lets
 * anyone read a public group's profile; a Work (private) group's only its members (10007). A group that
 * does not exist: 10010. Either failure is that id's result, not the call's.
 */
import { stringifyTimJson } from '../../tim/json';
import type { GroupRow } from './access';
import { Err } from './apiError';
import type { JsonObject } from './args';
import { type Ctx, type Handler, requireLogin } from './context';
import { GroupType } from './groups';
import { memberCount } from './groupTips';
import { groupStream } from './messageModel';

/** TIMGroupGetGroupInfoList reads at most 50 groups per call (Tencent's getGroupsInfo limit; 6017 beyond). */
export const MAX_GROUP_INFO_IDS = 50;

/** GroupDetailInfo of a group row. */
function detailOf(ctx: Ctx, group: GroupRow): JsonObject {
  const last = ctx.emu.db
    .prepare('SELECT max(server_time) AS time FROM messages WHERE stream = ? AND local_device = 0')
    .get(groupStream(group.group_id)) as { time: number | null };
  return {
    group_detail_info_group_id: group.group_id,
    group_detail_info_group_type: group.type,
    group_detail_info_group_name: group.name,
    group_detail_info_notification: group.notification,
    group_detail_info_introduction: group.introduction,
    group_detail_info_face_url: group.face_url,
    group_detail_info_create_time: group.created,
    group_detail_info_info_seq: group.info_seq,
    group_detail_info_last_msg_time: last.time ?? 0,
    group_detail_info_member_num: memberCount(ctx, group.group_id),
    group_detail_info_max_member_num: group.max_members,
    group_detail_info_add_option: group.add_option,
    group_detail_info_owner_identifier: group.owner,
    group_detail_info_is_shutup_all: group.shutup_all === 1,
  };
}

/** One group's GetGroupInfoResult as `userId` may read it: 10010 no such group, 10007 a Work group of others. */
function resultOf(ctx: Ctx, groupId: string, userId: string): JsonObject {
  const group = ctx.emu.access.groupRow(groupId);
  if (group === undefined) {
    return { get_groups_info_result_code: Err.GROUP_NOT_FOUND, get_groups_info_result_desc: `group ${groupId} does not exist` };
  }
  if (group.type === GroupType.PRIVATE && ctx.emu.access.memberRow(groupId, userId) === undefined) {
    return { get_groups_info_result_code: Err.GROUP_PERMISSION_DENY, get_groups_info_result_desc: `${userId} is not a member of Work group ${groupId}` };
  }
  return { get_groups_info_result_code: 0, get_groups_info_result_desc: '', get_groups_info_result_info: detailOf(ctx, group) };
}

const getGroupInfoList: Handler = async (ctx, args) => {
  const groupIds = args.idList(0, 'json_group_getinfo_param', MAX_GROUP_INFO_IDS, true);
  const { userId } = requireLogin(ctx);
  const results = await ctx.emu.queue.enqueue(() => groupIds.map((groupId) => resultOf(ctx, groupId, userId)));
  return { json: stringifyTimJson(results) };
};

export const groupInfoHandlers: Record<string, Handler> = {
  TIMGroupGetGroupInfoList: getGroupInfoList,
};
