/**
 * Reads the records timchatRelay.c queues (its header comment has the layout) and calls each one's
 * handler with the same arguments koffi would have passed for that callback shape, so a handler works
 * unchanged on either relay. Pure: no koffi, no sockets, so it is tested on hand-made buffers too.
 */
import type { CallbackShape } from './prototypes';

/** Shape numbers as the C enum has them; the order is the wire format. */
export const RELAY_SHAPES: readonly CallbackShape[] = [
  'comm',
  'json',
  'uploadProgress',
  'convEvent',
  'count',
  'networkStatus',
  'signal',
  'groupPinned', // version 2
  'groupReadMembers', // version 3
];

export const RECORD_HEADER = 40;
const NULL_STRING = 0xffffffff;
/** koffi passes a 64-bit integer as a number within +-2^53 (inclusive) and as a bigint beyond: the reader does the same. */
const KOFFI_NUMBER_MAX = 2n ** 53n;

/** A handler gets the callback's C arguments in order, user_data (a number) last. */
export type RelayHandler = (...args: never[]) => void;

/**
 * Calls the handler of every record in `buffer[0, length)`, in order. `handlers[shape][slot]` may be
 * missing (a slot from an older endpoint that is gone): that record is dropped. A throwing handler
 * goes to `onError` and the rest are still delivered.
 */
export function dispatchRecords(
  buffer: Buffer,
  length: number,
  handlers: ReadonlyArray<ReadonlyArray<RelayHandler | undefined>>,
  onError: (error: unknown) => void,
): void {
  let at = 0;
  while (at + RECORD_HEADER <= length) {
    const size = buffer.readUInt32LE(at);
    if (size < RECORD_HEADER || at + size > length) {
      throw new Error(`relay: corrupt record of ${size} bytes at ${at} of ${length}`);
    }
    const handler = handlers[buffer[at + 4]]?.[buffer[at + 5]];
    if (handler !== undefined) {
      try {
        callHandler(handler as (...args: unknown[]) => void, buffer, at);
      } catch (error) {
        onError(error);
      }
    }
    at += size;
  }
}

function callHandler(handler: (...args: unknown[]) => void, buffer: Buffer, at: number): void {
  const shape = buffer[at + 4];
  // user_data is pointer-sized; the bridge's ids and tags stay far below 2^53.
  const userData = buffer.readUInt32LE(at + 24) + buffer.readUInt32LE(at + 28) * 0x1_0000_0000;
  const len1 = buffer.readUInt32LE(at + 32);
  const len2 = buffer.readUInt32LE(at + 36);
  const start1 = at + RECORD_HEADER;
  const start2 = start1 + (len1 === NULL_STRING ? 0 : len1);
  const start3 = start2 + (len2 === NULL_STRING ? 0 : len2);
  const s1 = len1 === NULL_STRING ? null : buffer.toString('utf8', start1, start2);
  const s2 = len2 === NULL_STRING ? null : buffer.toString('utf8', start2, start3);
  switch (RELAY_SHAPES[shape]) {
    case 'comm':
      return handler(buffer.readInt32LE(at + 8), s1, s2, userData);
    case 'json':
      return handler(s1, userData);
    case 'uploadProgress':
      return handler(s1, buffer.readUInt32LE(at + 8), buffer.readUInt32LE(at + 12), buffer.readUInt32LE(at + 16), userData);
    case 'convEvent':
      return handler(buffer.readInt32LE(at + 8), s1, userData);
    case 'count':
      return handler(buffer.readInt32LE(at + 8), userData);
    case 'networkStatus':
      return handler(buffer.readInt32LE(at + 8), buffer.readInt32LE(at + 12), s1, userData);
    case 'signal':
      return handler(userData);
    case 'groupPinned': {
      // The only shape with a third string: its length is the header word at 20 (0 in every other shape).
      const len3 = buffer.readUInt32LE(at + 20);
      const s3 = len3 === NULL_STRING ? null : buffer.toString('utf8', start3, start3 + len3);
      return handler(s1, s2, buffer.readInt32LE(at + 8) !== 0, s3, userData);
    }
    case 'groupReadMembers': {
      // next_seq: a holds its low 32 bits, b its high 32 bits, so together they are the 64-bit integer at
      // offset 8; is_finished is c. Read signed, as koffi 3.3.4 reads a uint64_t callback argument
      // (interp.cc: RELAY(PushUInt64) uses int64_t): from 2^63 up it arrives negative on both relays, and
      // the bridge takes it back to unsigned (groupReadMembersAnswer).
      const nextSeq = buffer.readBigInt64LE(at + 8);
      const asKoffi = nextSeq <= KOFFI_NUMBER_MAX && nextSeq >= -KOFFI_NUMBER_MAX ? Number(nextSeq) : nextSeq;
      return handler(s1, asKoffi, buffer.readUInt32LE(at + 16) !== 0, userData);
    }
    default:
      throw new Error(`relay: unknown callback shape ${shape}`);
  }
}
