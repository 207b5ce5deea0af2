import type { Message } from '../../shared/line/messages';
import { text } from '../../shared/line/messages';
import type { WebhookEvent } from '../../shared/line/webhook';
import { th } from '../../shared/text/th';
import type { HandlerContext } from '../events/types';
import { parseInviteCode, redeemInviteLimited } from './invite';
import { staffPostback } from './postback';
import { residentReopen } from './reopen';
import { outcomePostback } from '../outcomes/verdict';

type PostbackHandler = (data: string, userId: string, ctx: HandlerContext) => Promise<Message[]>;

/**
 * Postbacks that are not the conversation's, routed by the prefix of their data: staff alert
 * buttons, a resident's reopen button, the resident's verdict on a finished case. Everything
 * else goes to the conversation engine.
 */
const POSTBACKS: readonly (readonly [prefix: string, handler: PostbackHandler])[] = [
  ['staff:', staffPostback],
  ['resident:reopen:', residentReopen],
  ['outcome:', outcomePostback],
];

/**
 * Staff messages that come through the organisation's OA, handled before the resident
 * flows: an invite code links the LINE account; staff postbacks (alert buttons) act on
 * cases. Returns null when the event is not for staff, so the conversation handles it.
 */
export async function handleStaffEvent(
  event: WebhookEvent,
  ctx: HandlerContext,
): Promise<Message[] | null> {
  const userId = event.source?.userId;
  if (!userId) return null;
  if (event.type === 'message') {
    const m = event.message as { type?: string; text?: string } | undefined;
    const code = m?.type === 'text' && m.text ? parseInviteCode(m.text) : null;
    if (!code) return null;
    const displayName = ctx.line
      ? await ctx.line.getProfile(userId).then(
          (p) => p.displayName ?? null,
          () => null,
        )
      : null;
    const linked = await redeemInviteLimited(ctx.tx, ctx.secrets, {
      orgId: ctx.org.id,
      code,
      lineUserId: userId,
      displayName,
      now: ctx.now,
    });
    if (linked === 'too_many') return [text(th.sec.inviteLocked)];
    if (!linked) return [text(th.staff.invite.invalid)];
    return [text(th.staff.invite.linked(linked.name, th.staff.roles[linked.role], ctx.org.name))];
  }
  if (event.type === 'postback') {
    const data = (event.postback as { data?: string } | undefined)?.data ?? '';
    const route = POSTBACKS.find(([prefix]) => data.startsWith(prefix));
    if (route) return route[1](data, userId, ctx);
  }
  return null;
}
