import { describe, expect, it } from 'vitest';
import { isClosedSocketWrite } from './pg-crash-guard';

describe('the postgres.js closed-socket guard', () => {
  const error = (message: string, stack: string) =>
    Object.assign(new TypeError(message), { stack });
  it('recognises only the deferred write to a closed connection', () => {
    const frame =
      '    at Immediate.nextWrite (file:///app/node_modules/postgres/src/connection.js:255:22)';
    expect(
      isClosedSocketWrite(
        error("Cannot read properties of null (reading 'write')", `TypeError\n${frame}`),
      ),
    ).toBe(true);
    // Same message from anywhere else, or another error from postgres.js: not ours to swallow.
    expect(
      isClosedSocketWrite(
        error(
          "Cannot read properties of null (reading 'write')",
          'TypeError\n    at nextWrite (/app/bot/x.ts:1:1)',
        ),
      ),
    ).toBe(false);
    expect(
      isClosedSocketWrite(
        error("Cannot read properties of null (reading 'end')", `TypeError\n${frame}`),
      ),
    ).toBe(false);
    expect(isClosedSocketWrite(new Error("Cannot read properties of null (reading 'write')"))).toBe(
      false,
    );
  });
});
