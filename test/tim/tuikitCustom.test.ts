import * as assert from 'node:assert/strict';
import { parseTuikitCustom } from '../../src/tim/tuikitCustom';

/** A TUICallKit signalling record as TUIKit apps store it: the call's own data is a JSON string inside. */
function callRecord(actionType: number, call: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ businessID: 1, inviteID: 'i-1', inviter: 'bob', actionType, inviteeList: ['alice'], timeout: 30, data: JSON.stringify({ version: 4, businessID: 'av_call', call_type: 1, room_id: 42, ...call }), ...extra });
}

describe('TUIKit custom messages', () => {
  it('reads a text link, an order and a rating', () => {
    assert.deepEqual(parseTuikitCustom(JSON.stringify({ businessID: 'text_link', text: 'Welcome to TIM', link: 'https://example.com/doc', version: 4 })), { type: 'textLink', text: 'Welcome to TIM', link: 'https://example.com/doc' });
    assert.deepEqual(parseTuikitCustom(JSON.stringify({ businessID: 'order', version: 1, title: 'Keyboard', description: 'Blue switches', price: '¥299', link: 'https://shop.example/1', imageUrl: 'https://img.example/1.png' })), {
      type: 'order',
      title: 'Keyboard',
      description: 'Blue switches',
      price: '¥299',
      link: 'https://shop.example/1',
    });
    assert.deepEqual(parseTuikitCustom(JSON.stringify({ businessID: 'evaluation', score: 4, comment: 'Quick answer' })), { type: 'evaluation', score: 4, comment: 'Quick answer' });
  });

  it('keeps a rating within one to five stars, as TUIKit shows it', () => {
    assert.equal((parseTuikitCustom(JSON.stringify({ businessID: 'evaluation', score: 0 })) as { score: number }).score, 1);
    assert.equal((parseTuikitCustom(JSON.stringify({ businessID: 'evaluation', score: 9 })) as { score: number }).score, 5);
    assert.equal((parseTuikitCustom(JSON.stringify({ businessID: 'evaluation', score: 'many' })) as { score: number }).score, 1);
  });

  it('reads who created a group or a community', () => {
    assert.deepEqual(parseTuikitCustom(JSON.stringify({ businessID: 'group_create', version: 4, opUser: 'carol', content: '创建群组', cmd: 0 })), { type: 'groupCreated', operator: 'carol', community: false });
    assert.deepEqual(parseTuikitCustom(JSON.stringify({ businessID: 'group_create', opUser: 'carol', cmd: 1 })), { type: 'groupCreated', operator: 'carol', community: true });
  });

  it('reads every step of a one-to-one call', () => {
    const actionOf = (text: string): unknown => (parseTuikitCustom(text) as { action?: string } | undefined)?.action;
    assert.deepEqual(parseTuikitCustom(callRecord(1, { call_end: 65 })), { type: 'call', action: 'ended', video: false, durationSeconds: 65, inviter: 'bob', invitees: ['alice'], inGroup: false });
    assert.equal(actionOf(callRecord(1, { data: { cmd: 'audioCall' } })), 'invited');
    assert.equal(actionOf(callRecord(2, {})), 'cancelled');
    assert.equal(actionOf(callRecord(3, {})), 'accepted');
    assert.equal(actionOf(callRecord(4, {})), 'declined');
    assert.equal(actionOf(callRecord(4, { line_busy: 'line_busy' })), 'busy');
    assert.equal(actionOf(callRecord(4, { data: { message: 'lineBusy' } })), 'busy');
    assert.equal(actionOf(callRecord(5, {})), 'noAnswer');
    assert.equal(actionOf(callRecord(1, { data: { cmd: 'switchToVideo' } })), 'switchedToVideo');
    assert.equal(actionOf(callRecord(3, { data: { cmd: 'switchToAudio' } })), 'switchedToAudio');
    // A call ending at 0 seconds is still an ended call (TUIKit: call_end >= 0).
    assert.equal(actionOf(callRecord(1, { call_end: 0 })), 'ended');
  });

  it('tells video calls from voice calls', () => {
    assert.equal((parseTuikitCustom(callRecord(1, { call_type: 2, call_end: 3 })) as { video: boolean }).video, true);
    assert.equal((parseTuikitCustom(callRecord(1, { call_type: 1, data: { cmd: 'videoCall' } })) as { video: boolean }).video, true);
    assert.equal((parseTuikitCustom(callRecord(1, { call_type: 1, call_end: 3 })) as { video: boolean }).video, false);
  });

  it('reads a group call: started while it rings, ended without a timeout', () => {
    const started = parseTuikitCustom(callRecord(1, { call_end: 5 }, { groupID: '@TGS#dev', inviteeList: ['alice', 'carol'] }));
    assert.deepEqual(started, { type: 'call', action: 'invited', video: false, inviter: 'bob', invitees: ['alice', 'carol'], inGroup: true });
    assert.equal((parseTuikitCustom(callRecord(1, {}, { groupID: '@TGS#dev', timeout: 0 })) as { action: string }).action, 'groupEnded');
  });

  it('leaves everything else alone: other custom data is shown as before', () => {
    for (const data of ['', 'not json', '[1,2]', 'null', '"text_link"', JSON.stringify({ businessID: 'user_typing_status', typingStatus: 1 }), JSON.stringify({ type: 'timchat.codeSnippet' }), JSON.stringify({ businessID: 1, actionType: 9, data: '{}' }), JSON.stringify({ businessID: 'order' }), JSON.stringify({ businessID: 'text_link' })]) {
      assert.equal(parseTuikitCustom(data), undefined, data);
    }
  });

  it('survives a call record whose inner data is missing or broken, and odd invitee lists', () => {
    assert.deepEqual(parseTuikitCustom(JSON.stringify({ businessID: 1, actionType: 2, inviter: 'bob', inviteeList: ['alice', 7, null, ''], data: '{broken' })), { type: 'call', action: 'cancelled', video: false, inviter: 'bob', invitees: ['alice'], inGroup: false });
    assert.deepEqual(parseTuikitCustom(JSON.stringify({ businessID: 1, actionType: 5 })), { type: 'call', action: 'noAnswer', video: false, inviter: '', invitees: [], inGroup: false });
  });

  it('cuts very long fields', () => {
    const parsed = parseTuikitCustom(JSON.stringify({ businessID: 'text_link', text: 'x'.repeat(10_000), link: 'https://example.com' })) as { text: string };
    assert.equal(parsed.text.length, 2000);
  });
});
