/**
 * The native callback relay (src/native/relay/timchatRelay.c + relay.ts), compiled from source:
 * every callback shape reaches its handler with exactly the arguments koffi's own relay passes, in
 * the order the callbacks were made, from the calling thread and from another thread, whatever the
 * size of the strings; the record reader refuses corrupt input; a shape out of slots falls back to
 * koffi; and a process that exits while a C thread is still calling back exits cleanly.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import koffi from 'koffi';
import { callbackShapes } from '../../src/native/prototypes';
import type { CallbackShape } from '../../src/native/prototypes';
import { chooseRelay, koffiRelay, relayFileName } from '../../src/native/relay';
import type { NativeRelay } from '../../src/native/relay';
import { dispatchRecords, RECORD_HEADER, RELAY_SHAPES } from '../../src/native/relayRecords';
import type { RelayHandler } from '../../src/native/relayRecords';
import { loadFakeSdk } from './fakeSdk';
import type { FakeSdk } from './fakeSdk';
import { loadTestRelay, testRelayFile } from './testRelay';

const root = path.resolve(__dirname, '..', '..');

/** One call per shape, with values at the edges of each C type (NULL strings, negatives, uint32 max). */
const SAMPLES: ReadonlyArray<{ shape: CallbackShape; args: unknown[] }> = [
  { shape: 'comm', args: [6014, 'not login', '{"id":7712240067047157981}', 41] },
  { shape: 'comm', args: [-3, null, null, 0x7fffffff] },
  { shape: 'json', args: ['[{"text":"你好 👋"}]', 3] },
  { shape: 'json', args: [null, 0] },
  { shape: 'uploadProgress', args: ['{"msg":1}', 2, 1024, 0xffffffff, 0] },
  { shape: 'convEvent', args: [2, '[{"conv_id":"group_产品"}]', 0] },
  { shape: 'count', args: [-1, 0] },
  { shape: 'count', args: [123456, 9] },
  { shape: 'networkStatus', args: [3, 9512, 'network unreachable', 0] },
  { shape: 'signal', args: [1] },
  { shape: 'groupPinned', args: ['@TGS#2产品', '{"message_msg_id":"m-1","text":"置顶 📌"}', true, 'alice', 6] },
  { shape: 'groupPinned', args: [null, null, false, null, 0] },
  { shape: 'groupPinned', args: ['g', null, true, '', 0x7fffffff] },
  { shape: 'groupPinned', args: [null, '{}', false, 'bob', 1] },
  // next_seq at the edges: 2^53 (koffi's last number), above it, the high word set, 2^63 and up (koffi
  // hands those over as int64: see delivered()).
  { shape: 'groupReadMembers', args: ['[{"group_member_info_identifier":"李雷 👋"}]', 0, false, 5] },
  { shape: 'groupReadMembers', args: [null, 2 ** 53, true, 0] },
  { shape: 'groupReadMembers', args: ['[]', 2n ** 53n + 1n, false, 0x7fffffff] },
  { shape: 'groupReadMembers', args: ['', 2n ** 64n - 1n, true, 1] },
  { shape: 'groupReadMembers', args: ['[1]', 0xffffffff, true, 2] },
  { shape: 'groupReadMembers', args: [null, 2 ** 32, false, 3] },
  { shape: 'groupReadMembers', args: ['[]', 9_223_372_036_854_775_809n, true, 4] },
];

/**
 * The arguments a handler receives for a callback fired with `args`: the same, except that koffi 3.3.4
 * reads a uint64_t callback argument as int64_t (a number within +-2^53, a bigint beyond), so from 2^63
 * up next_seq arrives negative; the native relay reproduces that, and the bridge undoes it.
 */
function delivered({ shape, args }: { shape: CallbackShape; args: unknown[] }): unknown[] {
  if (shape !== 'groupReadMembers') {
    return args;
  }
  const signed = BigInt.asIntN(64, BigInt(args[1] as number | bigint));
  const limit = 2n ** 53n;
  return [args[0], signed <= limit && signed >= -limit ? Number(signed) : signed, ...args.slice(2)];
}

/** The low and high 32 bits of a uint64, as the groupReadMembers record carries next_seq in a and b. */
function words(value: number | bigint): { a: number; b: number } {
  const big = BigInt(value);
  return { a: Number(big & 0xffffffffn), b: Number(big >> 32n) };
}

interface RecordFields {
  readonly shape: number;
  readonly slot: number;
  readonly a?: number;
  readonly b?: number;
  readonly c?: number;
  readonly userData: number;
  /** [s1, s2], or [s1, s2, s3] for the one shape with a third string. */
  readonly strings: readonly [string | null, string | null, (string | null)?];
}

/**
 * A record as timchatRelay.c's header comment lays it out, written independently of the reader. With
 * two strings the word at 20 is 0, which is exactly version 1's layout (a reserved word, always 0).
 */
function encodeRecord({ shape, slot, a = 0, b = 0, c = 0, userData, strings }: RecordFields): Buffer {
  const bytes = strings.map((text) => (text == null ? Buffer.alloc(0) : Buffer.from(text)));
  const out = Buffer.alloc(RECORD_HEADER + bytes.reduce((sum, part) => sum + part.length, 0));
  const lengthOf = (i: number): number => (strings[i] === null ? 0xffffffff : bytes[i].length);
  out.writeUInt32LE(out.length, 0);
  out[4] = shape;
  out[5] = slot;
  out.writeUInt32LE(a >>> 0, 8);
  out.writeUInt32LE(b >>> 0, 12);
  out.writeUInt32LE(c >>> 0, 16);
  out.writeUInt32LE(strings.length === 3 ? lengthOf(2) : 0, 20);
  out.writeUInt32LE(userData % 2 ** 32, 24);
  out.writeUInt32LE(Math.floor(userData / 2 ** 32), 28);
  out.writeUInt32LE(lengthOf(0), 32);
  out.writeUInt32LE(lengthOf(1), 36);
  Buffer.concat(bytes).copy(out, RECORD_HEADER);
  return out;
}

/** The record a callback of `shape` with these C arguments must produce (the layout's field mapping). */
function expectedRecord(shape: CallbackShape, slot: number, args: readonly unknown[]): Buffer {
  const at = { shape: RELAY_SHAPES.indexOf(shape), slot, userData: args.at(-1) as number };
  const str = (i: number): string | null => args[i] as string | null;
  const num = (i: number): number => args[i] as number;
  switch (shape) {
    case 'comm':
      return encodeRecord({ ...at, a: num(0), strings: [str(1), str(2)] });
    case 'json':
      return encodeRecord({ ...at, strings: [str(0), null] });
    case 'uploadProgress':
      return encodeRecord({ ...at, a: num(1), b: num(2), c: num(3), strings: [str(0), null] });
    case 'convEvent':
      return encodeRecord({ ...at, a: num(0), strings: [str(1), null] });
    case 'count':
      return encodeRecord({ ...at, a: num(0), strings: [null, null] });
    case 'networkStatus':
      return encodeRecord({ ...at, a: num(0), b: num(1), strings: [str(2), null] });
    case 'signal':
      return encodeRecord({ ...at, strings: [null, null] });
    case 'groupPinned':
      return encodeRecord({ ...at, a: args[2] ? 1 : 0, strings: [str(0), str(1), str(3)] });
    case 'groupReadMembers':
      return encodeRecord({ ...at, ...words(args[1] as number | bigint), c: args[2] ? 1 : 0, strings: [str(0), null] });
  }
}

/** Calls a C function pointer of the given shape from this thread, as the SDK would. */
function fire(pointer: bigint, shape: CallbackShape, args: unknown[]): void {
  koffi.call(pointer, callbackShapes[shape], ...args);
}

/** Resolves once `count` handler calls have been recorded (the native relay delivers on a later turn). */
function collector(count: number): { calls: unknown[][]; handler: RelayHandler; done: Promise<void> } {
  const calls: unknown[][] = [];
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  const keepAlive = setTimeout(() => undefined, 10_000); // the relay's socket does not hold the loop
  const handler = ((...args: unknown[]) => {
    calls.push(args);
    if (calls.length === count) {
      clearTimeout(keepAlive);
      resolve();
    }
  }) as RelayHandler;
  if (count === 0) {
    clearTimeout(keepAlive);
    resolve();
  }
  return { calls, handler, done };
}

describe('native callback relay', function () {
  let relay: NativeRelay;

  before(function () {
    const loaded = loadTestRelay();
    if (!loaded) {
      console.log('    no C compiler: cannot build the relay');
      this.skip();
    }
    relay = loaded;
  });

  afterEach(() => assert.equal(relay.queued, 0, 'nothing left in the queue'));

  it('passes every shape the same arguments koffi passes', async () => {
    const viaKoffi = collector(SAMPLES.length);
    const viaNative = collector(SAMPLES.length);
    const pointers = new Map<CallbackShape, { koffi: bigint; native: bigint }>();
    for (const { shape } of SAMPLES) {
      if (!pointers.has(shape)) {
        pointers.set(shape, { koffi: koffiRelay.register(shape, viaKoffi.handler), native: relay.register(shape, viaNative.handler) });
      }
    }
    for (const { shape, args } of SAMPLES) {
      const pair = pointers.get(shape)!;
      fire(pair.koffi, shape, args);
      fire(pair.native, shape, args);
    }
    await Promise.all([viaKoffi.done, viaNative.done]);
    assert.deepEqual(viaNative.calls, viaKoffi.calls);
    assert.deepEqual(viaNative.calls, SAMPLES.map(delivered));
    // Spelled out: exact on both relays, with koffi's int64 view from 2^63 up (2^64 - 1 is -1).
    const nextSeqs = viaNative.calls.filter((_, i) => SAMPLES[i].shape === 'groupReadMembers').map((args) => args[1]);
    assert.deepEqual(nextSeqs, [0, 2 ** 53, 9007199254740993n, -1, 4294967295, 4294967296, -9223372036854775807n]);
  });

  it('writes every older shape byte for byte as version 1 did, groupPinned with its third string, groupReadMembers with next_seq in a/b', () => {
    // Reads the raw queue itself, in the same turn as the callbacks, before the relay's wake-up drains it.
    const lib = koffi.load(testRelayFile()!);
    const drain = lib.func('int32_t timchat_relay_drain(void *buffer, int32_t capacity)') as (buffer: Buffer, capacity: number) => number;
    const pointers = new Map<CallbackShape, { pointer: bigint; slot: number }>();
    for (const { shape } of SAMPLES) {
      if (!pointers.has(shape)) {
        const slot = 64 - relay.freeSlots(shape);
        assert.ok(slot < 64, `${shape} has a free slot`);
        pointers.set(shape, { pointer: relay.register(shape, (() => assert.fail('drained by the test')) as RelayHandler), slot });
      }
    }
    for (const { shape, args } of SAMPLES) {
      fire(pointers.get(shape)!.pointer, shape, args);
    }
    const buffer = Buffer.alloc(64 * 1024);
    const used = drain(buffer, buffer.length);
    const expected = Buffer.concat(SAMPLES.map(({ shape, args }) => expectedRecord(shape, pointers.get(shape)!.slot, args)));
    assert.equal(used, expected.length);
    assert.deepEqual(buffer.subarray(0, used), expected);
  });

  it('keeps the order of callbacks across shapes and handlers', async () => {
    const seen: string[] = [];
    const total = 300;
    const { handler: count, done } = collector(total);
    const tag = (name: string): RelayHandler =>
      ((...args: unknown[]) => {
        seen.push(`${name}:${String(args[0])}`);
        (count as (...a: unknown[]) => void)();
      }) as RelayHandler;
    const json = relay.register('json', tag('json'));
    const countPointer = relay.register('count', tag('count'));
    const expected: string[] = [];
    for (let i = 0; i < total; i++) {
      if (i % 3 === 0) {
        fire(countPointer, 'count', [i, 0]);
        expected.push(`count:${i}`);
      } else {
        fire(json, 'json', [`[${i}]`, 0]);
        expected.push(`json:[${i}]`);
      }
    }
    await done;
    assert.deepEqual(seen, expected);
  });

  it('delivers strings larger than its buffer, whole', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024) + '终';
    const { calls, handler, done } = collector(3);
    const pointer = relay.register('json', handler);
    fire(pointer, 'json', ['small', 1]);
    fire(pointer, 'json', [big, 2]);
    fire(pointer, 'json', ['after', 3]);
    await done;
    assert.deepEqual(
      calls.map(([text, tag]) => [typeof text === 'string' ? text.length : text, tag]),
      [
        [5, 1],
        [big.length, 2],
        [5, 3],
      ],
    );
    assert.equal(calls[1][0], big);
  });

  it('delivers callbacks made on another thread, each exactly once', async function () {
    const fake: FakeSdk | undefined = loadFakeSdk();
    if (!fake) {
      this.skip();
    }
    const count = 5000;
    const { calls, handler, done } = collector(count);
    const pointer = relay.register('json', handler);
    fake.setListener(pointer, 7);
    fake.fireListener(count);
    await done;
    fake.setListener(null, 0);
    assert.deepEqual(
      calls.map(([text]) => text),
      Array.from({ length: count }, (_, i) => `[${i}]`),
    );
    assert.ok(calls.every(([, tag]) => tag === 7));
  });

  it('falls back to koffi once a shape has used all its slots, and both keep working', async () => {
    const free = relay.freeSlots('signal');
    assert.ok(free > 0 && free <= 64, `free signal slots: ${free}`);
    const { calls, handler, done } = collector(free + 2);
    const pointers = Array.from({ length: free + 2 }, () => relay.register('signal', handler));
    assert.equal(relay.freeSlots('signal'), 0);
    assert.equal(new Set(pointers).size, pointers.length, 'every handler has its own pointer');
    pointers.forEach((pointer, i) => fire(pointer, 'signal', [i]));
    await done;
    assert.deepEqual(calls.map(([tag]) => tag).sort((a, b) => Number(a) - Number(b)), pointers.map((_, i) => i));
  });

  it('is chosen from dist/native/ unless TIMCHAT_RELAY=koffi, and says why when it is not', () => {
    const forced = chooseRelay({ extensionRoot: root, env: { TIMCHAT_RELAY: 'koffi' } });
    assert.equal(forced.relay.kind, 'koffi');
    assert.match(forced.fallbackReason ?? '', /TIMCHAT_RELAY=koffi/);
    const missing = chooseRelay({ extensionRoot: path.join(root, 'no-such-folder'), env: {} });
    assert.equal(missing.relay.kind, 'koffi');
    assert.match(missing.fallbackReason ?? '', new RegExp(`no-such-folder.*${relayFileName()}.*does not exist`));
    const nothing = chooseRelay({ env: {} });
    assert.match(nothing.fallbackReason ?? '', /no extension folder/);
  });

  it('lets a process exit cleanly while another thread is still calling back', function () {
    this.timeout(60_000);
    const script = path.join(__dirname, 'fixtures', 'relayExit.ts');
    for (let i = 0; i < 5; i++) {
      const child = spawnSync(process.execPath, ['-r', path.join(root, 'scripts', 'ts-register.cjs'), script], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(child.signal, null, `run ${i}: killed by ${String(child.signal)}\n${child.stderr}`);
      assert.equal(child.status, 0, `run ${i}: ${child.stderr}`);
      assert.match(child.stdout, /delivered \d+ before exit/);
    }
  });
});

describe('relay records', () => {
  const record = (shape: number, slot: number, s1: string | null, userData: number): Buffer =>
    encodeRecord({ shape, slot, userData, strings: [s1, null] });
  const JSON_SHAPE = RELAY_SHAPES.indexOf('json');
  const PINNED_SHAPE = RELAY_SHAPES.indexOf('groupPinned');
  const READ_MEMBERS_SHAPE = RELAY_SHAPES.indexOf('groupReadMembers');

  it('numbers the shapes as the C enum does (the wire format): groupReadMembers is 8', () => {
    assert.deepEqual(RELAY_SHAPES, ['comm', 'json', 'uploadProgress', 'convEvent', 'count', 'networkStatus', 'signal', 'groupPinned', 'groupReadMembers']);
  });

  it('reads groupReadMembers: the string (may be NULL), next_seq from a/b exact above 2^53 (int64 like koffi), is_finished from c', () => {
    const seen: unknown[][] = [];
    const handlers: RelayHandler[][] = [];
    handlers[JSON_SHAPE] = [((...args: unknown[]) => seen.push(['json', ...args])) as RelayHandler];
    handlers[READ_MEMBERS_SHAPE] = [((...args: unknown[]) => seen.push(['members', ...args])) as RelayHandler];
    const members = (s1: string | null, nextSeq: number | bigint, c: number, userData: number): Buffer =>
      encodeRecord({ shape: READ_MEMBERS_SHAPE, slot: 0, ...words(nextSeq), c, userData, strings: [s1, null] });
    const buffer = Buffer.concat([
      members('[{"group_member_info_identifier":"a"}]', 7, 0, 1),
      members(null, 2n ** 64n - 1n, 1, 2),
      record(JSON_SHAPE, 0, 'between', 3),
      members('', 2n ** 53n + 1n, 1, 2 ** 33),
      members('[]', 2 ** 53, 0, 0),
      members('[]', 0x1_0000_0000, 1, 4),
      members('[]', 2n ** 63n, 0, 5),
    ]);
    dispatchRecords(buffer, buffer.length, handlers, (error) => assert.fail(String(error)));
    assert.deepEqual(seen, [
      ['members', '[{"group_member_info_identifier":"a"}]', 7, false, 1],
      ['members', null, -1, true, 2],
      ['json', 'between', 3],
      ['members', '', 9007199254740993n, true, 2 ** 33],
      ['members', '[]', 9007199254740992, false, 0],
      ['members', '[]', 4294967296, true, 4],
      ['members', '[]', -9223372036854775808n, false, 5],
    ]);
  });

  it('reads groupPinned: three strings (each may be NULL) and the bool, between other records', () => {
    const seen: unknown[][] = [];
    const handlers: RelayHandler[][] = [];
    handlers[JSON_SHAPE] = [((...args: unknown[]) => seen.push(['json', ...args])) as RelayHandler];
    handlers[PINNED_SHAPE] = [((...args: unknown[]) => seen.push(['pinned', ...args])) as RelayHandler];
    const buffer = Buffer.concat([
      encodeRecord({ shape: PINNED_SHAPE, slot: 0, a: 1, userData: 3, strings: ['@TGS#g', '{"m":"置顶"}', 'alice'] }),
      encodeRecord({ shape: PINNED_SHAPE, slot: 0, a: 0, userData: 0, strings: [null, null, null] }),
      record(JSON_SHAPE, 0, 'between', 1),
      encodeRecord({ shape: PINNED_SHAPE, slot: 0, a: 1, userData: 2 ** 33, strings: [null, '{}', ''] }),
      encodeRecord({ shape: PINNED_SHAPE, slot: 0, a: 0, userData: 4, strings: ['g', null, 'bob 👋'] }),
    ]);
    dispatchRecords(buffer, buffer.length, handlers, (error) => assert.fail(String(error)));
    assert.deepEqual(seen, [
      ['pinned', '@TGS#g', '{"m":"置顶"}', true, 'alice', 3],
      ['pinned', null, null, false, null, 0],
      ['json', 'between', 1],
      ['pinned', null, '{}', true, '', 2 ** 33],
      ['pinned', 'g', null, false, 'bob 👋', 4],
    ]);
  });

  it('drops records whose slot has no handler and reports a throwing handler without losing the rest', () => {
    const seen: unknown[] = [];
    const errors: unknown[] = [];
    const handlers: RelayHandler[][] = [[], [((text: string) => seen.push(text)) as RelayHandler, (() => { throw new Error('boom'); }) as RelayHandler]];
    const buffer = Buffer.concat([record(JSON_SHAPE, 0, 'a', 0), record(JSON_SHAPE, 5, 'orphan', 0), record(JSON_SHAPE, 1, 'b', 0), record(JSON_SHAPE, 0, 'c', 0)]);
    dispatchRecords(buffer, buffer.length, handlers, (error) => errors.push(error));
    assert.deepEqual(seen, ['a', 'c']);
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /boom/);
  });

  it('refuses a record whose size runs past the data or is smaller than a header', () => {
    const handlers: RelayHandler[][] = [[], [(() => undefined) as RelayHandler]];
    const good = record(JSON_SHAPE, 0, 'abc', 0);
    const truncated = Buffer.from(good);
    truncated.writeUInt32LE(good.length + 10, 0);
    assert.throws(() => dispatchRecords(truncated, truncated.length, handlers, () => undefined), /corrupt record/);
    const tiny = Buffer.from(good);
    tiny.writeUInt32LE(8, 0);
    assert.throws(() => dispatchRecords(tiny, tiny.length, handlers, () => undefined), /corrupt record/);
  });

  it('reads user_data above 32 bits', () => {
    const buffer = record(JSON_SHAPE, 0, 'x', 0);
    buffer.writeUInt32LE(5, 28); // high word
    let got: unknown;
    dispatchRecords(buffer, buffer.length, [[], [((_: string, data: number) => (got = data)) as RelayHandler]], () => undefined);
    assert.equal(got, 5 * 2 ** 32);
  });
});
