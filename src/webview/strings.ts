/**
 * The panel's user-visible strings: an English fallback table, and a lookup that prefers the host's
 * translations (`chat/info.strings`, made with vscode.l10n). Placeholders are `{0}`, `{1}`, ….
 * Pure: no DOM, so the host may read ENGLISH_STRINGS to build its l10n table.
 */

export const ENGLISH_STRINGS = {
  'panel.connecting': 'Connecting to host…',
  'panel.connected': 'Connected to host ({0} ms)',
  'panel.hostUnreachable': 'Host does not answer: {0}',
  'panel.signedOut': 'You are signed out. Sign in to TIM Chat to send messages.',
  'list.label': 'Messages',
  'list.loading': 'Loading messages…',
  'list.loadingOlder': 'Loading older messages…',
  'list.start': 'This is the start of the conversation.',
  'list.empty': 'No messages yet. Say hello!',
  'list.loadFailed': 'Could not load messages: {0}',
  'list.retryLoad': 'Try Again',
  'list.jumpLatest': 'Jump to latest',
  'list.unreadMarker': 'New messages',
  'unread.banner': '{0} new messages',
  'unread.bannerOne': '1 new message',
  'unread.jump': 'Jump',
  'unread.jumping': 'Loading…',
  'unread.dismiss': 'Dismiss',
  'list.today': 'Today',
  'list.yesterday': 'Yesterday',
  'mention.label': 'Members to mention',
  'mention.loading': 'Loading members…',
  'mention.failed': 'Could not load the members: {0}',
  'mention.none': 'No member matches "{0}"',
  'mention.position': '{0}, {1} of {2}',
  'message.you': 'You',
  'message.sending': 'Sending…',
  'message.failed': 'Not sent',
  'message.sent': 'Sent',
  'message.read': 'Read',
  'message.revokedSelf': 'You recalled a message',
  'message.revokedOther': '{0} recalled a message',
  'message.localOnly': 'Only on this device',
  'message.mentionsYou': 'Mentions you',
  'message.actions': 'Message actions',
  'message.linkTitle': 'Open {0}',
  'action.retry': 'Retry',
  'action.cancel': 'Cancel',
  'action.revoke': 'Recall',
  'action.delete': 'Delete…',
  'action.copy': 'Copy Text',
  'action.reply': 'Reply',
  'action.edit': 'Edit',
  'action.react': 'Add Reaction…',
  'action.whoReacted': 'Show Who Reacted…',
  'typing.peer': '{0} is typing…',
  'reaction.group': 'Reactions',
  'reaction.add': 'Add reaction',
  'reaction.picker': 'Reactions to add',
  'reaction.by': '{0} reacted with {1}',
  'reaction.byMore': '{0} and {1} more reacted with {2}',
  'reaction.label': '{0}: {1}, reacted by {2}',
  'reaction.labelMine': '{0}: {1}, including you',
  'reaction.failed': 'Could not change the reaction: {0}',
  'edit.bar': 'Editing message',
  'edit.hint': 'Enter to save, Escape to cancel',
  'edit.cancel': 'Cancel Edit',
  'edit.failed': 'Could not save the edit: {0}',
  'message.edited': '(edited)',
  'reply.to': 'Replying to {0}',
  'reply.cancel': 'Cancel Reply',
  'reply.quoteLabel': 'Reply to {0}: {1}. Show the message',
  'reply.notFound': 'The message this replies to is no longer in this conversation.',
  'reply.tooFar': 'The message this replies to is thousands of messages back: scroll up to it, or search for it.',
  'action.failed': '{0} failed: {1}',
  'delete.title': 'Delete this message?',
  'delete.detail': 'Delete it on this device only, or everywhere (also from your other devices and the cloud history).',
  'delete.thisDevice': 'Delete on This Device',
  'delete.everywhere': 'Delete Everywhere',
  'delete.cancel': 'Cancel',
  'composer.label': 'Message',
  'composer.placeholder': 'Message {0} (Enter to send, Shift+Enter for a new line)',
  'composer.send': 'Send',
  'composer.sendFailed': 'Could not send: {0}',
  'element.face': 'Sticker',
  'element.location': 'Location: {0}',
  'element.image': 'Image {0}',
  'element.sound': 'Voice message ({0})',
  'element.video': 'Video ({0})',
  'element.file': 'File {0} ({1})',
  'element.custom': 'Custom message',
  'element.merger': '{0} ({1} messages)',
  'element.unsupported': 'Unsupported message: {0}',
  'message.selected': 'selected',
  'message.starred': 'Starred',
  'message.uploading': 'Uploading… {0}%',
  'action.star': 'Star',
  'action.unstar': 'Remove Star',
  'action.forward': 'Forward…',
  'action.select': 'Select',
  'action.deselect': 'Deselect',
  'action.download': 'Download…',
  'media.download': 'Download…',
  'media.failed': 'The image could not be loaded.',
  'merger.expand': 'Show Messages',
  'merger.collapse': 'Hide Messages',
  'merger.loading': 'Loading messages…',
  'merger.failed': 'Could not load the messages: {0}',
  'composer.attachFile': 'Send File…',
  'composer.attachImage': 'Send Image…',
  'composer.pasteFailed': 'Could not send the pasted image: {0}',
  'composer.pasteTooLarge': 'The pasted image is larger than TIM allows ({0} MB).',
  'composer.attachFailed': 'Could not send the file: {0}',
  'selection.count': '{0} selected',
  'selection.forward': 'Forward…',
  'selection.delete': 'Delete…',
  'selection.clear': 'Clear Selection',
  'selection.hint': 'Ctrl+click or Shift+click messages to select them.',
  'size.bytes': '{0} B',
  'size.kilobytes': '{0} KB',
  'size.megabytes': '{0} MB',
  'size.gigabytes': '{0} GB',
} as const;

export type StringKey = keyof typeof ENGLISH_STRINGS;

/** Looks a key up, translated when the host sent a translation, and fills in `{n}` placeholders. */
export type Translate = (key: StringKey, ...args: ReadonlyArray<string | number>) => string;

export function format(template: string, args: ReadonlyArray<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

export function createTranslate(translations: Readonly<Record<string, string>> = {}): Translate {
  return (key, ...args) => {
    const translated = translations[key];
    const template = typeof translated === 'string' && translated.length > 0 ? translated : ENGLISH_STRINGS[key];
    return format(template, args);
  };
}
