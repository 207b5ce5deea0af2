import { describe, expect, it } from 'vitest';
import { th } from '../text/th';
import { expectsPhoto, parseTrackingCode, step } from './engine';
import { conversationStateSchema } from './state';
import { IDLE, type Command, type ConversationState, type Input, type OrgConfig } from './types';

const conv = th.conv;
const now = new Date('2026-11-22T03:00:00Z');
const config: OrgConfig = {
  orgName: 'เทศบาลตำบลทดสอบ',
  categories: [
    {
      code: 'street_light',
      name: 'ไฟฟ้าส่องสว่าง',
      kind: 'service_request',
      finishDays: 7,
      keywords: ['ไฟถนน', 'เสาไฟ', 'ไฟดับ'],
    },
    {
      code: 'water',
      name: 'น้ำประปา',
      kind: 'service_request',
      finishDays: 3,
      keywords: ['น้ำประปา', 'ท่อแตก'],
    },
    {
      code: 'dog_bite',
      name: 'ถูกสัตว์กัด',
      kind: 'service_request',
      finishDays: 3,
      keywords: ['หมากัด', 'โดนกัด'],
      urgent: { advice: 'ล้างแผลด้วยน้ำสะอาดและสบู่', phones: ['1669'] },
    },
    { code: 'complaint', name: 'ร้องเรียนทั่วไป', kind: 'complaint', finishDays: 15 },
  ],
  contact: { phone: '043-000-000', officeHours: 'จ.–ศ. 08:30–16:30' },
  flowTimeoutMinutes: 30,
  defaultFinishDays: 15,
  surveyUrl: null,
  faq: {
    match: (text) =>
      text.includes('ภาษี')
        ? { kind: 'answer', entry: { extId: 'tax', question: 'จ่ายภาษีที่ไหน', answer: 'ชำระที่กองคลัง' } }
        : text.includes('ขยะ')
          ? {
              kind: 'suggest',
              entries: [
                { extId: 'w1', question: 'ขยะเก็บวันไหน', answer: 'ทุกวันจันทร์' },
                { extId: 'w2', question: 'ค่าเก็บขยะเท่าไร', answer: '20 บาท' },
              ],
            }
          : { kind: 'none' },
    byId: (id) =>
      id === 'w1' ? { extId: 'w1', question: 'ขยะเก็บวันไหน', answer: 'ทุกวันจันทร์' } : undefined,
  },
};

const text = (t: string): Input => ({ type: 'text', text: t });
const postback = (data: string): Input => ({ type: 'postback', data });
const photo: Input = {
  type: 'image',
  messageId: '1',
  photo: { key: 'photos/x/1.jpg', contentType: 'image/jpeg', bytes: 1000 },
};

/** Runs inputs through the engine; returns the last state and every command. */
function run(inputs: Input[], start: ConversationState = IDLE, at = now) {
  let state = start;
  const all: Command[][] = [];
  for (const input of inputs) {
    const r = step(state, input, at, config);
    state = r.state;
    // Every state the engine makes is one the executor will load back.
    expect(conversationStateSchema.safeParse(state).success).toBe(true);
    all.push(r.commands);
  }
  return { state, all, last: all[all.length - 1]! };
}

const replyTexts = (commands: Command[]) =>
  commands
    .flatMap((c) => (c.type === 'reply' ? c.messages : []))
    .map((m) => ('text' in m ? m.text : m.type));
const quickLabels = (commands: Command[]) =>
  commands
    .flatMap((c) => (c.type === 'reply' ? c.messages : []))
    .flatMap((m) => m.quickReply?.items?.map((i) => i.action?.label ?? '') ?? []);

describe('service request flow', () => {
  const full = [
    postback('menu:report'),
    postback('cat:street_light'),
    text('ไฟดับทั้งซอย 3 ต้น'),
    photo,
    { type: 'location', latitude: 16.43, longitude: 102.83, address: 'ซอย 5' } as Input,
    { type: 'nearby', match: null } as Input,
  ];

  it('walks category → description → photo → location → nearby check → confirm → case', () => {
    const atPin = run(full.slice(0, 5));
    expect(atPin.state).toMatchObject({ flow: 'report', step: 'nearby' });
    expect(atPin.last.at(-1)).toEqual({
      type: 'findNearby',
      category: 'street_light',
      latitude: 16.43,
      longitude: 102.83,
      radiusM: 50,
    });
    const r = run(full);
    expect(r.state).toMatchObject({ flow: 'report', step: 'confirm' });
    expect(replyTexts(r.last)[0]).toContain('ไฟดับทั้งซอย 3 ต้น');
    expect(quickLabels(r.last)).toEqual([conv.confirm, conv.edit, conv.cancel]);
    const done = step(r.state, text(conv.confirm), now, config);
    expect(done.state).toEqual(IDLE);
    expect(done.commands).toEqual([
      {
        type: 'createCase',
        draft: expect.objectContaining({
          kind: 'service_request',
          category: 'street_light',
          description: 'ไฟดับทั้งซอย 3 ต้น',
          latitude: 16.43,
          longitude: 102.83,
          address: 'ซอย 5',
          anonymity: 'none',
          photos: [expect.objectContaining({ key: 'photos/x/1.jpg' })],
        }),
      },
    ]);
  });

  it('accepts the category typed as its name, skipping the photo, and a typed address', () => {
    const r = run([
      text(th.menu.report),
      text('น้ำประปา'),
      text('ท่อแตก'),
      text(conv.skip),
      text('หน้าวัดศรีสว่าง หมู่ 3'),
      text(conv.confirm),
    ]);
    expect(r.last[0]).toMatchObject({
      type: 'createCase',
      draft: { category: 'water', photos: [], address: 'หน้าวัดศรีสว่าง หมู่ 3', latitude: null },
    });
  });

  it('asks again, with options, on anything unexpected at every step', () => {
    const odd: Input[] = [
      { type: 'sticker' },
      text(''),
      text('   '),
      text('ก'.repeat(5000)),
      { type: 'other', messageType: 'audio' },
      postback('nonsense'),
    ];
    for (let n = 1; n < full.length; n++) {
      if (n === 5) continue; // waiting for the nearby check, tested below
      const at = run(full.slice(0, n));
      for (const input of odd) {
        const r = step(at.state, input, now, config);
        expect(r.state.flow).toBe('report');
        expect(r.state.step).toBe(at.state.step);
        expect(replyTexts(r.commands).length).toBeGreaterThan(0);
        expect(quickLabels(r.commands)).toContain(conv.cancel);
      }
    }
  });

  it('takes an emoji-laden description as it is', () => {
    const r = run([postback('menu:report'), postback('cat:water'), text('น้ำไม่ไหล 😭💧')]);
    expect(r.state).toMatchObject({ data: { description: 'น้ำไม่ไหล 😭💧' } });
  });

  it('keeps a photo sent early and asks only for what is missing', () => {
    const atDescription = run(full.slice(0, 2)).state;
    expect(expectsPhoto(atDescription, now)).toBe(true);
    const r = step(atDescription, photo, now, config);
    expect(r.state).toMatchObject({
      step: 'description',
      data: { photos: [{ key: 'photos/x/1.jpg' }] },
    });
    expect(replyTexts(r.commands)[0]).toBe(conv.report.photoKept);
    // The description next: the photo is not asked for again, only the place.
    const next = step(r.state, text('ไฟดับทั้งซอย'), now, config);
    expect(next.state.step).toBe('location');
    expect(quickLabels(next.commands)).toEqual([conv.report.sendLocation, conv.cancel]);
  });

  it('tells the resident when a photo is too large; nothing is stored, the step goes on', () => {
    const atDescription = run(full.slice(0, 2)).state;
    const r = step(
      atDescription,
      { type: 'image', messageId: '9', photoError: 'too_large' },
      now,
      config,
    );
    expect(r.state).toEqual(atDescription);
    expect(replyTexts(r.commands)[0]).toMatch(/ใหญ่เกินไป/);
    expect(quickLabels(r.commands)).toContain(conv.cancel);
  });

  it('restarts from the first step on edit', () => {
    const r = run([...full, text(conv.edit)]);
    expect(r.state).toMatchObject({ flow: 'report', step: 'description', data: {} });
  });
});

describe('cancel, menu and timeout', () => {
  it('cancels at any step and shows the menu', () => {
    for (let n = 1; n <= 4; n++) {
      const at = run(
        [postback('menu:report'), postback('cat:water'), text('x'), text(conv.skip)].slice(0, n),
      ).state;
      const r = step(at, text('ยกเลิก'), now, config);
      expect(r.state).toEqual(IDLE);
      expect(replyTexts(r.commands)[0]).toBe(conv.cancelled);
      expect(quickLabels(r.commands)).toEqual(Object.values(th.menu));
    }
  });

  it('"เมนู" leaves a flow for the menu', () => {
    const at = run([postback('menu:complain')]).state;
    expect(step(at, text('เมนู'), now, config).state).toEqual(IDLE);
  });

  it('a flow left too long expires, the resident is told, and the input is handled afresh', () => {
    const at = run([postback('menu:report'), postback('cat:water')]).state;
    const later = new Date(now.getTime() + 31 * 60_000);
    const r = step(at, text('ภาษีที่ดินจ่ายที่ไหน'), later, config);
    expect(r.state).toEqual(IDLE);
    const texts = replyTexts(r.commands);
    expect(texts[0]).toBe(conv.expired(conv.flowName.report));
    expect(texts[1]).toBe('ชำระที่กองคลัง');
    // Just before the limit, the flow goes on.
    expect(step(at, text('ท่อแตก'), new Date(now.getTime() + 29 * 60_000), config).state.step).toBe(
      'location',
    );
  });
});

describe('questions', () => {
  it('answers a confident match at once, with a way on', () => {
    const r = run([text('ภาษีบ้านจ่ายไหน')]);
    expect(replyTexts(r.last)).toEqual(['ชำระที่กองคลัง']);
    expect(quickLabels(r.last)).toContain(th.menu.report);
  });

  it('offers up to three suggestions and answers the one tapped', () => {
    const r = run([text('เรื่องขยะ')]);
    expect(quickLabels(r.last).slice(0, 2)).toEqual(['ขยะเก็บวันไหน', 'ค่าเก็บขยะเท่าไร']);
    const tapped = step(r.state, postback('faq:w1'), now, config);
    expect(replyTexts(tapped.commands)).toEqual(['ทุกวันจันทร์']);
    expect(tapped.state).toEqual(IDLE);
  });

  it('offers to pass an unknown question to staff, and hands it off', () => {
    const r = run([text('ขอเบอร์ผู้ใหญ่บ้านหมู่ 7')]);
    expect(replyTexts(r.last)[0]).toBe(conv.ask.notFound);
    const h = step(r.state, postback('faq:handoff'), now, config);
    expect(h.commands).toEqual([{ type: 'handoff', question: 'ขอเบอร์ผู้ใหญ่บ้านหมู่ 7' }]);
  });

  it('answers a sticker, a video or a file outside a flow with the options; nothing is kept', () => {
    const sticker = step(IDLE, { type: 'sticker' }, now, config);
    expect(replyTexts(sticker.commands)).toEqual([conv.media.sticker]);
    for (const messageType of ['video', 'audio', 'file']) {
      const r = step(IDLE, { type: 'other', messageType }, now, config);
      expect(r.state).toEqual(IDLE);
      expect(replyTexts(r.commands)).toEqual([conv.media.unsupported]);
      expect(quickLabels(r.commands)).toEqual(Object.values(th.menu));
    }
  });
});

describe('complaints', () => {
  it('collects subject, details, concerning and an optional photo', () => {
    const r = run([
      postback('menu:complain'),
      text('รอคิวนาน'),
      text('รอ 3 ชั่วโมงที่กองคลัง'),
      text('กองคลัง'),
      text(conv.skip),
      text(conv.confirm),
    ]);
    expect(r.last).toEqual([
      {
        type: 'createCase',
        draft: expect.objectContaining({
          kind: 'complaint',
          subject: 'รอคิวนาน',
          concerning: 'กองคลัง',
          anonymity: 'none',
        }),
      },
    ]);
  });
});

describe('corruption complaints', () => {
  it('anonymous: asks for a PIN (Thai digits too) and never for contact', () => {
    const r = run([
      postback('menu:corruption'),
      text(conv.corruption.anonymous),
      text('เรียกเงินใต้โต๊ะ'),
      text(conv.skip),
      text(conv.skip),
      text('๑๒๓๔๕๖'),
      text(conv.corruption.notifyNo),
      text(conv.confirm),
    ]);
    expect(r.last).toEqual([
      {
        type: 'createCase',
        draft: expect.objectContaining({
          kind: 'corruption',
          anonymity: 'anonymous',
          pin: '123456',
        }),
      },
    ]);
    expect(r.last[0]).not.toHaveProperty('draft.contact');
    expect(r.last[0]).not.toHaveProperty('draft.notify');
  });

  const atNotify = () =>
    run([
      postback('menu:corruption'),
      text(conv.corruption.anonymous),
      text('เรียกเงินใต้โต๊ะ'),
      text(conv.skip),
      text(conv.skip),
      text('123456'),
    ]);

  it('anonymous: after the PIN asks about LINE notices, explaining how the account is kept', () => {
    const r = atNotify();
    expect(r.state).toMatchObject({ flow: 'corruption', step: 'notify' });
    expect(replyTexts(r.last)).toEqual([conv.corruption.notifyAsk]);
    expect(conv.corruption.notifyAsk).toContain('เข้ารหัส');
    expect(quickLabels(r.last)).toEqual([
      conv.corruption.notifyYes,
      conv.corruption.notifyNo,
      conv.cancel,
    ]);
  });

  it('anonymous, yes: the summary says so and the draft carries notify', () => {
    const r = step(atNotify().state, text(conv.corruption.notifyYes), now, config);
    expect(r.state.step).toBe('confirm');
    const summary = replyTexts(r.commands)[0]!;
    expect(summary).toContain(conv.corruption.notifyOn);
    expect(summary).toContain(conv.corruption.protectAnonymousNotify);
    expect(summary).not.toContain(conv.corruption.protectAnonymous);
    const done = step(r.state, text(conv.confirm), now, config);
    expect(done.commands).toEqual([
      {
        type: 'createCase',
        draft: expect.objectContaining({ anonymity: 'anonymous', pin: '123456', notify: true }),
      },
    ]);
  });

  it("anonymous, no: today's behaviour, no notify in the draft", () => {
    const r = step(atNotify().state, text(conv.corruption.notifyNo), now, config);
    const summary = replyTexts(r.commands)[0]!;
    expect(summary).toContain(conv.corruption.notifyOff);
    expect(summary).toContain(conv.corruption.protectAnonymous);
    expect(summary).not.toContain(conv.corruption.notifyOn);
    const done = step(r.state, text(conv.confirm), now, config);
    expect(done.commands[0]).toMatchObject({ type: 'createCase' });
    expect(done.commands[0]).not.toHaveProperty('draft.notify');
  });

  it('anonymous: anything else at the notice question asks again', () => {
    const at = atNotify().state;
    for (const input of [text('ได้'), text(''), postback('x:y')]) {
      const r = step(at, input, now, config);
      expect(r.state).toMatchObject({ flow: 'corruption', step: 'notify' });
      expect(replyTexts(r.commands)).toEqual([conv.unexpected, conv.corruption.notifyAsk]);
    }
    // A photo is kept for the case, and the question asked again.
    const r = step(at, photo, now, config);
    expect(r.state).toMatchObject({
      step: 'notify',
      data: { photos: [{ key: 'photos/x/1.jpg' }] },
    });
    expect(replyTexts(r.commands)).toEqual([conv.report.photoKept, conv.corruption.notifyAsk]);
  });

  it('refuses a PIN that is not 4–6 digits', () => {
    const at = run([
      postback('menu:corruption'),
      text(conv.corruption.anonymous),
      text('x'),
      text(conv.skip),
      text(conv.skip),
    ]).state;
    for (const bad of ['12', '1234', '1234567', 'abcd', ''])
      expect(step(at, text(bad), now, config).state.step).toBe('secret');
  });

  it('confidential: explains the protection in the summary and keeps the contact', () => {
    const r = run([
      postback('menu:corruption'),
      text(conv.corruption.confidential),
      text('ฮั้วประมูล'),
      text('ผอ.กองช่าง'),
      text(conv.skip),
      text('081-234-5678'),
    ]);
    expect(replyTexts(r.last)[0]).toContain(conv.corruption.protectConfidential);
    const done = step(r.state, text(conv.confirm), now, config);
    expect(done.commands[0]).toMatchObject({
      draft: { anonymity: 'confidential', contact: '081-234-5678', concerning: 'ผอ.กองช่าง' },
    });
  });

  it('is reachable from the complaint flow by its own button', () => {
    const r = run([postback('menu:complain'), postback('menu:corruption')]);
    expect(r.state).toMatchObject({ flow: 'corruption', step: 'mode' });
  });
});

describe('tracking', () => {
  it('lists the resident’s cases, then looks up a typed code', () => {
    const r = run([postback('menu:track')]);
    expect(r.last[0]).toEqual({ type: 'listCases' });
    const t = step(r.state, text('fs 6911 k7q2'), now, config);
    expect(t.commands).toEqual([{ type: 'trackCase', code: 'FS-6911-K7Q2' }]);
  });

  it('asks for the PIN of an anonymous case', () => {
    const r = step(IDLE, { type: 'needPin', code: 'FS-6911-K7Q2' }, now, config);
    expect(r.state).toMatchObject({ flow: 'track', step: 'pin' });
    const t = step(r.state, text('9876'), now, config);
    expect(t.commands).toEqual([{ type: 'trackCase', code: 'FS-6911-K7Q2', pin: '9876' }]);
  });

  it('looks up a code typed outside the tracking flow', () => {
    expect(run([text('FS-6911-K7Q2')]).last).toEqual([{ type: 'trackCase', code: 'FS-6911-K7Q2' }]);
  });

  it('parses codes loosely and refuses what is not one', () => {
    expect(parseTrackingCode('FS-6911-K7Q2')).toBe('FS-6911-K7Q2');
    expect(parseTrackingCode(' fs-๖๙๑๑-k7q2 ')).toBe('FS-6911-K7Q2');
    expect(parseTrackingCode('hello')).toBeNull();
  });
});

describe('contact, survey, data rights, handoff', () => {
  it('gives the contact details', () => {
    expect(replyTexts(run([postback('menu:contact')]).last)[0]).toContain('043-000-000');
  });

  it('exports and, after confirmation, deletes the resident’s data', () => {
    expect(run([text('ขอข้อมูลของฉัน')]).last).toEqual([{ type: 'exportData' }]);
    const r = run([text('ลบข้อมูลของฉัน')]);
    expect(r.state.flow).toBe('data');
    expect(step(r.state, text('อะไรนะ'), now, config).state.flow).toBe('data');
    expect(step(r.state, text(conv.confirm), now, config).commands).toEqual([
      { type: 'deleteData' },
    ]);
  });

  it('hands off to staff on request', () => {
    expect(run([text('คุยกับเจ้าหน้าที่')]).last).toEqual([{ type: 'handoff', question: '' }]);
  });

  it('never replies with more than five messages or an empty answer', () => {
    const inputs: Input[] = [
      text('x'),
      { type: 'sticker' },
      postback('menu:survey'),
      text(''),
      postback('zzz'),
    ];
    for (const input of inputs) {
      const r = step(IDLE, input, now, config);
      for (const c of r.commands)
        if (c.type === 'reply') expect(c.messages.length).toBeGreaterThan(0);
      for (const c of r.commands)
        if (c.type === 'reply') expect(c.messages.length).toBeLessThanOrEqual(5);
      expect(r.commands.length).toBeGreaterThan(0);
    }
  });
});

describe('verdict note (after "not fixed")', () => {
  const now = new Date('2026-11-20T03:00:00Z');
  const state: ConversationState = {
    flow: 'verdict',
    step: 'note',
    data: { caseId: '00000000-0000-4000-8000-000000000001', code: 'FS-6911-ABCD' },
    expiresAt: new Date(now.getTime() + 60_000).toISOString(),
  };
  it("keeps the resident's words, once, and goes back to idle", () => {
    const r = step(state, { type: 'text', text: '  ยังดับอยู่  ' }, now, config);
    expect(r.state).toEqual(IDLE);
    expect(r.commands[0]).toEqual({
      type: 'verdictNote',
      caseId: state.data.caseId,
      note: 'ยังดับอยู่',
    });
  });
  it('"ข้าม" keeps nothing; an image is heard afresh', () => {
    const skip = step(state, { type: 'text', text: th.conv.skip }, now, config);
    expect(skip.state).toEqual(IDLE);
    expect(skip.commands.map((c) => c.type)).toEqual(['reply']);
    const img = step(state, { type: 'location', latitude: 16, longitude: 102 }, now, config);
    expect(img.commands.some((c) => c.type === 'verdictNote')).toBe(false);
  });
  it('the saved state validates', () => {
    expect(conversationStateSchema.safeParse(state).success).toBe(true);
  });
});
