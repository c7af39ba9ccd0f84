/**
 * What a shared code snippet's card does in the chat panel: each button becomes a `snippet/*` request to
 * the host. Status answers are cached per snippet, because rows are rebuilt whenever they scroll back
 * into view; `snippet/filesChanged` empties the cache and asks again for the cards on screen.
 */
import type { SnippetStatus, SnippetView } from '../shared/chatModel';
import type { HostChannel } from './hostChannel';
import { refreshSnippetCards, type SnippetCardActions } from './snippet/snippetCard';

const STATUS_CACHE_LIMIT = 200;

export function createSnippetActions(channel: HostChannel, root: ParentNode): SnippetCardActions {
  const statuses = new Map<string, Promise<SnippetStatus>>();
  const keyOf = (snippet: SnippetView): string => JSON.stringify([snippet.path, snippet.startLine, snippet.endLine, snippet.gitCommit ?? '', snippet.code]);
  channel.on('snippet/filesChanged', () => {
    statuses.clear();
    refreshSnippetCards(root);
  });
  return {
    open: (snippet) => channel.request('snippet/open', { snippet }),
    copy: (snippet) => channel.request('snippet/copy', { snippet }),
    insert: (snippet) => channel.request('snippet/insert', { snippet }),
    diff: (snippet) => channel.request('snippet/diff', { snippet }),
    status(snippet) {
      const key = keyOf(snippet);
      let status = statuses.get(key);
      if (!status) {
        status = channel.request('snippet/status', { snippet });
        // A failed answer is not kept: the next mount asks again.
        status.catch(() => statuses.delete(key));
        if (statuses.size >= STATUS_CACHE_LIMIT) {
          const oldest = statuses.keys().next();
          if (!oldest.done) {
            statuses.delete(oldest.value);
          }
        }
        statuses.set(key, status);
      }
      return status;
    },
  };
}
