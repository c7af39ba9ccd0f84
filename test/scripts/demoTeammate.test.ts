/**
 * The demo's teammate (scripts/demoTeammate.ts): what Bob answers, and that he answers only the demo
 * user's one-to-one messages to him, reading each first, on a real emulator.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoTeammate, teammateReply } from '../../scripts/demoTeammate';
import { TIMConvType, TIMElemType } from '../../src/tim/enums';
import type { TimMessage } from '../../src/tim/types/message';
import { typingStatusMessage, typingStatusOf } from '../../src/tim/tuikitTyping';
import { startEmulator } from '../../src/emulator/server/startEmulator';
import { eventually, signInUser, type TimUser } from '../harness/timUser';

const text = (t: string) => ({ message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: t }] as const });

describe('demo teammate', function () {
  this.timeout(60_000);

  it('quotes the start of a text, thanks for code and files', () => {
    assert.equal(teammateReply(text('Does the parser take hex?')), 'Got it: "Does the parser take hex?" 👍');
    assert.equal(teammateReply(text(`${'a'.repeat(70)}`)), `Got it: "${'a'.repeat(60)}…" 👍`);
    assert.equal(teammateReply(text('see\n```ts\nconst a = 1;\n```')), 'Thanks for the code, I will take a look 👀');
    assert.equal(teammateReply({ message_elem_array: [{ elem_type: TIMElemType.File, file_elem_file_path: '/tmp/a.txt', file_elem_file_name: 'a.txt', file_elem_file_size: 1 }] }), 'Thanks for the file!');
  });

  describe('on the emulator', () => {
    let dir: string;
    // In this process (the unit layer runs before the build that makes dist/emulator.js).
    let emulator: Awaited<ReturnType<typeof startEmulator>>;
    let alice: TimUser;
    let carol: TimUser;
    let bob: Awaited<ReturnType<typeof startDemoTeammate>>;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'timchat-teammate-'));
      const emulatorDir = join(dir, 'data');
      emulator = await startEmulator({ dataDir: emulatorDir, port: 0, host: '127.0.0.1' });
      const where = { url: emulator.url, sdkAppId: emulator.sdkAppId, secretKey: emulator.secretKey, dataDir: emulatorDir };
      alice = await signInUser(where, 'alice');
      carol = await signInUser(where, 'carol');
      bob = await startDemoTeammate(where, 'bob', 'alice');
    });

    after(async () => {
      await bob?.stop();
      await alice?.close();
      await carol?.close();
      await emulator?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("reads the demo user's message, shows typing, then answers; nobody else's", async () => {
      const seen: TimMessage[] = [];
      alice.client.onEvent('RecvNewMsg', (messages) => seen.push(...messages));
      const carolSaw: TimMessage[] = [];
      carol.client.onEvent('RecvNewMsg', (messages) => carolSaw.push(...messages));
      // Typing status and other people's messages get no answer.
      await alice.client.msgSendMessage('bob', TIMConvType.C2C, typingStatusMessage(true));
      await carol.client.msgSendMessage('bob', TIMConvType.C2C, text('hi bob, carol here'));
      const sent = await alice.client.msgSendMessage('bob', TIMConvType.C2C, text('ping'));
      const answer = await eventually(() => seen.find((m) => m.message_sender === 'bob' && typingStatusOf(m) === undefined), 20_000, "bob's answer");
      assert.equal(answer.message_elem_array[0]?.elem_type === TIMElemType.Text ? answer.message_elem_array[0].text_elem_content : '', 'Got it: "ping" 👍');
      assert.ok(seen.findIndex((m) => typingStatusOf(m) === 'typing') < seen.indexOf(answer), 'typing shown before the answer');
      // alice's message is read (a C2C read receipt): is_peer_read when she finds it.
      const [found] = await alice.client.msgFindMessages([sent.messageId]);
      assert.equal(found?.message_is_peer_read, true);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      assert.equal(seen.filter((m) => m.message_sender === 'bob' && typingStatusOf(m) === undefined).length, 1, 'one answer, to the one message');
      assert.equal(carolSaw.filter((m) => m.message_sender === 'bob').length, 0, 'carol gets no answer');
    });
  });
});
