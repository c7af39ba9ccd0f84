/**
 * The emulator endpoint across lost connections: reconnect with backoff, session replay before anything
 * else, sends resent under the same message id, other in-flight calls retried or rejected by kind,
 * events resumed from `lastEventSeq` and delivered once and in order, the heartbeat, and a server that
 * restarts on the same port.
 */
import { strict as assert } from 'node:assert';
import { WebSocket } from 'ws';
import { EmulatorEndpoint } from '../../../src/emulator/client/emulatorEndpoint';
import type { EmulatorEndpointOptions } from '../../../src/emulator/client/emulatorEndpoint';
import type { WebSocketLike } from '../../../src/emulator/client/webSocketLike';
import type { CallFrame, ClientFrame } from '../../../src/emulator/protocol';
import type { TimEvent } from '../../../src/tim/endpoint';
import { TimCode, TimError } from '../../../src/tim/errors';
import { ScriptedServer, answerOk, sleep, until } from './scriptedServer';
import type { ScriptedConnection } from './scriptedServer';

const INIT_ARGS = [1400000001, '{"sdk_config_config_file_path":"/tmp/tim-a"}'] as const;
const LOGIN_ARGS = ['alice', 'sig-alice'] as const;

function describeFrame(frame: ClientFrame): string {
  return frame.type === 'hello' ? `hello:${frame.lastEventSeq}${frame.resume ? '+resume' : ''}` : `${frame.api}${frame.messageId ? `#${frame.messageId}` : ''}`;
}

describe('EmulatorEndpoint: reconnects', () => {
  let server: ScriptedServer;
  let endpoints: EmulatorEndpoint[];
  let logs: string[];

  function open(options: Partial<EmulatorEndpointOptions> = {}): EmulatorEndpoint {
    const endpoint = new EmulatorEndpoint({
      url: server.url,
      reconnect: { initialDelayMs: 10, maxDelayMs: 40 },
      defaultTimeoutMs: 4000,
      log: (line) => logs.push(line),
      ...options,
    });
    endpoints.push(endpoint);
    return endpoint;
  }

  /** An endpoint initialised and logged in as alice, as the typed client would leave it. */
  async function openSession(options: Partial<EmulatorEndpointOptions> = {}): Promise<EmulatorEndpoint> {
    const endpoint = open(options);
    assert.equal((await endpoint.call('TIMInit', [...INIT_ARGS])).code, 0);
    assert.equal((await endpoint.call('TIMLogin', [...LOGIN_ARGS])).code, 0);
    return endpoint;
  }

  beforeEach(async () => {
    server = await ScriptedServer.start();
    endpoints = [];
    logs = [];
  });

  afterEach(async () => {
    await Promise.all(endpoints.map((endpoint) => endpoint.dispose()));
    await server.close();
  });

  it('resends an unanswered send with the same id after the socket drops mid-send, after replaying the session', async () => {
    // The first connection swallows the send and dies, as a server killed before answering would.
    server.responder = (call, connection) =>
      call.api === 'TIMMsgSendMessage' && connection === server.connections[0] ? 'drop' : answerOk(call);
    const endpoint = await openSession();
    const statuses: number[] = [];
    endpoint.onEvent((event) => {
      if (event.name === 'NetworkStatusListener') {
        statuses.push(event.status);
      }
    });
    const result = await endpoint.call('TIMMsgSendMessage', ['bob', 1, '{"message_elem_array":[]}']);
    const first = await server.connection(0);
    const second = await server.connection(1);
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
    assert.equal(server.connections.length, 2);
  });

  it('repeats the resend until a result arrives, and settles once even if old and new answers both come', async () => {
    // Two connections die under the send; the third answers it twice (the server's dedupe answer and a stray).
    server.responder = (call, connection) => {
      const index = server.connections.indexOf(connection);
      if (call.api === 'TIMMsgSendNewMsg' && index < 2) {
        return 'drop';
      }
      if (call.api === 'TIMMsgSendNewMsg') {
        connection.send({ type: 'result', id: call.id, code: 0, desc: 'stored once', json: '{}', messageId: call.messageId });
      }
      return answerOk(call);
    };
    const endpoint = await openSession();
    const result = await endpoint.call('TIMMsgSendNewMsg', ['bob', 1, '{}']);
    assert.equal(result.desc, 'stored once');
    const ids = server.connections.map((connection) => connection.calls.find((call) => call.api === 'TIMMsgSendNewMsg')?.messageId);
    assert.equal(ids.length, 3);
    assert.ok(ids[0] !== undefined && ids.every((id) => id === ids[0]));
    await until(() => logs.some((line) => line.includes('not awaiting one')), 'the duplicate result is logged');
  });

  it('rejects other in-flight writes with ENDPOINT_CLOSED, retries reads, and sends queued calls after the replay', async () => {
    let dropNow: (() => void) | undefined;
    server.responder = (call, connection) => {
      if (connection === server.connections[0] && ['TIMMsgRevoke', 'TIMMsgGetMsgList', 'TIMMsgSendMessage'].includes(call.api)) {
        return 'silent';
      }
      return answerOk(call);
    };
    const endpoint = await openSession();
    const first = await server.connection(0);
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
    const second = await server.connection(1);
    assert.deepEqual(
      second.frames.map(describeFrame).map((name) => name.replace(/#.*/, '')),
      ['hello:0+resume', 'TIMInit', 'TIMLogin', 'TIMMsgSendMessage', 'TIMMsgGetMsgList', 'TIMConvGetConvList'],
    );
  });

  it('holds calls made during the replay until the login has answered', async () => {
    let releaseLogin: (() => void) | undefined;
    server.responder = (call, connection) => {
      if (call.api === 'TIMLogin' && connection === server.connections[1]) {
        releaseLogin = () => connection.reply(call, { code: 0 });
        return 'silent';
      }
      return answerOk(call);
    };
    const endpoint = await openSession();
    (await server.connection(0)).drop();
    const second = await server.connection(1);
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
    const endpoint = await openSession();
    const first = await server.connection(0);
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
    const second = await server.connection(1);
    assert.deepEqual(second.calls.map((call) => call.api), ['TIMInit', 'TIMLogin', 'TIMConvGetConvList', 'TIMConvGetTotalUnreadMessageCount']);
  });

  it('surfaces a refused replay login as UserSigExpired and stops replaying it', async () => {
    server.responder = (call, connection) =>
      call.api === 'TIMLogin' && connection !== server.connections[0]
        ? { code: 70001, desc: 'ERR_SVR_ACCOUNT_USERSIG_EXPIRED' }
        : answerOk(call);
    const endpoint = await openSession();
    const events: string[] = [];
    endpoint.onEvent((event) => events.push(event.name === 'NetworkStatusListener' ? `status:${event.status}` : event.name));
    (await server.connection(0)).drop();
    await until(() => events.includes('UserSigExpired'), 'UserSigExpired is raised');
    assert.deepEqual(events, ['status:1', 'status:2', 'status:0', 'UserSigExpired']);
    // The session stays initialised; the refused login is not tried again on the next connection.
    (await server.connection(1)).drop();
    const third = await server.connection(2);
    await until(() => endpoint.connectionState === 'open', 'the third connection is up');
    assert.deepEqual(third.frames.map(describeFrame), ['hello:0', 'TIMInit']);
    assert.ok(logs.some((line) => line.includes('70001')));
  });

  it('does not log in again after the server kicked the device offline', async () => {
    const endpoint = await openSession();
    const names: string[] = [];
    endpoint.onEvent((event) => names.push(event.name));
    const first = await server.connection(0);
    first.sendEvent(0, { name: 'KickedOffline' });
    await until(() => names.includes('KickedOffline'), 'KickedOffline delivered');
    first.drop();
    const second = await server.connection(1);
    await until(() => endpoint.connectionState === 'open', 'reconnected');
    assert.deepEqual(second.frames.map(describeFrame), ['hello:0', 'TIMInit']);
    // An explicit login is remembered again.
    await endpoint.call('TIMLogin', ['alice', 'sig-new']);
    second.drop();
    const third = await server.connection(2);
    await until(() => endpoint.connectionState === 'open' && third.calls.length === 2, 'restored with the new login');
    assert.deepEqual(third.calls[1]?.args, ['alice', 'sig-new']);
  });

  it('replays a TIMInit made through callSync as a sync call, and only a successful one', async () => {
    server.responder = (call) => (call.api === 'TIMInit' && call.sync ? { value: call.args[0] === 1 ? -4 : 0 } : answerOk(call));
    const endpoint = open();
    assert.equal(await endpoint.callSync('TIMInit', [1, '{}']), -4);
    (await server.connection(0)).drop();
    const second = await server.connection(1);
    await second.waitFor((frame) => frame.type === 'hello');
    await endpoint.call('TIMConvGetConvList', []);
    assert.deepEqual(second.frames.map(describeFrame), ['hello:0', 'TIMConvGetConvList'], 'a failed init is not replayed');
    assert.equal(await endpoint.callSync('TIMInit', [...INIT_ARGS]), 0);
    await endpoint.call('TIMLogin', [...LOGIN_ARGS]);
    second.drop();
    const third = await server.connection(2);
    await until(() => endpoint.connectionState === 'open', 'restored');
    assert.deepEqual(third.frames.map(describeFrame), ['hello:0+resume', 'TIMInit', 'TIMLogin']);
    assert.equal(third.calls[0]?.sync, true);
    assert.equal(third.calls[1]?.sync, undefined);
  });

  it('after logout and uninit, a reconnect replays nothing', async () => {
    const endpoint = await openSession();
    await endpoint.call('TIMLogout', []);
    (await server.connection(0)).drop();
    const second = await server.connection(1);
    await until(() => endpoint.connectionState === 'open', 'reconnected');
    assert.deepEqual(second.frames.map(describeFrame), ['hello:0', 'TIMInit']);
    await endpoint.call('TIMUninit', []);
    second.drop();
    const third = await server.connection(2);
    await third.waitFor((frame) => frame.type === 'hello');
    await endpoint.call('TIMGetSDKVersion', []);
    assert.deepEqual(third.frames.map(describeFrame), ['hello:0', 'TIMGetSDKVersion']);
  });

  it('resumes events from lastEventSeq, drops replayed duplicates, and delivers in order', async () => {
    const endpoint = await openSession();
    const delivered: TimEvent[] = [];
    endpoint.onEvent((event) => {
      if (event.name !== 'NetworkStatusListener') {
        delivered.push(event);
      }
    });
    const msg = (n: number): TimEvent => ({ name: 'RecvNewMsg', json: `[{"n":${n}}]` });
    const first = await server.connection(0);
    for (const seq of [1, 2, 3]) {
      first.sendEvent(seq, msg(seq));
    }
    first.sendEvent(2, msg(2)); // a repeat on the same socket is dropped too
    const progress: TimEvent = { name: 'MsgElemUploadProgress', json: '{}', index: 0, cur: 1, total: 2 };
    first.sendEvent(0, progress); // connection-scoped: always delivered
    await until(() => delivered.length === 4, 'the first events arrive');
    assert.equal(endpoint.lastEventSeq, 3);
    first.drop();
    const second = await server.connection(1);
    const hello = await second.waitFor((frame) => frame.type === 'hello');
    assert.deepEqual(hello, { type: 'hello', protocol: 1, lastEventSeq: 3, resume: true });
    // A sloppy server replays from too far back, then continues live.
    await second.waitForCall('TIMLogin');
    for (const seq of [2, 3, 4, 5]) {
      second.sendEvent(seq, msg(seq));
    }
    second.sendEvent(6, { name: 'ConvTotalUnreadMessageCountChanged', total: 6 });
    await until(() => delivered.length === 7, 'the missed events arrive');
    await sleep(30);
    assert.deepEqual(delivered, [msg(1), msg(2), msg(3), progress, msg(4), msg(5), { name: 'ConvTotalUnreadMessageCountChanged', total: 6 }]);
    assert.equal(endpoint.lastEventSeq, 6);
  });

  it('takes the login result eventSeq as its position, so a drop before the first event still resumes', async () => {
    server.responder = (call) => (call.api === 'TIMLogin' ? { code: 0, eventSeq: 41 } : answerOk(call));
    const endpoint = await openSession();
    assert.equal(endpoint.lastEventSeq, 41);
    (await server.connection(0)).drop();
    const second = await server.connection(1);
    assert.deepEqual(await second.waitFor((frame) => frame.type === 'hello'), { type: 'hello', protocol: 1, lastEventSeq: 41, resume: true });
    // The replayed login's eventSeq (later, past the missed events) must not skip them.
    server.responder = (call) => (call.api === 'TIMLogin' ? { code: 0, eventSeq: 43 } : answerOk(call));
    const delivered: number[] = [];
    endpoint.onEvent((event) => {
      if (event.name === 'ConvTotalUnreadMessageCountChanged') {
        delivered.push(event.total);
      }
    });
    await second.waitForCall('TIMLogin');
    second.sendEvent(42, { name: 'ConvTotalUnreadMessageCountChanged', total: 42 });
    second.sendEvent(43, { name: 'ConvTotalUnreadMessageCountChanged', total: 43 });
    await until(() => delivered.length === 2, 'both missed events arrive');
    assert.deepEqual(delivered, [42, 43]);
  });

  it('a login as another user starts a new event stream', async () => {
    const endpoint = await openSession();
    const first = await server.connection(0);
    first.sendEvent(9, { name: 'RecvNewMsg', json: '[]' });
    await until(() => endpoint.lastEventSeq === 9, 'event 9 delivered');
    await endpoint.call('TIMLogin', ['bob', 'sig-bob']);
    assert.equal(endpoint.lastEventSeq, 0);
    const names: string[] = [];
    endpoint.onEvent((event) => names.push(event.name));
    first.sendEvent(1, { name: 'MsgUpdate', json: '[]' });
    await until(() => names.length === 1, "bob's first event is delivered although its seq is below alice's");
  });

  it('counts events pushed before the login result, so a replay does not repeat them', async () => {
    // The device's counter is at 5 when the login commits; event 6 overtakes the login's answer.
    server.responder = (call, connection) => {
      if (call.api === 'TIMLogin') {
        connection.sendEvent(6, { name: 'RecvNewMsg', json: '[6]' });
        return { code: 0, eventSeq: 5 };
      }
      return answerOk(call);
    };
    const endpoint = await openSession();
    assert.equal(endpoint.lastEventSeq, 6);
  });

  it('a login after being kicked offline takes its position from the login result', async () => {
    server.responder = (call) => (call.api === 'TIMLogin' ? { code: 0, eventSeq: 3 } : answerOk(call));
    const endpoint = await openSession();
    const first = await server.connection(0);
    first.sendEvent(4, { name: 'RecvNewMsg', json: '[]' });
    first.sendEvent(5, { name: 'KickedOffline' });
    await until(() => endpoint.lastEventSeq === 0, 'the kick ends the stream');
    server.responder = (call) => (call.api === 'TIMLogin' ? { code: 0, eventSeq: 2 } : answerOk(call));
    await endpoint.call('TIMLogin', ['carl', 'sig-carl']);
    assert.equal(endpoint.lastEventSeq, 2);
  });

  it('backs off exponentially with jitter, capped, while the server is unreachable, then connects', async () => {
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
    const endpoint = open({
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
    (await server.connection(0)).drop();
    await until(() => server.connections.length === 2, 'reconnected');
    assert.match(drops[0] ?? '', /retrying in 30 ms/);
  });

  it('reconnects to a server restarted on the same port and resends what it never acknowledged', async () => {
    const port = server.port;
    const endpoint = await openSession({ reconnect: { initialDelayMs: 20, maxDelayMs: 100 } });
    server.responder = () => 'silent';
    const send = endpoint.call('TIMMsgSendMessage', ['bob', 1, '{}']);
    const sent = (await (await server.connection(0)).waitForCall('TIMMsgSendMessage')) as CallFrame;
    await server.close();
    await sleep(300); // several failed attempts while the port is closed
    server = await ScriptedServer.start(port);
    const result = await send;
    assert.equal(result.code, 0);
    assert.equal(result.messageId, sent.messageId);
    const connection = await server.connection(0);
    assert.deepEqual(connection.frames.map(describeFrame), ['hello:0+resume', 'TIMInit', 'TIMLogin', `TIMMsgSendMessage#${sent.messageId}`]);
  });

  it('drops a connection whose peer stops answering heartbeats and reconnects', async () => {
    await server.close();
    server = await ScriptedServer.start(0, { autoPong: false });
    const endpoint = open({ heartbeatMs: 50 });
    await endpoint.ready();
    await until(() => server.connections.length >= 2, 'a second connection after the silent peer is dropped', 2000);
    assert.ok(endpoint.connectionState !== 'disposed');
  });

  it('replays again from scratch when the socket dies during the replay', async () => {
    server.responder = (call, connection: ScriptedConnection) =>
      call.api === 'TIMInit' && connection === server.connections[1] ? 'drop' : answerOk(call);
    const endpoint = await openSession();
    (await server.connection(0)).drop();
    const third = await server.connection(2);
    await until(() => endpoint.connectionState === 'open', 'the third connection is restored');
    assert.deepEqual(third.frames.map(describeFrame), ['hello:0+resume', 'TIMInit', 'TIMLogin']);
    assert.equal((await endpoint.call('TIMConvGetConvList', [])).code, 0);
  });

  it('recycles the connection when the replay times out', async () => {
    server.responder = (call, connection) =>
      call.api === 'TIMLogin' && connection === server.connections[1] ? 'silent' : answerOk(call);
    const endpoint = await openSession({ defaultTimeoutMs: 200 });
    const reasons: string[] = [];
    endpoint.onEvent((event) => {
      if (event.name === 'NetworkStatusListener' && event.status === 1) {
        reasons.push(event.desc);
      }
    });
    (await server.connection(0)).drop();
    const third = await server.connection(2, 3000);
    await until(() => endpoint.connectionState === 'open', 'restored on the third connection');
    assert.deepEqual(third.frames.map(describeFrame), ['hello:0+resume', 'TIMInit', 'TIMLogin']);
    await (await server.connection(1)).waitClosed();
    assert.match(reasons[1] ?? '', /session replay failed: TIMLogin failed: 9520/);
  });
});
