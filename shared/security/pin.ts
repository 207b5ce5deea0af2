/**
 * Tracking PINs (issue 12). New cases get 6 digits; cases filed with 4 or 5 keep working.
 * A tracking code locks after repeated wrong PINs, whatever address the guesses come from.
 */
export const NEW_PIN = /^\d{6}$/;
export const TRACK_PIN = /^\d{4,6}$/;

/** Wrong PINs for one tracking code before the first lockout. */
export const PIN_FREE_FAILURES = 5;
/** The first lockout; each further wrong PIN doubles it, up to PIN_MAX_LOCK_MS. */
export const PIN_FIRST_LOCK_MS = 60_000;
export const PIN_MAX_LOCK_MS = 24 * 3_600_000;

/** How long a code stays locked after its `failures`-th wrong PIN in a row. */
export function pinLockMs(failures: number): number {
  if (failures < PIN_FREE_FAILURES) return 0;
  const n = failures - PIN_FREE_FAILURES;
  return n >= 30 ? PIN_MAX_LOCK_MS : Math.min(PIN_MAX_LOCK_MS, PIN_FIRST_LOCK_MS * 2 ** n);
}

/**
 * The most wrong PINs one code can take within `ms` (a guesser who tries the moment each
 * lockout ends). For the report: how long guessing a PIN space would take.
 */
export function maxGuessesWithin(ms: number): number {
  let t = 0;
  let failures = 0;
  while (true) {
    const wait = pinLockMs(failures);
    if (t + wait > ms) return failures;
    t += wait;
    failures++;
  }
}
