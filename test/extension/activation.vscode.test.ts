/**
 * The walking skeleton in the real extension host: the extension activates on its view (not on
 * startup), contributes its container, view, welcome content and commands, and opens the chat panel.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TimChatApi } from '../../src/extension/extension';

const EXTENSION_ID = 'timchat.tim-chat';

function extension(): vscode.Extension<TimChatApi> {
  const found = vscode.extensions.getExtension<TimChatApi>(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not installed in this extension host`);
  return found;
}

describe('extension activation', () => {
  it('is not active before its view or a command is used', () => {
    // Activation events name the view and the webview only; nothing activates it at startup.
    const { activationEvents } = extension().packageJSON as { activationEvents: string[] };
    assert.ok(!activationEvents.includes('*'));
    assert.ok(!activationEvents.includes('onStartupFinished'));
    assert.equal(extension().isActive, false);
  });

  it('activates when the Conversations view is shown', async () => {
    await vscode.commands.executeCommand('timChat.conversations.focus');
    const deadline = Date.now() + 20_000;
    while (!extension().isActive && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(extension().isActive, true);
  });

  it('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    const contributed = (extension().packageJSON.contributes as { commands: Array<{ command: string }> }).commands.map((c) => c.command);
    assert.ok(contributed.length >= 17);
    for (const id of contributed) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
  });

  it('contributes a welcome view with a Sign In button while signed out', () => {
    const contributes = extension().packageJSON.contributes as { viewsWelcome: Array<{ view: string; contents: string; when: string }> };
    const welcome = contributes.viewsWelcome.find((w) => w.view === 'timChat.conversations');
    assert.ok(welcome);
    assert.match(welcome.when, /!timChat\.signedIn/);
    // The manifest holds an nls key; VS Code resolves it to the English text with the command link.
    assert.match(welcome.contents, /command:timChat\.signIn|%welcome\.signedOut%/);
  });

  it('shows no conversations while signed out', () => {
    const api = extension().exports;
    assert.deepEqual(api.conversations.getChildren(), []);
  });

  it('opens one chat panel per conversation and reveals it again', async () => {
    const api = extension().exports;
    const first = api.openChat('alice');
    const again = api.openChat('c2c_alice');
    assert.equal(first, again);
    assert.equal(api.chatPanels().filter((p) => p.key === 'c2c_alice').length, 1);
    first.dispose();
    assert.equal(api.chatPanels().length, 0);
  });
});
