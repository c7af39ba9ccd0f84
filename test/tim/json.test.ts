/** The lossless JSON codec: exact uint64 both ways, and JSON.parse / JSON.stringify everywhere else. */
import assert from 'node:assert/strict';
import { isUint64, parseTimJson, stringifyTimJson, uint64Equals } from '../../src/tim/json';

const UNIQUE_ID = 7712240067047157981n;

describe('parseTimJson', () => {
  it('keeps 7712240067047157981 exact as a bigint (JSON.parse rounds it)', () => {
    const text = '{"message_unique_id":7712240067047157981}';
    assert.notEqual(BigInt((JSON.parse(text) as { message_unique_id: number }).message_unique_id), UNIQUE_ID);
    assert.deepEqual(parseTimJson(text), { message_unique_id: UNIQUE_ID });
  });

  it('round-trips 7712240067047157981 exactly through stringify and parse', () => {
    const text = stringifyTimJson({ message_unique_id: UNIQUE_ID });
    assert.equal(text, '{"message_unique_id":7712240067047157981}');
    assert.deepEqual(parseTimJson(text), { message_unique_id: UNIQUE_ID });
  });

  it('keeps safe integers as numbers and switches to bigint exactly past 2^53 - 1', () => {
    assert.equal(parseTimJson('9007199254740991'), 9007199254740991);
    assert.equal(parseTimJson('9007199254740992'), 9007199254740992n);
    assert.equal(parseTimJson('9007199254740993'), 9007199254740993n);
    assert.equal(parseTimJson('1234567890123456'), 1234567890123456);
    assert.equal(parseTimJson('[123456789012345]'.slice(1, -1)), 123456789012345);
  });

  it('parses uint64 and int64 extremes', () => {
    assert.equal(parseTimJson('18446744073709551615'), 18446744073709551615n);
    assert.equal(parseTimJson('-9223372036854775808'), -9223372036854775808n);
    assert.equal(parseTimJson('4611686018427387909'), 4611686018427387909n);
  });

  it('parses negative numbers, negative zero and floats like JSON.parse', () => {
    for (const text of ['-1', '-0', '0', '-9007199254740991', '3.14', '-2.5e-3', '1E+2', '1e400', '12345678901234567890.5', '0.12345678901234567890']) {
      assert.ok(Object.is(parseTimJson(text), JSON.parse(text)), text);
    }
    assert.ok(Object.is(parseTimJson('-0'), -0));
  });

  it('treats big numbers with a fraction or exponent as (lossy) numbers, not bigints', () => {
    assert.equal(typeof parseTimJson('12345678901234567890.0'), 'number');
    assert.equal(typeof parseTimJson('12345678901234567890e0'), 'number');
  });

  it('parses nested structures with bigints at every depth', () => {
    const text = `{"a":[1,{"b":[${UNIQUE_ID},{"c":${UNIQUE_ID + 1n}}]}],"d":{"e":{"f":null,"g":true,"h":false}}}`;
    assert.deepEqual(parseTimJson(text), {
      a: [1, { b: [UNIQUE_ID, { c: UNIQUE_ID + 1n }] }],
      d: { e: { f: null, g: true, h: false } },
    });
  });

  it('parses unicode and escapes exactly like JSON.parse', () => {
    const samples = [
      '"你好，世界"',
      '"emoji 😀 \\ud83d\\ude00"',
      '"tab\\tnl\\ncr\\rquote\\"slash\\/back\\\\bs\\bff\\f"',
      '"\\u0000\\u001f\\u00e9\\u4f60"',
      '""',
      '"1234567890123456789"',
    ];
    for (const sample of samples) {
      const text = `{"k":${sample},"n":${UNIQUE_ID}}`;
      assert.deepEqual(parseTimJson(text), { k: JSON.parse(sample), n: UNIQUE_ID }, sample);
    }
  });

  it('does not turn digits inside strings into numbers', () => {
    assert.deepEqual(parseTimJson('{"id":"7712240067047157981","n":7712240067047157981}'), {
      id: '7712240067047157981',
      n: UNIQUE_ID,
    });
  });

  it('accepts surrounding whitespace and empty containers', () => {
    assert.deepEqual(parseTimJson(' \n\t{ "a" : [ ] , "b" : { } , "c" : 12345678901234567 } \r\n'), { a: [], b: {}, c: 12345678901234567n });
  });

  it('defines __proto__ as an own property instead of changing the prototype', () => {
    const value = parseTimJson('{"__proto__":{"polluted":1},"n":7712240067047157981}') as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.deepEqual(Object.keys(value), ['__proto__', 'n']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('keeps the last of duplicate keys, as JSON.parse does', () => {
    assert.deepEqual(parseTimJson('{"a":1,"a":7712240067047157981}'), { a: UNIQUE_ID });
  });

  it('rejects empty input with a clear error', () => {
    assert.throws(() => parseTimJson(''), { name: 'SyntaxError', message: /empty input/ });
  });

  it('rejects malformed JSON on both the fast and the lossless path', () => {
    const bad = ['{', '[1,]', '{"a":1,}', '01', '1.', '-', '+1', '"\\x"', '"unterminated', 'tru', 'nul', '{"a" 1}', "{'a':1}", '"a\nb"', '1 2', 'NaN', ' '];
    for (const text of bad) {
      assert.throws(() => parseTimJson(text), SyntaxError, `fast path: ${JSON.stringify(text)}`);
      // A 16-digit number anywhere forces the hand-written parser.
      const slow = `[1234567890123456789,${text}]`;
      assert.throws(() => parseTimJson(slow), SyntaxError, `lossless path: ${JSON.stringify(slow)}`);
    }
  });

  it('reports the position of a syntax error', () => {
    assert.throws(() => parseTimJson('[7712240067047157981,]'), { message: /position 21/ });
  });

  it('rejects non-string input with a TypeError', () => {
    assert.throws(() => parseTimJson(42 as unknown as string), TypeError);
  });

  it('agrees with JSON.parse on a realistic message list without big numbers', () => {
    const text = JSON.stringify([{ message_seq: 1, message_elem_array: [{ elem_type: 0, text_elem_content: 'hi "x" \n 你好' }], f: 1.5 }]);
    assert.deepEqual(parseTimJson(text), JSON.parse(text));
    assert.deepEqual(parseTimJson(`${text.slice(0, -1)},1234567890123456789]`), [...(JSON.parse(text) as unknown[]), 1234567890123456789n]);
  });
});

describe('parseTimJson against JSON.parse', () => {
  /** A small deterministic PRNG so a failure is reproducible. */
  function prng(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
  }

  function randomValue(next: () => number, depth: number): unknown {
    const pick = Math.floor(next() * (depth > 3 ? 5 : 7));
    switch (pick) {
      case 0:
        return null;
      case 1:
        return next() < 0.5;
      case 2:
        return Math.floor((next() - 0.5) * 2 ** 40);
      case 3:
        return (next() - 0.5) * 1e6;
      case 4:
        return String.fromCodePoint(...Array.from({ length: Math.floor(next() * 8) }, () => [0x22, 0x5c, 0x0a, 0x4f60, 0x1f600, 0x41, 0x01][Math.floor(next() * 7)]));
      case 5:
        return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
      default: {
        const object: Record<string, unknown> = {};
        for (let i = Math.floor(next() * 4); i > 0; i--) {
          object[`k${Math.floor(next() * 100)}`] = randomValue(next, depth + 1);
        }
        return object;
      }
    }
  }

  it('agrees on 500 random documents (forced through the lossless path)', () => {
    const next = prng(20261126);
    for (let i = 0; i < 500; i++) {
      const value = randomValue(next, 0);
      const text = `[${JSON.stringify(value)},1234567890123456789]`;
      assert.deepEqual(parseTimJson(text), [JSON.parse(JSON.stringify(value)), 1234567890123456789n], text);
    }
  });

  it('throws (never hangs) on every truncation of a document', () => {
    const text = `{"a":[1,-2.5e3,"x\\ny",true,null,{"b":${UNIQUE_ID}}],"c":"你好"}`;
    assert.deepEqual(parseTimJson(text), { a: [1, -2.5e3, 'x\ny', true, null, { b: UNIQUE_ID }], c: '你好' });
    for (let end = 0; end < text.length; end++) {
      const prefix = text.slice(0, end);
      let parsed: unknown;
      try {
        parsed = parseTimJson(prefix);
      } catch (error) {
        assert.ok(error instanceof SyntaxError, `${JSON.stringify(prefix)}: ${String(error)}`);
        continue;
      }
      assert.fail(`${JSON.stringify(prefix)} parsed as ${String(parsed)}`);
    }
  });

  it('round-trips random uint64 values exactly', () => {
    const next = prng(7);
    for (let i = 0; i < 200; i++) {
      const value = (BigInt(Math.floor(next() * 2 ** 32)) << 32n) | BigInt(Math.floor(next() * 2 ** 32));
      const parsed = parseTimJson(stringifyTimJson({ v: value })) as { v: number | bigint };
      assert.ok(uint64Equals(parsed.v, value), String(value));
      assert.equal(typeof parsed.v, value > BigInt(Number.MAX_SAFE_INTEGER) ? 'bigint' : 'number');
    }
  });
});

describe('stringifyTimJson', () => {
  it('writes bigints as bare JSON numbers', () => {
    assert.equal(stringifyTimJson({ a: UNIQUE_ID, b: [1n, -5n], c: 'x' }), '{"a":7712240067047157981,"b":[1,-5],"c":"x"}');
    assert.equal(stringifyTimJson(UNIQUE_ID), '7712240067047157981');
  });

  it('writes everything else exactly like JSON.stringify', () => {
    const value = { s: '你好 "q" \n \u2028', n: -0.5, t: true, f: false, z: null, u: undefined, arr: [undefined, () => 1, NaN, Infinity], d: new Date(0), nested: { e: {} } };
    assert.equal(stringifyTimJson(value), JSON.stringify(value));
  });

  it('never mistakes a string that looks like the internal bigint mark for a number', () => {
    const tricky = { '\uE0001\uE000': '\uE0002\uE000', n: 3n, arr: ['\uE000', undefined], d: new Date(0) };
    const text = stringifyTimJson(tricky);
    assert.deepEqual(parseTimJson(text), { '\uE0001\uE000': '\uE0002\uE000', n: 3, arr: ['\uE000', null], d: '1970-01-01T00:00:00.000Z' });
  });

  it('throws for values with no JSON representation', () => {
    assert.throws(() => stringifyTimJson(undefined), TypeError);
  });

  it('round-trips a message with uint64 fields', () => {
    const message = { message_unique_id: UNIQUE_ID, message_seq: 12, message_rand: 4294967295, message_elem_array: [{ elem_type: 0, text_elem_content: 'x' }] };
    assert.deepEqual(parseTimJson(stringifyTimJson(message)), message);
  });
});

describe('uint64 helpers', () => {
  it('compares across representations', () => {
    assert.ok(uint64Equals(12, 12n));
    assert.ok(!uint64Equals(UNIQUE_ID, UNIQUE_ID + 1n));
  });

  it('recognises uint64 values', () => {
    assert.ok(isUint64(0));
    assert.ok(isUint64(2n ** 64n - 1n));
    assert.ok(!isUint64(2n ** 64n));
    assert.ok(!isUint64(-1));
    assert.ok(!isUint64(1.5));
    assert.ok(!isUint64('1'));
  });
});
