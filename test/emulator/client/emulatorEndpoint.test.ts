/**
 * The emulator endpoint on one healthy connection: the hello, calls and their results, sync calls,
 * uint64 on the wire, timeouts, dispose, and resistance to whatever a broken server sends.
 */
import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { EmulatorEndpoint } from '../../../src/emulator/client/emulatorEndpoint';
import type { EmulatorEndpointOptions } from '../../../src/emulator/client/emulatorEndpoint';
import type { TimEvent } from '../../../src/tim/endpoint';
import { TimCode, TimError } from '../../../src/tim/errors';
import { ScriptedServer, answerOk, sleep, until } from './scriptedServer';

describe('EmulatorEndpoint: one connection', () => {
  let server: ScriptedServer;
  let endpoints: EmulatorEndpoint[];
  let logs: string[];

  function open(options: Partial<EmulatorEndpointOptions> = {}): EmulatorEndpoint {
    const endpoint = new EmulatorEndpoint({
      url: server.url,
      reconnect: { initialDelayMs: 10, maxDelayMs: 50 },
      defaultTimeoutMs: 3000,
      log: (line) => logs.push(line),
      ...options,
    });
    endpoints.push(endpoint);
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

  it('says hello first, with protocol 1 and no event position', async () => {
    const endpoint = open();
    await endpoint.ready();
    const connection = await server.connection(0);
    await connection.waitFor((frame) => frame.type === 'hello');
    assert.deepEqual(connection.frames[0], { type: 'hello', protocol: 1, lastEventSeq: 0 });
    assert.equal(endpoint.kind, 'emulator');
    assert.equal(endpoint.connectionState, 'open');
  });

  it('reports connecting then connected as NetworkStatusListener events', async () => {
    const endpoint = open();
    const statuses: number[] = [];
    endpoint.onEvent((event) => {
      if (event.name === 'NetworkStatusListener') {
        statuses.push(event.status);
      }
    });
    await endpoint.ready();
    assert.deepEqual(statuses, [2, 0]);
  });

  it('resolves a call with the result code, desc and json, whatever the code', async () => {
    server.responder = (call) => (call.api === 'TIMMsgGetMsgList' ? { code: 6014, desc: 'not login', json: '[]' } : { code: 0 });
    const endpoint = open();
    const result = await endpoint.call('TIMMsgGetMsgList', ['user2', 1, '{}']);
    assert.deepEqual(result, { code: 6014, desc: 'not login', json: '[]' });
    const frame = await (await server.connection(0)).waitForCall('TIMMsgGetMsgList');
    assert.deepEqual(frame.args, ['user2', 1, '{}']);
    assert.equal(frame.messageId, undefined);
  });

  it('rejects a call whose result says syncError with TimError(code, desc, api)', async () => {
    server.responder = () => ({ code: -3, desc: 'bad json', syncError: true });
    const endpoint = open();
    await assert.rejects(endpoint.call('TIMMsgSendMessage', ['u', 1, '{']), (error: unknown) => {
      assert.ok(error instanceof TimError);
      assert.equal(error.code, -3);
      assert.equal(error.desc, 'bad json');
      assert.equal(error.api, 'TIMMsgSendMessage');
      return true;
    });
  });

  it('answers sync calls with the value, keeping uint64 exact', async () => {
    server.responder = (call) => {
      switch (call.api) {
        case 'TIMGetServerTime':
          return { value: 18446744073709551615n };
        case 'TIMGetLoginUserID':
          return { value: 'alice' };
        case 'TIMConvSetDraft':
          return { code: -5, syncError: true, desc: 'bad conv' };
        default:
          return { code: 0 };
      }
    };
    const endpoint = open();
    assert.equal(await endpoint.callSync('TIMGetServerTime', []), 18446744073709551615n);
    assert.equal(await endpoint.callSync('TIMGetLoginUserID', []), 'alice');
    assert.equal(await endpoint.callSync('TIMConvCancelDraft', ['c', 1]), 0);
    await assert.rejects(endpoint.callSync('TIMConvSetDraft', ['c', 1, '{}']), { code: -5 });
    const connection = await server.connection(0);
    assert.equal((await connection.waitForCall('TIMGetServerTime')).sync, true);
  });

  it('writes bigint arguments as bare JSON numbers', async () => {
    const endpoint = open();
    await endpoint.call('TIMInit', [12345678901234567890n, '{"sdk_config_config_file_path":"/tmp/a"}']);
    const connection = await server.connection(0);
    const text = connection.texts.find((t) => t.includes('TIMInit')) ?? '';
    assert.match(text, /"args":\[12345678901234567890,/);
    assert.equal((await connection.waitForCall('TIMInit')).args[0], 12345678901234567890n);
  });

  it('generates SDK-form message ids for sends and returns the answered id', async () => {
    const endpoint = open();
    const first = await endpoint.call('TIMMsgSendMessage', ['bob', 1, '{}']);
    const second = await endpoint.call('TIMMsgSendNewMsg', ['bob', 1, '{}']);
    const connection = await server.connection(0);
    const frames = connection.calls.filter((call) => call.messageId !== undefined);
    assert.equal(frames.length, 2);
    for (const frame of frames) {
      assert.match(frame.messageId ?? '', /^\d{17,20}-\d{10}-\d{1,10}$/);
    }
    assert.notEqual(frames[0]?.messageId, frames[1]?.messageId);
    assert.equal(first.messageId, frames[0]?.messageId);
    assert.equal(second.messageId, frames[1]?.messageId);
  });

  it('rejects with TIMEOUT when no answer arrives in time, and ignores the late answer', async () => {
    server.responder = (call) => (call.api === 'TIMMsgRevoke' ? 'silent' : answerOk(call));
    const endpoint = open();
    await endpoint.ready();
    const started = Date.now();
    await assert.rejects(endpoint.call('TIMMsgRevoke', ['u', 1, '{}'], { timeoutMs: 150 }), (error: unknown) => {
      assert.ok(error instanceof TimError);
      assert.equal(error.code, TimCode.TIMEOUT);
      assert.equal(error.api, 'TIMMsgRevoke');
      return true;
    });
    assert.ok(Date.now() - started >= 140);
    const connection = await server.connection(0);
    const revoke = await connection.waitForCall('TIMMsgRevoke');
    connection.send({ type: 'result', id: revoke.id, code: 0, desc: '', json: '' });
    // The endpoint goes on working and logs the stray answer.
    assert.equal((await endpoint.call('TIMConvGetConvList', [])).code, 0);
    assert.ok(logs.some((line) => line.includes(`request ${revoke.id}`)));
  });

  it('applies defaultTimeoutMs to calls without their own timeout, including sync calls', async () => {
    server.responder = () => 'silent';
    const endpoint = open({ defaultTimeoutMs: 100 });
    await assert.rejects(endpoint.call('TIMConvGetConvList', []), { code: TimCode.TIMEOUT });
    await assert.rejects(endpoint.callSync('TIMGetLoginStatus', []), { code: TimCode.TIMEOUT });
  });

  it('settles a call once when the server answers it twice', async () => {
    server.responder = (call, connection) => {
      connection.send({ type: 'result', id: call.id, code: 0, desc: 'first', json: '' });
      return { code: 1, desc: 'second' };
    };
    const endpoint = open();
    const first = await endpoint.call('TIMConvGetConvList', []);
    assert.equal(first.desc, 'first');
    const next = await endpoint.call('TIMConvGetTotalUnreadMessageCount', []);
    assert.equal(next.desc, 'first');
    await until(() => logs.filter((line) => line.includes('not awaiting one')).length >= 2, 'both duplicates are logged');
  });

  it('dispose rejects every pending call with ENDPOINT_CLOSED, is idempotent, and stops everything', async () => {
    server.responder = () => 'silent';
    const endpoint = open();
    await endpoint.ready();
    const events: TimEvent[] = [];
    endpoint.onEvent((event) => events.push(event));
    const pending = [endpoint.call('TIMMsgSendMessage', ['u', 1, '{}']), endpoint.call('TIMConvGetConvList', []), endpoint.callSync('TIMGetServerTime', [])];
    await (await server.connection(0)).waitForCall('TIMGetServerTime');
    const settled = Promise.allSettled(pending);
    await Promise.all([endpoint.dispose(), endpoint.dispose()]);
    for (const outcome of await settled) {
      assert.equal(outcome.status, 'rejected');
      const error: unknown = outcome.status === 'rejected' ? outcome.reason : undefined;
      assert.ok(error instanceof TimError && error.code === TimCode.ENDPOINT_CLOSED);
      assert.match(error.desc, /disposed/);
    }
    await assert.rejects(endpoint.call('TIMConvGetConvList', []), { code: TimCode.ENDPOINT_CLOSED });
    await assert.rejects(endpoint.callSync('TIMGetServerTime', []), { code: TimCode.ENDPOINT_CLOSED });
    assert.equal(endpoint.connectionState, 'disposed');
    await (await server.connection(0)).waitClosed();
    await sleep(100);
    assert.equal(server.connections.length, 1, 'no reconnect after dispose');
    assert.deepEqual(events, [], 'no events after dispose');
  });

  it('dispose before the first connection rejects ready()', async () => {
    const endpoint = open();
    const ready = endpoint.ready();
    await endpoint.dispose();
    await assert.rejects(ready, { code: TimCode.ENDPOINT_CLOSED });
  });

  it('never throws on bad frames from the server, and keeps working', async () => {
    const endpoint = open();
    await endpoint.ready();
    const events: TimEvent[] = [];
    endpoint.onEvent((event) => events.push(event));
    const connection = await server.connection(0);
    const garbage = [
      'not json',
      '',
      '[1,2,3]',
      'null',
      '{"type":"nonsense"}',
      '{"type":"result"}',
      '{"type":"result","id":"7","code":0}',
      '{"type":"result","id":99999,"code":0,"desc":"","json":""}',
      '{"type":"result","id":1,"code":"x"}',
      '{"type":"event","seq":-1,"event":{"name":"RecvNewMsg","json":"[]"}}',
      '{"type":"event","seq":1,"event":{"name":"NoSuchListener"}}',
      '{"type":"event","seq":1,"event":{"name":"RecvNewMsg","json":5}}',
      '{"type":"event","seq":1}',
      '{"type":"error"}',
      '{"type":"error","code":9999,"desc":"unsupported frame"}',
      '{"type":"result","id":1,"code":0,"desc":"","json":"", "value":{"x":1}}',
      '{"__proto__":{"type":"result"}}',
      '{"type":"event","seq":123456789012345678901,"event":{"name":"KickedOffline"}}',
    ];
    for (const text of garbage) {
      connection.sendRaw(text);
    }
    connection.sendRaw(Buffer.from([0xff, 0xfe, 0x00]));
    connection.sendEvent(1, { name: 'RecvNewMsg', json: '[]' });
    await until(() => events.length === 1, 'the good event after the garbage is delivered');
    assert.deepEqual(events, [{ name: 'RecvNewMsg', json: '[]' }]);
    assert.equal((await endpoint.call('TIMConvGetConvList', [])).code, 0);
    assert.ok(logs.length >= garbage.length - 1, `every bad frame is logged (${logs.length})`);
    assert.equal(server.connections.length, 1, 'bad frames do not cost the connection');
  });

  it('fails a call at once when its answer is malformed (ERR_SDK_INTERNAL_ERROR), instead of at its timeout', async () => {
    server.responder = (call, connection) => {
      connection.sendRaw(`{"type":"result","id":${call.id},"code":0,"desc":"","json":{"not":"a string"}}`);
      return 'silent';
    };
    const endpoint = open();
    const started = Date.now();
    await assert.rejects(endpoint.call('TIMConvGetConvList', [], { timeoutMs: 5000 }), (error: unknown) => {
      assert.ok(error instanceof TimError);
      assert.equal(error.code, 7012);
      assert.match(error.desc, /json is not a string/);
      return true;
    });
    assert.ok(Date.now() - started < 1000);
  });

  it('rejects the call an error frame names, with the server code', async () => {
    server.responder = (call, connection) => {
      connection.send({ type: 'error', id: call.id, code: -3, desc: 'args is not an array' });
      return 'silent';
    };
    const endpoint = open();
    await assert.rejects(endpoint.call('TIMConvGetConvList', []), { code: -3, desc: 'args is not an array', api: 'TIMConvGetConvList' });
  });

  it('keeps delivering to other listeners when one throws, and unsubscribes on dispose()', async () => {
    const endpoint = open();
    await endpoint.ready();
    const seen: string[] = [];
    endpoint.onEvent(() => {
      throw new Error('listener bug');
    });
    const subscription = endpoint.onEvent((event) => seen.push(event.name));
    const connection = await server.connection(0);
    connection.sendEvent(1, { name: 'KickedOffline' });
    await until(() => seen.length === 1, 'the second listener got the event');
    subscription.dispose();
    connection.sendEvent(2, { name: 'UserSigExpired' });
    await endpoint.call('TIMConvGetConvList', []);
    assert.deepEqual(seen, ['KickedOffline']);
    assert.ok(logs.some((line) => line.includes('listener bug')));
  });

  it('dispose while the handshake hangs resolves promptly and never throws', async () => {
    // A TCP peer that accepts and then says nothing: the WebSocket stays in CONNECTING.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = open({ url: `ws://127.0.0.1:${(silent.address() as AddressInfo).port}` });
      const call = endpoint.call('TIMConvGetConvList', []).catch((error: unknown) => error);
      await until(() => sockets.length === 1, 'the TCP connection is accepted');
      assert.equal(endpoint.connectionState, 'connecting');
      const started = Date.now();
      await endpoint.dispose();
      assert.ok(Date.now() - started < 500);
      const error = await call;
      assert.ok(error instanceof TimError && error.code === TimCode.ENDPOINT_CLOSED);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('abandons a handshake that never completes and tries again', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = open({ url: `ws://127.0.0.1:${(silent.address() as AddressInfo).port}`, openTimeoutMs: 100 });
      const failures: string[] = [];
      endpoint.onEvent((event) => {
        if (event.name === 'NetworkStatusListener' && event.status === 3) {
          failures.push(event.desc);
        }
      });
      await until(() => sockets.length >= 2, 'a second attempt after the first is abandoned', 3000);
      assert.match(failures[0] ?? '', /not open after 100 ms/);
      await endpoint.dispose();
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('rejects a URL that is not ws:// at construction', () => {
    assert.throws(() => new EmulatorEndpoint({ url: 'http://127.0.0.1:1' }), TypeError);
    assert.throws(() => new EmulatorEndpoint({ url: 'nope' }), TypeError);
  });

  it('connect() waits for the connection and returns a ready endpoint', async () => {
    const endpoint = await EmulatorEndpoint.connect({ url: server.url, defaultTimeoutMs: 3000 });
    endpoints.push(endpoint);
    assert.equal(endpoint.connectionState, 'open');
  });

  it('connect() rejects with ENDPOINT_CLOSED when nothing listens, and leaves nothing running', async () => {
    const port = server.port;
    await server.close();
    server = await ScriptedServer.start();
    const started = Date.now();
    await assert.rejects(
      EmulatorEndpoint.connect({ url: `ws://127.0.0.1:${port}`, connectTimeoutMs: 200, reconnect: { initialDelayMs: 10, maxDelayMs: 20 } }),
      (error: unknown) => error instanceof TimError && error.code === TimCode.ENDPOINT_CLOSED && /cannot reach/.test(error.desc),
    );
    assert.ok(Date.now() - started < 1500);
  });
});
