import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DeliveredMessage, FakeLinePlatform } from './fake-line-platform';

/** What a simulated person did, as the chat page draws it again after a restart. */
export interface UserAct {
  kind: 'text' | 'location' | 'image' | 'follow' | 'unfollow' | 'postback';
  text?: string;
  latitude?: number;
  longitude?: number;
  title?: string;
  displayText?: string;
  messageId?: string;
}

export type TranscriptEntry =
  ({ side: 'bot' } & DeliveredMessage) | { side: 'user'; at: string; userId: string; act: UserAct };

/**
 * The simulator's chats, kept across restarts: one JSON line per message (what people sent and
 * what the bot delivered) in DATA_DIR/simulator/chats.jsonl. On start the bot's messages go back
 * into the fake LINE Platform, so polling and tests see them as before.
 */
export class SimulatorTranscript {
  readonly entries: TranscriptEntry[] = [];

  constructor(private readonly file: string | null) {
    if (!file || !existsSync(file)) return;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        this.entries.push(JSON.parse(line) as TranscriptEntry);
      } catch {
        /* a line cut by a crash: skip it */
      }
    }
  }

  /** Gives the fake its saved messages back and records every new one. */
  attach(fake: FakeLinePlatform): void {
    const saved: DeliveredMessage[] = [];
    for (const e of this.entries) {
      if (e.side !== 'bot') continue;
      const { side: _side, ...m } = e;
      saved.push(m);
    }
    fake.restore(saved);
    fake.onDeliver = (m) => this.#add({ side: 'bot', ...m });
  }

  user(userId: string, act: UserAct): void {
    this.#add({ side: 'user', at: new Date().toISOString(), userId, act });
  }

  /** One person's chat in order: what they sent and what the bot sent them. */
  chatOf(userId: string): TranscriptEntry[] {
    return this.entries.filter((e) => (e.side === 'bot' ? e.to === userId : e.userId === userId));
  }

  #add(e: TranscriptEntry) {
    this.entries.push(e);
    if (!this.file) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      appendFileSync(this.file, JSON.stringify(e) + '\n');
    } catch {
      /* the chat still works; only this line is not kept */
    }
  }
}
