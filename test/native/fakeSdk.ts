/**
 * Compiles test/native/fixtures/fakeSdk.c with the system C compiler into a temp folder (once per
 * process) and binds it with koffi, reusing the native layer's callback prototypes so the bridge is
 * exercised exactly as it is with libImSDK.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import koffi from 'koffi';
import type { NativeFunction } from '../../src/native/bindings';
import { declarationOf } from '../../src/native/prototypes';

export interface FakeSdk {
  readonly path: string;
  readonly call: NativeFunction;
  readonly callDelayed: NativeFunction;
  readonly callTwice: NativeFunction;
  /** (json, null_json, next_seq, is_finished, times, TimGroupReadMembersCallback*, user_data) */
  readonly readMembers: NativeFunction;
  readonly download: NativeFunction;
  readonly refuse: NativeFunction;
  readonly callNow: NativeFunction;
  readonly swallow: NativeFunction;
  readonly send: NativeFunction;
  readonly setListener: NativeFunction;
  readonly fireListener: NativeFunction;
  readonly queued: NativeFunction;
  /** FakeMarkConversation bound with TIMConvMarkConversation's own declaration: records, never calls back. */
  readonly markConversation: NativeFunction;
  /** What the last FakeMarkConversation received: `ids|mark_type|0x<hex>|enable_mark|user_data`. */
  readonly lastMark: NativeFunction;
}

let cached: FakeSdk | undefined;

/** Returns undefined (after saying why) when no C compiler is available, so tests can skip. */
export function loadFakeSdk(): FakeSdk | undefined {
  if (cached) {
    return cached;
  }
  const source = path.join(__dirname, 'fixtures', 'fakeSdk.c');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timchat-fakesdk-'));
  const out = path.join(dir, 'libfakesdk.so');
  // Unlinking a mapped library is fine on Linux; the folder should not outlive the test process.
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  try {
    execFileSync(process.env.CC ?? 'cc', ['-shared', '-fPIC', '-O2', '-pthread', '-o', out, source], { stdio: 'pipe' });
  } catch (error) {
    console.log(`fakeSdk: cannot compile ${source}: ${String(error)}`);
    return undefined;
  }
  const lib = koffi.load(out);
  cached = {
    path: out,
    call: lib.func('int FakeCall(int32_t code, const char *json, TimCommCallback *cb, uintptr_t user_data)'),
    callDelayed: lib.func('int FakeCallDelayed(int32_t code, const char *json, int delay_us, TimCommCallback *cb, uintptr_t user_data)'),
    callTwice: lib.func('int FakeCallTwice(int32_t code, const char *json, TimCommCallback *cb, uintptr_t user_data)'),
    readMembers: lib.func(
      'int FakeReadMembers(const char *json, int null_json, uint64_t next_seq, bool is_finished, int times, TimGroupReadMembersCallback *cb, uintptr_t user_data)',
    ),
    download: lib.func('int FakeDownload(int progress, int32_t code, const char *json, TimCommCallback *cb, uintptr_t user_data)'),
    refuse: lib.func('int FakeRefuse(int32_t result, TimCommCallback *cb, uintptr_t user_data)'),
    callNow: lib.func('int FakeCallNow(int32_t code, const char *json, TimCommCallback *cb, uintptr_t user_data)'),
    swallow: lib.func('int FakeSwallow(TimCommCallback *cb, uintptr_t user_data)'),
    send: lib.func('int FakeSend(const char *json, void *buffer, TimCommCallback *cb, uintptr_t user_data)'),
    setListener: lib.func('void FakeSetListener(TimJsonCallback *cb, uintptr_t user_data)'),
    fireListener: lib.func('void FakeFireListener(int count)'),
    queued: lib.func('int FakeQueued()'),
    markConversation: lib.func('FakeMarkConversation', declarationOf('TIMConvMarkConversation').result, declarationOf('TIMConvMarkConversation').params),
    lastMark: lib.func('const char *FakeLastMark()'),
  };
  return cached;
}
