/** Staleness: the sent range compared with the receiver's file, moved code, CRLF files, the diff's left side. */
import * as assert from 'node:assert/strict';
import { compareSnippet, fileWithSnippet, snippetLines } from '../../../src/extension/share/staleness';

const file = ['line 1', 'function f() {', '  return 1;', '}', 'line 5'].join('\n');
const code = 'function f() {\n  return 1;\n}';

describe('staleness', () => {
  it('is same when the range holds the code', () => {
    assert.deepEqual(compareSnippet(code, 2, 4, file), { staleness: 'same', startLine: 2, endLine: 4 });
  });

  it('is same at the new lines when the code moved', () => {
    const moved = `// header\n// more\n${file}`;
    assert.deepEqual(compareSnippet(code, 2, 4, moved), { staleness: 'same', startLine: 4, endLine: 6 });
    const up = file.split('\n').slice(1).join('\n');
    assert.deepEqual(compareSnippet(code, 2, 4, up), { staleness: 'same', startLine: 1, endLine: 3 });
  });

  it('is changed when a line differs, with the range clamped to the file', () => {
    assert.deepEqual(compareSnippet(code, 2, 4, file.replace('return 1', 'return 2')), { staleness: 'changed', startLine: 2, endLine: 4 });
    assert.deepEqual(compareSnippet(code, 20, 22, 'short\nfile'), { staleness: 'changed', startLine: 2, endLine: 2 });
    assert.deepEqual(compareSnippet(code, 2, 4, ''), { staleness: 'changed', startLine: 1, endLine: 1 });
  });

  it('is missing without a file', () => {
    assert.deepEqual(compareSnippet(code, 2, 4, undefined), { staleness: 'missing', startLine: 2, endLine: 4 });
  });

  it('ignores line-ending differences and one trailing newline of the selection', () => {
    assert.equal(compareSnippet(`${code}\n`, 2, 4, file.replace(/\n/g, '\r\n')).staleness, 'same');
    assert.deepEqual(snippetLines('a\n'), ['a']);
    assert.deepEqual(snippetLines('a\n\n'), ['a', '']);
    assert.deepEqual(snippetLines(''), ['']);
  });

  it('does not "move" blank-only snippets', () => {
    assert.equal(compareSnippet('\n   \n', 1, 2, 'x\n\n   \n').staleness, 'changed');
  });

  it('builds the diff left side: the file with the sent code in place', () => {
    const changed = file.replace('return 1', 'return 2');
    assert.equal(fileWithSnippet(changed, code, 2, 4), file);
    assert.equal(fileWithSnippet('a\r\nb\r\nc', 'X\nY', 2, 2), 'a\r\nX\r\nY\r\nc');
    assert.equal(fileWithSnippet('a', 'X', 5, 6), 'a\nX');
  });
});
