/**
 * Frames wait for durability (durability 'full' syncs the WAL off the event loop, walSync.ts): while
 * a group commit is not yet on disk a connection writes nothing, then everything in order; when the
 * sync failed it drops the connection instead (the client resends and replays).
 */
import * as assert from 'node:assert/strict';
import { Connection } from '../../../src/emulator/server/connection';
import type { Emulator } from '../../../src/emulator/server/context';
import { frameText, SplicedFrame } from '../../../src/emulator/server/frameText';
import type { FrameSocket } from '../../../src/emulator/server/socketHost';

class FakeSocket implements FrameSocket {
  open = true;
  readonly sent: string[] = [];
  terminated = false;
  onFrame(): void {}
  onClose(): void {}
  sendText(text: string): void {
    this.sent.push(text);
  }
  sendSpliced(frame: SplicedFrame): void {
    this.sent.push(frameText(frame));
  }
  terminate(): void {
    this.terminated = true;
  }
  close(): void {
    this.open = false;
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
  const connection = new Connection({ queue } as unknown as Emulator, socket, () => undefined);
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
    connection.sendFrame('a');
    assert.deepEqual(socket.sent, ['a']);
  });

  it('holds frames while a commit is unsynced and writes them in order after the sync', () => {
    const { connection, socket, sync, setDurable } = setup();
    setDurable(false);
    connection.sendFrame('a');
    connection.sendFrame(new SplicedFrame('{"json":"', '{"b":"\u201c"}', '"}'));
    assert.deepEqual(socket.sent, []);
    sync();
    connection.sendFrame('c');
    assert.deepEqual(socket.sent, ['a', JSON.stringify({ json: '{"b":"\u201c"}' }), 'c']);
  });

  it('drops the connection instead when the sync failed', () => {
    const { connection, socket, sync, setDurable } = setup();
    setDurable(false);
    connection.sendFrame('a');
    sync(new Error('EIO'));
    assert.deepEqual(socket.sent, []);
    assert.equal(socket.terminated, true);
  });
});
