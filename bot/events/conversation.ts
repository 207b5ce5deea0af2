import { converse, toInput } from '../conversation/executor';
import { handleStaffEvent } from '../staff/chat';
import type { EventHandler } from './types';

/**
 * Messages (text, photo, location, sticker, …) and postback taps (rich menu, quick
 * replies, Flex buttons) both go to the resident's conversation.
 */
export const conversation: EventHandler = async (event, ctx) => {
  const staffReply = await handleStaffEvent(event, ctx);
  if (staffReply) return { reply: staffReply };
  const input = toInput(event);
  if (!input) return;
  return { reply: await converse(event, input, ctx) };
};
