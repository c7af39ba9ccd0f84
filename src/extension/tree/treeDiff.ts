/**
 * What a conversation-store change means for the tree. VS Code re-renders every row on a refresh, and
 * a click that lands during a re-render is lost (the row's command goes with the render it belonged
 * to; seen in the workbench tests), so a change that alters nothing the tree shows must not refresh
 * it, and only the badges that changed are re-decorated. Pure, so it is unit-tested without VS Code.
 */
import type { ConversationSummary } from '../conversations/conversationSummary';

export interface TreeDiff {
  /** Whether any row's content or the order of rows changed. */
  readonly rows: boolean;
  /** Keys whose unread badge (count or colour) changed, appeared or went away. */
  readonly badges: readonly string[];
}

/** Everything getTreeItem renders of a summary (the receive option: the icon and the context menu). */
function rowSignature(s: ConversationSummary): string {
  return JSON.stringify([s.name, s.preview, s.lastTime, s.unread, s.pinned, s.muted, s.receiveOpt, s.mentioned, s.draft, s.ref.type, s.markedUnread, s.starred]);
}

/** Everything provideFileDecoration renders of a summary: the unread count, or the dot of an unread mark. */
function badgeSignature(s: ConversationSummary | undefined): string {
  if (!s || (s.unread === 0 && !s.markedUnread)) {
    return '';
  }
  return `${s.unread > 0 ? s.unread : 'marked'}:${s.muted}`;
}

/** Compares two sorted lists as ConversationStore.list() returns them. */
export function diffTree(previous: readonly ConversationSummary[], next: readonly ConversationSummary[]): TreeDiff {
  let rows = previous.length !== next.length;
  for (let i = 0; !rows && i < next.length; i++) {
    rows = previous[i].key !== next[i].key || rowSignature(previous[i]) !== rowSignature(next[i]);
  }
  const before = new Map(previous.map((s) => [s.key, s]));
  const after = new Map(next.map((s) => [s.key, s]));
  const badges: string[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    if (badgeSignature(before.get(key)) !== badgeSignature(after.get(key))) {
      badges.push(key);
    }
  }
  return { rows, badges };
}
