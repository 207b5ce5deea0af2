import { conversationStates } from '../../db/schema';
import { text } from '../../shared/line/messages';
import { menu } from '../../shared/conversation/render';
import { th } from '../../shared/text/th';
import { eq } from 'drizzle-orm';
import { upsertResident } from './residents';
import type { EventHandler } from './types';

/**
 * A resident added the Official Account (or unblocked it): greet them by the
 * organisation's name, show the privacy notice (recorded as shown) and the menu,
 * and start from a clean conversation.
 */
export const follow: EventHandler = async (event, ctx) => {
  const userId = event.source?.userId;
  if (!userId) return;
  const resident = await upsertResident(ctx, userId, {
    followedAt: ctx.now,
    unfollowedAt: null,
    consentAt: ctx.now,
  });
  await ctx.tx.delete(conversationStates).where(eq(conversationStates.residentId, resident.id));
  return { reply: [text(th.greeting(ctx.org.name)), text(th.privacyNotice), menu()] };
};
