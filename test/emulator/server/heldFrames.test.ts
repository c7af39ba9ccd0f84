/**
 * Frames wait for durability (durability 'full' syncs the WAL off the event loop, walSync.ts): while
 * a group commit is not yet on disk a connection writes nothing, then everything in order; when the
 * sync failed it drops the connection instead (the client resends and replays).
 */
import * as assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { Connection } from '../../../src/emulator/server/connection';
import type { Emulator } from '../../../src/emulator/server/context';

class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  readonly sent: string[] = [];
  terminated = false;
  send(data: string | Buffer, options?: { binary?: boolean }): void {
    assert.equal(options?.binary ?? typeof data !== 'string', false, 'a text frame');
    this.sent.push(data.toString());
  }
  terminate(): void {
    this.terminated = true;
  }
  close(): void {
    this.readyState = 3;
  }
}

function setup(): { connection: Connection; socket: FakeSocket; sync: (error?: Error) => void; setDurable: (value: boolean) => void } {
  let durable = true;
  const waiting: Array<(error?: Error) => void> = [];
  const queue = {
    get durable(): boolean {
      return durable;
    },
    whenDurable(fn: (error?: Error) => void): void {
      if (durable) {
        fn();
      } else {
        waiting.push(fn);
      }
    },
  };
  const socket = new FakeSocket();
  const connection = new Connection({ queue } as unknown as Emulator, socket as unknown as WebSocket, () => undefined);
  return {
    connection,
    socket,
    setDurable: (value) => {
      durable = value;
    },
    sync: (error) => {
      durable = true;
      for (const fn of waiting.splice(0)) {
        fn(error);
      }
    },
  };
}

describe('emulator frames held back until their commits are synced', () => {
  it('writes at once when everything is synced', () => {
    const { connection, socket } = setup();
    connection.sendText('a');
    assert.deepEqual(socket.sent, ['a']);
  });

  it('holds frames while a commit is unsynced and writes them in order after the sync', () => {
    const { connection, socket, sync, setDurable } = setup();
    setDurable(false);
    connection.sendText('a');
    connection.sendText('b');
    assert.deepEqual(socket.sent, []);
    sync();
    connection.sendText('c');
    assert.deepEqual(socket.sent, ['a', 'b', 'c']);
  });

  it('drops the connection instead when the sync failed', () => {
    const { connection, socket, sync, setDurable } = setup();
    setDurable(false);
    connection.sendText('a');
    sync(new Error('EIO'));
    assert.deepEqual(socket.sent, []);
    assert.equal(socket.terminated, true);
  });
});
