/**
 * Times in the display language, written once for the chat panel and the conversations tree, so a
 * message's time reads the same in both (VS Code's language decides 12 or 24 hours, not the code).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Formats with a cached Intl.DateTimeFormat (making one per row is slow); an unknown locale falls back. */
export function safeFormat(locale: string, options: Intl.DateTimeFormatOptions, date: Date): string {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat(locale || undefined, options);
    } catch {
      // An unknown locale tag from the host must not break the list.
      formatter = new Intl.DateTimeFormat(undefined, options);
    }
    formatters.set(key, formatter);
  }
  return formatter.format(date);
}

/** The time of day of a message ("09:05 AM" in English, "09:05" in Chinese). */
export function formatClock(timeSeconds: number, locale: string): string {
  return safeFormat(locale, { hour: '2-digit', minute: '2-digit' }, new Date(timeSeconds * 1000));
}

/**
 * A moment soon to come, as a clock shows it: the time alone when it is today, the date too on another
 * day ("15:30", "28 Nov, 15:30"). The host (Show Members…' "muted until") and the panel (its muted
 * composer) say the end of a mute alike.
 */
export function clockText(whenMs: number, locale: string, nowMs = Date.now()): string {
  const when = new Date(whenMs);
  return when.toDateString() === new Date(nowMs).toDateString()
    ? safeFormat(locale, { hour: '2-digit', minute: '2-digit' }, when)
    : safeFormat(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }, when);
}
