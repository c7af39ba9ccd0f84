/**
 * The native prototype table against the typed client's table (src/tim/apiTable.ts): every function
 * the client calls through `endpoint.call` is bound as an async prototype with the same arguments, and
 * answers through a TIMCommCallback except TIMMsgGetGroupMessageReadMemberList, whose own callback shape
 * the bridge turns into the same answer.
 */
import assert from 'node:assert/strict';
import { TIM_CALLBACK_APIS, type TimArgKind } from '../../src/tim/apiTable';
import { declarationOf, prototypes } from '../../src/native/prototypes';
import type { ArgType, NativeApi, NativePrototype } from '../../src/native/prototypes';

const KOFFI_TYPES: Readonly<Record<TimArgKind, readonly ArgType[]>> = {
  string: ['str'],
  json: ['str'],
  int: ['int', 'int32_t', 'uint32_t'],
  uint64: ['uint64'],
  bool: ['bool'],
};

describe('native prototype table', () => {
  it('binds every callback function of the typed client as async, argument by argument', () => {
    for (const [api, spec] of Object.entries(TIM_CALLBACK_APIS)) {
      const proto = (prototypes as Readonly<Record<string, NativePrototype>>)[api];
      assert.ok(proto !== undefined, `${api} is bound`);
      assert.equal(proto.kind, 'async', api);
      if (proto.kind === 'async') {
        assert.equal(proto.args.length, spec.args.length, `${api} arity`);
        spec.args.forEach((kind, i) => assert.ok(KOFFI_TYPES[kind].includes(proto.args[i]), `${api} argument ${i + 1}: ${kind} as ${proto.args[i]}`));
      }
    }
  });

  it('declares TIMMsgGetGroupMessageReadMemberList with its own callback shape, every other async function with TIMCommCallback', () => {
    assert.deepEqual(declarationOf('TIMMsgGetGroupMessageReadMemberList'), {
      result: 'int',
      params: ['str', 'int', 'uint64', 'uint32_t', 'TimGroupReadMembersCallback *', 'uintptr_t'],
    });
    const others = (Object.keys(prototypes) as NativeApi[]).filter((name) => prototypes[name].kind === 'async' && name !== 'TIMMsgGetGroupMessageReadMemberList');
    assert.ok(others.includes('TIMMsgSendMessageReadReceipts') && others.includes('TIMMsgGetMessageReadReceipts'));
    for (const name of others) {
      assert.deepEqual(declarationOf(name).params.slice(-2), ['TimCommCallback *', 'uintptr_t'], name);
    }
  });
});
