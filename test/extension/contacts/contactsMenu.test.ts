/**
 * The Contacts view's menus as package.json declares them, for the context values its rows get: the
 * answers on requests to the user, Withdraw on the user's own, the person's commands on contacts.
 */
import * as assert from 'node:assert/strict';
import { contactContextValue, contactOf, type ContactNode } from '../../../src/extension/contacts/contactModel';
import { holds, manifest } from '../tree/manifestMenus';

function menu(node: ContactNode, inline: boolean): string[] {
  const viewItem = contactContextValue(node);
  return manifest.contributes.menus['view/item/context']
    .filter((entry) => (entry.group?.startsWith('inline') === true) === inline && holds(entry.when, { view: 'timChat.contacts', viewItem }))
    .map((entry) => entry.command);
}

const request = (direction: 'incoming' | 'outgoing'): ContactNode => ({ kind: 'request', userId: 'dave', request: { userId: 'dave', name: 'dave', direction, wording: '', time: 0 } });
const contact: ContactNode = { kind: 'contact', userId: 'bob', contact: contactOf({ friend_profile_identifier: 'bob' }) };

describe('Contacts view menus', () => {
  it('answers a request to the user with Accept and Decline buttons, and offers the person', () => {
    assert.deepEqual(menu(request('incoming'), true), ['timChat.acceptContactRequest', 'timChat.declineContactRequest']);
    assert.deepEqual(menu(request('incoming'), false), ['timChat.acceptContactRequest', 'timChat.declineContactRequest', 'timChat.showProfile', 'timChat.blockUser']);
  });

  it("offers only Withdraw (and the profile) on the user's own request", () => {
    assert.deepEqual(menu(request('outgoing'), true), ['timChat.withdrawContactRequest']);
    assert.deepEqual(menu(request('outgoing'), false), ['timChat.withdrawContactRequest', 'timChat.showProfile']);
  });

  it('offers Message as a button on a contact, and renaming, the profile, removing and blocking in its menu', () => {
    assert.deepEqual(menu(contact, true), ['timChat.messageContact']);
    assert.deepEqual(menu(contact, false), ['timChat.messageContact', 'timChat.renameContact', 'timChat.showProfile', 'timChat.removeContact', 'timChat.blockUser']);
  });

  it('offers nothing on the section rows, and no conversation command anywhere in the view', () => {
    for (const section of ['requests', 'contacts'] as const) {
      assert.deepEqual(menu({ kind: 'section', section }, false), []);
    }
    for (const node of [request('incoming'), request('outgoing'), contact]) {
      assert.ok(!menu(node, false).includes('timChat.markAsRead'));
    }
  });
});
