/**
 * A C2C text message as Delivery.deliver takes it from a send, for tests of the emulator core below
 * the API (group commit, counters): one place that knows the NewMessage shape.
 */
import type { NewMessage } from '../../../src/emulator/server/delivery';
import { c2cStream } from '../../../src/emulator/server/messageModel';

export function c2cText(from: string, to: string, options: { msgId: string; words?: string; serverTime?: number }): NewMessage {
  const words = options.words ?? 'hi';
  return {
    stream: c2cStream(from, to),
    convType: 1,
    convId: to,
    sender: from,
    senderDevice: 0,
    msgId: options.msgId,
    rand: 1,
    serverTime: options.serverTime ?? 1700000000,
    elemType: 0,
    searchText: words,
    noUnread: false,
    body: { message_elem_array: [{ elem_type: 0, text_elem_content: words }] },
  };
}
