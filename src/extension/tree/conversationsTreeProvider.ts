/**
 * The Conversations view. While signed out it has no items, so VS Code shows the view's welcome
 * content (package.json `viewsWelcome`) with the Sign In button.
 */
import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';

/** One conversation as the tree shows it. */
export interface ConversationItemData {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
}

export class ConversationsTreeProvider extends Disposable implements vscode.TreeDataProvider<ConversationItemData> {
  private readonly onDidChangeTreeDataEmitter = this.register(new vscode.EventEmitter<ConversationItemData | undefined>());
  readonly onDidChangeTreeData = this.onDidChangeTreeDataEmitter.event;
  private items: readonly ConversationItemData[] = [];

  /** Replaces the items (empty when signed out) and refreshes the view. */
  setItems(items: readonly ConversationItemData[]): void {
    this.items = items;
    this.onDidChangeTreeDataEmitter.fire(undefined);
  }

  getTreeItem(element: ConversationItemData): vscode.TreeItem {
    const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.None);
    item.id = element.id;
    item.description = element.description;
    item.contextValue = 'conversation';
    item.command = { command: 'timChat.openChat', title: vscode.l10n.t('Open'), arguments: [element.id] };
    return item;
  }

  getChildren(element?: ConversationItemData): ConversationItemData[] {
    return element ? [] : [...this.items];
  }
}
