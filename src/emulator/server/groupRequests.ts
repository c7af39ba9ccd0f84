/**
 * Join requests ("pendencies", TIMGroupManager.h 8.1-8.3 and 13.1-13.4), made by TIMGroupJoin on a group
 * that needs approval (groupJoin.ts):
 * - TIMGroupGetPendencyList: the requests of the groups the caller owns or administers now, undecided
 *   and decided, newest first, paged by time ("只有审批人有权限拉取相关未决信息").
 * - TIMGroupHandlePendency: an owner or admin accepts (the applicant joins as by a free join) or refuses
 *   one undecided request; the applicant gets an AddAccept or AddRefuse group report.
 * - TIMGroupReportPendencyReaded: the caller's read time, which the list's unread count is counted from.
 * Only applications to join (pendency type 0) exist: invitations that need consent are not emulated.
 */
import { TIMGroupPendencyHandle, TIMGroupPendencyHandleResult, TIMGroupPendencyType, TIMGroupReportType } from '../../tim/enums';
import { stringifyTimJson } from '../../tim/json';
import type { Database as Db } from 'better-sqlite3';
import { ApiError, Err, invalidParam, syncParamError } from './apiError';
import { type JsonObject, optBool, optNumber, optObject, optString, optUint64 } from './args';
import { type Handler, requireLogin } from './context';
import { admitApplicant } from './groupJoin';
import {
  type ApproverRequestRow,
  type GroupRequestRow,
  approverPage,
  decideRequest,
  readTimeOf,
  requestById,
  requestOf,
  setReadTime,
  unreadRequests,
} from './groupRequestStore';
import { groupReportMessage, pushGroupReport } from './groupReportMessage';
import { Role } from './groups';
import { memberCount } from './groupTips';

/** group_pendency_option_max_limited 0 or absent reads this many; more than MAX_PAGE reads MAX_PAGE ("a suggestion"). */
const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;

/** A uint64 as the JSON answer carries it: a number while exact, else a bigint. */
function uint64Value(value: bigint): number | bigint {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** A request as `viewer` (an owner or admin of its group) sees it: GroupPendency. */
function pendencyOf(row: ApproverRequestRow, viewer: string): JsonObject {
  let handled: number = TIMGroupPendencyHandle.NotHandled;
  if (row.decided_by !== null) {
    handled = row.decided_by === viewer ? TIMGroupPendencyHandle.OperatorHandled : TIMGroupPendencyHandle.OtherHandled;
  }
  return {
    group_pendency_group_id: row.group_id,
    group_pendency_form_identifier: row.applicant,
    group_pendency_from_nick_name: row.nick ?? '',
    group_pendency_from_face_url: row.face_url ?? '',
    group_pendency_to_identifier: viewer,
    group_pendency_add_time: row.add_time,
    group_pendency_pendency_type: TIMGroupPendencyType.JoinNeedApprovedByAdmin,
    group_pendency_handled: handled,
    group_pendency_handle_result: row.accepted === 1 ? TIMGroupPendencyHandleResult.Accept : TIMGroupPendencyHandleResult.Refuse,
    group_pendency_apply_invite_msg: row.msg,
    group_pendency_form_user_defined_data: '',
    group_pendency_approval_msg: row.decision_msg,
    group_pendency_to_user_defined_data: '',
    group_pendency_key: String(row.id),
    group_pendency_authentication: '',
    group_pendency_self_identifier: viewer,
  };
}

const getPendencyList: Handler = async (ctx, args) => {
  const option = args.jsonObject(0, true) ?? {};
  const { userId } = requireLogin(ctx);
  const start = optUint64(option, 'group_pendency_option_start_time') ?? 0n;
  const asked = optNumber(option, 'group_pendency_option_max_limited') ?? 0;
  if (!Number.isInteger(asked) || asked < 0) {
    throw invalidParam('group_pendency_option_max_limited must be a count (0: the default)');
  }
  const limit = asked === 0 ? DEFAULT_PAGE : Math.min(asked, MAX_PAGE);
  // Request times are server seconds, far below 2^53: 0 (the first page) and anything larger read from the newest.
  const before = start === 0n || start > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(start);
  const result = await ctx.emu.queue.enqueue(() => {
    const db = ctx.emu.db;
    const { rows, more } = approverPage(db, userId, before, limit);
    const readTime = readTimeOf(db, userId);
    return {
      group_pendency_result_next_start_time: more ? (rows.at(-1)?.add_time ?? 0) : 0,
      group_pendency_result_read_time_seq: uint64Value(readTime),
      group_pendency_result_unread_num: unreadRequests(db, userId, readTime),
      group_pendency_result_pendency_array: rows.map((row) => pendencyOf(row, userId)),
    };
  });
  return { json: stringifyTimJson(result) };
};

/** A required id of the request (the typed client checks them too): empty or missing is the C function's -4. */
function requireId(pendency: JsonObject, key: string): string {
  const id = optString(pendency, key) ?? '';
  if (id.length === 0) {
    throw syncParamError(`group_handle_pendency_param_pendency needs ${key}`);
  }
  return id;
}

/**
 * The request a decision names: by its key (group_pendency_key, the row id) when that names a request
 * of this group and applicant; else the applicant's undecided request to the group, else their latest.
 */
function requestToDecide(db: Db, groupId: string, applicant: string, key: string | undefined): GroupRequestRow | undefined {
  if (key !== undefined && /^[1-9]\d{0,14}$/.test(key)) {
    const byKey = requestById(db, Number(key));
    if (byKey !== undefined && byKey.group_id === groupId && byKey.applicant === applicant) {
      return byKey;
    }
  }
  return requestOf(db, groupId, applicant);
}

/**
 * TIMGroupHandlePendency: the caller must own or administer the group now (10007; no such group 10010).
 * No such request: 10004; already decided: 10024. Accepting into a full group: 10014, and the request
 * stays undecided. An applicant who became a member meanwhile stays as they are; anyone else joins as a
 * normal member with the Invite tip of a free join. Either way the applicant's devices get an AddAccept
 * or AddRefuse group report with the decider and their message.
 */
const handlePendency: Handler = async (ctx, args) => {
  const param = args.jsonObject(0, true) ?? {};
  const { userId } = requireLogin(ctx);
  const pendency = optObject(param, 'group_handle_pendency_param_pendency') ?? {};
  const groupId = requireId(pendency, 'group_pendency_group_id');
  const applicant = requireId(pendency, 'group_pendency_form_identifier');
  const key = optString(pendency, 'group_pendency_key');
  const accept = optBool(param, 'group_handle_pendency_param_is_accept') ?? false;
  const handleMsg = optString(param, 'group_handle_pendency_param_handle_msg') ?? '';
  await ctx.emu.queue.enqueue(() => {
    const { access, db } = ctx.emu;
    const group = access.groupRow(groupId);
    if (group === undefined) {
      throw new ApiError(Err.GROUP_NOT_FOUND, `group ${groupId} does not exist`);
    }
    const role = access.memberRow(groupId, userId)?.role;
    if (role !== Role.OWNER && role !== Role.ADMIN) {
      throw new ApiError(Err.GROUP_PERMISSION_DENY, `only the owner and admins of group ${groupId} decide its join requests`);
    }
    const request = requestToDecide(db, groupId, applicant, key);
    if (request === undefined) {
      throw new ApiError(Err.GROUP_INVALID_PARAMETERS, `${applicant} has no request to join group ${groupId}`);
    }
    if (request.decided_by !== null) {
      throw new ApiError(Err.GROUP_REQ_ALREADY_PROCESSED, `the request was already ${request.accepted === 1 ? 'accepted' : 'refused'} by ${request.decided_by}`);
    }
    const isMember = access.memberRow(groupId, applicant) !== undefined;
    if (accept && !isMember && memberCount(ctx, groupId) >= group.max_members) {
      throw new ApiError(Err.GROUP_FULL, 'the group is full');
    }
    decideRequest(db, request.id, userId, accept, handleMsg, ctx.emu.serverTime());
    if (accept && !isMember) {
      admitApplicant(ctx, groupId, applicant);
    }
    const type = accept ? TIMGroupReportType.AddAccept : TIMGroupReportType.AddRefuse;
    pushGroupReport(ctx, [applicant], groupReportMessage(ctx, type, group, userId, handleMsg));
  });
  return {};
};

/** TIMGroupReportPendencyReaded(time_stamp): the caller's read time (seconds), kept as given. */
const reportPendencyReaded: Handler = async (ctx, args) => {
  const readTime = args.uint64(0);
  const { userId } = requireLogin(ctx);
  await ctx.emu.queue.enqueue(() => setReadTime(ctx.emu.db, userId, readTime));
  return {};
};

export const groupRequestHandlers: Record<string, Handler> = {
  TIMGroupGetPendencyList: getPendencyList,
  TIMGroupHandlePendency: handlePendency,
  TIMGroupReportPendencyReaded: reportPendencyReaded,
};
