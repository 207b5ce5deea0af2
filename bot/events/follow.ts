import { clearConversationState } from '../../db/conversations';
import { upsertResident } from '../../db/residents';
import { text } from '../../shared/line/messages';
import { menu } from '../../shared/conversation/render';
import { orgMessageTexts } from '../../db/message-templates';
import { render } from '../../shared/messages/templates';
import type { EventHandler } from './types';

/**
 * A resident added the Official Account (or unblocked it): greet them by the
 * organisation's name, show the privacy notice (recorded as shown) and the menu,
 * and start from a clean conversation. Both texts are the organisation's own wording
 * where it has one (admin console, shared/messages/templates.ts).
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
  const texts = await orgMessageTexts(ctx.tx, ctx.org.id);
  const org = { org: ctx.org.name };
  return {
    reply: [
      text(render(texts, 'greeting', org)),
      text(render(texts, 'privacyNotice', org)),
      menu(),
    ],
  };
};
