import { NEW_PIN, TRACK_PIN } from '../security/pin';
import type { CasePhoto } from '../cases';
import type { Message } from '../line/messages';
import { MENU_KEYS, parseMenuPostback, type MenuKey } from '../line/richmenu';
import { conv } from '../text/th-conversation';
import { th } from '../text/th';
import { ask, CANCEL, menu, MENU_OPTIONS, SKIP, type Option } from './render';
import {
  IDLE,
  type CaseDraft,
  type Command,
  type ConversationState,
  type FaqEntryView,
  type FlowName,
  type Input,
  type OrgConfig,
  type StepResult,
} from './types';

/**
 * The conversation, as a pure function: (state, input, now, config) → { state, commands }.
 * No I/O: the executor (bot/conversation/executor.ts) loads the state, calls this and
 * performs the commands. Every input gets an answer in Thai, with options to go on.
 */
export function step(
  state: ConversationState,
  input: Input,
  now: Date,
  config: OrgConfig,
): StepResult {
  const notes: Message[] = [];
  if (state.flow !== 'idle' && state.expiresAt && Date.parse(state.expiresAt) <= now.getTime()) {
    notes.push(ask(conv.expired(conv.flowName[state.flow as Exclude<FlowName, 'idle'>])));
    state = IDLE;
  }
  const result = route(state, input, now, config);
  if (notes.length) result.commands.unshift({ type: 'reply', messages: notes });
  return mergeReplies(result);
}

/** The rich menu's keys (shared/line/richmenu.ts), plus the corruption channel's own entry. */
type EntryKey = MenuKey | 'corruption';
const CORRUPTION_POSTBACK = 'menu:corruption';

const MAX_TEXT = 2000;
const LABEL_TO_KEY = new Map<string, EntryKey>(
  MENU_KEYS.map((k) => [th.menu[k].replace(/[-/\s]/g, ''), k]),
);

const squash = (s: string) => s.normalize('NFC').trim().toLowerCase();
const isOneOf = (text: string, words: readonly string[]) =>
  words.some((w) => squash(w) === squash(text));

function menuKeyOf(input: Input): EntryKey | null {
  if (input.type === 'postback') {
    return input.data === CORRUPTION_POSTBACK ? 'corruption' : parseMenuPostback(input.data);
  }
  if (input.type === 'text') {
    if (squash(input.text) === squash(conv.flowName.corruption)) return 'corruption';
    return LABEL_TO_KEY.get(squash(input.text).replace(/[-/\s]/g, '')) ?? null;
  }
  return null;
}

function route(state: ConversationState, input: Input, now: Date, config: OrgConfig): StepResult {
  if (input.type === 'text' && isOneOf(input.text, conv.cancelWords)) {
    return reply(IDLE, menu(state.flow === 'idle' ? th.chooseMenu : conv.cancelled));
  }
  if (input.type === 'text' && isOneOf(input.text, conv.menuWords)) return reply(IDLE, menu());
  const key = menuKeyOf(input);
  if (key) return startFlow(key, now, config);
  if (input.type === 'postback' && input.data.startsWith('faq:')) {
    const entry = config.faq.byId(input.data.slice(4));
    if (entry) return reply(IDLE, faqAnswer(entry));
  }
  if (input.type === 'postback' && input.data === 'faq:handoff' && state.flow === 'ask') {
    return handoff(String(state.data.question ?? ''));
  }

  switch (state.flow) {
    case 'ask':
      return askFlow(state, input, now, config);
    case 'report':
    case 'complaint':
    case 'corruption':
      return caseFlow(state, input, now, config);
    case 'track':
      return trackFlow(state, input, now);
    case 'data':
      return dataFlow(state, input);
    default:
      return idle(input, now, config);
  }
}

function idle(input: Input, now: Date, config: OrgConfig): StepResult {
  if (input.type === 'needPin')
    return trackFlow(flowState('track', 'code', now, config), input, now);
  if (input.type !== 'text') {
    if (input.type === 'postback') return reply(IDLE, menu(th.notUnderstood));
    return reply(IDLE, ask(conv.idleMedia, MENU_OPTIONS));
  }
  const text = input.text.trim();
  if (!text) return reply(IDLE, menu(conv.empty));
  if (isOneOf(text, conv.data.exportWords))
    return { state: IDLE, commands: [{ type: 'exportData' }] };
  if (isOneOf(text, conv.data.deleteWords)) {
    return reply(
      flowState('data', 'confirm', now, config),
      ask(conv.data.confirmDelete, [{ label: conv.confirm }, CANCEL]),
    );
  }
  if (isOneOf(text, conv.handoff.words)) return handoff('');
  // The receipt says a resident may just type the code.
  const code = parseTrackingCode(text);
  if (code) return { state: IDLE, commands: [{ type: 'trackCase', code }] };
  return answerQuestion(text, now, config);
}

function startFlow(key: EntryKey, now: Date, config: OrgConfig): StepResult {
  switch (key) {
    case 'ask':
      return reply(flowState('ask', 'question', now, config), ask(conv.ask.prompt, [CANCEL]));
    case 'report':
      return reply(flowState('report', 'category', now, config), categoryQuestion(config));
    case 'complain':
      return reply(
        flowState('complaint', 'subject', now, config),
        ask(conv.complaint.subject, [
          {
            label: conv.flowName.corruption,
            data: CORRUPTION_POSTBACK,
            displayText: conv.flowName.corruption,
          },
          CANCEL,
        ]),
      );
    case 'corruption':
      return reply(
        flowState('corruption', 'mode', now, config),
        ask(conv.corruption.intro, [
          { label: conv.corruption.anonymous },
          { label: conv.corruption.confidential },
          CANCEL,
        ]),
      );
    case 'track':
      return {
        state: flowState('track', 'code', now, config),
        commands: [
          { type: 'listCases' },
          { type: 'reply', messages: [ask(conv.track.prompt, [CANCEL])] },
        ],
      };
    case 'survey':
      return reply(IDLE, menu(conv.survey(config.surveyUrl)));
    case 'contact':
      return reply(IDLE, menu(conv.contact({ name: config.orgName, ...config.contact })));
  }
}

function answerQuestion(text: string, now: Date, config: OrgConfig): StepResult {
  if ([...text].length > MAX_TEXT) return reply(IDLE, menu(conv.tooLong(MAX_TEXT)));
  const found = config.faq.match(text);
  if (found.kind === 'answer') return reply(IDLE, faqAnswer(found.entry));
  if (found.kind === 'suggest' && found.entries.length) {
    return reply(
      flowState('ask', 'offer', now, config, { question: text }),
      ask(conv.ask.suggest, [
        ...found.entries
          .slice(0, 3)
          .map((e) => ({ label: e.question, data: `faq:${e.extId}`, displayText: e.question })),
        { label: conv.ask.sendToStaff, data: 'faq:handoff', displayText: conv.ask.sendToStaff },
        CANCEL,
      ]),
    );
  }
  return reply(
    flowState('ask', 'offer', now, config, { question: text }),
    ask(conv.ask.notFound, [
      { label: conv.ask.sendToStaff, data: 'faq:handoff', displayText: conv.ask.sendToStaff },
      { label: conv.ask.noThanks, text: conv.cancel },
    ]),
  );
}

function faqAnswer(entry: FaqEntryView): Message {
  const links = (entry.links ?? []).map((l) => `${l.label}: ${l.uri}`);
  const text = [entry.answer, ...links].join('\n');
  const extra: Option[] = (entry.quickReplies ?? []).map((label) => ({ label }));
  return ask(
    text,
    [
      ...extra,
      { label: conv.ask.more, data: 'menu:ask', displayText: conv.ask.more },
      ...MENU_OPTIONS,
    ].slice(0, 13),
  );
}

function handoff(question: string): StepResult {
  return { state: IDLE, commands: [{ type: 'handoff', question }] };
}

function askFlow(state: ConversationState, input: Input, now: Date, config: OrgConfig): StepResult {
  if (input.type === 'text' && input.text.trim())
    return answerQuestion(input.text.trim(), now, config);
  return reply(state, ask(`${conv.unexpected} ${conv.ask.prompt}`, [CANCEL]));
}

// ── Service requests, complaints and corruption complaints: one shape, different steps ──

const STEPS: Record<'report' | 'complaint' | 'corruption', string[]> = {
  report: ['category', 'description', 'photo', 'location', 'confirm'],
  complaint: ['subject', 'description', 'concerning', 'photo', 'confirm'],
  corruption: ['mode', 'description', 'concerning', 'photo', 'secret', 'notify', 'confirm'],
};

function caseFlow(
  state: ConversationState,
  input: Input,
  now: Date,
  config: OrgConfig,
): StepResult {
  const flow = state.flow as keyof typeof STEPS;
  const data = { ...state.data };
  const text = input.type === 'text' ? input.text.trim() : null;
  const again = (why: string) =>
    reply(state, ...[ask(why), promptFor(flow, state.step, data, config)]);
  const next = () => {
    // Only anonymous reporters are asked about LINE notices (others are reachable anyway).
    const steps = STEPS[flow].filter((s) => s !== 'notify' || data.anonymity === 'anonymous');
    const nextStep = steps[steps.indexOf(state.step) + 1]!;
    const s = flowState(flow, nextStep, now, config, data);
    return reply(s, promptFor(flow, nextStep, data, config));
  };
  const textOk = (t: string | null): t is string => {
    return t !== null && t.length > 0 && [...t].length <= MAX_TEXT;
  };
  const textProblem = (t: string | null) =>
    t === null ? conv.unexpected : t.length === 0 ? conv.empty : conv.tooLong(MAX_TEXT);

  switch (state.step) {
    case 'category': {
      const cat = pickCategory(input, config);
      if (!cat) return again(conv.unexpected);
      data.category = cat.code;
      data.categoryName = cat.name;
      return next();
    }
    case 'mode': {
      if (text === conv.corruption.anonymous) data.anonymity = 'anonymous';
      else if (text === conv.corruption.confidential) data.anonymity = 'confidential';
      else return again(conv.unexpected);
      return next();
    }
    case 'subject':
    case 'description':
      if (!textOk(text)) return again(textProblem(text));
      data[state.step] = text;
      return next();
    case 'concerning':
      if (text === conv.skip) data.concerning = '';
      else if (textOk(text)) data.concerning = text;
      else return again(textProblem(text));
      return next();
    case 'photo': {
      if (text === conv.skip) return next();
      if (input.type !== 'image') return again(conv.unexpected);
      if (!input.photo) {
        const why =
          input.photoError === 'too_large'
            ? conv.report.photoTooLarge(10)
            : input.photoError === 'bad_type'
              ? conv.report.photoBadType
              : conv.report.photoFailed;
        return reply(state, ask(why, [SKIP, CANCEL]));
      }
      data.photos = [...((data.photos as CasePhoto[]) ?? []), input.photo];
      return next();
    }
    case 'location': {
      if (input.type === 'location') {
        data.latitude = input.latitude;
        data.longitude = input.longitude;
        data.address = input.address ?? input.title ?? null;
        return next();
      }
      if (text === null) return again(conv.unexpected);
      if ([...text].length < 5) return again(conv.report.addressTooShort);
      if (!textOk(text)) return again(textProblem(text));
      data.address = text;
      return next();
    }
    case 'secret': {
      if (data.anonymity === 'anonymous') {
        if (!text || !NEW_PIN.test(toArabicDigits(text))) return again(conv.corruption.pinInvalid);
        data.pin = toArabicDigits(text);
      } else {
        if (text === conv.skip) data.contact = '';
        else if (textOk(text)) data.contact = text;
        else return again(textProblem(text));
      }
      return next();
    }
    case 'notify': {
      if (text === conv.corruption.notifyYes) data.notify = true;
      else if (text === conv.corruption.notifyNo) data.notify = false;
      else return again(conv.unexpected);
      return next();
    }
    case 'confirm': {
      if (text === conv.confirm)
        return { state: IDLE, commands: [{ type: 'createCase', draft: draftOf(flow, data) }] };
      if (text === conv.edit) {
        const first = STEPS[flow][flow === 'corruption' ? 1 : 0]!;
        const kept = flow === 'corruption' ? { anonymity: data.anonymity } : {};
        return reply(
          flowState(flow, first, now, config, kept),
          promptFor(flow, first, kept, config),
        );
      }
      return again(conv.unexpected);
    }
  }
  return reply(IDLE, menu(th.notUnderstood));
}

function promptFor(
  flow: keyof typeof STEPS,
  step: string,
  data: Record<string, unknown>,
  config: OrgConfig,
): Message {
  switch (step) {
    case 'category':
      return categoryQuestion(config);
    case 'mode':
      return ask(conv.corruption.intro, [
        { label: conv.corruption.anonymous },
        { label: conv.corruption.confidential },
        CANCEL,
      ]);
    case 'subject':
      return ask(conv.complaint.subject, [CANCEL]);
    case 'description':
      return ask(
        flow === 'report'
          ? conv.report.describe(String(data.categoryName ?? ''))
          : flow === 'complaint'
            ? conv.complaint.details
            : conv.corruption.details,
        [CANCEL],
      );
    case 'concerning':
      return ask(flow === 'complaint' ? conv.complaint.concerning : conv.corruption.concerning, [
        SKIP,
        CANCEL,
      ]);
    case 'photo':
      return ask(
        flow === 'report'
          ? conv.report.photo
          : flow === 'complaint'
            ? conv.complaint.photo
            : conv.corruption.photo,
        [
          { kind: 'camera', label: conv.report.takePhoto },
          { kind: 'cameraRoll', label: conv.report.choosePhoto },
          SKIP,
          CANCEL,
        ],
      );
    case 'location':
      return ask(conv.report.location, [
        { kind: 'location', label: conv.report.sendLocation },
        CANCEL,
      ]);
    case 'secret':
      return data.anonymity === 'anonymous'
        ? ask(conv.corruption.pin, [CANCEL])
        : ask(conv.corruption.contact, [SKIP, CANCEL]);
    case 'notify':
      return ask(conv.corruption.notifyAsk, [
        { label: conv.corruption.notifyYes },
        { label: conv.corruption.notifyNo },
        CANCEL,
      ]);
    default:
      return ask(summary(flow, data), [{ label: conv.confirm }, { label: conv.edit }, CANCEL]);
  }
}

function summary(flow: keyof typeof STEPS, data: Record<string, unknown>): string {
  const photos = (data.photos as CasePhoto[] | undefined)?.length ?? 0;
  const S = conv.summary;
  const place =
    (data.address ? String(data.address) : '') +
    (data.latitude != null
      ? ` (${Number(data.latitude).toFixed(5)}, ${Number(data.longitude).toFixed(5)})`
      : '');
  const lines = [
    `${conv.report.summaryTitle} (${conv.flowName[flow]})`,
    data.categoryName ? `${S.category}: ${data.categoryName}` : '',
    data.subject ? `${S.subject}: ${data.subject}` : '',
    `${S.details}: ${data.description ?? ''}`,
    data.concerning ? `${S.concerning}: ${data.concerning}` : '',
    place.trim() ? `${S.place}: ${place.trim()}` : '',
    `${S.photos}: ${photos ? S.photoCount(photos) : conv.report.noPhoto}`,
    data.anonymity === 'anonymous'
      ? data.notify
        ? conv.corruption.notifyOn
        : conv.corruption.notifyOff
      : '',
    data.anonymity === 'anonymous' && !data.notify ? conv.corruption.protectAnonymous : '',
    data.anonymity === 'anonymous' && data.notify ? conv.corruption.protectAnonymousNotify : '',
    data.anonymity === 'confidential' ? conv.corruption.protectConfidential : '',
    conv.report.confirmPrompt,
  ];
  return lines.filter(Boolean).join('\n');
}

function draftOf(flow: keyof typeof STEPS, d: Record<string, unknown>): CaseDraft {
  const kind = flow === 'report' ? 'service_request' : flow;
  return {
    kind,
    category: String(
      d.category ??
        (flow === 'complaint' ? 'complaint' : flow === 'corruption' ? 'corruption' : ''),
    ),
    subject: String(d.subject ?? ''),
    description: String(d.description ?? ''),
    concerning: String(d.concerning ?? ''),
    photos: (d.photos as CasePhoto[]) ?? [],
    latitude: typeof d.latitude === 'number' ? d.latitude : null,
    longitude: typeof d.longitude === 'number' ? d.longitude : null,
    address: typeof d.address === 'string' ? d.address : null,
    anonymity: (d.anonymity as CaseDraft['anonymity']) ?? 'none',
    ...(typeof d.pin === 'string' ? { pin: d.pin } : {}),
    ...(d.anonymity === 'anonymous' && d.notify === true ? { notify: true } : {}),
    ...(typeof d.contact === 'string' && d.contact ? { contact: d.contact } : {}),
  };
}

function categoryQuestion(config: OrgConfig): Message {
  const cats = config.categories.filter((c) => c.kind === 'service_request');
  return ask(conv.report.chooseCategory, [
    ...cats
      .slice(0, 12)
      .map((c) => ({ label: c.name, data: `cat:${c.code}`, displayText: c.name })),
    CANCEL,
  ]);
}

function pickCategory(input: Input, config: OrgConfig) {
  const cats = config.categories.filter((c) => c.kind === 'service_request');
  if (input.type === 'postback' && input.data.startsWith('cat:')) {
    return cats.find((c) => c.code === input.data.slice(4));
  }
  if (input.type === 'text') return cats.find((c) => squash(c.name) === squash(input.text));
  return undefined;
}

// ── Tracking ──

/** FS-YYMM-XXXX, typed loosely: lower case, spaces, Thai digits, no dashes. */
export function parseTrackingCode(text: string): string | null {
  const t = toArabicDigits(text)
    .toUpperCase()
    .replace(/[\s\-–_.]/g, '');
  const m = /^FS(\d{4})([A-Z0-9]{4})$/.exec(t);
  return m ? `FS-${m[1]}-${m[2]}` : null;
}

function trackFlow(state: ConversationState, input: Input, now: Date): StepResult {
  if (input.type === 'needPin') {
    return reply(
      { ...state, flow: 'track', step: 'pin', data: { code: input.code } },
      ask(conv.track.askPin, [CANCEL]),
    );
  }
  const text = input.type === 'text' ? input.text.trim() : '';
  if (state.step === 'pin') {
    const pin = toArabicDigits(text);
    if (!TRACK_PIN.test(pin)) return reply(state, ask(conv.track.pinInvalid, [CANCEL]));
    return { state: IDLE, commands: [{ type: 'trackCase', code: String(state.data.code), pin }] };
  }
  const code = parseTrackingCode(text);
  if (!code) return reply(state, ask(conv.track.invalidCode, [CANCEL]));
  void now;
  return { state: IDLE, commands: [{ type: 'trackCase', code }] };
}

function dataFlow(state: ConversationState, input: Input): StepResult {
  if (input.type === 'text' && input.text.trim() === conv.confirm) {
    return { state: IDLE, commands: [{ type: 'deleteData' }] };
  }
  return reply(state, ask(conv.data.confirmDelete, [{ label: conv.confirm }, CANCEL]));
}

// ── helpers ──

function flowState(
  flow: FlowName,
  stepName: string,
  now: Date,
  config: OrgConfig,
  data: Record<string, unknown> = {},
): ConversationState {
  return {
    flow,
    step: stepName,
    data,
    expiresAt: new Date(now.getTime() + config.flowTimeoutMinutes * 60_000).toISOString(),
  };
}

function reply(state: ConversationState, ...messages: Message[]): StepResult {
  return { state, commands: [{ type: 'reply', messages }] };
}

/** LINE takes at most five messages a reply: merge consecutive replies, keep the last five. */
function mergeReplies(result: StepResult): StepResult {
  const commands: Command[] = [];
  for (const c of result.commands) {
    const last = commands[commands.length - 1];
    if (c.type === 'reply' && last?.type === 'reply')
      last.messages = [...last.messages, ...c.messages].slice(-5);
    else commands.push(c.type === 'reply' ? { ...c, messages: [...c.messages] } : c);
  }
  return { ...result, commands };
}

export function toArabicDigits(s: string): string {
  return s.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
}

/** Whether the next image should be fetched and stored before the step runs. */
export function expectsPhoto(state: ConversationState, now: Date): boolean {
  return (
    state.step === 'photo' &&
    (state.expiresAt === null || Date.parse(state.expiresAt) > now.getTime())
  );
}
