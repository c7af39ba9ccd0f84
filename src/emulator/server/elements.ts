/**
 * Message elements as TIMMsgSendMessage accepts them: the SDK refuses group tips and group report
 * elements (the server makes those), each element type needs its required fields, a merger nests at
 * most 100 layers, and the whole body is limited to 12 KB (TIM's limit, 80002). Also derives the text the
 * full-text index holds and which elements carry a local file to upload.
 */
import { ApiError, Err } from './apiError';
import { isObject, type JsonObject } from './args';

export const Elem = {
  TEXT: 0,
  IMAGE: 1,
  SOUND: 2,
  CUSTOM: 3,
  FILE: 4,
  GROUP_TIPS: 5,
  FACE: 6,
  LOCATION: 7,
  GROUP_REPORT: 8,
  VIDEO: 9,
  MERGE: 12,
} as const;

/** Download types (TIMDownloadType) and which element field holds each payload's local path. */
export interface UploadSlot {
  readonly elemIndex: number;
  readonly pathKey: string;
  readonly idKey: string;
  readonly urlKey: string;
  readonly sizeKey?: string;
  readonly downloadType: number;
  readonly required: boolean;
}

export const MAX_BODY_BYTES = 12 * 1024;
export const MAX_MERGE_LAYERS = 100;

export interface CheckedElements {
  readonly elems: JsonObject[];
  readonly firstType: number;
  readonly searchText: string;
  readonly uploads: UploadSlot[];
}

function need(elem: JsonObject, key: string, type: 'string' | 'number', index: number): void {
  const value = elem[key];
  const ok = type === 'string' ? typeof value === 'string' : typeof value === 'number' || typeof value === 'bigint';
  if (!ok) {
    throw new ApiError(Err.INVALID_MSG_ELEM, `element ${index}: ${key} is required (${type})`);
  }
}

function mergeDepth(elem: JsonObject): number {
  const messages = elem.merge_elem_message_array;
  if (!Array.isArray(messages)) {
    return 1;
  }
  let deepest = 0;
  for (const message of messages) {
    if (isObject(message) && Array.isArray(message.message_elem_array)) {
      for (const inner of message.message_elem_array) {
        if (isObject(inner) && inner.elem_type === Elem.MERGE) {
          deepest = Math.max(deepest, mergeDepth(inner));
        }
      }
    }
  }
  return deepest + 1;
}

/** Validates the element array of a message to send (or to import/save, with `allowServerTypes`). */
export function checkElements(value: unknown, options: { allowServerTypes?: boolean } = {}): CheckedElements {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ApiError(Err.INVALID_MSG_ELEM, 'message_elem_array must be a non-empty array');
  }
  const elems: JsonObject[] = [];
  const texts: string[] = [];
  const uploads: UploadSlot[] = [];
  value.forEach((raw, index) => {
    if (!isObject(raw)) {
      throw new ApiError(Err.INVALID_MSG_ELEM, `element ${index} is not an object`);
    }
    const type = raw.elem_type;
    if (typeof type !== 'number') {
      throw new ApiError(Err.INVALID_MSG_ELEM, `element ${index}: elem_type is required`);
    }
    switch (type) {
      case Elem.TEXT:
        need(raw, 'text_elem_content', 'string', index);
        texts.push(String(raw.text_elem_content));
        break;
      case Elem.CUSTOM:
        for (const key of ['custom_elem_data', 'custom_elem_desc', 'custom_elem_ext']) {
          if (raw[key] !== undefined && typeof raw[key] !== 'string') {
            throw new ApiError(Err.INVALID_MSG_ELEM, `element ${index}: ${key} must be a string`);
          }
        }
        texts.push([raw.custom_elem_data, raw.custom_elem_desc, raw.custom_elem_ext].filter((v) => typeof v === 'string').join(' '));
        break;
      case Elem.IMAGE:
        need(raw, 'image_elem_orig_path', 'string', index);
        uploads.push({ elemIndex: index, pathKey: 'image_elem_orig_path', idKey: 'image_elem_orig_id', urlKey: 'image_elem_orig_url', sizeKey: 'image_elem_orig_pic_size', downloadType: -1, required: true });
        break;
      case Elem.SOUND:
        need(raw, 'sound_elem_file_path', 'string', index);
        uploads.push({ elemIndex: index, pathKey: 'sound_elem_file_path', idKey: 'sound_elem_file_id', urlKey: 'sound_elem_url', sizeKey: 'sound_elem_file_size', downloadType: 3, required: true });
        break;
      case Elem.FILE:
        need(raw, 'file_elem_file_path', 'string', index);
        if (raw.file_elem_file_name !== undefined && typeof raw.file_elem_file_name !== 'string') {
          throw new ApiError(Err.INVALID_MSG_ELEM, `element ${index}: file_elem_file_name must be a string`);
        }
        texts.push(typeof raw.file_elem_file_name === 'string' ? raw.file_elem_file_name : '');
        uploads.push({ elemIndex: index, pathKey: 'file_elem_file_path', idKey: 'file_elem_file_id', urlKey: 'file_elem_url', sizeKey: 'file_elem_file_size', downloadType: 1, required: true });
        break;
      case Elem.VIDEO:
        need(raw, 'video_elem_video_path', 'string', index);
        uploads.push({ elemIndex: index, pathKey: 'video_elem_video_path', idKey: 'video_elem_video_id', urlKey: 'video_elem_video_url', sizeKey: 'video_elem_video_size', downloadType: 2, required: true });
        if (typeof raw.video_elem_image_path === 'string' && raw.video_elem_image_path.length > 0) {
          uploads.push({ elemIndex: index, pathKey: 'video_elem_image_path', idKey: 'video_elem_image_id', urlKey: 'video_elem_image_url', sizeKey: 'video_elem_image_size', downloadType: 0, required: false });
        }
        break;
      case Elem.FACE:
        need(raw, 'face_elem_index', 'number', index);
        break;
      case Elem.LOCATION:
        need(raw, 'location_elem_longitude', 'number', index);
        need(raw, 'location_elem_latitude', 'number', index);
        texts.push(typeof raw.location_elem_desc === 'string' ? raw.location_elem_desc : '');
        break;
      case Elem.MERGE:
        need(raw, 'merge_elem_title', 'string', index);
        if (!Array.isArray(raw.merge_elem_message_array) || raw.merge_elem_message_array.length === 0) {
          throw new ApiError(Err.INVALID_MSG_ELEM, `element ${index}: merge_elem_message_array must be a non-empty array`);
        }
        if (mergeDepth(raw) > MAX_MERGE_LAYERS) {
          throw new ApiError(Err.MERGER_LAYERS_OVER_LIMIT, 'merger message nests more than 100 layers');
        }
        texts.push(String(raw.merge_elem_title));
        break;
      case Elem.GROUP_TIPS:
      case Elem.GROUP_REPORT:
        if (options.allowServerTypes !== true) {
          throw new ApiError(Err.INVALID_MSG_ELEM, 'group tips and group report elements are sent by the server only');
        }
        break;
      default:
        throw new ApiError(Err.INVALID_MSG_ELEM, `element ${index}: unsupported elem_type ${type}`);
    }
    elems.push({ ...raw });
  });
  const first = elems[0];
  return {
    elems,
    firstType: first === undefined ? 0 : Number(first.elem_type),
    searchText: texts.filter((t) => t.length > 0).join('\n'),
    uploads,
  };
}

/** TIM's body limit, measured on what the element array costs on the wire (merger payloads excluded). */
function withoutMergedMessages(elem: JsonObject): JsonObject {
  const { merge_elem_message_array: _omit, ...rest } = elem;
  return rest;
}

export function checkBodySize(elems: JsonObject[], extra: string): void {
  const texts = [extra];
  for (const elem of elems) {
    // The copy without the merged messages only for mergers: an object rest with an excluded key is a
    // slow runtime copy, and every send passes here.
    const rest = elem.merge_elem_message_array === undefined ? elem : withoutMergedMessages(elem);
    let text: string;
    try {
      text = JSON.stringify(rest);
    } catch {
      text = JSON.stringify(rest, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    }
    texts.push(text);
  }
  // A UTF-16 code unit is at most 3 UTF-8 bytes: only a body that could be over the limit is measured
  // (Buffer.byteLength scans the whole text, slowly for any text with a non-Latin-1 character).
  let units = 0;
  for (const text of texts) {
    units += text.length;
  }
  if (units * 3 <= MAX_BODY_BYTES) {
    return;
  }
  let bytes = 0;
  for (const text of texts) {
    bytes += Buffer.byteLength(text, 'utf8');
  }
  if (bytes > MAX_BODY_BYTES) {
    throw new ApiError(Err.BODY_SIZE_LIMIT, `message body is ${bytes} bytes, more than TIM's 12 KB`);
  }
}
