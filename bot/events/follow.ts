import { clearConversationState } from '../../db/conversations';
import { upsertResident } from '../../db/residents';
import { text } from '../../shared/line/messages';
import { menu } from '../../shared/conversation/render';
import { th } from '../../shared/text/th';
import type { EventHandler } from './types';

/**
 * A resident added the Official Account (or unblocked it): greet them by the
 * organisation's name, show the privacy notice (recorded as shown) and the menu,
 * and start from a clean conversation.
 */
export const follow: EventHandler = async (event, ctx) => {
  const userId = event.source?.userId;
  if (!userId) return;
  const resident = await upsertResident(ctx.tx, ctx.org.id, userId, {
    followedAt: ctx.now,
    unfollowedAt: null,
    consentAt: ctx.now,
  });
  await clearConversationState(ctx.tx, resident.id);
  return { reply: [text(th.greeting(ctx.org.name)), text(th.privacyNotice), menu()] };
};
