/**
 * A moment soon to come, as a clock shows it: "15:30" when it is today, "Nov 28, 15:30" on another day
 * (in `locale`'s words and order). The host (Show Members…' "muted until") and the panel (its muted
 * composer) say the end of a mute alike.
 */
export function clockText(whenMs: number, locale: string, nowMs = Date.now()): string {
  const when = new Date(whenMs);
  return when.toDateString() === new Date(nowMs).toDateString()
    ? when.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
    : when.toLocaleString(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
