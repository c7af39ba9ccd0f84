/**
 * Keyboard decisions, kept pure: what a key does in the composer, and where the arrow keys move the
 * focus in the message list (roving tabindex).
 */

export interface KeyLike {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
  readonly isComposing: boolean;
}

/** Enter sends; Shift+Enter (and anything while an IME composes) is left to the textarea. */
export function composerKeyAction(event: KeyLike): 'send' | 'none' {
  if (event.key !== 'Enter' || event.isComposing || event.shiftKey || event.altKey) {
    return 'none';
  }
  return 'send';
}

export type ListKeyAction = { readonly kind: 'move'; readonly index: number } | { readonly kind: 'open' } | { readonly kind: 'composer' } | { readonly kind: 'none' };

/** The list's arrow, Home/End, Page and Enter/Escape keys, given the focused row and how many rows a page holds. */
export function listKeyAction(key: string, current: number, count: number, pageRows: number): ListKeyAction {
  if (count === 0) {
    return key === 'Escape' ? { kind: 'composer' } : { kind: 'none' };
  }
  const clamp = (i: number): number => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case 'ArrowUp':
      return { kind: 'move', index: clamp(current - 1) };
    case 'ArrowDown':
      return { kind: 'move', index: clamp(current + 1) };
    case 'PageUp':
      return { kind: 'move', index: clamp(current - Math.max(1, pageRows)) };
    case 'PageDown':
      return { kind: 'move', index: clamp(current + Math.max(1, pageRows)) };
    case 'Home':
      return { kind: 'move', index: 0 };
    case 'End':
      return { kind: 'move', index: count - 1 };
    case 'Enter':
    case ' ':
    case 'ContextMenu':
      return { kind: 'open' };
    case 'Escape':
      return { kind: 'composer' };
    default:
      return { kind: 'none' };
  }
}

/** Whether a key press types a character (no command modifier), so it belongs in the composer. */
export function isTypingKey(event: Pick<KeyLike, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>): boolean {
  return [...event.key].length === 1 && event.key !== ' ' && !event.ctrlKey && !event.altKey && !event.metaKey;
}
