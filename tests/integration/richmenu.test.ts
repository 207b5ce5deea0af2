import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineClient } from '../../bot/line/client';
import { SecretBox } from '../../bot/orgs';
import { richMenuCommand, setupRichMenu } from '../../bot/richmenu/command';
import { openDatabase } from '../../db/client';
import { orgs } from '../../db/schema';
import { MENU_KEYS } from '../../shared/line/richmenu';
import { randomHex } from '../../shared/crypto';
import { th } from '../../shared/text/th';
import { startFakeLinePlatform } from '../fakes/line-platform';
import { pngHeader } from '../helpers/png';

const ORG_NAME = 'เทศบาลตำบลทดสอบ';

describe('setupRichMenu against the fake LINE Platform', () => {
  let line: Awaited<ReturnType<typeof startFakeLinePlatform>>;
  let client: LineClient;
  beforeAll(async () => {
    line = await startFakeLinePlatform({ accessToken: 'menu-token' });
    client = new LineClient({
      apiBaseUrl: line.url,
      dataApiBaseUrl: line.url,
      channelAccessToken: 'menu-token',
    });
  });
  afterAll(() => line.close());

  const menus = async () => (await client.listRichMenus()).richmenus;

  it('creates the menu, uploads a PNG under 1 MB, and makes it the default', async () => {
    const { richMenuId, bytes } = await setupRichMenu({ line: client, orgName: ORG_NAME });

    const all = await menus();
    expect(all.map((m) => m.richMenuId)).toEqual([richMenuId]);
    const menu = all[0]!;
    expect(menu.size).toEqual({ width: 2500, height: 1686 });
    expect(menu.areas).toHaveLength(6);
    expect(menu.areas.map((a) => a.action)).toEqual(
      MENU_KEYS.map((key) => ({
        type: 'postback',
        label: th.menu[key],
        data: `menu:${key}`,
        displayText: th.menu[key],
      })),
    );

    const content = line.fake.getContent(`richmenu:${richMenuId}`)!;
    expect(content.contentType).toBe('image/png');
    expect(pngHeader(content.bytes)).toEqual({ width: 2500, height: 1686 });
    expect(content.bytes.length).toBe(bytes);
    expect(bytes).toBeLessThanOrEqual(1024 * 1024);

    expect(line.fake.defaultRichMenu).toBe(richMenuId);
  });

  it('run again, leaves one menu, the new default, and keeps menus it did not make', async () => {
    const foreign = await client.createRichMenu({
      size: { width: 2500, height: 843 },
      selected: false,
      name: 'made-by-hand',
      chatBarText: 'other',
      areas: [],
    });
    const first = await setupRichMenu({ line: client, orgName: ORG_NAME });
    const second = await setupRichMenu({ line: client, orgName: ORG_NAME });
    expect(second.richMenuId).not.toBe(first.richMenuId);

    const ids = (await menus()).map((m) => m.richMenuId);
    expect(ids.sort()).toEqual([foreign.richMenuId, second.richMenuId].sort());
    expect(line.fake.defaultRichMenu).toBe(second.richMenuId);
    await client.deleteRichMenu(foreign.richMenuId);
  });

  it('with replace: false, keeps the earlier menus', async () => {
    const before = (await menus()).map((m) => m.richMenuId);
    const next = await setupRichMenu({ line: client, orgName: ORG_NAME, replace: false });
    expect((await menus()).map((m) => m.richMenuId).sort()).toEqual(
      [...before, next.richMenuId].sort(),
    );
  });

  it('deletes the new menu again when the upload fails, and leaves the default alone', async () => {
    const before = (await menus()).map((m) => m.richMenuId).sort();
    const defaultBefore = line.fake.defaultRichMenu;
    line.fake.failNext({ path: /\/content$/, status: 500 });
    await expect(setupRichMenu({ line: client, orgName: ORG_NAME })).rejects.toThrow(/500/);
    expect((await menus()).map((m) => m.richMenuId).sort()).toEqual(before);
    expect(line.fake.defaultRichMenu).toBe(defaultBefore);
  });
});

/** `npm run line:richmenu` as a function, on PGlite in a fresh DATA_DIR. */
describe('richMenuCommand', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fangsiang-richmenu-'));
  const appSecret = randomHex(32);
  let line: Awaited<ReturnType<typeof startFakeLinePlatform>>;
  let env: Record<string, string>;
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await richMenuCommand(argv, env, {
      log: (l) => out.push(l),
      error: (l) => err.push(l),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeAll(async () => {
    line = await startFakeLinePlatform({ accessToken: 'cli-token' });
    // PORT 0: no server of ours answers there, so the command does not refuse to open PGlite.
    env = {
      DATA_DIR: dataDir,
      APP_SECRET: appSecret,
      LINE_API_BASE_URL: line.url,
      LINE_DATA_API_BASE_URL: line.url,
      PORT: '0',
    };
    const database = await openDatabase({ dataDir });
    try {
      await database.migrate();
      const box = await SecretBox.fromAppSecret(appSecret);
      await database.db.insert(orgs).values([
        {
          slug: 'with-line',
          name: ORG_NAME,
          lineChannelSecretEnc: await box.seal(randomHex(16)),
          lineAccessTokenEnc: await box.seal('cli-token'),
        },
        { slug: 'no-line', name: ORG_NAME },
      ]);
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    await line.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sets the menu on the organisation’s channel and says so', async () => {
    const r = await run('--org', 'with-line');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const id = line.fake.defaultRichMenu!;
    expect(id).toBeTruthy();
    expect(r.out).toContain(`rich menu ${id} is now the default of "with-line"`);
    expect(line.fake.calls(`/v2/bot/richmenu/${id}/content`)[0]?.headers.authorization).toBe(
      'Bearer cli-token',
    );
  });

  it('fails clearly without an access token or an organisation, and on bad arguments', async () => {
    const calls = line.fake.requests.length;
    const noToken = await run('--org', 'no-line');
    expect(noToken.code).toBe(1);
    expect(noToken.err).toMatch(/"no-line" has no LINE channel access token/);
    const missing = await run('--org', 'nowhere');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no organisation with slug "nowhere"/);
    const bad = await run('--orgg', 'x');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/usage:/);
    expect(line.fake.requests.length).toBe(calls);
  });

  it('with --out only writes the image, named from the organisation, without calling LINE', async () => {
    const calls = line.fake.requests.length;
    const file = join(dataDir, 'out', 'menu.png');
    const r = await run('--org', 'with-line', '--out', file);
    expect(r.code).toBe(0);
    expect(pngHeader(new Uint8Array(readFileSync(file)))).toEqual({ width: 2500, height: 1686 });
    expect(line.fake.requests.length).toBe(calls);
  });
});
