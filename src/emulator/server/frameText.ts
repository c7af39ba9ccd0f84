/**
 * Frames that carry JSON inside a JSON string (a result's json, RecvNewMsg's message array, ConvEvent's
 * conversations): the main thread hands them to the socket worker as a SplicedFrame (the frame's text
 * before the string, the JSON to write into it, the text after), and the worker escapes the JSON while
 * it writes the frame. Escaping (JSON.stringify of a two-byte string allocates about four times its
 * output) was 9-19% of the main thread's time per send (bench/emulator/corePerSend.ts); the socket
 * worker has the time.
 *
 * Escaping is per character, so the escape of a concatenation is the concatenation of the escapes, and
 * head + escape(json) + tail is the frame JSON.stringify would write.
 */
import type { ResultFrame } from '../protocol';

/** A frame written as head + (json escaped as the contents of a JSON string) + tail. */
export class SplicedFrame {
  constructor(
    readonly head: string,
    readonly json: string,
    readonly tail: string,
  ) {}
}

/** What a connection writes: a frame's text, or a frame whose escaping is left to the writer. */
export type OutFrame = string | SplicedFrame;

/** The inside of the JSON string literal of `text` (without the quotes). */
export function escapeJsonText(text: string): string {
  const quoted = JSON.stringify(text);
  return quoted.slice(1, -1);
}

/** The text of a spliced frame from its parts (what the socket worker writes). */
export function splicedText(head: string, json: string, tail: string): string {
  return `${head}${escapeJsonText(json)}${tail}`;
}

/** The text of a frame. */
export function frameText(frame: OutFrame): string {
  return typeof frame === 'string' ? frame : splicedText(frame.head, frame.json, frame.tail);
}

/**
 * A result frame as JSON.stringify would write it, its json left to the writer to escape; undefined for
 * frames it does not write (a `value` or `syncError`: the generic path).
 */
export function resultFrame(frame: ResultFrame): OutFrame | undefined {
  if (frame.value !== undefined || frame.syncError !== undefined) {
    return undefined;
  }
  const head = `{"type":"result","id":${frame.id},"code":${frame.code},"desc":${JSON.stringify(frame.desc)},"json":"`;
  let tail = '"';
  if (frame.messageId !== undefined) {
    tail += `,"messageId":${JSON.stringify(frame.messageId)}`;
  }
  if (frame.eventSeq !== undefined) {
    tail += `,"eventSeq":${frame.eventSeq}`;
  }
  tail += '}';
  return frame.json === '' ? `${head}${tail}` : new SplicedFrame(head, frame.json, tail);
}

/** A RecvNewMsg event frame carrying the JSON texts of its messages. */
export function recvNewMsgFrame(seq: number, messages: readonly string[]): SplicedFrame {
  return new SplicedFrame(`{"type":"event","seq":${seq},"event":{"name":"RecvNewMsg","json":"`, `[${messages.join(',')}]`, '"}}');
}
