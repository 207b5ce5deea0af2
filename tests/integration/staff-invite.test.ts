import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../bot/cli';
import { lineEvents } from '../../bot/dev/events';
import { parseInviteCode } from '../../bot/staff/invite';
import { staff, staffInvites, staffRoles } from '../../db/schema';
import { th } from '../../shared/text/th';
import { createHarness, type Harness } from '../helpers/harness';

const newUser = () => `U${crypto.randomUUID().replace(/-/g, '')}`;

describe('staff invites', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  async function invite(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['staff', 'invite', '--org', h.slug, ...args], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      env: { APP_SECRET: h.deps.env.APP_SECRET },
      open: async () => ({
        db: h.db,
        kind: h.deps.dbKind,
        migrate: async () => {},
        close: async () => {},
      }),
    });
    return { code, out, err };
  }

  async function say(userId: string, text: string) {
    const before = h.fake.messagesFor(userId).at(-1)?.seq ?? 0;
    await h.deliver([
      lineEvents.text({ userId, replyToken: h.fake.issueReplyToken(userId), text }),
    ]);
    return h.fake.messagesFor(userId, before).map((m) => (m.message as { text?: string }).text);
  }

  it('parses codes loosely and nothing else', () => {
    expect(parseInviteCode(' staff-ab2c-9xyz ')).toBe('STAFF-AB2C-9XYZ');
    expect(parseInviteCode('STAFF-AB2C')).toBeNull();
    expect(parseInviteCode('ไฟดับ STAFF-AB2C-9XYZ')).toBeNull();
  });

  it('prints a one-time code, stores only its hash, and links the LINE account that sends it', async () => {
    const r = await invite('--role', 'officer', '--division', 'works', '--name', 'นายทดสอบ ระบบ');
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const code = r.out[0]!;
    expect(code).toMatch(/^STAFF-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const stored = await h.db.select().from(staffInvites).where(eq(staffInvites.orgId, h.org.id));
    expect(JSON.stringify(stored)).not.toContain(code);

    const user = newUser();
    const reply = await say(user, code.toLowerCase());
    expect(reply[0]).toContain('นายทดสอบ ระบบ');
    expect(reply[0]).toContain(th.staff.roles.officer);
    const [me] = await h.db
      .select()
      .from(staff)
      .where(and(eq(staff.orgId, h.org.id), eq(staff.lineUserId, user)));
    expect(me).toBeDefined();
    const roles = await h.db.select().from(staffRoles).where(eq(staffRoles.staffId, me!.id));
    expect(roles.map((x) => x.role)).toEqual(['officer']);

    // Used up: a second person sending the same code is refused.
    expect(await say(newUser(), code)).toEqual([th.staff.invite.invalid]);

    // A second invite adds a role to the same person.
    const second = await invite('--role', 'division_head', '--division', 'works');
    expect(await say(user, second.out[0]!)).toHaveLength(1);
    const roles2 = await h.db.select().from(staffRoles).where(eq(staffRoles.staffId, me!.id));
    expect(roles2.map((x) => x.role).sort()).toEqual(['division_head', 'officer']);
  });

  it('refuses unknown and expired codes, and leaves residents’ chat alone', async () => {
    expect(await say(newUser(), 'STAFF-AAAA-BBBB')).toEqual([th.staff.invite.invalid]);
    const r = await invite('--role', 'integrity_officer', '--days', '1');
    h.advance(2 * 86_400_000);
    expect(await say(newUser(), r.out[0]!)).toEqual([th.staff.invite.invalid]);
    const other = await say(newUser(), 'สวัสดี');
    expect(other[0]).not.toBe(th.staff.invite.invalid);
  });

  it('links through the console link too, with the LINE account taken from the ID token only', async () => {
    const r = await invite('--role', 'clerk_office', '--name', 'นางสาวลิงก์ ทดสอบ');
    const code = r.out[0]!;
    expect(r.out.join('\n')).toContain(`invite=${code}`);
    const user = newUser();
    const link = (token: string, body: unknown) =>
      h.app.request(`/api/staff/${h.slug}/link`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const token = await h.fake.issueIdToken(user, 'simulator');
    expect((await link('forged.token.x', { code })).status).toBe(401);
    const ok = await link(token, { code, lineUserId: 'Uattacker' });
    expect(ok.status).toBe(200);
    const me = await h.app.request(`/api/staff/${h.slug}/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(((await me.json()) as { staff: { name: string } }).staff.name).toBe('นางสาวลิงก์ ทดสอบ');
    expect((await link(await h.fake.issueIdToken(newUser(), 'simulator'), { code })).status).toBe(
      400,
    );
  });

  it('writes a QR code of the console link when asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-invite-qr-'));
    try {
      const png = join(dir, 'invite.png');
      const r = await invite('--role', 'officer', '--division', 'works', '--qr', png);
      expect(r.err).toEqual([]);
      expect(r.code).toBe(0);
      const bytes = readFileSync(png);
      expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
      const svg = join(dir, 'invite.svg');
      expect((await invite('--role', 'clerk_office', '--qr', svg)).code).toBe(0);
      expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[^>]*>.*STAFF-[A-Z2-9]{4}-[A-Z2-9]{4}/s);
      expect((await invite('--role', 'officer', '--qr', join(dir, 'x.txt'))).code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks its arguments', async () => {
    expect((await invite('--role', 'king')).code).toBe(2);
    expect((await invite('--role', 'officer')).err.join()).toContain('--division');
    expect((await invite('--role', 'officer', '--division', 'nope')).code).toBe(1);
  });
});
