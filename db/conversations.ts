import { eq } from 'drizzle-orm';
import { conversationStates } from './schema';
import type { Queryable } from './types';

/** A resident starts over: their saved conversation state is dropped (follow, data deletion). */
export async function clearConversationState(q: Queryable, residentId: string): Promise<void> {
  await q.delete(conversationStates).where(eq(conversationStates.residentId, residentId));
}
