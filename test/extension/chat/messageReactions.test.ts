/**
 * The panel's reactions on the host (messageReactions.ts, reactionViews.ts): read 20 messages per call,
 * kept current from TIM's change events (which carry only what changed), toggled by the user. The TIM
 * side is the recording fake endpoint: what goes over the seam is what is checked here; the emulator's
 * reactions are tested in the API suite and through the real extension host.
 */
import assert from 'node:assert/strict';
import { MessageReactions } from '../../../src/extension/chat/messageReactions';
import { isAllowedReaction, mergeReactionChanges, reactionViewsOf } from '../../../src/extension/chat/reactionViews';
import { TimClient } from '../../../src/tim/client';
import { parseTimJson } from '../../../src/tim/json';
import type { TimMessage } from '../../../src/tim/types/message';
import type { TimMessageReaction } from '../../../src/tim/types/messageReaction';
import { FakeEndpoint } from '../../tim/fakeEndpoint';
import { MESSAGE } from '../../tim/samples';

const NAMES = { selfId: 'me', you: 'You' };
const user = (id: string, nick = '') => ({ user_profile_identifier: id, user_profile_nick_name: nick, user_profile_face_url: '' });
const reaction = (id: string, count: number, users: string[], mine?: boolean): TimMessageReaction => ({
  message_reaction_id: id,
  message_reaction_total_user_count: count,
  message_reaction_partial_user_info_array: users.map((u) => user(u, u === 'bob' ? 'Bob Stone' : '')),
  ...(mine === undefined ? {} : { message_reaction_reacted_by_myself: mine }),
});
const message = (id: string): TimMessage => ({ ...MESSAGE, message_msg_id: id });

describe('reaction views', () => {
  it('names users by nickname (the user as "You"), drops empty reactions, and trusts TIM on whether the user reacted', () => {
    assert.deepEqual(reactionViewsOf([reaction('👍', 2, ['me', 'bob'], true), reaction('🎉', 0, []), reaction('', 1, ['bob'])], NAMES), [
      { id: '👍', count: 2, mine: true, users: ['You', 'Bob Stone'] },
    ]);
    // Without TIM's flag, the listed users tell.
    assert.equal(reactionViewsOf([reaction('👍', 1, ['me'])], NAMES)[0]?.mine, true);
    assert.equal(reactionViewsOf([reaction('👍', 1, ['bob'])], NAMES)[0]?.mine, false);
  });

  it('merges a change event: changed reactions in place, new ones last, emptied ones removed', () => {
    const current = reactionViewsOf([reaction('👍', 2, ['me', 'bob'], true), reaction('🎉', 1, ['bob'], false)], NAMES);
    const next = mergeReactionChanges(current, [reaction('👍', 1, ['bob'], false), reaction('🎉', 0, []), reaction('👀', 1, ['carol'], false)], NAMES);
    assert.deepEqual(next, [
      { id: '👍', count: 1, mine: false, users: ['Bob Stone'] },
      { id: '👀', count: 1, mine: false, users: ['carol'] },
    ]);
    // More users than listed and no flag: what was known about the user still holds.
    const many = mergeReactionChanges(current, [reaction('👍', 30, ['a', 'b'])], NAMES);
    assert.equal(many[0]?.mine, true);
  });

  it("allows TIM Chat's reactions and ones already on the message, nothing else", () => {
    const current = reactionViewsOf([reaction('[TUIEmoji_Smile]', 1, ['bob'])], NAMES);
    assert.equal(isAllowedReaction('🚀', []), true);
    assert.equal(isAllowedReaction('🐢', []), true, "the emoji panel's");
    assert.equal(isAllowedReaction('[TUIEmoji_Smile]', current), true, 'joining a reaction another app added');
    for (const bad of ['[TUIEmoji_Smile]', '', 'x'.repeat(101), 42, undefined, '<img src=x>', '🦀', ':turtle:']) {
      assert.equal(isAllowedReaction(bad, []), false, String(bad));
    }
  });
});

describe('MessageReactions', () => {
  function setUp() {
    const endpoint = new FakeEndpoint();
    const client = new TimClient(endpoint);
    const warnings: string[] = [];
    const reactions = new MessageReactions(() => client, () => NAMES, (w) => warnings.push(w));
    return { endpoint, reactions, warnings };
  }
  const errors = { invalid: () => new Error('invalid'), tooManyReactions: () => new Error('too many reactions'), tooManyUsers: () => new Error('too many users'), unavailable: () => new Error('no reactions here') };

  it("reads a page's reactions 20 messages per call, at most 10 users each, and keeps only messages that have some", async () => {
    const { endpoint, reactions } = setUp();
    endpoint.respond('TIMMsgGetMessageReactions', (args) => {
      const asked = parseTimJson(String(args[0])) as TimMessage[];
      const results = asked.map((m) => ({
        message_reaction_result_code: m.message_msg_id === 'm3' ? 7011 : 0,
        message_reaction_result_info: '',
        message_reaction_result_msg_id: m.message_msg_id,
        message_reaction_result_reaction_list: m.message_msg_id === 'm3' || m.message_msg_id === 'm30' ? [reaction('👍', 1, ['bob'], false)] : [],
      }));
      return { code: 0, desc: '', json: JSON.stringify(results) };
    });
    await reactions.load(Array.from({ length: 45 }, (_, i) => message(`m${i}`)));
    const calls = endpoint.calls.filter((c) => c.api === 'TIMMsgGetMessageReactions');
    assert.deepEqual(calls.map((c) => [(parseTimJson(String(c.args[0])) as unknown[]).length, c.args[1]]), [[20, 10], [20, 10], [5, 10]]);
    assert.deepEqual(reactions.of('m30'), [{ id: '👍', count: 1, mine: false, users: ['Bob Stone'] }]);
    assert.equal(reactions.of('m3'), undefined, 'a message TIM could not read keeps what it had');
    assert.equal(reactions.of('m1'), undefined);
  });

  it('logs and carries on when reactions cannot be read', async () => {
    const { endpoint, reactions, warnings } = setUp();
    endpoint.respond('TIMMsgGetMessageReactions', { code: 6014, desc: 'not logged in' });
    await reactions.load([message('m1')]);
    assert.equal(reactions.of('m1'), undefined);
    assert.match(warnings.join('\n'), /not logged in/);
    assert.equal(reactions.available, true, 'a passing failure does not turn reactions off');
  });

  it('turns reactions off, once and quietly, for an app without them (60020, 7013), until the next sign-in', async () => {
    for (const code of [60020, 7013]) {
      const endpoint = new FakeEndpoint();
      const client = new TimClient(endpoint);
      const warnings: string[] = [];
      let told = 0;
      const reactions = new MessageReactions(() => client, () => NAMES, (w) => warnings.push(w), () => told++);
      endpoint.respond('TIMMsgGetMessageReactions', { code, desc: 'service not enabled' });
      await reactions.load(Array.from({ length: 45 }, (_, i) => message(`m${i}`)));
      assert.equal(reactions.available, false);
      assert.equal(told, 1, 'the panel is told once, though three calls failed');
      assert.deepEqual(warnings, [], 'not a problem to log');
      const calls = endpoint.calls.length;
      await reactions.load([message('m1')]);
      await assert.rejects(reactions.toggle(message('m1'), '👍', errors), /no reactions here/);
      assert.equal(endpoint.calls.length, calls, 'nothing more is asked of TIM');
      reactions.reset();
      assert.equal(reactions.available, true);
      endpoint.respond('TIMMsgAddMessageReaction', { code, desc: 'service not enabled' });
      await assert.rejects(reactions.toggle(message('m1'), '👍', errors), /no reactions here/, `an add refused with ${code} says why`);
      assert.equal(told, 2);
    }
  });

  it('applies change events to shown messages only', () => {
    const { reactions } = setUp();
    const changed = reactions.applyChanges([
      { message_reaction_change_info_msg_id: 'shown', message_reaction_change_info_reaction_list: [reaction('🎉', 2, ['me', 'bob'], true)] },
      { message_reaction_change_info_msg_id: 'elsewhere', message_reaction_change_info_reaction_list: [reaction('🎉', 1, ['bob'], false)] },
    ], (id) => id === 'shown');
    assert.deepEqual(changed, ['shown']);
    assert.deepEqual(reactions.of('shown'), [{ id: '🎉', count: 2, mine: true, users: ['You', 'Bob Stone'] }]);
    assert.equal(reactions.of('elsewhere'), undefined);
    reactions.applyChanges([{ message_reaction_change_info_msg_id: 'shown', message_reaction_change_info_reaction_list: [reaction('🎉', 0, [])] }], () => true);
    assert.equal(reactions.of('shown'), undefined, 'the last reaction gone: none left');
  });

  it("adds a reaction the user has not, removes one they have, and reads the message's reactions again", async () => {
    const { endpoint, reactions } = setUp();
    let server: TimMessageReaction[] = [reaction('👍', 1, ['bob'], false)];
    endpoint.respond('TIMMsgGetMessageReactions', () => ({ code: 0, desc: '', json: JSON.stringify([{ message_reaction_result_code: 0, message_reaction_result_info: '', message_reaction_result_msg_id: 'm1', message_reaction_result_reaction_list: server }]) }));
    await reactions.load([message('m1')]);
    server = [reaction('👍', 2, ['bob', 'me'], true)];
    await reactions.toggle(message('m1'), '👍', errors);
    assert.deepEqual(reactions.of('m1')?.map((r) => [r.count, r.mine]), [[2, true]]);
    server = [reaction('👍', 1, ['bob'], false)];
    await reactions.toggle(message('m1'), '👍', errors);
    assert.deepEqual(endpoint.calls.filter((c) => c.api !== 'TIMMsgGetMessageReactions').map((c) => [c.api, c.args[1]]), [
      ['TIMMsgAddMessageReaction', '👍'],
      ['TIMMsgRemoveMessageReaction', '👍'],
    ]);
    assert.deepEqual(reactions.of('m1')?.map((r) => [r.count, r.mine]), [[1, false]]);
  });

  it("reads all of a reaction's users page by page, 100 at a time, until TIM says it is finished", async () => {
    const { endpoint, reactions } = setUp();
    const all = Array.from({ length: 230 }, (_, i) => user(`u${i}`));
    endpoint.respond('TIMMsgGetAllUserListOfMessageReaction', (args) => {
      const [, , nextSeq, count] = args as [string, string, number, number];
      const page = all.slice(nextSeq, nextSeq + count);
      const finished = nextSeq + count >= all.length;
      return { code: 0, desc: '', json: JSON.stringify({ message_reaction_user_result_user_info_array: page, message_reaction_user_result_next_seq: finished ? 0 : nextSeq + count, message_reaction_user_result_is_finished: finished }) };
    });
    const users = await reactions.allUsers(message('m1'), '👍');
    assert.deepEqual(users.map((u) => u.user_profile_identifier), all.map((u) => u.user_profile_identifier));
    assert.deepEqual(endpoint.calls.map((c) => [c.args[1], c.args[2], c.args[3]]), [['👍', 0, 100], ['👍', 100, 100], ['👍', 200, 100]]);
  });

  it("treats TIM's already-reacted and not-reacted as a stale panel, turns the limits into the user's words, and asks nothing for a refused reaction", async () => {
    const { endpoint, reactions } = setUp();
    endpoint.respond('TIMMsgAddMessageReaction', { code: 23007, desc: 'already' });
    await reactions.toggle(message('m1'), '👍', errors);
    assert.ok(endpoint.calls.some((c) => c.api === 'TIMMsgGetMessageReactions'), 'read again after 23007');
    endpoint.respond('TIMMsgAddMessageReaction', { code: 23005, desc: 'count limit' });
    await assert.rejects(reactions.toggle(message('m1'), '🎉', errors), /too many reactions/);
    endpoint.respond('TIMMsgAddMessageReaction', { code: 23006, desc: 'user limit' });
    await assert.rejects(reactions.toggle(message('m1'), '🎉', errors), /too many users/);
    endpoint.respond('TIMMsgAddMessageReaction', { code: 6014, desc: 'not logged in' });
    await assert.rejects(reactions.toggle(message('m1'), '🎉', errors), /not logged in/);
    const before = endpoint.calls.length;
    await assert.rejects(reactions.toggle(message('m1'), '<b>', errors), /invalid/);
    assert.equal(endpoint.calls.length, before, 'nothing reached TIM');
  });
});
