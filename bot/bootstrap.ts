import { setOrgCredentials } from '../db/orgs';
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
  const updated = await setOrgCredentials(db, slug, {
    channelId: creds ? null : SIMULATOR_CHANNEL_ID,
    secretEnc: await box.seal(c.channelSecret),
    tokenEnc: await box.seal(c.accessToken),
  });
  if (!updated) throw new Error(`default organisation "${slug}" does not exist`);
}
