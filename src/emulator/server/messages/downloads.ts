/**
 * TIMMsgDownloadElemToPath (a stored payload copied to a path the caller chose, checked in blobs.ts;
 * only payloads of messages the caller can see; "downloading" progress frames when the call asked for
 * them) and TIMMsgDownloadMergerMessage (the messages a merger element carries, also for a merger
 * nested in a downloaded one when the caller may read it).
 */
import { DOWNLOAD_PROGRESS_DESC, downloadProgressJson } from '../../../tim/downloadProgress';
import { stringifyTimJson } from '../../../tim/json';
import { ApiError, Err, invalidParam, syncParamError } from '../apiError';
import { type JsonObject, isObject, optArray, optNumber, optString } from '../args';
import { checkTargetPath, downloadTo } from '../blobs';
import { type Handler, requireLogin } from '../context';
import { Elem } from '../elements';
import { findLocal } from './history';
import { canReadMerge, storedMergeMessages } from './mergeAccess';

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
    // The caller must see a message carrying the payload; ids are random, but this is the real check.
    const row = ctx.emu.db.prepare("SELECT stream FROM messages WHERE local_device = 0 AND body LIKE ? LIMIT 20").all(`%${id}%`) as Array<{ stream: string }>;
    if (!row.some((r) => ctx.emu.access.convOfStream(r.stream, userId) !== undefined)) {
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
