import { eq } from 'drizzle-orm';
import { orgs } from '../db/schema';
import type { Db } from '../db/types';
import { randomHex } from '../shared/crypto';
import type { SecretBox } from './orgs';

/** The channel id that marks simulator credentials in the orgs table. */
export const SIMULATOR_CHANNEL_ID = 'simulator';

/**
 * The default organisation's LINE credentials come from the environment
 * (LINE_CHANNEL_SECRET / LINE_CHANNEL_ACCESS_TOKEN). Without them the app is in
 * simulator mode, and the organisation gets fresh simulator credentials instead.
 */
export async function applyDefaultOrgCredentials(
  db: Db,
  box: SecretBox,
  slug: string,
  creds: { channelSecret: string; accessToken: string } | null,
): Promise<void> {
  const c = creds ?? { channelSecret: randomHex(16), accessToken: `simulator-${randomHex(16)}` };
  const updated = await db
    .update(orgs)
    .set({
      lineChannelId: creds ? null : SIMULATOR_CHANNEL_ID,
      lineChannelSecretEnc: await box.seal(c.channelSecret),
      lineAccessTokenEnc: await box.seal(c.accessToken),
    })
    .where(eq(orgs.slug, slug))
    .returning({ id: orgs.id });
  if (!updated.length) throw new Error(`default organisation "${slug}" does not exist`);
}
