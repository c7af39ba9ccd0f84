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
import { loadFakeSdk } from './fakeSdk';

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

  it('declares TIMConvMarkConversation (ids, uint64 mark_type, bool) and TIMGroupGetGroupInfoList (json), both answered through TIMCommCallback', () => {
    assert.deepEqual(declarationOf('TIMConvMarkConversation'), { result: 'int', params: ['str', 'uint64', 'bool', 'TimCommCallback *', 'uintptr_t'] });
    assert.deepEqual(declarationOf('TIMGroupGetGroupInfoList'), { result: 'int', params: ['str', 'TimCommCallback *', 'uintptr_t'] });
  });

  it("passes TIMConvMarkConversation's mark_type to C exactly, above 2^53 and from 2^63 up (fake SDK, same declaration)", function () {
    const fake = loadFakeSdk();
    if (!fake) {
      console.log('    no C compiler: cannot build the fake SDK library');
      this.skip();
    }
    // C prints what it received (decimal and hex): no uint64 crosses back into JavaScript.
    const cases: Array<[number | bigint, string]> = [
      [0, '0'],
      [2, '2'],
      [2 ** 40 + 2, '1099511627778'],
      [2n ** 40n | 2n, '1099511627778'],
      [2n ** 53n + 1n, '9007199254740993'],
      [2n ** 63n, '9223372036854775808'],
      [2n ** 63n + 1n, '9223372036854775809'],
      [2n ** 64n - 1n, '18446744073709551615'],
    ];
    for (const [markType, decimal] of cases) {
      assert.equal(fake.markConversation('["c2c_李雷","group_g"]', markType, true, null, 4242), 0);
      const hex = `0x${BigInt(decimal).toString(16).padStart(16, '0')}`;
      assert.equal(fake.lastMark(), `["c2c_李雷","group_g"]|${decimal}|${hex}|true|4242`, String(markType));
    }
    assert.equal(fake.markConversation('[]', 2n ** 32n, false, null, 1), 0);
    assert.equal(fake.lastMark(), '[]|4294967296|0x0000000100000000|false|1');
  });
});
