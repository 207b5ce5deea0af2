import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/client';
import { findOrgBySlug } from '../../db/orgs';
import { buildRichMenu, RICH_MENU_NAME_PREFIX } from '../../shared/line/richmenu';
import { SIMULATOR_CHANNEL_ID } from '../bootstrap';
import { EnvError, parseEnv } from '../env';
import { reportFormUrl } from '../report-form/url';
import type { LineClient } from '../line/client';
import { OrgDirectory, SecretBox } from '../orgs';
import { renderRichMenuImage } from './image';

/**
 * Puts the resident rich menu on an organisation's LINE channel: renders the image,
 * creates the menu, uploads the image, makes it every user's default, then (with
 * `replace`, the default) deletes the menus an earlier run created, found by the
 * "fangsiang-" name prefix. Menus anyone else made are left alone. The new menu is the
 * default before an old one goes, so residents never see the chat without a menu.
 */
export async function setupRichMenu(deps: {
  line: LineClient;
  orgName: string;
  replace?: boolean;
  /** The LIFF report form's link for the แจ้งเหตุ area (only with a LIFF app). */
  reportFormUrl?: string;
}): Promise<{ richMenuId: string; bytes: number }> {
  const image = await renderRichMenuImage({ orgName: deps.orgName });
  const { richMenuId } = await deps.line.createRichMenu(
    buildRichMenu({ reportFormUrl: deps.reportFormUrl }),
  );
  try {
    await deps.line.uploadRichMenuImage(richMenuId, image.bytes, image.contentType);
    await deps.line.setDefaultRichMenu(richMenuId);
  } catch (e) {
    // A menu without its image is of no use to anyone: do not leave it behind.
    await deps.line.deleteRichMenu(richMenuId).catch(() => {});
    throw e;
  }
  if (deps.replace ?? true) {
    const { richmenus } = await deps.line.listRichMenus();
    for (const menu of richmenus) {
      if (menu.richMenuId !== richMenuId && menu.name?.startsWith(RICH_MENU_NAME_PREFIX)) {
        await deps.line.deleteRichMenu(menu.richMenuId);
      }
    }
  }
  return { richMenuId, bytes: image.bytes.length };
}

export const USAGE = `usage: npm run line:richmenu -- --org <slug> [--keep-old]
       npm run line:richmenu -- --out <file.png> [--org <slug> | --name <organisation name>]

  --org <slug>   the organisation whose LINE channel gets the menu (its stored access token)
  --keep-old     leave rich menus from earlier runs in place (default: delete them)
  --name <name>  the organisation name on the image (default: the stored one)
  --out <file>   only write the image to a file; no LINE calls

On PGlite (DATABASE_URL unset) stop the server first: one process at a time may use DATA_DIR.`;

/** A failure the user can fix, printed without a stack trace. */
class CommandError extends Error {}

export interface CommandIo {
  log(line: string): void;
  error(line: string): void;
}

const OPTIONS = {
  org: { type: 'string' },
  out: { type: 'string' },
  name: { type: 'string' },
  'keep-old': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseOptions(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, strict: true }).values;
}

/**
 * `npm run line:richmenu`: the whole command with its arguments and environment as
 * parameters (bot/richmenu/cli.ts passes the process's). Returns the exit code.
 */
export async function richMenuCommand(
  argv: string[],
  source: Record<string, unknown>,
  io: CommandIo = console,
): Promise<number> {
  let args: ReturnType<typeof parseOptions>;
  try {
    args = parseOptions(argv);
  } catch (e) {
    io.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.log(USAGE);
    return 0;
  }
  if (!args.org && !args.out) {
    io.error(USAGE);
    return 2;
  }
  try {
    const env = parseEnv(source);
    if (args.out && !args.org) {
      await writeImage(args.out, args.name ?? '', io);
      return 0;
    }
    const slug = args.org!;
    if (!env.DATABASE_URL && (await serverIsUp(env.PORT))) {
      throw new CommandError(
        `a FangSiang server answers on port ${env.PORT}: stop it first, as PGlite lets ` +
          `one process at a time use ${env.DATA_DIR} (or use DATABASE_URL)`,
      );
    }
    const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
    try {
      await database.migrate();
      if (args.out) {
        const org = await findOrgBySlug(database.db, slug);
        if (!org) throw new CommandError(`no organisation with slug "${slug}"`);
        await writeImage(args.out, args.name ?? org.name, io);
        return 0;
      }

      const appSecret = env.APP_SECRET ?? readAppSecret(env.DATA_DIR);
      const directory = new OrgDirectory(database.db, await SecretBox.fromAppSecret(appSecret), {
        apiBaseUrl: env.LINE_API_BASE_URL,
        dataApiBaseUrl: env.LINE_DATA_API_BASE_URL,
      });
      const channel = await directory.bySlug(slug).catch((e: unknown) => {
        throw new CommandError(
          `cannot read the stored LINE credentials of "${slug}" (${(e as Error).message}): ` +
            'is APP_SECRET the one the server runs with?',
        );
      });
      if (!channel) throw new CommandError(`no organisation with slug "${slug}"`);
      if (!channel.line) {
        throw new CommandError(
          `organisation "${slug}" has no LINE channel access token. For the default ` +
            'organisation, start the server once with LINE_CHANNEL_SECRET and ' +
            'LINE_CHANNEL_ACCESS_TOKEN set: it stores them.',
        );
      }
      if (
        channel.org.lineChannelId === SIMULATOR_CHANNEL_ID &&
        new URL(env.LINE_API_BASE_URL).hostname === 'api.line.me'
      ) {
        throw new CommandError(
          `organisation "${slug}" only has simulator credentials, which LINE would refuse. ` +
            'Start the server once with LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN set.',
        );
      }
      const started = performance.now();
      const result = await setupRichMenu({
        line: channel.line,
        orgName: args.name ?? channel.org.name,
        replace: !args['keep-old'],
        ...(env.LIFF_ID ? { reportFormUrl: reportFormUrl(env, slug) } : {}),
      });
      io.log(
        `rich menu ${result.richMenuId} is now the default of "${slug}" ` +
          `(image ${result.bytes} bytes, ${Math.round(performance.now() - started)} ms)`,
      );
      return 0;
    } finally {
      await database.close();
    }
  } catch (e) {
    io.error(e instanceof CommandError || e instanceof EnvError ? e.message : String(e));
    return 1;
  }
}

/** Whether our server answers /healthz on this machine's port, e.g. `npm start` in another terminal. */
async function serverIsUp(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, {
      signal: AbortSignal.timeout(1000),
    });
    const body = (await res.json()) as { db?: unknown };
    return body.db === 'pglite';
  } catch {
    return false;
  }
}

async function writeImage(file: string, orgName: string, io: CommandIo): Promise<void> {
  const image = await renderRichMenuImage({ orgName });
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, image.bytes);
  io.log(`wrote ${file} (${image.bytes.length} bytes, 2500×1686 PNG)`);
}

/**
 * APP_SECRET as the server keeps it when the variable is unset (bot/node-server.ts).
 * Read only: a new secret here could not open the credentials stored under the old one.
 */
function readAppSecret(dataDir: string): string {
  const file = join(dataDir, 'app-secret');
  if (!existsSync(file)) {
    throw new CommandError(
      `APP_SECRET is not set and ${file} does not exist: set APP_SECRET (or DATA_DIR) ` +
        'to what the server runs with',
    );
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32)
    throw new CommandError(`${file} holds a secret shorter than 32 characters`);
  return secret;
}
