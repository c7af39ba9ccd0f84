/**
 * The group calls the extension uses (TIMGroupManager.h): create, join, quit, joined list, members,
 * managing a group (invite and remove members, change its name and notice, members' roles and name cards)
 * and deciding requests to join.
 */
import { TimConversationApi } from './conversationApi';
import { stringifyTimJson, type Uint64 } from './json';
import type {
  TimCreateGroupParam,
  TimCreateGroupResult,
  TimGetGroupInfoResult,
  TimGroupBaseInfo,
  TimGroupGetMemberInfoListParam,
  TimGroupGetMemberInfoListResult,
  TimGroupDeleteMemberParam,
  TimGroupDeleteMemberResult,
  TimGroupInviteMemberParam,
  TimGroupInviteMemberResult,
  TimGroupModifyInfoParam,
  TimGroupModifyMemberInfoParam,
  TimGroupHandlePendencyParam,
  TimGroupPendencyOption,
  TimGroupPendencyResult,
} from './types/group';
import { requireAtMost, requireIdList, requireNonEmptyString } from './validate';

/** TIMGroupInviteMember takes at most 20 users per call (header 7.4: 后台限制单次邀请的群成员个数不能超过 20). */
export const MAX_INVITE_MEMBERS = 20;

/** TIMGroupGetGroupInfoList reads at most 50 groups per call (Tencent's getGroupsInfo limit). */
export const MAX_GROUP_INFO_IDS = 50;

export class TimGroupApi extends TimConversationApi {
  /** TIMGroupCreate: resolves with the group id (the one asked for, or the one the server assigned). */
  async groupCreate(param: TimCreateGroupParam): Promise<TimCreateGroupResult> {
    const api = 'TIMGroupCreate';
    const result = await this.invoke(api, [stringifyTimJson(param)]);
    return this.decodeObject<TimCreateGroupResult>(api, result.json);
  }

  /** TIMGroupJoin. `helloMsg` is the optional application text for groups that need approval. */
  async groupJoin(groupId: string, helloMsg = ''): Promise<void> {
    const api = 'TIMGroupJoin';
    requireNonEmptyString(api, 'group_id', groupId);
    await this.invoke(api, [groupId, helloMsg]);
  }

  /** TIMGroupQuit. An owner cannot quit a public group, meeting or live group. */
  async groupQuit(groupId: string): Promise<void> {
    const api = 'TIMGroupQuit';
    requireNonEmptyString(api, 'group_id', groupId);
    await this.invoke(api, [groupId]);
  }

  /**
   * TIMGroupDelete: dismisses the group. Its owner may, for every type but Work groups (Private), which
   * nobody dismisses (TIMGroupManager.h). Members hear of it through a group report (kTIMGroupReport_Delete).
   */
  async groupDelete(groupId: string): Promise<void> {
    const api = 'TIMGroupDelete';
    requireNonEmptyString(api, 'group_id', groupId);
    await this.invoke(api, [groupId]);
  }

  /** TIMGroupGetJoinedGroupList. */
  async groupGetJoinedGroupList(): Promise<TimGroupBaseInfo[]> {
    const api = 'TIMGroupGetJoinedGroupList';
    const result = await this.invoke(api, []);
    return this.decodeArray<TimGroupBaseInfo>(api, result.json);
  }

  /**
   * TIMGroupGetGroupInfoList: each group's details (name, notice, introduction, owner, member count),
   * one result per id in the order given; a group the user may not see answers with its own code.
   */
  async groupGetGroupInfoList(groupIds: readonly string[]): Promise<TimGetGroupInfoResult[]> {
    const api = 'TIMGroupGetGroupInfoList';
    requireIdList(api, 'group_id_array', 'group_id', groupIds, MAX_GROUP_INFO_IDS);
    if (groupIds.length === 0) {
      return [];
    }
    const result = await this.invoke(api, [stringifyTimJson(groupIds)]);
    return this.decodeArray<TimGetGroupInfoResult>(api, result.json);
  }

  /** TIMGroupGetMemberInfoList: one page; call again with the result's next seq until it is 0. */
  async groupGetMemberInfoList(param: TimGroupGetMemberInfoListParam): Promise<TimGroupGetMemberInfoListResult> {
    const api = 'TIMGroupGetMemberInfoList';
    requireNonEmptyString(api, 'group_get_members_info_list_param_group_id', param.group_get_members_info_list_param_group_id);
    const result = await this.invoke(api, [stringifyTimJson(param)]);
    return this.decodeObject<TimGroupGetMemberInfoListResult>(api, result.json);
  }

  /**
   * TIMGroupInviteMember: up to 20 users; one result per user (added, already a member, invited, or
   * failed). Who may invite depends on the group type (header 7.4).
   */
  async groupInviteMember(param: TimGroupInviteMemberParam): Promise<TimGroupInviteMemberResult[]> {
    const api = 'TIMGroupInviteMember';
    requireNonEmptyString(api, 'group_invite_member_param_group_id', param.group_invite_member_param_group_id);
    requireAtMost(api, 'group_invite_member_param_identifier_array', param.group_invite_member_param_identifier_array, MAX_INVITE_MEMBERS);
    const result = await this.invoke(api, [stringifyTimJson(param)]);
    return this.decodeArray<TimGroupInviteMemberResult>(api, result.json);
  }

  /** TIMGroupDeleteMember: removes members; the owner (and admins of public groups) may (header 7.5). */
  async groupDeleteMember(param: TimGroupDeleteMemberParam): Promise<TimGroupDeleteMemberResult[]> {
    const api = 'TIMGroupDeleteMember';
    requireNonEmptyString(api, 'group_delete_member_param_group_id', param.group_delete_member_param_group_id);
    const result = await this.invoke(api, [stringifyTimJson(param)]);
    return this.decodeArray<TimGroupDeleteMemberResult>(api, result.json);
  }

  /** TIMGroupModifyGroupInfo: the fields its modify flag names; every member gets a group tip. */
  async groupModifyGroupInfo(param: TimGroupModifyInfoParam): Promise<void> {
    const api = 'TIMGroupModifyGroupInfo';
    requireNonEmptyString(api, 'group_modify_info_param_group_id', param.group_modify_info_param_group_id);
    await this.invoke(api, [stringifyTimJson(param)]);
  }

  /**
   * TIMGroupModifyMemberInfo: a member's role (the owner makes and unmakes admins) or name card (a member
   * their own; the owner and admins anyone's). Every member gets a tip for a role change.
   */
  async groupModifyMemberInfo(param: TimGroupModifyMemberInfoParam): Promise<void> {
    const api = 'TIMGroupModifyMemberInfo';
    requireNonEmptyString(api, 'group_modify_member_info_group_id', param.group_modify_member_info_group_id);
    requireNonEmptyString(api, 'group_modify_member_info_identifier', param.group_modify_member_info_identifier);
    await this.invoke(api, [stringifyTimJson(param)]);
  }

  /**
   * TIMGroupGetPendencyList: one page of the requests the caller decides (applications to the groups they
   * own or administer, invitations to them), decided ones included with their decision.
   */
  async groupGetPendencyList(option: TimGroupPendencyOption): Promise<TimGroupPendencyResult> {
    const api = 'TIMGroupGetPendencyList';
    const result = await this.invoke(api, [stringifyTimJson(option)]);
    return this.decodeObject<TimGroupPendencyResult>(api, result.json);
  }

  /** TIMGroupHandlePendency: accepts or refuses one request as the list returned it; each is decided once. */
  async groupHandlePendency(param: TimGroupHandlePendencyParam): Promise<void> {
    const api = 'TIMGroupHandlePendency';
    const pendency = param.group_handle_pendency_param_pendency;
    requireNonEmptyString(api, 'group_pendency_group_id', pendency.group_pendency_group_id);
    requireNonEmptyString(api, 'group_pendency_form_identifier', pendency.group_pendency_form_identifier);
    await this.invoke(api, [stringifyTimJson(param)]);
  }

  /** TIMGroupReportPendencyReaded: the requests made up to `timeStamp` (seconds) count as read. */
  async groupReportPendencyReaded(timeStamp: Uint64): Promise<void> {
    await this.invoke('TIMGroupReportPendencyReaded', [timeStamp]);
  }
}
