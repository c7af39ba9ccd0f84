/**
 * The emoji the user picked last (shared/recentEmoji.ts), kept in globalState so every chat panel, now
 * and after a restart, shows them first in its emoji panel. A pick in one panel reaches the others that
 * are open (onDidChange).
 */
import * as vscode from 'vscode';
import { recentEmojiOf, withRecentEmoji } from '../../shared/recentEmoji';
import { Disposable } from '../lifecycle';

const RECENT_EMOJI_KEY = 'timChat.recentEmoji';

export class RecentEmojiStore extends Disposable {
  private readonly onDidChangeEmitter = this.register(new vscode.EventEmitter<readonly string[]>());
  readonly onDidChange = this.onDidChangeEmitter.event;

  constructor(private readonly state: vscode.Memento) {
    super();
  }

  /** Most recent first; whatever was stored is checked again (an older version or a hand edit). */
  get list(): string[] {
    return recentEmojiOf(this.state.get<unknown>(RECENT_EMOJI_KEY));
  }

  /** `emoji` was picked (from a webview: anything not in the emoji panel is ignored). */
  async use(emoji: unknown): Promise<void> {
    const before = this.list;
    const after = typeof emoji === 'string' ? withRecentEmoji(before, emoji) : before;
    if (after.length === before.length && after.every((value, index) => value === before[index])) {
      return;
    }
    await this.state.update(RECENT_EMOJI_KEY, after);
    this.onDidChangeEmitter.fire(after);
  }
}
