import { upsertResident } from '../../db/residents';
import type { EventHandler } from './types';

/** The resident blocked the account: remember it, so nothing is pushed to them any more. */
export const unfollow: EventHandler = async (event, ctx) => {
  const userId = event.source?.userId;
  if (userId) await upsertResident(ctx.tx, ctx.org.id, userId, { unfollowedAt: ctx.now });
};
