/**
 * When a reminder about a message is due (Remind Me…, as Slack offers it): the preset choices and what
 * the user may type instead ("30m", "2h", "1d", "15:30", "tomorrow 9:00"). Local time, as the user reads
 * a clock. Pure (the clock is passed in), so it is unit-tested.
 */

export type ReminderPreset = 'in20Minutes' | 'in1Hour' | 'in3Hours' | 'tomorrowMorning' | 'nextWeekMorning';

export const REMINDER_PRESETS: readonly ReminderPreset[] = ['in20Minutes', 'in1Hour', 'in3Hours', 'tomorrowMorning', 'nextWeekMorning'];

/** The hour "tomorrow" and "next week" mean: the start of a working day. */
export const MORNING_HOUR = 9;
/** A reminder further away than this is refused: it is more likely a typo than a plan. */
export const MAX_REMINDER_MS = 366 * 24 * 60 * 60 * 1000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `days` days after `now`'s date, at `hour`:`minute` local time. */
function dayAt(now: Date, days: number, hour: number, minute: number): number {
  const due = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, hour, minute, 0, 0);
  return due.getTime();
}

export function presetDueAt(preset: ReminderPreset, now: Date): number {
  switch (preset) {
    case 'in20Minutes':
      return now.getTime() + 20 * MINUTE;
    case 'in1Hour':
      return now.getTime() + HOUR;
    case 'in3Hours':
      return now.getTime() + 3 * HOUR;
    case 'tomorrowMorning':
      return dayAt(now, 1, MORNING_HOUR, 0);
    case 'nextWeekMorning': {
      // The coming Monday (a week from now on a Monday).
      const untilMonday = ((8 - now.getDay()) % 7) || 7;
      return dayAt(now, untilMonday, MORNING_HOUR, 0);
    }
  }
}

const UNIT_MS: Readonly<Record<string, number>> = { m: MINUTE, min: MINUTE, mins: MINUTE, minute: MINUTE, minutes: MINUTE, h: HOUR, hr: HOUR, hrs: HOUR, hour: HOUR, hours: HOUR, d: DAY, day: DAY, days: DAY };

/**
 * What the user typed as a due time, in ms since the epoch: a duration ("45m", "2 hours", "1d"), a time
 * of day ("15:30": today, or tomorrow once it has passed), or "tomorrow" with a time. Undefined for
 * anything else, a time not after `now`, or one more than a year away.
 */
export function parseReminderTime(input: string, now: Date): number | undefined {
  const text = input.trim().toLowerCase();
  let due: number | undefined;
  const duration = /^(\d{1,4})\s*([a-z]+)$/.exec(text);
  const clock = /^(tomorrow\s+)?(\d{1,2}):(\d{2})$/.exec(text);
  if (duration) {
    const unit = UNIT_MS[duration[2] ?? ''];
    due = unit === undefined ? undefined : now.getTime() + Number(duration[1]) * unit;
  } else if (clock) {
    const hour = Number(clock[2]);
    const minute = Number(clock[3]);
    if (hour > 23 || minute > 59) {
      return undefined;
    }
    const today = dayAt(now, 0, hour, minute);
    due = clock[1] ? dayAt(now, 1, hour, minute) : today > now.getTime() ? today : dayAt(now, 1, hour, minute);
  }
  if (due === undefined || due <= now.getTime() || due - now.getTime() > MAX_REMINDER_MS) {
    return undefined;
  }
  return due;
}
