/**
 * The panel's requests for the rest of the message API (protocol.ts MessageRequests): attach and send
 * files and images, download a payload to a chosen path, image thumbnails through webview URIs, expand a
 * merged message (or one nested in it, by path), star, forward, and delete several messages everywhere. ChatController spreads these
 * handlers into its own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ChatMessageView } from '../../shared/chatModel';
import type { MessageRequests } from '../../shared/protocol';
import type { TimClient } from '../../tim/client';
import type { TimMessage, TimMessageParam } from '../../tim/types/message';
import { resolveTarget } from '../commands/targets';
import { conversationKey, type ConversationRef } from '../conversations/conversationKey';
import type { ConversationStore } from '../conversations/conversationStore';
import { ByteProgress } from '../messages/byteProgress';
import { askForwardMode, forwardMessages } from '../messages/forward';
import { deleteInBatches } from '../messages/listDelete';
import { checkMergerPath, downloadMergerPath } from '../messages/mergerPath';
import { cachedImagePath, downloadTargetOf, elementForFile, fileProblem, IMAGE_EXTENSIONS, isImagePath } from '../messages/mediaElements';
import { decodeBase64, pastedImageProblem, PASTED_IMAGE_TYPES, writePastedImage } from '../messages/pastedImage';
import { withStar } from '../messages/starMark';
import { StarredIndex } from '../messages/starredIndex';

export interface MessageRequestContext {
  readonly ref: ConversationRef;
  readonly store: ConversationStore;
  /** The extension's global storage folder; thumbnails go to its `media` folder. */
  readonly storageDir: string;
  client(): TimClient;
  selfId(): string;
  find(id: string): TimMessage;
  view(message: TimMessage): ChatMessageView;
  send(param: TimMessageParam): Promise<ChatMessageView>;
  removed(ids: readonly string[]): void;
  webviewUri(file: vscode.Uri): string;
}

type Handlers = { [M in keyof MessageRequests]: (params: MessageRequests[M]['params']) => Promise<MessageRequests[M]['result']> };

export function mediaDirOf(storageDir: string): string {
  return path.join(storageDir, 'media');
}

function timeOf(message: TimMessage): number {
  return Number(message.message_server_time || message.message_client_time);
}

async function sendFiles(c: MessageRequestContext, kind: 'image' | 'file'): Promise<ChatMessageView[]> {
  const uris = await vscode.window.showOpenDialog({
    canSelectMany: true,
    openLabel: vscode.l10n.t('Send'),
    title: kind === 'image' ? vscode.l10n.t('Send Images') : vscode.l10n.t('Send Files'),
    filters: kind === 'image' ? { [vscode.l10n.t('Images')]: [...IMAGE_EXTENSIONS] } : undefined,
  });
  const sent: ChatMessageView[] = [];
  for (const uri of uris ?? []) {
    if (uri.scheme !== 'file') {
      throw new Error(vscode.l10n.t('Only files on this machine can be sent.'));
    }
    const stat = await fs.promises.stat(uri.fsPath);
    const asImage = kind === 'image' && isImagePath(uri.fsPath);
    const problem = stat.isFile() ? fileProblem(stat.size, asImage) : 'empty';
    if (problem) {
      throw new Error(problem === 'empty'
        ? vscode.l10n.t('{0} is empty or not a file.', path.basename(uri.fsPath))
        : vscode.l10n.t('{0} is larger than TIM allows ({1} MB).', path.basename(uri.fsPath), asImage ? 28 : 100));
    }
    sent.push(await c.send({ message_elem_array: [elementForFile(uri.fsPath, stat.size, asImage)] }));
  }
  return sent;
}

/** Sends an image pasted into the composer (pastedImage.ts checks it and writes it to storage first). */
async function sendPastedImage(c: MessageRequestContext, mime: unknown, data: unknown): Promise<ChatMessageView> {
  const bytes = decodeBase64(data);
  if (!bytes) {
    throw new Error(vscode.l10n.t('The pasted image did not arrive intact. Paste it again.'));
  }
  switch (pastedImageProblem(mime, bytes)) {
    case 'type':
      throw new Error(vscode.l10n.t('Only PNG, JPEG, GIF, WebP and BMP images can be pasted.'));
    case 'empty':
      throw new Error(vscode.l10n.t('The pasted image is empty.'));
    case 'tooLarge':
      throw new Error(vscode.l10n.t('The pasted image is larger than TIM allows ({0} MB).', 28));
    case 'content':
      throw new Error(vscode.l10n.t('The pasted data is not the {0} image it claims to be.', PASTED_IMAGE_TYPES[String(mime)].toUpperCase()));
  }
  const file = await writePastedImage(path.join(c.storageDir, 'pasted'), String(mime), bytes);
  return c.send({ message_elem_array: [elementForFile(file, bytes.length, true)] });
}

export function messageRequestHandlers(c: MessageRequestContext): Handlers {
  return {
    'chat/attach': async ({ kind }) => ({ messages: await sendFiles(c, kind === 'image' ? 'image' : 'file') }),

    'chat/pasteImage': ({ mime, data }) => sendPastedImage(c, mime, data),

    'chat/download': async ({ id, elemIndex }) => {
      const message = c.find(id);
      const target = downloadTargetOf(message.message_elem_array[elemIndex]);
      if (!target) {
        throw new Error(vscode.l10n.t('This message has nothing to download.'));
      }
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
      const chosen = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(path.join(folder, target.name)), title: vscode.l10n.t('Download {0}', target.name), saveLabel: vscode.l10n.t('Download') });
      if (!chosen) {
        return { saved: false };
      }
      if (chosen.scheme !== 'file') {
        throw new Error(vscode.l10n.t('Choose a folder on this machine.'));
      }
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading {0}…', target.name) },
        async (progress) => {
          const bytes = new ByteProgress(vscode.l10n.t);
          const report = (current: number, total: number): void => {
            const step = bytes.step(current, total);
            if (step) {
              progress.report(step);
            }
          };
          const result = await c.client().msgDownloadElemToPath(target.param, path.normalize(chosen.fsPath), report);
          if (result) {
            // The final sizes: a no-op after the engine's own last report, the only step if it sent none.
            report(result.msg_download_elem_result_current_size, result.msg_download_elem_result_total_size);
          }
        },
      );
      void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}', chosen.fsPath));
      return { saved: true };
    },

    'chat/mediaUri': async ({ id, elemIndex }) => {
      const message = c.find(id);
      const target = downloadTargetOf(message.message_elem_array[elemIndex]);
      const mediaDir = mediaDirOf(c.storageDir);
      const file = target && message.message_elem_array[elemIndex]?.elem_type === 1 ? cachedImagePath(mediaDir, target) : undefined;
      if (!target || !file) {
        throw new Error(vscode.l10n.t('This image cannot be shown.'));
      }
      if (!fs.existsSync(file)) {
        await fs.promises.mkdir(mediaDir, { recursive: true });
        await c.client().msgDownloadElemToPath(target.param, file);
      }
      return { uri: c.webviewUri(vscode.Uri.file(file)) };
    },

    'chat/expandMerger': async ({ id, path: rawPath }) => {
      const t = vscode.l10n.t;
      const steps = checkMergerPath(rawPath, t);
      const inner = await downloadMergerPath(c.find(id), steps, (m) => c.client().msgDownloadMergerMessage(m), t);
      return { messages: inner.map((m) => c.view(m)) };
    },

    'chat/star': async ({ id, starred: star }) => {
      const message = withStar(c.find(id), star === true);
      await c.client().msgSetLocalCustomData(message);
      new StarredIndex(c.storageDir).set(c.selfId(), { key: conversationKey(c.ref), id, time: timeOf(message) }, star === true);
      return c.view(message);
    },

    'chat/forward': async ({ ids }) => {
      const messages = ids.map((id) => c.find(id));
      const target = await resolveTarget(undefined, c.store, vscode.l10n.t('Forward to'));
      if (!target) {
        return { forwarded: 0 };
      }
      const mode = await askForwardMode(messages.length);
      if (!mode) {
        return { forwarded: 0 };
      }
      const name = c.store.get(conversationKey(c.ref))?.name ?? c.ref.id;
      const forwarded = await forwardMessages(c.client(), messages, target.ref, mode, vscode.l10n.t('Chat history of {0}', name), c.selfId());
      void vscode.window.showInformationMessage(vscode.l10n.t('Forwarded to {0}.', target.name));
      return { forwarded };
    },

    'chat/deleteSelected': async ({ ids }) => deleteSelected(c, ids),
  };
}

/** Deletes messages everywhere, 30 per call and a call a second, with progress and a clear message. */
export async function deleteSelected(c: Pick<MessageRequestContext, 'ref' | 'client' | 'find' | 'removed'>, ids: readonly string[]): Promise<{ deleted: number }> {
  const messages = [...new Set(ids)].map((id) => c.find(id));
  if (messages.length === 0) {
    throw new Error(vscode.l10n.t('Select the messages to delete first (Ctrl+click or Shift+click in the panel).'));
  }
  const remove = vscode.l10n.t('Delete Everywhere');
  const detail = messages.length > 30
    ? vscode.l10n.t('TIM deletes at most 30 messages per call and one call a second, so this takes about {0} seconds.', Math.ceil(messages.length / 30))
    : undefined;
  const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Delete {0} messages from this device and the server?', messages.length), { modal: true, detail }, remove);
  if (answer !== remove) {
    return { deleted: 0 };
  }
  const client = c.client();
  const deleted = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deleting messages…') }, (progress) =>
    deleteInBatches(messages, (batch) => client.msgListDelete(c.ref.id, c.ref.type, batch), (done, total, batchIds) => {
      c.removed(batchIds);
      progress.report({ increment: (100 * batchIds.length) / total, message: vscode.l10n.t('{0} of {1}', done, total) });
    }),
  );
  return { deleted };
}
