/**
 * How the chat shows the custom messages of Tencent's own chat apps (src/tim/tuikitCustom.ts): a card
 * worded in the user's language, with the names TIM Chat shows for the people in it. A one-to-one
 * call record is a line in its sender's bubble ("Voice call ended · 1:05"); a group's call records and
 * a group's creation are tip lines, as TUIKit shows them. Pure (no vscode), so it is unit-tested.
 */
import type { CustomCardView } from '../../shared/chatModel';
import type { TuikitCustom } from '../../tim/tuikitCustom';
import type { Translate } from './translate';

export interface CustomCardContext {
  readonly t: Translate;
  /** The name TIM Chat shows for a user. */
  readonly nameOf: (userId: string) => string;
  /** Whether the message was sent by the signed-in user (an outgoing call). */
  readonly isSelf: boolean;
}

const STAR = '★';
const NO_STAR = '☆';

/** 65 → "1:05", 3723 → "1:02:03", as call apps show a call's length. */
export function formatCallDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function callText(call: Extract<TuikitCustom, { type: 'call' }>, ctx: CustomCardContext): string {
  const { t } = ctx;
  const inviter = call.inviter ? ctx.nameOf(call.inviter) : '';
  const invitees = call.invitees.map(ctx.nameOf).join(', ');
  // In a group TUIKit names who did what; without names the one-to-one wording still reads right.
  const group = call.inGroup;
  switch (call.action) {
    case 'ended':
      return call.video ? t('Video call ended · {0}', formatCallDuration(call.durationSeconds ?? 0)) : t('Voice call ended · {0}', formatCallDuration(call.durationSeconds ?? 0));
    case 'invited':
      if (group && inviter) {
        return call.video ? t('{0} started a video call', inviter) : t('{0} started a voice call', inviter);
      }
      return call.video ? t('Video call started') : t('Voice call started');
    case 'groupEnded':
      return t('The group call ended');
    case 'cancelled':
      return group && inviter ? t('{0} cancelled the call', inviter) : t('Call cancelled');
    case 'accepted':
      return group && invitees ? t('{0} answered the call', invitees) : t('Call answered');
    case 'declined':
      return group && invitees ? t('{0} declined the call', invitees) : t('Call declined');
    case 'busy':
      return group && invitees ? t('{0} was in another call', invitees) : t('Line busy');
    case 'noAnswer':
      return group && invitees ? t('{0} did not answer', invitees) : t('No answer');
    case 'switchedToAudio':
      return t('Switched to a voice call');
    case 'switchedToVideo':
      return t('Switched to a video call');
  }
}

/** The card the chat shows for a TUIKit custom message. */
export function customCardOf(custom: TuikitCustom, ctx: CustomCardContext): CustomCardView {
  const { t } = ctx;
  switch (custom.type) {
    case 'call':
      return {
        icon: custom.video ? 'device-camera-video' : ctx.isSelf ? 'call-outgoing' : 'call-incoming',
        text: callText(custom, ctx),
        details: [],
        ...(custom.inGroup ? { tip: true } : {}),
      };
    case 'textLink':
      return {
        icon: 'link',
        text: custom.text || custom.link,
        details: [],
        ...(custom.link ? { link: { url: custom.link, label: t('View Details') } } : {}),
      };
    case 'order':
      return {
        icon: 'package',
        text: custom.title,
        details: [custom.description, custom.price].filter(Boolean),
        ...(custom.link ? { link: { url: custom.link, label: t('View Details') } } : {}),
      };
    case 'evaluation':
      return {
        icon: 'star-full',
        text: t('Rating: {0}', STAR.repeat(custom.score) + NO_STAR.repeat(5 - custom.score)),
        details: custom.comment ? [custom.comment] : [],
      };
    case 'groupCreated': {
      const who = custom.operator ? ctx.nameOf(custom.operator) : '';
      const text = custom.community
        ? who ? t('{0} created the community', who) : t('The community was created')
        : who ? t('{0} created the group', who) : t('The group was created');
      return { icon: 'info', text, details: [], tip: true };
    }
  }
}
