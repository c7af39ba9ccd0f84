/**
 * A message search as the user types it, turned into TIMMsgSearchLocalMessages's parameter: words are
 * all required (AND) unless joined by `OR`; quoted phrases stay one keyword; TIM takes at most five
 * keywords; `from:bob` (any number of them) keeps the messages those users sent, with or without
 * keywords (TIM's sender list). Pure: unit-tested.
 */
import { TIMKeywordListMatchType, type TIMConvType, type TIMElemType } from '../../tim/enums';
import type { TimMsgSearchParam } from '../../tim/types/search';

export const MAX_KEYWORDS = 5;

export interface SearchQuery {
  readonly keywords: readonly string[];
  /** User IDs whose messages alone count (`from:`); empty: anyone's. */
  readonly senders: readonly string[];
  readonly match: 'all' | 'any';
  /** Empty: every type. */
  readonly types: readonly TIMElemType[];
  /** Seconds back from now; 0: any time. */
  readonly periodSeconds: number;
}

/** A `from:` token's user ID ('' for a bare `from:`); undefined for any other token. */
function senderOf(token: string): string | undefined {
  return /^from:/i.test(token) ? token.slice(5) : undefined;
}

/**
 * Parses `a b "c d"` (all) or `a OR b` (any), each with `from:<user ID>` tokens. Returns an error key when
 * it cannot be used: no keyword and no sender, more than five keywords, AND and OR mixed.
 */
export function parseKeywords(input: string): { keywords: string[]; match: 'all' | 'any'; senders: string[] } | { error: 'empty' | 'tooMany' | 'mixed' } {
  const tokens = [...input.matchAll(/"([^"]+)"|(\S+)/g)].map((m) => (m[1] ?? m[2]).trim()).filter(Boolean);
  const senders = [...new Set(tokens.map(senderOf).filter((id): id is string => id !== undefined && id.length > 0))];
  const terms = tokens.filter((t) => senderOf(t) === undefined);
  const ors = terms.filter((t) => t === 'OR').length;
  const words = terms.filter((t) => t !== 'OR');
  if (words.length === 0 && senders.length === 0) {
    return { error: 'empty' };
  }
  if (words.length > MAX_KEYWORDS) {
    return { error: 'tooMany' };
  }
  if (ors > 0 && ors !== words.length - 1) {
    // "a b OR c" mixes AND and OR: TIM searches with one match type.
    return { error: 'mixed' };
  }
  return { keywords: [...new Set(words)], match: ors > 0 ? 'any' : 'all', senders };
}

export function searchParam(query: SearchQuery, conversation?: { id: string; type: TIMConvType }, page?: { index: number; size: number }): TimMsgSearchParam {
  return {
    msg_search_param_keyword_array: query.keywords,
    msg_search_param_keyword_list_match_type: query.match === 'any' ? TIMKeywordListMatchType.Or : TIMKeywordListMatchType.And,
    ...(query.types.length ? { msg_search_param_message_type_array: query.types } : {}),
    ...(query.senders.length ? { msg_search_param_send_identifier_array: query.senders } : {}),
    ...(query.periodSeconds > 0 ? { msg_search_param_search_time_position: 0, msg_search_param_search_time_period: query.periodSeconds } : {}),
    ...(conversation ? { msg_search_param_conv_id: conversation.id, msg_search_param_conv_type: conversation.type } : {}),
    msg_search_param_page_index: page?.index ?? 0,
    msg_search_param_page_size: page?.size ?? 0,
  };
}
