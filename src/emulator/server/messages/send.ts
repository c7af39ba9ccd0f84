/**
 * TIMMsgSendMessage / TIMMsgSendNewMsg, TIMMsgBatchSend and TIMMsgCancelSend.
 *
 * A send is: argument checks (synchronous -3/-4 like the SDK), login (6014), element checks (6016,
 * 80002 ...), uploads of file payloads (status "sending", progress events, cancellable), then one
 * operation in the next group commit; the answer leaves after that commit. The message id is the one the
 * client chose (CallFrame.messageId), so a send repeated after a reconnect answers with the stored
 * message instead of storing it twice. Online messages (message_is_online_msg) take the same checks and
 * are then pushed without being stored (onlineSend.ts).
 */
import { randomBytes } from 'node:crypto';
import { parseTimJson, stringifyTimJson } from '../../../tim/json';
import type { ConvRef } from '../access';
import { ApiError, Err, invalidParam, syncParamError } from '../apiError';
import { type Args, isObject, type JsonObject, optArray, optBool, optObject } from '../args';
import { MAX_FILE_BYTES, MAX_IMAGE_BYTES, uploadFile } from '../blobs';
import { type Ctx, type Handler, type InFlightSend, type Outcome, requireLogin } from '../context';
import { checkBodySize, checkElements, Elem } from '../elements';
import { connectionEventText } from '../eventHub';
import { requireNotMuted } from '../groupMute';
import { grantMergeKeys, nestedMergeKeys } from './mergeAccess';
import { sendOnline } from './onlineSend';
import { groupTakesReceipts } from './receipts';
import { C2C, GROUP, type MessageRow, Status, messageIdOf, randomUint32 } from '../messageModel';

const MESSAGE_ID = /^[\w.:-]{1,127}$/;
/** Keys the server sets, or that stay on the sender's device (local custom data). */
const SERVER_KEYS: ReadonlySet<string> = new Set([
  'message_conv_id', 'message_conv_type', 'message_sender', 'message_server_time', 'message_seq', 'message_rand',
  'message_msg_id', 'message_unique_id', 'message_status', 'message_is_from_self', 'message_is_read',
  'message_is_peer_read', 'message_receipt_peer_read', 'message_custom_str', 'message_custom_int',
  'message_revoker_user_id', 'message_revoke_reason', 'message_version',
  'message_has_sent_receipt', 'message_group_receipt_read_count', 'message_group_receipt_unread_count',
]);
const MAX_BATCH_RECEIVERS = 500;

interface Prepared {
  readonly body: JsonObject;
  readonly firstType: number;
  readonly searchText: string;
  readonly noUnread: boolean;
  /** Merge keys the receiving stream may open: this message's own and those nested inside them. */
  readonly mergeKeys: readonly string[];
}

function failed(msg: JsonObject, status: number, error: unknown): ApiError {
  const code = error instanceof ApiError ? error.code : Err.INTERNAL_ERROR;
  const desc = error instanceof ApiError ? error.desc : String(error);
  return new ApiError(code, desc, { json: stringifyTimJson({ ...msg, message_status: status }) });
}

/** Checks the message and uploads its payloads; the result is ready to store. */
async function prepare(ctx: Ctx, msg: JsonObject, msgId: string, flight: InFlightSend): Promise<Prepared> {
  const checked = checkElements(msg.message_elem_array);
  const cloud = msg.message_cloud_custom_str;
  checkBodySize(checked.elems, typeof cloud === 'string' ? cloud : '');
  if (checked.uploads.length > 0 && !ctx.emu.options.localPaths) {
    throw new ApiError(Err.INTERFACE_NOT_SUPPORT, 'elements with local files are disabled: the emulator listens beyond loopback');
  }
  for (const slot of checked.uploads) {
    const elem = checked.elems[slot.elemIndex];
    const path = elem?.[slot.pathKey];
    if (elem === undefined || typeof path !== 'string' || path.length === 0) {
      if (slot.required) {
        throw new ApiError(Err.INVALID_MSG_ELEM, `${slot.pathKey} is required`);
      }
      continue;
    }
    const uploaded = await uploadFile(ctx.emu.options.blobDir, path, slot.downloadType === -1 ? MAX_IMAGE_BYTES : MAX_FILE_BYTES, {
      chunkDelayMs: ctx.emu.options.uploadChunkDelayMs,
      isCancelled: () => flight.cancelled,
      onProgress: (cur, total) =>
        ctx.session.sink.pushFrame(
          connectionEventText({ name: 'MsgElemUploadProgress', json: stringifyTimJson({ ...msg, message_msg_id: msgId }), index: slot.elemIndex, cur, total }),
        ),
    });
    const url = `${ctx.emu.options.baseUrl}/blobs/${uploaded.id}`;
    elem[slot.idKey] = uploaded.id;
    elem[slot.urlKey] = url;
    if (slot.sizeKey !== undefined) {
      elem[slot.sizeKey] = uploaded.size;
    }
    if (slot.downloadType === -1) {
      // One stored original serves all three image levels.
      Object.assign(elem, {
        image_elem_thumb_id: uploaded.id, image_elem_thumb_url: url, image_elem_thumb_pic_size: uploaded.size,
        image_elem_large_id: uploaded.id, image_elem_large_url: url, image_elem_large_pic_size: uploaded.size,
      });
    } else {
      const businessKey = slot.pathKey.startsWith('sound') ? 'sound_elem_business_id' : slot.pathKey.startsWith('file') ? 'file_elem_business_id' : 'video_elem_business_id';
      elem[businessKey] = 0;
    }
    ctx.emu.db.prepare('INSERT INTO blobs(id, file, size, kind) VALUES (?, ?, ?, ?)').run(uploaded.id, uploaded.id, uploaded.size, slot.downloadType);
  }
  const mergeKeys: string[] = [];
  for (const elem of checked.elems) {
    if (elem.elem_type === Elem.MERGE) {
      // Receivers get title and abstracts; the messages themselves come with TIMMsgDownloadMergerMessage.
      const key = randomBytes(12).toString('hex');
      mergeKeys.push(key, ...nestedMergeKeys(ctx.emu.db, ctx.emu.access, requireLogin(ctx).userId, elem.merge_elem_message_array));
      ctx.emu.db.prepare('INSERT INTO merges(key, json, stream) VALUES (?, ?, ?)').run(key, stringifyTimJson(elem.merge_elem_message_array), '');
      delete elem.merge_elem_message_array;
      elem.merge_elem_relay_json_key = key;
      elem.merge_elem_layer_over_limit = false;
    }
  }
  // Copied key by key rather than spread and deleted from: a deleted key makes the object a slow
  // dictionary for every later spread and JSON.stringify of the message (see fastJson.ts).
  const body: JsonObject = {};
  for (const key in msg) {
    if (!SERVER_KEYS.has(key)) {
      body[key] = msg[key];
    }
  }
  body.message_elem_array = checked.elems;
  if (body.message_client_time === undefined) {
    body.message_client_time = ctx.emu.serverTime();
  }
  body.message_priority ??= 1;
  body.message_platform ??= 0;
  return { body, firstType: checked.firstType, searchText: checked.searchText, noUnread: optBool(msg, 'message_is_excluded_from_unread_count') === true, mergeKeys };
}

/**
 * The conversation a send goes into: the sender's right to it (10007, 10010); for C2C, the receiver's
 * existence (20003) and their blocklist (20007; an in-memory lookup, see blocklistStore.ts); for a
 * group, the sender's mute (10017; an in-memory lookup and the rows the membership check read, see
 * groupMute.ts).
 */
function sendTarget(ctx: Ctx, userId: string, convId: string, convType: number): ConvRef {
  const ref = ctx.emu.access.conv(userId, convId, convType);
  if (convType === C2C) {
    if (!ctx.emu.model.userExists(convId)) {
      throw new ApiError(Err.MSG_INVALID_ID, `user ${convId} does not exist`);
    }
    if (ctx.emu.blocklists.blocks(convId, userId)) {
      throw new ApiError(Err.MSG_IN_PEER_BLACKLIST, `blocked by the receiver: ${convId} has ${userId} on their blocklist`);
    }
  } else {
    requireNotMuted(ctx.emu, ref, userId);
  }
  return ref;
}

/** The prepared message with the sender's profile, as every copy carries it. */
function withSenderProfile(ctx: Ctx, userId: string, prepared: Prepared): JsonObject {
  const profile = ctx.emu.model.profile(userId);
  // Not `{ ...prepared.body, profile }`: see Delivery.deliver on spreads followed by more keys.
  return Object.assign({}, prepared.body, {
    message_sender_profile: { user_profile_identifier: userId, user_profile_nick_name: profile?.nick ?? '', user_profile_face_url: profile?.face_url ?? '' },
  });
}

/**
 * The message as stored in `ref`'s conversation: AVChatRoom and Community groups take no read receipts,
 * so a request for them is dropped (false). The group's type comes with the sender's membership check.
 */
function storedBody(ctx: Ctx, userId: string, prepared: Prepared, ref: ConvRef): JsonObject {
  const body = withSenderProfile(ctx, userId, prepared);
  if (body.message_need_read_receipt === true && ref.groupType !== undefined && !groupTakesReceipts(ref.groupType)) {
    // Assigned, not deleted: a deleted key makes the object slow for every later copy (see fastJson.ts).
    body.message_need_read_receipt = false;
  }
  return body;
}

/** Stores a prepared message, inside a group-commit operation. */
function store(ctx: Ctx, userId: string, deviceId: number, convId: string, convType: number, msgId: string, prepared: Prepared): MessageRow {
  const emu = ctx.emu;
  const ref = sendTarget(ctx, userId, convId, convType);
  const row = emu.delivery.deliver({
    stream: ref.stream,
    convType,
    convId,
    sender: userId,
    senderDevice: deviceId,
    msgId,
    rand: randomUint32(),
    serverTime: emu.serverTime(),
    elemType: prepared.firstType,
    searchText: prepared.searchText,
    noUnread: prepared.noUnread,
    body: storedBody(ctx, userId, prepared, ref),
  });
  grantMergeKeys(emu.db, ref.stream, prepared.mergeKeys);
  return row;
}

/**
 * An online message (message_is_online_msg, see onlineSend.ts), after the checks of any send: pushed to
 * whoever is connected now, nothing stored. Not queued: there is nothing to commit.
 */
function sendOnlineMessage(ctx: Ctx, userId: string, deviceId: number, convId: string, convType: number, msgId: string, prepared: Prepared): string {
  const conv = sendTarget(ctx, userId, convId, convType);
  return sendOnline(ctx.emu, { sender: userId, senderDevice: deviceId, conv, msgId, body: withSenderProfile(ctx, userId, prepared) });
}

/**
 * An online send with the client's message id: a repeat of a recent one (resent after a reconnect) is
 * answered as the first was, and not delivered twice.
 */
function sendOnlineOnce(ctx: Ctx, userId: string, deviceId: number, convId: string, convType: number, msgId: string, prepared: Prepared): string {
  if (ctx.messageId === undefined) {
    return sendOnlineMessage(ctx, userId, deviceId, convId, convType, msgId, prepared);
  }
  const earlier = ctx.emu.recentOnline.find(userId, msgId);
  if (earlier !== undefined) {
    return earlier;
  }
  const answer = sendOnlineMessage(ctx, userId, deviceId, convId, convType, msgId, prepared);
  ctx.emu.recentOnline.remember(userId, msgId, answer);
  return answer;
}

function isOnline(msg: JsonObject): boolean {
  return msg.message_is_online_msg === true;
}

/**
 * *choice*: an online message carries no file or merger elements here. Nothing of it is stored, and
 * downloads (TIMMsgDownloadElemToPath, TIMMsgDownloadMergerMessage) open only payloads of messages the
 * caller can see stored, so its receivers could never open them.
 */
function refuseOnlineEffects(msg: JsonObject): void {
  if (prepareHasEffects(msg)) {
    throw new ApiError(Err.INTERFACE_NOT_SUPPORT, 'tim-emulator sends online messages without image, sound, video, file or merger elements: nothing of an online message is stored to download');
  }
}

/** The client's message id belongs to someone else's message. Answered as it is, not as a failed send. */
class ForeignMessageId extends ApiError {
  constructor() {
    super(Err.INVALID_PARAMETERS, 'message id already used by another sender');
  }
}

/** The stored message a send repeats (same client message id), or undefined when there is none. */
function storedRow(ctx: Ctx, userId: string, msgId: string): MessageRow | undefined {
  const row = ctx.emu.model.roamingByMsgId(msgId);
  if (row !== undefined && row.sender !== userId) {
    throw new ForeignMessageId();
  }
  return row;
}

/** Element types whose preparation has effects (uploads, stored merger payloads): a repeat must not redo them. */
const PREPARE_HAS_EFFECTS: ReadonlySet<unknown> = new Set([Elem.IMAGE, Elem.SOUND, Elem.FILE, Elem.VIDEO, Elem.MERGE]);

function prepareHasEffects(msg: JsonObject): boolean {
  const elems = msg.message_elem_array;
  return Array.isArray(elems) && elems.some((elem) => isObject(elem) && PREPARE_HAS_EFFECTS.has(elem.elem_type));
}

/**
 * The group-commit operation of a send: stores the message, or finds the one a repeated send (same
 * client message id, after a reconnect) stored before. The unique index on message ids detects the
 * repeat (DuplicateMessageId), so a first send, nearly every send, costs no lookup of its own.
 */
function storeOrFind(ctx: Ctx, userId: string, deviceId: number, convId: string, convType: number, msgId: string, prepared: Prepared): { row: MessageRow; repeated: boolean } {
  try {
    return { row: store(ctx, userId, deviceId, convId, convType, msgId, prepared), repeated: false };
  } catch (error: unknown) {
    // Also when a check failed (left the group since, say): the stored message is still the answer.
    const row = error instanceof ApiError && ctx.messageId !== undefined ? storedRow(ctx, userId, msgId) : undefined;
    if (row === undefined) {
      throw error;
    }
    return { row, repeated: true };
  }
}

async function sendMessage(ctx: Ctx, args: Args): Promise<Outcome> {
  const convId = args.str(0);
  const convType = args.int(1);
  const msg = args.jsonObject(2, true) ?? {};
  if (convId.length === 0 || (convType !== C2C && convType !== GROUP)) {
    throw syncParamError('conv_id must be non-empty and conv_type C2C (1) or Group (2)');
  }
  if (ctx.messageId !== undefined && !MESSAGE_ID.test(ctx.messageId)) {
    throw syncParamError('messageId must be 1-127 characters of [A-Za-z0-9_.:-]');
  }
  let login: { userId: string; deviceId: number };
  try {
    login = requireLogin(ctx);
  } catch (error: unknown) {
    throw failed(msg, Status.FAIL, error);
  }
  const { userId, deviceId } = login;
  const clientTime = typeof msg.message_client_time === 'number' ? msg.message_client_time : ctx.emu.serverTime();
  const msgId = ctx.messageId ?? messageIdOf(ctx.emu.model.ensureUser(userId), clientTime, randomUint32());
  const existing = ctx.emu.inFlight.get(msgId);
  if (existing !== undefined && existing.userId === userId) {
    // A resend while the first attempt is still in flight: answer both with the one result.
    return (await existing.done) as Outcome;
  }
  const online = isOnline(msg);
  if (ctx.messageId !== undefined && !online && prepareHasEffects(msg)) {
    // Checked before uploading again; other repeats are found by the insert (storeOrFind).
    const row = storedRow(ctx, userId, msgId);
    if (row !== undefined) {
      return { json: ctx.emu.model.viewText(row, userId, deviceId), messageId: msgId };
    }
  }
  const flight: InFlightSend & { committing: boolean } = { userId, cancelled: false, committing: false, done: Promise.resolve() };
  const run = async (): Promise<Outcome> => {
    try {
      if (online) {
        refuseOnlineEffects(msg);
      }
      const prepared = await prepare(ctx, msg, msgId, flight);
      if (flight.cancelled) {
        throw new ApiError(Err.SEND_FAILED_WITH_CANCEL, 'send cancelled');
      }
      flight.committing = true;
      if (online) {
        return { json: sendOnlineOnce(ctx, userId, deviceId, convId, convType, msgId, prepared), messageId: msgId };
      }
      // Atomic: store's checks come before its first write, and deliver completes or fails on its insert.
      const { row, repeated } = await ctx.emu.queue.enqueue(() => storeOrFind(ctx, userId, deviceId, convId, convType, msgId, prepared), { atomic: true });
      return { json: ctx.emu.model.viewText(row, userId, deviceId, !repeated), messageId: msgId };
    } catch (error: unknown) {
      if (error instanceof ForeignMessageId) {
        throw error;
      }
      const cancelled = error instanceof ApiError && error.code === Err.SEND_FAILED_WITH_CANCEL;
      const sending: JsonObject = { ...msg, message_msg_id: msgId, message_sender: userId, message_conv_id: convId, message_conv_type: convType };
      throw failed(sending, cancelled ? Status.CANCEL : Status.FAIL, error);
    }
  };
  const done = run();
  // The same promise (awaited below, so never an unhandled rejection) answers a concurrent resend.
  flight.done = done;
  ctx.emu.inFlight.set(msgId, flight);
  try {
    return await done;
  } finally {
    ctx.emu.inFlight.delete(msgId);
  }
}

const cancelSend: Handler = (ctx, args) => {
  const convId = args.str(0);
  const convType = args.int(1);
  const messageId = args.str(2);
  if (messageId.length === 0) {
    throw syncParamError('message_id is required');
  }
  const { userId } = requireLogin(ctx);
  ctx.emu.access.conv(userId, convId, convType);
  const flight = ctx.emu.inFlight.get(messageId) as (InFlightSend & { committing?: boolean }) | undefined;
  if (flight === undefined || flight.userId !== userId || flight.committing === true) {
    throw new ApiError(Err.INVALID_CANCEL_MESSAGE, 'the message is not sending or uploading');
  }
  flight.cancelled = true;
  return {};
};

const batchSend: Handler = async (ctx, args) => {
  const param = args.jsonObject(0, true) ?? {};
  const { userId, deviceId } = requireLogin(ctx);
  const receivers = optArray(param, 'msg_batch_send_param_identifier_array');
  const msg = optObject(param, 'msg_batch_send_param_msg');
  if (receivers === undefined || receivers.length === 0 || msg === undefined) {
    throw invalidParam('msg_batch_send_param_identifier_array and msg_batch_send_param_msg are required');
  }
  if (receivers.length > MAX_BATCH_RECEIVERS) {
    throw invalidParam(`at most ${MAX_BATCH_RECEIVERS} receivers`);
  }
  const users = receivers.map((value) => {
    if (typeof value !== 'string' || value.length === 0) {
      throw invalidParam('receivers must be user ids');
    }
    return value;
  });
  const online = isOnline(msg);
  if (online) {
    refuseOnlineEffects(msg);
  }
  const flight: InFlightSend = { userId, cancelled: false, done: Promise.resolve() };
  const prepared = await prepare(ctx, msg, 'batch', flight);
  const tiny = ctx.emu.model.ensureUser(userId);
  const results = await Promise.all(
    users.map((receiver) => {
      const msgId = messageIdOf(tiny, ctx.emu.serverTime(), randomUint32());
      // *choice*: an online batch sends each receiver an online message (their connected devices only).
      const sent: Promise<JsonObject> = online
        ? Promise.resolve().then(() => parseTimJson(sendOnlineMessage(ctx, userId, deviceId, receiver, C2C, msgId, prepared)) as JsonObject)
        : ctx.emu.queue.enqueue(() => store(ctx, userId, deviceId, receiver, C2C, msgId, prepared)).then((row) => ctx.emu.model.view(row, userId, deviceId));
      return sent
        .then(
          (view) => ({ msg_batch_send_result_identifier: receiver, msg_batch_send_result_code: 0, msg_batch_send_result_desc: '', msg_batch_send_result_msg: view }),
          (error: unknown) => ({
            msg_batch_send_result_identifier: receiver,
            msg_batch_send_result_code: error instanceof ApiError ? error.code : Err.INTERNAL_ERROR,
            msg_batch_send_result_desc: error instanceof ApiError ? error.desc : String(error),
            msg_batch_send_result_msg: { ...msg, message_msg_id: msgId, message_conv_id: receiver, message_conv_type: C2C, message_status: Status.FAIL },
          }),
        );
    }),
  );
  return { json: stringifyTimJson(results) };
};

export const sendHandlers: Record<string, Handler> = {
  TIMMsgSendMessage: sendMessage,
  TIMMsgSendNewMsg: sendMessage,
  TIMMsgCancelSend: cancelSend,
  TIMMsgBatchSend: batchSend,
};

