import type { Message } from '../../shared/line/messages';
import { text } from '../../shared/line/messages';
import { th } from '../../shared/text/th';
import type { HandlerContext } from '../events/types';

/** Staff postbacks from alert buttons: `staff:accept:<caseId>`, `staff:assign:<caseId>`. */
export async function staffPostback(
  _data: string,
  _userId: string,
  _ctx: HandlerContext,
): Promise<Message[]> {
  return [text(th.staff.alert.notAllowed)];
}
