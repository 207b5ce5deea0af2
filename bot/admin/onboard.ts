import { findOrgBySlug, setOrgCredentials } from '../../db/orgs';
import { createOrgFromTemplate, templateCounts } from '../../db/template';
import type { Db } from '../../db/types';
import { firstIssue, orgCreateSchema, type OrgCreateInput } from '../../shared/admin/org';
import { formatThaiDateTime } from '../../shared/dates';
import { thAdmin } from '../../shared/text/th-admin';
import { LineApiError, LineClient } from '../line/client';
import type { SecretBox } from '../orgs';
import { setupRichMenu } from '../richmenu/command';
import { createInvite } from '../staff/invite';

/** A refusal the person can fix; `field` names the input at fault. Nothing was created. */
export class OnboardError extends Error {
  override name = 'OnboardError';
  constructor(
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

export interface OnboardDeps {
  db: Db;
  secrets: SecretBox;
  line: { apiBaseUrl: string; dataApiBaseUrl: string; fetch?: typeof fetch };
  /** Where LINE reaches this deployment, e.g. https://fangsiang.example.org */
  publicBaseUrl: string;
  now: Date;
}

export interface OnboardResult {
  orgId: string;
  slug: string;
  name: string;
  webhookUrl: string;
  bot: { userId: string; basicId: string; displayName: string };
  richMenu: { ok: true; richMenuId: string } | { ok: false; error: string };
  invite: { code: string; expiresAt: Date; link: string };
  template: { divisions: number; categories: number; faq: number; services: number };
}

/** Validates raw input with the shared schema, or throws OnboardError naming the field. */
export function parseOrgCreate(raw: unknown): OrgCreateInput {
  const r = orgCreateSchema.safeParse(raw);
  if (!r.success) {
    const { field, message } = firstIssue(r.error);
    throw new OnboardError(`${field}: ${message}`, field);
  }
  return r.data;
}

/** Asks LINE who the token belongs to; a refusal is a Thai OnboardError. */
export async function checkLineCredentials(
  deps: Pick<OnboardDeps, 'line'>,
  accessToken: string,
): Promise<{ client: LineClient; bot: OnboardResult['bot'] }> {
  const client = new LineClient({
    ...deps.line,
    channelAccessToken: accessToken,
    timeoutMs: 15_000,
  });
  try {
    const info = await client.getBotInfo();
    return {
      client,
      bot: { userId: info.userId, basicId: info.basicId, displayName: info.displayName },
    };
  } catch (e) {
    if (e instanceof LineApiError && (e.status === 401 || e.status === 403))
      throw new OnboardError(thAdmin.org.badToken, 'accessToken');
    throw new OnboardError(
      thAdmin.org.lineUnreachable(e instanceof LineApiError ? `HTTP ${e.status}` : String(e)),
    );
  }
}

/**
 * Onboards an organisation (issue 14 item 1): checks the credentials against LINE before
 * anything is written, creates the organisation from the template (db/template.ts), stores the credentials encrypted, puts the rich menu
 * on the channel and makes the first admin's invite.
 */
export async function createOrganisation(deps: OnboardDeps, raw: unknown): Promise<OnboardResult> {
  const input = parseOrgCreate(raw);
  if (await findOrgBySlug(deps.db, input.slug))
    throw new OnboardError(thAdmin.org.slugTaken(input.slug), 'slug');
  const { client, bot } = await checkLineCredentials(deps, input.accessToken);

  const { id: orgId, created } = await createOrgFromTemplate(
    deps.db,
    {
      slug: input.slug,
      name: input.name,
      settings: input.liffId ? { liffId: input.liffId } : {},
    },
    deps.now,
  );
  if (!created) throw new OnboardError(thAdmin.org.slugTaken(input.slug), 'slug'); // a race
  await setOrgCredentials(deps.db, input.slug, {
    channelId: bot.userId,
    secretEnc: await deps.secrets.seal(input.channelSecret),
    tokenEnc: await deps.secrets.seal(input.accessToken),
  });

  let richMenu: OnboardResult['richMenu'];
  richMenu = { ok: false, error: '' };
  for (let attempt = 0; attempt < 2 && !richMenu.ok; attempt++) {
    try {
      const r = await setupRichMenu({ line: client, orgName: input.name });
      richMenu = { ok: true, richMenuId: r.richMenuId };
    } catch (e) {
      richMenu = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }

  const invite = await createInvite(deps.db, deps.secrets, {
    orgSlug: input.slug,
    role: 'admin',
    ttlDays: 7,
    now: deps.now,
  });
  const base = deps.publicBaseUrl.replace(/\/$/, '');
  const consoleBase = input.liffId
    ? `https://liff.line.me/${input.liffId}/console.html`
    : `${base}/liff/console.html`;
  const link = `${consoleBase}?org=${encodeURIComponent(input.slug)}&invite=${invite.code}`;

  return {
    orgId,
    slug: input.slug,
    name: input.name,
    webhookUrl: `${base}/webhook/${input.slug}`,
    bot,
    richMenu,
    invite: { code: invite.code, expiresAt: invite.expiresAt, link },
    template: await templateCounts(deps.db, orgId),
  };
}

/** The result as Thai lines for a clerk (CLI and operator page). */
export function describeOnboarding(r: OnboardResult): string[] {
  return [
    thAdmin.org.created(r.name, r.slug),
    thAdmin.org.bot(r.bot.displayName, r.bot.basicId),
    thAdmin.org.webhook(r.webhookUrl),
    r.richMenu.ok ? thAdmin.org.richMenu : thAdmin.org.richMenuFailed(r.richMenu.error),
    thAdmin.org.template(r.template),
    thAdmin.org.invite(r.invite.code, formatThaiDateTime(r.invite.expiresAt)),
    thAdmin.org.inviteHow,
    r.invite.link,
  ];
}

/** New credentials for an organisation, checked against LINE first. */
export async function rotateOrgCredentials(
  deps: Pick<OnboardDeps, 'db' | 'secrets' | 'line'>,
  slug: string,
  raw: { channelSecret?: unknown; accessToken?: unknown },
): Promise<void> {
  const schema = orgCreateSchema.pick({ channelSecret: true, accessToken: true });
  const r = schema.safeParse(raw);
  if (!r.success) {
    const { field, message } = firstIssue(r.error);
    throw new OnboardError(`${field}: ${message}`, field);
  }
  if (!(await findOrgBySlug(deps.db, slug)))
    throw new OnboardError(thAdmin.org.noSuchOrg(slug), 'slug');
  const { bot } = await checkLineCredentials(deps, r.data.accessToken);
  await setOrgCredentials(deps.db, slug, {
    channelId: bot.userId,
    secretEnc: await deps.secrets.seal(r.data.channelSecret),
    tokenEnc: await deps.secrets.seal(r.data.accessToken),
  });
}
