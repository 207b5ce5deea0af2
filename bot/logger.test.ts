import { describe, expect, it } from 'vitest';
import { errorForLog } from './logger';

describe('errorForLog', () => {
  it('keeps a failed statement’s parameters out of the log', () => {
    const e = Object.assign(
      new Error(
        'Failed query: insert into "inbox_events" ("id") values ($1)\nparams: Uabc,ถนนหน้าบ้านมีหลุม',
      ),
      { cause: Object.assign(new Error('terminating connection'), { code: '57P01' }) },
    );
    const text = errorForLog(e);
    expect(text).toBe('query failed (57P01): insert into "inbox_events" ("id") …');
    expect(text).not.toContain('params');
    expect(errorForLog(new Error('other'))).toBe('Error: other');
  });
});
