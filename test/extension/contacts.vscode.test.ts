/**
 * Contacts (TIM's friends) in the real extension host, on a real tim-emulator process: the Contacts
 * view, its badge, Add Contact… (a request, or a contact at once), answering requests from the
 * notification and the rows, Rename Contact…, Remove Contact…, withdrawing a request, Who Can Add Me…,
 * and TIM's refusals in words. The other people are TimClients of their own (test/harness/timUser.ts),
 * so every change is also checked on their side. Dialogs are scripted (test/harness/scriptedDialogs.ts).
 */
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ContactNode } from '../../src/extension/contacts/contactModel';
import type { TimChatApi } from '../../src/extension/extension';
import { profileDetail } from '../../src/extension/commands/showProfile';
import { TIMFriendPendencyType, TIMFriendResponseAction, TIMFriendType, TIMProfileAddPermission } from '../../src/tim/enums';
import { TimErrorCode } from '../../src/tim/errorCodes';
import type { TimEventPayloads } from '../../src/tim/events';
import { startEmulatorProcess, type EmulatorProcess } from '../harness/emulatorProcess';
import { recordDialogs } from '../harness/scriptedDialogs';
import { eventually, signInUser, type TimUser } from '../harness/timUser';

function api(): TimChatApi {
  const extension = vscode.extensions.getExtension<TimChatApi>('timchat.tim-chat');
  assert.ok(extension?.isActive, 'the extension is active');
  return extension.exports;
}

const book = () => api().contactBook;

/** The Contacts view's rows: its sections, then each section's rows, as VS Code asks for them. */
function rows(): { sections: string[]; requests: ContactNode[]; contacts: ContactNode[] } {
  const tree = api().contactsTree;
  const sections = tree.getChildren();
  const of = (section: string): ContactNode[] => {
    const node = sections.find((s) => s.kind === 'section' && s.section === section);
    return node ? tree.getChildren(node) : [];
  };
  return { sections: sections.map((s) => (s.kind === 'section' ? s.section : s.kind)), requests: of('requests'), contacts: of('contacts') };
}

function treeItem(node: ContactNode): vscode.TreeItem {
  return api().contactsTree.getTreeItem(node);
}

/** Every payload of one event a TimUser gets from now on. */
function collect<Name extends keyof TimEventPayloads>(user: TimUser, name: Name): Array<TimEventPayloads[Name]> {
  const seen: Array<TimEventPayloads[Name]> = [];
  user.client.onEvent(name, ((payload: TimEventPayloads[Name]) => seen.push(payload)) as never);
  return seen;
}

describe('contacts on the emulator', function () {
  this.timeout(60_000);
  let emulator: EmulatorProcess;
  const others: Record<string, TimUser> = {};

  before(async () => {
    await vscode.commands.executeCommand('timChat.contacts.focus');
    await eventually(() => vscode.extensions.getExtension('timchat.tim-chat')?.isActive, 20_000, 'activation');
    emulator = await startEmulatorProcess(fs.mkdtempSync(path.join(os.tmpdir(), 'timchat-emu-')));
    process.env.TIMCHAT_EMULATOR_DATA = emulator.dataDir;
    for (const id of ['bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'hank', 'ivan']) {
      others[id] = await signInUser(emulator, id);
    }
  });

  after(async () => {
    // The chats Message Contact and New Conversation opened: later suites expect none open.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api().session.signOut();
    for (const user of Object.values(others)) {
      await user.close();
    }
    await emulator?.stop();
  });

  it('signs in as alice: no contacts and no requests, so the view shows its welcome', async () => {
    await api().signIn.signInToOwnEmulator('alice', emulator.url);
    assert.equal(api().session.state.kind, 'signedIn');
    assert.deepEqual(rows().sections, []);
    assert.equal(api().contactsView.badge, undefined);
  });

  it('Add Contact… sends bob a request with its message; it waits under Requests until bob accepts, then he is a contact on both sides', async () => {
    const bob = others.bob!;
    const asked = collect(bob, 'FriendAddRequest');
    const added = collect(bob, 'OnAddFriend');
    const { result, asked: dialogs } = await recordDialogs({ inputs: ['Hi Bob, it is Alice'] }, () => vscode.commands.executeCommand('timChat.addContact', { userId: 'bob' }));
    assert.equal(result, 'requested');
    assert.deepEqual(dialogs.infos, ['Asked bob to add you as a contact. They join your contacts once they accept.']);
    // The message is checked as TIM counts it: 120 bytes of UTF-8.
    assert.equal(dialogs.inputBoxes[0]?.validateInput?.('好'.repeat(41)), 'At most 120 bytes');
    assert.equal(dialogs.inputBoxes[0]?.validateInput?.('好'.repeat(40)), undefined);
    await eventually(() => asked.length > 0, 5000, "bob's request event");
    assert.equal(asked[0]?.[0]?.friend_add_pendency_identifier, 'alice');
    assert.equal(asked[0]?.[0]?.friend_add_pendency_add_wording, 'Hi Bob, it is Alice');
    const view = rows();
    assert.deepEqual(view.sections, ['requests', 'contacts']);
    assert.equal(view.requests.length, 1);
    const row = treeItem(view.requests[0]!);
    assert.equal(row.label, 'bob');
    assert.equal(row.description, 'Request sent');
    assert.equal(row.contextValue, 'request outgoing');
    assert.equal(api().contactsView.badge, undefined, 'only requests to the user count');

    const answer = await bob.client.friendshipHandleFriendAddRequest({ friend_response_identifier: 'alice', friend_response_action: TIMFriendResponseAction.AgreeAndAdd });
    assert.equal(answer.friend_result_code, 0);
    await eventually(() => book().contact('bob'), 5000, 'bob a contact');
    await eventually(() => rows().requests.length === 0, 5000, 'the request gone');
    assert.deepEqual(rows().sections, ['contacts']);
    const contact = treeItem(rows().contacts[0]!);
    assert.equal(contact.label, 'bob');
    assert.equal(contact.contextValue, 'contact');
    assert.deepEqual(contact.command?.arguments, [{ userId: 'bob' }]);
    await eventually(() => added.some((ids) => ids.includes('alice')), 5000, 'alice in bob\'s list');
    const [check] = await bob.client.friendshipCheckFriendType({ friendship_check_friendtype_param_check_type: TIMFriendType.Both, friendship_check_friendtype_param_identifier_array: ['alice'] });
    assert.equal(check?.friendship_check_friendtype_result_relation, 3, 'both ways');
  });

  it("a request to alice shows a notification; Accept adds carol, and carol's side hears of it", async () => {
    const carol = others.carol!;
    const added = collect(carol, 'OnAddFriend');
    const { asked } = await recordDialogs({ info: 'Accept' }, async () => {
      const sent = await carol.client.friendshipAddFriend({ friendship_add_friend_param_identifier: 'alice', friendship_add_friend_param_add_wording: '一起写代码' });
      assert.equal(sent.friend_result_code, TimErrorCode.ERR_SVR_FRIENDSHIP_ALLOW_TYPE_NEED_CONFIRM);
      await eventually(() => book().contact('carol'), 10_000, 'carol accepted from the notification');
    });
    assert.ok(asked.infos.includes('carol wants to add you as a contact: “一起写代码”'), asked.infos.join(' | '));
    assert.ok(asked.infos.includes('carol is in your contacts now.'));
    await eventually(() => added.some((ids) => ids.includes('alice')), 5000, "alice in carol's list");
  });

  it("shows a request's words as text: a link in them is no link in the notification", async () => {
    const { asked } = await recordDialogs({}, async (log) => {
      await others.hank!.client.friendshipAddFriend({ friendship_add_friend_param_identifier: 'alice', friendship_add_friend_param_add_wording: '[Update](command:workbench.action.quit)' });
      await eventually(() => book().request('hank', 'incoming'), 5000, "hank's request");
      await eventually(() => log.infos.length > 0, 5000, 'the notification');
    });
    const shown = asked.infos[0] ?? '';
    assert.ok(!shown.includes(']('), shown);
    assert.equal(shown.replace(/\u200b/g, ''), 'hank wants to add you as a contact: “[Update](command:workbench.action.quit)”');
    await vscode.commands.executeCommand('timChat.declineContactRequest', { userId: 'hank' });
  });

  it("counts requests not yet seen on the view's badge; showing the view reports them read, here and on alice's other device", async () => {
    const dave = others.dave!;
    const aliceElsewhere = await signInUser(emulator, 'alice', 'laptop');
    const readElsewhere = collect(aliceElsewhere, 'FriendApplicationListRead');
    const unreadElsewhere = async (): Promise<number> => {
      const page = await aliceElsewhere.client.friendshipGetPendencyList({ friendship_get_pendency_list_param_type: TIMFriendPendencyType.Both, friendship_get_pendency_list_param_start_seq: 0 });
      return page.pendency_page_unread_num;
    };
    try {
      // Another view container in front: the Contacts view is hidden, so a request stays unread.
      await vscode.commands.executeCommand('workbench.view.explorer');
      await eventually(() => !api().contactsView.visible, 5000, 'the Contacts view hidden');
      // TIM's read marks are whole seconds, and the earlier requests were seen (and marked) while the
      // view showed: a request in the same second as that mark would count as read already.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      // The notification is dismissed (nobody answers it), so the request waits.
      await recordDialogs({}, async () => {
        await dave.client.friendshipAddFriend({ friendship_add_friend_param_identifier: 'alice' });
        await eventually(() => book().request('dave', 'incoming'), 5000, "dave's request");
      });
      assert.equal(api().contactsView.badge?.value, 1);
      assert.equal(book().unreadCount, 1);
      assert.equal(await unreadElsewhere(), 1);

      await vscode.commands.executeCommand('timChat.contacts.focus');
      await eventually(() => api().contactsView.badge === undefined, 5000, 'the badge gone once the view shows the request');
      assert.equal(book().unreadCount, 0);
      assert.ok(book().request('dave', 'incoming'), 'seen, not answered: the request is still listed');
      await eventually(() => readElsewhere.length > 0, 5000, 'FriendApplicationListRead on the other device');
      assert.equal(await unreadElsewhere(), 0);
    } finally {
      await aliceElsewhere.close();
    }
  });

  it('Decline on the row turns dave down and tells his side', async () => {
    const dave = others.dave!;
    const gone = collect(dave, 'FriendApplicationListDeleted');
    const row = rows().requests.find((n) => n.kind === 'request' && n.userId === 'dave');
    assert.ok(row);
    assert.equal(treeItem(row).description, 'wants to add you');
    assert.equal(treeItem(row).contextValue, 'request incoming');
    assert.equal(await vscode.commands.executeCommand('timChat.declineContactRequest', row), true);
    assert.equal(book().request('dave', 'incoming'), undefined);
    assert.equal(book().contact('dave'), undefined);
    assert.equal(api().contactsView.badge, undefined);
    await eventually(() => gone.some((ids) => ids.includes('alice')), 5000, "dave's request gone on his side");
    // Answering it again says what happened rather than failing vaguely.
    const again = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.declineContactRequest', { userId: 'dave' }));
    assert.match(again.asked.errors[0] ?? '', /There is no contact request with dave any more/);
  });

  it('Rename Contact… gives bob a name only alice sees (96 bytes at most); empty shows his nickname again', async () => {
    const renamed = await recordDialogs({ inputs: ['老板'] }, () => vscode.commands.executeCommand('timChat.renameContact', { userId: 'bob' }));
    assert.equal(renamed.result, true);
    assert.equal(renamed.asked.inputBoxes[0]?.validateInput?.('好'.repeat(33)), 'At most 96 bytes');
    assert.equal(renamed.asked.inputBoxes[0]?.validateInput?.('好'.repeat(32)), undefined);
    await eventually(() => book().contact('bob')?.name === '老板', 5000, 'the remark');
    const row = rows().contacts.find((n) => n.kind === 'contact' && n.userId === 'bob');
    assert.equal(treeItem(row!).label, '老板');
    assert.equal(treeItem(row!).description, 'bob');
    const [info] = await others.bob!.client.friendshipGetFriendsInfo(['alice']);
    assert.equal(info?.friendship_friend_info_get_result_field_info?.friend_profile_remark ?? '', '', "bob's own entry for alice keeps no remark");
    const cleared = await recordDialogs({ inputs: [''] }, () => vscode.commands.executeCommand('timChat.renameContact', { userId: 'bob' }));
    assert.equal(cleared.asked.inputBoxes[0]?.value, '老板', 'the box starts from the remark');
    await eventually(() => book().contact('bob')?.name === 'bob', 5000, 'the remark cleared');
  });

  it('shows which contacts are online and the status they set, and follows them going offline', async () => {
    const ivan = others.ivan!;
    await ivan.client.friendshipAddFriend({ friendship_add_friend_param_identifier: 'alice', friendship_add_friend_param_add_wording: 'Hi' });
    await eventually(() => book().request('ivan', 'incoming'), 5000, "ivan's request");
    await vscode.commands.executeCommand('timChat.acceptContactRequest', { userId: 'ivan' });
    const ivanRow = (): vscode.TreeItem | undefined => {
      const node = rows().contacts.find((n) => n.kind === 'contact' && n.userId === 'ivan');
      return node ? treeItem(node) : undefined;
    };
    // ThemeColor's id is not in the API's typings, but it is the field VS Code reads.
    const iconColour = (item: vscode.TreeItem | undefined): string | undefined => ((item?.iconPath as vscode.ThemeIcon | undefined)?.color as unknown as { id: string } | undefined)?.id;
    await eventually(() => iconColour(ivanRow()) === 'charts.green', 5000, 'ivan shown online');
    assert.match(String(ivanRow()?.tooltip), /^Online$/m);
    assert.equal(ivanRow()?.accessibilityInformation?.label, 'Contact ivan (online)');

    await ivan.client.setSelfStatus({ user_status_custom_status: '写代码中' });
    await eventually(() => ivanRow()?.description === '写代码中', 5000, "ivan's status beside his name");
    assert.match(String(ivanRow()?.tooltip), /^Online: 写代码中$/m);

    // Logging out ends the status (TIM clears a custom status with it) and his presence.
    await ivan.close();
    delete others.ivan;
    await eventually(() => iconColour(ivanRow()) === undefined, 5000, 'ivan shown offline');
    assert.equal(ivanRow()?.description, undefined);
    assert.match(String(ivanRow()?.tooltip), /^Offline$/m);
    assert.equal(ivanRow()?.accessibilityInformation?.label, 'Contact ivan');
    await book().remove('ivan');
  });

  it("Show Profile… says who is a contact (under which name), and offers Add Contact… to the others", async () => {
    const bobProfile = { user_profile_identifier: 'bob', user_profile_nick_name: 'Bob' };
    assert.match(profileDetail(bobProfile, undefined, false, { userId: 'bob', name: '老板', remark: '老板', nick: 'Bob', since: 0 }), /In your contacts as 老板/);
    assert.match(profileDetail(bobProfile, undefined, false, { userId: 'bob', name: 'Bob', remark: '', nick: 'Bob', since: 0 }), /In your contacts$/m);
    assert.doesNotMatch(profileDetail(bobProfile), /contacts/);
    // bob is one: the button is not offered, so answering it does nothing.
    const shown = await recordDialogs({ info: 'Add Contact…', inputs: ['never asked'] }, () => vscode.commands.executeCommand('timChat.showProfile', { userId: 'bob' }));
    assert.deepEqual(shown.asked.inputBoxes, []);
    const gina = others.gina!;
    const asked = collect(gina, 'FriendAddRequest');
    const added = await recordDialogs({ info: 'Add Contact…', inputs: ['from the profile'] }, () => vscode.commands.executeCommand('timChat.showProfile', { userId: 'gina' }));
    assert.equal(added.asked.inputBoxes.length, 1);
    await eventually(() => asked[0]?.[0]?.friend_add_pendency_add_wording === 'from the profile', 5000, "gina's request");
    assert.ok(book().request('gina', 'outgoing'));
  });

  it('Message Contact opens the one-to-one chat', async () => {
    assert.equal(await vscode.commands.executeCommand('timChat.messageContact', { userId: 'bob' }), true);
    assert.ok(api().chatPanels().some((panel) => panel.key === 'c2c_bob'));
  });

  it('New Conversation offers the contacts to pick, and Another User ID… for anyone else', async () => {
    const picked = await recordDialogs({ pickAny: (items) => items.find((i) => i.label === 'bob') }, () => vscode.commands.executeCommand<{ key: string }>('timChat.newConversation'));
    assert.equal(picked.result?.key, 'c2c_bob');
    assert.deepEqual(picked.asked.picked[0]?.map((i) => i.label), ['bob', 'carol', '$(keyboard) Another User ID…']);
    assert.deepEqual(picked.asked.inputBoxes, []);
    const typed = await recordDialogs({ pickAny: (items) => items.at(-1), inputs: ['dave'] }, () => vscode.commands.executeCommand<{ key: string }>('timChat.newConversation'));
    assert.equal(typed.result?.key, 'c2c_dave');
    const escaped = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.newConversation'));
    assert.equal(escaped.result, undefined);
    assert.deepEqual(escaped.asked.inputBoxes, [], 'Escape at the pick asks nothing more');
  });

  it('Remove Contact… asks first; removing carol takes alice out of her list too', async () => {
    const carol = others.carol!;
    const removed = collect(carol, 'OnDeleteFriend');
    const kept = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.removeContact', { userId: 'carol' }));
    assert.equal(kept.result, false);
    assert.ok(book().contact('carol'), 'dismissing the question removes nobody');
    const gone = await recordDialogs({ warning: 'Remove' }, () => vscode.commands.executeCommand('timChat.removeContact', { userId: 'carol' }));
    assert.equal(gone.result, true);
    assert.equal(gone.asked.warnings[0]?.message, 'Remove carol from your contacts?');
    assert.equal(book().contact('carol'), undefined);
    await eventually(() => removed.some((ids) => ids.includes('alice')), 5000, "alice gone from carol's list");
    const [check] = await carol.client.friendshipCheckFriendType({ friendship_check_friendtype_param_check_type: TIMFriendType.Both, friendship_check_friendtype_param_identifier_array: ['alice'] });
    assert.equal(check?.friendship_check_friendtype_result_relation, 0);
  });

  it("Withdraw takes back alice's request to erin, on both sides", async () => {
    const erin = others.erin!;
    const gone = collect(erin, 'FriendApplicationListDeleted');
    await recordDialogs({ inputs: [''] }, () => vscode.commands.executeCommand('timChat.addContact', { userId: 'erin' }));
    assert.ok(book().request('erin', 'outgoing'));
    // From the palette: picked among alice's own requests.
    const withdrawn = await recordDialogs({ pickAny: (items) => items.find((i) => i.label === 'erin') }, () => vscode.commands.executeCommand('timChat.withdrawContactRequest'));
    assert.equal(withdrawn.result, true);
    assert.equal(book().request('erin', 'outgoing'), undefined);
    await eventually(() => gone.some((ids) => ids.includes('alice')), 5000, "the request gone on erin's side");
    const page = await erin.client.friendshipGetPendencyList({ friendship_get_pendency_list_param_type: 0, friendship_get_pendency_list_param_start_seq: 0 });
    assert.deepEqual(page.pendency_page_pendency_info_array, []);
  });

  it('Who Can Add Me…: with Anyone, frank is a contact at once; with No one, requests are refused', async () => {
    const anyone = await recordDialogs({ pickAny: (items) => items.find((i) => i.label === 'Anyone') }, () => vscode.commands.executeCommand('timChat.setContactRequestPolicy'));
    assert.equal(anyone.result, TIMProfileAddPermission.AllowAny);
    assert.equal(anyone.asked.picked[0]?.find((i) => i.label === 'People I accept')?.description, 'Current', 'TIM’s default: requests are confirmed');
    const frank = others.frank!;
    const added = await frank.client.friendshipAddFriend({ friendship_add_friend_param_identifier: 'alice' });
    assert.equal(added.friend_result_code, 0);
    await eventually(() => book().contact('frank'), 5000, 'frank a contact without a request');
    assert.equal(book().request('frank', 'incoming'), undefined);

    const none = await recordDialogs({ pickAny: (items) => items.find((i) => i.label === 'No one') }, () => vscode.commands.executeCommand('timChat.setContactRequestPolicy'));
    assert.equal(none.result, TIMProfileAddPermission.DenyAny);
    const refused = await others.erin!.client.friendshipAddFriend({ friendship_add_friend_param_identifier: 'alice' });
    assert.equal(refused.friend_result_code, TimErrorCode.ERR_SVR_FRIENDSHIP_ALLOW_TYPE_DENY_ANY);
    await recordDialogs({ pickAny: (items) => items.find((i) => i.label === 'People I accept') }, () => vscode.commands.executeCommand('timChat.setContactRequestPolicy'));
  });

  it('says in words why a contact cannot be added: oneself, nobody, one already added, one blocked, one who accepts no one', async () => {
    const self = await recordDialogs({ inputs: [''] }, () => vscode.commands.executeCommand('timChat.addContact', { userId: 'alice' }));
    assert.deepEqual(self.asked.errors, ['TIM Chat: You cannot add yourself as a contact.']);
    const nobody = await recordDialogs({ inputs: [''] }, () => vscode.commands.executeCommand('timChat.addContact', { userId: 'nobody' }));
    assert.deepEqual(nobody.asked.errors, ['TIM Chat: There is no user nobody.']);
    const already = await recordDialogs({ inputs: [''] }, () => vscode.commands.executeCommand('timChat.addContact', { userId: 'bob' }));
    assert.deepEqual(already.asked.infos, ['bob is in your contacts already.']);
    await recordDialogs({ warning: 'Block' }, () => vscode.commands.executeCommand('timChat.blockUser', { userId: 'dave' }));
    const blocked = await recordDialogs({ inputs: [''] }, () => vscode.commands.executeCommand('timChat.addContact', { userId: 'dave' }));
    assert.deepEqual(blocked.asked.errors, ['TIM Chat: You blocked dave. Unblock them first to add them as a contact.']);
    await others.erin!.client.profileModifySelfUserProfile({ user_profile_item_add_permission: TIMProfileAddPermission.DenyAny });
    const denied = await recordDialogs({ inputs: [''] }, () => vscode.commands.executeCommand('timChat.addContact', { userId: 'erin' }));
    assert.deepEqual(denied.asked.errors, ['TIM Chat: erin does not accept contact requests.']);
    assert.equal(book().request('erin', 'outgoing'), undefined, 'nothing waits');
    // Escape at the message sends nothing.
    const escaped = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.addContact', { userId: 'carol' }));
    assert.equal(escaped.result, undefined);
    assert.equal(book().request('carol', 'outgoing'), undefined);
  });

  it('forgets contacts and requests at sign-out', async () => {
    await api().session.signOut();
    await eventually(() => rows().sections.length === 0, 5000, 'the view emptied');
    assert.equal(book().contacts().length, 0);
  });
});
