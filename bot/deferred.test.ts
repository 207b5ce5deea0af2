import { describe, expect, it } from 'vitest';
import { InProcessQueue } from './deferred';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('InProcessQueue', () => {
  it('runs one key in order and different keys side by side, within the limit', async () => {
    const q = new InProcessQueue(2);
    const log: string[] = [];
    let running = 0;
    let peak = 0;
    const task = (name: string, ms: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await tick(ms);
      log.push(name);
      running--;
    };
    q.run(task('a1', 30), 'a');
    q.run(task('a2', 1), 'a');
    q.run(task('b1', 5), 'b');
    q.run(task('c1', 5), 'c');
    await q.drain();
    expect(log.indexOf('a1')).toBeLessThan(log.indexOf('a2'));
    expect(log.indexOf('b1')).toBeLessThan(log.indexOf('a1'));
    expect(peak).toBe(2);
    expect(q.size).toBe(0);
  });

  it('reports a failing task and keeps going', async () => {
    const errors: unknown[] = [];
    const q = new InProcessQueue(1, (e) => errors.push(e));
    const done: string[] = [];
    q.run(async () => {
      throw new Error('boom');
    }, 'k');
    q.run(async () => {
      done.push('next');
    }, 'k');
    await q.drain();
    expect(errors).toHaveLength(1);
    expect(done).toEqual(['next']);
  });
});
