/**
 * "Search Messages…" (every conversation) and "Search in This Conversation": keywords (all, or any with
 * OR) and senders (from:), a time range and message types, then the matches in a quick pick (sender, time, snippet,
 * conversation); the chosen one opens its conversation at that message.
 */
import * as vscode from 'vscode';
import { TIMConvType, TIMElemType } from '../../tim/enums';
import type { TimClient } from '../../tim/client';
import type { TimMessage } from '../../tim/types/message';
import { previewText } from '../chat/messageView';
import { conversationKey, type ConversationRef } from '../conversations/conversationKey';
import type { ConversationStore } from '../conversations/conversationStore';
import { showInfo } from '../notify';
import type { ChatPanel, ChatPanels } from '../panels/chatPanel';
import { inertIcons } from '../pickText';
import { openAtMessage } from './openAtMessage';
import { parseKeywords, searchParam, type SearchQuery } from './searchQuery';

/** Conversations searched one by one after the all-conversation pass; results per conversation. */
const MAX_CONVERSATIONS = 30;
const MAX_PER_CONVERSATION = 100;

export interface SearchResultItem extends vscode.QuickPickItem {
  readonly message: TimMessage;
}

function keywordProblem(value: string): string | undefined {
  const parsed = parseKeywords(value);
  if (!('error' in parsed)) {
    return undefined;
  }
  switch (parsed.error) {
    case 'empty':
      return vscode.l10n.t('Enter at least one keyword or from:<user ID>');
    case 'tooMany':
      return vscode.l10n.t('Search with at most 5 keywords');
    default:
      return vscode.l10n.t('Use either spaces (all words) or OR (any word), not both');
  }
}

/** Asks for the query; undefined when the user cancels. */
export async function askQuery(title: string): Promise<SearchQuery | undefined> {
  const input = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Keywords: all must match; join them with OR to match any. "Quoted words" stay together. from:bob keeps what bob sent.'),
    placeHolder: vscode.l10n.t('e.g. release notes, 发布 OR release, or from:bob deploy'),
    validateInput: keywordProblem,
  });
  if (input === undefined) {
    return undefined;
  }
  const parsed = parseKeywords(input);
  if ('error' in parsed) {
    throw new Error(keywordProblem(input));
  }
  const day = 24 * 3600;
  const time = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Any Time'), seconds: 0 },
      { label: vscode.l10n.t('Past 24 Hours'), seconds: day },
      { label: vscode.l10n.t('Past 7 Days'), seconds: 7 * day },
      { label: vscode.l10n.t('Past 30 Days'), seconds: 30 * day },
      { label: vscode.l10n.t('Past Year'), seconds: 365 * day },
    ],
    { title, placeHolder: vscode.l10n.t('When was it sent?') },
  );
  if (!time) {
    return undefined;
  }
  const types = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Text'), type: TIMElemType.Text },
      { label: vscode.l10n.t('Files'), type: TIMElemType.File },
      { label: vscode.l10n.t('Images'), type: TIMElemType.Image },
      { label: vscode.l10n.t('Code Snippets and Custom Messages'), type: TIMElemType.Custom },
      { label: vscode.l10n.t('Chat Histories (Merged Messages)'), type: TIMElemType.Merge },
      { label: vscode.l10n.t('Locations'), type: TIMElemType.Location },
    ],
    { title, canPickMany: true, placeHolder: vscode.l10n.t('Message types (choose none for all)') },
  );
  if (!types) {
    return undefined;
  }
  return { keywords: parsed.keywords, match: parsed.match, senders: parsed.senders, types: types.map((t) => t.type), periodSeconds: time.seconds };
}

/** The query as the user wrote it, for the "nothing found" message. */
function queryText(query: SearchQuery): string {
  return [query.keywords.join(query.match === 'any' ? ' OR ' : ' '), ...query.senders.map((id) => `from:${id}`)].filter(Boolean).join(' ');
}

function timeOf(message: TimMessage): number {
  return Number(message.message_server_time || message.message_client_time);
}

/** Runs the search: in one conversation, or in each conversation the all-conversation pass names. */
export async function searchMessages(client: TimClient, query: SearchQuery, conversation?: ConversationRef): Promise<TimMessage[]> {
  if (conversation) {
    const result = await client.msgSearchLocalMessages(searchParam(query, conversation, { index: 0, size: MAX_PER_CONVERSATION }));
    return result.msg_search_result_item_array.flatMap((item) => item.msg_search_result_item_message_array);
  }
  const overview = await client.msgSearchLocalMessages(searchParam(query, undefined, { index: 0, size: MAX_CONVERSATIONS }));
  const messages: TimMessage[] = [];
  for (const item of overview.msg_search_result_item_array) {
    if (item.msg_search_result_item_message_array.length >= item.msg_search_result_item_total_message_count) {
      messages.push(...item.msg_search_result_item_message_array);
      continue;
    }
    // The all-conversation answer lists a conversation's message only when it has exactly one match.
    const ref = { id: item.msg_search_result_item_conv_id, type: item.msg_search_result_item_conv_type };
    const detail = await client.msgSearchLocalMessages(searchParam(query, ref, { index: 0, size: MAX_PER_CONVERSATION }));
    messages.push(...detail.msg_search_result_item_array.flatMap((i) => i.msg_search_result_item_message_array));
  }
  return messages.sort((a, b) => timeOf(b) - timeOf(a));
}

export function resultItems(messages: readonly TimMessage[], store: ConversationStore, selfId: string): SearchResultItem[] {
  return messages.map((message) => {
    const key = conversationKey({ id: message.message_conv_id, type: message.message_conv_type === TIMConvType.Group ? TIMConvType.Group : TIMConvType.C2C });
    const sender = message.message_sender === selfId ? vscode.l10n.t('You') : message.message_sender_profile?.user_profile_nick_name || message.message_sender;
    const when = new Date(timeOf(message) * 1000).toLocaleString(vscode.env.language);
    return {
      label: inertIcons(previewText(message, { t: vscode.l10n.t, selfId, displayName: () => undefined })) || vscode.l10n.t('[Message]'),
      description: inertIcons(`${sender} · ${store.get(key)?.name ?? message.message_conv_id}`),
      detail: when,
      message,
    };
  });
}

/** The whole flow; resolves with the panel opened at the chosen result, if any. */
export async function runSearch(deps: { client: TimClient; store: ConversationStore; panels: ChatPanels; selfId: string }, conversation?: { ref: ConversationRef; name: string }): Promise<ChatPanel | undefined> {
  const title = conversation ? vscode.l10n.t('Search in {0}', conversation.name) : vscode.l10n.t('Search Messages');
  const query = await askQuery(title);
  if (!query) {
    return undefined;
  }
  const messages = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Searching messages…') }, () =>
    searchMessages(deps.client, query, conversation?.ref),
  );
  if (messages.length === 0) {
    void showInfo(vscode.l10n.t('No messages match "{0}".', queryText(query)));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(resultItems(messages, deps.store, deps.selfId), {
    title: messages.length === 1 ? vscode.l10n.t('One message found') : vscode.l10n.t('{0} messages found', messages.length),
    placeHolder: vscode.l10n.t('Choose a message to open it in its conversation'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked ? openAtMessage(deps.client, deps.panels, picked.message) : undefined;
}
