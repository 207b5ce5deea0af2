import { upsertResident } from './residents';
import type { EventHandler } from './types';

/** The resident blocked the account: remember it, so nothing is pushed to them any more. */
export const unfollow: EventHandler = async (event, ctx) => {
  const userId = event.source?.userId;
  if (userId) await upsertResident(ctx, userId, { unfollowedAt: ctx.now });
};
