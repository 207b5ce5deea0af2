import { textWithMenu } from '../../shared/line/messages';
import { th } from '../../shared/text/th';
import type { EventHandler } from './types';

/** A tap on a postback button. No flow uses postbacks yet, so the resident gets the menu. */
export const postback: EventHandler = async () => ({ reply: [textWithMenu(th.notUnderstood)] });
