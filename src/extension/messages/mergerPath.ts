/**
 * The messages at the end of a path into nested merged messages (issue 6): the top message's merger is
 * downloaded, then the merger of the inner message at path[0], and so on. Every step is checked so a
 * stale or crafted path from the panel ends in a clear error rather than a TIM one. Pure (the download
 * and the translation are passed in): unit-tested.
 */
import { TIMElemType } from '../../tim/enums';
import type { TimMergerElem } from '../../tim/types/elements';
import type { TimMessage } from '../../tim/types/message';
import type { Translate } from '../chat/translate';

/** TIM nests mergers at most 100 layers deep, so a longer path cannot name anything. */
export const MAX_MERGER_PATH = 100;

export type DownloadMerger = (message: TimMessage) => Promise<readonly TimMessage[]>;

function mergerOf(message: TimMessage): TimMergerElem | undefined {
  return message.message_elem_array.find((elem): elem is TimMergerElem => elem.elem_type === TIMElemType.Merge);
}

/** Checks the shape of a path from the panel: whole, non-negative numbers, at most 100 of them. */
export function checkMergerPath(path: unknown, t: Translate): readonly number[] {
  if (path === undefined) {
    return [];
  }
  if (!Array.isArray(path) || path.length > MAX_MERGER_PATH || !path.every((i) => Number.isSafeInteger(i) && (i as number) >= 0)) {
    throw new Error(t('The path to the merged message is not valid.'));
  }
  return path as number[];
}

export async function downloadMergerPath(top: TimMessage, path: readonly number[], download: DownloadMerger, t: Translate): Promise<readonly TimMessage[]> {
  if (mergerOf(top) === undefined) {
    throw new Error(t('This is not a merged message.'));
  }
  let messages = await download(top);
  for (const [level, index] of path.entries()) {
    const inner = messages[index];
    if (inner === undefined) {
      throw new Error(t('The merged message has no message {0} at level {1}.', index + 1, level + 1));
    }
    const merger = mergerOf(inner);
    if (merger === undefined) {
      throw new Error(t('Message {0} at level {1} is not a merged message.', index + 1, level + 1));
    }
    // A merger built with its messages inline (not a received one) carries no key to download by.
    const inline = merger.merge_elem_message_array;
    const hasKey = typeof merger.merge_elem_relay_json_key === 'string' && merger.merge_elem_relay_json_key.length > 0;
    messages = !hasKey && inline !== undefined && inline.length > 0 ? inline : await download(inner);
  }
  return messages;
}
