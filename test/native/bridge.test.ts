/**
 * Unit tests of the callback bridge against a real cross-thread C library (fixtures/fakeSdk.c, compiled
 * on the fly): pending map, exactly-once settle, synchronous refusal, timeouts, reject-all, dispose,
 * the keep-alive handle, no exception escaping into koffi, and no leak over many calls.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import koffi from 'koffi';
import { CallbackBridge, groupReadMembersAnswer } from '../../src/native/bridge';
import { TimErrorCode } from '../../src/tim/errorCodes';
import { TimCode, TimError } from '../../src/tim/errors';
import { parseTimJson } from '../../src/tim/json';
import type { CallbackRelay, NativeRelay } from '../../src/native/relay';
import { loadFakeSdk } from './fakeSdk';
import type { FakeSdk } from './fakeSdk';
import { RELAYS_UNDER_TEST } from './testRelay';
import { rejection } from './timRejection';

const root = path.resolve(__dirname, '..', '..');


for (const { name: relayName, load: loadRelay } of RELAYS_UNDER_TEST) describe(`native callback bridge on ${relayName} (fake SDK library)`, function () {
  let fake: FakeSdk;
  let relay: CallbackRelay;
  let bridge: CallbackBridge;
  let internalErrors: unknown[];

  before(function () {
    const loaded = loadFakeSdk();
    const loadedRelay = loadRelay();
    if (!loaded || !loadedRelay) {
      console.log('    no C compiler: cannot build the fake SDK library or the relay');
      this.skip();
    }
    fake = loaded;
    relay = loadedRelay;
  });

  beforeEach(() => {
    internalErrors = [];
    bridge = new CallbackBridge({ defaultTimeoutMs: 5000, onInternalError: (error) => internalErrors.push(error), relay });
  });

  afterEach(() => bridge.dispose());

  it('resolves with the code, desc and json the other thread called back with', async () => {
    const request = bridge.begin('FakeCall');
    assert.equal(bridge.pendingCount, 1);
    assert.equal(fake.call(6014, '{"a":7712240067047157981}', bridge.commCallback, request.id), 0);
    const result = await request.promise;
    assert.deepEqual(result, { code: 6014, desc: 'fake desc', json: '{"a":7712240067047157981}' });
    assert.equal(bridge.pendingCount, 0);
  });

  it('resolves a request answered through the groupReadMembers shape (TIMMsgGetGroupMessageReadMemberList)', async () => {
    assert.equal(bridge.answerCallback('comm'), bridge.commCallback);
    assert.equal(bridge.answerCallback('groupReadMembers'), bridge.groupReadMembersCallback);
    const members = '[{"group_member_info_identifier":"李雷","group_member_info_join_time":7712240067047157981}]';
    const cases: Array<[string | null, number | bigint, boolean, string]> = [
      [members, 2n ** 64n - 1n, true, `{"group_member_array":${members},"next_seq":18446744073709551615,"is_finished":true}`],
      ['[]', 2n ** 53n + 1n, false, '{"group_member_array":[],"next_seq":9007199254740993,"is_finished":false}'],
      ['', 0, true, '{"group_member_array":[],"next_seq":0,"is_finished":true}'],
      ['[]', 2n ** 63n + 1n, true, '{"group_member_array":[],"next_seq":9223372036854775809,"is_finished":true}'],
      ['[]', 2 ** 53, false, '{"group_member_array":[],"next_seq":9007199254740992,"is_finished":false}'],
    ];
    // A TIMCommCallback request in flight beside them: each answer reaches its own request.
    const comm = bridge.begin('FakeCall');
    const requests = cases.map(() => bridge.begin('TIMMsgGetGroupMessageReadMemberList'));
    fake.call(0, 'comm', bridge.commCallback, comm.id);
    cases.forEach(([json, nextSeq, finished], i) => {
      assert.equal(fake.readMembers(json, json === null ? 1 : 0, nextSeq, finished, 1, bridge.groupReadMembersCallback, requests[i].id), 0);
    });
    assert.deepEqual(await comm.promise, { code: 0, desc: 'fake desc', json: 'comm' });
    const answers = await Promise.all(requests.map((r) => r.promise));
    assert.deepEqual(answers, cases.map(([, , , json]) => ({ code: 0, desc: '', json })));
    const first = parseTimJson(answers[0].json) as { group_member_array: Array<{ group_member_info_join_time: bigint }>; next_seq: bigint };
    assert.equal(first.next_seq, 2n ** 64n - 1n, 'next_seq stays exact through the lossless parser');
    assert.equal(first.group_member_array[0].group_member_info_join_time, 7712240067047157981n);
    assert.equal(bridge.pendingCount, 0);
    assert.deepEqual(internalErrors, []);
  });

  it('answers ERR_SDK_INTERNAL_ERROR when the member list is NULL or not a JSON array, and settles once', async () => {
    const cases: Array<string | null> = [null, '{"group_member_array":[]}', 'not json', '[1,'];
    const requests = cases.map(() => bridge.begin('TIMMsgGetGroupMessageReadMemberList'));
    cases.forEach((json, i) => fake.readMembers(json, json === null ? 1 : 0, 5, true, 2, bridge.groupReadMembersCallback, requests[i].id));
    const answers = await Promise.all(requests.map((r) => r.promise));
    for (const answer of answers) {
      assert.equal(answer.code, TimErrorCode.ERR_SDK_INTERNAL_ERROR);
      assert.match(answer.desc, /the SDK gave no member list/);
      assert.equal(answer.json, '');
    }
    assert.match(answers[0].desc, /NULL/);
    // Each was answered twice: the second answers find nothing pending and are dropped.
    const after = bridge.begin('FakeCall');
    fake.call(0, '', bridge.commCallback, after.id);
    await after.promise;
    assert.equal(bridge.pendingCount, 0);
    assert.deepEqual(internalErrors, []);
  });

  it('settles exactly once when the library calls back twice', async () => {
    const request = bridge.begin('FakeCallTwice');
    let settled = 0;
    const counted = request.promise.then((r) => {
      settled++;
      return r;
    });
    fake.callTwice(0, '[]', bridge.commCallback, request.id);
    await counted;
    // Let the second callback arrive and be ignored.
    const after = bridge.begin('FakeCall');
    fake.call(0, '', bridge.commCallback, after.id);
    await after.promise;
    assert.equal(settled, 1);
    assert.equal(bridge.pendingCount, 0);
    assert.deepEqual(internalErrors, []);
  });

  it('waits through download progress callbacks for the result', async () => {
    const request = bridge.begin('TIMMsgDownloadElemToPath');
    assert.equal(fake.download(3, 0, '{"msg_download_elem_result_current_size":2}', bridge.commCallback, request.id), 0);
    const result = await request.promise;
    assert.deepEqual(result, { code: 0, desc: 'fake desc', json: '{"msg_download_elem_result_current_size":2}' });
    assert.equal(bridge.pendingCount, 0);
  });

  it('forwards download progress to its listener in order, the last report before the result', async () => {
    const reports: Array<{ desc: string; current: number; total: number }> = [];
    const request = bridge.begin('TIMMsgDownloadElemToPath', undefined, ({ desc, json }) => {
      const parsed = JSON.parse(json) as { msg_download_elem_result_current_size: number; msg_download_elem_result_total_size: number };
      reports.push({ desc, current: parsed.msg_download_elem_result_current_size, total: parsed.msg_download_elem_result_total_size });
    });
    assert.equal(fake.download(50, 0, '{"msg_download_elem_result_current_size":50}', bridge.commCallback, request.id), 0);
    // Checked in the first reaction to the result: nothing may arrive after the caller resumes.
    const seenAtResult = await request.promise.then((result) => ({ result, reports: [...reports] }));
    assert.deepEqual(seenAtResult.result, { code: 0, desc: 'fake desc', json: '{"msg_download_elem_result_current_size":50}' });
    assert.ok(seenAtResult.reports.length >= 1, 'at least one report');
    assert.deepEqual(seenAtResult.reports.at(-1), { desc: 'downloading', current: 50, total: 50 });
    const currents = seenAtResult.reports.map((r) => r.current);
    assert.deepEqual(currents, [...currents].sort((a, b) => a - b), 'in order');
    assert.equal(new Set(currents).size, currents.length, 'each report once');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(reports.length, seenAtResult.reports.length, 'no report after the result');
    assert.equal(bridge.pendingCount, 0);
    assert.deepEqual(internalErrors, []);
  });

  it('reports a throwing progress listener as internal and still resolves the download', async () => {
    const request = bridge.begin('TIMMsgDownloadElemToPath', undefined, () => {
      throw new Error('listener broke');
    });
    fake.download(3, 0, '{}', bridge.commCallback, request.id);
    assert.equal((await request.promise).json, '{}');
    assert.ok(internalErrors.length >= 1);
    assert.match(String(internalErrors[0]), /listener broke/);
  });

  it('delivers no progress for a request that already timed out', async () => {
    const reports: string[] = [];
    const request = bridge.begin('TIMMsgDownloadElemToPath', 20, ({ json }) => reports.push(json));
    assert.equal((await rejection(request.promise)).code, TimCode.TIMEOUT);
    fake.download(3, 0, '{}', bridge.commCallback, request.id);
    const after = bridge.begin('FakeCall');
    fake.call(0, '', bridge.commCallback, after.id);
    await after.promise;
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(reports, []);
  });

  it('ignores callbacks for ids it does not know', async () => {
    fake.call(0, '', bridge.commCallback, 987654);
    const request = bridge.begin('FakeCall');
    fake.call(0, 'x', bridge.commCallback, request.id);
    assert.equal((await request.promise).json, 'x');
    assert.deepEqual(internalErrors, []);
  });

  it('rejects a request the library refused synchronously, and keeps working', async () => {
    const request = bridge.begin('FakeRefuse');
    const result: unknown = fake.refuse(-3, bridge.commCallback, request.id);
    assert.equal(result, -3);
    bridge.fail(request.id, new TimError(-3, 'bad json', 'FakeRefuse'));
    const error = await rejection(request.promise);
    assert.equal(error.code, -3);
    assert.equal(error.api, 'FakeRefuse');
    assert.equal(bridge.pendingCount, 0);
    const next = bridge.begin('FakeCall');
    fake.call(0, '', bridge.commCallback, next.id);
    assert.equal((await next.promise).code, 0);
  });

  it('settles a callback fired on the calling thread (at once through koffi, on the next turn through the native relay)', async () => {
    const request = bridge.begin('FakeCallNow');
    fake.callNow(0, 'now', bridge.commCallback, request.id);
    assert.equal(bridge.pendingCount, relay.kind === 'koffi' ? 0 : 1);
    assert.equal((await request.promise).json, 'now');
    assert.equal(bridge.pendingCount, 0);
  });

  it('rejects with TIMEOUT after the per-call timeout and drops the late answer', async () => {
    const slow = bridge.begin('FakeCallDelayed', 60);
    const start = Date.now();
    fake.callDelayed(0, 'late', 300_000, bridge.commCallback, slow.id);
    const error = await rejection(slow.promise);
    const elapsed = Date.now() - start;
    assert.equal(error.code, TimCode.TIMEOUT);
    assert.match(error.desc, /60 ms/);
    assert.ok(elapsed >= 55 && elapsed < 1000, `timed out after ${elapsed} ms`);
    assert.equal(bridge.pendingCount, 0);
    assert.equal(bridge.holdsEventLoop, false);
    // The late answer arrives (after 300 ms) and must be ignored.
    const next = bridge.begin('FakeCall');
    fake.call(0, 'next', bridge.commCallback, next.id);
    assert.equal((await next.promise).json, 'next');
    assert.deepEqual(internalErrors, []);
  });

  it('times out each call on its own deadline (a short one behind a long one)', async () => {
    const long = bridge.begin('FakeSwallow', 2000);
    fake.swallow(bridge.commCallback, long.id);
    const short = bridge.begin('FakeSwallow', 40);
    fake.swallow(bridge.commCallback, short.id);
    const start = Date.now();
    assert.equal((await rejection(short.promise)).code, TimCode.TIMEOUT);
    assert.ok(Date.now() - start < 1000);
    assert.equal(bridge.pendingCount, 1);
    bridge.rejectAll(TimCode.NOT_INITIALIZED, 'test over');
    assert.equal((await rejection(long.promise)).code, TimCode.NOT_INITIALIZED);
  });

  it('rejects every pending request on rejectAll (what TIMUninit needs)', async () => {
    const requests = Array.from({ length: 20 }, () => bridge.begin('FakeSwallow'));
    for (const r of requests) {
      fake.swallow(bridge.commCallback, r.id);
    }
    assert.equal(bridge.pendingCount, 20);
    bridge.rejectAll(TimCode.NOT_INITIALIZED, 'TIMUninit was called before the SDK answered');
    const errors = await Promise.all(requests.map((r) => rejection(r.promise)));
    assert.ok(errors.every((e) => e.code === TimCode.NOT_INITIALIZED && e.api === 'FakeSwallow'));
    assert.equal(bridge.pendingCount, 0);
    assert.equal(bridge.holdsEventLoop, false);
  });

  it('rejects pending requests with ENDPOINT_CLOSED on dispose, and refuses new ones', async () => {
    const pending = bridge.begin('FakeSwallow');
    fake.swallow(bridge.commCallback, pending.id);
    bridge.dispose();
    bridge.dispose(); // twice is fine
    assert.equal((await rejection(pending.promise)).code, TimCode.ENDPOINT_CLOSED);
    assert.equal((await rejection(bridge.begin('After').promise)).code, TimCode.ENDPOINT_CLOSED);
  });

  it('holds the event loop only while requests are pending', async () => {
    assert.equal(bridge.holdsEventLoop, false);
    const request = bridge.begin('FakeCall');
    assert.equal(bridge.holdsEventLoop, true);
    fake.call(0, '', bridge.commCallback, request.id);
    await request.promise;
    assert.equal(bridge.holdsEventLoop, false);
  });

  it('keeps a script alive until its answer arrives', function () {
    this.timeout(30_000);
    const script = path.join(__dirname, 'fixtures', 'keepAlive.ts');
    const child = spawnSync(process.execPath, ['-r', path.join(root, 'scripts', 'ts-register.cjs'), script, relay.kind], {
      encoding: 'utf8',
      timeout: 25_000,
    });
    assert.equal(child.status, 0, child.stderr);
    assert.match(child.stdout, /answered 0 after/);
  });

  it('never lets an exception escape from a callback into koffi', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown): void => void uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      let calls = 0;
      const done = new Promise<void>((resolve) => {
        const pointer = bridge.register('json', (json: string | null) => {
          calls++;
          if (calls === 10) {
            resolve();
          }
          throw new Error(`listener failure ${String(json)}`);
        });
        fake.setListener(pointer, 0);
        fake.fireListener(10);
      });
      const keepAlive = setInterval(() => undefined, 1000);
      await done;
      clearInterval(keepAlive);
      fake.setListener(null, 0);
      assert.equal(calls, 10);
      assert.equal(internalErrors.length, 10);
      assert.deepEqual(uncaught, []);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('leaks neither pending entries, callback slots nor memory over 100,000 calls', async function () {
    this.timeout(120_000);
    const gc = (globalThis as { gc?: () => void }).gc;
    const slotsBefore = koffi.stats().callbacks;
    const run = async (count: number): Promise<void> => {
      for (let i = 0; i < count; i += 1000) {
        const batch: Array<Promise<unknown>> = [];
        for (let j = 0; j < 1000; j++) {
          const request = bridge.begin('FakeCall');
          fake.call(0, '{}', bridge.commCallback, request.id);
          batch.push(request.promise);
        }
        await Promise.all(batch);
      }
    };
    await run(10_000); // warm up: JIT, koffi's pools
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    await run(100_000);
    gc?.();
    const heapAfter = process.memoryUsage().heapUsed;
    assert.equal(bridge.pendingCount, 0);
    assert.equal(koffi.stats().callbacks, slotsBefore);
    if (relay.kind === 'native') {
      assert.equal((relay as NativeRelay).queued, 0, 'the native relay holds no record');
    }
    if (gc) {
      assert.ok(heapAfter - heapBefore < 2 * 2 ** 20, `heap grew by ${((heapAfter - heapBefore) / 2 ** 20).toFixed(2)} MB`);
    } else {
      console.log('    (run node with --expose-gc to check the heap too)');
    }
  });
});

describe('groupReadMembersAnswer (the seam answer of TIMMsgGetGroupMessageReadMemberList)', () => {
  it('wraps the array, an exact next_seq and the bool in one JSON object with code 0', () => {
    assert.deepEqual(groupReadMembersAnswer('[{"a":1}]', 2n ** 63n + 1n, false), {
      code: 0,
      desc: '',
      json: '{"group_member_array":[{"a":1}],"next_seq":9223372036854775809,"is_finished":false}',
    });
    assert.equal(groupReadMembersAnswer(' \n[ ]\n', 2 ** 53, true).json, '{"group_member_array": \n[ ]\n,"next_seq":9007199254740992,"is_finished":true}');
    assert.equal(groupReadMembersAnswer('', 0, true).json, '{"group_member_array":[],"next_seq":0,"is_finished":true}');
    // The relays deliver koffi's int64 view of the uint64: from 2^63 up it is negative, and is taken back here.
    assert.equal(groupReadMembersAnswer('[]', -1, true).json, '{"group_member_array":[],"next_seq":18446744073709551615,"is_finished":true}');
    assert.equal(groupReadMembersAnswer('[]', -(2n ** 63n), true).json, '{"group_member_array":[],"next_seq":9223372036854775808,"is_finished":true}');
    assert.equal(groupReadMembersAnswer('[]', 2n ** 53n + 1n, true).json, '{"group_member_array":[],"next_seq":9007199254740993,"is_finished":true}');
    assert.equal(groupReadMembersAnswer('  ', 1, false).json, '{"group_member_array":[],"next_seq":1,"is_finished":false}');
    assert.deepEqual(JSON.parse(groupReadMembersAnswer('[]', 12, true).json), { group_member_array: [], next_seq: 12, is_finished: true });
  });

  it('is ERR_SDK_INTERNAL_ERROR (7012) for NULL or anything but a JSON array, saying what came', () => {
    for (const members of [null, '{}', 'null', '"[]"', '[', 'x'.repeat(200)]) {
      const answer = groupReadMembersAnswer(members, 3, true);
      assert.equal(answer.code, 7012, String(members));
      assert.equal(answer.json, '');
      assert.match(answer.desc, /^the SDK gave no member list \(json_group_member_array was /);
      assert.ok(answer.desc.length < 160, 'a long string is cut short in the desc');
    }
  });
});
