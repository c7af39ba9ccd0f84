/**
 * Online messages (`message_is_online_msg`, kTIMMsgIsOnlineMsg, TIMMessageManager.h 7.12 "在线消息"):
 * only the receivers' devices connected at the moment of the send get it (C2C: the peer's; group: the
 * members'), and the sender's other connected devices; a device offline then never does. Nothing is
 * stored: no message row, no seq (0), no conversation change, no unread, no stored event. The copies go
 * out at once as seq-0 RecvNewMsg frames, which are never stored or replayed, honouring receive options
 * (Not_Receive: not delivered). Afterwards there is nothing to find, list, search, revoke, modify or
 * react to: those calls answer as for any unknown message (7011). A send repeated with the same client
 * message id (the endpoint resends what a reconnect left unanswered) is answered from RecentOnlineSends
 * and not delivered again.
 */
import type { ConvRef } from '../access';
import type { JsonObject } from '../args';
import type { Emulator } from '../context';
import { NOT_RECEIVE } from '../delivery';
import { stringifyFast } from '../fastJson';
import { type OutFrame, recvNewMsgFrame } from '../frameText';
import { type BodyText, Status, newUniqueId, randomUint32, viewerConvId, viewerTail } from '../messageModel';

export interface OnlineMessage {
  readonly sender: string;
  /** The sending device: it gets the answer, not a RecvNewMsg. */
  readonly senderDevice: number;
  /** Checked already: the sender may send into it, and a C2C receiver exists. */
  readonly conv: ConvRef;
  readonly msgId: string;
  /** The prepared message (sender profile included) without the server's fields. */
  readonly body: JsonObject;
}

/**
 * Pushes the message to every device that should get it and is connected now; returns the sender's
 * copy as JSON text (the send's answer).
 */
export function sendOnline(emu: Emulator, message: OnlineMessage): string {
  const { sender, conv } = message;
  const serverTime = emu.serverTime();
  // Not `{ ...body, fields }`: see Delivery.deliver on spreads followed by more keys.
  const shared = Object.assign({}, message.body, {
    message_conv_type: conv.convType,
    message_sender: sender,
    message_server_time: serverTime,
    message_seq: 0,
    message_rand: randomUint32(),
    message_msg_id: message.msgId,
    message_is_online_msg: true,
    message_unique_id: newUniqueId(serverTime),
  });
  const text: BodyText = { open: stringifyFast(shared).slice(0, -1), convId: conv.convId };
  const viewText = (viewer: string): string => {
    const self = viewer === sender;
    // As a message just delivered reads (MessageModel.readFlags); it counts in no unread count all the same.
    return `${text.open}${viewerTail(text, viewerConvId(conv.convType, conv.convId, sender, viewer), self, Status.SUCC, self, false)}`;
  };
  for (const { user, opt } of emu.delivery.participants(conv.convType, conv.convId, sender)) {
    if (user !== sender && opt === NOT_RECEIVE) {
      continue;
    }
    let frame: OutFrame | undefined;
    for (const device of emu.hub.devicesOf(user)) {
      // A logged-in device without a sink is offline (its socket dropped): it never gets this one.
      const sink = device === message.senderDevice ? undefined : emu.hub.sinkOf(device);
      if (sink !== undefined) {
        frame ??= recvNewMsgFrame(0, [viewText(user)]);
        sink.pushFrame(frame);
      }
    }
  }
  return viewText(sender);
}

/** How long, and for how many sends, a repeat of an online send is recognised (a reconnect's resend comes within seconds). */
const REPEAT_WINDOW_MS = 10 * 60 * 1000;
const MAX_REMEMBERED = 10_000;

/**
 * The answers of recent online sends by client message id: nothing of an online message is stored, so
 * this is how a resend after a reconnect is told from a new message. Bounded in time and count; the
 * oldest go first (a Map keeps insertion order).
 */
export class RecentOnlineSends {
  private readonly sends = new Map<string, { readonly userId: string; readonly answer: string; readonly at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The answer of the same user's online send with this id, if it was recent. */
  find(userId: string, msgId: string): string | undefined {
    this.forgetOld();
    const sent = this.sends.get(msgId);
    return sent !== undefined && sent.userId === userId ? sent.answer : undefined;
  }

  remember(userId: string, msgId: string, answer: string): void {
    this.sends.delete(msgId);
    this.sends.set(msgId, { userId, answer, at: this.now() });
    this.forgetOld();
  }

  private forgetOld(): void {
    const oldest = this.now() - REPEAT_WINDOW_MS;
    for (const [msgId, sent] of this.sends) {
      if (sent.at >= oldest && this.sends.size <= MAX_REMEMBERED) {
        break;
      }
      this.sends.delete(msgId);
    }
  }
}
