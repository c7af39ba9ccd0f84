/**
 * TIMMsgDownloadElemToPath (a stored payload copied to a path the caller chose, checked in blobs.ts;
 * only payloads of messages the caller can see, also inside merged messages they may open;
 * "downloading" progress frames when the call asked for them) and TIMMsgDownloadMergerMessage (the
 * messages a merger element carries, also for a merger nested in a downloaded one when the caller may
 * read it).
 */
import type { Database as Db } from 'better-sqlite3';
import { DOWNLOAD_PROGRESS_DESC, downloadProgressJson } from '../../../tim/downloadProgress';
import { stringifyTimJson } from '../../../tim/json';
import type { Access } from '../access';
import { ApiError, Err, invalidParam, syncParamError } from '../apiError';
import { type JsonObject, isObject, optArray, optNumber, optString } from '../args';
import { checkTargetPath, downloadTo } from '../blobs';
import { type Handler, requireLogin } from '../context';
import { Elem } from '../elements';
import { findLocal } from './history';
import { canReadMerge, storedMergeMessages } from './mergeAccess';

/**
 * Whether `userId` sees a message carrying payload `id`: one stored in a conversation of theirs, or one
 * inside a merged message they may open (a forwarded chat history: *choice*, as on Tencent Cloud, where
 * a payload's URL is what opens it). Ids are random (96 bits), so naming one already means having seen
 * it; this is the check all the same.
 */
function canSeePayload(db: Db, access: Access, userId: string, id: string): boolean {
  const pattern = `%${id}%`;
  const rows = db.prepare('SELECT stream FROM messages WHERE local_device = 0 AND body LIKE ? LIMIT 20').all(pattern) as Array<{ stream: string }>;
  if (rows.some((r) => access.convOfStream(r.stream, userId) !== undefined)) {
    return true;
  }
  const merges = db.prepare('SELECT key FROM merges WHERE json LIKE ? LIMIT 20').all(pattern) as Array<{ key: string }>;
  return merges.some((m) => canReadMerge(db, access, userId, m.key));
}

const downloadElem: Handler = async (ctx, args) => {
  const param = args.jsonObject(0, true) ?? {};
  const path = args.str(1);
  if (path.length === 0) {
    throw syncParamError('path is required');
  }
  const { userId } = requireLogin(ctx);
  const type = optNumber(param, 'msg_download_elem_param_type');
  let id = optString(param, 'msg_download_elem_param_id') ?? '';
  const url = optString(param, 'msg_download_elem_param_url') ?? '';
  if (id.length === 0) {
    id = /\/blobs\/([0-9a-f]{24})$/.exec(url)?.[1] ?? '';
  }
  if (!/^[0-9a-f]{24}$/.test(id) || (type !== undefined && (type < 0 || type > 3))) {
    throw invalidParam('msg_download_elem_param_id (or _url) must name a payload of this emulator, type 0..3');
  }
  if (!ctx.emu.options.localPaths) {
    throw new ApiError(Err.INTERFACE_NOT_SUPPORT, 'downloads to paths are disabled: the emulator listens beyond loopback');
  }
  const target = await checkTargetPath(path);
  await ctx.emu.queue.enqueue(() => {
    if (!canSeePayload(ctx.emu.db, ctx.emu.access, userId, id)) {
      throw new ApiError(Err.FILE_TRANS_DOWNLOAD_FAILED, 'no message of yours carries this payload');
    }
  });
  const report = ctx.progress;
  const total = await downloadTo(ctx.emu.options.blobDir, id, target, (cur, size) => report?.(DOWNLOAD_PROGRESS_DESC, downloadProgressJson(cur, size)));
  return { json: downloadProgressJson(total, total) };
};

function mergerOf(message: JsonObject): JsonObject | undefined {
  const merger = (optArray(message, 'message_elem_array') ?? []).find((elem) => isObject(elem) && elem.elem_type === Elem.MERGE);
  return isObject(merger) ? merger : undefined;
}

const downloadMerger: Handler = async (ctx, args) => {
  const msg = args.jsonObject(0, true) ?? {};
  const { userId, deviceId } = requireLogin(ctx);
  const msgId = optString(msg, 'message_msg_id');
  if (msgId === undefined) {
    throw invalidParam('message_msg_id is required');
  }
  const messages = await ctx.emu.queue.enqueue(() => {
    const { db, access } = ctx.emu;
    const found = findLocal(ctx, userId, deviceId, msgId, true);
    if (found === undefined) {
      // A message from an earlier download (a merger inside a merger) is in no store: its key opens it
      // for the readers of the conversations the outer merger was sent to (mergeAccess.ts).
      const key = optString(mergerOf(msg) ?? {}, 'merge_elem_relay_json_key');
      const granted = key === undefined || !canReadMerge(db, access, userId, key) ? undefined : storedMergeMessages(db, key);
      if (granted === undefined) {
        throw new ApiError(Err.DATABASE_NOTFOUND, 'message not found');
      }
      return granted;
    }
    const merger = mergerOf(ctx.emu.model.view(found.row, userId, deviceId));
    if (merger === undefined) {
      throw invalidParam('the message has no merger element');
    }
    const key = optString(merger, 'merge_elem_relay_json_key');
    return (key === undefined ? undefined : storedMergeMessages(db, key)) ?? optArray(merger, 'merge_elem_message_array') ?? [];
  });
  return { json: stringifyTimJson(messages) };
};

export const downloadHandlers: Record<string, Handler> = {
  TIMMsgDownloadElemToPath: downloadElem,
  TIMMsgDownloadMergerMessage: downloadMerger,
};
