/**
 * Keeps a thread's list on its root message (src/tim/tuikitThread.ts) as Tencent's TUIKit apps do, so
 * both show the same "N replies": once the user's reply is sent, the root lists it; once the user
 * recalls it, the root no longer does. The root is changed with TIMMsgModifyMessage, which TIM refuses
 * (8006) when someone else changed it meanwhile, answering with the root as it now is: the change is
 * made again on that version, a few times, as TUIKit retries. A failure rejects; the caller logs it
 * and shows nothing: the reply itself was sent, and only its listing on the root is missing. No vscode:
 * unit-tested against a real emulator.
 */
import { TimErrorCode } from '../../tim/errorCodes';
import { isTimError } from '../../tim/errors';
import { parseTimJson } from '../../tim/json';
import type { TimClient } from '../../tim/client';
import { threadRootOf, withoutThreadReply, withThreadReply } from '../../tim/tuikitThread';
import type { TimMessage } from '../../tim/types/message';

/** Tries in all (TUIKit: the first and three more). */
const ATTEMPTS = 4;
/** A conflict is another client writing the same root: wait a little, at random, before writing again. */
const RETRY_MIN_MS = 100;
const RETRY_SPREAD_MS = 400;

function conflictLatest(error: unknown): TimMessage | undefined {
  if (!isTimError(error) || error.code !== TimErrorCode.ERR_SDK_MSG_MODIFY_CONFLICT || !error.json) {
    return undefined;
  }
  const latest = parseTimJson(error.json);
  return latest !== null && typeof latest === 'object' && !Array.isArray(latest) && typeof (latest as TimMessage).message_msg_id === 'string' ? (latest as TimMessage) : undefined;
}

/**
 * Applies `change` to the cloud data of the root `rootId` of `reply`'s conversation; resolves with the
 * root as TIM now has it, or undefined when there is no such root; rejects when TIM kept refusing.
 */
async function changeRoot(client: TimClient, reply: TimMessage, rootId: string, change: (cloud: string | undefined) => string | undefined): Promise<TimMessage | undefined> {
  let root = (await client.msgFindMessages([rootId])).find(
    (m) => m.message_msg_id === rootId && m.message_conv_id === reply.message_conv_id && m.message_conv_type === reply.message_conv_type,
  );
  for (let attempt = 1; root !== undefined && attempt <= ATTEMPTS; attempt++) {
    const cloud = change(root.message_cloud_custom_str);
    if (cloud === root.message_cloud_custom_str) {
      return root;
    }
    try {
      return await client.msgModifyMessage({ ...root, message_cloud_custom_str: cloud });
    } catch (error: unknown) {
      const latest = conflictLatest(error);
      if (latest === undefined || attempt === ATTEMPTS) {
        throw error;
      }
      root = latest;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MIN_MS + Math.random() * RETRY_SPREAD_MS));
    }
  }
  return undefined;
}

/** Lists the sent reply on its root; `abstract` is the one line other clients show for it. */
export async function listReplyOnRoot(client: TimClient, reply: TimMessage, abstract: string): Promise<TimMessage | undefined> {
  const rootId = threadRootOf(reply);
  if (rootId === undefined || rootId === reply.message_msg_id) {
    return undefined;
  }
  return changeRoot(client, reply, rootId, (cloud) => withThreadReply(cloud, reply, abstract));
}

/** Takes a recalled reply off its root's list. */
export async function unlistReplyFromRoot(client: TimClient, reply: TimMessage): Promise<TimMessage | undefined> {
  const rootId = threadRootOf(reply);
  if (rootId === undefined) {
    return undefined;
  }
  return changeRoot(client, reply, rootId, (cloud) => withoutThreadReply(cloud, reply.message_msg_id));
}
