/**
 * The panel's copy of the emoji the user picked last (the host keeps them for every chat:
 * recentEmojiStore.ts). A pick updates this copy at once, so the emoji panel opened next shows it first
 * without waiting for the host, and tells the host, which tells the other open chats.
 */
import { recentEmojiOf, withRecentEmoji } from '../shared/recentEmoji';
import type { HostChannel } from './hostChannel';

export class RecentEmoji {
  private emoji: string[] = [];

  constructor(private readonly channel: HostChannel) {
    channel.on('chat/recentEmoji', ({ emoji }) => {
      this.emoji = recentEmojiOf(emoji);
    });
  }

  /** Most recent first. */
  get list(): readonly string[] {
    return this.emoji;
  }

  used(emoji: string): void {
    this.emoji = withRecentEmoji(this.emoji, emoji);
    this.channel.command('chat/emojiUsed', { emoji });
  }
}
