/**
 * Group reports (GroupReportElem): TIM's system notices about a group, pushed as messages of the system
 * conversation (kTIMConv_System, no conversation id, sender "@TIM#SYSTEM") rather than into the group's
 * history. TIM Chat reads a group's dismissal (kTIMGroupReport_Delete) and the requests to join it: one
 * arriving for its approvers (AddRequest), and the decision for the applicant (AddAccept, AddRefuse); and
 * that the user was muted or unmuted in a group (ShutUpMember).
 */
import { TIMConvType, TIMElemType, TIMGroupReportType } from '../../tim/enums';
import type { TimMessage } from '../../tim/types/message';

export interface GroupReport {
  readonly type: TIMGroupReportType;
  readonly groupId: string;
  /** The group's name as the report gives it ('' when it gives none). */
  readonly groupName: string;
  /** Who did it: the dismisser, the applicant (AddRequest), the approver (AddAccept, AddRefuse); '' when the report does not say. */
  readonly opUser: string;
  /** The applicant's or the approver's words ('' when none). */
  readonly msg: string;
  /** ShutUpMember: for how many seconds the user was muted (0: unmuted). */
  readonly shutUpTime: number;
}

export type GroupDismissal = GroupReport;

/** The message is a system notice (of no conversation): never a chat message, nor one to notify about as such. */
export function isSystemMessage(message: TimMessage): boolean {
  return message.message_conv_type === TIMConvType.System;
}

/** The group report a system message carries, if any (of a named group). */
export function groupReportOf(message: TimMessage): GroupReport | undefined {
  if (!isSystemMessage(message)) {
    return undefined;
  }
  for (const elem of message.message_elem_array ?? []) {
    if (elem.elem_type === TIMElemType.GroupReport && elem.group_report_elem_group_id) {
      return {
        type: elem.group_report_elem_report_type ?? TIMGroupReportType.None,
        groupId: elem.group_report_elem_group_id,
        groupName: elem.group_report_elem_group_name ?? '',
        opUser: elem.group_report_elem_op_user ?? '',
        msg: elem.group_report_elem_msg ?? '',
        shutUpTime: Number(elem.group_report_elem_shut_up_time ?? 0),
      };
    }
  }
  return undefined;
}

/** The dismissal a message reports, if it is the group report of one. */
export function groupDismissalOf(message: TimMessage): GroupDismissal | undefined {
  const report = groupReportOf(message);
  return report?.type === TIMGroupReportType.Delete ? report : undefined;
}
