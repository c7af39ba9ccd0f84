/**
 * Show Files…: the files, images, voice messages and videos of a conversation, newest first
 * (TIMMsgGetMsgList filtered by element type, roaming included, page after page up to MAX_FILES), each
 * to save where the user chooses or to show in the chat.
 */
import * as vscode from 'vscode';
import { safeFormat } from '../../shared/timeFormat';
import type { TimClient } from '../../tim/client';
import { TIMElemType, TIMMsgStatus } from '../../tim/enums';
import type { TimMessage } from '../../tim/types/message';
import { formatBytes } from '../messages/byteProgress';
import { type DownloadTarget, downloadTargetOf } from '../messages/mediaElements';
import { openAtMessage } from '../messages/openAtMessage';
import { saveElementAs } from '../messages/saveElement';
import type { ConversationRef } from '../conversations/conversationKey';
import type { ConversationStore } from '../conversations/conversationStore';
import { showInfo } from '../notify';
import type { ChatPanels } from '../panels/chatPanel';
import { inertIcons } from '../pickText';
import type { TimSession } from '../session/timSession';
import { registerCommand } from './command';
import { commandTarget } from './targets';

/** The most files listed: five pages of TIM's 100. */
export const MAX_FILES = 500;
const PAGE = 100;
const PAYLOAD_TYPES = [TIMElemType.Image, TIMElemType.File, TIMElemType.Sound, TIMElemType.Video];

export interface SharedFile {
  readonly message: TimMessage;
  readonly target: DownloadTarget;
  readonly type: number;
}

/** The conversation's messages with a payload, newest first, each payload once (revoked ones left out). */
export async function readSharedFiles(client: TimClient, ref: ConversationRef): Promise<SharedFile[]> {
  const files: SharedFile[] = [];
  let last: TimMessage | undefined;
  while (files.length < MAX_FILES) {
    const page = await client.msgGetMsgList(ref.id, ref.type, {
      msg_getmsglist_param_count: PAGE,
      msg_getmsglist_param_is_ramble: true,
      msg_getmsglist_param_message_type_array: PAYLOAD_TYPES,
      ...(last ? { msg_getmsglist_param_last_msg: last } : {}),
    });
    for (const message of page) {
      if (message.message_status === TIMMsgStatus.Revoked) {
        continue; // nothing left to save
      }
      for (const elem of message.message_elem_array) {
        const target = downloadTargetOf(elem);
        if (target) {
          files.push({ message, target, type: elem.elem_type });
        }
      }
    }
    last = page.at(-1);
    if (page.length < PAGE || last === undefined) {
      break;
    }
  }
  return files.slice(0, MAX_FILES);
}

const ICONS: Readonly<Record<number, string>> = { [TIMElemType.Image]: 'file-media', [TIMElemType.File]: 'file', [TIMElemType.Sound]: 'mic', [TIMElemType.Video]: 'device-camera-video' };

export function registerShowFilesCommand({ session, store, panels }: { session: TimSession; store: ConversationStore; panels: ChatPanels }): vscode.Disposable[] {
  return [
    registerCommand('timChat.showFiles', async (arg) => {
      const client = session.requireClient();
      const target = await commandTarget(arg, store, panels, vscode.l10n.t('Show Files'));
      if (!target) {
        return undefined;
      }
      const files = await readSharedFiles(client, target.ref);
      if (files.length === 0) {
        void showInfo(vscode.l10n.t('Nobody has sent a file in {0} yet.', target.name));
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(
        files.map((file) => ({
          label: `$(${ICONS[file.type] ?? 'file'}) ${inertIcons(file.target.name)}`,
          description: [
            inertIcons(file.message.message_sender_profile?.user_profile_nick_name || file.message.message_sender),
            safeFormat(vscode.env.language, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }, new Date(Number(file.message.message_server_time) * 1000)),
            file.target.size ? formatBytes(file.target.size, vscode.l10n.t) : '',
          ]
            .filter(Boolean)
            .join(' · '),
          file,
        })),
        { title: vscode.l10n.t('Files in {0} ({1})', target.name, files.length), placeHolder: vscode.l10n.t('Choose a file to save or to show in the chat'), matchOnDescription: true },
      );
      if (!picked) {
        return undefined;
      }
      const actions = [
        { label: `$(save) ${vscode.l10n.t('Save As…')}`, action: 'save' as const },
        { label: `$(comment-discussion) ${vscode.l10n.t('Show in Chat')}`, action: 'show' as const },
      ];
      const chosen = await vscode.window.showQuickPick(actions, { title: picked.file.target.name });
      if (chosen?.action === 'save') {
        return { saved: await saveElementAs(client, picked.file.target) };
      }
      if (chosen?.action === 'show') {
        await openAtMessage(client, panels, picked.file.message);
        return { shown: picked.file.message.message_msg_id };
      }
      return undefined;
    }),
  ];
}
