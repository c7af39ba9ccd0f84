/**
 * Deleting many messages everywhere with TIMMsgListDelete, within its limits: at most 30 messages per
 * call and one call a second. `sleep` is injectable so the pacing is unit-tested without waiting.
 */
import type { TimMessage } from '../../tim/types/message';

export const LIST_DELETE_BATCH = 30;
/** A little over a second: TIM counts the second on its own clock. */
export const LIST_DELETE_INTERVAL_MS = 1100;
/** TIM's "call frequency limit" code: waited out once. */
const FREQUENCY_LIMIT = 7008;

export function batchesOf<T>(items: readonly T[], size = LIST_DELETE_BATCH): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    batches.push(items.slice(i, i + size));
  }
  return batches;
}

/**
 * Deletes in batches, waiting between calls; `onBatch` reports each finished batch. A failure stops
 * there: the messages of earlier batches are deleted, which `deleted` in the error says.
 */
export async function deleteInBatches(
  messages: readonly TimMessage[],
  listDelete: (batch: readonly TimMessage[]) => Promise<void>,
  onBatch: (done: number, total: number, ids: readonly string[]) => void,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<number> {
  const batches = batchesOf(messages);
  let done = 0;
  for (const [index, batch] of batches.entries()) {
    if (index > 0) {
      await sleep(LIST_DELETE_INTERVAL_MS);
    }
    try {
      try {
        await listDelete(batch);
      } catch (error: unknown) {
        if ((error as { code?: unknown }).code !== FREQUENCY_LIMIT) {
          throw error;
        }
        await sleep(LIST_DELETE_INTERVAL_MS);
        await listDelete(batch);
      }
    } catch (error: unknown) {
      throw Object.assign(error instanceof Error ? error : new Error(String(error)), { deleted: done });
    }
    done += batch.length;
    onBatch(done, messages.length, batch.map((m) => m.message_msg_id));
  }
  return done;
}
