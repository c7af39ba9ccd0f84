/** Human-readable sizes, durations and times for message rows. */
import { safeFormat } from '../shared/timeFormat';
import type { Translate } from './strings';

export function formatSize(bytes: number, t: Translate): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    return t('size.bytes', 0);
  }
  const units = ['size.bytes', 'size.kilobytes', 'size.megabytes', 'size.gigabytes'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 ? String(Math.round(value)) : value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value));
  return t(units[unit], shown);
}

/** m:ss, or h:mm:ss from an hour. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(Number.isFinite(seconds) ? seconds : 0));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function formatFullTime(timeSeconds: number, locale: string): string {
  return safeFormat(locale, { dateStyle: 'full', timeStyle: 'medium' }, new Date(timeSeconds * 1000));
}
