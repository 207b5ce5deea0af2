import { STAFF_ROLES, type StaffRole } from '../../shared/roles';
import type { CliIo, Command, CliError as CliErrorClass } from '../cli-kit';
import type { Database } from '../../db/types';
import { silentLogger } from '../logger';
import { loadOrCreateAppSecret } from '../app-secret';
import { SecretBox } from '../orgs';
import { parseEnv } from '../env';
import { createInvite, InviteError } from './invite';
import { staffLinks } from '../services';
import { qrPng, qrSvg } from '../survey/qr';
import { writeFile } from 'node:fs/promises';

/**
 * `npm run cli -- staff invite --org <slug> --role <role> [--division <code>] [--name <name>] [--days 7] [--qr <file.png|file.svg>]`:
 * prints a one-time code the new member of staff sends to the organisation's LINE OA, and
 * with --qr writes a QR code of the console link that redeems it (scan with LINE).
 * Only a keyed hash of the code is stored (APP_SECRET, the same one the server uses).
 */
export function staffInviteCommand(h: {
  CliError: typeof CliErrorClass;
  withDatabase: <T>(io: Required<CliIo>, fn: (db: Database) => Promise<T>) => Promise<T>;
}): Command {
  const { CliError } = h;
  return {
    usage:
      'staff invite --org <slug> --role <role> [--division <code>] [--name <name>] [--days 7] [--qr <file.png|file.svg>]',
    summary: `make a one-time code that links a LINE account to a staff record; roles: ${STAFF_ROLES.join(', ')}`,
    async run(args, io) {
      const known = new Set(['org', 'role', 'division', 'name', 'days', 'qr']);
      for (const f of args.flags.keys())
        if (!known.has(f)) throw new CliError(`unknown option --${f}`, true);
      if (args.positional.length) throw new CliError('no positional arguments expected', true);
      const str = (k: string) => {
        const v = args.flags.get(k);
        return typeof v === 'string' && v ? v : undefined;
      };
      const slug = str('org');
      if (!slug) throw new CliError('--org <slug> is required', true);
      const role = str('role');
      if (!role || !(STAFF_ROLES as readonly string[]).includes(role))
        throw new CliError(`--role must be one of ${STAFF_ROLES.join(', ')}`, true);
      const qr = str('qr');
      if (qr !== undefined && !/\.(png|svg)$/i.test(qr))
        throw new CliError('--qr must name a .png or .svg file', true);
      const days = str('days') ? Number(str('days')) : undefined;
      if (days !== undefined && !(Number.isInteger(days) && days > 0 && days <= 90))
        throw new CliError('--days must be a whole number from 1 to 90', true);
      const env = parseEnv(io.env);
      const secrets = await SecretBox.fromAppSecret(
        env.APP_SECRET ?? loadOrCreateAppSecret(env.DATA_DIR, silentLogger),
      );
      await h.withDatabase(io, async ({ db }) => {
        try {
          const invite = await createInvite(db, secrets, {
            orgSlug: slug,
            role: role as StaffRole,
            divisionCode: str('division'),
            name: str('name'),
            ttlDays: days,
            now: new Date(),
          });
          io.out(invite.code);
          io.out(
            `${invite.orgName}${invite.divisionName ? ` / ${invite.divisionName}` : ''}: role ${role}, ` +
              `valid until ${invite.expiresAt.toISOString()}, usable once.`,
          );
          io.out("Send this code as a chat message to the organisation's LINE Official Account,");
          const link = `${staffLinks(env).console()}?org=${encodeURIComponent(slug)}&invite=${invite.code}`;
          io.out(`or open ${link} in LINE.`);
          if (qr) {
            await writeFile(qr, /\.svg$/i.test(qr) ? qrSvg(link, invite.code) : await qrPng(link));
            io.out(`QR code of that link written to ${qr}.`);
          }
        } catch (e) {
          if (e instanceof InviteError) throw new CliError(e.message);
          throw e;
        }
      });
    },
  };
}
