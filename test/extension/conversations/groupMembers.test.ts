/**
 * The user's own membership of a group (groupMembers.ts readOwnRole), over the recording fake endpoint:
 * the role when TIM lists the user, "not a member" when it refuses the read (10007) or leaves them out,
 * and any other failure thrown.
 */
import * as assert from 'node:assert/strict';
import { readOwnRole } from '../../../src/extension/conversations/groupMembers';
import { TimClient } from '../../../src/tim/client';
import { TIMGroupMemberRole } from '../../../src/tim/enums';
import { TimError } from '../../../src/tim/errors';
import { parseTimJson } from '../../../src/tim/json';
import { FakeEndpoint } from '../../tim/fakeEndpoint';

function clientAnswering(answer: { code: number; members?: Array<{ id: string; role: number }> }) {
  const endpoint = new FakeEndpoint();
  endpoint.respond('TIMGroupGetMemberInfoList', () => ({
    code: answer.code,
    desc: answer.code === 0 ? '' : 'refused',
    json: answer.code === 0
      ? JSON.stringify({ group_get_member_info_list_result_next_seq: 0, group_get_member_info_list_result_info_array: (answer.members ?? []).map((m) => ({ group_member_info_identifier: m.id, group_member_info_member_role: m.role })) })
      : '',
  }));
  return { endpoint, client: new TimClient(endpoint) };
}

describe('readOwnRole', () => {
  it("asks for the user's own member info only, and reads the role", async () => {
    const { endpoint, client } = clientAnswering({ code: 0, members: [{ id: 'me', role: TIMGroupMemberRole.Admin }] });
    assert.equal(await readOwnRole(client, 'team', 'me'), TIMGroupMemberRole.Admin);
    assert.deepEqual(parseTimJson(String(endpoint.calls[0]?.args[0])), { group_get_members_info_list_param_group_id: 'team', group_get_members_info_list_param_identifier_array: ['me'] });
  });

  it('says "not a member" when TIM refuses the read (10007) or does not list the user', async () => {
    assert.equal(await readOwnRole(clientAnswering({ code: 10007 }).client, 'team', 'me'), undefined);
    assert.equal(await readOwnRole(clientAnswering({ code: 0, members: [{ id: 'bob', role: TIMGroupMemberRole.Owner }] }).client, 'team', 'me'), undefined);
  });

  it('throws any other failure (the group is gone: 10010; offline)', async () => {
    await assert.rejects(readOwnRole(clientAnswering({ code: 10010 }).client, 'team', 'me'), (error: unknown) => error instanceof TimError && error.code === 10010);
  });
});
