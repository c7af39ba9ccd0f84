/**
 * Turns the safe Markdown tree into DOM through a DomBuilder: each node becomes one fixed element, text
 * goes in text nodes only, and links keep their checked target in `href`, `title` and `data-href` (the
 * page opens them through the host's `chat/openLink`, never by navigating).
 */
import { showShortcodes } from '../shared/emojiShortcodes';
import type { DomBuilder } from './domBuilder';
import type { MdBlock, MdInline } from './markdownTypes';
import { tokenize } from './snippet/highlighter';

export function renderBlocks<N>(builder: DomBuilder<N>, blocks: readonly MdBlock[], parent: N): void {
  for (const block of blocks) {
    builder.append(parent, renderBlock(builder, block));
  }
}

function renderBlock<N>(b: DomBuilder<N>, block: MdBlock): N {
  switch (block.type) {
    case 'paragraph': {
      const p = b.element('p', 'md-p');
      renderInlines(b, block.children, p);
      return p;
    }
    case 'codeBlock': {
      const pre = b.element('pre', 'md-pre');
      const code = b.element('code', 'md-code-block');
      if (block.language) {
        b.attribute(pre, 'data-language', block.language);
      }
      renderCode(b, block.text, block.language, code);
      b.append(pre, code);
      return pre;
    }
    case 'list': {
      const list = b.element(block.ordered ? 'ol' : 'ul', 'md-list');
      if (block.ordered && block.start !== 1) {
        b.attribute(list, 'start', String(block.start));
      }
      for (const item of block.items) {
        const li = b.element('li');
        renderBlocks(b, item, li);
        b.append(list, li);
      }
      return list;
    }
    case 'quote': {
      const quote = b.element('blockquote', 'md-quote');
      renderBlocks(b, block.children, quote);
      return quote;
    }
  }
}

/**
 * A fenced block's code: highlighted as shared snippets are (the same tokenizer and token colours) when
 * its fence names a language the highlighter knows (```ts, ```python); otherwise the tokenizer gives
 * the whole code as one text token, so one text node.
 */
function renderCode<N>(b: DomBuilder<N>, text: string, language: string, code: N): void {
  for (const token of tokenize(text, language)) {
    if (token.type === 'text') {
      b.append(code, b.text(token.text));
    } else {
      const span = b.element('span', `tok tok-${token.type}`);
      b.append(span, b.text(token.text));
      b.append(code, span);
    }
  }
}

export function renderInlines<N>(b: DomBuilder<N>, inlines: readonly MdInline[], parent: N): void {
  for (const inline of inlines) {
    b.append(parent, renderInline(b, inline));
  }
}

function renderInline<N>(b: DomBuilder<N>, inline: MdInline): N {
  switch (inline.type) {
    case 'text':
      // Outside code only: in a code span or block a colon is the code's own.
      return b.text(showShortcodes(inline.text));
    case 'br':
      return b.element('br');
    case 'code': {
      const code = b.element('code', 'md-code');
      b.append(code, b.text(inline.text));
      return code;
    }
    case 'strong':
    case 'em': {
      const node = b.element(inline.type);
      renderInlines(b, inline.children, node);
      return node;
    }
    case 'strike': {
      const node = b.element('s');
      renderInlines(b, inline.children, node);
      return node;
    }
    case 'link': {
      const a = b.element('a', 'md-link');
      b.attribute(a, 'href', inline.href);
      b.attribute(a, 'data-href', inline.href);
      b.attribute(a, 'title', inline.href);
      // Not a Tab stop of its own: the list is one Tab stop, and the message's actions offer its links.
      b.attribute(a, 'tabindex', '-1');
      renderInlines(b, inline.children, a);
      return a;
    }
  }
}

/** The links of a message in order, for the keyboard actions menu. */
export function collectLinks(blocks: readonly MdBlock[]): string[] {
  const links: string[] = [];
  const visitInlines = (inlines: readonly MdInline[]): void => {
    for (const inline of inlines) {
      if (inline.type === 'link') {
        links.push(inline.href);
      } else if (inline.type === 'strong' || inline.type === 'em' || inline.type === 'strike') {
        visitInlines(inline.children);
      }
    }
  };
  const visitBlocks = (list: readonly MdBlock[]): void => {
    for (const block of list) {
      if (block.type === 'paragraph') {
        visitInlines(block.children);
      } else if (block.type === 'list') {
        block.items.forEach(visitBlocks);
      } else if (block.type === 'quote') {
        visitBlocks(block.children);
      }
    }
  };
  visitBlocks(blocks);
  return [...new Set(links)];
}
