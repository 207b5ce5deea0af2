import { NEW_PIN, TRACK_PIN } from '../security/pin';
import type { Message } from '../line/messages';
import { MENU_KEYS, parseMenuPostback, type MenuKey } from '../line/richmenu';
import { conv } from '../text/th-conversation';
import { th } from '../text/th';
import { classify, guessCategory, mentionsCorruption, type Intent } from './intent';
import { ask, CANCEL, distinctLabels, menu, MENU_OPTIONS, SKIP, type Option } from './render';
import type { CaseData } from './state';
import {
  IDLE,
  type CaseDraft,
  type CategoryView,
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
    notes.push(ask(conv.expired(flowLabel(state.flow))));
    state = IDLE;
  }
  const result = route(state, input, now, config);
  if (notes.length) result.commands.unshift({ type: 'reply', messages: notes });
  return mergeReplies(result);
}

const flowLabel = (flow: Exclude<FlowName, 'idle'>) =>
  flow === 'intent' ? conv.flowName.ask : conv.flowName[flow];

/** The rich menu's keys (shared/line/richmenu.ts), plus the corruption channel's own entry. */
type EntryKey = MenuKey | 'corruption';
const CORRUPTION_POSTBACK = 'menu:corruption';

const MAX_TEXT = 2000;
const bare = (s: string) => squash(s).replace(/[-/\s]/g, '');
const LABEL_TO_KEY = new Map<string, EntryKey>([
  ...MENU_KEYS.map((k): [string, EntryKey] => [bare(th.menu[k]), k]),
  ...Object.entries(conv.entryWords).flatMap(([k, words]) =>
    words.map((w): [string, EntryKey] => [bare(w), k as EntryKey]),
  ),
  [bare(conv.flowName.corruption), 'corruption'],
]);

function squash(s: string) {
  return s.normalize('NFC').trim().toLowerCase();
}
const isOneOf = (text: string, words: readonly string[]) =>
  words.some((w) => squash(w) === squash(text));

/** A typed answer without spaces and its polite ending: "ยืนยัน ค่ะ" → "ยืนยัน". */
function plain(s: string): string {
  const t = squash(s).replace(/\s+/g, '');
  const end = conv.politeEndings.find((e) => t.length > e.length && t.endsWith(e));
  return end ? t.slice(0, -end.length) : t;
}
/** The resident typed what a button says, in one of its usual words. */
const typed = (text: string | null, words: readonly string[]) =>
  text !== null && words.some((w) => plain(w) === plain(text));

function menuKeyOf(input: Input): EntryKey | null {
  if (input.type === 'postback') {
    return input.data === CORRUPTION_POSTBACK ? 'corruption' : parseMenuPostback(input.data);
  }
  if (input.type === 'text') return LABEL_TO_KEY.get(bare(input.text)) ?? null;
  return null;
}

function route(state: ConversationState, input: Input, now: Date, config: OrgConfig): StepResult {
  if (input.type === 'text' && isOneOf(input.text, conv.cancelWords)) {
    return reply(IDLE, menu(state.flow === 'idle' ? th.chooseMenu : conv.cancelled));
  }
  if (input.type === 'text' && isOneOf(input.text, conv.menuWords)) return reply(IDLE, menu());
  if (input.type === 'text' && isOneOf(input.text, conv.formWords)) return formLink(config);
  const key = menuKeyOf(input);
  if (key) return startFlow(key, now, config);
  if (input.type === 'postback' && input.data.startsWith('faq:') && input.data !== 'faq:handoff') {
    const entry = config.faq.byId(input.data.slice(4));
    if (entry) return reply(IDLE, faqAnswer(entry));
  }
  if (input.type === 'postback' && input.data === 'faq:handoff' && state.flow === 'ask') {
    return handoff(state.data.question ?? '');
  }
  if (input.type === 'postback' && input.data.startsWith('intent:')) {
    const text =
      state.flow === 'intent' ? state.data.text : state.flow === 'ask' ? state.data.question : '';
    const category = state.flow === 'intent' ? state.data.category : undefined;
    return chosenIntent(input.data.slice(7), text ?? '', category, now, config);
  }

  switch (state.flow) {
    case 'ask':
      return askFlow(state, input, now, config);
    case 'intent':
      return intentFlow(state, input, now, config);
    case 'report':
      return reportFlow(state, input, now, config);
    case 'complaint':
    case 'corruption':
      return caseFlow(state, input, now, config);
    case 'track':
      return trackFlow(state, input, now, config);
    case 'data':
      return dataFlow(state, input, now, config);
    case 'verdict':
      return verdictFlow(state, input, now, config);
    default:
      return idle(input, now, config);
  }
}

// ── Idle: whatever the resident sends is a way in ──

function idle(input: Input, now: Date, config: OrgConfig): StepResult {
  switch (input.type) {
    case 'needPin':
      return trackFlow(at('track', 'code', now, config, {}), input, now, config);
    case 'image':
      if (!input.photo) return reply(IDLE, ask(photoProblem(input.photoError), MENU_OPTIONS));
      return reportNext({ photos: [input.photo] }, now, config, [ask(conv.report.photoKept)]);
    case 'location':
      return reportNext(locationOf(input, {}), now, config, [ask(conv.report.locationKept)]);
    case 'sticker':
      return reply(IDLE, menu(conv.media.sticker));
    case 'other':
      return reply(IDLE, menu(conv.media.unsupported));
    case 'postback':
      return reply(IDLE, menu(th.notUnderstood));
    case 'nearby':
    case 'joined':
      return reply(IDLE, menu(th.notUnderstood));
  }
  const text = input.text.trim();
  if (!text) return reply(IDLE, menu(conv.empty));
  if (isOneOf(text, conv.data.exportWords))
    return { state: IDLE, commands: [{ type: 'exportData' }] };
  if (isOneOf(text, conv.data.deleteWords)) {
    return reply(
      at('data', 'confirm', now, config, {}),
      ask(conv.data.confirmDelete, [{ label: conv.confirm }, CANCEL]),
    );
  }
  if (isOneOf(text, conv.handoff.words)) return handoff('');
  // The receipt says a resident may just type the code.
  const code = parseTrackingCode(text);
  if (code) return { state: IDLE, commands: [{ type: 'trackCase', code }] };
  if ([...text].length > MAX_TEXT) return reply(IDLE, menu(conv.tooLong(MAX_TEXT)));
  return byIntent(text, now, config);
}

/** The classifier's model: the organisation's report categories and its FAQ. */
function intentModel(config: OrgConfig) {
  return {
    categories: reportCategories(config),
    faq: (t: string) => config.faq.match(t).kind,
  };
}

function byIntent(text: string, now: Date, config: OrgConfig): StepResult {
  const r = classify(text, intentModel(config));
  switch (r.intent) {
    case 'report':
      if (r.confidence === 'high') return reportFromText(text, r.category, now, config);
      return chooseIntent(text, r.alternatives, r.category, now, config);
    case 'question':
      return answerQuestion(text, now, config);
    case 'complaint':
      if (r.confidence === 'high') return complaintFromText(text, now, config);
      return chooseIntent(text, r.alternatives, undefined, now, config);
    case 'corruption':
      return reply(at('intent', 'choose', now, config, { text }), corruptionOffer('intent'));
    case 'tracking':
      return startFlow('track', now, config);
    case 'data':
      return reply(
        IDLE,
        ask(conv.intent.dataChoose, [
          { label: conv.intent.dataExport },
          { label: conv.intent.dataDelete },
          CANCEL,
        ]),
      );
    case 'greeting':
      return reply(IDLE, menu(conv.greeting));
    default:
      // Unknown words: the FAQ may still know them; if not, staff or a report are offered.
      return answerQuestion(text, now, config);
  }
}

const INTENT_OPTION: Partial<Record<Intent, Option>> = {
  question: {
    label: conv.intent.asQuestion,
    data: 'intent:ask',
    displayText: conv.intent.asQuestion,
  },
  report: { label: conv.intent.asReport, data: 'intent:report', displayText: conv.intent.asReport },
  complaint: {
    label: conv.intent.asComplaint,
    data: 'intent:complaint',
    displayText: conv.intent.asComplaint,
  },
};

/** One question with the two or three likely choices; "ถามคำถาม" and "แจ้งเหตุ" always. */
function chooseIntent(
  text: string,
  alternatives: Intent[],
  category: string | undefined,
  now: Date,
  config: OrgConfig,
): StepResult {
  const wanted = [...new Set<Intent>([...alternatives, 'question', 'report'])].filter(
    (i) => INTENT_OPTION[i],
  );
  return reply(
    at('intent', 'choose', now, config, { text, ...(category ? { category } : {}) }),
    ask(conv.intent.choose, [...wanted.slice(0, 3).map((i) => INTENT_OPTION[i]!), CANCEL]),
  );
}

function chosenIntent(
  what: string,
  text: string,
  category: string | undefined,
  now: Date,
  config: OrgConfig,
): StepResult {
  switch (what) {
    case 'report':
      return text ? reportFromText(text, category, now, config) : startFlow('report', now, config);
    case 'ask':
      return text ? answerQuestion(text, now, config) : startFlow('ask', now, config);
    case 'complaint':
      return text ? complaintFromText(text, now, config) : startFlow('complain', now, config);
    case 'corruption':
      return corruptionFrom({ description: text || undefined }, now, config);
  }
  return reply(IDLE, menu(th.notUnderstood));
}

function intentFlow(
  state: Extract<ConversationState, { flow: 'intent' }>,
  input: Input,
  now: Date,
  config: OrgConfig,
): StepResult {
  // A photo or a place after "report or question?": it is a report.
  if (input.type === 'image' && input.photo)
    return reportNext(
      withGuess(
        { description: state.data.text, photos: [input.photo] },
        state.data.category,
        config,
      ),
      now,
      config,
      [ask(conv.report.photoKept)],
    );
  if (input.type === 'location')
    return reportNext(
      withGuess(locationOf(input, { description: state.data.text }), state.data.category, config),
      now,
      config,
      [ask(conv.report.locationKept)],
    );
  return idle(input, now, config);
}

function reportFromText(
  text: string,
  category: string | undefined,
  now: Date,
  config: OrgConfig,
): StepResult {
  return reportNext(withGuess({ description: text }, category, config), now, config);
}

/** The category the words point at, marked as a guess the resident confirms. */
function withGuess(data: CaseData, code: string | undefined, config: OrgConfig): CaseData {
  if (data.category) return data;
  const guess =
    code ??
    (data.description
      ? guessCategory(data.description, reportCategories(config))?.code
      : undefined);
  const cat = reportCategories(config).find((c) => c.code === guess);
  return cat
    ? { ...data, category: cat.code, categoryName: cat.name, categoryGuessed: true }
    : data;
}

function complaintFromText(text: string, now: Date, config: OrgConfig): StepResult {
  const subject = [...text.split('\n')[0]!].slice(0, 80).join('');
  const data: CaseData = { subject, description: text };
  return reply(
    at('complaint', 'concerning', now, config, data),
    promptFor('complaint', 'concerning', data, config),
  );
}

function corruptionFrom(carried: CaseData, now: Date, config: OrgConfig): StepResult {
  const data: CaseData = {
    ...(carried.description ? { description: carried.description } : {}),
    ...(carried.concerning ? { concerning: carried.concerning } : {}),
    ...(carried.photos?.length ? { photos: carried.photos } : {}),
  };
  return reply(
    at('corruption', 'mode', now, config, data),
    promptFor('corruption', 'mode', data, config),
  );
}

/** The confidential channel, offered with what changes for the resident's identity. */
function corruptionOffer(from: 'intent' | 'flow'): Message {
  return ask(conv.corruptionOffer.text, [
    {
      label: conv.corruptionOffer.move,
      data: from === 'intent' ? 'intent:corruption' : 'corr:move',
      displayText: conv.corruptionOffer.move,
    },
    from === 'intent'
      ? INTENT_OPTION.complaint!
      : {
          label: conv.corruptionOffer.stay,
          data: 'corr:stay',
          displayText: conv.corruptionOffer.stay,
        },
    CANCEL,
  ]);
}

function formLink(config: OrgConfig): StepResult {
  if (!config.reportFormUrl) return startFlow('report', new Date(0), config);
  return reply(
    IDLE,
    ask(conv.form, [
      { kind: 'uri', label: conv.formButton, uri: config.reportFormUrl },
      ...MENU_OPTIONS,
    ]),
  );
}

function startFlow(key: EntryKey, now: Date, config: OrgConfig): StepResult {
  switch (key) {
    case 'ask':
      return reply(at('ask', 'question', now, config, {}), ask(conv.ask.prompt, [CANCEL]));
    case 'report':
      return reportNext({}, now, config);
    case 'complain':
      return reply(
        at('complaint', 'subject', now, config, {}),
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
      return corruptionFrom({}, now, config);
    case 'track':
      return {
        state: at('track', 'code', now, config, {}),
        commands: [
          { type: 'listCases' },
          { type: 'reply', messages: [ask(conv.track.prompt, [CANCEL])] },
        ],
      };
    case 'survey':
      return reply(
        IDLE,
        config.surveyUrl
          ? ask(conv.surveyInvite, [
              { kind: 'uri', label: conv.surveyButton, uri: config.surveyUrl },
              ...MENU_OPTIONS,
            ])
          : menu(conv.survey(null)),
      );
    case 'contact': {
      const phone = config.contact.phone;
      return reply(
        IDLE,
        ask(conv.contact({ name: config.orgName, ...config.contact }), [
          ...(phone ? [phoneButton(phone, conv.contactCall(phone))] : []),
          ...MENU_OPTIONS,
        ]),
      );
    }
  }
}

const phoneButton = (phone: string, label: string): Option => ({
  kind: 'uri',
  label,
  uri: `tel:${phone.replace(/[^\d+]/g, '')}`,
});

// ── Questions ──

function answerQuestion(text: string, now: Date, config: OrgConfig): StepResult {
  if ([...text].length > MAX_TEXT) return reply(IDLE, menu(conv.tooLong(MAX_TEXT)));
  const found = config.faq.match(text);
  if (found.kind === 'answer') return reply(IDLE, faqAnswer(found.entry));
  const report = INTENT_OPTION.report!;
  if (found.kind === 'suggest' && found.entries.length) {
    const entries = found.entries.slice(0, 3);
    const labels = distinctLabels(entries.map((e) => e.question));
    return reply(
      at('ask', 'offer', now, config, { question: text }),
      ask([conv.ask.suggest, ...entries.map((e, i) => `${i + 1}. ${e.question}`)].join('\n'), [
        ...entries.map((e, i) => ({
          label: labels[i]!,
          data: `faq:${e.extId}`,
          displayText: e.question,
        })),
        { label: conv.ask.sendToStaff, data: 'faq:handoff', displayText: conv.ask.sendToStaff },
        report,
        CANCEL,
      ]),
    );
  }
  return reply(
    at('ask', 'offer', now, config, { question: text }),
    ask(conv.ask.notFound, [
      { label: conv.ask.sendToStaff, data: 'faq:handoff', displayText: conv.ask.sendToStaff },
      report,
      { label: conv.ask.noThanks, text: conv.cancel },
    ]),
  );
}

function faqAnswer(entry: FaqEntryView): Message {
  const links: Option[] = (entry.links ?? []).map((l) => ({
    kind: 'uri',
    label: l.label,
    uri: l.uri,
  }));
  const extra: Option[] = (entry.quickReplies ?? []).map((label) => ({ label }));
  return ask(
    entry.answer,
    [
      ...links,
      ...extra,
      { label: conv.ask.more, data: 'menu:ask', displayText: conv.ask.more },
      ...MENU_OPTIONS,
    ].slice(0, 13),
  );
}

function handoff(question: string): StepResult {
  return { state: IDLE, commands: [{ type: 'handoff', question }] };
}

function askFlow(
  state: Extract<ConversationState, { flow: 'ask' }>,
  input: Input,
  now: Date,
  config: OrgConfig,
): StepResult {
  if (input.type === 'text' && input.text.trim())
    return answerQuestion(input.text.trim(), now, config);
  if (input.type === 'image' || input.type === 'location') return idle(input, now, config);
  return reply(state, ask(`${conv.unexpected} ${conv.ask.prompt}`, [CANCEL]));
}

// ── Reports: ask only for what is missing, keep whatever comes early ──

function reportCategories(config: OrgConfig): CategoryView[] {
  return config.categories.filter((c) => c.kind === 'service_request');
}

function locationOf(input: Extract<Input, { type: 'location' }>, data: CaseData): CaseData {
  return {
    ...data,
    latitude: input.latitude,
    longitude: input.longitude,
    address: input.address ?? input.title ?? null,
    nearbyChecked: false,
  };
}

const hasPlace = (d: CaseData) => d.latitude != null || !!d.address;

/** Moves a report on to the first thing still missing, or to the one-tap confirmation. */
function reportNext(
  data: CaseData,
  now: Date,
  config: OrgConfig,
  notes: Message[] = [],
): StepResult {
  const cat = reportCategories(config).find((c) => c.code === data.category);
  if (cat?.urgent && !data.urgentShown) {
    notes = [...notes, urgentAdvice(cat.urgent)];
    data = { ...data, urgentShown: true };
  }
  const go = (stepName: 'description' | 'category' | 'location' | 'confirm') =>
    reply(
      at('report', stepName, now, config, data),
      ...notes,
      reportPrompt(stepName, data, config),
    );
  if (!data.description) return go('description');
  if (!data.category || data.categoryGuessed) return go('category');
  if (!hasPlace(data)) return go('location');
  if (data.latitude != null && data.longitude != null && !data.nearbyChecked) {
    return {
      state: at('report', 'nearby', now, config, data),
      commands: [
        ...(notes.length ? [{ type: 'reply' as const, messages: notes }] : []),
        {
          type: 'findNearby',
          category: data.category,
          latitude: data.latitude,
          longitude: data.longitude,
          radiusM: cat?.duplicateRadiusM ?? 50,
        },
      ],
    };
  }
  return go('confirm');
}

const LOCATION: Option = { kind: 'location', label: conv.report.sendLocation };
const PHOTOS: Option[] = [
  { kind: 'camera', label: conv.report.takePhoto },
  { kind: 'cameraRoll', label: conv.report.choosePhoto },
];
/** The buttons for what a report still lacks: a pin, a photo. */
const mediaFor = (data: CaseData, wants: { place?: boolean; photo?: boolean } = {}): Option[] => [
  ...(wants.place !== false && !hasPlace(data) ? [LOCATION] : []),
  ...(wants.photo !== false && !data.photos?.length ? PHOTOS : []),
];

function reportPrompt(
  stepName: 'description' | 'category' | 'location' | 'confirm' | 'nearby' | 'corruptionOffer',
  data: CaseData,
  config: OrgConfig,
): Message {
  const chips = (extra: Option[] = []) =>
    [
      ...extra,
      ...reportCategories(config).map((c) => ({
        label: c.name,
        data: `cat:${c.code}`,
        displayText: c.name,
      })),
    ].slice(0, 12);
  switch (stepName) {
    case 'description': {
      const media = data.photos?.length || hasPlace(data);
      if (data.category)
        return ask(conv.report.describe(data.categoryName ?? ''), [...mediaFor(data), CANCEL]);
      return ask(media ? conv.report.describeAfterMedia : conv.report.start, [
        ...chips(mediaFor(data)),
        CANCEL,
      ]);
    }
    case 'category':
      if (data.categoryGuessed && data.categoryName)
        return ask(conv.report.guess(data.categoryName), [
          { label: conv.report.correct, data: 'guess:yes', displayText: conv.report.correct },
          {
            label: conv.report.otherCategory,
            data: 'guess:no',
            displayText: conv.report.otherCategory,
          },
          ...mediaFor(data),
          CANCEL,
        ]);
      return ask(conv.report.chooseCategory, [...chips(), CANCEL]);
    case 'location':
      return ask(data.photos?.length ? conv.report.location : conv.report.whereNext, [
        ...mediaFor(data),
        CANCEL,
      ]);
    case 'nearby':
      return ask(conv.unexpected, nearbyOptions());
    case 'corruptionOffer':
      return corruptionOffer('flow');
    default:
      return ask(summary('report', data), [
        { label: conv.confirm },
        { label: conv.edit },
        ...mediaFor(data, { place: false }),
        CANCEL,
      ]);
  }
}

function urgentAdvice(u: { advice: string; phones: string[] }): Message {
  return ask(
    [conv.urgent.title, u.advice].filter(Boolean).join('\n'),
    u.phones.map((p) => phoneButton(p, conv.urgent.phones[p] ?? conv.contactCall(p))),
  );
}

const nearbyOptions = (): Option[] => [
  { label: conv.nearby.join, data: 'nearby:join', displayText: conv.nearby.join },
  { label: conv.nearby.fileNew, data: 'nearby:new', displayText: conv.nearby.fileNew },
  CANCEL,
];

function photoProblem(error: 'too_large' | 'bad_type' | 'failed' | undefined): string {
  const why =
    error === 'too_large'
      ? conv.report.photoTooLarge(10)
      : error === 'bad_type'
        ? conv.report.photoBadType
        : conv.report.photoFailed;
  return `${why} (${conv.media.photoNotKept})`;
}

function reportFlow(
  state: Extract<ConversationState, { flow: 'report' }>,
  input: Input,
  now: Date,
  config: OrgConfig,
): StepResult {
  let data: CaseData = { ...state.data };
  const text = input.type === 'text' ? input.text.trim() : null;
  const again = (why: string) => reply(state, ask(why), reportPrompt(state.step, data, config));

  if (state.step === 'nearby') {
    if (input.type === 'nearby') {
      if (!input.match)
        return reportNext(
          { ...data, nearbyChecked: true },
          now,
          config,
          data.nearby ? [ask(conv.nearby.gone)] : [],
        );
      const m = input.match;
      return reply(
        at('report', 'nearby', now, config, { ...data, nearby: m.code }),
        ask(
          conv.nearby.found(m.code, m.stateLabel, m.affected, Math.round(m.metres)),
          nearbyOptions(),
        ),
      );
    }
    if (input.type === 'postback' && input.data === 'nearby:join' && data.nearby)
      return {
        state,
        commands: [{ type: 'joinCase', code: data.nearby, photos: data.photos ?? [] }],
      };
    if (input.type === 'joined')
      return reply(IDLE, menu(conv.nearby.joined(input.code, input.affected)));
    if (input.type === 'postback' && input.data === 'nearby:new')
      return reportNext({ ...data, nearbyChecked: true }, now, config);
    if (input.type === 'image' && input.photo)
      return reply(
        at('report', 'nearby', now, config, {
          ...data,
          photos: [...(data.photos ?? []), input.photo],
        }),
        ask(conv.report.photoKept, nearbyOptions()),
      );
    return reply(state, ask(conv.unexpected, nearbyOptions()));
  }

  if (state.step === 'corruptionOffer') {
    if (input.type === 'postback' && input.data === 'corr:move')
      return corruptionFrom(data, now, config);
    if (input.type === 'postback' && input.data === 'corr:stay')
      return reportNext(withGuess(data, undefined, config), now, config);
    return again(conv.unexpected);
  }

  // Whatever comes early is kept for the step that needs it.
  if (input.type === 'image') {
    if (!input.photo)
      return reply(
        state,
        ask(photoProblem(input.photoError)),
        reportPrompt(state.step, data, config),
      );
    data = { ...data, photos: [...(data.photos ?? []), input.photo] };
    if (state.step === 'category' && data.categoryGuessed) data.categoryGuessed = false;
    return reportNext(data, now, config, [ask(conv.report.photoKept)]);
  }
  if (input.type === 'location') {
    data = locationOf(input, data);
    if (state.step === 'category' && data.categoryGuessed) data.categoryGuessed = false;
    return reportNext(data, now, config, [ask(conv.report.locationKept)]);
  }
  const picked = pickCategory(input, config);
  if (picked) {
    return reportNext(
      { ...data, category: picked.code, categoryName: picked.name, categoryGuessed: false },
      now,
      config,
    );
  }

  switch (state.step) {
    case 'description': {
      if (!textOk(text)) return again(textProblem(text));
      data.description = text;
      if (mentionsCorruption(text))
        return reply(at('report', 'corruptionOffer', now, config, data), corruptionOffer('flow'));
      return reportNext(withGuess(data, undefined, config), now, config);
    }
    case 'category': {
      const yes =
        (input.type === 'postback' && input.data === 'guess:yes') ||
        typed(text, [conv.report.correct, ...conv.report.guessYesWords]);
      const other =
        (input.type === 'postback' && input.data === 'guess:no') ||
        typed(text, [conv.report.otherCategory, ...conv.report.guessNoWords]);
      if (yes && data.category) return reportNext({ ...data, categoryGuessed: false }, now, config);
      if (yes) return again(conv.unexpected);
      if (other) {
        const rest = { ...data, categoryGuessed: false };
        delete rest.category;
        delete rest.categoryName;
        return reply(
          at('report', 'category', now, config, rest),
          reportPrompt('category', rest, config),
        );
      }
      // Anything else typed here is more of the story (a resident who writes in several short
      // lines): kept in the description, and the category guessed again from it, unless
      // the resident turned a guess down ("ไม่ใช่" leaves categoryGuessed false): then the list
      // stays, and the refused guess is not offered again.
      if (text === null) return again(conv.unexpected);
      const description = data.description ? `${data.description}\n${text}` : text;
      if (!textOk(description)) return again(textProblem(description));
      const more: CaseData = { ...data, description };
      if (mentionsCorruption(text))
        return reply(at('report', 'corruptionOffer', now, config, more), corruptionOffer('flow'));
      const added = [ask(conv.report.detailAdded)];
      if (data.categoryGuessed === false) return reportNext(more, now, config, added);
      // The new words decide when they point at a category; otherwise the guess stands.
      const fresh = withGuess({ description: text }, undefined, config);
      if (fresh.category)
        Object.assign(more, { category: fresh.category, categoryName: fresh.categoryName });
      return reportNext(
        more.category ? { ...more, categoryGuessed: true } : more,
        now,
        config,
        added,
      );
    }
    case 'location': {
      if (text === null) return again(conv.unexpected);
      if ([...text].length < 5) return again(conv.report.addressTooShort);
      if (!textOk(text)) return again(textProblem(text));
      return reportNext({ ...data, address: text }, now, config);
    }
    case 'confirm': {
      if (typed(text, conv.confirmWords))
        return {
          state: IDLE,
          commands: [{ type: 'createCase', draft: draftOf('report', data, config) }],
        };
      if (text === conv.edit) return reportNext({}, now, config);
      return again(conv.unexpected);
    }
  }
  return reply(IDLE, menu(th.notUnderstood));
}

const textOk = (t: string | null): t is string =>
  t !== null && t.length > 0 && [...t].length <= MAX_TEXT;
const textProblem = (t: string | null) =>
  t === null ? conv.unexpected : t.length === 0 ? conv.empty : conv.tooLong(MAX_TEXT);

// ── Complaints and corruption complaints ──

const STEPS = {
  complaint: ['subject', 'description', 'concerning', 'photo', 'confirm'],
  corruption: ['mode', 'description', 'concerning', 'photo', 'secret', 'notify', 'confirm'],
} as const;
type CaseFlow = keyof typeof STEPS;

function caseFlow(
  state: Extract<ConversationState, { flow: 'complaint' | 'corruption' }>,
  input: Input,
  now: Date,
  config: OrgConfig,
): StepResult {
  const flow: CaseFlow = state.flow;
  const data: CaseData = { ...state.data };
  const text = input.type === 'text' ? input.text.trim() : null;
  const again = (why: string) => reply(state, ask(why), promptFor(flow, state.step, data, config));
  const skipped = (s: string) =>
    (s === 'notify' && data.anonymity !== 'anonymous') ||
    (s === 'photo' && !!data.photos?.length) ||
    (s === 'description' && !!data.description) ||
    (s === 'subject' && !!data.subject);
  const goFrom = (from: string, notes: Message[] = []) => {
    const steps: readonly string[] = STEPS[flow];
    let i = steps.indexOf(from) + 1;
    while (steps[i] !== 'confirm' && skipped(steps[i]!)) i++;
    const nextStep = steps[i]!;
    return reply(
      at(flow, nextStep, now, config, data),
      ...notes,
      promptFor(flow, nextStep, data, config),
    );
  };
  const next = () => goFrom(state.step);

  if (state.step === 'corruptionOffer') {
    if (input.type === 'postback' && input.data === 'corr:move')
      return corruptionFrom(data, now, config);
    if (input.type === 'postback' && input.data === 'corr:stay')
      return goFrom(data.resume ?? 'description');
    return again(conv.unexpected);
  }
  // A photo sent before the photo step is kept for it; a place is kept with the case.
  if (input.type === 'image' && state.step !== 'photo') {
    if (!input.photo) return again(photoProblem(input.photoError));
    data.photos = [...(data.photos ?? []), input.photo];
    return reply(
      at(flow, state.step, now, config, data),
      ask(conv.report.photoKept),
      promptFor(flow, state.step, data, config),
    );
  }
  if (input.type === 'location') {
    Object.assign(data, locationOf(input, {}));
    delete data.nearbyChecked;
    return reply(
      at(flow, state.step, now, config, data),
      ask(conv.report.locationKept),
      promptFor(flow, state.step, data, config),
    );
  }

  switch (state.step) {
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
      // Bribery or abuse in a general complaint: stop before filing, offer the channel.
      if (flow === 'complaint' && mentionsCorruption(text)) {
        data.resume = state.step;
        return reply(
          at('complaint', 'corruptionOffer', now, config, data),
          corruptionOffer('flow'),
        );
      }
      return next();
    case 'concerning':
      if (typed(text, conv.skipWords)) data.concerning = '';
      else if (textOk(text)) data.concerning = text;
      else return again(textProblem(text));
      if (flow === 'complaint' && data.concerning && mentionsCorruption(data.concerning)) {
        data.resume = 'concerning';
        return reply(
          at('complaint', 'corruptionOffer', now, config, data),
          corruptionOffer('flow'),
        );
      }
      return next();
    case 'photo': {
      if (typed(text, conv.skipWords)) return next();
      if (input.type !== 'image') return again(conv.unexpected);
      if (!input.photo) return reply(state, ask(photoProblem(input.photoError), [SKIP, CANCEL]));
      data.photos = [...(data.photos ?? []), input.photo];
      return next();
    }
    case 'secret': {
      if (data.anonymity === 'anonymous') {
        if (!text || !NEW_PIN.test(toArabicDigits(text))) return again(conv.corruption.pinInvalid);
        data.pin = toArabicDigits(text);
      } else {
        if (typed(text, conv.skipWords)) data.contact = '';
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
      if (typed(text, conv.confirmWords))
        return {
          state: IDLE,
          commands: [{ type: 'createCase', draft: draftOf(flow, data, config) }],
        };
      if (text === conv.edit) {
        const first = STEPS[flow][flow === 'corruption' ? 1 : 0];
        const kept: CaseData = flow === 'corruption' ? { anonymity: data.anonymity } : {};
        return reply(at(flow, first, now, config, kept), promptFor(flow, first, kept, config));
      }
      return again(conv.unexpected);
    }
  }
  return reply(IDLE, menu(th.notUnderstood));
}

function promptFor(flow: CaseFlow, stepName: string, data: CaseData, config: OrgConfig): Message {
  void config;
  switch (stepName) {
    case 'mode':
      return ask(conv.corruption.intro, [
        { label: conv.corruption.anonymous },
        { label: conv.corruption.confidential },
        CANCEL,
      ]);
    case 'subject':
      return ask(conv.complaint.subject, [CANCEL]);
    case 'description':
      return ask(flow === 'complaint' ? conv.complaint.details : conv.corruption.details, [CANCEL]);
    case 'concerning':
      return ask(flow === 'complaint' ? conv.complaint.concerning : conv.corruption.concerning, [
        SKIP,
        CANCEL,
      ]);
    case 'photo':
      return ask(flow === 'complaint' ? conv.complaint.photo : conv.corruption.photo, [
        { kind: 'camera', label: conv.report.takePhoto },
        { kind: 'cameraRoll', label: conv.report.choosePhoto },
        SKIP,
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
    case 'corruptionOffer':
      return corruptionOffer('flow');
    default:
      return ask(summary(flow, data), [{ label: conv.confirm }, { label: conv.edit }, CANCEL]);
  }
}

function summary(flow: 'report' | CaseFlow, data: CaseData): string {
  const photos = data.photos?.length ?? 0;
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

function draftOf(flow: 'report' | CaseFlow, d: CaseData, config: OrgConfig): CaseDraft {
  const kind = flow === 'report' ? 'service_request' : flow;
  const cat = config.categories.find((c) => c.code === d.category);
  return {
    kind,
    category:
      d.category ??
      (flow === 'complaint' ? 'complaint' : flow === 'corruption' ? 'corruption' : ''),
    subject: d.subject ?? '',
    description: d.description ?? '',
    concerning: d.concerning ?? '',
    photos: d.photos ?? [],
    latitude: d.latitude ?? null,
    longitude: d.longitude ?? null,
    address: d.address ?? null,
    anonymity: d.anonymity ?? 'none',
    ...(d.pin ? { pin: d.pin } : {}),
    ...(d.anonymity === 'anonymous' && d.notify === true ? { notify: true } : {}),
    ...(d.contact ? { contact: d.contact } : {}),
    ...(flow === 'report' && cat?.urgent ? { urgent: true } : {}),
  };
}

function pickCategory(input: Input, config: OrgConfig) {
  const cats = reportCategories(config);
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

function trackFlow(
  state: ConversationState,
  input: Input,
  now: Date,
  config: OrgConfig,
): StepResult {
  if (input.type === 'needPin') {
    return reply(
      at('track', 'pin', now, config, { code: input.code }),
      ask(conv.track.askPin, [CANCEL]),
    );
  }
  const text = input.type === 'text' ? input.text.trim() : '';
  if (state.flow === 'track' && state.step === 'pin') {
    const pin = toArabicDigits(text);
    if (!TRACK_PIN.test(pin)) return reply(state, ask(conv.track.pinInvalid, [CANCEL]));
    return { state: IDLE, commands: [{ type: 'trackCase', code: state.data.code ?? '', pin }] };
  }
  const code = parseTrackingCode(text);
  if (code) return { state: IDLE, commands: [{ type: 'trackCase', code }] };
  // Not a code and nothing like one: the resident moved on; hear it afresh.
  if (input.type !== 'text' || !/fs|[0-9๐-๙]/i.test(text)) return idle(input, now, config);
  return reply(state, ask(conv.track.invalidCode, [CANCEL]));
}

function dataFlow(
  state: ConversationState,
  input: Input,
  now: Date,
  config: OrgConfig,
): StepResult {
  if (input.type === 'text' && input.text.trim() === conv.confirm) {
    return { state: IDLE, commands: [{ type: 'deleteData' }] };
  }
  if (input.type === 'image' || input.type === 'location') return idle(input, now, config);
  return reply(state, ask(conv.data.confirmDelete, [{ label: conv.confirm }, CANCEL]));
}

/** Longest note kept from a resident's "not fixed" answer. */
export const MAX_VERDICT_NOTE = 500;

/**
 * After "not fixed" the case is already reopened and staff alerted; the resident may add a
 * short note ("ข้าม" skips). Anything that is not text is heard afresh.
 */
function verdictFlow(
  state: Extract<ConversationState, { flow: 'verdict' }>,
  input: Input,
  now: Date,
  config: OrgConfig,
): StepResult {
  if (input.type !== 'text') return idle(input, now, config);
  const note = input.text.trim().slice(0, MAX_VERDICT_NOTE);
  if (!note || typed(note, conv.skipWords))
    return reply(IDLE, menu(conv.verdict.skipped(state.data.code)));
  return {
    state: IDLE,
    commands: [
      { type: 'verdictNote', caseId: state.data.caseId, note },
      { type: 'reply', messages: [menu(conv.verdict.kept(state.data.code))] },
    ],
  };
}

// ── helpers ──

/** A flow's state with a fresh expiry. Steps and data are checked by the schema on load. */
function at(
  flow: Exclude<FlowName, 'idle'>,
  stepName: string,
  now: Date,
  config: OrgConfig,
  data: object,
): ConversationState {
  return {
    flow,
    step: stepName,
    data,
    expiresAt: new Date(now.getTime() + config.flowTimeoutMinutes * 60_000).toISOString(),
  } as ConversationState;
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

/**
 * Whether an image should be fetched and stored before the step runs: in every state, since
 * a photo is never thrown away (idle and the other flows start a report with it; reports,
 * complaints and corruption complaints keep it for the step that needs it).
 */
export function expectsPhoto(state: ConversationState, now: Date): boolean {
  void state;
  void now;
  return true;
}
