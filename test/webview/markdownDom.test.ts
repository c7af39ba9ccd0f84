/**
 * The Markdown renderer through a fake DomBuilder: fixed elements for each node, message text only in
 * text nodes, links carrying their checked target, and hostile input producing no element it should not.
 */
import * as assert from 'node:assert/strict';
import type { DomBuilder } from '../../src/webview/domBuilder';
import { parseMarkdown } from '../../src/webview/markdownBlocks';
import { collectLinks, renderBlocks } from '../../src/webview/markdownDom';

interface FakeNode {
  tag: string;
  className?: string;
  text?: string;
  attributes: Record<string, string>;
  children: FakeNode[];
}

const fake: DomBuilder<FakeNode> = {
  element: (tag, className) => ({ tag, className, attributes: {}, children: [] }),
  text: (value) => ({ tag: '#text', text: value, attributes: {}, children: [] }),
  append: (parent, ...children) => void parent.children.push(...children),
  attribute: (node, name, value) => void (node.attributes[name] = value),
};

function render(source: string): FakeNode {
  const root = fake.element('div');
  renderBlocks(fake, parseMarkdown(source), root);
  return root;
}

function tags(node: FakeNode): string[] {
  return [node.tag, ...node.children.flatMap(tags)];
}

function serialize(node: FakeNode): string {
  if (node.tag === '#text') {
    return node.text ?? '';
  }
  const attributes = Object.entries(node.attributes).map(([k, v]) => ` ${k}="${v}"`).join('');
  return `<${node.tag}${attributes}>${node.children.map(serialize).join('')}</${node.tag}>`;
}

describe('markdown rendering', () => {
  it('maps each node to a fixed element', () => {
    const root = render('**b** *i* `c` ~~s~~\n\n> q\n\n1. x\n2. y\n\n```js\nlet a;\n```');
    assert.equal(
      serialize(root),
      '<div><p><strong>b</strong> <em>i</em> <code>c</code> <s>s</s></p><blockquote><p>q</p></blockquote><ol><li><p>x</p></li><li><p>y</p></li></ol><pre data-language="js"><code><span>let</span> a;</code></pre></div>',
    );
  });

  it('highlights a fenced block whose fence names a known language, and keeps its text exactly', () => {
    const source = 'export function parse(text: string): number {\n  return Number.parseInt(text, 10); // base 10\n}';
    const code = render(`\`\`\`ts\n${source}\n\`\`\``).children[0].children[0];
    assert.equal(code.className, 'md-code-block');
    assert.equal(code.children.map(serialize).join('').replace(/<\/?span>/g, ''), source);
    const classOf = (text: string): string | undefined => code.children.find((c) => c.tag === 'span' && c.children[0]?.text === text)?.className;
    assert.equal(classOf('export'), 'tok tok-keyword');
    assert.equal(classOf('10'), 'tok tok-number');
    assert.equal(classOf('// base 10'), 'tok tok-comment');
    assert.ok(code.children.every((c) => c.tag === '#text' || (c.tag === 'span' && c.children.length === 1 && c.children[0].tag === '#text')));
    // No language, or one the highlighter does not know: the code as one text node.
    for (const fence of ['```', '```brainfuck']) {
      const plain = render(`${fence}\nexport const a = 1;\n\`\`\``).children[0].children[0];
      assert.deepEqual(plain.children, [{ tag: '#text', text: 'export const a = 1;', attributes: {}, children: [] }]);
    }
  });

  it('renders links with their real target as title, out of the Tab order', () => {
    const root = render('[docs](https://example.com/x?a=1)');
    const link = root.children[0].children[0];
    assert.equal(link.tag, 'a');
    assert.deepEqual(link.attributes, { href: 'https://example.com/x?a=1', 'data-href': 'https://example.com/x?a=1', title: 'https://example.com/x?a=1', tabindex: '-1' });
    assert.deepEqual(collectLinks(parseMarkdown('[a](https://a.com) and **https://b.com** and [a](https://a.com)')), ['https://a.com/', 'https://b.com/']);
  });

  it('renders HTML and script payloads as text only', () => {
    const payloads = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[x](javascript:alert(1))',
      '<a href="javascript:alert(1)">x</a>',
      '<iframe srcdoc="<script>alert(1)</script>">',
      '**<b onclick=alert(1)>bold</b>**',
      '```\n</code><script>alert(1)</script>\n```',
      '```ts\nconst x = "</span><script>alert(1)</script>"; // <img src=x onerror=alert(1)>\n```',
    ];
    const allowed = new Set(['div', 'p', '#text', 'strong', 'em', 'code', 'pre', 's', 'br', 'a', 'ul', 'ol', 'li', 'blockquote', 'span']);
    for (const payload of payloads) {
      const root = render(payload);
      for (const tag of tags(root)) {
        assert.ok(allowed.has(tag), `${payload} produced <${tag}>`);
      }
      assert.ok(!tags(root).includes('a'), `${payload} produced a link`);
      const attributeNames = JSON.stringify(root).match(/"(on\w+|src|srcdoc|style)":/g);
      assert.equal(attributeNames, null, payload);
    }
  });

  it('shows shortcodes as emoji in text, never in code', () => {
    assert.equal(serialize(render('done :tada: `:tada:`\n\n```\n:tada:\n```')), '<div><p>done 🎉 <code>:tada:</code></p><pre><code>:tada:</code></pre></div>');
  });
});
