/** When the typing status goes out (typingStatus.ts), on a clock the test moves. */
import assert from 'node:assert/strict';
import { PEER_ACTIVE_MS, TYPING_RESEND_MS, TypingStatusSender } from '../../../src/extension/chat/typingStatus';

describe('typing status sender', () => {
  function setUp() {
    let now = 1_000_000;
    const sent: boolean[] = [];
    const sender = new TypingStatusSender(async (typing) => void sent.push(typing), () => now);
    return { sender, sent, advance: (ms: number) => (now += ms) };
  }

  it('sends nothing while the peer is not active in the chat', async () => {
    const { sender, sent, advance } = setUp();
    await sender.update(true);
    await sender.update(false);
    sender.peerActive();
    advance(PEER_ACTIVE_MS + 1);
    await sender.update(true);
    assert.deepEqual(sent, []);
  });

  it('sends "typing" at most every few seconds while the user types, and one "stopped" after it', async () => {
    const { sender, sent, advance } = setUp();
    sender.peerActive();
    await sender.update(true);
    advance(1000);
    await sender.update(true);
    advance(TYPING_RESEND_MS);
    await sender.update(true);
    await sender.update(false);
    await sender.update(false);
    assert.deepEqual(sent, [true, true, false]);
    // Typing again right after stopping is news.
    await sender.update(true);
    assert.deepEqual(sent, [true, true, false, true]);
  });
});
