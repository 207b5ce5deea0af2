import { z } from 'zod';

/**
 * The saved conversation state (conversation_states), one schema per flow: the step is
 * one of that flow's steps and `data` holds only what that flow collects. The executor
 * parses what the database holds with `parseState`; anything that does not fit (an old
 * shape, a hand-edited row, a step that no longer exists) resets to idle, never a crash.
 */
const photo = z.object({ key: z.string(), contentType: z.string(), bytes: z.number() });

/** What a report, complaint or corruption complaint collects. */
export const caseDataSchema = z.object({
  category: z.string().optional(),
  categoryName: z.string().optional(),
  /** The category was guessed from the resident's words and not yet confirmed. */
  categoryGuessed: z.boolean().optional(),
  subject: z.string().optional(),
  description: z.string().optional(),
  concerning: z.string().optional(),
  photos: z.array(photo).optional(),
  latitude: z.number().nullable().optional(),
  longitude: z.number().nullable().optional(),
  address: z.string().nullable().optional(),
  anonymity: z.enum(['none', 'anonymous', 'confidential']).optional(),
  pin: z.string().optional(),
  notify: z.boolean().optional(),
  contact: z.string().optional(),
  /** An open case nearby the resident was shown (tracking code), and their answer. */
  nearby: z.string().optional(),
  nearbyChecked: z.boolean().optional(),
  /** An urgent category's advice and numbers were sent. */
  urgentShown: z.boolean().optional(),
  /** The step to go on with after the confidential-channel offer was declined. */
  resume: z.string().optional(),
});
export type CaseData = z.infer<typeof caseDataSchema>;

const expiresAt = z.string().nullable();

export const conversationStateSchema = z.discriminatedUnion('flow', [
  z.object({ flow: z.literal('idle'), step: z.literal('idle'), data: z.object({}), expiresAt }),
  z.object({
    flow: z.literal('ask'),
    step: z.enum(['question', 'offer']),
    data: z.object({ question: z.string().optional() }),
    expiresAt,
  }),
  /** The resident's words could be a question or a report: they choose. */
  z.object({
    flow: z.literal('intent'),
    step: z.literal('choose'),
    data: z.object({ text: z.string(), category: z.string().optional() }),
    expiresAt,
  }),
  z.object({
    flow: z.literal('report'),
    step: z.enum(['category', 'description', 'location', 'nearby', 'confirm', 'corruptionOffer']),
    data: caseDataSchema,
    expiresAt,
  }),
  z.object({
    flow: z.literal('complaint'),
    step: z.enum(['subject', 'description', 'concerning', 'photo', 'confirm', 'corruptionOffer']),
    data: caseDataSchema,
    expiresAt,
  }),
  z.object({
    flow: z.literal('corruption'),
    step: z.enum(['mode', 'description', 'concerning', 'photo', 'secret', 'notify', 'confirm']),
    data: caseDataSchema,
    expiresAt,
  }),
  z.object({
    flow: z.literal('track'),
    step: z.enum(['code', 'pin']),
    data: z.object({ code: z.string().optional() }),
    expiresAt,
  }),
  z.object({ flow: z.literal('data'), step: z.literal('confirm'), data: z.object({}), expiresAt }),
  /** After "not fixed" (bot/outcomes/verdict.ts): the resident's own words, or "ข้าม". */
  z.object({
    flow: z.literal('verdict'),
    step: z.literal('note'),
    data: z.object({ caseId: z.string(), code: z.string() }),
    expiresAt,
  }),
]);

export type ConversationState = z.infer<typeof conversationStateSchema>;
export type FlowName = ConversationState['flow'];
export type StepOf<F extends FlowName> = Extract<ConversationState, { flow: F }>['step'];
export type DataOf<F extends FlowName> = Extract<ConversationState, { flow: F }>['data'];

/** A saved row parsed: the state, or idle with `reset` when the row did not fit. */
export function parseState(saved: {
  flow: string;
  step: string;
  data: unknown;
  expiresAt: string | null;
}): { state: ConversationState; reset: boolean } {
  const parsed = conversationStateSchema.safeParse(saved);
  if (parsed.success) return { state: parsed.data, reset: false };
  return {
    state: { flow: 'idle', step: 'idle', data: {}, expiresAt: null },
    reset: saved.flow !== 'idle',
  };
}
