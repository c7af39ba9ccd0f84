/**
 * TIM Chat's links (src/shared/chatLink.ts) on the host: a message's link for Copy Link, a group's for
 * Copy Group Link, and opening either, from the URI handler, Open TIM Chat Link… or a click in a chat. A
 * link is untrusted input: a message link only opens a chat the user is in, at a message TIM finds for
 * them (by id or by locator, then in the roaming history); a group link opens the group's chat, or offers
 * to join it as Join Group does. Either says clearly why not otherwise.
 */
import * as vscode from 'vscode';
import { type ChatLink, chatLinkOfUri, conversationOfLink, formatGroupLink, formatMessageLink, type GroupLink, linkableId, type MessageLink, parseChatLink } from '../../shared/chatLink';
import type { TimClient } from '../../tim/client';
import { TIMConvType, TIMMsgStatus } from '../../tim/enums';
import type { TimMessage } from '../../tim/types/message';
import { registerCommand } from '../commands/command';
import { groupTarget } from '../commands/groupManagement';
import { conversationKey } from '../conversations/conversationKey';
import type { ConversationStore } from '../conversations/conversationStore';
import { readGroupInfo } from '../conversations/groupProfile';
import { showError, showInfo } from '../notify';
import type { ChatPanels } from '../panels/chatPanel';
import { inertIcons } from '../pickText';
import type { Account } from '../session/account';
import type { TimSession } from '../session/timSession';
import { locateMessage, showInPanel } from './openAtMessage';

/** The link to `message` as `self` of app `sdkAppId` sees it; throws when it cannot be linked. */
export function messageLinkOf(message: TimMessage, self: string, sdkAppId: number, scheme: string = vscode.env.uriScheme): string {
  const group = message.message_conv_type === TIMConvType.Group;
  const ids = group ? [message.message_conv_id, message.message_sender] : [self, message.message_conv_id, message.message_sender];
  if (message.message_status !== TIMMsgStatus.SendSucc || !ids.every(linkableId)) {
    // Only a message TIM stored and numbered can be found by someone else (not one sending, failed or local).
    throw new Error(vscode.l10n.t('This message has no link: only a sent message in a conversation whose IDs a link can carry has one.'));
  }
  const link: MessageLink = {
    app: String(sdkAppId),
    conversation: group ? { type: 'group', id: message.message_conv_id } : { type: 'c2c', users: [self, message.message_conv_id] },
    sender: message.message_sender,
    msgId: message.message_msg_id,
    seq: String(message.message_seq),
    time: String(message.message_server_time),
    rand: String(message.message_rand),
  };
  return formatMessageLink(scheme, link);
}

/**
 * The message a link names, as TIM gives it to the user: by id or locator (openAtMessage.ts), else from
 * the roaming history (a group's by its seq; a one-to-one chat's among those of its second).
 */
async function findLinkedMessage(client: TimClient, link: MessageLink, conv: { readonly id: string; readonly type: TIMConvType }, self: string): Promise<TimMessage | undefined> {
  const located = await locateMessage(client, {
    message_msg_id: link.msgId,
    message_conv_id: conv.id,
    message_conv_type: conv.type,
    message_seq: BigInt(link.seq),
    message_rand: BigInt(link.rand),
    message_server_time: BigInt(link.time),
    message_is_from_self: link.sender === self,
  });
  if (located?.message_msg_id === link.msgId) {
    return located;
  }
  const roaming = await client
    .msgGetMsgList(conv.id, conv.type, {
      msg_getmsglist_param_count: 20,
      msg_getmsglist_param_is_ramble: true,
      msg_getmsglist_param_is_forward: true,
      ...(conv.type === TIMConvType.Group
        ? { msg_getmsglist_param_last_msg_seq: BigInt(link.seq) }
        : { msg_getmsglist_param_time_begin: Number(link.time), msg_getmsglist_param_time_period: 1 }),
    })
    .catch(() => [] as TimMessage[]);
  return roaming.find((message) => message.message_msg_id === link.msgId);
}

/** The client and account of the sign-in a link of app `app` can be opened in; throws `otherApp`'s text otherwise. */
function signedInTo(session: TimSession, app: string, otherApp: (app: string, current: number) => string): { client: TimClient; account: Account } {
  const signedIn = session.requireSignedIn();
  if (app !== String(signedIn.account.sdkAppId)) {
    throw new Error(otherApp(app, signedIn.account.sdkAppId));
  }
  return signedIn;
}

/** Opens the chat of a link at its message; the message's id, or an error that says why not. */
export async function openMessageLink(session: TimSession, panels: ChatPanels, link: MessageLink): Promise<string> {
  const { client, account } = signedInTo(session, link.app, (app, current) => vscode.l10n.t('This link is to a message in another TIM app (SDKAppID {0}); you are signed in to {1}.', app, current));
  const conv = conversationOfLink(link, account.userId);
  if (!conv) {
    const [a, b] = link.conversation.type === 'c2c' ? link.conversation.users : ['', ''];
    throw new Error(vscode.l10n.t('This link is to a message between {0} and {1}; you are signed in as {2}.', a, b, account.userId));
  }
  const type = conv.type === 'group' ? TIMConvType.Group : TIMConvType.C2C;
  const message = await findLinkedMessage(client, link, { id: conv.id, type }, account.userId);
  if (!message) {
    throw new Error(
      conv.type === 'group'
        ? vscode.l10n.t('That message is not there for you: it was deleted, or you are not in that group.')
        : vscode.l10n.t('That message is not there for you: it was deleted from this chat.'),
    );
  }
  showInPanel(panels, message);
  return message.message_msg_id;
}

const notALink = (): string => vscode.l10n.t('That is not a TIM Chat link (Copy Link in a message\'s menu and Copy Group Link make them).');

/** Parses what the user gave as a link; throws with what a link looks like otherwise. */
function requireLink(text: string): ChatLink {
  const link = parseChatLink(text);
  if (!link) {
    throw new Error(notALink());
  }
  return link;
}

/** A group's link (Copy Group Link); throws when its ID cannot be put in a link. */
export function groupLinkOf(groupId: string, sdkAppId: number, scheme: string = vscode.env.uriScheme): string {
  if (!linkableId(groupId)) {
    throw new Error(vscode.l10n.t('This group has no link: its ID has characters a link cannot carry.'));
  }
  return formatGroupLink(scheme, { app: String(sdkAppId), group: groupId });
}

/**
 * Opens a group link: the group's chat when the user is in it, else, when they agree, Join Group (which
 * asks for a few words where the group approves requests, and says why when it takes none).
 */
export async function openGroupLink(session: TimSession, panels: ChatPanels, link: GroupLink): Promise<string | undefined> {
  const { client } = signedInTo(session, link.app, (app, current) => vscode.l10n.t('This link is to a group in another TIM app (SDKAppID {0}); you are signed in to {1}.', app, current));
  const joined = await client.groupGetJoinedGroupList();
  if (joined.some((group) => group.group_base_info_group_id === link.group)) {
    panels.open(conversationKey({ id: link.group, type: TIMConvType.Group }));
    return link.group;
  }
  const info = await readGroupInfo(client, link.group).catch(() => undefined);
  const name = info?.group_detail_info_group_name || link.group;
  const join = vscode.l10n.t('Join');
  const choice = await showInfo(vscode.l10n.t('You are not in {0}. Join it?', name), join);
  if (choice !== join) {
    return undefined;
  }
  const panel = await vscode.commands.executeCommand<unknown>('timChat.joinGroup', link.group);
  return panel === undefined ? undefined : link.group;
}

/** How long a link waits for a sign-in already under way. */
const SIGN_IN_WAIT_MS = 30_000;

/**
 * Whether TIM Chat is signed in to open a link, signing in first when the user agrees: a link opened from
 * a browser while VS Code was closed starts it signed out. A sign-in under way is waited for.
 */
async function signedInToOpen(session: TimSession): Promise<boolean> {
  // A function, not a narrowed property: the state changes while this waits.
  const signedIn = (): boolean => session.state.kind === 'signedIn';
  if (session.state.kind === 'connecting') {
    let subscription: vscode.Disposable | undefined;
    await Promise.race([
      new Promise<void>((resolve) => {
        subscription = session.onDidChangeState((state) => state.kind !== 'connecting' && resolve());
      }),
      new Promise<void>((resolve) => setTimeout(resolve, SIGN_IN_WAIT_MS)),
    ]);
    subscription?.dispose();
  }
  if (signedIn()) {
    return true;
  }
  const signIn = vscode.l10n.t('Sign In');
  const choice = await showInfo(vscode.l10n.t('Sign in to TIM Chat to open this link.'), signIn);
  if (choice !== signIn) {
    return false;
  }
  await vscode.commands.executeCommand('timChat.signIn');
  return signedIn();
}

/** A link typed or pasted; a TIM Chat link on the clipboard (Copy Link's, say) is offered already filled in. */
async function askForLink(): Promise<string | undefined> {
  const clipboard = await Promise.resolve(vscode.env.clipboard.readText()).catch(() => '');
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Open TIM Chat Link'),
    prompt: vscode.l10n.t('A link to a message or a group (Copy Link in a message\'s menu, Copy Group Link)'),
    placeHolder: `${vscode.env.uriScheme}://timchat.tim-chat/…`,
    ...(parseChatLink(clipboard) ? { value: clipboard.trim() } : {}),
    validateInput: (value) => (value.trim() === '' || parseChatLink(value) ? undefined : vscode.l10n.t('Not a TIM Chat link')),
  });
}

/**
 * Open TIM Chat Link… (a link as its argument: a click in a chat, the URI handler; or pasted) and Copy
 * Group Link (a group's row, a group chat's title bar, the palette).
 */
export function registerChatLinkCommands({ session, store, panels }: { session: TimSession; store: ConversationStore; panels: ChatPanels }): vscode.Disposable[] {
  return [
    registerCommand('timChat.openLink', async (arg) => {
      const text = typeof arg === 'string' ? arg : await askForLink();
      if (text === undefined || text.trim() === '') {
        return undefined;
      }
      const link = requireLink(text);
      if (!(await signedInToOpen(session))) {
        return undefined;
      }
      return link.kind === 'message' ? openMessageLink(session, panels, link.message) : openGroupLink(session, panels, link.group);
    }),
    registerCommand('timChat.copyGroupLink', async (arg) => {
      const { account } = session.requireSignedIn();
      const target = await groupTarget(arg, { store, panels }, vscode.l10n.t('Copy Group Link'), (name) => vscode.l10n.t('{0} is a one-to-one chat: groups have links.', name));
      if (!target) {
        return undefined;
      }
      const link = groupLinkOf(target.ref.id, account.sdkAppId);
      await vscode.env.clipboard.writeText(link);
      vscode.window.setStatusBarMessage(vscode.l10n.t('$(link) Link to {0} copied', inertIcons(target.name)), 4000);
      return link;
    }),
  ];
}

/**
 * TIM Chat links opened outside VS Code (a browser, a document, a terminal): VS Code hands them over with
 * their query already decoded (chatLinkOfUri), and Open TIM Chat Link… opens them.
 */
export const chatLinkUriHandler: vscode.UriHandler = {
  async handleUri(uri: vscode.Uri): Promise<void> {
    const link = chatLinkOfUri(uri);
    if (!link) {
      void showError(vscode.l10n.t('TIM Chat: {0}', notALink()));
      return;
    }
    const text = link.kind === 'message' ? formatMessageLink(vscode.env.uriScheme, link.message) : formatGroupLink(vscode.env.uriScheme, link.group);
    await vscode.commands.executeCommand('timChat.openLink', text);
  },
};
