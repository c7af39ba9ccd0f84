import * as assert from 'node:assert/strict';
import { contactNodes, contactOf, requestOf, sortContacts, sortRequests, type ContactRequest } from '../../../src/extension/contacts/contactModel';
import { TIMFriendPendencyType } from '../../../src/tim/enums';

const request = (userId: string, direction: ContactRequest['direction'], time: number): ContactRequest => ({ userId, name: userId, direction, wording: '', time });

describe('contacts as TIM Chat shows them', () => {
  it('names a contact by the remark, else the nickname, else the user ID', () => {
    const profile = { friend_profile_user_profile: { user_profile_identifier: 'bob', user_profile_nick_name: 'Bob Li' }, friend_profile_add_time: 1_700_000_000 };
    assert.deepEqual(contactOf({ friend_profile_identifier: 'bob', friend_profile_remark: '老板', ...profile }), { userId: 'bob', name: '老板', remark: '老板', nick: 'Bob Li', since: 1_700_000_000 });
    assert.equal(contactOf({ friend_profile_identifier: 'bob', friend_profile_remark: '', ...profile }).name, 'Bob Li');
    assert.deepEqual(contactOf({ friend_profile_identifier: 'carol' }), { userId: 'carol', name: 'carol', remark: '', nick: '', since: 0 });
  });

  it('reads a request by its direction, with its message and the nickname when TIM gives one', () => {
    assert.deepEqual(
      requestOf({ friend_add_pendency_info_type: TIMFriendPendencyType.ComeIn, friend_add_pendency_info_identifier: 'dave', friend_add_pendency_info_nick_name: 'Dave', friend_add_pendency_info_add_wording: '你好', friend_add_pendency_info_add_time: 5 }),
      { userId: 'dave', name: 'Dave', direction: 'incoming', wording: '你好', time: 5 },
    );
    assert.deepEqual(requestOf({ friend_add_pendency_info_type: TIMFriendPendencyType.SendOut, friend_add_pendency_info_identifier: 'erin' }), {
      userId: 'erin',
      name: 'erin',
      direction: 'outgoing',
      wording: '',
      time: 0,
    });
  });

  it('sorts contacts by name in the language given (case and numbers as people read them), user ID on ties', () => {
    const contacts = ['bob', 'alice', 'user10', 'user9', 'Alice'].map((userId) => contactOf({ friend_profile_identifier: userId }));
    assert.deepEqual(sortContacts(contacts, 'en').map((c) => c.userId), ['Alice', 'alice', 'bob', 'user9', 'user10']);
  });

  it('lists requests to the user before the user\'s own, newest first within each', () => {
    const sorted = sortRequests([request('a', 'outgoing', 9), request('b', 'incoming', 1), request('c', 'incoming', 7), request('d', 'outgoing', 3)]);
    assert.deepEqual(sorted.map((r) => r.userId), ['c', 'b', 'a', 'd']);
  });

  it('shapes the view: no rows when empty (the welcome shows), Requests only while any wait, then Contacts', () => {
    assert.deepEqual(contactNodes(undefined, [], []), []);
    const bob = contactOf({ friend_profile_identifier: 'bob' });
    assert.deepEqual(contactNodes(undefined, [bob], []), [{ kind: 'section', section: 'contacts' }]);
    const asked = request('dave', 'incoming', 1);
    const sections = contactNodes(undefined, [], [asked]);
    assert.deepEqual(sections, [{ kind: 'section', section: 'requests' }, { kind: 'section', section: 'contacts' }]);
    assert.deepEqual(contactNodes(sections[0], [bob], [asked]), [{ kind: 'request', userId: 'dave', request: asked }]);
    assert.deepEqual(contactNodes(sections[1], [bob], [asked]), [{ kind: 'contact', userId: 'bob', contact: bob }]);
    assert.deepEqual(contactNodes({ kind: 'contact', userId: 'bob', contact: bob }, [bob], [asked]), []);
  });
});
