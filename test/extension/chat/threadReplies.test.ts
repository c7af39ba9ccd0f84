/**
 * A thread's list on its root message (threadReplies.ts) against a real tim-emulator (a fresh one for the
 * suite, in a temp dir): alice's reply is listed on bob's message and taken off when recalled, with
 * what the root held kept; a change bob makes to the root between alice's read and her write (TIM's
 * 8006) is written over again, as TUIKit does.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listReplyOnRoot, unlistReplyFromRoot } from '../../../src/extension/chat/threadReplies';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server/startEmulator';
import type { TimClient } from '../../../src/tim/client';
import { TIMConvType, TIMElemType } from '../../../src/tim/enums';
import { replyCloudData } from '../../../src/tim/tuikitReply';
import { threadRepliesOf } from '../../../src/tim/tuikitThread';
import type { TimMessage } from '../../../src/tim/types/message';
import { eventually, signInUser, type TimUser } from '../../harness/timUser';

describe('thread replies listed on their root (TUIKit messageReplies), on tim-emulator', function () {
  this.timeout(30_000);
  let dataDir = '';
  let emulator: RunningEmulator | undefined;
  let alice: TimUser;
  let bob: TimUser;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'timchat-thread-'));
    emulator = await startEmulator({ dataDir, port: 0, warn: () => undefined });
    alice = await signInUser({ ...emulator, dataDir }, 'alice');
    bob = await signInUser({ ...emulator, dataDir }, 'bob');
  });

  after(async () => {
    await alice?.close();
    await bob?.close();
    await emulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const text = (content: string, cloud?: string) => ({ message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: content }] as const, ...(cloud ? { message_cloud_custom_str: cloud } : {}) });

  /** bob writes a root; alice finds it on her device and answers it with a reply (TUIKit's format). */
  async function rootAndReply(rootText: string, rootCloud?: string): Promise<{ root: TimMessage; reply: TimMessage }> {
    const { message: sent } = await bob.client.msgSendMessage('alice', TIMConvType.C2C, text(rootText, rootCloud));
    const root = await eventually(async () => (await alice.client.msgFindMessages([sent.message_msg_id]))[0], 10_000, 'the root on alice’s device');
    const { message: reply } = await alice.client.msgSendMessage('bob', TIMConvType.C2C, text(`re: ${rootText}`, replyCloudData(root, 'bob', rootText)));
    return { root, reply };
  }

  it('lists a reply on its root, keeping what the root held, and takes it off when the reply is recalled', async () => {
    const { root, reply } = await rootAndReply('the build is red', JSON.stringify({ keep: { me: 1 } }));
    const listed = await listReplyOnRoot(alice.client, reply, 're: the build is red');
    assert.ok(listed, 'the root as TIM now has it');
    assert.equal(listed.message_msg_id, root.message_msg_id);
    const [entry, ...rest] = threadRepliesOf(listed);
    assert.deepEqual(rest, []);
    assert.deepEqual({ ...entry, time: entry?.time ? 'set' : 0 }, { id: reply.message_msg_id, sender: 'alice', abstract: 're: the build is red', time: 'set' });
    const data = JSON.parse(String(listed.message_cloud_custom_str)) as Record<string, unknown>;
    assert.deepEqual(data.keep, { me: 1 }, 'what the root held stays');
    assert.equal(data.version, '1', 'as TUIKit writes it');
    // bob's device sees the list too (his TUIKit app would show "1 reply").
    await eventually(async () => threadRepliesOf((await bob.client.msgFindMessages([root.message_msg_id]))[0] ?? {}).length === 1 || undefined, 10_000, 'the list on bob’s device');
    // Listing it again changes nothing.
    const again = await listReplyOnRoot(alice.client, reply, 're: the build is red');
    assert.equal(again?.message_version, listed.message_version);

    await alice.client.msgRevoke('bob', TIMConvType.C2C, reply);
    const unlisted = await unlistReplyFromRoot(alice.client, reply);
    assert.deepEqual(threadRepliesOf(unlisted ?? {}), []);
    assert.deepEqual((JSON.parse(String(unlisted?.message_cloud_custom_str)) as Record<string, unknown>).keep, { me: 1 });
  });

  it('writes the list again over a change someone else made meanwhile (8006), as TUIKit retries', async () => {
    const { root, reply } = await rootAndReply('lunch?');
    const { message: bobsReply } = await bob.client.msgSendMessage('alice', TIMConvType.C2C, text('yes', replyCloudData(root, 'bob', 'lunch?')));
    // A wrapper of alice's real client (no mock: the emulator answers every call) that lets bob list his
    // own reply on the root between alice's read of the root and her write, so her first write conflicts.
    let writes = 0;
    const racing = {
      msgFindMessages: (ids: string[]) => alice.client.msgFindMessages(ids),
      msgModifyMessage: async (message: TimMessage) => {
        if (writes++ === 0) {
          assert.ok(await listReplyOnRoot(bob.client, bobsReply, 'yes'));
        }
        return alice.client.msgModifyMessage(message);
      },
    } as unknown as TimClient;
    const listed = await listReplyOnRoot(racing, reply, 're: lunch?');
    assert.equal(writes, 2, 'refused once, written again');
    assert.deepEqual(threadRepliesOf(listed ?? {}).map((r) => [r.sender, r.abstract]), [['bob', 'yes'], ['alice', 're: lunch?']]);
  });

  it('leaves alone what is no reply, and a root it cannot find', async () => {
    const { message: plain } = await alice.client.msgSendMessage('bob', TIMConvType.C2C, text('no reply'));
    assert.equal(await listReplyOnRoot(alice.client, plain, 'no reply'), undefined);
    const { message: orphan } = await alice.client.msgSendMessage('bob', TIMConvType.C2C, text('orphan', JSON.stringify({ messageReply: { messageID: 'no-such-message', messageAbstract: 'x', messageSender: 'bob', messageType: 1, version: 1 } })));
    assert.equal(await listReplyOnRoot(alice.client, orphan, 'orphan'), undefined);
  });
});
