/**
 * The snippet message format: what is sent (a fenced text element and the structured custom element
 * within TIM's 12 KB), and parsing of hostile custom element data into a clean view or nothing.
 */
import * as assert from 'node:assert/strict';
import type { SnippetView } from '../../../src/shared/chatModel';
import {
  bodyBytes,
  buildSnippetMessage,
  commentOfFallback,
  encodeSnippetData,
  fallbackText,
  isSafeRelativePath,
  MESSAGE_BODY_LIMIT,
  parseSnippetData,
  SNIPPET_EXT,
  snippetHeader,
  SnippetTooLargeError,
  toSnippetPath,
} from '../../../src/extension/share/snippetFormat';
import { snippetElementView, snippetPreviewText, withoutSnippetFallback } from '../../../src/extension/share/snippetView';
import { englishOnly } from '../../../src/extension/chat/translate';
import { TIMElemType } from '../../../src/tim/enums';

const snippet: SnippetView = {
  path: 'src/app.ts',
  languageId: 'typescript',
  startLine: 10,
  endLine: 12,
  gitRemote: 'git@github.com:acme/app.git',
  gitCommit: 'a'.repeat(40),
  code: 'const a = 1;\nconst b = `x`;\nexport { a, b };',
};

function data(overrides: Record<string, unknown>): string {
  return JSON.stringify({ type: 'timchat.codeSnippet', version: 1, ...snippet, ...overrides });
}

describe('snippet format', () => {
  it('builds a text element with a fenced block and a custom element with the JSON data', () => {
    const { message_elem_array: [text, custom] } = buildSnippetMessage(snippet, 'look at this');
    assert.equal(text.elem_type, TIMElemType.Text);
    assert.equal(text.text_elem_content, 'look at this\n\nsrc/app.ts:10-12\n```typescript\nconst a = 1;\nconst b = `x`;\nexport { a, b };\n```');
    assert.equal(custom.elem_type, TIMElemType.Custom);
    assert.equal(custom.custom_elem_desc, 'src/app.ts:10-12');
    assert.equal(custom.custom_elem_ext, SNIPPET_EXT);
    const parsed = JSON.parse(String(custom.custom_elem_data)) as Record<string, unknown>;
    assert.deepEqual(parsed, { type: 'timchat.codeSnippet', version: 1, ...snippet });
    assert.deepEqual(parseSnippetData(custom.custom_elem_data), snippet);
  });

  it('uses a fence longer than any backtick run in the code', () => {
    const text = fallbackText({ ...snippet, code: 'a ```` b' }, '');
    assert.ok(text.includes('\n`````typescript\na ```` b\n`````'), text);
  });

  it('one line gets a one-number header; plaintext gets no info string', () => {
    assert.equal(snippetHeader({ path: 'a.txt', startLine: 3, endLine: 3 }), 'a.txt:3');
    assert.equal(fallbackText({ ...snippet, languageId: 'plaintext', startLine: 3, endLine: 3, code: 'x' }, ''), 'src/app.ts:3\n```\nx\n```');
  });

  it('strips credentials from the remote when encoding and parsing', () => {
    const encoded = encodeSnippetData({ ...snippet, gitRemote: 'https://user:ghp_secret@github.com/acme/app.git' });
    assert.ok(!encoded.includes('ghp_secret'));
    assert.equal(parseSnippetData(data({ gitRemote: 'https://tok@example.com/a.git' }))?.gitRemote, 'https://example.com/a.git');
  });

  it('keeps the body within TIM limit: truncates the text copy, then refuses', () => {
    const big = { ...snippet, code: Array.from({ length: 300 }, (_, i) => `line ${i} "quoted" \\ text`).join('\n'), endLine: 309 };
    const message = buildSnippetMessage(big);
    assert.ok(bodyBytes(message.message_elem_array) <= MESSAGE_BODY_LIMIT);
    assert.match(message.message_elem_array[0].text_elem_content, /… \(\d+ more lines\)/);
    assert.deepEqual(parseSnippetData(message.message_elem_array[1].custom_elem_data)?.code, big.code);
    const huge = { ...snippet, code: 'x'.repeat(13_000) };
    assert.throws(() => buildSnippetMessage(huge), SnippetTooLargeError);
    const chinese = { ...snippet, code: '中文'.repeat(1200) };
    const cn = buildSnippetMessage(chinese);
    assert.ok(bodyBytes(cn.message_elem_array) <= MESSAGE_BODY_LIMIT);
  });

  it('rejects hostile or malformed data', () => {
    const bad: unknown[] = [
      undefined, 42, '', 'not json', '[]', 'null', '{"type":"timchat.codeSnippet"}',
      data({ version: 2 }), data({ type: 'other' }), data({ version: '1' }),
      data({ path: '../../etc/passwd' }), data({ path: '/etc/passwd' }), data({ path: 'C:/Windows/win.ini' }),
      data({ path: 'a\\..\\b' }), data({ path: 'a/../../b' }), data({ path: 'a//b' }), data({ path: './a' }), data({ path: 'a\u0000b' }),
      data({ path: '~/x' }), data({ path: 'x'.repeat(2000) }), data({ path: 7 }),
      data({ startLine: 0 }), data({ startLine: 5, endLine: 4 }), data({ startLine: 1.5 }), data({ startLine: '3' }), data({ endLine: 1e12 }),
      data({ code: 5 }), data({ code: 'x'.repeat(70_000) }),
    ];
    for (const value of bad) {
      assert.equal(parseSnippetData(value), undefined, String(value).slice(0, 80));
    }
  });

  it('cleans optional fields instead of failing', () => {
    const parsed = parseSnippetData(data({ languageId: '<script>', gitCommit: 'nothex', gitRemote: 'a\nb', extra: '<img onerror=x>', __proto__: { polluted: true } }));
    assert.ok(parsed);
    assert.equal(parsed.languageId, 'plaintext');
    assert.equal(parsed.gitCommit, undefined);
    assert.equal(parsed.gitRemote, undefined);
    assert.ok(!('extra' in parsed));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(parseSnippetData(data({ gitCommit: 'A'.repeat(40) }))?.gitCommit, 'a'.repeat(40));
    assert.equal(parseSnippetData(data({ gitCommit: 'b'.repeat(64) }))?.gitCommit, 'b'.repeat(64));
  });

  it('accepts only safe relative paths and normalizes separators', () => {
    assert.ok(isSafeRelativePath('src/a b/c.ts'));
    assert.ok(isSafeRelativePath('中文/文件.py'));
    assert.ok(!isSafeRelativePath('..'));
    assert.equal(toSnippetPath('src\\sub\\./file.ts'), 'src/sub/file.ts');
  });

  it('views a custom element with the snippet attached and drops the duplicate code text', () => {
    const { message_elem_array: [text, custom] } = buildSnippetMessage(snippet, '  see **here** ');
    const view = snippetElementView(custom);
    assert.deepEqual(view.snippet, snippet);
    const views = withoutSnippetFallback([{ kind: 'text', text: text.text_elem_content }, view]);
    assert.deepEqual(views[0], { kind: 'text', text: 'see **here**' });
    assert.equal(views.length, 2);
    const noComment = buildSnippetMessage(snippet, '');
    assert.equal(withoutSnippetFallback([{ kind: 'text', text: noComment.message_elem_array[0].text_elem_content }, view]).length, 1);
    // A text that is not the fallback stays, as does a custom element that is not a snippet.
    assert.deepEqual(withoutSnippetFallback([{ kind: 'text', text: 'hello' }, view])[0], { kind: 'text', text: 'hello' });
    assert.equal(snippetElementView({ custom_elem_data: '{"x":1}', custom_elem_desc: 'd' }).snippet, undefined);
    assert.equal(commentOfFallback('intro src/app.ts:10-12\n```ts\nx\n```', snippet), undefined);
  });
});

describe('snippet preview text', () => {
  it('shows the comment and the path, not the code', () => {
    const message = buildSnippetMessage(snippet, 'please   review');
    assert.equal(snippetPreviewText(message.message_elem_array, englishOnly), 'please review [Code] src/app.ts:10-12');
    assert.equal(snippetPreviewText(buildSnippetMessage(snippet).message_elem_array, englishOnly), '[Code] src/app.ts:10-12');
    assert.equal(snippetPreviewText([{ elem_type: TIMElemType.Text, text_elem_content: 'hi' }], englishOnly), undefined);
  });
});
