/**
 * The Conversations tree's context menu as package.json declares it, evaluated for the context values
 * contextValueOf gives: every receive option but the current one, Mark as Read only with unread
 * messages. The when-clauses are evaluated by a small reader of the forms the manifest uses (VS Code is
 * not running here); a form it does not know fails the test rather than passing unread.
 */
import * as assert from 'node:assert/strict';
import type { ConversationSummary } from '../../../src/extension/conversations/conversationSummary';
import { contextValueOf, RECEIVE_OPTION_COMMANDS } from '../../../src/extension/tree/conversationMenu';
import { TIMConvType, TIMReceiveMessageOpt } from '../../../src/tim/enums';
import { summaryOf } from '../conversations/summaryFixture';
import { holds, manifest } from './manifestMenus';

function contextMenu(summary: ConversationSummary, waitingRequests = 0, blocked = false): string[] {
  return menuEntries(summary, waitingRequests, (group) => !group?.startsWith('inline'), blocked);
}

/** The row's inline buttons. */
function inlineButtons(summary: ConversationSummary, waitingRequests = 0): string[] {
  return menuEntries(summary, waitingRequests, (group) => group?.startsWith('inline') === true);
}

function menuEntries(summary: ConversationSummary, waitingRequests: number, inGroup: (group: string | undefined) => boolean, blocked = false): string[] {
  const viewItem = contextValueOf(summary, waitingRequests, blocked);
  return manifest.contributes.menus['view/item/context']
    .filter((entry) => inGroup(entry.group) && holds(entry.when, { view: 'timChat.conversations', viewItem }))
    .map((entry) => entry.command);
}

function summary(overrides: Partial<ConversationSummary>): ConversationSummary {
  return summaryOf('group_dev', { name: 'Developers', ...overrides });
}

describe('conversation context menu', () => {
  it('offers every receive option but the current one', () => {
    for (const current of RECEIVE_OPTION_COMMANDS) {
      const menu = contextMenu(summary({ receiveOpt: current.opt, muted: current.opt !== TIMReceiveMessageOpt.Receive }));
      const offered = RECEIVE_OPTION_COMMANDS.filter(({ id }) => menu.includes(id)).map(({ opt }) => opt);
      assert.deepEqual(offered.sort(), RECEIVE_OPTION_COMMANDS.map(({ opt }) => opt).filter((opt) => opt !== current.opt).sort(), `current ${current.id}`);
    }
    // A C2C conversation has no @-mentions, so no "only when mentioned".
    const c2c = contextMenu(summary({ key: 'c2c_bob', ref: { id: 'bob', type: TIMConvType.C2C } }));
    assert.ok(!c2c.includes('timChat.notifyOnlyMentions'));
    assert.ok(c2c.includes('timChat.receiveWithoutNotifying') && !c2c.includes('timChat.receiveAndNotify'));
  });

  it('offers Review Join Requests… as a button on a group row only while requests to join wait there', () => {
    assert.ok(inlineButtons(summary({}), 2).includes('timChat.reviewJoinRequests'));
    assert.ok(!inlineButtons(summary({}), 0).includes('timChat.reviewJoinRequests'));
    assert.equal(contextValueOf(summary({}), 0).includes('requests'), false, 'the context value is as before without requests');
    // In the menu either way, for groups only.
    assert.ok(contextMenu(summary({}), 0).includes('timChat.reviewJoinRequests'));
    assert.ok(!contextMenu(summary({ key: 'c2c_bob', ref: { id: 'bob', type: TIMConvType.C2C } })).includes('timChat.reviewJoinRequests'));
  });

  it('offers Block… on a one-to-one chat whose peer is not blocked, Unblock on one whose peer is, and neither on a group', () => {
    const bob = summary({ key: 'c2c_bob', ref: { id: 'bob', type: TIMConvType.C2C } });
    const offered = (menu: string[]) => menu.filter((id) => id === 'timChat.blockUser' || id === 'timChat.unblockUser');
    assert.deepEqual(offered(contextMenu(bob)), ['timChat.blockUser']);
    assert.deepEqual(offered(contextMenu(bob, 0, true)), ['timChat.unblockUser']);
    assert.deepEqual(offered(contextMenu(summary({}), 0, true)), [], 'a group has no peer to block');
    assert.equal(contextValueOf(bob), contextValueOf(bob, 0, false), 'the context value is as before for a peer not blocked');
    assert.doesNotMatch(contextValueOf(summary({}), 0, true), /\bblocked\b/);
  });

  it('offers Go to Mention on a group row, as a button and in the menu, only while unread mentions of the user wait there', () => {
    assert.ok(inlineButtons(summary({ mentioned: true, mentionSeqs: ['7'] })).includes('timChat.goToMention'));
    assert.ok(contextMenu(summary({ mentioned: true, mentionSeqs: ['7'] })).includes('timChat.goToMention'));
    assert.ok(!inlineButtons(summary({})).includes('timChat.goToMention'));
    assert.ok(!contextMenu(summary({})).includes('timChat.goToMention'));
    assert.doesNotMatch(contextValueOf(summary({})), /\bmentioned\b/, 'the context value is as before without mentions');
  });

  it('offers Mark as Read when there is something unread or an unread mark, and Mark as Unread otherwise', () => {
    const offered = (overrides: Partial<ConversationSummary>) => contextMenu(summary(overrides)).filter((id) => id === 'timChat.markAsRead' || id === 'timChat.markAsUnread');
    assert.deepEqual(offered({ unread: 0 }), ['timChat.markAsUnread']);
    assert.deepEqual(offered({ unread: 3 }), ['timChat.markAsRead']);
    assert.deepEqual(offered({ unread: 0, markedUnread: true }), ['timChat.markAsRead']);
  });

  it('offers Add Star to a conversation without a star, and Remove Star to a starred one', () => {
    const offered = (overrides: Partial<ConversationSummary>) => contextMenu(summary(overrides)).filter((id) => id.endsWith('tarConversation'));
    assert.deepEqual(offered({}), ['timChat.starConversation']);
    assert.deepEqual(offered({ starred: true }), ['timChat.unstarConversation']);
  });

  it('offers Leave Group…, Transfer Ownership… and Dismiss Group… for groups only', () => {
    const group = contextMenu(summary({}));
    const c2c = contextMenu(summary({ key: 'c2c_bob', ref: { id: 'bob', type: TIMConvType.C2C } }));
    for (const id of ['timChat.leaveGroup', 'timChat.transferGroupOwnership', 'timChat.dismissGroup']) {
      assert.ok(group.includes(id) && !c2c.includes(id), id);
    }
  });

  it('offers Show Members for groups only', () => {
    assert.ok(contextMenu(summary({})).includes('timChat.showGroupMembers'));
    assert.ok(!contextMenu(summary({ key: 'c2c_bob', ref: { id: 'bob', type: TIMConvType.C2C } })).includes('timChat.showGroupMembers'));
  });

  it('has a context value token for each receive option, which the menus match whole', () => {
    assert.match(contextValueOf(summary({ receiveOpt: TIMReceiveMessageOpt.Not_Notify_Except_At, muted: true })), /\brecv3\b/);
    assert.doesNotMatch(contextValueOf(summary({ receiveOpt: TIMReceiveMessageOpt.Receive })), /\brecv[123]\b/);
  });

  it("offers a group chat's own commands in its panel's title menu, for group chats only", () => {
    const titleMenu = manifest.contributes.menus['editor/title'];
    for (const id of ['timChat.showGroupMembers', 'timChat.showGroupInfo', 'timChat.addGroupMembers', 'timChat.leaveGroup']) {
      const entry = titleMenu.find((e) => e.command === id);
      assert.ok(entry, id);
      assert.match(entry.when, /activeWebviewPanelId == 'timChat\.chat'/, id);
      assert.match(entry.when, /timChat\.activeChatIsGroup/, id);
    }
  });
});
