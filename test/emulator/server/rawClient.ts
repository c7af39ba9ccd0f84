/**
 * A raw WebSocket client speaking the emulator protocol frame by frame, for the tests that must send
 * what the real endpoint never would (bad JSON, bad frames) or watch frames exactly (resend, replay).
 */
import WebSocket from 'ws';
import { parseTimJson, stringifyTimJson } from '../../../src/tim/json';
import type { ServerFrame } from '../../../src/emulator/protocol';

export class RawClient {
  readonly frames: ServerFrame[] = [];
  private nextId = 1;
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(parseTimJson(data.toString()) as ServerFrame);
      const waiters = this.waiters;
      this.waiters = [];
      waiters.forEach((wake) => wake());
    });
  }

  static async open(url: string, lastEventSeq = 0): Promise<RawClient> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const client = new RawClient(socket);
    client.sendRaw(stringifyTimJson({ type: 'hello', protocol: 1, lastEventSeq }));
    return client;
  }

  sendRaw(text: string | Buffer): void {
    this.socket.send(text);
  }

  async waitFrame(match: (frame: ServerFrame) => boolean, timeoutMs = 5000): Promise<ServerFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found !== undefined) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(`no matching frame in ${timeoutMs} ms; got ${this.frames.length} frames`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends a call and waits for its result. */
  async call(api: string, args: unknown[], extra: Record<string, unknown> = {}): Promise<Extract<ServerFrame, { type: 'result' }>> {
    const id = this.nextId++;
    this.sendRaw(stringifyTimJson({ type: 'call', id, api, args, ...extra }));
    return (await this.waitFrame((f) => f.type === 'result' && f.id === id)) as Extract<ServerFrame, { type: 'result' }>;
  }

  /** Sends a call without waiting. */
  send(api: string, args: unknown[], extra: Record<string, unknown> = {}): number {
    const id = this.nextId++;
    this.sendRaw(stringifyTimJson({ type: 'call', id, api, args, ...extra }));
    return id;
  }

  result(id: number): Promise<Extract<ServerFrame, { type: 'result' }>> {
    return this.waitFrame((f) => f.type === 'result' && f.id === id, 20000) as Promise<Extract<ServerFrame, { type: 'result' }>>;
  }

  close(): void {
    this.socket.close();
  }
}
