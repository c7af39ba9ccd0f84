/**
 * The snippet card through a small fake DOM: message data only in text nodes and attribute values
 * (hostile paths and code stay text), highlighted lines numbered from the sent start line, the badge
 * following the host's status, refresh, and the buttons calling their actions.
 */
import * as assert from 'node:assert/strict';
import Module from 'node:module';
import type { SnippetStatus, SnippetView } from '../../../src/shared/chatModel';

// The card imports its stylesheet for the bundler; plain Node has nothing to load.
(Module as unknown as { _extensions: Record<string, (m: unknown) => void> })._extensions['.css'] = () => undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { refreshSnippetCards, renderSnippetCard, setSnippetStatus } = require('../../../src/webview/snippet/snippetCard') as typeof import('../../../src/webview/snippet/snippetCard');

class FakeNode {
  readonly children: FakeNode[] = [];
  readonly attributes: Record<string, string> = {};
  readonly listeners: Record<string, Array<(e: { stopPropagation(): void }) => void>> = {};
  className = '';
  title = '';
  type = '';
  tabIndex = 0;
  private ownText: string | undefined;

  constructor(readonly tag: string, text?: string) {
    this.ownText = text;
  }
  get textContent(): string {
    return this.ownText ?? this.children.map((c) => c.textContent).join('');
  }
  set textContent(value: string) {
    this.children.length = 0;
    this.ownText = this.tag === '#text' ? value : undefined;
    if (this.tag !== '#text' && value) {
      this.children.push(new FakeNode('#text', value));
    }
  }
  setAttribute(name: string, value: string): void {
    this.attributes[name] = value;
  }
  getAttribute(name: string): string | null {
    return this.attributes[name] ?? null;
  }
  append(...nodes: FakeNode[]): void {
    this.children.push(...nodes);
  }
  addEventListener(type: string, listener: (e: { stopPropagation(): void }) => void): void {
    (this.listeners[type] ??= []).push(listener);
  }
  click(): void {
    for (const l of this.listeners.click ?? []) {
      l({ stopPropagation: () => undefined });
    }
  }
  all(): FakeNode[] {
    return [this, ...this.children.flatMap((c) => c.all())];
  }
  find(className: string): FakeNode[] {
    return this.all().filter((n) => n.className.split(' ').includes(className));
  }
  querySelectorAll(selector: string): FakeNode[] {
    return this.find(selector.replace(/^\./, ''));
  }
}

const fakeDocument = {
  createElement: (tag: string) => new FakeNode(tag),
  createTextNode: (text: string) => new FakeNode('#text', text),
} as unknown as Document;

const hostile: SnippetView = {
  path: 'src/<img src=x onerror=alert(1)>.ts',
  languageId: 'typescript',
  startLine: 41,
  endLine: 43,
  gitRemote: 'https://github.com/acme/app.git',
  gitCommit: 'c'.repeat(40),
  code: 'const a = "<script>alert(1)</script>";\n// </pre><b>x</b>\nreturn a;',
};

function render(actions: Partial<Parameters<typeof renderSnippetCard>[1]> = {}, snippet = hostile, maxLines?: number): FakeNode {
  const noop = async (): Promise<void> => undefined;
  return renderSnippetCard(snippet, { open: noop, copy: noop, insert: noop, diff: noop, ...actions }, { document: fakeDocument, maxLines }) as unknown as FakeNode;
}

describe('snippet card', () => {
  it('renders path, lines and highlighted, numbered code as text only', () => {
    const card = render();
    assert.equal(card.find('snippet-path')[0].textContent, hostile.path);
    assert.equal(card.find('snippet-lines')[0].textContent, 'lines 41–43');
    const lines = card.find('snippet-line');
    assert.equal(lines.length, 3);
    assert.deepEqual(card.find('snippet-ln').map((n) => n.textContent), ['41', '42', '43']);
    assert.equal(lines.map((l) => l.children.slice(1).map((c) => c.textContent).join('')).join(''), hostile.code.replace(/\n/g, '\n'));
    assert.equal(card.find('tok-string')[0].textContent, '"<script>alert(1)</script>"');
    assert.equal(card.find('tok-comment')[0].textContent, '// </pre><b>x</b>');
    // Only fixed tags: message data never becomes an element.
    const tags = new Set(card.all().map((n) => n.tag));
    assert.deepEqual([...tags].sort(), ['#text', 'button', 'code', 'div', 'pre', 'span']);
    assert.match(card.find('snippet-path')[0].title, /github\.com\/acme\/app\.git at cccccccccccc/);
    assert.equal(card.attributes.role, 'group');
  });

  it('shows a note instead of lines past the limit', () => {
    const card = render({}, { ...hostile, code: Array.from({ length: 10 }, (_, i) => `l${i}`).join('\n'), endLine: 50 }, 4);
    assert.equal(card.find('snippet-line').length, 4);
    assert.match(card.find('snippet-more')[0].textContent, /6 more lines/);
  });

  it('asks for the status, shows it, and asks again on refresh', async () => {
    const answers: SnippetStatus[] = [
      { staleness: 'same', startLine: 41, endLine: 43, localPath: 'src/x.ts' },
      { staleness: 'changed', startLine: 41, endLine: 43, localPath: 'src/x.ts' },
    ];
    let asked = 0;
    const card = render({ status: async () => answers[asked++] ?? answers[1] });
    const badge = (): FakeNode => card.find('snippet-badge')[0];
    assert.equal(badge().textContent, 'Checking…');
    await new Promise((r) => setImmediate(r));
    assert.equal(badge().textContent, 'Same as yours');
    assert.equal(card.attributes['data-staleness'], 'same');
    const root = new FakeNode('div');
    root.append(card);
    refreshSnippetCards(root as unknown as ParentNode);
    await new Promise((r) => setImmediate(r));
    assert.equal(badge().textContent, 'Changed in your copy');
    assert.match(badge().className, /snippet-badge-changed/);
    setSnippetStatus(card as unknown as Element, { staleness: 'same', startLine: 50, endLine: 52, localPath: 'x' });
    assert.equal(badge().textContent, 'Same as yours, now at lines 50–52');
    setSnippetStatus(card as unknown as Element, { staleness: 'missing', startLine: 41, endLine: 43, localPath: '' });
    assert.equal(badge().textContent, 'Not in your workspace');
  });

  it('calls each action with the snippet and reports results', async () => {
    const calls: string[] = [];
    const card = render({
      open: async (s) => void calls.push(`open ${s.startLine}`),
      copy: async () => void calls.push('copy'),
      insert: async () => {
        throw new Error('no editor');
      },
      diff: async () => void calls.push('diff'),
    });
    const buttons = card.all().filter((n) => n.tag === 'button');
    assert.deepEqual(buttons.map((b) => b.textContent), ['Open at This Line', 'Copy', 'Insert at Cursor', 'Show Diff']);
    for (const b of buttons) {
      b.click();
    }
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(calls, ['open 41', 'copy', 'diff']);
    assert.equal(card.find('snippet-feedback')[0].textContent, 'Insert at Cursor failed: no editor');
  });
});
