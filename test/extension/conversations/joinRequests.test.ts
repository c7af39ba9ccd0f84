/**
 * Requests to join (joinRequests.ts) over the recording fake endpoint: every page of
 * TIMGroupGetPendencyList read by its next start time, the waiting applications picked out of decided
 * ones and invitations, and a request someone else decided first told apart from a failure.
 */
import * as assert from 'node:assert/strict';
import { findWaitingJoinRequest, handleJoinRequest, readJoinRequests, waitingJoinRequests } from '../../../src/extension/conversations/joinRequests';
import { TimClient } from '../../../src/tim/client';
import { TIMGroupPendencyHandle, TIMGroupPendencyType } from '../../../src/tim/enums';
import { TimError } from '../../../src/tim/errors';
import { parseTimJson } from '../../../src/tim/json';
import type { TimGroupPendency } from '../../../src/tim/types/group';
import { FakeEndpoint } from '../../tim/fakeEndpoint';

function request(from: string, group: string, handled: number = TIMGroupPendencyHandle.NotHandled, type: number = TIMGroupPendencyType.JoinNeedApprovedByAdmin): TimGroupPendency {
  return {
    group_pendency_group_id: group,
    group_pendency_form_identifier: from,
    group_pendency_to_identifier: 'me',
    group_pendency_add_time: 1_700_000_000,
    group_pendency_pendency_type: type as TimGroupPendency['group_pendency_pendency_type'],
    group_pendency_handled: handled as TimGroupPendency['group_pendency_handled'],
    group_pendency_handle_result: 0,
  };
}

/** A client whose pendency list answers `pages` in turn, each with the next page's start time (0 after the last). */
function clientListing(pages: TimGroupPendency[][]): { endpoint: FakeEndpoint; client: TimClient } {
  const endpoint = new FakeEndpoint();
  let page = 0;
  endpoint.respond('TIMGroupGetPendencyList', () => {
    const items = pages[page] ?? [];
    page += 1;
    return {
      code: 0,
      desc: '',
      json: JSON.stringify({
        group_pendency_result_next_start_time: page < pages.length ? 1_700_000_000 - page : 0,
        group_pendency_result_read_time_seq: 0,
        group_pendency_result_unread_num: 0,
        group_pendency_result_pendency_array: items,
      }),
    };
  });
  return { endpoint, client: new TimClient(endpoint) };
}

describe('join requests', () => {
  it('reads every page, each from the start time the previous one gave', async () => {
    const { endpoint, client } = clientListing([[request('bob', 'team')], [request('carol', 'team')], [request('dave', 'ops')]]);
    const { requests: all } = await readJoinRequests(client);
    assert.deepEqual(all.map((r) => r.group_pendency_form_identifier), ['bob', 'carol', 'dave']);
    assert.deepEqual(
      endpoint.calls.map((call) => parseTimJson(String(call.args[0]))),
      [0, 1_699_999_999, 1_699_999_998].map((start) => ({ group_pendency_option_start_time: start, group_pendency_option_max_limited: 50 })),
    );
  });

  it('stops at a server whose next start time does not move', async () => {
    const endpoint = new FakeEndpoint();
    endpoint.respond('TIMGroupGetPendencyList', {
      json: JSON.stringify({ group_pendency_result_next_start_time: 5, group_pendency_result_read_time_seq: 0, group_pendency_result_unread_num: 0, group_pendency_result_pendency_array: [request('bob', 'team')] }),
    });
    assert.equal((await readJoinRequests(new TimClient(endpoint))).requests.length, 2, 'the first page, then one from 5 that gives 5 again');
  });

  it('picks the waiting applications: not decided ones, not invitations, of one group when asked', () => {
    const list = [
      request('bob', 'team'),
      request('carol', 'team', TIMGroupPendencyHandle.OtherHandled),
      request('dave', 'team', TIMGroupPendencyHandle.OperatorHandled),
      request('erin', 'team', TIMGroupPendencyHandle.NotHandled, TIMGroupPendencyType.InviteNeedApprovedByInvitee),
      request('fay', 'ops'),
    ];
    assert.deepEqual(waitingJoinRequests(list).map((r) => r.group_pendency_form_identifier), ['bob', 'fay']);
    assert.deepEqual(waitingJoinRequests(list, 'ops').map((r) => r.group_pendency_form_identifier), ['fay']);
  });

  it("finds one applicant's waiting request afresh", async () => {
    const { client } = clientListing([[request('bob', 'team', TIMGroupPendencyHandle.OtherHandled), request('bob', 'ops')]]);
    assert.equal((await findWaitingJoinRequest(client, 'ops', 'bob'))?.group_pendency_group_id, 'ops');
    assert.equal(await findWaitingJoinRequest(clientListing([[request('bob', 'team', TIMGroupPendencyHandle.OtherHandled)]]).client, 'team', 'bob'), undefined);
  });

  it('decides with the request as listed; one decided first by someone else (10024) is an outcome, other failures throw', async () => {
    const endpoint = new FakeEndpoint();
    const client = new TimClient(endpoint);
    const bobs = request('bob', 'team');
    assert.equal(await handleJoinRequest(client, bobs, true), 'decided');
    assert.deepEqual(parseTimJson(String(endpoint.calls[0]?.args[0])), { group_handle_pendency_param_is_accept: true, group_handle_pendency_param_pendency: bobs });
    endpoint.respond('TIMGroupHandlePendency', { code: 10024, desc: 'already processed' });
    assert.equal(await handleJoinRequest(client, bobs, false), 'alreadyDecided');
    endpoint.respond('TIMGroupHandlePendency', { code: 10007, desc: 'not an admin' });
    await assert.rejects(handleJoinRequest(client, bobs, false), (error: unknown) => error instanceof TimError && error.code === 10007);
  });
});
