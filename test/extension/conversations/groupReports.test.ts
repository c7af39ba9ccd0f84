/**
 * Group reports (groupReports.ts): TIM's system notices, of which TIM Chat reads a group's dismissal, the
 * requests to join it, and the user being muted in it.
 * The message shape is the SDK header's example of a group system notice (TIMMessageManager.h).
 */
import * as assert from 'node:assert/strict';
import { groupDismissalOf, groupReportOf, isSystemMessage } from '../../../src/extension/conversations/groupReports';
import { TIMConvType, TIMElemType, TIMGroupReportType } from '../../../src/tim/enums';
import type { TimMessage } from '../../../src/tim/types/message';
import { MESSAGE } from '../../tim/samples';

function report(reportType: number, overrides: Partial<TimMessage> = {}): TimMessage {
  return {
    ...MESSAGE,
    message_conv_id: '',
    message_conv_type: TIMConvType.System,
    message_sender: '@TIM#SYSTEM',
    message_elem_array: [{ elem_type: TIMElemType.GroupReport, group_report_elem_report_type: reportType, group_report_elem_group_id: 'team', group_report_elem_group_name: 'Team', group_report_elem_op_user: 'bob' }],
    ...overrides,
  } as TimMessage;
}

describe('group reports', () => {
  it('reads a dismissal (kTIMGroupReport_Delete) from a system notice: the group, its name and who did it', () => {
    assert.deepEqual(groupDismissalOf(report(TIMGroupReportType.Delete)), { type: TIMGroupReportType.Delete, groupId: 'team', groupName: 'Team', opUser: 'bob', msg: '', shutUpTime: 0 });
    assert.equal(isSystemMessage(report(TIMGroupReportType.Delete)), true);
  });

  it('reads nothing else: other reports, a report outside the system conversation, a chat message', () => {
    assert.equal(groupDismissalOf(report(TIMGroupReportType.BeKicked)), undefined);
    assert.equal(groupDismissalOf(report(TIMGroupReportType.Delete, { message_conv_type: TIMConvType.Group, message_conv_id: 'team' })), undefined);
    assert.equal(groupDismissalOf(MESSAGE), undefined);
    assert.equal(isSystemMessage(MESSAGE), false);
  });

  it('reads any report of a named group with its words (a request to join, a decision), and none without a group', () => {
    const request = report(TIMGroupReportType.AddRequest);
    (request.message_elem_array[0] as { group_report_elem_msg?: string }).group_report_elem_msg = 'I maintain the parser';
    assert.deepEqual(groupReportOf(request), { type: TIMGroupReportType.AddRequest, groupId: 'team', groupName: 'Team', opUser: 'bob', msg: 'I maintain the parser', shutUpTime: 0 });
    assert.equal(groupReportOf(report(TIMGroupReportType.AddAccept))?.type, TIMGroupReportType.AddAccept);
    const nameless = report(TIMGroupReportType.AddRefuse, { message_elem_array: [{ elem_type: TIMElemType.GroupReport, group_report_elem_report_type: TIMGroupReportType.AddRefuse, group_report_elem_group_id: '' }] } as Partial<TimMessage>);
    assert.equal(groupReportOf(nameless), undefined);
    assert.equal(groupReportOf(MESSAGE), undefined);
  });

  it('reads for how long the user was muted (ShutUpMember; 0: unmuted)', () => {
    const muted = report(TIMGroupReportType.ShutUpMember);
    (muted.message_elem_array[0] as { group_report_elem_shut_up_time?: number }).group_report_elem_shut_up_time = 600;
    assert.deepEqual(groupReportOf(muted), { type: TIMGroupReportType.ShutUpMember, groupId: 'team', groupName: 'Team', opUser: 'bob', msg: '', shutUpTime: 600 });
    assert.equal(groupReportOf(report(TIMGroupReportType.ShutUpMember))?.shutUpTime, 0);
  });
});
