/**
 * The message elements a user can send (TIMMessageManager.h 7.2-7.8), discriminated by `elem_type`,
 * and the union of every element a message can carry. Fields marked read-only in the headers are
 * optional here: the SDK fills them in on messages it returns.
 */
import type { TIMElemType, TIMImageLevel } from '../enums';
import type { TimGroupReportElem, TimGroupTipsElem } from './groupElements';
import type { TimMessage } from './message';

/** 7.2 TextElem. */
export interface TimTextElem {
  readonly elem_type: typeof TIMElemType.Text;
  readonly text_elem_content: string;
}

/** 7.8 FaceElem. */
export interface TimFaceElem {
  readonly elem_type: typeof TIMElemType.Face;
  readonly face_elem_index: number;
  readonly face_elem_buf?: string;
}

/** 7.8 LocationElem. */
export interface TimLocationElem {
  readonly elem_type: typeof TIMElemType.Location;
  readonly location_elem_desc?: string;
  readonly location_elem_longitude: number;
  readonly location_elem_latitude: number;
}

/** 7.3 CustomElem. */
export interface TimCustomElem {
  readonly elem_type: typeof TIMElemType.Custom;
  readonly custom_elem_data?: string;
  readonly custom_elem_desc?: string;
  readonly custom_elem_ext?: string;
  readonly custom_elem_sound?: string;
}

/** 7.4 ImageElem. The SDK uploads `image_elem_orig_path` and fills in the three renditions. */
export interface TimImageElem {
  readonly elem_type: typeof TIMElemType.Image;
  readonly image_elem_orig_path: string;
  readonly image_elem_level: TIMImageLevel;
  readonly image_elem_format?: number;
  readonly image_elem_orig_id?: string;
  readonly image_elem_orig_pic_height?: number;
  readonly image_elem_orig_pic_width?: number;
  readonly image_elem_orig_pic_size?: number;
  readonly image_elem_thumb_id?: string;
  readonly image_elem_thumb_pic_height?: number;
  readonly image_elem_thumb_pic_width?: number;
  readonly image_elem_thumb_pic_size?: number;
  readonly image_elem_large_id?: string;
  readonly image_elem_large_pic_height?: number;
  readonly image_elem_large_pic_width?: number;
  readonly image_elem_large_pic_size?: number;
  readonly image_elem_orig_url?: string;
  readonly image_elem_thumb_url?: string;
  readonly image_elem_large_url?: string;
  readonly image_elem_task_id?: number;
}

/** 7.5 SoundElem. */
export interface TimSoundElem {
  readonly elem_type: typeof TIMElemType.Sound;
  readonly sound_elem_file_path: string;
  readonly sound_elem_file_size: number;
  /** Seconds. */
  readonly sound_elem_file_time: number;
  readonly sound_elem_file_id?: string;
  readonly sound_elem_business_id?: number;
  readonly sound_elem_url?: string;
  readonly sound_elem_task_id?: number;
}

/** 7.7 FileElem. */
export interface TimFileElem {
  readonly elem_type: typeof TIMElemType.File;
  readonly file_elem_file_path: string;
  readonly file_elem_file_name: string;
  readonly file_elem_file_size: number;
  readonly file_elem_file_id?: string;
  readonly file_elem_business_id?: number;
  readonly file_elem_url?: string;
  readonly file_elem_task_id?: number;
}

/** 7.6 VideoElem: the video and its snapshot image. */
export interface TimVideoElem {
  readonly elem_type: typeof TIMElemType.Video;
  /** e.g. "mp4". */
  readonly video_elem_video_type: string;
  readonly video_elem_video_size: number;
  /** Seconds. */
  readonly video_elem_video_duration: number;
  readonly video_elem_video_path: string;
  readonly video_elem_video_id?: string;
  readonly video_elem_business_id?: number;
  readonly video_elem_video_url?: string;
  /** e.g. "png". */
  readonly video_elem_image_type: string;
  readonly video_elem_image_size: number;
  readonly video_elem_image_width: number;
  readonly video_elem_image_height: number;
  readonly video_elem_image_path: string;
  readonly video_elem_image_id?: string;
  readonly video_elem_image_url?: string;
  readonly video_elem_task_id?: number;
}

/** 7.8 MergerElem: forwarded messages bundled into one. */
export interface TimMergerElem {
  readonly elem_type: typeof TIMElemType.Merge;
  readonly merge_elem_title: string;
  readonly merge_elem_abstract_array: readonly string[];
  readonly merge_elem_compatible_text: string;
  /**
   * Required when sending. On a received merger it may be missing or partial: fetch the messages with
   * TIMMsgDownloadMergerMessage (always when `merge_elem_layer_over_limit` is true).
   */
  readonly merge_elem_message_array?: readonly TimMessage[];
  readonly merge_elem_layer_over_limit?: boolean;
  readonly merge_elem_relay_pb_key?: string;
  readonly merge_elem_relay_json_key?: string;
  readonly merge_elem_relay_buffer?: string;
}

/** Element kinds outside the seed (friend and profile change notifications): kept opaque. */
export interface TimOtherElem {
  readonly elem_type: typeof TIMElemType.FriendChange | typeof TIMElemType.ProfileChange | typeof TIMElemType.Invalid;
  readonly [key: string]: unknown;
}

/** Elements a message may be sent with. Group tips and reports come only from the server. */
export type TimSendableElem =
  | TimTextElem
  | TimFaceElem
  | TimLocationElem
  | TimImageElem
  | TimSoundElem
  | TimCustomElem
  | TimFileElem
  | TimVideoElem
  | TimMergerElem;

/** Every element a received message can carry. */
export type TimElem = TimSendableElem | TimGroupTipsElem | TimGroupReportElem | TimOtherElem;

/** Elements whose payload is a file the SDK uploads and TIMMsgDownloadElemToPath downloads. */
export type TimTransferElem = TimImageElem | TimSoundElem | TimFileElem | TimVideoElem;
