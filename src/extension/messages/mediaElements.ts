/**
 * Files in messages: what to send for a chosen file (image or file element), and how to download an
 * element's payload (TIMMsgDownloadElemToPath's parameter, a safe file name for it). Pure: unit-tested.
 */
import path from 'node:path';
import { TIMDownloadType, TIMElemType, TIMImageLevel } from '../../tim/enums';
import type { TimElem, TimSendableElem } from '../../tim/types/elements';
import type { TimDownloadElemParam } from '../../tim/types/messageParams';

/** Tencent Cloud Chat's upload limits. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
export const MAX_IMAGE_BYTES = 28 * 1024 * 1024;

/** Image types a webview shows inline (and TIM accepts as image elements). */
export const IMAGE_EXTENSIONS: readonly string[] = ['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp'];

export function isImagePath(filePath: string): boolean {
  return IMAGE_EXTENSIONS.includes(path.extname(filePath).slice(1).toLowerCase());
}

/** The element that sends `filePath`: an image element for images when asked, a file element otherwise. */
export function elementForFile(filePath: string, size: number, asImage: boolean): TimSendableElem {
  if (asImage && isImagePath(filePath)) {
    return { elem_type: TIMElemType.Image, image_elem_orig_path: filePath, image_elem_level: TIMImageLevel.Orig };
  }
  return { elem_type: TIMElemType.File, file_elem_file_path: filePath, file_elem_file_name: path.basename(filePath), file_elem_file_size: size };
}

/** Why a file cannot be sent, as a key the caller translates; undefined when it can. */
export function fileProblem(size: number, image: boolean): 'empty' | 'tooLarge' | undefined {
  if (size <= 0) {
    return 'empty';
  }
  return size > (image ? MAX_IMAGE_BYTES : MAX_FILE_BYTES) ? 'tooLarge' : undefined;
}

/** A file name safe on every platform, from message data (never a path). */
export function safeFileName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f<>:"|?*]/g, '_').replace(/^\.+/, '').trim().slice(0, 200);
  return cleaned || fallback;
}

export interface DownloadTarget {
  readonly param: TimDownloadElemParam;
  /** The name to offer in the save dialog. */
  readonly name: string;
  /** The payload's id: a stable cache key. */
  readonly id: string;
  /** Its size in bytes, when the element says (0 or absent: unknown). */
  readonly size?: number;
}

/** What TIMMsgDownloadElemToPath needs for an element; undefined for elements without a payload. */
export function downloadTargetOf(elem: TimElem | undefined): DownloadTarget | undefined {
  if (!elem) {
    return undefined;
  }
  switch (elem.elem_type) {
    case TIMElemType.Image: {
      const id = elem.image_elem_orig_id ?? '';
      const url = elem.image_elem_orig_url ?? '';
      // Image downloads use the file type: TIMDownloadType has no image kind; the id names the payload.
      return id || url ? { id: id || url, name: safeFileName(elem.image_elem_orig_path, 'image'), size: elem.image_elem_orig_pic_size, param: { msg_download_elem_param_type: TIMDownloadType.File, msg_download_elem_param_id: id, msg_download_elem_param_business_id: 0, msg_download_elem_param_url: url } } : undefined;
    }
    case TIMElemType.File: {
      const id = elem.file_elem_file_id ?? '';
      const url = elem.file_elem_url ?? '';
      return id || url ? { id: id || url, name: safeFileName(elem.file_elem_file_name || elem.file_elem_file_path, 'file'), size: elem.file_elem_file_size, param: { msg_download_elem_param_type: TIMDownloadType.File, msg_download_elem_param_id: id, msg_download_elem_param_business_id: Number(elem.file_elem_business_id ?? 0), msg_download_elem_param_url: url } } : undefined;
    }
    case TIMElemType.Sound: {
      const id = elem.sound_elem_file_id ?? '';
      const url = elem.sound_elem_url ?? '';
      return id || url ? { id: id || url, name: safeFileName(elem.sound_elem_file_path, 'voice'), size: elem.sound_elem_file_size, param: { msg_download_elem_param_type: TIMDownloadType.Sound, msg_download_elem_param_id: id, msg_download_elem_param_business_id: Number(elem.sound_elem_business_id ?? 0), msg_download_elem_param_url: url } } : undefined;
    }
    case TIMElemType.Video: {
      const id = elem.video_elem_video_id ?? '';
      const url = elem.video_elem_video_url ?? '';
      return id || url ? { id: id || url, name: safeFileName(elem.video_elem_video_path, 'video'), size: elem.video_elem_video_size, param: { msg_download_elem_param_type: TIMDownloadType.Video, msg_download_elem_param_id: id, msg_download_elem_param_business_id: Number(elem.video_elem_business_id ?? 0), msg_download_elem_param_url: url } } : undefined;
    }
    default:
      return undefined;
  }
}

/** The cache file of an image payload inside `mediaDir`, or undefined when the id is not a safe name. */
export function cachedImagePath(mediaDir: string, target: DownloadTarget): string | undefined {
  const key = /^[A-Za-z0-9_-]{1,128}$/.test(target.id) ? target.id : undefined;
  const ext = path.extname(target.name).slice(1).toLowerCase();
  if (!key || !IMAGE_EXTENSIONS.includes(ext)) {
    return undefined;
  }
  const file = path.join(mediaDir, `${key}.${ext}`);
  return path.dirname(file) === path.normalize(mediaDir) ? file : undefined;
}
