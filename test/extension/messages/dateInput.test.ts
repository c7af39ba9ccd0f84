/** Go to Date…'s day (dateInput.ts): typed or picked, as the local midnight it starts at; never a day to come. */
import * as assert from 'node:assert/strict';
import { daysAgo, parseDateInput, startOfDay } from '../../../src/extension/messages/dateInput';

describe('Go to Date: the day', () => {
  const now = new Date(2026, 10, 27, 15, 30).getTime();
  const day = (y: number, m: number, d: number) => new Date(y, m - 1, d).getTime();

  it('reads ISO dates, today, yesterday and "N days ago", in English and Chinese, case and spaces aside', () => {
    assert.equal(parseDateInput('2026-11-20', now)?.getTime(), day(2026, 11, 20));
    assert.equal(parseDateInput(' 2024-2-29 ', now)?.getTime(), day(2024, 2, 29));
    assert.equal(parseDateInput('Today', now)?.getTime(), day(2026, 11, 27));
    assert.equal(parseDateInput('yesterday', now)?.getTime(), day(2026, 11, 26));
    assert.equal(parseDateInput('1 day ago', now)?.getTime(), day(2026, 11, 26));
    assert.equal(parseDateInput('30 days ago', now)?.getTime(), day(2026, 10, 28));
    assert.equal(parseDateInput('今天', now)?.getTime(), day(2026, 11, 27));
    assert.equal(parseDateInput('昨天', now)?.getTime(), day(2026, 11, 26));
    assert.equal(parseDateInput('3天前', now)?.getTime(), day(2026, 11, 24));
  });

  it('refuses what names no day, a day that does not exist, and a day to come', () => {
    for (const text of ['', 'soon', '2026-02-30', '2025-02-29', '2026-13-01', '20261120', '-1 days ago', '2026-11-28', 'tomorrow']) {
      assert.equal(parseDateInput(text, now), undefined, text);
    }
  });

  it('counts days by the calendar, across a month and a year', () => {
    assert.equal(daysAgo(27, now).getTime(), day(2026, 10, 31));
    assert.equal(daysAgo(365, now).getTime(), day(2025, 11, 27));
    assert.equal(startOfDay(now).getTime(), day(2026, 11, 27));
  });
});
