/** The group calls the extension uses (TIMGroupManager.h): create, join, quit, joined list, members. */
import { TimConversationApi } from './conversationApi';
import { stringifyTimJson } from './json';
import type {
  TimCreateGroupParam,
  TimCreateGroupResult,
  TimGroupBaseInfo,
  TimGroupGetMemberInfoListParam,
  TimGroupGetMemberInfoListResult,
} from './types/group';
import { requireNonEmptyString } from './validate';

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

  /** TIMGroupGetJoinedGroupList. */
  async groupGetJoinedGroupList(): Promise<TimGroupBaseInfo[]> {
    const api = 'TIMGroupGetJoinedGroupList';
    const result = await this.invoke(api, []);
    return this.decodeArray<TimGroupBaseInfo>(api, result.json);
  }

  /** TIMGroupGetMemberInfoList: one page; call again with the result's next seq until it is 0. */
  async groupGetMemberInfoList(param: TimGroupGetMemberInfoListParam): Promise<TimGroupGetMemberInfoListResult> {
    const api = 'TIMGroupGetMemberInfoList';
    requireNonEmptyString(api, 'group_get_members_info_list_param_group_id', param.group_get_members_info_list_param_group_id);
    const result = await this.invoke(api, [stringifyTimJson(param)]);
    return this.decodeObject<TimGroupGetMemberInfoListResult>(api, result.json);
  }
}
