/**
 * A thread under its root message, as Slack and Tencent's TUIKit apps show one: "3 replies · Last reply
 * 10:05", which opens the list of replies (who, a line of what they said, when) and a Reply button; a
 * reply in the list goes to that message in the history (messageCommands.ts). Replies are message data: text nodes only.
 */
import type { ThreadReplyView } from '../shared/chatModel';
import { formatClock } from '../shared/timeFormat';
import { attrs, codicon, el, textButton } from './dom';
import { formatFullTime } from './format';
import type { Translate } from './strings';

export function renderThread(replies: readonly ThreadReplyView[], open: boolean, t: Translate, locale: string): HTMLElement {
  const thread = el('div', 'thread');
  const count = replies.length === 1 ? t('thread.replyOne') : t('thread.replies', String(replies.length));
  const last = replies.reduce((latest, reply) => Math.max(latest, reply.time), 0);
  const summary = attrs(el('button', 'thread-summary'), { type: 'button', tabindex: '-1', 'data-action': 'thread', 'aria-expanded': String(open) });
  summary.append(codicon('comment-discussion'), el('span', 'thread-count', count));
  if (last > 0) {
    const when = el('span', 'thread-last', t('thread.lastReply', formatClock(last, locale)));
    when.title = formatFullTime(last, locale);
    summary.append(when);
  }
  thread.append(summary);
  if (open) {
    const list = attrs(el('ul', 'thread-replies'), { 'aria-label': count });
    for (const reply of replies) {
      const text = reply.text || '…';
      const button = attrs(el('button', 'thread-reply'), {
        type: 'button',
        tabindex: '-1',
        'data-action': 'threadReply',
        'data-reply': reply.id,
        'aria-label': t('thread.replyLabel', reply.senderName, text),
      });
      button.append(el('span', 'thread-reply-sender', reply.senderName), el('span', 'thread-reply-text', text));
      if (reply.time > 0) {
        const time = el('time', 'thread-reply-time', formatClock(reply.time, locale));
        time.dateTime = new Date(reply.time * 1000).toISOString();
        button.append(time);
      }
      const item = el('li');
      item.append(button);
      list.append(item);
    }
    thread.append(list);
    // Answering the root continues its thread (a reply names the chain's first message as its root).
    thread.append(textButton(t('thread.reply'), 'replyInThread', 'reply'));
  }
  return thread;
}
