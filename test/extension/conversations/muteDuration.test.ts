/** How long a mute lasts, and until when, in words (muteDuration.ts): pure, with the English strings. */
import * as assert from 'node:assert/strict';
import { englishOnly } from '../../../src/extension/chat/translate';
import { MUTE_DURATIONS, muteDurationText, mutedUntilText } from '../../../src/extension/conversations/muteDuration';

describe('mute durations', () => {
  it('says the offered durations in their natural unit', () => {
    assert.deepEqual(MUTE_DURATIONS.map((seconds) => muteDurationText(seconds, englishOnly)), ['10 minutes', '1 hour', '12 hours', '1 day', '7 days', '30 days']);
  });

  it('says any other number of seconds in the largest unit that divides it whole', () => {
    assert.equal(muteDurationText(60, englishOnly), '1 minute');
    assert.equal(muteDurationText(90, englishOnly), '90 seconds');
    assert.equal(muteDurationText(1, englishOnly), '1 second');
    assert.equal(muteDurationText(7200, englishOnly), '2 hours');
    assert.equal(muteDurationText(86400 + 3600, englishOnly), '25 hours');
    assert.equal(muteDurationText(-5, englishOnly), '0 seconds');
  });

  it('says until when: the time alone today, the date too on another day', () => {
    const now = new Date(2026, 10, 27, 9, 0).getTime();
    const today = new Date(2026, 10, 27, 15, 30).getTime() / 1000;
    const tomorrow = new Date(2026, 10, 28, 15, 30).getTime() / 1000;
    assert.equal(mutedUntilText(today, englishOnly, 'en-GB', now), 'muted until 15:30');
    assert.equal(mutedUntilText(tomorrow, englishOnly, 'en-GB', now), 'muted until 28 Nov, 15:30');
  });
});
