/**
 * What messageView.ts calls to show snippets: a custom element's view with the validated snippet
 * attached, and a message's element views without the fallback code text (the card shows the code).
 * Pure (no vscode).
 */
import type { ChatElementView } from '../../shared/chatModel';
import { TIMElemType } from '../../tim/enums';
import type { TimCustomElem, TimElem } from '../../tim/types/elements';
import type { Translate } from '../chat/translate';
import { commentOfFallback, parseSnippetData, snippetHeader, snippetOfElement } from './snippetFormat';

/** The view of a custom element: `snippet` is set when it is a valid TIM Chat code snippet. */
export function snippetElementView(elem: Pick<TimCustomElem, 'custom_elem_data' | 'custom_elem_desc' | 'custom_elem_ext'>): Extract<ChatElementView, { kind: 'custom' }> {
  const data = String(elem.custom_elem_data ?? '');
  const base = { kind: 'custom' as const, data, description: String(elem.custom_elem_desc ?? ''), extension: String(elem.custom_elem_ext ?? '') };
  const snippet = parseSnippetData(data);
  return snippet ? { ...base, snippet } : base;
}

/**
 * Replaces a text element that is the fallback of a snippet in the same message by the sender's
 * comment alone (or drops it when there was none). Other elements are kept as they are.
 */
export function withoutSnippetFallback(elements: readonly ChatElementView[]): ChatElementView[] {
  const snippets = elements.flatMap((e) => (e.kind === 'custom' && e.snippet ? [e.snippet] : []));
  if (!snippets.length) {
    return [...elements];
  }
  return elements.flatMap((element): ChatElementView[] => {
    if (element.kind !== 'text') {
      return [element];
    }
    for (const snippet of snippets) {
      const comment = commentOfFallback(element.text, snippet);
      if (comment !== undefined) {
        return comment ? [{ kind: 'text', text: comment }] : [];
      }
    }
    return [element];
  });
}

/**
 * One line for the conversation list and notifications when a message carries a snippet: the comment
 * and "[Code] path:lines", instead of the fenced code. Undefined when the message has no snippet.
 */
export function snippetPreviewText(elements: readonly TimElem[], t: Translate): string | undefined {
  const snippetElem = elements.find((e) => snippetOfElement(e) !== undefined);
  const snippet = snippetElem ? snippetOfElement(snippetElem) : undefined;
  if (!snippet) {
    return undefined;
  }
  const comments = elements.flatMap((e) => (e.elem_type === TIMElemType.Text ? [commentOfFallback(String(e.text_elem_content ?? ''), snippet) ?? String(e.text_elem_content ?? '')] : []));
  const code = t('[Code] {0}', snippetHeader(snippet));
  return [...comments.filter(Boolean), code].join(' ').replace(/\s+/g, ' ').trim().slice(0, 200);
}
