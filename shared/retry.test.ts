import { describe, expect, it } from 'vitest';
import { backoffMs, isRetryableStatus, retryAfterMs } from './retry';

describe('backoffMs', () => {
  it('grows exponentially up to the cap, with jitter inside the window', () => {
    expect(backoffMs(1, () => 0)).toBe(1000);
    expect(backoffMs(1, () => 0.999)).toBe(1000);
    expect(backoffMs(3, () => 0.999)).toBe(Math.round(1000 + 0.999 * 3000));
    expect(backoffMs(30, () => 1, { maxMs: 60_000 })).toBe(60_000);
    for (let a = 1; a < 12; a++) {
      const d = backoffMs(a, Math.random, { baseMs: 500, maxMs: 30_000 });
      expect(d).toBeGreaterThanOrEqual(500);
      expect(d).toBeLessThanOrEqual(Math.min(30_000, 500 * 2 ** (a - 1)));
    }
  });
});

describe('retryAfterMs', () => {
  const now = new Date('2026-11-22T00:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Sun, 22 Nov 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});

describe('isRetryableStatus', () => {
  it('retries 429 and 5xx only', () => {
    expect([429, 500, 502, 503].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409].some(isRetryableStatus)).toBe(false);
  });
});
