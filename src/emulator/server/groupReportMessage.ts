/**
 * Group reports (TIMMessageManager.h GroupReportElem): the notices the SDK delivers in the system
 * conversation rather than in a group, here for dismissals (groupDismiss.ts), join requests and their
 * decisions (groupJoin.ts, groupRequests.ts) and a member's mute (groupMute.ts). Each is one system message pushed as a RecvNewMsg event to
 * every logged-in device of its receivers: stored per device like any other event (so it is replayed
 * after a reconnect), but no message of any conversation, so no history, unread count or last message
 * changes.
 */
import { TIMConvType, type TIMGroupReportType } from '../../tim/enums';
import { stringifyTimJson } from '../../tim/json';
import type { GroupRow } from './access';
import type { JsonObject } from './args';
import type { Ctx } from './context';
import { Elem } from './elements';
import { messageIdOf, randomUint32, Status } from './messageModel';

/** The sender of the SDK's system notices (TIMMessageManager.h's group report example). */
const SYSTEM_SENDER = '@TIM#SYSTEM';
/** The tiny id part of a report's message id: no user's, so it never names a user's message. */
const SYSTEM_TINY_ID = '0';

/**
 * A group report of `type` about `group`, by `opUser` with `msg` (group_report_elem_msg), as a system
 * message (Message JSON); `extra` adds the fields of that type (a mute's group_report_elem_shut_up_time).
 */
export function groupReportMessage(ctx: Ctx, type: TIMGroupReportType, group: Pick<GroupRow, 'group_id' | 'name'>, opUser: string, msg: string, extra: JsonObject = {}): JsonObject {
  const now = ctx.emu.serverTime();
  const rand = randomUint32();
  return {
    message_conv_type: TIMConvType.System,
    message_conv_id: '',
    message_sender: SYSTEM_SENDER,
    message_elem_array: [
      {
        elem_type: Elem.GROUP_REPORT,
        group_report_elem_report_type: type,
        group_report_elem_group_id: group.group_id,
        group_report_elem_group_name: group.name,
        group_report_elem_op_user: opUser,
        group_report_elem_msg: msg,
        group_report_elem_user_data: '',
        group_report_elem_platform: '',
        ...extra,
      },
    ],
    message_server_time: now,
    message_client_time: now,
    message_rand: rand,
    message_msg_id: messageIdOf(SYSTEM_TINY_ID, now, rand),
    // Not a message of any conversation: no sequence in one, never unread.
    message_seq: 0,
    message_status: Status.SUCC,
    message_is_from_self: false,
    message_is_read: true,
  };
}

/** Pushes one report to every logged-in device of each of `users` (the same message, one id, everywhere). */
export function pushGroupReport(ctx: Ctx, users: Iterable<string>, report: JsonObject): void {
  const json = stringifyTimJson([report]);
  for (const user of users) {
    ctx.emu.hub.toUser(user, { name: 'RecvNewMsg', json });
  }
}
