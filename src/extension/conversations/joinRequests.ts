/**
 * Requests to join a group that needs approval (TIMGroupJoin on a group whose add option is Auth): TIM
 * keeps each as a "pendency" that the group's owner and admins read (TIMGroupGetPendencyList) and decide
 * once (TIMGroupHandlePendency). This reads the requests waiting for the user and decides one (the
 * words for the user are joinRequestCommands.ts's).
 */
import type { TimClient } from '../../tim/client';
import { TIMGroupPendencyHandle, TIMGroupPendencyType } from '../../tim/enums';
import { TimErrorCode } from '../../tim/errorCodes';
import { TimError } from '../../tim/errors';
import type { TimGroupPendency } from '../../tim/types/group';

/** Requests read per page (a suggestion: the server may answer more or fewer). */
const PAGE = 50;
/** Pages read at most: a bound on a server whose next start time never reaches 0. */
const MAX_PAGES = 40;

export interface JoinRequestList {
  /** Every request the user decides, decided ones included, newest first as TIM lists them. */
  readonly requests: readonly TimGroupPendency[];
  /** TIM's count of undecided requests newer than the user last reviewed them (TIMGroupReportPendencyReaded). */
  readonly unread: number;
}

/** Reads every page of the requests the user decides. */
export async function readJoinRequests(client: TimClient): Promise<JoinRequestList> {
  const all: TimGroupPendency[] = [];
  let unread = 0;
  let start: bigint | number = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await client.groupGetPendencyList({ group_pendency_option_start_time: start, group_pendency_option_max_limited: PAGE });
    all.push(...result.group_pendency_result_pendency_array);
    if (page === 0) {
      unread = result.group_pendency_result_unread_num;
    }
    const next = result.group_pendency_result_next_start_time;
    if (next === undefined || BigInt(next) === 0n || BigInt(next) === BigInt(start)) {
      break;
    }
    start = next;
  }
  return { requests: all, unread };
}

/** The applications to join that nobody has decided yet (invitations are the invitee's, not shown here). */
export function waitingJoinRequests(list: readonly TimGroupPendency[], groupId?: string): TimGroupPendency[] {
  return list.filter(
    (request) =>
      request.group_pendency_pendency_type === TIMGroupPendencyType.JoinNeedApprovedByAdmin &&
      request.group_pendency_handled === TIMGroupPendencyHandle.NotHandled &&
      (groupId === undefined || request.group_pendency_group_id === groupId),
  );
}

/** The applicant's name as the request gives it: their nickname, else their user id. */
export function applicantName(request: TimGroupPendency): string {
  return request.group_pendency_from_nick_name || request.group_pendency_form_identifier;
}

/**
 * Accepts or declines one request: 'decided', or 'alreadyDecided' when someone else decided it first
 * (TIM's 10024, an outcome to tell rather than a failure).
 */
export async function handleJoinRequest(client: TimClient, request: TimGroupPendency, accept: boolean): Promise<'decided' | 'alreadyDecided'> {
  try {
    await client.groupHandlePendency({ group_handle_pendency_param_is_accept: accept, group_handle_pendency_param_pendency: request });
    return 'decided';
  } catch (error: unknown) {
    if (error instanceof TimError && error.code === TimErrorCode.ERR_SVR_GROUP_REQ_ALLREADY_BEEN_PROCESSED) {
      return 'alreadyDecided';
    }
    throw error;
  }
}

/** The waiting request of `applicant` to join `groupId`, read afresh (a notification's may be stale). */
export async function findWaitingJoinRequest(client: TimClient, groupId: string, applicant: string): Promise<TimGroupPendency | undefined> {
  return waitingJoinRequests((await readJoinRequests(client)).requests, groupId).find((request) => request.group_pendency_form_identifier === applicant);
}

