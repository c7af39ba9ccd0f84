/**
 * The node tree the safe Markdown parser produces. It has no node for raw HTML: whatever looks like HTML
 * in a message stays text, and a link carries a URL already checked by `safeLinkTarget`.
 */

export type MdInline =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'strong'; readonly children: readonly MdInline[] }
  | { readonly type: 'em'; readonly children: readonly MdInline[] }
  | { readonly type: 'strike'; readonly children: readonly MdInline[] }
  | { readonly type: 'code'; readonly text: string }
  | { readonly type: 'link'; readonly href: string; readonly children: readonly MdInline[] }
  | { readonly type: 'br' };

export type MdBlock =
  | { readonly type: 'paragraph'; readonly children: readonly MdInline[] }
  | { readonly type: 'codeBlock'; readonly language: string; readonly text: string }
  | { readonly type: 'list'; readonly ordered: boolean; readonly start: number; readonly items: ReadonlyArray<readonly MdBlock[]> }
  | { readonly type: 'quote'; readonly children: readonly MdBlock[] };
