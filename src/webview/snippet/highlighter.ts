/**
 * A small syntax highlighter for shared snippets: a pure, linear tokenizer that knows the keywords,
 * strings, comments and numbers of TypeScript/JavaScript, Python, JSON, shell, Go, Rust, Java, C/C++ and
 * C#. Its tokens become spans whose classes the card's CSS colours with theme variables. Unknown languages
 * get one plain token. No DOM here.
 */

export type TokenType = 'text' | 'keyword' | 'literal' | 'string' | 'comment' | 'number' | 'type' | 'function' | 'variable' | 'property';

export interface Token {
  readonly type: TokenType;
  readonly text: string;
}

interface Language {
  readonly keywords: ReadonlySet<string>;
  readonly literals: ReadonlySet<string>;
  readonly types: ReadonlySet<string>;
  readonly lineComments: readonly string[];
  readonly blockComment?: readonly [string, string];
  /** Quote characters whose strings may span lines (template literals, Go raw strings). */
  readonly multilineQuotes: string;
  readonly quotes: string;
  readonly tripleQuotes?: boolean;
  /** Shell: `$NAME`, `${…}`; `#` starts a comment only at a word start. */
  readonly shell?: boolean;
  /** Rust: `r"…"`, `r#"…"#`; lifetimes `'a` are not strings. */
  readonly rust?: boolean;
  /** JSON: a string before `:` is a property. */
  readonly json?: boolean;
  /** Identifiers with a capital first letter are types (Java, Go, Rust, TypeScript). */
  readonly capitalTypes?: boolean;
  /** C and C++: `#include`-style lines are keywords. */
  readonly preprocessor?: boolean;
}

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

const JS_KEYWORDS = 'abstract as async await break case catch class const constructor continue debugger declare default delete do else enum export extends finally for from function get if implements import in infer instanceof interface is keyof let module namespace new of override package private protected public readonly return satisfies set static super switch this throw try type typeof var void while with yield';
const C_KEYWORDS = 'auto break case char const continue default do double else enum extern float for goto if inline int long register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while _Bool';
const CPP_KEYWORDS = `${C_KEYWORDS} alignas alignof and asm bool catch class concept consteval constexpr constinit const_cast co_await co_return co_yield decltype delete dynamic_cast explicit export friend mutable namespace new noexcept not operator or private protected public reinterpret_cast requires static_assert static_cast template this thread_local throw try typeid typename using virtual wchar_t xor override final`;

const LANGUAGES: Readonly<Record<string, Language>> = {
  typescript: {
    keywords: words(JS_KEYWORDS),
    literals: words('true false null undefined NaN Infinity'),
    types: words('string number boolean bigint symbol object unknown never any void'),
    lineComments: ['//'],
    blockComment: ['/*', '*/'],
    quotes: `'"`,
    multilineQuotes: '`',
    capitalTypes: true,
  },
  python: {
    keywords: words('and as assert async await break class continue def del elif else except finally for from global if import in is lambda match case nonlocal not or pass raise return try while with yield print self cls'),
    literals: words('True False None NotImplemented Ellipsis'),
    types: words('int float str bytes bool list dict set tuple object type complex frozenset'),
    lineComments: ['#'],
    quotes: `'"`,
    multilineQuotes: '',
    tripleQuotes: true,
    capitalTypes: true,
  },
  json: {
    keywords: words(''),
    literals: words('true false null'),
    types: words(''),
    lineComments: ['//'],
    blockComment: ['/*', '*/'],
    quotes: '"',
    multilineQuotes: '',
    json: true,
  },
  shellscript: {
    keywords: words('if then else elif fi case esac for select while until do done in function time coproc return exit break continue local export readonly declare typeset unset shift source alias set trap eval exec echo printf cd test'),
    literals: words('true false'),
    types: words(''),
    lineComments: ['#'],
    quotes: `'"`,
    multilineQuotes: '',
    shell: true,
  },
  go: {
    keywords: words('break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var'),
    literals: words('true false nil iota'),
    types: words('bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8 uint16 uint32 uint64 uintptr any comparable'),
    lineComments: ['//'],
    blockComment: ['/*', '*/'],
    quotes: `'"`,
    multilineQuotes: '`',
    capitalTypes: true,
  },
  rust: {
    keywords: words('as async await break const continue crate dyn else enum extern fn for if impl in let loop match mod move mut pub ref return self Self static struct super trait type unsafe use where while macro_rules union'),
    literals: words('true false None Some Ok Err'),
    types: words('i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64 bool char str String Vec Option Result Box'),
    lineComments: ['//'],
    blockComment: ['/*', '*/'],
    quotes: `'"`,
    multilineQuotes: '',
    rust: true,
    capitalTypes: true,
  },
  java: {
    keywords: words('abstract assert break case catch class const continue default do else enum extends final finally for goto if implements import instanceof interface native new package private protected public record return sealed permits static strictfp super switch synchronized this throw throws transient try var void volatile while yield'),
    literals: words('true false null'),
    types: words('boolean byte char double float int long short String Object'),
    lineComments: ['//'],
    blockComment: ['/*', '*/'],
    quotes: `'"`,
    multilineQuotes: '',
    tripleQuotes: true,
    capitalTypes: true,
  },
  c: {
    keywords: words(C_KEYWORDS),
    literals: words('NULL true false'),
    types: words('size_t ssize_t int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t FILE bool'),
    lineComments: ['//'],
    blockComment: ['/*', '*/'],
    quotes: `'"`,
    multilineQuotes: '',
    preprocessor: true,
  },
  cpp: {
    keywords: words(CPP_KEYWORDS),
    literals: words('NULL nullptr true false'),
    types: words('size_t int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t std string vector map unique_ptr shared_ptr'),
    lineComments: ['//'],
    blockComment: ['/*', '*/'],
    quotes: `'"`,
    multilineQuotes: '',
    preprocessor: true,
    capitalTypes: true,
  },
  csharp: {
    keywords: words('abstract as async await base break case catch class const continue default delegate do else enum event explicit extern finally fixed for foreach goto if implicit in interface internal is lock namespace new operator out override params private protected public readonly record ref return sealed sizeof stackalloc static struct switch this throw try typeof unchecked unsafe using var virtual void volatile while yield get set init'),
    literals: words('true false null'),
    types: words('bool byte char decimal double float int long object sbyte short string uint ulong ushort dynamic'),
    lineComments: ['//'],
    blockComment: ['/*', '*/'],
    quotes: `'"`,
    multilineQuotes: '',
    capitalTypes: true,
  },
};

const ALIASES: Readonly<Record<string, string>> = {
  javascript: 'typescript',
  typescriptreact: 'typescript',
  javascriptreact: 'typescript',
  ts: 'typescript',
  js: 'typescript',
  tsx: 'typescript',
  jsx: 'typescript',
  mjs: 'typescript',
  cjs: 'typescript',
  py: 'python',
  jsonc: 'json',
  jsonl: 'json',
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
  shell: 'shellscript',
  dotenv: 'shellscript',
  golang: 'go',
  rs: 'rust',
  'c++': 'cpp',
  cc: 'cpp',
  h: 'c',
  hpp: 'cpp',
  cuda: 'cpp',
  objectivec: 'c',
  cs: 'csharp',
  kotlin: 'java',
};

/** The highlighter's language for a VS Code language id; undefined when it does not know it. */
export function highlightLanguage(languageId: string): string | undefined {
  const id = languageId.toLowerCase();
  const name = ALIASES[id] ?? id;
  return Object.prototype.hasOwnProperty.call(LANGUAGES, name) ? name : undefined;
}

const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const NEXT_VISIBLE = /\s*(\S)/y;
const NUMBER = /(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?)[A-Za-z0-9_]*/y;

/** Splits `code` into tokens; concatenating their texts gives `code` back exactly. */
export function tokenize(code: string, languageId: string): Token[] {
  const name = highlightLanguage(languageId);
  if (!name) {
    return code ? [{ type: 'text', text: code }] : [];
  }
  const lang = LANGUAGES[name];
  const tokens: Token[] = [];
  const push = (type: TokenType, text: string): void => {
    if (!text) {
      return;
    }
    const last = tokens[tokens.length - 1];
    if (last && last.type === type && (type === 'text' || type === 'comment')) {
      tokens[tokens.length - 1] = { type, text: last.text + text };
    } else {
      tokens.push({ type, text });
    }
  };
  const n = code.length;
  let i = 0;
  let lineStart = true;
  while (i < n) {
    const c = code[i];
    if (c === '\n') {
      push('text', c);
      i++;
      lineStart = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      let j = i + 1;
      while (j < n && (code[j] === ' ' || code[j] === '\t' || code[j] === '\r')) {
        j++;
      }
      push('text', code.slice(i, j));
      i = j;
      continue;
    }
    const atLineStart = lineStart;
    lineStart = false;
    // Comments.
    const lineComment = lang.lineComments.find((m) => code.startsWith(m, i));
    if (lineComment && (!lang.shell || i === 0 || /[\s;|&(]/.test(code[i - 1]))) {
      const end = code.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      push('comment', code.slice(i, stop));
      i = stop;
      continue;
    }
    if (lang.blockComment && code.startsWith(lang.blockComment[0], i)) {
      const end = code.indexOf(lang.blockComment[1], i + lang.blockComment[0].length);
      const stop = end < 0 ? n : end + lang.blockComment[1].length;
      push('comment', code.slice(i, stop));
      i = stop;
      continue;
    }
    if (lang.preprocessor && c === '#' && atLineStart) {
      IDENTIFIER.lastIndex = i + 1;
      const directive = IDENTIFIER.exec(code);
      if (directive) {
        push('keyword', `#${directive[0]}`);
        i = i + 1 + directive[0].length;
        continue;
      }
    }
    // Strings.
    if (lang.rust && c === 'r' && /^r#*"/.test(code.slice(i, i + 8))) {
      const hashes = /^r(#*)"/.exec(code.slice(i, i + 260))?.[1] ?? '';
      const close = `"${hashes}`;
      const end = code.indexOf(close, i + 2 + hashes.length);
      const stop = end < 0 ? n : end + close.length;
      push('string', code.slice(i, stop));
      i = stop;
      continue;
    }
    if (lang.rust && c === "'" && /^'[A-Za-z_][A-Za-z0-9_]*(?!')/.test(code.slice(i, i + 66)) && code[i + 2] !== "'") {
      // A lifetime or label ('a, 'static), not a char literal ('a').
      IDENTIFIER.lastIndex = i + 1;
      const lifetime = IDENTIFIER.exec(code)?.[0] ?? '';
      push('type', `'${lifetime}`);
      i += 1 + lifetime.length;
      continue;
    }
    if (lang.tripleQuotes && (code.startsWith('"""', i) || code.startsWith("'''", i))) {
      const quote = code.slice(i, i + 3);
      const end = code.indexOf(quote, i + 3);
      const stop = end < 0 ? n : end + 3;
      push('string', code.slice(i, stop));
      i = stop;
      continue;
    }
    if (lang.quotes.includes(c) || lang.multilineQuotes.includes(c)) {
      const multiline = lang.multilineQuotes.includes(c);
      // Shell single quotes and Go raw strings have no escapes.
      const escapes = !(lang.shell && c === "'") && !(c === '`' && name === 'go');
      let j = i + 1;
      while (j < n && code[j] !== c && (multiline || code[j] !== '\n')) {
        j += escapes && code[j] === '\\' ? 2 : 1;
      }
      const stop = Math.min(n, j < n && code[j] === c ? j + 1 : j);
      const text = code.slice(i, stop);
      let type: TokenType = 'string';
      if (lang.json) {
        let k = stop;
        while (k < n && (code[k] === ' ' || code[k] === '\t')) {
          k++;
        }
        type = code[k] === ':' ? 'property' : 'string';
      }
      push(type, text);
      i = stop;
      continue;
    }
    if (lang.shell && c === '$') {
      const braced = /^\$\{[^}\n]*\}?/.exec(code.slice(i, i + 200));
      const simple = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|[0-9#?@*$!-])/.exec(code.slice(i, i + 200));
      const variable = braced?.[0] ?? simple?.[0];
      if (variable) {
        push('variable', variable);
        i += variable.length;
        continue;
      }
    }
    // Numbers (not the digits inside a name such as x1).
    if (/[0-9.]/.test(c) && !(i > 0 && /[A-Za-z0-9_$]/.test(code[i - 1]))) {
      NUMBER.lastIndex = i;
      const number = NUMBER.exec(code);
      if (number && number[0] !== '.' && /\d/.test(number[0])) {
        push('number', number[0]);
        i += number[0].length;
        continue;
      }
    }
    // Words.
    IDENTIFIER.lastIndex = i;
    const word = /[A-Za-z_$]/.test(c) ? IDENTIFIER.exec(code) : null;
    if (word) {
      const text = lang.shell ? word[0].replace(/\$.*$/, '') || word[0] : word[0];
      NEXT_VISIBLE.lastIndex = i + text.length;
      const next = NEXT_VISIBLE.exec(code)?.[1];
      let type: TokenType = 'text';
      if (lang.keywords.has(text)) {
        type = 'keyword';
      } else if (lang.literals.has(text)) {
        type = 'literal';
      } else if (lang.types.has(text) || (lang.capitalTypes && /^[A-Z][a-z0-9]/.test(text) && next !== '(')) {
        type = 'type';
      } else if (next === '(' && !lang.shell) {
        type = 'function';
      } else if (lang.rust && code[i + text.length] === '!') {
        type = 'function';
      }
      push(type, text);
      i += text.length;
      continue;
    }
    push('text', c);
    i++;
  }
  return tokens;
}
