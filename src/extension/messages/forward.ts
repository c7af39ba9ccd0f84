/**
 * Forwarding messages to another conversation: one by one (each a new message marked as forwarded;
 * images and files are downloaded first and sent again, since TIM uploads from a local path), or merged
 * into one message (a merger element with a title, up to four abstract lines and the messages).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { TIMElemType } from '../../tim/enums';
import type { TimClient } from '../../tim/client';
import type { TimElem, TimSendableElem } from '../../tim/types/elements';
import type { TimMessage } from '../../tim/types/message';
import { previewText } from '../chat/messageView';
import type { Translate } from '../chat/translate';
import type { ConversationRef } from '../conversations/conversationKey';
import { downloadTargetOf } from './mediaElements';
import { sentHere } from './sentHere';

export type ForwardMode = 'separately' | 'merged';

const NOT_FORWARDABLE: ReadonlySet<number> = new Set([TIMElemType.GroupTips, TIMElemType.GroupReport, TIMElemType.FriendChange, TIMElemType.ProfileChange, TIMElemType.Invalid]);

function timeOf(message: TimMessage): number {
  return Number(message.message_server_time || message.message_client_time);
}

/** The merger element for `messages` (oldest first); pure apart from the translations. */
export function mergerElementOf(messages: readonly TimMessage[], title: string, selfId: string, t: Translate): TimSendableElem {
  const abstracts = messages.slice(0, 4).map((m) => `${m.message_sender_profile?.user_profile_nick_name || m.message_sender}: ${previewText(m, { t, selfId, displayName: () => undefined }).slice(0, 60)}`);
  return {
    elem_type: TIMElemType.Merge,
    merge_elem_title: title,
    merge_elem_abstract_array: abstracts,
    merge_elem_compatible_text: t('[Chat history] {0}', title),
    merge_elem_message_array: messages,
  };
}

/** A message's elements as they can be sent again; payloads are fetched into `tempDir`. */
async function resendableElements(client: TimClient, message: TimMessage, tempDir: string): Promise<TimSendableElem[]> {
  const result: TimSendableElem[] = [];
  for (const [index, elem] of message.message_elem_array.entries()) {
    if (NOT_FORWARDABLE.has(elem.elem_type)) {
      continue;
    }
    const target = downloadTargetOf(elem as TimElem);
    if (!target) {
      result.push(elem as TimSendableElem);
      continue;
    }
    const local = path.join(tempDir, `${index}-${target.name}`);
    await client.msgDownloadElemToPath(target.param, local);
    switch (elem.elem_type) {
      case TIMElemType.Image:
        result.push({ ...elem, image_elem_orig_path: local });
        break;
      case TIMElemType.File:
        result.push({ ...elem, file_elem_file_path: local });
        break;
      case TIMElemType.Sound:
        result.push({ ...elem, sound_elem_file_path: local });
        break;
      case TIMElemType.Video:
        result.push({ ...elem, video_elem_video_path: local });
        break;
    }
  }
  return result;
}

/** Forwards `messages` to `target`; resolves with how many messages were sent. */
export async function forwardMessages(client: TimClient, messages: readonly TimMessage[], target: ConversationRef, mode: ForwardMode, title: string, selfId: string): Promise<number> {
  const ordered = [...messages].filter((m) => m.message_status !== 6).sort((a, b) => timeOf(a) - timeOf(b));
  if (ordered.length === 0) {
    throw new Error(vscode.l10n.t('Choose at least one message that can be forwarded.'));
  }
  if (mode === 'merged') {
    const { message } = await client.msgSendMessage(target.id, target.type, { message_elem_array: [mergerElementOf(ordered, title, selfId, vscode.l10n.t)], message_is_forward_message: true });
    sentHere(message);
    return 1;
  }
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'timchat-forward-'));
  try {
    let sent = 0;
    for (const message of ordered) {
      const elements = await resendableElements(client, message, tempDir);
      if (elements.length > 0) {
        const { message: copy } = await client.msgSendMessage(target.id, target.type, { message_elem_array: elements, message_is_forward_message: true });
        sentHere(copy);
        sent++;
      }
    }
    return sent;
  } finally {
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

/** Asks how to forward; undefined when cancelled. */
export async function askForwardMode(count: number): Promise<ForwardMode | undefined> {
  if (count === 1) {
    return 'separately';
  }
  const picked = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('One by One'), description: vscode.l10n.t('{0} separate messages', count), mode: 'separately' as const },
      { label: vscode.l10n.t('Merged into One Message'), description: vscode.l10n.t('a chat history the receiver can expand'), mode: 'merged' as const },
    ],
    { title: vscode.l10n.t('Forward {0} Messages', count) },
  );
  return picked?.mode;
}
