/** TIMMsgSearchLocalMessages's parameter and result (TIMMessageManager.h 8.3-8.5). */
import type { TIMConvType, TIMElemType, TIMKeywordListMatchType } from '../enums';
import type { Uint64 } from '../json';
import type { TimMessage } from './message';

/** 8.3 MessageSearchParam. */
export interface TimMsgSearchParam {
  readonly msg_search_param_keyword_array: readonly string[];
  readonly msg_search_param_message_type_array?: readonly TIMElemType[];
  /** Omitted: search every conversation (the result groups messages per conversation). */
  readonly msg_search_param_conv_id?: string;
  readonly msg_search_param_conv_type?: TIMConvType;
  /** Seconds; 0: now. */
  readonly msg_search_param_search_time_position?: Uint64;
  /** Seconds before the position; 0: no limit. */
  readonly msg_search_param_search_time_period?: Uint64;
  readonly msg_search_param_page_index?: number;
  readonly msg_search_param_page_size?: number;
  readonly msg_search_param_keyword_list_match_type?: TIMKeywordListMatchType;
  readonly msg_search_param_send_identifier_array?: readonly string[];
  readonly msg_search_param_search_count?: number;
  readonly msg_search_param_search_cursor?: string;
}

/** 8.4 MessageSearchResultItem: the matches of one conversation. */
export interface TimMsgSearchResultItem {
  readonly msg_search_result_item_conv_id: string;
  readonly msg_search_result_item_conv_type: TIMConvType;
  readonly msg_search_result_item_total_message_count: number;
  readonly msg_search_result_item_message_array: readonly TimMessage[];
}

/** 8.5 MessageSearchResult. */
export interface TimMsgSearchResult {
  readonly msg_search_result_total_count: number;
  readonly msg_search_result_item_array: readonly TimMsgSearchResultItem[];
  readonly msg_search_result_search_cursor?: string;
}
