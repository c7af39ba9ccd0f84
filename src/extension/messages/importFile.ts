/**
 * Reads a JSON file of TIM messages for "Import Messages…" and checks every message before anything is
 * imported, so a bad file imports nothing and says which message is wrong. Accepts an array of messages
 * (TIMMsgImportMsgList's own format, as TIMMsgGetMsgList returns them) or `{ "messages": [...] }`.
 * uint64 fields keep their precision (src/tim/json.ts). Pure: unit-tested.
 */
import { TIMElemType } from '../../tim/enums';
import { parseTimJson } from '../../tim/json';
import type { TimMessageParam } from '../../tim/types/message';

export const MAX_IMPORT_MESSAGES = 5000;

export type ImportProblem =
  | { readonly kind: 'notJson'; readonly detail: string }
  | { readonly kind: 'notList' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'tooMany'; readonly count: number }
  | { readonly kind: 'badMessage'; readonly index: number; readonly detail: string };

const IMPORTABLE: ReadonlySet<number> = new Set([
  TIMElemType.Text, TIMElemType.Custom, TIMElemType.Face, TIMElemType.Location, TIMElemType.Merge,
  TIMElemType.Image, TIMElemType.Sound, TIMElemType.Video, TIMElemType.File,
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function elementProblem(elem: unknown, index: number): string | undefined {
  if (!isObject(elem)) {
    return `element ${index} is not an object`;
  }
  const type = Number(elem.elem_type);
  if (!IMPORTABLE.has(type)) {
    return `element ${index} has elem_type ${String(elem.elem_type)}, which cannot be imported`;
  }
  if (type === TIMElemType.Text && typeof elem.text_elem_content !== 'string') {
    return `element ${index} (text) has no text_elem_content string`;
  }
  return undefined;
}

/** The messages to import, or the first problem found. */
export function parseImportFile(text: string, selfId: string): { messages: TimMessageParam[] } | { problem: ImportProblem } {
  let parsed: unknown;
  try {
    parsed = parseTimJson(text.replace(/^\uFEFF/, ''));
  } catch (error: unknown) {
    return { problem: { kind: 'notJson', detail: error instanceof Error ? error.message : String(error) } };
  }
  const list = Array.isArray(parsed) ? parsed : isObject(parsed) && Array.isArray(parsed.messages) ? parsed.messages : undefined;
  if (!list) {
    return { problem: { kind: 'notList' } };
  }
  if (list.length === 0) {
    return { problem: { kind: 'empty' } };
  }
  if (list.length > MAX_IMPORT_MESSAGES) {
    return { problem: { kind: 'tooMany', count: list.length } };
  }
  const messages: TimMessageParam[] = [];
  for (const [index, raw] of list.entries()) {
    if (!isObject(raw)) {
      return { problem: { kind: 'badMessage', index: index + 1, detail: 'not an object' } };
    }
    const elems = raw.message_elem_array;
    if (!Array.isArray(elems) || elems.length === 0) {
      return { problem: { kind: 'badMessage', index: index + 1, detail: 'message_elem_array is missing or empty' } };
    }
    for (const [i, elem] of elems.entries()) {
      const problem = elementProblem(elem, i);
      if (problem) {
        return { problem: { kind: 'badMessage', index: index + 1, detail: problem } };
      }
    }
    if (raw.message_sender !== undefined && typeof raw.message_sender !== 'string') {
      return { problem: { kind: 'badMessage', index: index + 1, detail: 'message_sender is not a string' } };
    }
    const sender = typeof raw.message_sender === 'string' && raw.message_sender ? raw.message_sender : selfId;
    // Ids and conversation fields belong to where the message came from: TIM gives the imported copy its own.
    const { message_msg_id: _id, message_conv_id: _conv, message_conv_type: _type, message_seq: _seq, message_unique_id: _unique, ...rest } = raw;
    messages.push({ ...(rest as unknown as TimMessageParam), message_sender: sender, message_is_from_self: sender === selfId });
  }
  return { messages };
}
