import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('writes a lone item at once, and what arrives meanwhile together, within the limit', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const commit = new GroupCommit<number, string>(
      async (items) => {
        writes.push(items);
        if (writes.length === 1) await gate;
        return items.map((i) => `#${i}`);
      },
      5,
      (i) => i,
    );
    const first = commit.add(1);
    expect(writes).toEqual([[1]]);
    const rest = [2, 3, 4].map((i) => commit.add(i));
    release();
    expect(await Promise.all([first, ...rest])).toEqual(['#1', '#2', '#3', '#4']);
    // 2 + 3 fit in 5; 4 goes on its own.
    expect(writes).toEqual([[1], [2, 3], [4]]);
  });

  it('fails only the batch whose write threw, and goes on with the next', async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const commit = new GroupCommit<string, string>(async (items) => {
      calls++;
      if (calls === 1) await gate;
      if (items.includes('bad')) throw new Error('refused');
      return items;
    }, 2);
    const first = commit.add('a');
    const bad = commit.add('bad');
    const sameBatch = commit.add('b');
    const later = commit.add('c');
    release();
    await expect(first).resolves.toBe('a');
    await expect(bad).rejects.toThrow('refused');
    await expect(sameBatch).rejects.toThrow('refused');
    await expect(later).resolves.toBe('c');
  });
});
