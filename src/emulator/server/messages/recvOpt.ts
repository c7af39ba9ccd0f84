/**
 * Receive options: TIMMsgSetC2CReceiveMessageOpt (at most 30 users, 5 calls a second),
 * TIMMsgGetC2CReceiveMessageOpt and TIMMsgSetGroupReceiveMessageOpt. delivery.ts and conversations.ts
 * honour them.
 */
import { stringifyTimJson } from '../../../tim/json';
import { invalidParam, syncParamError } from '../apiError';
import { stringArray } from '../args';
import { type Handler, requireLogin } from '../context';
import { C2C, GROUP } from '../messageModel';

export const C2C_OPT_MAX_USERS = 30;

function checkOpt(opt: number): void {
  if (opt < 0 || opt > 3) {
    throw syncParamError('opt must be a TIMReceiveMessageOpt (0..3)');
  }
}

const setC2C: Handler = async (ctx, args) => {
  const users = stringArray(args.jsonArray(0), 'json_identifier_array');
  const opt = args.int(1);
  checkOpt(opt);
  const { userId } = requireLogin(ctx);
  if (users.length === 0 || users.length > C2C_OPT_MAX_USERS) {
    throw invalidParam(`between 1 and ${C2C_OPT_MAX_USERS} users per call`);
  }
  ctx.emu.limiter.check(userId, 'TIMMsgSetC2CReceiveMessageOpt', 5, 1000);
  await ctx.emu.queue.enqueue(() => {
    const upsert = ctx.emu.db.prepare('INSERT INTO c2c_opts(user_id, peer, opt) VALUES (?, ?, ?) ON CONFLICT(user_id, peer) DO UPDATE SET opt = excluded.opt');
    for (const peer of users) {
      upsert.run(userId, peer, opt);
      ctx.emu.delivery.setC2COpt(userId, peer, opt);
      if (ctx.emu.convs.row(userId, C2C, peer) !== undefined) {
        ctx.emu.hub.touchConversation(userId, C2C, peer);
      }
    }
  });
  return {};
};

const getC2C: Handler = async (ctx, args) => {
  const users = stringArray(args.jsonArray(0), 'json_identifier_array');
  const { userId } = requireLogin(ctx);
  if (users.length === 0) {
    throw invalidParam('at least one user');
  }
  const result = await ctx.emu.queue.enqueue(() =>
    users.map((peer) => ({ msg_recv_msg_opt_result_identifier: peer, msg_recv_msg_opt_result_opt: ctx.emu.convs.recvOpt(userId, C2C, peer) })),
  );
  return { json: stringifyTimJson(result) };
};

const setGroup: Handler = async (ctx, args) => {
  const groupId = args.str(0);
  const opt = args.int(1);
  checkOpt(opt);
  if (groupId.length === 0) {
    throw syncParamError('group_id is required');
  }
  const { userId } = requireLogin(ctx);
  await ctx.emu.queue.enqueue(() => {
    ctx.emu.access.requireMember(groupId, userId);
    ctx.emu.db.prepare('UPDATE members SET recv_opt = ? WHERE group_id = ? AND user_id = ?').run(opt, groupId, userId);
    if (ctx.emu.convs.row(userId, GROUP, groupId) !== undefined) {
      ctx.emu.hub.touchConversation(userId, GROUP, groupId);
    }
  });
  return {};
};

export const recvOptHandlers: Record<string, Handler> = {
  TIMMsgSetC2CReceiveMessageOpt: setC2C,
  TIMMsgGetC2CReceiveMessageOpt: getC2C,
  TIMMsgSetGroupReceiveMessageOpt: setGroup,
};
