/** Decoding server frames: exact uint64, tolerance of missing optional fields, refusal of the rest. */
import { strict as assert } from 'node:assert';
import { decodeServerFrame, encodeClientFrame } from '../../../src/emulator/client/frameCodec';

describe('frameCodec', () => {
  it('keeps uint64 values exact both ways', () => {
    const text = encodeClientFrame({ type: 'call', id: 1, api: 'TIMInit', args: [18446744073709551615n, '{}'] });
    assert.equal(text, '{"type":"call","id":1,"api":"TIMInit","args":[18446744073709551615,"{}"]}');
    const decoded = decodeServerFrame('{"type":"result","id":1,"code":0,"desc":"","json":"","value":7712240067047157981}');
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.frame, { type: 'result', id: 1, code: 0, desc: '', json: '', value: 7712240067047157981n });
  });

  it('leaves JSON inside a frame\'s strings as it came, and keeps an event\'s own integers exact', () => {
    const json = '[{"message_unique_id":7712240067047157981,"text_elem_content":"压测 \\"q\\""}]';
    const decoded = decodeServerFrame(JSON.stringify({ type: 'event', seq: 3, event: { name: 'RecvNewMsg', json } }));
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.frame, { type: 'event', seq: 3, event: { name: 'RecvNewMsg', json } });
    const total = decodeServerFrame('{"type":"event","seq":4,"event":{"name":"ConvTotalUnreadMessageCountChanged","total":9007199254740993}}');
    assert.equal(total.ok, false, 'an event integer beyond 2^53 is refused, not rounded');
    assert.equal(encodeClientFrame({ type: 'call', id: 2, api: 'TIMMsgSendMessage', args: ['bob', 1, json] }), JSON.stringify({ type: 'call', id: 2, api: 'TIMMsgSendMessage', args: ['bob', 1, json] }));
  });

  it('fills a missing desc or json with "" and keeps optional fields', () => {
    const decoded = decodeServerFrame('{"type":"result","id":3,"code":70001,"messageId":"1-2-3","syncError":false,"eventSeq":9}');
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.frame, { type: 'result', id: 3, code: 70001, desc: '', json: '', messageId: '1-2-3', syncError: false, eventSeq: 9 });
  });

  it('checks event fields per listener', () => {
    assert.ok(decodeServerFrame('{"type":"event","seq":1,"event":{"name":"MsgElemUploadProgress","json":"{}","index":0,"cur":1,"total":2}}').ok);
    assert.ok(decodeServerFrame('{"type":"event","seq":0,"event":{"name":"NetworkStatusListener","status":0,"code":0,"desc":""}}').ok);
    assert.ok(!decodeServerFrame('{"type":"event","seq":1,"event":{"name":"MsgElemUploadProgress","json":"{}","index":0}}').ok);
    assert.ok(!decodeServerFrame('{"type":"event","seq":1,"event":{"name":"ConvEvent","event":"1","json":"[]"}}').ok);
    assert.ok(!decodeServerFrame('{"type":"event","seq":1.5,"event":{"name":"KickedOffline"}}').ok);
  });

  it('decodes MsgGroupPinnedMessageChanged with its group, message, pin state and operator; refuses a mistyped field', () => {
    const event = { name: 'MsgGroupPinnedMessageChanged', groupId: 'dev', json: '{"message_msg_id":"1-2-3","message_unique_id":7712240067047157981}', isPinned: true, opUser: 'alice' };
    const decoded = decodeServerFrame(JSON.stringify({ type: 'event', seq: 7, event }));
    assert.deepEqual(decoded, { ok: true, frame: { type: 'event', seq: 7, event } });
    for (const bad of [{ isPinned: 1 }, { isPinned: 'true' }, { opUser: undefined }, { groupId: 5 }, { json: {} }]) {
      const text = JSON.stringify({ type: 'event', seq: 7, event: { ...event, ...bad } });
      const refused = decodeServerFrame(text);
      assert.ok(!refused.ok && /MsgGroupPinnedMessageChanged with missing or mistyped fields/.test(refused.reason), text);
    }
  });

  it('decodes SelfInfoUpdated with its profile JSON; refuses one whose json is not a string', () => {
    const event = { name: 'SelfInfoUpdated', json: '{"user_profile_identifier":"alice","user_profile_nick_name":"Alice 陈"}' };
    assert.deepEqual(decodeServerFrame(JSON.stringify({ type: 'event', seq: 8, event })), { ok: true, frame: { type: 'event', seq: 8, event } });
    for (const json of [{ user_profile_identifier: 'alice' }, 5, null, undefined]) {
      const text = JSON.stringify({ type: 'event', seq: 8, event: { name: 'SelfInfoUpdated', json } });
      const refused = decodeServerFrame(text);
      assert.ok(!refused.ok && /SelfInfoUpdated with missing or mistyped fields/.test(refused.reason), text);
    }
  });

  it('decodes progress frames; a bad one carries no id, so it never fails its call', () => {
    const decoded = decodeServerFrame('{"type":"progress","id":4,"desc":"downloading","json":"{\\"msg_download_elem_result_current_size\\":1}"}');
    assert.deepEqual(decoded, { ok: true, frame: { type: 'progress', id: 4, desc: 'downloading', json: '{"msg_download_elem_result_current_size":1}' } });
    for (const text of ['{"type":"progress","id":4,"desc":"downloading"}', '{"type":"progress","id":4,"json":{}}', '{"type":"progress","json":""}']) {
      const bad = decodeServerFrame(text);
      assert.ok(!bad.ok && bad.id === undefined, text);
    }
  });

  it('returns a reason instead of throwing for anything else', () => {
    for (const text of ['', '{', '"x"', '[]', '{"type":1}', '{"type":"result","id":-1,"code":0}', '{"type":"result","id":1,"code":0,"json":{}}']) {
      const decoded = decodeServerFrame(text);
      assert.equal(decoded.ok, false, text);
      assert.ok(!decoded.ok && decoded.reason.length > 0);
    }
  });
});
