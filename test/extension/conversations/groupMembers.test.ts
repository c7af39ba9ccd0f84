/**
 * The user's own membership of a group (groupMembers.ts readOwnRole), over the recording fake endpoint:
 * the role when TIM lists the user, "not a member" when it refuses the read (10007) or leaves them out,
 * and any other failure thrown.
 */
import * as assert from 'node:assert/strict';
import { isMuted, mutableBy, readGroupMembers, readOwnMembership, readOwnRole } from '../../../src/extension/conversations/groupMembers';
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

describe('muting members (mutableBy, isMuted, readGroupMembers)', () => {
  const member = (userId: string, role: number, mutedUntil = 0) => ({ userId, name: userId, role, mutedUntil });
  const members = [member('owner', TIMGroupMemberRole.Owner), member('admin', TIMGroupMemberRole.Admin), member('admin2', TIMGroupMemberRole.Admin), member('bob', TIMGroupMemberRole.Normal), member('carol', TIMGroupMemberRole.Normal)];
  const ids = (list: ReadonlyArray<{ userId: string }>) => list.map((m) => m.userId);

  it('lets the owner mute everyone else, an admin the normal members, and anyone else nobody', () => {
    assert.deepEqual(ids(mutableBy(TIMGroupMemberRole.Owner, 'owner', members)), ['admin', 'admin2', 'bob', 'carol']);
    assert.deepEqual(ids(mutableBy(TIMGroupMemberRole.Admin, 'admin', members)), ['bob', 'carol']);
    assert.deepEqual(ids(mutableBy(TIMGroupMemberRole.Normal, 'bob', members)), []);
    assert.deepEqual(ids(mutableBy(0, 'stranger', members)), []);
  });

  it('counts a mute only until its end', () => {
    assert.equal(isMuted(member('bob', TIMGroupMemberRole.Normal, 1000), 999), true);
    assert.equal(isMuted(member('bob', TIMGroupMemberRole.Normal, 1000), 1000), false);
    assert.equal(isMuted(member('bob', TIMGroupMemberRole.Normal, 0), 0.5), false);
  });

  it("reads the user's own mute with their role (readOwnMembership)", async () => {
    const endpoint = new FakeEndpoint();
    endpoint.respond('TIMGroupGetMemberInfoList', () => ({
      code: 0,
      desc: '',
      json: JSON.stringify({ group_get_member_info_list_result_next_seq: 0, group_get_member_info_list_result_info_array: [{ group_member_info_identifier: 'me', group_member_info_member_role: 200, group_member_info_shutup_time: 1800000000 }] }),
    }));
    assert.deepEqual(await readOwnMembership(new TimClient(endpoint), 'team', 'me'), { role: 200, mutedUntil: 1800000000 });
    assert.equal(await readOwnMembership(clientAnswering({ code: 10007 }).client, 'team', 'me'), undefined);
  });

  it('reads until when each member is muted (0 when TIM says nothing)', async () => {
    const endpoint = new FakeEndpoint();
    endpoint.respond('TIMGroupGetMemberInfoList', () => ({
      code: 0,
      desc: '',
      json: JSON.stringify({
        group_get_member_info_list_result_next_seq: 0,
        group_get_member_info_list_result_info_array: [
          { group_member_info_identifier: 'bob', group_member_info_member_role: 200, group_member_info_shutup_time: 1800000000 },
          { group_member_info_identifier: 'carol', group_member_info_member_role: 200 },
        ],
      }),
    }));
    const read = await readGroupMembers(new TimClient(endpoint), 'team');
    assert.deepEqual(read.map((m) => [m.userId, m.mutedUntil]), [['bob', 1800000000], ['carol', 0]]);
  });
});
