import { describe, expect, it } from 'vitest';
import {
  maxGuessesWithin,
  NEW_PIN,
  PIN_FREE_FAILURES,
  PIN_MAX_LOCK_MS,
  pinLockMs,
  TRACK_PIN,
} from './pin';

const DAY = 24 * 3_600_000;

describe('tracking PINs', () => {
  it('asks new cases for 6 digits and still accepts 4-6 when tracking', () => {
    expect(NEW_PIN.test('123456')).toBe(true);
    expect(NEW_PIN.test('1234')).toBe(false);
    expect(TRACK_PIN.test('1234')).toBe(true);
    expect(TRACK_PIN.test('123456')).toBe(true);
  });

  it('locks a code for longer and longer after the free tries, up to a day', () => {
    expect(pinLockMs(PIN_FREE_FAILURES - 1)).toBe(0);
    expect(pinLockMs(PIN_FREE_FAILURES)).toBe(60_000);
    expect(pinLockMs(PIN_FREE_FAILURES + 1)).toBe(120_000);
    expect(pinLockMs(PIN_FREE_FAILURES + 20)).toBe(PIN_MAX_LOCK_MS);
    expect(pinLockMs(10_000)).toBe(PIN_MAX_LOCK_MS);
  });

  it('lets a guesser try a 6-digit PIN at most a few hundred times a year', () => {
    const firstDay = maxGuessesWithin(DAY);
    const year = maxGuessesWithin(365 * DAY);
    expect(firstDay).toBeLessThanOrEqual(16);
    expect(year).toBeLessThan(400);
    // Half the space of 10^6 PINs, on average, takes more than a thousand years.
    expect(500_000 / year).toBeGreaterThan(1000);
  });
});
