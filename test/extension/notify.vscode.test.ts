/**
 * The message choke point (src/extension/notify.ts) in the real extension host, on a real tim-emulator:
 * a confirmation or an error after the user's own action that names someone whose nickname, or a group
 * whose name, is written as a command link shows it as text. Dialogs are scripted and recorded
 * (test/harness/scriptedDialogs.ts): what the stubs record is what VS Code would have been asked to show.
 */
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { TimChatApi } from '../../src/extension/extension';
import { TIMConvType, TIMElemType } from '../../src/tim/enums';
import { startEmulatorProcess, type EmulatorProcess } from '../harness/emulatorProcess';
import { recordDialogs } from '../harness/scriptedDialogs';
import { eventually, signInUser, type TimUser } from '../harness/timUser';

function api(): TimChatApi {
  const extension = vscode.extensions.getExtension<TimChatApi>('timchat.tim-chat');
  assert.ok(extension?.isActive, 'the extension is active');
  return extension.exports;
}

/** The text as read: without the zero-width spaces that break the links. */
const read = (shown: string): string => shown.replace(/\u200b/g, '');

describe('messages show what others named as text', function () {
  this.timeout(60_000);
  let emulator: EmulatorProcess;
  let mallory: TimUser;

  before(async () => {
    await vscode.commands.executeCommand('timChat.conversations.focus');
    await eventually(() => vscode.extensions.getExtension('timchat.tim-chat')?.isActive, 20_000, 'activation');
    emulator = await startEmulatorProcess(fs.mkdtempSync(path.join(os.tmpdir(), 'timchat-notify-')));
    process.env.TIMCHAT_EMULATOR_DATA = emulator.dataDir;
    mallory = await signInUser(emulator, 'mallory');
    await api().signIn.signInToOwnEmulator('alice', emulator.url);
  });

  after(async () => {
    await api().session.signOut();
    await mallory?.close();
    await emulator?.stop();
  });

  it('Block… names a user whose nickname is a command link as text, in the question and in "Blocked …"', async () => {
    const nick = '[Update now](command:workbench.action.quit)';
    await mallory.client.profileModifySelfUserProfile({ user_profile_item_nick_name: nick });
    await mallory.client.msgSendMessage('alice', TIMConvType.C2C, { message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: 'hi' }] });
    await eventually(() => api().store.get('c2c_mallory')?.name === nick, 5000, "alice's chat with mallory under her nickname");
    const { result, asked } = await recordDialogs({ warning: 'Block' }, () => vscode.commands.executeCommand('timChat.blockUser', { userId: 'mallory' }));
    assert.equal(result, true);
    const [blocked = ''] = asked.infos;
    assert.ok(!blocked.includes(']('), blocked);
    assert.ok(blocked.includes('Update now'), blocked);
    assert.equal(read(blocked), `Blocked ${nick}.`);
    const question = asked.warnings[0];
    const detail = String((question?.options as vscode.MessageOptions | undefined)?.detail);
    assert.ok(question && !question.message.includes('](') && !detail.includes(']('), `${question?.message} | ${detail}`);
    assert.equal(read(question.message), `Block ${nick}?`);
  });

  it('an error thrown by a command names a group whose name is a command link as text', async () => {
    const name = '[Open Settings](command:workbench.action.openSettings)';
    const { create_group_result_groupid: groupId } = await mallory.client.groupCreate({
      create_group_param_group_name: name,
      create_group_param_group_member_array: [{ group_member_info_identifier: 'alice' }],
    });
    await eventually(() => api().store.get(`group_${groupId}`)?.name === name, 5000, 'the group in alice’s list');
    const { asked } = await recordDialogs({}, () => vscode.commands.executeCommand('timChat.blockUser', `group_${groupId}`));
    const [error = ''] = asked.errors;
    assert.ok(!error.includes(']('), error);
    assert.match(read(error), /^TIM Chat: \[Open Settings\]\(command:workbench\.action\.openSettings\) is a group, not a person\./);
  });
});
