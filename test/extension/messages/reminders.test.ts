import * as assert from 'node:assert/strict';
import { accountKey, locatorMessageOf, MAX_REMINDERS, reminderMessageOf, remindersOf, type Reminder } from '../../../src/extension/messages/reminderList';
import { MAX_REMINDER_MS, parseReminderTime, presetDueAt } from '../../../src/extension/messages/reminderTimes';
import { timMessage } from '../chat/timMessage';

/** Local time, as the user reads a clock: Wednesday 2026-11-25 14:10. */
const now = new Date(2026, 10, 25, 14, 10, 0, 0);
const at = (day: number, hour: number, minute = 0): number => new Date(2026, 10, day, hour, minute, 0, 0).getTime();

describe('reminder times', () => {
  it('offers minutes and hours from now, tomorrow morning and next Monday morning', () => {
    assert.equal(presetDueAt('in20Minutes', now), now.getTime() + 20 * 60_000);
    assert.equal(presetDueAt('in1Hour', now), now.getTime() + 3_600_000);
    assert.equal(presetDueAt('in3Hours', now), now.getTime() + 3 * 3_600_000);
    assert.equal(presetDueAt('tomorrowMorning', now), at(26, 9));
    assert.equal(presetDueAt('nextWeekMorning', now), at(30, 9), 'the coming Monday');
    assert.equal(presetDueAt('nextWeekMorning', new Date(2026, 10, 30, 8, 0)), new Date(2026, 11, 7, 9, 0).getTime(), 'on a Monday: a week later');
    assert.equal(presetDueAt('nextWeekMorning', new Date(2026, 10, 29, 23, 0)), at(30, 9), 'on a Sunday: the next day');
  });

  it('reads a typed delay or time of day', () => {
    assert.equal(parseReminderTime('45m', now), now.getTime() + 45 * 60_000);
    assert.equal(parseReminderTime(' 2 Hours ', now), now.getTime() + 2 * 3_600_000);
    assert.equal(parseReminderTime('1d', now), now.getTime() + 24 * 3_600_000);
    assert.equal(parseReminderTime('15:30', now), at(25, 15, 30), 'later today');
    assert.equal(parseReminderTime('9:05', now), at(26, 9, 5), 'passed today: tomorrow');
    assert.equal(parseReminderTime('tomorrow 15:30', now), at(26, 15, 30));
  });

  it('refuses anything else, the past and more than a year ahead', () => {
    for (const input of ['', 'soon', '10', '5 weeks', '24:00', '12:60', 'tomorrow', '0m', '-5m', '1.5h', 'in 2h']) {
      assert.equal(parseReminderTime(input, now), undefined, input);
    }
    assert.equal(parseReminderTime('366d', now), now.getTime() + MAX_REMINDER_MS);
    assert.equal(parseReminderTime('367d', now), undefined);
  });
});

describe('the stored reminders', () => {
  const message = timMessage({ message_msg_id: 'm-1', message_rand: 77 });
  const reminder = (id: string, dueAt: number): Reminder => ({ id, account: accountKey(1400000001, 'alice'), dueAt, message: reminderMessageOf(message), sender: 'Bob', text: 'hi' });

  it('keeps what finds the message again, uint64 seq exact', () => {
    const kept = reminderMessageOf(message);
    assert.deepEqual(kept, { id: 'm-1', convId: 'bob', convType: 1, seq: '9007199254740993', rand: 77, time: 1_700_000_001, isSelf: false });
    assert.deepEqual(locatorMessageOf(reminder('r', 5)), { message_msg_id: 'm-1', message_conv_id: 'bob', message_conv_type: 1, message_seq: 9_007_199_254_740_993n, message_rand: 77, message_server_time: 1_700_000_001, message_is_from_self: false });
  });

  it('reads back what it wrote, soonest first, through JSON as globalState keeps it', () => {
    const stored: unknown = JSON.parse(JSON.stringify([reminder('b', 20), reminder('a', 10)]));
    assert.deepEqual(remindersOf(stored).map((r) => r.id), ['a', 'b']);
    assert.deepEqual(remindersOf(stored)[0], reminder('a', 10));
  });

  it('drops what is malformed (an older version, a hand edit) and keeps the soonest when there are too many', () => {
    const good = reminder('ok', 1);
    const broken: unknown[] = [
      null, 'x', { ...good, id: '' }, { ...good, dueAt: 'soon' }, { ...good, account: 7 },
      { ...good, message: { ...good.message, seq: '-1' } }, { ...good, message: { ...good.message, convType: 3 } }, { ...good, message: undefined },
      { ...good, message: { ...good.message, rand: 1.5 } },
    ];
    assert.deepEqual(remindersOf([...broken, good]).map((r) => r.id), ['ok']);
    assert.deepEqual(remindersOf({ not: 'a list' }), []);
    assert.equal(remindersOf({ ...good, sender: 'x'.repeat(500) } as unknown as unknown[]).length, 0);
    assert.equal(remindersOf([{ ...good, sender: 'x'.repeat(500), text: 'y'.repeat(500) }])[0]?.text.length, 200);
    const many = Array.from({ length: MAX_REMINDERS + 3 }, (_, i) => reminder(`r${i}`, 1000 - i));
    const kept = remindersOf(many);
    assert.equal(kept.length, MAX_REMINDERS);
    assert.equal(kept[0]?.id, `r${MAX_REMINDERS + 2}`, 'the soonest kept');
  });
});
