/**
 * TIMMsgSearchLocalMessages over the calling device's local store: keywords combined with OR (0) or
 * AND (1), element types, senders, one conversation or all, a time window and paging. Keywords of three
 * characters or more use the trigram FTS5 index (which finds Chinese substrings); shorter ones fall back
 * to LIKE, which a trigram index cannot serve. Results are newest first, revoked messages excluded.
 *
 * Result shape, as V2TIM documents it: with a conversation, one item holding that page of messages and
 * total_count = matching messages; without, one item per matching conversation (paged over
 * conversations), total_count = matching conversations, and an item lists its message only when it has
 * exactly one match.
 */
import { stringifyTimJson } from '../../../tim/json';
import type { ConvRef } from '../access';
import { ApiError, Err, invalidParam } from '../apiError';
import { type Handler, requireLogin, type Ctx } from '../context';
import { type JsonObject, optArray, optNumber, optString, optUint64, stringArray } from '../args';
import type { MessageRow } from '../messageModel';
import { FROM_VISIBLE, VISIBLE } from './localView';
import { visibleParams } from './history';

/** Keywords of 3+ characters are looked up in the trigram index; shorter ones with LIKE. */
function usesIndex(keyword: string): boolean {
  return [...keyword].length >= 3;
}

function keywordClause(keyword: string, index: number, params: Record<string, unknown>): string {
  const key = `kw${index}`;
  if (usesIndex(keyword)) {
    params[key] = `"${keyword.replace(/"/g, '""')}"`;
    return `m.id IN (SELECT rowid FROM fts.messages_fts WHERE messages_fts MATCH @${key})`;
  }
  params[key] = `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return `m.search_text LIKE @${key} ESCAPE '\\'`;
}

function searchConv(ctx: Ctx, userId: string, deviceId: number, conv: ConvRef, filter: { where: string[]; params: Record<string, unknown> }): MessageRow[] {
  const params = { ...visibleParams(ctx, userId, deviceId, conv, false), ...filter.params, stream: conv.stream };
  const where = ['m.stream = @stream', 'm.status <> 6', VISIBLE, ...filter.where];
  return ctx.emu.db.prepare(`SELECT m.* ${FROM_VISIBLE} WHERE ${where.join(' AND ')} ORDER BY m.server_time DESC, m.id DESC`).all(params) as MessageRow[];
}

const searchLocal: Handler = async (ctx, args) => {
  const param: JsonObject = args.jsonObject(0, true) ?? {};
  const { userId, deviceId } = requireLogin(ctx);
  const keywords = stringArray(optArray(param, 'msg_search_param_keyword_array') ?? [], 'msg_search_param_keyword_array');
  const types = optArray(param, 'msg_search_param_message_type_array') ?? [];
  const senders = stringArray(optArray(param, 'msg_search_param_send_identifier_array') ?? [], 'msg_search_param_send_identifier_array');
  if (keywords.length === 0 && types.length === 0 && senders.length === 0) {
    throw invalidParam('give keywords, message types or senders');
  }
  if (keywords.length > 5) {
    throw invalidParam('at most 5 keywords');
  }
  const matchAll = (optNumber(param, 'msg_search_param_keyword_list_match_type') ?? 0) === 1;
  const convId = optString(param, 'msg_search_param_conv_id') ?? '';
  const convType = optNumber(param, 'msg_search_param_conv_type') ?? 0;
  const position = Number(optUint64(param, 'msg_search_param_search_time_position') ?? 0n);
  const period = Number(optUint64(param, 'msg_search_param_search_time_period') ?? 0n);
  const pageIndex = optNumber(param, 'msg_search_param_page_index') ?? 0;
  const pageSize = optNumber(param, 'msg_search_param_page_size') ?? 0;
  if (!Number.isInteger(pageIndex) || pageIndex < 0 || !Number.isInteger(pageSize) || pageSize < 0) {
    throw invalidParam('page index and size must be non-negative integers');
  }
  const filter = { where: [] as string[], params: {} as Record<string, unknown> };
  if (keywords.length > 0) {
    const clauses = keywords.map((keyword, index) => keywordClause(keyword, index, filter.params));
    filter.where.push(`(${clauses.join(matchAll ? ' AND ' : ' OR ')})`);
  }
  if (types.length > 0) {
    const list = types.map((t) => {
      if (typeof t !== 'number' || !Number.isInteger(t)) {
        throw invalidParam('message types must be integers');
      }
      return t;
    });
    filter.where.push(`m.elem_type IN (${list.join(',')})`);
  }
  if (senders.length > 0) {
    senders.forEach((sender, index) => {
      filter.params[`s${index}`] = sender;
    });
    filter.where.push(`m.sender IN (${senders.map((_s, index) => `@s${index}`).join(',')})`);
  }
  const end = position > 0 ? position : ctx.emu.serverTime();
  filter.where.push('m.server_time <= @tend');
  filter.params.tend = end;
  if (period > 0) {
    filter.where.push('m.server_time >= @tstart');
    filter.params.tstart = end - period;
  }
  if (keywords.some(usesIndex)) {
    // Every message acknowledged before this call is in the index once this resolves (ftsIndexer.ts).
    await ctx.emu.fts.whenCurrent().catch((error: unknown) => {
      throw new ApiError(Err.INTERNAL_ERROR, error instanceof Error ? error.message : String(error));
    });
  }
  const result = await ctx.emu.queue.enqueue(() => {
    const page = <T>(items: T[]): T[] => (pageSize === 0 ? items : items.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize));
    const item = (conv: ConvRef, rows: MessageRow[], messages: MessageRow[]): JsonObject => ({
      msg_search_result_item_conv_id: conv.convId,
      msg_search_result_item_conv_type: conv.convType,
      msg_search_result_item_total_message_count: rows.length,
      msg_search_result_item_message_array: messages.map((row) => ctx.emu.model.view(row, userId, deviceId)),
    });
    if (convId.length > 0) {
      const conv = ctx.emu.access.conv(userId, convId, convType);
      const rows = searchConv(ctx, userId, deviceId, conv, filter);
      return { msg_search_result_total_count: rows.length, msg_search_result_item_array: rows.length === 0 ? [] : [item(conv, rows, page(rows))] };
    }
    const convs = ctx.emu.db.prepare('SELECT conv_type, conv_id, stream FROM convs WHERE user_id = ? ORDER BY active_time DESC').all(userId) as Array<{
      conv_type: number;
      conv_id: string;
      stream: string;
    }>;
    const matches: Array<{ conv: ConvRef; rows: MessageRow[] }> = [];
    for (const row of convs) {
      if (convType !== 0 && row.conv_type !== convType) {
        continue;
      }
      const conv: ConvRef = { convType: row.conv_type, convId: row.conv_id, stream: row.stream };
      if (row.conv_type === 2 && ctx.emu.access.memberRow(row.conv_id, userId) === undefined) {
        continue;
      }
      const rows = searchConv(ctx, userId, deviceId, conv, filter);
      if (rows.length > 0) {
        matches.push({ conv, rows });
      }
    }
    return {
      msg_search_result_total_count: matches.length,
      msg_search_result_item_array: page(matches).map(({ conv, rows }) => item(conv, rows, rows.length === 1 ? rows : [])),
    };
  });
  return { json: stringifyTimJson(result) };
};

export const searchHandlers: Record<string, Handler> = {
  TIMMsgSearchLocalMessages: searchLocal,
};
