/**
 * Go to Date…'s date: what the user typed ("2026-11-20", "today", "yesterday", "3 days ago", or 今天,
 * 昨天, 3天前) or picked, as the local midnight that day starts at. Pure (the clock is passed in), so
 * the parsing is unit-tested.
 */

/** The local midnight starting the day `ms` falls in. */
export function startOfDay(ms: number): Date {
  const day = new Date(ms);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate());
}

/** The local midnight `days` days before today's. */
export function daysAgo(days: number, nowMs: number): Date {
  const today = startOfDay(nowMs);
  return new Date(today.getFullYear(), today.getMonth(), today.getDate() - days);
}

/**
 * The day `text` names, as its local midnight; undefined when it names none (or a day that does not
 * exist, such as 2026-02-30). A day after today is refused too: nothing was written then.
 */
export function parseDateInput(text: string, nowMs: number): Date | undefined {
  const input = text.trim().toLowerCase();
  let day: Date | undefined;
  // The words in English and Simplified Chinese, the two languages of the prompt.
  if (input === 'today' || input === '今天') {
    day = daysAgo(0, nowMs);
  } else if (input === 'yesterday' || input === '昨天') {
    day = daysAgo(1, nowMs);
  } else {
    const ago = /^(\d{1,4}) days? ago$/.exec(input) ?? /^(\d{1,4})\s*天前$/.exec(input);
    const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(input);
    if (ago) {
      day = daysAgo(Number(ago[1]), nowMs);
    } else if (iso) {
      const [year, month, date] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
      const candidate = new Date(year, month - 1, date);
      // new Date rolls 2026-02-30 over into March: a day that does not exist is no day.
      day = candidate.getFullYear() === year && candidate.getMonth() === month - 1 && candidate.getDate() === date ? candidate : undefined;
    }
  }
  return day !== undefined && day.getTime() <= nowMs ? day : undefined;
}
