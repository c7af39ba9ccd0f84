/**
 * Bob, played by a small bot while `npm start` runs, so that the demo shows what a live teammate does:
 * he is online (the tree's green icon, "Online" in the chat's header), reads what the demo user writes
 * him (their message says "Read"), shows "Bob Li is typing…" (TUIKit's typing status) and answers. He
 * answers only the demo user's one-to-one messages to him, one at a time, and nothing else.
 */
import { TIMConvType, TIMElemType, TIMMsgStatus } from '../src/tim/enums';
import type { TimMessage } from '../src/tim/types/message';
import { typingStatusMessage, typingStatusOf } from '../src/tim/tuikitTyping';
import type { EmulatorProcess } from '../test/harness/emulatorProcess';
import { signInUser } from '../test/harness/timUser';

/** How long Bob "types" before he answers: long enough to see the indicator. */
const TYPING_MS = 1500;
/** The most of a message Bob quotes back. */
const QUOTE_CHARS = 60;

export interface DemoTeammate {
  readonly userId: string;
  stop(): Promise<void>;
}

/** What Bob answers to a message: he acknowledges text by quoting its start, and anything else by its kind. */
export function teammateReply(message: Pick<TimMessage, 'message_elem_array'>): string {
  const elems = message.message_elem_array ?? [];
  const text = elems
    .map((elem) => (elem.elem_type === TIMElemType.Text ? String(elem.text_elem_content ?? '') : ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.includes('```')) {
    return 'Thanks for the code, I will take a look 👀';
  }
  if (text) {
    const quote = text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text;
    return `Got it: "${quote}" 👍`;
  }
  if (elems.some((elem) => elem.elem_type === TIMElemType.File || elem.elem_type === TIMElemType.Image)) {
    return 'Thanks for the file!';
  }
  return '👍';
}

/** Signs Bob in on the demo emulator and answers `partner`'s one-to-one messages to him. */
export async function startDemoTeammate(emulator: Pick<EmulatorProcess, 'url' | 'sdkAppId' | 'secretKey' | 'dataDir'>, userId: string, partner: string): Promise<DemoTeammate> {
  const user = await signInUser(emulator, userId, 'demo-teammate');
  const { client } = user;
  // One message at a time, in order: a second one waits for the answer to the first.
  let queue: Promise<void> = Promise.resolve();
  const answer = async (message: TimMessage): Promise<void> => {
    await client.msgReportReaded(partner, TIMConvType.C2C, message);
    await client.msgSendMessage(partner, TIMConvType.C2C, typingStatusMessage(true));
    await new Promise((resolve) => setTimeout(resolve, TYPING_MS));
    await client.msgSendMessage(partner, TIMConvType.C2C, { message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: teammateReply(message) }] });
  };
  const listening = client.onEvent('RecvNewMsg', (messages) => {
    for (const message of messages) {
      const fromPartner = message.message_conv_type === TIMConvType.C2C && message.message_sender === partner && !message.message_is_from_self;
      if (fromPartner && message.message_status !== TIMMsgStatus.Revoked && typingStatusOf(message) === undefined) {
        queue = queue.then(() => answer(message)).catch((error: unknown) => console.log(`demo: ${userId} could not answer: ${String(error)}`));
      }
    }
  });
  return {
    userId,
    stop: async () => {
      listening.dispose();
      await user.close();
    },
  };
}
