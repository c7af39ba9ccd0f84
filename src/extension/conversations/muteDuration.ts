/**
 * How long a mute lasts, in words ("10 minutes", "1 day"), for the durations Mute Member… offers and for
 * the tips and notices TIM sends with any number of seconds. Pure (the translate function is passed in),
 * so the history's tips and the host's commands say it alike.
 */
import { clockText } from '../../shared/timeFormat';
import type { Translate } from '../chat/translate';

/** What Mute Member… offers, in seconds: 10 minutes, 1 hour, 12 hours, 1 day, 7 days, 30 days. */
export const MUTE_DURATIONS: readonly number[] = [600, 3600, 12 * 3600, 86400, 7 * 86400, 30 * 86400];

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

/** The duration in the largest unit that divides it whole (seconds as a last resort). */
export function muteDurationText(seconds: number, t: Translate): string {
  const whole = Math.max(0, Math.round(seconds));
  // Each string written out whole: scripts/l10nStrings.cjs collects only literal strings for translation.
  if (whole >= DAY && whole % DAY === 0) {
    return whole === DAY ? t('1 day') : t('{0} days', whole / DAY);
  }
  if (whole >= HOUR && whole % HOUR === 0) {
    return whole === HOUR ? t('1 hour') : t('{0} hours', whole / HOUR);
  }
  if (whole >= MINUTE && whole % MINUTE === 0) {
    return whole === MINUTE ? t('1 minute') : t('{0} minutes', whole / MINUTE);
  }
  return whole === 1 ? t('1 second') : t('{0} seconds', whole);
}

/** "muted until 15:30" (today) or "muted until Nov 28, 15:30", in `locale`. */
export function mutedUntilText(untilSeconds: number, t: Translate, locale: string, nowMs = Date.now()): string {
  return t('muted until {0}', clockText(untilSeconds * 1000, locale, nowMs));
}
