/**
 * The slow path of parseTimJson (src/tim/json.ts): a strict RFC 8259 recursive-descent parser that
 * differs from JSON.parse only in numbers: an integer beyond Number.MAX_SAFE_INTEGER becomes a bigint.
 * Strings without escapes are sliced straight from the text; strings with escapes are decoded by
 * JSON.parse so that escape handling is exactly the platform's.
 */

/** Parses `text` (non-empty); throws SyntaxError with the position of the first error. */
export function parseLossless(text: string): unknown {
  return new LosslessParser(text).parseDocument();
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
