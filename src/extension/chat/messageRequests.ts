/**
 * The panel's requests for the rest of the message API (protocol.ts MessageRequests): attach and send
 * files and images (chosen, pasted or dropped), download a payload to a chosen path, image thumbnails through webview URIs, expand a
 * merged message (or one nested in it, by path), star, forward, and delete several messages everywhere. ChatController spreads these
 * handlers into its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ChatMessageView } from '../../shared/chatModel';
import type { InnerMessageRef, MessageRequests } from '../../shared/protocol';
import type { TimClient } from '../../tim/client';
import type { TimMessage, TimMessageParam } from '../../tim/types/message';
import { resolveTarget } from '../commands/targets';
import { conversationKey, type ConversationRef } from '../conversations/conversationKey';
import type { ConversationStore } from '../conversations/conversationStore';
import { askForwardMode, forwardMessages } from '../messages/forward';
import { deleteInBatches } from '../messages/listDelete';
import { checkMergerPath, downloadMergerPath } from '../messages/mergerPath';
import { type DroppedPaths, droppedPaths, MAX_DROPPED_FILES } from '../messages/droppedFiles';
import { cachedImagePath, downloadTargetOf, elementForFile, fileProblem, IMAGE_EXTENSIONS, isImagePath, MAX_IMAGE_BYTES } from '../messages/mediaElements';
import { decodeBase64, pastedImageProblem, PASTED_IMAGE_TYPES, writePastedImage } from '../messages/pastedImage';
import { saveElementAs } from '../messages/saveElement';
import { withStar } from '../messages/starMark';
import { StarredIndex } from '../messages/starredIndex';
import { showInfo, showWarning } from '../notify';

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
  if (uris?.some((uri) => uri.scheme !== 'file')) {
    throw new Error(vscode.l10n.t('Only files on this machine can be sent.'));
  }
  return sendCheckedFiles(c, await checkLocalFiles((uris ?? []).map((uri) => uri.fsPath), kind === 'image' ? 'images' : 'files'));
}

/**
 * Which files go as images: every image file (Send Image…: one over TIM's image limit is refused), none
 * (Send File…), or those within the image limit (a drop: a larger image goes as a file).
 */
type ImageMode = 'images' | 'files' | 'imagesThatFit';

interface CheckedFile {
  readonly path: string;
  readonly size: number;
  readonly asImage: boolean;
}

/**
 * Local files checked for sending, as images or files by `mode`: each a file, not empty, within TIM's
 * limit; the first that is not throws, so that one bad file sends none of them.
 */
async function checkLocalFiles(paths: readonly string[], mode: ImageMode): Promise<CheckedFile[]> {
  const checked: CheckedFile[] = [];
  for (const filePath of paths) {
    const stat = await fs.promises.stat(filePath).catch(() => undefined);
    if (stat?.isDirectory()) {
      throw new Error(vscode.l10n.t('{0} is a folder: send the files in it instead.', path.basename(filePath)));
    }
    const asImage = mode !== 'files' && isImagePath(filePath) && (mode === 'images' || (stat?.size ?? 0) <= MAX_IMAGE_BYTES);
    const problem = stat?.isFile() ? fileProblem(stat.size, asImage) : 'empty';
    if (problem || !stat) {
      throw new Error(problem === 'tooLarge'
        ? vscode.l10n.t('{0} is larger than TIM allows ({1} MB).', path.basename(filePath), asImage ? 28 : 100)
        : vscode.l10n.t('{0} is empty or not a file.', path.basename(filePath)));
    }
    checked.push({ path: filePath, size: stat.size, asImage });
  }
  return checked;
}

async function sendCheckedFiles(c: MessageRequestContext, files: readonly CheckedFile[]): Promise<ChatMessageView[]> {
  const sent: ChatMessageView[] = [];
  for (const file of files) {
    sent.push(await c.send({ message_elem_array: [elementForFile(file.path, file.size, file.asImage)] }));
  }
  return sent;
}

/**
 * Sends files dropped on the panel, checked, after the user confirms (a drop is easily a slip, and a
 * file may hold secrets): images up to TIM's image limit as images, everything else as files.
 */
async function sendDroppedFiles(c: MessageRequestContext, uris: unknown): Promise<ChatMessageView[]> {
  let dropped: DroppedPaths;
  try {
    dropped = droppedPaths(uris);
  } catch {
    throw new Error(vscode.l10n.t('At most {0} files can be dropped at once.', MAX_DROPPED_FILES));
  }
  if (dropped.refused.length > 0 || dropped.paths.length === 0) {
    throw new Error(dropped.refused.length > 0
      ? vscode.l10n.t('Only files on this machine can be sent: {0}', dropped.refused.join(', '))
      : vscode.l10n.t('Nothing to send: drop files from the Explorer or an editor tab.'));
  }
  const files = await checkLocalFiles(dropped.paths, 'imagesThatFit');
  const names = files.map((file) => path.basename(file.path));
  const chat = c.store.get(conversationKey(c.ref))?.name ?? c.ref.id;
  const send = vscode.l10n.t('Send');
  const question = names.length === 1 ? vscode.l10n.t('Send {0} to {1}?', names[0] ?? '', chat) : vscode.l10n.t('Send {0} files to {1}?', names.length, chat);
  if ((await showInfo(question, { modal: true, detail: names.join('\n') }, send)) !== send) {
    return [];
  }
  return sendCheckedFiles(c, files);
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

/** The messages of the merged message `id`, or of the one nested in it at `rawPath` (checked: it comes from the panel). */
function mergerList(c: MessageRequestContext, id: string, rawPath: unknown): Promise<readonly TimMessage[]> {
  const t = vscode.l10n.t;
  return downloadMergerPath(c.find(id), checkMergerPath(rawPath, t), (m) => c.client().msgDownloadMergerMessage(m), t);
}

/** A message inside a merged message, as the panel names it (InnerMessageRef; checked). */
async function innerMessage(c: MessageRequestContext, id: string, inner: InnerMessageRef): Promise<TimMessage> {
  const index = (inner as { index?: unknown } | null)?.index;
  const messages = await mergerList(c, id, (inner as { path?: unknown } | null)?.path);
  const message = typeof index === 'number' && Number.isSafeInteger(index) && index >= 0 ? messages[index] : undefined;
  if (!message) {
    throw new Error(vscode.l10n.t('The merged message has no such message.'));
  }
  return message;
}

export function messageRequestHandlers(c: MessageRequestContext): Handlers {
  return {
    'chat/attach': async ({ kind }) => ({ messages: await sendFiles(c, kind === 'image' ? 'image' : 'file') }),

    'chat/dropFiles': async ({ uris }) => ({ messages: await sendDroppedFiles(c, uris) }),

    'chat/pasteImage': ({ mime, data }) => sendPastedImage(c, mime, data),

    'chat/download': async ({ id, elemIndex, inner }) => {
      const message = inner === undefined ? c.find(id) : await innerMessage(c, id, inner);
      const target = downloadTargetOf(message.message_elem_array[elemIndex]);
      if (!target) {
        throw new Error(vscode.l10n.t('This message has nothing to download.'));
      }
      return { saved: await saveElementAs(c.client(), target) };
    },

    'chat/mediaUri': async ({ id, elemIndex, inner }) => {
      const message = inner === undefined ? c.find(id) : await innerMessage(c, id, inner);
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

    'chat/expandMerger': async ({ id, path: rawPath }) => ({ messages: (await mergerList(c, id, rawPath)).map((m) => c.view(m)) }),

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
      void showInfo(vscode.l10n.t('Forwarded to {0}.', target.name));
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
  const answer = await showWarning(vscode.l10n.t('Delete {0} messages from this device and the server?', messages.length), { modal: true, detail }, remove);
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
