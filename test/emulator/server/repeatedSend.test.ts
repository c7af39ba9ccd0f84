/**
 * A send repeated with the same client message id (after a reconnect) is found by the unique index on
 * message ids inside its commit rather than by a lookup before it: what the client must still see.
 */
import { strict as assert } from 'node:assert';
import { stringifyTimJson } from '../../../src/tim/json';
import { emulatorEnv, type TestEnv, text } from './harness';
import { RawClient } from './rawClient';

async function loggedIn(env: TestEnv, user: string): Promise<RawClient> {
  const raw = await RawClient.open(env.emulator?.url ?? '');
  const init = await raw.call('TIMInit', [env.sdkAppId, stringifyTimJson({ sdk_config_config_file_path: `/repeat/${user}` })], { sync: true });
  assert.equal(init.code, 0);
  const login = await raw.call('TIMLogin', [user, env.userSig(user)]);
  assert.equal(login.code, 0, login.desc);
  return raw;
}

const seqOf = (json: string): number => (JSON.parse(json) as { message_seq: number }).message_seq;

describe('tim-emulator repeated sends', function () {
  let env: TestEnv;
  before(async function () {
    env = await emulatorEnv();
  });
  after(async function () {
    await env.close();
  });

  it('answers a repeat with the stored message, without a gap in the conversation seqs', async function () {
    const ann = await loggedIn(env, 'rs-ann');
    await (await loggedIn(env, 'rs-ben')).close();
    const messageId = '144115000000000002-1700000000-7';
    const first = await ann.call('TIMMsgSendMessage', ['rs-ben', 1, stringifyTimJson(text('one'))], { messageId });
    const again = await ann.call('TIMMsgSendMessage', ['rs-ben', 1, stringifyTimJson(text('one'))], { messageId });
    const next = await ann.call('TIMMsgSendMessage', ['rs-ben', 1, stringifyTimJson(text('two'))]);
    assert.deepEqual([first.code, again.code, next.code], [0, 0, 0]);
    assert.equal(seqOf(again.json), seqOf(first.json));
    assert.equal(seqOf(next.json), seqOf(first.json) + 1, 'the refused insert took no seq');
    const stored = JSON.parse(again.json) as Record<string, unknown>;
    assert.equal(stored.message_is_from_self, true);
    assert.equal(stored.message_status, 2);
    assert.equal(stored.message_conv_id, 'rs-ben');
    ann.close();
  });

  it('refuses another sender\'s message id with 6017 and no message, as before the send', async function () {
    const cat = await loggedIn(env, 'rs-cat');
    const dan = await loggedIn(env, 'rs-dan');
    const messageId = '144115000000000003-1700000000-8';
    assert.equal((await cat.call('TIMMsgSendMessage', ['rs-dan', 1, stringifyTimJson(text('mine'))], { messageId })).code, 0);
    const foreign = await dan.call('TIMMsgSendMessage', ['rs-cat', 1, stringifyTimJson(text('taken'))], { messageId });
    assert.deepEqual([foreign.code, foreign.json], [6017, '']);
    cat.close();
    dan.close();
  });

  it('answers a repeat with the stored message even when the sender has left the group since', async function () {
    const eve = await loggedIn(env, 'rs-eve');
    const fay = await loggedIn(env, 'rs-fay');
    const created = await eve.call('TIMGroupCreate', [
      stringifyTimJson({ create_group_param_group_name: 'repeat', create_group_param_group_id: 'rs-group', create_group_param_group_member_array: [{ group_member_info_identifier: 'rs-fay' }] }),
    ]);
    assert.equal(created.code, 0, created.desc);
    const messageId = '144115000000000004-1700000000-9';
    const first = await fay.call('TIMMsgSendMessage', ['rs-group', 2, stringifyTimJson(text('before leaving'))], { messageId });
    assert.equal(first.code, 0, first.desc);
    assert.equal((await fay.call('TIMGroupQuit', ['rs-group'])).code, 0);
    const fresh = await fay.call('TIMMsgSendMessage', ['rs-group', 2, stringifyTimJson(text('after leaving'))]);
    assert.equal(fresh.code, 10007, 'a new send is refused');
    const again = await fay.call('TIMMsgSendMessage', ['rs-group', 2, stringifyTimJson(text('before leaving'))], { messageId });
    assert.equal(again.code, 0, again.desc);
    assert.equal(seqOf(again.json), seqOf(first.json));
    eve.close();
    fay.close();
  });
});
