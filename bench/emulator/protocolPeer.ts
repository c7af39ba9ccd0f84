/**
 * The protocol-only peer of the emulator benchmark (run as a child process by index.ts): a WebSocket
 * server that answers the bench clients' calls with the frames tim-emulator writes for them, and does
 * nothing else: no database, no checks, no conversations, no event log, one thread. A C2C send is
 * answered with its result frame (the message JSON with the server's fields, escaped into the frame's
 * `json` string as frameText.ts writes it) and pushed to the receiver as a RecvNewMsg frame: the two
 * frames every send needs, without the coalesced conversation events the emulator adds.
 *
 * Its rate beside the batched ceiling is what these frames and these clients alone leave of the two
 * cores, as cheaply as this peer can write them: a server that also stores and checks each send can only
 * be slower. It writes the message JSON by appending the server's fields to the client's text: a first
 * version that spread the parsed message into a new object and wrote it with JSON.stringify spent half
 * its CPU on that (36.7 against 16-18 µs per send), and measured the protocol at half its real speed.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { recvNewMsgFrame, resultFrame, splicedText, type OutFrame } from '../../src/emulator/server/frameText';

type RawSocket = { cork(): void; uncork(): void };

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
const sockets = new Map<string, WebSocket>();
let seq = 0;

// As the emulator's socket worker: the frames one turn writes to a connection leave in one TCP write.
const corked = new Set<RawSocket>();
let uncorkScheduled = false;
function write(socket: WebSocket, frame: OutFrame): void {
  const raw = (socket as unknown as { _socket: RawSocket })._socket;
  if (!corked.has(raw)) {
    corked.add(raw);
    raw.cork();
  }
  if (!uncorkScheduled) {
    uncorkScheduled = true;
    setImmediate(() => {
      uncorkScheduled = false;
      corked.forEach((r) => r.uncork());
      corked.clear();
    });
  }
  const text = typeof frame === 'string' ? frame : splicedText(frame.head, frame.json, frame.tail);
  socket.send(Buffer.from(text, 'utf8'), { binary: false });
}

/**
 * The message as the emulator answers it (messages/send.ts, delivery.ts): the client's message plus the
 * server's fields. The client's JSON is parsed, as any server must to check it, but not written again:
 * the server's fields are appended to its text, the cheapest way to the same JSON (for the bench's
 * messages, which carry none of the server's keys).
 */
function sentMessage(sender: string, receiver: string, messageId: string, messageJson: string): { own: string; peers: string } {
  const message = JSON.parse(messageJson) as unknown;
  if (typeof message !== 'object' || message === null || Array.isArray(message) || Object.keys(message).length === 0) {
    throw new Error('the protocol peer answers only the bench clients\' messages');
  }
  const now = Math.floor(Date.now() / 1000);
  const open =
    `${messageJson.slice(0, -1)},"message_client_time":${now},"message_priority":1,"message_platform":0,` +
    `"message_sender_profile":{"user_profile_identifier":${JSON.stringify(sender)},"user_profile_nick_name":"","user_profile_face_url":""},` +
    `"message_conv_type":1,"message_sender":${JSON.stringify(sender)},"message_server_time":${now},"message_seq":${++seq},"message_rand":3150284786,` +
    `"message_msg_id":${JSON.stringify(messageId)},"message_is_online_msg":false,"message_unique_id":7712884218002855841`;
  return {
    own: `${open},"message_conv_id":${JSON.stringify(receiver)},"message_is_from_self":true,"message_status":2,"message_is_read":true,"message_is_peer_read":false,"message_receipt_peer_read":false}`,
    peers: `${open},"message_conv_id":${JSON.stringify(sender)},"message_is_from_self":false,"message_status":2,"message_is_read":false,"message_is_peer_read":false,"message_receipt_peer_read":false}`,
  };
}

wss.on('connection', (socket) => {
  let user = '';
  socket.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString('utf8')) as { type: string; id: number; api: string; args: unknown[]; messageId?: string };
    if (frame.type !== 'call') {
      return;
    }
    let json = '';
    if (frame.api === 'TIMLogin') {
      user = String(frame.args[0]);
      sockets.set(user, socket);
    } else if (frame.api === 'TIMMsgSendMessage') {
      const receiver = String(frame.args[0]);
      const message = sentMessage(user, receiver, frame.messageId ?? '', String(frame.args[2]));
      json = message.own;
      const peer = sockets.get(receiver);
      if (peer !== undefined) {
        write(peer, recvNewMsgFrame(seq, [message.peers]));
      }
    }
    const answer = resultFrame({ type: 'result', id: frame.id, code: 0, desc: '', json, ...(frame.messageId === undefined ? {} : { messageId: frame.messageId }) });
    write(socket, answer ?? '');
  });
});
wss.on('listening', () => {
  process.stdout.write(`protocol peer listening on ws://127.0.0.1:${(wss.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => wss.close(() => process.exit(0)));
