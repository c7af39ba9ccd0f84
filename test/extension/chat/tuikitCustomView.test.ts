import * as assert from 'node:assert/strict';
import { previewText, toMessageView } from '../../../src/extension/chat/messageView';
import { englishOnly } from '../../../src/extension/chat/translate';
import { customCardOf, formatCallDuration } from '../../../src/extension/chat/tuikitCustomView';
import { TIMElemType } from '../../../src/tim/enums';
import type { TimMessage } from '../../../src/tim/types/message';
import { timMessage } from './timMessage';

const names: Record<string, string> = { bob: 'Bob Li', carol: 'Carol' };
const ctx = { t: englishOnly, nameOf: (id: string) => names[id] ?? id, isSelf: false };

function customMessage(data: unknown, overrides: Partial<TimMessage> = {}): TimMessage {
  return timMessage({ message_elem_array: [{ elem_type: TIMElemType.Custom, custom_elem_data: typeof data === 'string' ? data : JSON.stringify(data), custom_elem_desc: '' }], ...overrides });
}

const viewCtx = { selfId: 'alice', now: 1_700_000_010_000, displayName: (id: string) => names[id], t: englishOnly };

describe('TUIKit custom messages in the chat', () => {
  it('formats a call length as call apps do', () => {
    assert.equal(formatCallDuration(0), '0:00');
    assert.equal(formatCallDuration(65), '1:05');
    assert.equal(formatCallDuration(3723.9), '1:02:03');
    assert.equal(formatCallDuration(-4), '0:00');
  });

  it('words one-to-one call records as lines of the bubble, with the call direction', () => {
    const ended = customCardOf({ type: 'call', action: 'ended', video: false, durationSeconds: 65, inviter: 'bob', invitees: ['alice'], inGroup: false }, ctx);
    assert.deepEqual(ended, { icon: 'call-incoming', text: 'Voice call ended · 1:05', details: [] });
    assert.equal(customCardOf({ type: 'call', action: 'ended', video: false, durationSeconds: 5, inviter: 'alice', invitees: ['bob'], inGroup: false }, { ...ctx, isSelf: true }).icon, 'call-outgoing');
    const video = customCardOf({ type: 'call', action: 'ended', video: true, durationSeconds: 3723, inviter: 'bob', invitees: [], inGroup: false }, ctx);
    assert.deepEqual([video.icon, video.text], ['device-camera-video', 'Video call ended · 1:02:03']);
    const expected: Record<string, string> = { invited: 'Voice call started', cancelled: 'Call cancelled', accepted: 'Call answered', declined: 'Call declined', busy: 'Line busy', noAnswer: 'No answer', switchedToVideo: 'Switched to a video call', switchedToAudio: 'Switched to a voice call' };
    for (const [action, text] of Object.entries(expected)) {
      const card = customCardOf({ type: 'call', action: action as never, video: false, inviter: 'bob', invitees: ['alice'], inGroup: false }, ctx);
      assert.equal(card.text, text, action);
      assert.equal(card.tip, undefined, action);
    }
  });

  it('shows a group call as tips naming who did what', () => {
    const call = { type: 'call' as const, video: false, inviter: 'bob', invitees: ['alice', 'carol'], inGroup: true };
    assert.deepEqual(customCardOf({ ...call, action: 'invited' }, ctx), { icon: 'call-incoming', text: 'Bob Li started a voice call', details: [], tip: true });
    assert.equal(customCardOf({ ...call, action: 'invited', video: true }, ctx).text, 'Bob Li started a video call');
    assert.equal(customCardOf({ ...call, action: 'cancelled' }, ctx).text, 'Bob Li cancelled the call');
    assert.equal(customCardOf({ ...call, action: 'declined' }, ctx).text, 'alice, Carol declined the call');
    assert.equal(customCardOf({ ...call, action: 'noAnswer' }, ctx).text, 'alice, Carol did not answer');
    assert.equal(customCardOf({ ...call, action: 'accepted' }, ctx).text, 'alice, Carol answered the call');
    assert.equal(customCardOf({ ...call, action: 'busy' }, ctx).text, 'alice, Carol was in another call');
    assert.equal(customCardOf({ ...call, action: 'groupEnded' }, ctx).text, 'The group call ended');
    // Without names the one-to-one wording still reads right.
    assert.equal(customCardOf({ ...call, invitees: [], action: 'declined' }, ctx).text, 'Call declined');
  });

  it('shows links, orders, ratings and group creation', () => {
    assert.deepEqual(customCardOf({ type: 'textLink', text: 'Welcome', link: 'https://example.com' }, ctx), { icon: 'link', text: 'Welcome', details: [], link: { url: 'https://example.com', label: 'View Details' } });
    assert.deepEqual(customCardOf({ type: 'order', title: 'Keyboard', description: '', price: '¥299', link: '' }, ctx), { icon: 'package', text: 'Keyboard', details: ['¥299'] });
    assert.deepEqual(customCardOf({ type: 'evaluation', score: 4, comment: 'Quick' }, ctx), { icon: 'star-full', text: 'Rating: ★★★★☆', details: ['Quick'] });
    assert.deepEqual(customCardOf({ type: 'groupCreated', operator: 'carol', community: false }, ctx), { icon: 'info', text: 'Carol created the group', details: [], tip: true });
    assert.equal(customCardOf({ type: 'groupCreated', operator: '', community: true }, ctx).text, 'The community was created');
  });

  it('puts the card on the message view and its text in the conversation list', () => {
    const data = { businessID: 1, actionType: 1, inviter: 'bob', inviteeList: ['alice'], data: JSON.stringify({ call_type: 2, call_end: 42 }) };
    const view = toMessageView(customMessage(data), viewCtx);
    const [element] = view.elements;
    assert.equal(element?.kind, 'custom');
    assert.deepEqual(element?.kind === 'custom' ? element.card : undefined, { icon: 'device-camera-video', text: 'Video call ended · 0:42', details: [] });
    assert.equal(previewText(customMessage(data), viewCtx), 'Video call ended · 0:42');
    // The signed-in user's own call is outgoing.
    const own = toMessageView(customMessage(data, { message_sender: 'alice', message_is_from_self: true }), viewCtx).elements[0];
    assert.equal(own?.kind === 'custom' ? own.card?.icon : undefined, 'device-camera-video');
    const ownVoice = toMessageView(customMessage({ ...data, data: JSON.stringify({ call_end: 3 }) }, { message_sender: 'alice', message_is_from_self: true }), viewCtx).elements[0];
    assert.equal(ownVoice?.kind === 'custom' ? ownVoice.card?.icon : undefined, 'call-outgoing');
  });

  it('leaves other custom messages and snippets without a card', () => {
    const other = toMessageView(customMessage({ businessID: 'poll', question: 'Lunch?' }), viewCtx).elements[0];
    assert.equal(other?.kind === 'custom' ? other.card : 'not custom', undefined);
    assert.equal(previewText(customMessage({ businessID: 'poll' }), viewCtx), '[Custom message]');
    const described = customMessage('opaque', {});
    const elem = described.message_elem_array?.[0] as { custom_elem_desc?: string };
    elem.custom_elem_desc = 'A poll';
    assert.equal(previewText(described, viewCtx), 'A poll');
  });
});
