/**
 * The lossless JSON codec for everything that crosses the TIM seam: integers beyond
 * Number.MAX_SAFE_INTEGER (message_unique_id, seqs, rands, times) become `bigint` instead of being
 * rounded by JSON.parse, and a `bigint` is written back as a bare JSON number, so ids go back into the
 * SDK unchanged.
 *
 * Why hand-written: measured on a 20-message TIMMsgGetMsgList answer (41 kB, one 19-digit
 * message_unique_id per message), Node 20, median of 7 rounds of 2,000 parses (see the report that
 * introduced this file; the bench script is not kept):
 *   JSON.parse (lossy, the floor)       ~0.14 ms
 *   this parser                         ~0.25 ms
 *   lossless-json 4.3.3 + bigint parser ~0.83 ms
 * Texts without any run of 16 digits cannot hold an unsafe integer and go straight to JSON.parse.
 */

/** A uint64 (or int64) field: a number when it is a safe integer, a bigint beyond 2^53 - 1. */
export type Uint64 = number | bigint;

/** Parses JSON text; integers outside the safe range become bigint, everything else is as JSON.parse. */
export function parseTimJson(text: string): unknown {
  if (typeof text !== 'string') {
    throw new TypeError(`parseTimJson: expected a string, got ${typeof text}`);
  }
  if (text.length === 0) {
    throw new SyntaxError('parseTimJson: empty input (expected a JSON value)');
  }
  // An unsafe integer has at least 16 digits; without such a run JSON.parse is exact and much faster.
  if (!SIXTEEN_DIGITS.test(text)) {
    return JSON.parse(text) as unknown;
  }
  return new LosslessParser(text).parseDocument();
}

/**
 * Writes JSON like JSON.stringify (toJSON, undefined and functions skipped in objects, null in
 * arrays), except that a bigint is written as a bare JSON number instead of throwing.
 */
export function stringifyTimJson(value: unknown): string {
  let sawBigInt = false;
  let sawMark = false;
  const plain = JSON.stringify(value, (key: string, v: unknown) => {
    if (typeof v === 'bigint') {
      sawBigInt = true;
      return `${BIGINT_MARK}${v.toString()}${BIGINT_MARK}`;
    }
    if ((typeof v === 'string' && v.includes(BIGINT_MARK)) || key.includes(BIGINT_MARK)) {
      sawMark = true;
    }
    return v;
  });
  if (plain === undefined) {
    throw new TypeError(`stringifyTimJson: ${typeof value} has no JSON representation`);
  }
  if (!sawBigInt) {
    return plain;
  }
  // The mark is a private-use character JSON.stringify leaves unescaped; when real data contains it,
  // the slow writer runs instead so that no string can ever be mistaken for a number.
  if (sawMark) {
    return writeValue(value, '') ?? 'null';
  }
  return plain.replace(BIGINT_MARKED, '$1');
}

/** Compares two uint64 values exactly, whichever representation each has. */
export function uint64Equals(a: Uint64, b: Uint64): boolean {
  return BigInt(a) === BigInt(b);
}

/** True for a number that is a non-negative safe integer or a non-negative bigint below 2^64. */
export function isUint64(value: unknown): value is Uint64 {
  if (typeof value === 'bigint') {
    return value >= 0n && value < 2n ** 64n;
  }
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

const SIXTEEN_DIGITS = /\d{16}/;
const BIGINT_MARK = '\uE000';
const BIGINT_MARKED = /"\uE000(-?\d+)\uE000"/g;

/** The slow, exact writer for the rare text that contains the mark character itself. */
function writeValue(value: unknown, key: string): string | undefined {
  let v = value;
  if (v !== null && (typeof v === 'object' || typeof v === 'bigint')) {
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      v = (toJSON as (this: unknown, key: string) => unknown).call(v, key);
    }
  }
  switch (typeof v) {
    case 'bigint':
      return v.toString();
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (v === null) {
        return 'null';
      }
      if (v instanceof Number || v instanceof String || v instanceof Boolean) {
        return JSON.stringify(v);
      }
      if (Array.isArray(v)) {
        const parts: string[] = [];
        for (let index = 0; index < v.length; index++) {
          parts.push(writeValue((v as unknown[])[index], String(index)) ?? 'null');
        }
        return `[${parts.join(',')}]`;
      }
      const parts: string[] = [];
      for (const k of Object.keys(v)) {
        const item = writeValue((v as Record<string, unknown>)[k], k);
        if (item !== undefined) {
          parts.push(`${JSON.stringify(k)}:${item}`);
        }
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return undefined;
  }
}

const enum Code {
  Tab = 9,
  Newline = 10,
  Return = 13,
  Space = 32,
  Quote = 34,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  UpperE = 69,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  LowerE = 101,
  LowerF = 102,
  LowerN = 110,
  LowerT = 116,
  OpenBrace = 123,
  CloseBrace = 125,
}

/** A strict RFC 8259 recursive-descent parser; only numbers differ from JSON.parse. */
class LosslessParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseDocument(): unknown {
    this.skipWhitespace();
    const value = this.parseValue();
    this.skipWhitespace();
    if (this.pos < this.text.length) {
      this.fail('unexpected data after the JSON value');
    }
    return value;
  }

  private parseValue(): unknown {
    const code = this.text.charCodeAt(this.pos);
    switch (code) {
      case Code.OpenBrace:
        return this.parseObject();
      case Code.OpenBracket:
        return this.parseArray();
      case Code.Quote:
        return this.parseString();
      case Code.LowerT:
        return this.parseLiteral('true', true);
      case Code.LowerF:
        return this.parseLiteral('false', false);
      case Code.LowerN:
        return this.parseLiteral('null', null);
      default:
        if (code === Code.Minus || (code >= Code.Zero && code <= Code.Nine)) {
          return this.parseNumber();
        }
        return this.fail(Number.isNaN(code) ? 'unexpected end of input' : 'unexpected character');
    }
  }

  private parseObject(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === Code.CloseBrace) {
      this.pos++;
      return result;
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== Code.Quote) {
        this.fail('expected a property name');
      }
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== Code.Colon) {
        this.fail("expected ':'");
      }
      this.pos++;
      this.skipWhitespace();
      const value = this.parseValue();
      if (key === '__proto__') {
        // Plain assignment would replace the prototype; JSON.parse defines an own property instead.
        Object.defineProperty(result, key, { value, writable: true, enumerable: true, configurable: true });
      } else {
        result[key] = value;
      }
      this.skipWhitespace();
      const next = this.text.charCodeAt(this.pos);
      this.pos++;
      if (next === Code.Comma) {
        this.skipWhitespace();
      } else if (next === Code.CloseBrace) {
        return result;
      } else {
        this.pos--;
        this.fail("expected ',' or '}'");
      }
    }
  }

  private parseArray(): unknown[] {
    const result: unknown[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === Code.CloseBracket) {
      this.pos++;
      return result;
    }
    for (;;) {
      result.push(this.parseValue());
      this.skipWhitespace();
      const next = this.text.charCodeAt(this.pos);
      this.pos++;
      if (next === Code.Comma) {
        this.skipWhitespace();
      } else if (next === Code.CloseBracket) {
        return result;
      } else {
        this.pos--;
        this.fail("expected ',' or ']'");
      }
    }
  }

  private parseString(): string {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    for (;;) {
      const code = text.charCodeAt(i);
      if (code === Code.Quote) {
        this.pos = i + 1;
        return text.slice(start + 1, i);
      }
      if (code === Code.Backslash) {
        return this.parseEscapedString(start);
      }
      if (code < 0x20 || Number.isNaN(code)) {
        this.pos = i;
        this.fail(Number.isNaN(code) ? 'unterminated string' : 'control character in string');
      }
      i++;
    }
  }

  /** Strings with escapes are rare in TIM JSON: find the end, let JSON.parse decode them exactly. */
  private parseEscapedString(start: number): string {
    const text = this.text;
    let i = start + 1;
    for (;;) {
      const code = text.charCodeAt(i);
      if (code === Code.Quote) {
        break;
      }
      if (Number.isNaN(code)) {
        this.pos = i;
        this.fail('unterminated string');
      }
      i += code === Code.Backslash ? 2 : 1;
    }
    this.pos = i + 1;
    try {
      return JSON.parse(text.slice(start, i + 1)) as string;
    } catch {
      this.pos = start;
      return this.fail('invalid escape in string');
    }
  }

  private parseNumber(): number | bigint {
    const text = this.text;
    const start = this.pos;
    let i = start;
    if (text.charCodeAt(i) === Code.Minus) {
      i++;
    }
    const intStart = i;
    // Accumulates small integers directly: cheaper than slicing and Number() for the common case.
    let small = 0;
    for (;;) {
      const code = text.charCodeAt(i);
      if (!(code >= Code.Zero && code <= Code.Nine)) {
        break;
      }
      small = small * 10 + (code - Code.Zero);
      i++;
    }
    const digits = i - intStart;
    if (digits === 0 || (digits > 1 && text.charCodeAt(intStart) === Code.Zero)) {
      this.pos = intStart;
      this.fail('invalid number');
    }
    let isInteger = true;
    if (text.charCodeAt(i) === Code.Dot) {
      isInteger = false;
      const fracStart = ++i;
      i = this.skipDigits(i);
      if (i === fracStart) {
        this.pos = i;
        this.fail('invalid number');
      }
    }
    const e = text.charCodeAt(i);
    if (e === Code.LowerE || e === Code.UpperE) {
      isInteger = false;
      i++;
      const sign = text.charCodeAt(i);
      if (sign === Code.Plus || sign === Code.Minus) {
        i++;
      }
      const expStart = i;
      i = this.skipDigits(i);
      if (i === expStart) {
        this.pos = i;
        this.fail('invalid number');
      }
    }
    this.pos = i;
    if (isInteger && digits <= 15) {
      // At most 15 digits is always below 2^53, so the accumulated value is exact.
      return intStart === start ? small : -small;
    }
    const literal = text.slice(start, i);
    const value = Number(literal);
    // Every integer of at most 2^53 - 1 is exact; anything beyond rounds to 2^53 or more, which
    // isSafeInteger rejects, so the check is exact.
    if (isInteger && !Number.isSafeInteger(value)) {
      return BigInt(literal);
    }
    return value;
  }

  private skipDigits(from: number): number {
    let i = from;
    for (;;) {
      const code = this.text.charCodeAt(i);
      if (!(code >= Code.Zero && code <= Code.Nine)) {
        return i;
      }
      i++;
    }
  }

  private parseLiteral<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) {
      this.fail('unexpected token');
    }
    this.pos += word.length;
    return value;
  }

  private skipWhitespace(): void {
    const text = this.text;
    let i = this.pos;
    for (;;) {
      const code = text.charCodeAt(i);
      if (code !== Code.Space && code !== Code.Newline && code !== Code.Return && code !== Code.Tab) {
        break;
      }
      i++;
    }
    this.pos = i;
  }

  private fail(reason: string): never {
    throw new SyntaxError(`parseTimJson: ${reason} at position ${this.pos}`);
  }
}
