import { and, eq } from 'drizzle-orm';
import { lineEvents, newMessageId } from '../../bot/dev/events';
import { sendOutbox } from '../../bot/pipeline/outbox';
import { divisions, staff } from '../../db/schema';
import { th } from '../../shared/text/th';
import type { Harness } from './harness';

const JPEG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9,
]);

export const newLineUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;

/**
 * Links every demo staff member of the harness organisation to a fresh LINE id and
 * returns them by position name, e.g. staffOf.get('นายช่างไฟฟ้า').
 */
export async function linkDemoStaff(h: Harness) {
  const rows = await h.db.select().from(staff).where(eq(staff.orgId, h.org.id));
  const byPosition = new Map<string, { id: string; lineUserId: string; name: string }>();
  for (const s of rows) {
    const lineUserId = newLineUser();
    await h.db.update(staff).set({ lineUserId }).where(eq(staff.id, s.id));
    byPosition.set(s.position, { id: s.id, lineUserId, name: s.name });
  }
  return byPosition;
}

export async function divisionId(h: Harness, code: string): Promise<string> {
  const [d] = await h.db
    .select()
    .from(divisions)
    .where(and(eq(divisions.orgId, h.org.id), eq(divisions.code, code)));
  return d!.id;
}

let streetLights = 0;

/** A resident filing through the real webhook: a complaint or a street-light report. */
export function residentChat(h: Harness, userId = newLineUser()) {
  const send = async (event: object) => {
    const res = await h.deliver([event]);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  };
  const token = () => h.fake.issueReplyToken(userId);
  const say = (text: string) => send(lineEvents.text({ userId, replyToken: token(), text }));
  const tap = (data: string) => send(lineEvents.postback({ userId, replyToken: token(), data }));
  const conv = th.conv;
  return {
    userId,
    say,
    tap,
    async complaint(subject = 'เจ้าหน้าที่พูดจาไม่สุภาพ') {
      await tap('menu:complain');
      await say(subject);
      await say('ไปติดต่อขอใบอนุญาตเมื่อวานนี้');
      await say('งานทะเบียน');
      await say(conv.skip);
      await say(conv.confirm);
    },
    async streetLight() {
      await tap('menu:report');
      await tap('cat:street_light');
      await say('ไฟดับ 3 ต้น หน้าโรงเรียน');
      const messageId = newMessageId();
      h.fake.putContent(messageId, JPEG, 'image/jpeg');
      await send(lineEvents.image({ userId, replyToken: token(), messageId }));
      await send(
        lineEvents.location({
          userId,
          replyToken: token(),
          // Each report its own place (≈110 m apart): not offered as a nearby duplicate.
          latitude: 16.4419 + 0.001 * streetLights++,
          longitude: 102.836,
          address: 'ถนนมิตรภาพ',
        }),
      );
      await say(conv.confirm);
    },
    async corruption() {
      await tap('menu:corruption');
      await say(conv.corruption.anonymous);
      await say('มีการเรียกรับเงินเพื่อให้ได้ใบอนุญาตเร็วขึ้น');
      await say(conv.skip);
      await say(conv.skip);
      await say('246813');
      await say(conv.corruption.notifyNo);
      await say(conv.confirm);
    },
  };
}

/** Sends what is due in the outbox to the fake LINE Platform. */
export async function flush(h: Harness) {
  await h.queue.drain();
  for (let i = 0; i < 5; i++) {
    const s = await sendOutbox(h.deps);
    if (!s.sent && !s.retried) break;
  }
}
