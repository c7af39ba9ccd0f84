/**
 * Frames carrying a message's JSON written from its text escaped once. A result or RecvNewMsg frame
 * holds the message JSON as a JSON string, so writing the frame escapes the whole message again
 * (slowly, for a message with any non-Latin-1 character: a two-byte string). A message's shared part
 * is escaped once (MessageModel.viewTextEscaped) and every frame carrying it splices that in.
 *
 * Escaping is per character, so the escape of a concatenation is the concatenation of the escapes.
 */
import type { ResultFrame } from '../protocol';

/** The inside of the JSON string literal of `text` (without the quotes). */
export function escapeJsonText(text: string): string {
  const quoted = JSON.stringify(text);
  return quoted.slice(1, -1);
}

/** Where a result frame keeps its json escaped already (a symbol: JSON.stringify skips it). */
export const ESCAPED_JSON = Symbol('escapedJson');

export type ResultWithEscaped = ResultFrame & { [ESCAPED_JSON]?: string };

/**
 * The text of a result frame whose json was escaped already, as JSON.stringify would write the frame;
 * undefined for frames it does not write (a `value` or `syncError`: the generic path).
 */
export function resultFrameText(frame: ResultWithEscaped): string | undefined {
  const escaped = frame[ESCAPED_JSON];
  if (escaped === undefined || frame.value !== undefined || frame.syncError !== undefined) {
    return undefined;
  }
  let text = `{"type":"result","id":${frame.id},"code":${frame.code},"desc":${JSON.stringify(frame.desc)},"json":"${escaped}"`;
  if (frame.messageId !== undefined) {
    text += `,"messageId":${JSON.stringify(frame.messageId)}`;
  }
  if (frame.eventSeq !== undefined) {
    text += `,"eventSeq":${frame.eventSeq}`;
  }
  return `${text}}`;
}

/** A RecvNewMsg event frame from the escaped texts of its messages. */
export function recvNewMsgFrameText(seq: number, escapedMessages: readonly string[]): string {
  return `{"type":"event","seq":${seq},"event":{"name":"RecvNewMsg","json":"[${escapedMessages.join(',')}]"}}`;
}
