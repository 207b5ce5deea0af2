import { textWithMenu, text } from '../../shared/line/messages';
import { th } from '../../shared/text/th';
import { upsertResident } from './residents';
import type { EventHandler } from './types';

/** A resident added the Official Account (or unblocked it): greet, show the privacy notice and the menu. */
export const follow: EventHandler = async (event, ctx) => {
  const userId = event.source?.userId;
  if (!userId) return;
  await upsertResident(ctx, userId, { followedAt: ctx.now, unfollowedAt: null });
  return {
    reply: [text(th.greeting(ctx.org.name)), text(th.privacyNotice), textWithMenu(th.chooseMenu)],
  };
};
