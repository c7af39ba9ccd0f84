/**
 * The safe Markdown parser: the supported syntax, and that hostile input (HTML, script URLs, deep
 * nesting, pathological delimiters) stays text and stays fast.
 */
import * as assert from 'node:assert/strict';
import { parseInline } from '../../src/webview/markdownInline';
import { parseMarkdown } from '../../src/webview/markdownBlocks';
import type { MdBlock, MdInline } from '../../src/webview/markdownTypes';
import { formatMessageLink } from '../../src/shared/chatLink';

function paragraph(source: string): readonly MdInline[] {
  const blocks = parseMarkdown(source);
  assert.equal(blocks.length, 1, JSON.stringify(blocks));
  const [block] = blocks;
  assert.equal(block.type, 'paragraph');
  return block.type === 'paragraph' ? block.children : [];
}

/** Every link target anywhere in the tree. */
function linksIn(blocks: readonly MdBlock[]): string[] {
  return JSON.stringify(blocks).match(/"href":"[^"]*"/g)?.map((h) => h.slice(8, -1)) ?? [];
}

describe('markdown: inline', () => {
  it('keeps plain text as one text node', () => {
    assert.deepEqual(parseInline('hello world'), [{ type: 'text', text: 'hello world' }]);
  });

  it('parses bold, italic, strike and inline code', () => {
    assert.deepEqual(parseInline('a **b** *c* _d_ ~~e~~ `f`'), [
      { type: 'text', text: 'a ' },
      { type: 'strong', children: [{ type: 'text', text: 'b' }] },
      { type: 'text', text: ' ' },
      { type: 'em', children: [{ type: 'text', text: 'c' }] },
      { type: 'text', text: ' ' },
      { type: 'em', children: [{ type: 'text', text: 'd' }] },
      { type: 'text', text: ' ' },
      { type: 'strike', children: [{ type: 'text', text: 'e' }] },
      { type: 'text', text: ' ' },
      { type: 'code', text: 'f' },
    ]);
  });

  it('nests emphasis and keeps code spans literal', () => {
    assert.deepEqual(parseInline('*a **b** c*'), [
      { type: 'em', children: [{ type: 'text', text: 'a ' }, { type: 'strong', children: [{ type: 'text', text: 'b' }] }, { type: 'text', text: ' c' }] },
    ]);
    assert.deepEqual(parseInline('`**not bold** <b>`'), [{ type: 'code', text: '**not bold** <b>' }]);
    assert.deepEqual(parseInline('``a ` b``'), [{ type: 'code', text: 'a ` b' }]);
  });

  it('leaves unmatched delimiters, snake_case and spaced stars alone', () => {
    assert.deepEqual(parseInline('2 * 3 * 4'), [{ type: 'text', text: '2 * 3 * 4' }]);
    assert.deepEqual(parseInline('snake_case_name'), [{ type: 'text', text: 'snake_case_name' }]);
    assert.deepEqual(parseInline('**open'), [{ type: 'text', text: '**open' }]);
    assert.deepEqual(parseInline('`open'), [{ type: 'text', text: '`open' }]);
  });

  it('honours backslash escapes', () => {
    assert.deepEqual(parseInline('\\*not em\\*'), [{ type: 'text', text: '*not em*' }]);
  });

  it('turns newlines into breaks', () => {
    assert.deepEqual(parseInline('a\nb'), [{ type: 'text', text: 'a' }, { type: 'br' }, { type: 'text', text: 'b' }]);
  });

  it('parses links with allowed targets', () => {
    assert.deepEqual(parseInline('see [the docs](https://example.com/a_(b)) now'), [
      { type: 'text', text: 'see ' },
      { type: 'link', href: 'https://example.com/a_(b)', children: [{ type: 'text', text: 'the docs' }] },
      { type: 'text', text: ' now' },
    ]);
    assert.deepEqual(parseInline('[mail](mailto:a@b.c "title")'), [{ type: 'link', href: 'mailto:a@b.c', children: [{ type: 'text', text: 'mail' }] }]);
    assert.deepEqual(parseInline('<https://x.org/p>'), [{ type: 'link', href: 'https://x.org/p', children: [{ type: 'text', text: 'https://x.org/p' }] }]);
  });

  it('links bare URLs without their trailing punctuation', () => {
    assert.deepEqual(parseInline('go to https://example.com/x.'), [
      { type: 'text', text: 'go to ' },
      { type: 'link', href: 'https://example.com/x', children: [{ type: 'text', text: 'https://example.com/x' }] },
      { type: 'text', text: '.' },
    ]);
    assert.deepEqual(parseInline('(https://example.com)'), [
      { type: 'text', text: '(' },
      { type: 'link', href: 'https://example.com/', children: [{ type: 'text', text: 'https://example.com' }] },
      { type: 'text', text: ')' },
    ]);
  });

  it('never makes links of script, data, file, command or relative targets', () => {
    for (const target of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'command:workbench.action.quit', 'vscode://x', '/relative', 'http:/broken', '  javascript:alert(1)']) {
      const tree = parseMarkdown(`[click](${target}) <${target}> ${target}`);
      assert.deepEqual(linksIn(tree), [], target);
    }
  });

  it("links TIM Chat's message links, bare or labelled, in any editor's scheme, and no other vscode: link", () => {
    const link = formatMessageLink('vscode', { app: '1400000001', conversation: { type: 'group', id: '@TGS#1A' }, sender: 'bob', msgId: 'm-1', seq: '5', time: '1795795796', rand: '9' });
    assert.deepEqual(parseInline(`see ${link}.`), [
      { type: 'text', text: 'see ' },
      { type: 'link', href: link, children: [{ type: 'text', text: link }] },
      { type: 'text', text: '.' },
    ]);
    const insiders = link.replace('vscode:', 'vscode-insiders:');
    assert.deepEqual(linksIn(parseMarkdown(`[the decision](${insiders}) and code-oss${link.slice('vscode'.length)}`)), [insiders, `code-oss${link.slice('vscode'.length)}`]);
    for (const near of [link.replace('timchat.tim-chat', 'evil.example'), link.replace('&rand=9', ''), `x${link}`, link.replace('vscode:', 'vscodex:')]) {
      assert.deepEqual(linksIn(parseMarkdown(near)), [], near);
    }
  });

  it('does not nest links inside link labels', () => {
    const tree = parseInline('[see https://a.com](https://b.com)');
    assert.equal(tree.length, 1);
    assert.deepEqual(tree[0], { type: 'link', href: 'https://b.com/', children: [{ type: 'text', text: 'see https://a.com' }] });
  });
});

describe('markdown: blocks', () => {
  it('splits paragraphs on blank lines and keeps single newlines as breaks', () => {
    const blocks = parseMarkdown('one\ntwo\n\nthree');
    assert.equal(blocks.length, 2);
    assert.deepEqual(blocks[0], { type: 'paragraph', children: [{ type: 'text', text: 'one' }, { type: 'br' }, { type: 'text', text: 'two' }] });
  });

  it('parses fenced code blocks verbatim, closed or not', () => {
    assert.deepEqual(parseMarkdown('```ts\nconst a = <b>1</b>;\n  **x**\n```\nafter'), [
      { type: 'codeBlock', language: 'ts', text: 'const a = <b>1</b>;\n  **x**' },
      { type: 'paragraph', children: [{ type: 'text', text: 'after' }] },
    ]);
    assert.deepEqual(parseMarkdown('~~~\nopen'), [{ type: 'codeBlock', language: '', text: 'open' }]);
  });

  it('parses bullet and numbered lists, nested by indentation', () => {
    const [list] = parseMarkdown('- a\n- b\n  - c\n- d');
    assert.equal(list.type, 'list');
    if (list.type !== 'list') return;
    assert.equal(list.ordered, false);
    assert.equal(list.items.length, 3);
    assert.equal(list.items[1][1].type, 'list');
    const [ordered] = parseMarkdown('3. x\n4. y');
    assert.ok(ordered.type === 'list' && ordered.ordered && ordered.start === 3 && ordered.items.length === 2);
  });

  it('lets a list follow a paragraph line directly', () => {
    const blocks = parseMarkdown('Steps:\n1. build\n2. test');
    assert.deepEqual(blocks.map((b) => b.type), ['paragraph', 'list']);
  });

  it('parses quotes, with blocks inside', () => {
    const [quote] = parseMarkdown('> said\n> - item');
    assert.ok(quote.type === 'quote');
    if (quote.type === 'quote') {
      assert.deepEqual(quote.children.map((b) => b.type), ['paragraph', 'list']);
    }
  });

  it('keeps HTML as text', () => {
    const inlines = paragraph('<img src=x onerror="alert(1)"><script>alert(2)</script>');
    assert.deepEqual(inlines, [{ type: 'text', text: '<img src=x onerror="alert(1)"><script>alert(2)</script>' }]);
  });

  it('does not treat thematic breaks as lists', () => {
    assert.deepEqual(parseMarkdown('* * *').map((b) => b.type), ['paragraph']);
  });

  it('survives deep nesting and pathological delimiters quickly', () => {
    const started = Date.now();
    parseMarkdown('>'.repeat(5000) + ' deep');
    parseMarkdown('- '.repeat(3000) + 'x');
    parseMarkdown('*a '.repeat(20000));
    parseMarkdown('`'.repeat(1) + ' `x'.repeat(20000));
    parseMarkdown('['.repeat(20000) + ']');
    parseMarkdown('_'.repeat(30000));
    parseMarkdown('**a '.repeat(10000) + '**'.repeat(10000));
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });
});
