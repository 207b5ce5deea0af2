import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../tests/helpers/db';
import { InboxWriter } from './inbox';

const turn = () => new Promise((r) => setTimeout(r, 5));

/** Decision 050: handling in the webhook's thread waits while a webhook request is received. */
describe('InboxWriter.whenQuiet', () => {
  it('resolves when the last request being received is answered, or after its limit', async () => {
    const database = await createTestDatabase();
    try {
      const inbox = new InboxWriter(database.db);
      await expect(inbox.whenQuiet(60_000)).resolves.toBeUndefined();

      const answer: Array<() => void> = [];
      const request = () => new Promise<void>((r) => answer.push(r));
      const first = inbox.receiving(request);
      const second = inbox.receiving(request);
      let quiet = false;
      void inbox.whenQuiet(60_000).then(() => (quiet = true));
      await turn();
      answer[0]!();
      await first;
      await turn();
      expect(quiet).toBe(false);
      answer[1]!();
      await second;
      await turn();
      expect(quiet).toBe(true);

      // A request that is never answered holds handling back for `maxMs` only.
      void inbox.receiving(request).catch(() => {});
      const started = Date.now();
      await inbox.whenQuiet(50);
      expect(Date.now() - started).toBeGreaterThanOrEqual(45);
      // A request that fails still counts as answered.
      answer[2]!();
      const failing = inbox.receiving(() => Promise.reject(new Error('refused')));
      await expect(failing).rejects.toThrow('refused');
      await expect(inbox.whenQuiet(60_000)).resolves.toBeUndefined();
    } finally {
      await database.close();
    }
  });
});
