/**
 * The bindings the benchmark compares, all driving the same libImSDK instance in one process, all on
 * the same two calls: TIMGetSDKVersion (synchronous) and TIMMsgGetMsgList (answers 6014 offline
 * through a TIMCommCallback, 1-13 ms of SDK work at most, usually far less).
 *
 * - ours: the NativeEndpoint (bridge, timeouts, ref'd handle, all of it), on the native relay as the
 *   extension ships it, and once more on koffi's blocking relay (TIMCHAT_RELAY=koffi) to show what the
 *   relay is worth;
 * - raw koffi: one registered callback and a Map, nothing else: the floor of any koffi binding;
 * - raw ffi-rs: ffi-rs 1.0.60 used well: one callback pointer created once, the id in user_data;
 * - Tencent: im_electron_sdk's dist as shipped (a new signature and closure per call).
 */
import koffi from 'koffi';
import { createPointer, funcConstructor, load, open, unwrapPointer } from 'ffi-rs';
import type { DataType } from 'ffi-rs';
import type { NativeEndpoint } from '../../src/native/nativeEndpoint';
import { loadTimLibrary } from '../../src/native/library';
import { CommCallback } from '../../src/native/prototypes';
import type { TencentWrapper } from './tencentWrapper';

// ffi-rs's DataType is an ambient const enum, which isolatedModules cannot read: its values, from index.d.ts.
const Ffi = {
  String: 0 as DataType,
  I32: 1 as DataType,
  Void: 7 as DataType,
  I64: 8 as DataType,
  External: 11 as DataType,
};

export interface Subject {
  readonly name: string;
  sync(): void;
  roundTrip(): Promise<unknown>;
}

const CONV_ID = 'bench_peer';
const C2C = 1;
const GET_PARAMS = '{}';

export function oursSubject(endpoint: NativeEndpoint, name = 'ours (NativeEndpoint)'): Subject {
  return {
    name,
    sync: () => void endpoint.callSyncNow('TIMGetSDKVersion', []),
    roundTrip: () => endpoint.call('TIMMsgGetMsgList', [CONV_ID, C2C, GET_PARAMS]),
  };
}

/** Instrumentation hooks for the profile: time spent inside the JS callback. */
export interface RawKoffi extends Subject {
  callbackNs: bigint;
  callbacks: number;
  timed: boolean;
}

export function rawKoffiSubject(libraryPath: string): RawKoffi {
  const { handle } = loadTimLibrary({ sdkPath: libraryPath });
  const version = handle.func('const char *TIMGetSDKVersion()');
  const getMsgList = handle.func('int TIMMsgGetMsgList(const char *, int, const char *, TimCommCallback *, uintptr_t)');
  const pending = new Map<number, (code: number) => void>();
  let next = 1;
  const subject: RawKoffi = {
    name: 'raw koffi',
    callbackNs: 0n,
    callbacks: 0,
    timed: false,
    sync: () => void version(),
    roundTrip: () =>
      new Promise<number>((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        getMsgList(CONV_ID, C2C, GET_PARAMS, callback, id);
      }),
  };
  const callback = koffi.register((code: number, _desc: string, _json: string, id: number) => {
    const start = subject.timed ? process.hrtime.bigint() : 0n;
    const resolve = pending.get(id);
    pending.delete(id);
    resolve?.(code);
    if (subject.timed) {
      subject.callbackNs += process.hrtime.bigint() - start;
      subject.callbacks++;
    }
  }, koffi.pointer(CommCallback));
  return subject;
}

export function rawFfiRsSubject(libraryPath: string): Subject {
  const library = 'timchat_bench_raw';
  open({ library, path: libraryPath });
  const pending = new Map<number, (code: number) => void>();
  let next = 1;
  const callbackType = funcConstructor({ paramsType: [Ffi.I32, Ffi.String, Ffi.String, Ffi.I64], retType: Ffi.Void });
  // Created once and reused: ffi-rs's TSFN-backed closure, released never (one per process).
  const external = createPointer({
    paramsType: [callbackType],
    paramsValue: [
      (code: number, _desc: string, _json: string, id: number): void => {
        const resolve = pending.get(id);
        pending.delete(id);
        resolve?.(code);
      },
    ],
  });
  const callbackPointer = unwrapPointer(external)[0];
  return {
    name: 'raw ffi-rs 1.0.60',
    sync: () => void load({ library, funcName: 'TIMGetSDKVersion', retType: Ffi.String, paramsType: [], paramsValue: [] }),
    roundTrip: () =>
      new Promise<number>((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        load({
          library,
          funcName: 'TIMMsgGetMsgList',
          retType: Ffi.I32,
          paramsType: [Ffi.String, Ffi.I32, Ffi.String, Ffi.External, Ffi.I64],
          paramsValue: [CONV_ID, C2C, GET_PARAMS, callbackPointer, id],
        });
      }),
  };
}

export function tencentSubject(wrapper: TencentWrapper): Subject {
  return {
    name: "Tencent's wrapper",
    sync: () => void wrapper.base.TIMGetSDKVersion(),
    // It rejects on any non-zero code, and offline every answer is 6014.
    roundTrip: () => wrapper.messages.TIMMsgGetMsgList({ conv_id: CONV_ID, conv_type: C2C, params: {} }).catch((answer: unknown) => answer),
  };
}
