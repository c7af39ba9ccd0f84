/**
 * The emulator endpoint against the real tim-emulator (a fresh one per suite, in a temp dir): two
 * users talk; a send whose socket dies right after it was written is stored exactly once after the
 * resend; events a user missed while disconnected arrive once, in order, after the reconnect.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { EmulatorEndpoint } from '../../../src/emulator/client/emulatorEndpoint';
import { startEmulator } from '../../../src/emulator/server/startEmulator';
import type { RunningEmulator } from '../../../src/emulator/server/startEmulator';
import type { WebSocketConstructor } from '../../../src/emulator/client/webSocketLike';
import type { TimEvent } from '../../../src/tim/endpoint';
import { parseTimJson } from '../../../src/tim/json';
import { genUserSig } from '../../../src/tim/userSig';
import { until } from './scriptedServer';

/**
 * A `ws` WebSocket the test can sabotage: `blocked` makes new connections fail (the server looks down
 * to this client only), `cutAfterSend` kills the socket right after a matching frame is written,
 * `cutOnReceive` kills it instead of delivering a matching frame.
 */
interface Sabotage {
  blocked: boolean;
  cutAfterSend?: (text: string) => boolean;
  /** Cuts the socket instead of delivering a matching received frame (an answer lost on the way). */
  cutOnReceive?: (text: string) => boolean;
  current?: WebSocket;
  /** Every text frame received, in order. */
  received: string[];
}

function sabotageableSocket(): { impl: WebSocketConstructor; control: Sabotage } {
  const control: Sabotage = { blocked: false, received: [] };
  // A plain function used with `new` returns the object it builds: a real ws socket with send wrapped.
  function Sabotageable(url: string): WebSocket {
    // Port 1 on loopback refuses at once: a connection attempt that fails like an unreachable server.
    const socket = new WebSocket(control.blocked ? 'ws://127.0.0.1:1' : url);
    control.current = socket;
    const send = socket.send.bind(socket) as (data: string, callback?: (error?: Error) => void) => void;
    const on = socket.on.bind(socket) as (event: string, listener: (...args: unknown[]) => void) => WebSocket;
    Object.assign(socket, {
      on(event: string, listener: (...args: unknown[]) => void): WebSocket {
        if (event !== 'message') {
          return on(event, listener);
        }
        return on('message', (data: unknown, isBinary: unknown) => {
          control.received.push(String(data));
          if (control.cutOnReceive?.(String(data))) {
            control.cutOnReceive = undefined;
            socket.terminate();
            return;
          }
          listener(data, isBinary);
        });
      },
      send(data: string, callback?: (error?: Error) => void): void {
        send(data, callback);
        if (control.cutAfterSend?.(data)) {
          control.cutAfterSend = undefined;
          socket.terminate();
        }
      },
    });
    return socket;
  }
  return { impl: Sabotageable as unknown as WebSocketConstructor, control };
}

function textMessage(text: string): string {
  return JSON.stringify({ message_elem_array: [{ elem_type: 0, text_elem_content: text }] });
}

function texts(json: string): string[] {
  const messages = parseTimJson(json) as Array<{ message_elem_array?: Array<{ text_elem_content?: string }> }>;
  return messages.map((message) => message.message_elem_array?.[0]?.text_elem_content ?? '');
}

describe('EmulatorEndpoint end to end with tim-emulator', () => {
  let emulator: RunningEmulator;
  let dataDir: string;
  const endpoints: EmulatorEndpoint[] = [];

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tim-emulator-e2e-'));
    emulator = await startEmulator({ dataDir, port: 0, warn: () => undefined });
  });

  after(async () => {
    await Promise.all(endpoints.map((endpoint) => endpoint.dispose()));
    await emulator?.close();
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  async function login(userId: string, impl?: WebSocketConstructor): Promise<EmulatorEndpoint> {
    const endpoint = await EmulatorEndpoint.connect({
      url: emulator.url,
      reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
      defaultTimeoutMs: 5000,
      ...(impl ? { WebSocketImpl: impl } : {}),
    });
    endpoints.push(endpoint);
    // TIMInit returns its TIMResult synchronously, as the typed client calls it.
    assert.equal(await endpoint.callSync('TIMInit', [emulator.sdkAppId, JSON.stringify({ sdk_config_config_file_path: join(dataDir, `device-${userId}`) })]), 0);
    const userSig = genUserSig({ sdkAppId: emulator.sdkAppId, secretKey: emulator.secretKey, userId });
    const result = await endpoint.call('TIMLogin', [userId, userSig]);
    assert.equal(result.code, 0, `TIMLogin: ${result.desc}`);
    return endpoint;
  }

  /** The texts of the messages `endpoint` receives and the network statuses it reports, as they come. */
  function listen(endpoint: EmulatorEndpoint): { received: string[]; statuses: number[] } {
    const received: string[] = [];
    const statuses: number[] = [];
    endpoint.onEvent((event: TimEvent) => {
      if (event.name === 'RecvNewMsg') {
        received.push(...texts(event.json));
      } else if (event.name === 'NetworkStatusListener') {
        statuses.push(event.status);
      }
    });
    return { received, statuses };
  }

  async function history(endpoint: EmulatorEndpoint, peer: string): Promise<string[]> {
    const result = await endpoint.call('TIMMsgGetMsgList', [peer, 1, JSON.stringify({ msg_getmsglist_param_count: 100, msg_getmsglist_param_is_ramble: true })]);
    assert.equal(result.code, 0, `TIMMsgGetMsgList: ${result.desc}`);
    return texts(result.json);
  }

  it('sends under the id it chose, and the peer receives the message as an event', async () => {
    const alice = await login('alice');
    const bob = await login('bob');
    const received: string[] = [];
    bob.onEvent((event) => {
      if (event.name === 'RecvNewMsg') {
        received.push(...texts(event.json));
      }
    });
    const result = await alice.call('TIMMsgSendMessage', ['bob', 1, textMessage('hello bob')]);
    assert.equal(result.code, 0, result.desc);
    assert.match(result.messageId ?? '', /^\d+-\d+-\d+$/);
    const message = parseTimJson(result.json) as { message_msg_id?: string };
    assert.equal(message.message_msg_id, result.messageId);
    await until(() => received.includes('hello bob'), 'bob receives the message');
  });

  it('stores a send once when its socket dies right after writing it, and the resend is answered', async () => {
    const { impl, control } = sabotageableSocket();
    const carol = await login('carol', impl);
    control.cutAfterSend = (text) => text.includes('"api":"TIMMsgSendMessage"');
    const result = await carol.call('TIMMsgSendMessage', ['bob', 1, textMessage('exactly once')]);
    assert.equal(result.code, 0, result.desc);
    const lines = await history(carol, 'bob');
    assert.equal(lines.filter((line) => line === 'exactly once').length, 1, `history: ${JSON.stringify(lines)}`);
  });

  it('stores a send once when its answer is lost, and answers the resend with the stored message', async () => {
    const { impl, control } = sabotageableSocket();
    const frank = await login('frank', impl);
    let firstAnswer = '';
    control.cutOnReceive = (text) => {
      const lost = text.includes('"type":"result"') && text.includes('answer lost');
      if (lost) {
        firstAnswer = text;
      }
      return lost;
    };
    const result = await frank.call('TIMMsgSendMessage', ['bob', 1, textMessage('answer lost')]);
    assert.ok(firstAnswer, 'the server did answer the first send');
    assert.equal(result.code, 0, result.desc);
    const first = parseTimJson(firstAnswer) as { messageId?: string };
    assert.equal(result.messageId, first.messageId);
    const lines = await history(frank, 'bob');
    assert.equal(lines.filter((line) => line === 'answer lost').length, 1, `history: ${JSON.stringify(lines)}`);
  });

  it('delivers the events missed while disconnected once and in order after the reconnect', async () => {
    const { impl, control } = sabotageableSocket();
    const dave = await login('dave', impl);
    const erin = await login('erin');
    const { received, statuses } = listen(dave);
    assert.equal((await erin.call('TIMMsgSendMessage', ['dave', 1, textMessage('m0')])).code, 0);
    await until(() => received.length === 1, 'dave receives m0 live');
    control.blocked = true;
    control.current?.terminate();
    await until(() => statuses.includes(3), 'dave fails to reconnect while blocked');
    for (const text of ['m1', 'm2', 'm3']) {
      assert.equal((await erin.call('TIMMsgSendMessage', ['dave', 1, textMessage(text)])).code, 0);
    }
    control.blocked = false;
    await until(() => received.length >= 4, 'dave receives what he missed', 10_000);
    assert.equal((await erin.call('TIMMsgSendMessage', ['dave', 1, textMessage('m4')])).code, 0);
    await until(() => received.length >= 5, 'dave receives m4 live');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(received, ['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('delivers online messages (seq 0) live between stored ones, and never one sent while disconnected', async () => {
    const { impl, control } = sabotageableSocket();
    const ivy = await login('ivy', impl);
    const jack = await login('jack');
    const { received, statuses } = listen(ivy);
    const online = (text: string): string => JSON.stringify({ message_elem_array: [{ elem_type: 0, text_elem_content: text }], message_is_online_msg: true });
    const send = async (json: string): Promise<void> => {
      const result = await jack.call('TIMMsgSendMessage', ['ivy', 1, json]);
      assert.equal(result.code, 0, result.desc);
    };
    await send(textMessage('s1'));
    await until(() => received.length === 1, 'ivy receives s1');
    const position = ivy.lastEventSeq;
    await send(online('o1'));
    await until(() => received.length === 2, 'ivy receives the online o1');
    assert.equal(ivy.lastEventSeq, position, 'a seq-0 event moves no position');
    await send(textMessage('s2'));
    await until(() => received.length === 3, 'ivy receives s2, not dropped as a repeat');
    control.blocked = true;
    control.current?.terminate();
    await until(() => statuses.includes(3), 'ivy fails to reconnect while blocked');
    await send(online('o-away'));
    await send(textMessage('s3'));
    control.blocked = false;
    await until(() => received.length >= 4, 'ivy receives the stored message she missed', 10_000);
    await send(online('o-back'));
    await until(() => received.length >= 5, 'ivy receives o-back live');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(received, ['s1', 'o1', 's2', 's3', 'o-back']);
  });

  it('resumes a device that had no event yet when the connection dropped (needs hello.resume in the server)', async function () {
    const { impl, control } = sabotageableSocket();
    const gina = await login('gina', impl);
    const loginResult = control.received.map((text) => parseTimJson(text) as { type?: string; eventSeq?: number }).find((frame) => frame.type === 'result' && frame.eventSeq !== undefined);
    if (!loginResult) {
      // Without it the endpoint can only say lastEventSeq 0 ("no position"), and the server replays
      // nothing: events between the login and the first delivered event are lost on a reconnect.
      console.log('    skipped: the server does not send eventSeq in TIMLogin results yet (ResultFrame.eventSeq in src/emulator/protocol.ts)');
      this.skip();
    }
    const erin = await login('erin');
    const received: string[] = [];
    gina.onEvent((event: TimEvent) => {
      if (event.name === 'RecvNewMsg') {
        received.push(...texts(event.json));
      }
    });
    control.blocked = true;
    control.current?.terminate();
    await until(() => gina.connectionState === 'waiting', 'gina is disconnected');
    for (const text of ['g1', 'g2']) {
      assert.equal((await erin.call('TIMMsgSendMessage', ['gina', 1, textMessage(text)])).code, 0);
    }
    control.blocked = false;
    await until(() => received.length >= 2, 'gina receives what she missed (the server must replay after hello {lastEventSeq: 0, resume: true})', 3000);
    assert.deepEqual(received, ['g1', 'g2']);
  });

  it('two endpoints of one device: the one kicked offline does not log back in', async () => {
    const first = await login('hank');
    const kicked: string[] = [];
    first.onEvent((event) => {
      if (event.name === 'KickedOffline') {
        kicked.push('first');
      }
    });
    // The same user and config path is the same device: logging in here kicks the first endpoint.
    const second = await login('hank');
    second.onEvent((event) => {
      if (event.name === 'KickedOffline') {
        kicked.push('second');
      }
    });
    await until(() => kicked.includes('first'), 'the first endpoint is kicked');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(kicked, ['first'], 'no kick war');
    assert.equal((await second.call('TIMMsgSendMessage', ['bob', 1, textMessage('still here')])).code, 0);
    assert.equal((await first.call('TIMMsgSendMessage', ['bob', 1, textMessage('kicked')])).code, 6014);
  });
});
