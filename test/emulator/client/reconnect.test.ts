/**
 * The emulator endpoint across lost connections: reconnect with backoff, session replay before anything
 * else, sends resent under the same message id, other in-flight calls retried or rejected by kind, the
 * heartbeat, and a server that restarts on the same port.
 */
import { strict as assert } from 'node:assert';
import { WebSocket } from 'ws';
import type { WebSocketLike } from '../../../src/emulator/client/webSocketLike';
import type { CallFrame } from '../../../src/emulator/protocol';
import { TimCode, TimError } from '../../../src/tim/errors';
import { EndpointFixture, INIT_ARGS, LOGIN_ARGS, describeFrame } from './endpointFixture';
import { ScriptedServer, answerOk, sleep, until } from './scriptedServer';
import type { ScriptedConnection } from './scriptedServer';

describe('EmulatorEndpoint: reconnects', () => {
  const fx = new EndpointFixture();

  it('resends an unanswered send with the same id after the socket drops mid-send, after replaying the session', async () => {
    // The first connection swallows the send and dies, as a fx.server killed before answering would.
    fx.server.responder = (call, connection) =>
      call.api === 'TIMMsgSendMessage' && connection === fx.server.connections[0] ? 'drop' : answerOk(call);
    const endpoint = await fx.openSession();
    const statuses: number[] = [];
    endpoint.onEvent((event) => {
      if (event.name === 'NetworkStatusListener') {
        statuses.push(event.status);
      }
    });
    const result = await endpoint.call('TIMMsgSendMessage', ['bob', 1, '{"message_elem_array":[]}']);
    const first = await fx.server.connection(0);
    const second = await fx.server.connection(1);
    const sent = first.calls.find((call) => call.api === 'TIMMsgSendMessage');
    const resent = second.calls.find((call) => call.api === 'TIMMsgSendMessage');
    assert.ok(sent && resent);
    assert.equal(resent.messageId, sent.messageId, 'the same message id');
    assert.equal(resent.id, sent.id, 'the same request');
    assert.deepEqual(resent.args, sent.args);
    assert.equal(result.code, 0);
    assert.equal(result.messageId, sent.messageId);
    // hello, the session, then the resend: nothing overtakes the replay.
    assert.deepEqual(second.frames.map(describeFrame), ['hello:0+resume', 'TIMInit', 'TIMLogin', `TIMMsgSendMessage#${sent.messageId}`]);
    assert.deepEqual(second.calls[0]?.args, [...INIT_ARGS]);
    assert.deepEqual(second.calls[1]?.args, [...LOGIN_ARGS]);
    assert.deepEqual(statuses, [1, 2, 0], 'disconnected, connecting, connected');
    assert.equal(fx.server.connections.length, 2);
  });

  it('repeats the resend until a result arrives, and settles once even if old and new answers both come', async () => {
    // Two connections die under the send; the third answers it twice (the server's dedupe answer and a stray).
    fx.server.responder = (call, connection) => {
      const index = fx.server.connections.indexOf(connection);
      if (call.api === 'TIMMsgSendNewMsg' && index < 2) {
        return 'drop';
      }
      if (call.api === 'TIMMsgSendNewMsg') {
        connection.send({ type: 'result', id: call.id, code: 0, desc: 'stored once', json: '{}', messageId: call.messageId });
      }
      return answerOk(call);
    };
    const endpoint = await fx.openSession();
    const result = await endpoint.call('TIMMsgSendNewMsg', ['bob', 1, '{}']);
    assert.equal(result.desc, 'stored once');
    const ids = fx.server.connections.map((connection) => connection.calls.find((call) => call.api === 'TIMMsgSendNewMsg')?.messageId);
    assert.equal(ids.length, 3);
    assert.ok(ids[0] !== undefined && ids.every((id) => id === ids[0]));
    await until(() => fx.logs.some((line) => line.includes('not awaiting one')), 'the duplicate result is logged');
  });

  it('rejects other in-flight writes with ENDPOINT_CLOSED, retries reads, and sends queued calls after the replay', async () => {
    let dropNow: (() => void) | undefined;
    fx.server.responder = (call, connection) => {
      if (connection === fx.server.connections[0] && ['TIMMsgRevoke', 'TIMMsgGetMsgList', 'TIMMsgSendMessage'].includes(call.api)) {
        return 'silent';
      }
      return answerOk(call);
    };
    const endpoint = await fx.openSession();
    const first = await fx.server.connection(0);
    dropNow = () => first.drop();
    const send = endpoint.call('TIMMsgSendMessage', ['bob', 1, '{}']);
    const revoke = endpoint.call('TIMMsgRevoke', ['bob', 1, '{}']);
    const read = endpoint.call('TIMMsgGetMsgList', ['bob', 1, '{}']);
    const revokeOutcome = revoke.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await first.waitForCall('TIMMsgGetMsgList');
    dropNow();
    // A call made while disconnected waits for the new connection.
    await until(() => endpoint.connectionState !== 'open', 'the endpoint noticed the drop');
    const queued = endpoint.call('TIMConvGetConvList', []);
    const error = await revokeOutcome;
    assert.ok(error instanceof TimError);
    assert.equal(error.code, TimCode.ENDPOINT_CLOSED);
    assert.equal(error.api, 'TIMMsgRevoke');
    assert.match(error.desc, /lost .*TIMMsgRevoke was in flight; it may or may not have taken effect/);
    assert.equal((await send).code, 0);
    assert.equal((await read).code, 0);
    assert.equal((await queued).code, 0);
    const second = await fx.server.connection(1);
    assert.deepEqual(
      second.frames.map(describeFrame).map((name) => name.replace(/#.*/, '')),
      ['hello:0+resume', 'TIMInit', 'TIMLogin', 'TIMMsgSendMessage', 'TIMMsgGetMsgList', 'TIMConvGetConvList'],
    );
  });

  it('holds calls made during the replay until the login has answered', async () => {
    let releaseLogin: (() => void) | undefined;
    fx.server.responder = (call, connection) => {
      if (call.api === 'TIMLogin' && connection === fx.server.connections[1]) {
        releaseLogin = () => connection.reply(call, { code: 0 });
        return 'silent';
      }
      return answerOk(call);
    };
    const endpoint = await fx.openSession();
    (await fx.server.connection(0)).drop();
    const second = await fx.server.connection(1);
    await second.waitForCall('TIMLogin');
    assert.equal(endpoint.connectionState, 'restoring');
    const call = endpoint.call('TIMConvGetConvList', []);
    await sleep(50);
    assert.deepEqual(second.frames.map(describeFrame), ['hello:0+resume', 'TIMInit', 'TIMLogin'], 'nothing overtakes the login');
    releaseLogin?.();
    assert.equal((await call).code, 0);
    assert.equal(second.calls.at(-1)?.api, 'TIMConvGetConvList');
  });

  it('sends waiting calls before a "connected" listener can send new ones', async () => {
    const endpoint = await fx.openSession();
    const first = await fx.server.connection(0);
    first.drop();
    await until(() => endpoint.connectionState !== 'open', 'the drop is noticed');
    const waiting = endpoint.call('TIMConvGetConvList', []);
    let fromListener: Promise<unknown> | undefined;
    endpoint.onEvent((event) => {
      if (event.name === 'NetworkStatusListener' && event.status === 0 && !fromListener) {
        fromListener = endpoint.call('TIMConvGetTotalUnreadMessageCount', []);
      }
    });
    await waiting;
    await until(() => fromListener !== undefined, 'the listener ran');
    await fromListener;
    const second = await fx.server.connection(1);
    assert.deepEqual(second.calls.map((call) => call.api), ['TIMInit', 'TIMLogin', 'TIMConvGetConvList', 'TIMConvGetTotalUnreadMessageCount']);
  });

  it('surfaces a refused replay login as UserSigExpired and stops replaying it', async () => {
    fx.server.responder = (call, connection) =>
      call.api === 'TIMLogin' && connection !== fx.server.connections[0]
        ? { code: 70001, desc: 'ERR_SVR_ACCOUNT_USERSIG_EXPIRED' }
        : answerOk(call);
    const endpoint = await fx.openSession();
    const events: string[] = [];
    endpoint.onEvent((event) => events.push(event.name === 'NetworkStatusListener' ? `status:${event.status}` : event.name));
    (await fx.server.connection(0)).drop();
    await until(() => events.includes('UserSigExpired'), 'UserSigExpired is raised');
    assert.deepEqual(events, ['status:1', 'status:2', 'status:0', 'UserSigExpired']);
    // The session stays initialised; the refused login is not tried again on the next connection.
    (await fx.server.connection(1)).drop();
    const third = await fx.server.connection(2);
    await until(() => endpoint.connectionState === 'open', 'the third connection is up');
    assert.deepEqual(third.frames.map(describeFrame), ['hello:0', 'TIMInit']);
    assert.ok(fx.logs.some((line) => line.includes('70001')));
  });

  it('does not log in again after the fx.server kicked the device offline', async () => {
    const endpoint = await fx.openSession();
    const names: string[] = [];
    endpoint.onEvent((event) => names.push(event.name));
    const first = await fx.server.connection(0);
    first.sendEvent(0, { name: 'KickedOffline' });
    await until(() => names.includes('KickedOffline'), 'KickedOffline delivered');
    first.drop();
    const second = await fx.server.connection(1);
    await until(() => endpoint.connectionState === 'open', 'reconnected');
    assert.deepEqual(second.frames.map(describeFrame), ['hello:0', 'TIMInit']);
    // An explicit login is remembered again.
    await endpoint.call('TIMLogin', ['alice', 'sig-new']);
    second.drop();
    const third = await fx.server.connection(2);
    await until(() => endpoint.connectionState === 'open' && third.calls.length === 2, 'restored with the new login');
    assert.deepEqual(third.calls[1]?.args, ['alice', 'sig-new']);
  });

  it('replays a TIMInit made through callSync as a sync call, and only a successful one', async () => {
    fx.server.responder = (call) => (call.api === 'TIMInit' && call.sync ? { value: call.args[0] === 1 ? -4 : 0 } : answerOk(call));
    const endpoint = fx.open();
    assert.equal(await endpoint.callSync('TIMInit', [1, '{}']), -4);
    (await fx.server.connection(0)).drop();
    const second = await fx.server.connection(1);
    await second.waitFor((frame) => frame.type === 'hello');
    await endpoint.call('TIMConvGetConvList', []);
    assert.deepEqual(second.frames.map(describeFrame), ['hello:0', 'TIMConvGetConvList'], 'a failed init is not replayed');
    assert.equal(await endpoint.callSync('TIMInit', [...INIT_ARGS]), 0);
    await endpoint.call('TIMLogin', [...LOGIN_ARGS]);
    second.drop();
    const third = await fx.server.connection(2);
    await until(() => endpoint.connectionState === 'open', 'restored');
    assert.deepEqual(third.frames.map(describeFrame), ['hello:0+resume', 'TIMInit', 'TIMLogin']);
    assert.equal(third.calls[0]?.sync, true);
    assert.equal(third.calls[1]?.sync, undefined);
  });

  it('after logout and uninit, a reconnect replays nothing', async () => {
    const endpoint = await fx.openSession();
    await endpoint.call('TIMLogout', []);
    (await fx.server.connection(0)).drop();
    const second = await fx.server.connection(1);
    await until(() => endpoint.connectionState === 'open', 'reconnected');
    assert.deepEqual(second.frames.map(describeFrame), ['hello:0', 'TIMInit']);
    await endpoint.call('TIMUninit', []);
    second.drop();
    const third = await fx.server.connection(2);
    await third.waitFor((frame) => frame.type === 'hello');
    await endpoint.call('TIMGetSDKVersion', []);
    assert.deepEqual(third.frames.map(describeFrame), ['hello:0', 'TIMGetSDKVersion']);
  });

  it('backs off exponentially with jitter, capped, while the fx.server is unreachable, then connects', async () => {
    const attempts: number[] = [];
    let failuresLeft = 6;
    // A socket that fails the way an unreachable port does for the first attempts, then the real thing.
    class FlakySocket {
      constructor(url: string) {
        attempts.push(Date.now());
        if (failuresLeft-- > 0) {
          const fake = new (class {
            private readonly listeners = new Map<string, Array<(...args: unknown[]) => void>>();
            on(event: string, listener: (...args: unknown[]) => void): void {
              this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
            }
            emit(event: string, ...args: unknown[]): void {
              for (const listener of this.listeners.get(event) ?? []) {
                listener(...args);
              }
            }
            send(): void {}
            close(): void {}
          })();
          setImmediate(() => {
            fake.emit('error', new Error('connect ECONNREFUSED'));
            fake.emit('close', 1006, Buffer.alloc(0));
          });
          return fake as unknown as FlakySocket;
        }
        return new WebSocket(url) as unknown as FlakySocket;
      }
    }
    const endpoint = fx.open({
      reconnect: { initialDelayMs: 40, maxDelayMs: 160 },
      random: () => 0.5,
      WebSocketImpl: FlakySocket as unknown as new (url: string) => WebSocketLike,
    });
    const failures: string[] = [];
    const drops: string[] = [];
    endpoint.onEvent((event) => {
      if (event.name === 'NetworkStatusListener' && event.status === 3) {
        failures.push(event.desc);
      }
      if (event.name === 'NetworkStatusListener' && event.status === 1) {
        drops.push(event.desc);
      }
    });
    await endpoint.ready();
    assert.equal(attempts.length, 7);
    // Equal jitter at 0.5: three quarters of 40, 80, 160 (the cap), 160, ...
    const announced = failures.map((desc) => Number(/retrying in (\d+) ms/.exec(desc)?.[1]));
    assert.deepEqual(announced, [30, 60, 120, 120, 120, 120]);
    assert.ok(failures.every((desc) => desc.includes('ECONNREFUSED')));
    const gaps = attempts.slice(1).map((time, index) => time - (attempts[index] ?? 0));
    gaps.forEach((gap, index) => assert.ok(gap >= (announced[index] ?? 0) - 2, `gap ${index} is ${gap} ms`));
    // Connected: the schedule starts again from the bottom.
    (await fx.server.connection(0)).drop();
    await until(() => fx.server.connections.length === 2, 'reconnected');
    assert.match(drops[0] ?? '', /retrying in 30 ms/);
  });

  it('reconnects to a fx.server restarted on the same port and resends what it never acknowledged', async () => {
    const port = fx.server.port;
    const endpoint = await fx.openSession({ reconnect: { initialDelayMs: 20, maxDelayMs: 100 } });
    fx.server.responder = () => 'silent';
    const send = endpoint.call('TIMMsgSendMessage', ['bob', 1, '{}']);
    const sent = (await (await fx.server.connection(0)).waitForCall('TIMMsgSendMessage')) as CallFrame;
    await fx.server.close();
    await sleep(300); // several failed attempts while the port is closed
    fx.server = await ScriptedServer.start(port);
    const result = await send;
    assert.equal(result.code, 0);
    assert.equal(result.messageId, sent.messageId);
    const connection = await fx.server.connection(0);
    assert.deepEqual(connection.frames.map(describeFrame), ['hello:0+resume', 'TIMInit', 'TIMLogin', `TIMMsgSendMessage#${sent.messageId}`]);
  });

  it('drops a connection whose peer stops answering heartbeats and reconnects', async () => {
    await fx.server.close();
    fx.server = await ScriptedServer.start(0, { autoPong: false });
    const endpoint = fx.open({ heartbeatMs: 50 });
    await endpoint.ready();
    await until(() => fx.server.connections.length >= 2, 'a second connection after the silent peer is dropped', 2000);
    assert.ok(endpoint.connectionState !== 'disposed');
  });

  it('replays again from scratch when the socket dies during the replay', async () => {
    fx.server.responder = (call, connection: ScriptedConnection) =>
      call.api === 'TIMInit' && connection === fx.server.connections[1] ? 'drop' : answerOk(call);
    const endpoint = await fx.openSession();
    (await fx.server.connection(0)).drop();
    const third = await fx.server.connection(2);
    await until(() => endpoint.connectionState === 'open', 'the third connection is restored');
    assert.deepEqual(third.frames.map(describeFrame), ['hello:0+resume', 'TIMInit', 'TIMLogin']);
    assert.equal((await endpoint.call('TIMConvGetConvList', [])).code, 0);
  });

  it('recycles the connection when the replay times out', async () => {
    fx.server.responder = (call, connection) =>
      call.api === 'TIMLogin' && connection === fx.server.connections[1] ? 'silent' : answerOk(call);
    const endpoint = await fx.openSession({ defaultTimeoutMs: 200 });
    const reasons: string[] = [];
    endpoint.onEvent((event) => {
      if (event.name === 'NetworkStatusListener' && event.status === 1) {
        reasons.push(event.desc);
      }
    });
    (await fx.server.connection(0)).drop();
    const third = await fx.server.connection(2, 3000);
    await until(() => endpoint.connectionState === 'open', 'restored on the third connection');
    assert.deepEqual(third.frames.map(describeFrame), ['hello:0+resume', 'TIMInit', 'TIMLogin']);
    await (await fx.server.connection(1)).waitClosed();
    assert.match(reasons[1] ?? '', /session replay failed: TIMLogin failed: 9520/);
  });
});
