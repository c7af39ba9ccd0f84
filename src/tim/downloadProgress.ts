/**
 * TIMMsgDownloadElemToPath's progress reports, both ways: the SDK calls the result callback several
 * times with code 0, desc "downloading" and `{msg_download_elem_result_current_size,
 * msg_download_elem_result_total_size}` before the one call that carries the result. The native bridge
 * recognises them by the desc, tim-emulator writes them with the same desc and keys, and the typed
 * client reads them back into (current, total).
 */
import { parseTimJson } from './json';

/** The header: 'desc = "downloading" 表示下载进度'. */
export const DOWNLOAD_PROGRESS_DESC = 'downloading';

export interface DownloadProgress {
  readonly current: number;
  readonly total: number;
}

/** The json of a progress report (and of the final result), with TIM's keys. */
export function downloadProgressJson(current: number, total: number): string {
  return JSON.stringify({ msg_download_elem_result_current_size: current, msg_download_elem_result_total_size: total });
}

/**
 * Reads a progress report, or undefined when it is not one. Progress is advisory: a report the caller
 * cannot read is skipped rather than failing the download it belongs to.
 */
export function parseDownloadProgress(desc: string, json: string): DownloadProgress | undefined {
  if (desc !== DOWNLOAD_PROGRESS_DESC || json.trim() === '') {
    return undefined;
  }
  let value: unknown;
  try {
    value = parseTimJson(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const record = value as Record<string, unknown>;
  const current = size(record['msg_download_elem_result_current_size']);
  const total = size(record['msg_download_elem_result_total_size']);
  return current === undefined || total === undefined ? undefined : { current, total };
}

// Sizes are uint64 in the header; a bigint only appears beyond 8 PiB, so Number() loses nothing real.
function size(value: unknown): number | undefined {
  const n = typeof value === 'bigint' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}
