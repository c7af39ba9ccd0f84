/**
 * The Contacts view: "Requests" (to the user, with Accept and Decline; from the user, with Withdraw)
 * while any wait, then the contacts by name. A row opens the one-to-one chat. Rows carry `userId`, so
 * the commands about a person (Show Profile…, Block…) take them as they take a chat panel's sender.
 * With neither contacts nor requests it has no rows, so VS Code shows the view's welcome content.
 */
import * as vscode from 'vscode';
import { type PeerPresence, type PresenceTracker, presenceIconColour } from '../conversations/presence';
import { Disposable } from '../lifecycle';
import type { ContactBook } from './contactBook';
import { type Contact, type ContactNode, type ContactRequest, contactContextValue, contactNodes } from './contactModel';

function sinceText(seconds: number): string | undefined {
  return seconds > 0 ? new Date(seconds * 1000).toLocaleDateString(vscode.env.language) : undefined;
}

export class ContactsTreeProvider extends Disposable implements vscode.TreeDataProvider<ContactNode> {
  private readonly onDidChangeTreeDataEmitter = this.register(new vscode.EventEmitter<ContactNode | undefined>());
  readonly onDidChangeTreeData = this.onDidChangeTreeDataEmitter.event;

  constructor(
    private readonly book: ContactBook,
    private readonly presence?: PresenceTracker,
  ) {
    super();
    this.register(
      book.onDidChange(() => {
        // Contacts added since are read and followed; those already followed are skipped by the tracker.
        presence?.watchAll(book.contacts().map((contact) => contact.userId));
        this.onDidChangeTreeDataEmitter.fire(undefined);
      }),
    );
    if (presence) {
      this.register(presence.onDidChange(() => this.onDidChangeTreeDataEmitter.fire(undefined)));
    }
  }

  getChildren(parent?: ContactNode): ContactNode[] {
    return contactNodes(parent, this.book.contacts(), this.book.requests());
  }

  getTreeItem(node: ContactNode): vscode.TreeItem {
    switch (node.kind) {
      case 'section':
        return this.withContext(this.sectionItem(node.section), node);
      case 'contact':
        return this.withContext(contactItem(node.contact, this.presence?.presenceOf(node.userId)), node);
      case 'request':
        return this.withContext(requestItem(node.request), node);
    }
  }

  private withContext(item: vscode.TreeItem, node: ContactNode): vscode.TreeItem {
    item.contextValue = contactContextValue(node);
    return item;
  }

  private sectionItem(section: 'requests' | 'contacts'): vscode.TreeItem {
    const requests = section === 'requests';
    const item = new vscode.TreeItem(requests ? vscode.l10n.t('Requests') : vscode.l10n.t('Contacts'), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `section:${section}`;
    const count = requests ? this.book.requests().length : this.book.contacts().length;
    item.description = String(count);
    return item;
  }
}

function contactItem(contact: Contact, presence: PeerPresence | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(contact.name, vscode.TreeItemCollapsibleState.None);
  item.id = `contact:${contact.userId}`;
  const online = presence?.presence === 'online';
  // As the Conversations view shows a peer who is online.
  item.iconPath = new vscode.ThemeIcon('account', presenceIconColour(presence));
  // The status they set (TIM's custom status) beside their ID, as chat apps show it under a name.
  const status = presence?.customStatus ?? '';
  item.description = [contact.name === contact.userId ? '' : contact.userId, status].filter(Boolean).join(' · ') || undefined;
  const lines = [contact.name];
  if (presence) {
    const state = online ? vscode.l10n.t('Online') : vscode.l10n.t('Offline');
    lines.push(status ? `${state}: ${status}` : state);
  }
  if (contact.remark && contact.nick && contact.nick !== contact.remark) {
    lines.push(vscode.l10n.t('Nickname: {0}', contact.nick));
  }
  lines.push(vscode.l10n.t('User ID: {0}', contact.userId));
  const since = sinceText(contact.since);
  if (since) {
    lines.push(vscode.l10n.t('Contact since {0}', since));
  }
  item.tooltip = lines.join('\n');
  item.command = { command: 'timChat.messageContact', title: vscode.l10n.t('Message'), arguments: [{ userId: contact.userId }] };
  item.accessibilityInformation = { label: vscode.l10n.t('Contact {0}', online ? vscode.l10n.t('{0} (online)', contact.name) : contact.name) };
  return item;
}

function requestItem(request: ContactRequest): vscode.TreeItem {
  const incoming = request.direction === 'incoming';
  const item = new vscode.TreeItem(request.name, vscode.TreeItemCollapsibleState.None);
  item.id = `request:${request.direction}:${request.userId}`;
  item.iconPath = new vscode.ThemeIcon(incoming ? 'person-add' : 'send');
  const wording = request.wording ? `“${request.wording}”` : '';
  item.description = incoming ? wording || vscode.l10n.t('wants to add you') : vscode.l10n.t('Request sent');
  const when = sinceText(request.time);
  const lines = [
    incoming ? vscode.l10n.t('{0} wants to add you as a contact.', request.name) : vscode.l10n.t('You asked {0} to add you as a contact.', request.name),
    ...(wording ? [wording] : []),
    vscode.l10n.t('User ID: {0}', request.userId),
    ...(when ? [when] : []),
  ];
  item.tooltip = lines.join('\n');
  item.accessibilityInformation = {
    label: incoming ? vscode.l10n.t('Contact request from {0}', request.name) : vscode.l10n.t('Contact request sent to {0}', request.name),
  };
  return item;
}
