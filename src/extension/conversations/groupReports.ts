/**
 * Group reports (GroupReportElem): TIM's system notices about a group, pushed as messages of the system
 * conversation (kTIMConv_System, no conversation id, sender "@TIM#SYSTEM") rather than into the group's
 * history. TIM Chat reads one of them: the group was dismissed (kTIMGroupReport_Delete).
 */
import { TIMConvType, TIMElemType, TIMGroupReportType } from '../../tim/enums';
import type { TimMessage } from '../../tim/types/message';

export interface GroupDismissal {
  readonly groupId: string;
  /** The group's name as the report gives it ('' when it gives none). */
  readonly groupName: string;
  /** Who dismissed it ('' when the report does not say). */
  readonly opUser: string;
}

/** The message is a system notice (of no conversation): never a chat message, nor one to notify about as such. */
export function isSystemMessage(message: TimMessage): boolean {
  return message.message_conv_type === TIMConvType.System;
}

/** The dismissal a message reports, if it is the group report of one. */
export function groupDismissalOf(message: TimMessage): GroupDismissal | undefined {
  if (!isSystemMessage(message)) {
    return undefined;
  }
  for (const elem of message.message_elem_array ?? []) {
    if (elem.elem_type === TIMElemType.GroupReport && elem.group_report_elem_report_type === TIMGroupReportType.Delete && elem.group_report_elem_group_id) {
      return { groupId: elem.group_report_elem_group_id, groupName: elem.group_report_elem_group_name ?? '', opUser: elem.group_report_elem_op_user ?? '' };
    }
  }
  return undefined;
}
