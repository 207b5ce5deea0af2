import { conversation } from './conversation';
import { follow } from './follow';
import type { EventHandler } from './types';
import { unfollow } from './unfollow';

/**
 * One handler per LINE event type. A type that is not here (join, leave, beacon,
 * accountLink, …) is logged and marked processed, never thrown.
 */
export const handlers: Record<string, EventHandler> = {
  follow,
  unfollow,
  message: conversation,
  postback: conversation,
};
