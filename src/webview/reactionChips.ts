/**
 * A message's reactions under its text: one toggle button per reaction (the emoji and how many), pressed
 * when the user is among them, and a button that opens the picker. Reaction ids are message data: text
 * nodes and attribute values only.
 */
import type { ReactionView } from '../shared/chatModel';
import { showTuikitEmoji } from '../shared/tuikitEmoji';
import { attrs, codicon, el } from './dom';
import type { Translate } from './strings';

/** "You, Bob reacted with 👍", or "… and 3 more …" when TIM listed fewer users than reacted. */
export function reactionTooltip(reaction: ReactionView, t: Translate): string {
  const names = reaction.users.join(', ');
  const unlisted = reaction.count - reaction.users.length;
  const shown = showTuikitEmoji(reaction.id);
  if (names === '') {
    return t('reaction.by', String(reaction.count), shown);
  }
  return unlisted > 0 ? t('reaction.byMore', names, String(unlisted), shown) : t('reaction.by', names, shown);
}

export function renderReactions(reactions: readonly ReactionView[], t: Translate): HTMLElement {
  const group = attrs(el('div', 'reactions'), { role: 'group', 'aria-label': t('reaction.group') });
  for (const reaction of reactions) {
    // TUIKit's emoji keys show as their Unicode emoji; data-reaction keeps the id TIM knows.
    const shown = showTuikitEmoji(reaction.id);
    const label = reaction.mine
      ? t('reaction.labelMine', shown, String(reaction.count))
      : t('reaction.label', shown, String(reaction.count), reaction.users.join(', ') || String(reaction.count));
    const chip = attrs(el('button', reaction.mine ? 'reaction mine' : 'reaction'), {
      type: 'button',
      tabindex: '-1',
      'data-action': 'react',
      'data-reaction': reaction.id,
      'aria-pressed': String(reaction.mine),
      'aria-label': label,
      title: reactionTooltip(reaction, t),
    });
    chip.append(el('span', 'reaction-id', shown), el('span', 'reaction-count', String(reaction.count)));
    group.append(chip);
  }
  const add = attrs(el('button', 'reaction-add'), { type: 'button', tabindex: '-1', 'data-action': 'addReaction', 'aria-label': t('reaction.add'), title: t('reaction.add') });
  add.append(codicon('reactions'));
  group.append(add);
  return group;
}
