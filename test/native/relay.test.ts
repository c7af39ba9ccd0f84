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
import { dispatchRecords, RECORD_HEADER } from '../../src/native/relayRecords';
import type { RelayHandler } from '../../src/native/relayRecords';
import { loadFakeSdk } from './fakeSdk';
import type { FakeSdk } from './fakeSdk';
import { loadTestRelay } from './testRelay';

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
];

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
    assert.deepEqual(viaNative.calls, SAMPLES.map((s) => s.args));
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
  const record = (shape: number, slot: number, s1: string | null, userData: number): Buffer => {
    const bytes = s1 === null ? Buffer.alloc(0) : Buffer.from(s1);
    const out = Buffer.alloc(RECORD_HEADER + bytes.length);
    out.writeUInt32LE(out.length, 0);
    out[4] = shape;
    out[5] = slot;
    out.writeUInt32LE(userData, 24);
    out.writeUInt32LE(s1 === null ? 0xffffffff : bytes.length, 32);
    out.writeUInt32LE(0xffffffff, 36);
    bytes.copy(out, RECORD_HEADER);
    return out;
  };
  const JSON_SHAPE = 1;

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
