/**
 * A group's members as the extension shows them (the @-mention list, Show Members…): read with
 * TIMGroupGetMemberInfoList page by page, each with the name to show (group name card, else
 * nickname, else user id), role, and until when they are muted.
 */
import type { TimClient } from '../../tim/client';
import { TIMGroupMemberRole } from '../../tim/enums';
import { TimErrorCode } from '../../tim/errorCodes';
import { TimError } from '../../tim/errors';
import type { Uint64 } from '../../tim/json';
import type { TimGroupMemberInfo } from '../../tim/types/groupMember';

/** Member pages read at most (TIM returns up to 100 a page): a huge group shows its first members. */
export const MAX_MEMBER_PAGES = 50;

export interface GroupMember {
  readonly userId: string;
  readonly name: string;
  /** TIMGroupMemberRole: 200 member, 300 admin, 400 owner (0 when TIM did not say). */
  readonly role: number;  /** Until when they are muted in the group (seconds since the epoch); 0 when they are not. */
  readonly mutedUntil: number;
}

/** Whether `member` is muted at `nowSeconds` (a mute whose end has passed is over). */
export function isMuted(member: GroupMember, nowSeconds = Date.now() / 1000): boolean {
  return member.mutedUntil > nowSeconds;
}

/**
 * Whom a member of `role` may mute (TIM's rule, which it enforces): the owner everyone else, an admin
 * the normal members, anyone else nobody.
 */
export function mutableBy(role: number, self: string, members: readonly GroupMember[]): GroupMember[] {
  if (role === TIMGroupMemberRole.Owner) {
    return members.filter((m) => m.userId !== self);
  }
  if (role === TIMGroupMemberRole.Admin) {
    return members.filter((m) => m.userId !== self && m.role !== TIMGroupMemberRole.Admin && m.role !== TIMGroupMemberRole.Owner);
  }
  return [];
}

export function memberDisplayName(member: TimGroupMemberInfo): string {
  return member.group_member_info_name_card || member.group_member_info_nick_name || member.group_member_info_identifier;
}

export async function readGroupMembers(client: TimClient, groupId: string): Promise<GroupMember[]> {
  const members: GroupMember[] = [];
  let nextSeq: Uint64 = 0;
  for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
    const result = await client.groupGetMemberInfoList({
      group_get_members_info_list_param_group_id: groupId,
      group_get_members_info_list_param_next_seq: nextSeq,
    });
    for (const member of result.group_get_member_info_list_result_info_array) {
      members.push({
        userId: member.group_member_info_identifier,
        name: memberDisplayName(member),
        role: Number(member.group_member_info_member_role ?? 0),
        mutedUntil: Number(member.group_member_info_shutup_time ?? 0),
      });
    }
    nextSeq = result.group_get_member_info_list_result_next_seq;
    if (BigInt(nextSeq) === 0n) {
      break;
    }
  }
  return members;
}

/** The user's own membership of a group: their role, and until when they are muted (0: not). */
export interface OwnMembership {
  /** TIMGroupMemberRole. */
  readonly role: number;
  /** Seconds since the epoch; 0 when TIM says they are not muted. */
  readonly mutedUntil: number;
}

/**
 * The user's own membership of a group, or undefined when they are not a member (TIM refuses a
 * non-member's read, 10007, or leaves them out). Other failures are thrown.
 */
export async function readOwnMembership(client: TimClient, groupId: string, selfId: string): Promise<OwnMembership | undefined> {
  try {
    const result = await client.groupGetMemberInfoList({
      group_get_members_info_list_param_group_id: groupId,
      group_get_members_info_list_param_identifier_array: [selfId],
    });
    const me = result.group_get_member_info_list_result_info_array.find((m) => m.group_member_info_identifier === selfId);
    return me === undefined ? undefined : { role: Number(me.group_member_info_member_role ?? 0), mutedUntil: Number(me.group_member_info_shutup_time ?? 0) };
  } catch (error: unknown) {
    if (error instanceof TimError && error.code === TimErrorCode.ERR_SVR_GROUP_PERMISSION_DENY) {
      return undefined;
    }
    throw error;
  }
}

/** The user's own role in a group (TIMGroupMemberRole), or undefined when they are not a member (see readOwnMembership). */
export async function readOwnRole(client: TimClient, groupId: string, selfId: string): Promise<number | undefined> {
  return (await readOwnMembership(client, groupId, selfId))?.role;
}
