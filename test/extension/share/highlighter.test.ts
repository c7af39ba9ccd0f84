/**
 * The snippet highlighter: tokens always reassemble to the exact input, and each language's keywords,
 * strings, comments and numbers are recognized (including the tricky cases: templates, raw strings,
 * triple quotes, lifetimes, shell variables and `#` inside words, JSON properties).
 */
import * as assert from 'node:assert/strict';
import { highlightLanguage, tokenize, type TokenType } from '../../../src/webview/snippet/highlighter';

function typed(code: string, lang: string, type: TokenType): string[] {
  return tokenize(code, lang).filter((t) => t.type === type).map((t) => t.text);
}

describe('snippet highlighter', () => {
  it('round-trips any input exactly, in every language', () => {
    const inputs = [
      'const x = `a ${b} c`; // done\n/* open comment',
      '"unterminated\n\'also',
      'x = """triple\n"""; r#"raw "# str"#',
      '\u0000\u202e<script>alert(1)</script>\r\n\t中文 😀',
      '',
      '$ ${ ` \\',
    ];
    for (const lang of ['typescript', 'javascript', 'python', 'json', 'shellscript', 'go', 'rust', 'java', 'c', 'cpp', 'csharp', 'plaintext', 'unknown']) {
      for (const input of inputs) {
        assert.equal(tokenize(input, lang).map((t) => t.text).join(''), input, `${lang}: ${JSON.stringify(input)}`);
      }
    }
  });

  it('TypeScript / JavaScript', () => {
    const code = 'export async function f(a: number): Promise<string> {\n  // note\n  return `v${a}` + "q" + 0x1F + 1.5e3 + null;\n}';
    assert.deepEqual(typed(code, 'typescript', 'keyword'), ['export', 'async', 'function', 'return']);
    assert.deepEqual(typed(code, 'typescript', 'string'), ['`v${a}`', '"q"']);
    assert.deepEqual(typed(code, 'typescript', 'comment'), ['// note']);
    assert.deepEqual(typed(code, 'typescript', 'number'), ['0x1F', '1.5e3']);
    assert.deepEqual(typed(code, 'typescript', 'literal'), ['null']);
    assert.deepEqual(typed(code, 'typescript', 'function'), ['f']);
    assert.ok(typed(code, 'typescript', 'type').includes('Promise'));
    assert.deepEqual(typed('let x1 = y2;', 'javascript', 'number'), []);
  });

  it('Python', () => {
    const code = 'def f(x):\n    """doc\n    string"""\n    return None if x else 3  # why\n';
    assert.deepEqual(typed(code, 'python', 'keyword'), ['def', 'return', 'if', 'else']);
    assert.deepEqual(typed(code, 'python', 'string'), ['"""doc\n    string"""']);
    assert.deepEqual(typed(code, 'python', 'comment'), ['# why']);
    assert.deepEqual(typed(code, 'python', 'literal'), ['None']);
  });

  it('JSON: properties, strings, numbers, literals', () => {
    const code = '{"name": "x", "n": -1.5, "ok": true, "nil": null}';
    assert.deepEqual(typed(code, 'json', 'property'), ['"name"', '"n"', '"ok"', '"nil"']);
    assert.deepEqual(typed(code, 'json', 'string'), ['"x"']);
    assert.deepEqual(typed(code, 'json', 'number'), ['1.5']);
    assert.deepEqual(typed(code, 'jsonc', 'literal'), ['true', 'null']);
  });

  it('shell: comments only at word starts, variables, single quotes without escapes', () => {
    const code = 'if [ -n "$HOME" ]; then echo ${PATH} a#b \'x\\\' # real\nfi';
    assert.deepEqual(typed(code, 'shellscript', 'comment'), ['# real']);
    assert.deepEqual(typed(code, 'shellscript', 'variable'), ['${PATH}']);
    assert.ok(typed(code, 'shellscript', 'keyword').includes('then'));
    assert.deepEqual(typed(code, 'shellscript', 'string'), ['"$HOME"', "'x\\'"]);
  });

  it('Go, Rust, Java, C and C++', () => {
    assert.deepEqual(typed('func main() { s := `raw\nline`; return nil }', 'go', 'string'), ['`raw\nline`']);
    assert.ok(typed('func main() {}', 'go', 'keyword').includes('func'));
    const rust = "fn f<'a>(x: &'a str) -> Option<u8> { let c = 'z'; println!(\"{}\", r#\"q\"#); None }";
    assert.deepEqual(typed(rust, 'rust', 'string'), ["'z'", '"{}"', 'r#"q"#']);
    assert.ok(typed(rust, 'rust', 'type').includes("'a"));
    assert.ok(typed(rust, 'rust', 'function').includes('println'));
    assert.deepEqual(typed('public static void main(String[] a) { int n = 42; }', 'java', 'keyword'), ['public', 'static', 'void']);
    assert.deepEqual(typed('#include <stdio.h>\nint main(void) { return 0; }', 'c', 'keyword'), ['#include', 'int', 'void', 'return']);
    assert.ok(typed('template <typename T> class X { nullptr; };', 'cpp', 'keyword').includes('template'));
  });

  it('maps VS Code language ids and leaves unknown ones plain', () => {
    assert.equal(highlightLanguage('typescriptreact'), 'typescript');
    assert.equal(highlightLanguage('jsonc'), 'json');
    assert.equal(highlightLanguage('shellscript'), 'shellscript');
    assert.equal(highlightLanguage('markdown'), undefined);
    assert.equal(highlightLanguage('__proto__'), undefined);
    assert.deepEqual(tokenize('a b', 'markdown'), [{ type: 'text', text: 'a b' }]);
  });

  it('handles the largest snippet (64 KB) quickly', () => {
    const big = 'const a = "x"; // c\n'.repeat(3_300);
    const started = Date.now();
    assert.equal(tokenize(big, 'typescript').length, 19_800);
    assert.ok(Date.now() - started < 500);
  });
});
