import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { findOrgBySlug, listOrgs, setOrgDisabled } from '../../db/orgs';
import { insertOperator } from '../../db/operators';
import type { Database } from '../../db/types';
import { randomHex } from '../../shared/crypto';
import { formatThaiDate } from '../../shared/dates';
import { thAdmin } from '../../shared/text/th-admin';
import type { CliError as CliErrorClass, CliIo, Command, ParsedArgs } from '../cli-kit';
import { parseEnv, type Env } from '../env';
import { silentLogger } from '../logger';
import { loadOrCreateAppSecret } from '../app-secret';
import { SecretBox } from '../orgs';
import { qrPng, qrSvg } from '../survey/qr';
import {
  createOrganisation,
  describeOnboarding,
  OnboardError,
  rotateOrgCredentials,
} from './onboard';
import { operatorTokenHash } from './operator';

type Helpers = {
  CliError: typeof CliErrorClass;
  withDatabase: <T>(io: Required<CliIo>, fn: (db: Database) => Promise<T>) => Promise<T>;
};

function flags(args: ParsedArgs, known: string[], CliError: typeof CliErrorClass) {
  for (const f of args.flags.keys())
    if (!known.includes(f)) throw new CliError(`unknown option --${f}`, true);
  if (args.positional.length) throw new CliError('no positional arguments expected', true);
  return (k: string) => {
    const v = args.flags.get(k);
    return typeof v === 'string' ? v : undefined;
  };
}

async function secretsFor(env: Env) {
  return SecretBox.fromAppSecret(
    env.APP_SECRET ?? loadOrCreateAppSecret(env.DATA_DIR, silentLogger),
  );
}

function lineOf(env: Env) {
  return { apiBaseUrl: env.LINE_API_BASE_URL, dataApiBaseUrl: env.LINE_DATA_API_BASE_URL };
}

export function publicBase(env: Env): string {
  return env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`;
}

/** `org create|list|rotate-secret|disable|enable` and `operator create` (issue 14). */
export function orgCommands(h: Helpers): Record<string, Command> {
  const { CliError } = h;
  const wrap = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (e) {
      if (e instanceof OnboardError) throw new CliError(e.message);
      throw e;
    }
  };
  return {
    'org create': {
      usage:
        'org create --name <ชื่อ> --slug <slug> --channel-secret <secret> --access-token <token> [--liff-id <id>] [--qr <file.png|file.svg>]',
      summary:
        'onboard an organisation: check the LINE credentials, copy the template, put the rich menu, print the webhook URL and the first admin invite',
      async run(args, io) {
        const get = flags(
          args,
          ['name', 'slug', 'channel-secret', 'access-token', 'liff-id', 'qr'],
          CliError,
        );
        const qr = get('qr');
        if (qr !== undefined && !/\.(png|svg)$/i.test(qr))
          throw new CliError('--qr must name a .png or .svg file', true);
        const env = parseEnv(io.env);
        const secrets = await secretsFor(env);
        await h.withDatabase(io, ({ db }) =>
          wrap(async () => {
            const r = await createOrganisation(
              { db, secrets, line: lineOf(env), publicBaseUrl: publicBase(env), now: new Date() },
              {
                name: get('name') ?? '',
                slug: get('slug') ?? '',
                channelSecret: get('channel-secret') ?? '',
                accessToken: get('access-token') ?? '',
                liffId: get('liff-id'),
              },
            );
            for (const line of describeOnboarding(r)) io.out(line);
            if (qr) {
              const file = resolve(io.cwd, qr);
              await writeFile(
                file,
                /\.svg$/i.test(qr)
                  ? qrSvg(r.invite.link, r.invite.code)
                  : await qrPng(r.invite.link),
              );
              io.out(thAdmin.org.qrWritten(file));
            }
          }),
        );
      },
    },
    'org list': {
      usage: 'org list',
      summary: 'the organisations of this deployment, with their LINE channel and status',
      async run(args, io) {
        flags(args, [], CliError);
        await h.withDatabase(io, async ({ db }) => {
          io.out(thAdmin.org.listHeader);
          for (const o of await listOrgs(db))
            io.out(
              [
                o.slug,
                o.name,
                o.hasChannel ? 'มี' : 'ไม่มี',
                o.disabledAt ? thAdmin.org.off : thAdmin.org.active,
                formatThaiDate(o.createdAt),
              ].join('\t'),
            );
        });
      },
    },
    'org rotate-secret': {
      usage: 'org rotate-secret --slug <slug> --channel-secret <secret> --access-token <token>',
      summary:
        "replace an organisation's LINE channel secret and access token (checked with LINE first)",
      async run(args, io) {
        const get = flags(args, ['slug', 'channel-secret', 'access-token'], CliError);
        const slug = get('slug');
        if (!slug) throw new CliError('--slug <slug> is required', true);
        const env = parseEnv(io.env);
        const secrets = await secretsFor(env);
        await h.withDatabase(io, ({ db }) =>
          wrap(async () => {
            await rotateOrgCredentials({ db, secrets, line: lineOf(env) }, slug, {
              channelSecret: get('channel-secret') ?? '',
              accessToken: get('access-token') ?? '',
            });
            io.out(thAdmin.org.rotated(slug));
          }),
        );
      },
    },
    'org disable': {
      usage: 'org disable --slug <slug>',
      summary: 'the webhook answers 404 from now on; all data is kept',
      async run(args, io) {
        const slug = flags(args, ['slug'], CliError)('slug');
        if (!slug) throw new CliError('--slug <slug> is required', true);
        await h.withDatabase(io, async ({ db }) => {
          if (!(await setOrgDisabled(db, slug, new Date())))
            throw new CliError(thAdmin.org.noSuchOrg(slug));
          io.out(thAdmin.org.disabled(slug));
        });
      },
    },
    'org enable': {
      usage: 'org enable --slug <slug>',
      summary: 'undo org disable',
      async run(args, io) {
        const slug = flags(args, ['slug'], CliError)('slug');
        if (!slug) throw new CliError('--slug <slug> is required', true);
        await h.withDatabase(io, async ({ db }) => {
          if (!(await findOrgBySlug(db, slug))) throw new CliError(thAdmin.org.noSuchOrg(slug));
          await setOrgDisabled(db, slug, null);
          io.out(thAdmin.org.enabled(slug));
        });
      },
    },
    'operator create': {
      usage: 'operator create --name <name>',
      summary:
        'make a deployment operator (above organisations) and print their token for /operator',
      async run(args, io) {
        const name = flags(args, ['name'], CliError)('name');
        if (!name) throw new CliError('--name <name> is required', true);
        const env = parseEnv(io.env);
        const secrets = await secretsFor(env);
        const token = `op_${randomHex(24)}`;
        await h.withDatabase(io, async ({ db }) => {
          await insertOperator(db, name, await operatorTokenHash(secrets, token));
          io.out(thAdmin.org.operatorCreated(name));
          io.out(token);
          io.out(`${publicBase(env).replace(/\/$/, '')}/operator`);
        });
      },
    },
  };
}
