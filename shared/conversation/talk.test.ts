import { describe, expect, it } from 'vitest';
import { demoCategories, demoFaq } from '../../tests/helpers/intent-model';
import { th } from '../text/th';
import { step } from './engine';
import { distinctLabels } from './render';
import { conversationStateSchema, parseState } from './state';
import { IDLE, type Command, type ConversationState, type Input, type OrgConfig } from './types';

/** Starting from what the resident sends, with the demo organisation's real data. */
const conv = th.conv;
const now = new Date('2026-11-22T03:00:00Z');
const config: OrgConfig = {
  orgName: 'เทศบาลตำบลฟังเสียง',
  categories: demoCategories(),
  contact: { phone: '043-000-000', officeHours: 'จ.–ศ. 08:30–16:30' },
  flowTimeoutMinutes: 30,
  defaultFinishDays: 15,
  surveyUrl: 'https://liff.line.me/123-abc/survey.html?org=demo',
  reportFormUrl: 'https://liff.line.me/123-abc/report.html?org=demo',
  faq: demoFaq(),
};

const text = (t: string): Input => ({ type: 'text', text: t });
const postback = (data: string): Input => ({ type: 'postback', data });
const photo: Input = {
  type: 'image',
  messageId: '1',
  photo: { key: 'photos/x/1.jpg', contentType: 'image/jpeg', bytes: 1000 },
};
const pin: Input = {
  type: 'location',
  latitude: 16.4419,
  longitude: 102.836,
  address: 'ถนนมิตรภาพ',
};
const noNearby: Input = { type: 'nearby', match: null };

/**
 * Runs what the resident sends; the executor's answers (a nearby check) are fed back as
 * the executor does. Returns the last state, all commands and the resident's count.
 */
function talk(inputs: Input[], start: ConversationState = IDLE) {
  let state = start;
  const all: Command[][] = [];
  for (const input of inputs) {
    let r = step(state, input, now, config);
    if (r.commands.some((c) => c.type === 'findNearby')) {
      const first = r.commands;
      r = step(r.state, noNearby, now, config);
      r = { ...r, commands: [...first, ...r.commands] };
    }
    state = r.state;
    expect(conversationStateSchema.safeParse(state).success).toBe(true);
    all.push(r.commands);
  }
  return { state, all, last: all.at(-1)! };
}

const messagesOf = (commands: Command[]) =>
  commands.flatMap((c) => (c.type === 'reply' ? c.messages : []));
const texts = (commands: Command[]) =>
  messagesOf(commands).map((m) => ('text' in m ? m.text : m.type));
const actions = (commands: Command[]) =>
  messagesOf(commands).flatMap((m) => m.quickReply?.items?.map((i) => i.action) ?? []);
const labels = (commands: Command[]) => actions(commands).map((a) => a?.label ?? '');
const created = (commands: Command[]) => commands.find((c) => c.type === 'createCase');

describe('a report in four messages or fewer, in any order', () => {
  const orders: [string, Input[]][] = [
    ['text first', [text('ไฟถนนหน้าวัดดับมาสามคืนแล้ว'), photo, pin, text(conv.confirm)]],
    ['photo first', [photo, text('ไฟถนนหน้าวัดดับมาสามคืนแล้ว'), pin, text(conv.confirm)]],
    ['location first', [pin, text('ไฟถนนหน้าวัดดับมาสามคืนแล้ว'), photo, text(conv.confirm)]],
    ['text, pin, photo', [text('ไฟถนนหน้าวัดดับมาสามคืนแล้ว'), pin, photo, text(conv.confirm)]],
  ];
  it.each(orders)('%s: photo + location + description, one tap to confirm', (_, inputs) => {
    const r = talk(inputs);
    expect(inputs.length).toBeLessThanOrEqual(4);
    expect(created(r.last)).toMatchObject({
      draft: {
        kind: 'service_request',
        category: 'street_light',
        description: 'ไฟถนนหน้าวัดดับมาสามคืนแล้ว',
        latitude: 16.4419,
        photos: [{ key: 'photos/x/1.jpg' }],
      },
    });
    expect(r.state).toEqual(IDLE);
  });

  it('menu first: the menu, the words, the pin and one tap', () => {
    const r = talk([
      postback('menu:report'),
      text('ไฟถนนหน้าวัดดับมาสามคืนแล้ว'),
      pin,
      text(conv.confirm),
    ]);
    expect(created(r.last)).toMatchObject({ draft: { category: 'street_light', photos: [] } });
  });
});

describe('free text in idle', () => {
  it('a confident report starts the report with the category pre-chosen, asking "ถูกไหมคะ"', () => {
    const r = talk([text('ไฟถนนหน้าวัดดับมาสามคืนแล้ว')]);
    expect(r.state).toMatchObject({
      flow: 'report',
      step: 'category',
      data: {
        description: 'ไฟถนนหน้าวัดดับมาสามคืนแล้ว',
        category: 'street_light',
        categoryGuessed: true,
      },
    });
    expect(texts(r.last)[0]).toBe(conv.report.guess('ไฟฟ้าส่องสว่าง'));
    expect(labels(r.last).slice(0, 2)).toEqual([conv.report.correct, conv.report.otherCategory]);
    // "เลือกหมวดอื่น" lists the categories; one tap picks another.
    const other = talk([postback('guess:no'), postback('cat:road')], r.state);
    expect(labels(other.all[0]!)).toContain('ถนน/ทางเท้า');
    expect(other.state).toMatchObject({ step: 'location', data: { category: 'road' } });
  });

  it('the guess can be answered in words: "ใช่" goes on, "ไม่ใช่" asks for the category', () => {
    const guessed = talk([photo, text('ท่อประปาแตกน้ำไหลนองถนนหน้าวัด')]).state;
    expect(guessed).toMatchObject({ step: 'category', data: { categoryGuessed: true } });
    for (const yes of ['ใช่', 'ใช่ค่ะ', ' ถูกแล้ว ', 'OK']) {
      const r = talk([text(yes)], guessed);
      expect(texts(r.last).join(' ')).not.toContain(conv.unexpected);
      expect(r.state).toMatchObject({ data: { category: 'water', categoryGuessed: false } });
    }
    const no = talk([text('ไม่ใช่')], guessed);
    expect(no.state).toMatchObject({ step: 'category' });
    expect((no.state as { data: object }).data).not.toHaveProperty('category');
    expect(talk([text('ไม่แน่ใจ')], guessed).state).toEqual(no.state);
  });

  it('more words while the category is asked go into the description, and the guess is made again', () => {
    const guessed = talk([text('ไฟถนนหน้าบ้านดับค่ะ')]).state;
    const more = talk([text('ซอยวัดกลาง 3')], guessed);
    expect(texts(more.last)).toEqual([conv.report.detailAdded, conv.report.guess('ไฟฟ้าส่องสว่าง')]);
    expect(more.state).toMatchObject({
      step: 'category',
      data: {
        description: 'ไฟถนนหน้าบ้านดับค่ะ\nซอยวัดกลาง 3',
        category: 'street_light',
        categoryGuessed: true,
      },
    });
    // A first line too vague to guess from: the added words make the guess.
    const vague = talk([postback('menu:report'), text('ช่วยด้วยค่ะ')]).state;
    expect(vague).toMatchObject({ step: 'category' });
    expect((vague as { data: object }).data).not.toHaveProperty('category');
    const clearer = talk([text('ท่อประปาแตกน้ำไหลนองถนน')], vague);
    expect(texts(clearer.last)[0]).toBe(conv.report.detailAdded);
    expect(clearer.state).toMatchObject({
      step: 'category',
      data: { category: 'water', categoryGuessed: true },
    });
    // After "ไม่ใช่", added words keep the list: the rejected guess is not offered again.
    const listed = talk([text('ไม่ใช่'), text('น้ำท่วมขังด้วย')], more.state);
    expect(listed.state).toMatchObject({
      step: 'category',
      data: { description: 'ไฟถนนหน้าบ้านดับค่ะ\nซอยวัดกลาง 3\nน้ำท่วมขังด้วย' },
    });
    expect((listed.state as { data: object }).data).not.toHaveProperty('category');
    expect(labels(listed.last)).toContain('ถนน/ทางเท้า');
    // "ใช่" with no category to agree to is not a detail.
    const yes = talk([text('ใช่')], listed.state);
    expect(texts(yes.last)[0]).toBe(conv.unexpected);
    expect(yes.state).toEqual(listed.state);
  });

  it('a question is answered, never turned into a report without a tap', () => {
    for (const q of ['ไฟดับต้องแจ้งที่ไหน', 'ภาษีที่ดินจ่ายที่ไหน', 'เทศบาลเปิดกี่โมง']) {
      const r = talk([text(q)]);
      expect(r.state.flow).not.toBe('report');
      expect(created(r.last)).toBeUndefined();
    }
  });

  it('unsure: one question with the likely choices, including ถามคำถาม and แจ้งเหตุ', () => {
    const r = talk([text('ขยะ')]);
    const l = labels(r.last);
    expect(r.state.flow === 'intent' || r.state.flow === 'ask').toBe(true);
    expect(l).toContain(conv.intent.asReport);
    const asReport = talk([postback('intent:report')], r.state);
    expect(asReport.state.flow).toBe('report');
  });

  it('menu words and short forms start their flow', () => {
    const cases: [string, string, string][] = [
      ['แจ้งเหตุ', 'report', 'description'],
      ['แจ้งปัญหา', 'report', 'description'],
      ['ร้องเรียน', 'complaint', 'subject'],
      ['ร้องทุกข์', 'complaint', 'subject'],
      ['ติดตาม', 'track', 'code'],
      ['สอบถาม', 'ask', 'question'],
      ['ทุจริต', 'corruption', 'mode'],
      ['แจ้งเบาะแส', 'corruption', 'mode'],
    ];
    for (const [word, flow, stepName] of cases) {
      expect(talk([text(word)]).state).toMatchObject({ flow, step: stepName });
    }
  });

  it('corruption words offer the confidential channel and never start it silently', () => {
    const r = talk([text('เจ้าหน้าที่เรียกรับเงินใต้โต๊ะ')]);
    expect(r.state.flow).toBe('intent');
    expect(texts(r.last)[0]).toBe(conv.corruptionOffer.text);
    const moved = talk([postback('intent:corruption')], r.state);
    expect(moved.state).toMatchObject({
      flow: 'corruption',
      step: 'mode',
      data: { description: 'เจ้าหน้าที่เรียกรับเงินใต้โต๊ะ' },
    });
    // After choosing how to hide their identity, the description is not asked again.
    const mode = talk([text(conv.corruption.anonymous)], moved.state);
    expect(mode.state.step).toBe('concerning');
  });

  it('a greeting, a tracking request and a data request each get their answer', () => {
    expect(texts(talk([text('สวัสดีค่ะ')]).last)).toEqual([conv.greeting]);
    expect(talk([text('เรื่องที่แจ้งไว้ถึงไหนแล้ว')]).state).toMatchObject({ flow: 'track' });
    expect(labels(talk([text('ขอลบข้อมูลส่วนตัว')]).last)).toContain(conv.intent.dataDelete);
  });
});

describe('buttons answered in words', () => {
  it('the summary is confirmed by "ยืนยันค่ะ", "ส่งเลยครับ" or "ถูกต้องค่ะ", not by a question', () => {
    const atConfirm = talk([text('ไฟถนนหน้าวัดดับมาสามคืนแล้ว'), photo, pin]).state;
    expect(atConfirm).toMatchObject({ flow: 'report', step: 'confirm' });
    for (const yes of ['ยืนยันค่ะ', 'ส่งเลยครับ', 'ถูกต้อง ค่ะ', 'OK']) {
      expect(created(talk([text(yes)], atConfirm).last), yes).toMatchObject({
        draft: { category: 'street_light' },
      });
    }
    const asked = talk([text('ยืนยันไหม')], atConfirm);
    expect(created(asked.last)).toBeUndefined();
    expect(texts(asked.last)[0]).toBe(conv.unexpected);
  });

  it('a step that may be skipped is skipped by "ไม่มีค่ะ" as by "ข้าม"', () => {
    const atPhoto = talk([
      postback('menu:complain'),
      text('เสียงดังจากร้านคาราโอเกะ'),
      text('เปิดเพลงดังถึงตีสองทุกคืน'),
      text('ไม่ทราบค่ะ'),
    ]).state;
    expect(atPhoto).toMatchObject({ flow: 'complaint', step: 'photo', data: { concerning: '' } });
    expect(talk([text('ไม่มีรูปค่ะ')], atPhoto).state).toEqual(talk([text(conv.skip)], atPhoto).state);
    expect(talk([text('ไม่มีรูปค่ะ')], atPhoto).state).toMatchObject({ step: 'confirm' });
  });
});

describe('bribery inside a general complaint', () => {
  it('stops before filing, offers the confidential channel and says what changes', () => {
    const r = talk([
      postback('menu:complain'),
      text('เรื่องใบอนุญาตก่อสร้าง'),
      text('นายช่างที่กองช่างขอเงิน 5000 บาท'),
    ]);
    expect(r.state).toMatchObject({ flow: 'complaint', step: 'corruptionOffer' });
    expect(texts(r.last)[0]).toContain('บัญชี LINE');
    expect(created(r.last)).toBeUndefined();
    const moved = talk([postback('corr:move')], r.state);
    expect(moved.state).toMatchObject({
      flow: 'corruption',
      step: 'mode',
      data: { description: 'นายช่างที่กองช่างขอเงิน 5000 บาท' },
    });
    const stayed = talk([postback('corr:stay')], r.state);
    expect(stayed.state).toMatchObject({ flow: 'complaint', step: 'concerning' });
  });

  it('in a report description too', () => {
    const r = talk([postback('menu:report'), text('ผู้รับเหมาขอเงินใต้โต๊ะ ถนนเลยพัง')]);
    expect(r.state).toMatchObject({ flow: 'report', step: 'corruptionOffer' });
  });
});

describe('urgent categories', () => {
  it('emergency numbers and first advice at once, as tappable buttons; filed as urgent', () => {
    const r = talk([text('ลูกโดนหมากัดที่ขา')]);
    const urgent = messagesOf(r.last).find(
      (m) => 'text' in m && m.text.startsWith(conv.urgent.title),
    );
    expect(urgent).toBeDefined();
    expect(actions(r.last)).toContainEqual(
      expect.objectContaining({ type: 'uri', uri: 'tel:1669' }),
    );
    const done = talk([postback('guess:yes'), pin, text(conv.confirm)], r.state);
    expect(created(done.last)).toMatchObject({ draft: { category: 'dog_bite', urgent: true } });
  });

  it('a fallen power line offers the electricity authority', () => {
    const r = talk([text('สายไฟขาดห้อยลงมากลางถนน')]);
    expect(actions(r.last)).toContainEqual(expect.objectContaining({ uri: 'tel:1129' }));
  });
});

describe('nearby duplicates', () => {
  const match = {
    type: 'nearby',
    match: { code: 'FS-6911-K7Q2', stateLabel: 'รอรับเรื่อง', affected: 1, metres: 30.4 },
  } as Input;
  const toPin = () => {
    let s = step(IDLE, text('ไฟถนนหน้าวัดดับ'), now, config).state;
    s = step(s, photo, now, config).state;
    return step(s, pin, now, config).state;
  };

  it('tells the resident the code and state; "+1" joins the case with the photo', () => {
    const found = step(toPin(), match, now, config);
    expect(texts(found.commands)[0]).toBe(conv.nearby.found('FS-6911-K7Q2', 'รอรับเรื่อง', 1, 30));
    expect(labels(found.commands)).toEqual([conv.nearby.join, conv.nearby.fileNew, conv.cancel]);
    const join = step(found.state, postback('nearby:join'), now, config);
    expect(join.commands).toEqual([
      {
        type: 'joinCase',
        code: 'FS-6911-K7Q2',
        photos: [expect.objectContaining({ key: 'photos/x/1.jpg' })],
      },
    ]);
    const joined = step(
      join.state,
      { type: 'joined', code: 'FS-6911-K7Q2', affected: 2 },
      now,
      config,
    );
    expect(joined.state).toEqual(IDLE);
    expect(texts(joined.commands)).toEqual([conv.nearby.joined('FS-6911-K7Q2', 2)]);
  });

  it('or files anyway', () => {
    const found = step(toPin(), match, now, config);
    const anew = step(found.state, postback('nearby:new'), now, config);
    expect(anew.state.step).toBe('confirm');
  });
});

describe('small things', () => {
  it('a resident asking for a form gets a button to the LIFF report form', () => {
    for (const w of ['แบบฟอร์ม', 'ขอแบบฟอร์ม']) {
      const r = talk([text(w)]);
      expect(actions(r.last)[0]).toEqual({
        type: 'uri',
        label: conv.formButton,
        uri: config.reportFormUrl,
      });
    }
  });

  it('phone numbers and links are buttons, never raw tel: text', () => {
    const contact = talk([postback('menu:contact')]);
    expect(actions(contact.last)[0]).toMatchObject({ type: 'uri', uri: 'tel:043000000' });
    const answer = talk([text('เบอร์โทรเทศบาลเบอร์อะไร')]);
    expect(texts(answer.last).join('\n')).not.toContain('tel:');
    expect(actions(answer.last)).toContainEqual(expect.objectContaining({ type: 'uri' }));
  });

  it('the survey invitation is a button, not a bare URL', () => {
    const r = talk([postback('menu:survey')]);
    expect(texts(r.last)[0]).not.toContain('https://');
    expect(actions(r.last)[0]).toMatchObject({ type: 'uri', uri: config.surveyUrl });
  });

  it('FAQ choice labels stay distinguishable within 20 characters', () => {
    const l = distinctLabels([
      'ขออนุญาตก่อสร้างใช้เอกสารอะไร',
      'ขออนุญาตก่อสร้างอาคารใช้เวลากี่วัน',
      'ขออนุญาตก่อสร้างต้องเสียค่าธรรมเนียมไหม',
    ]);
    expect(new Set(l).size).toBe(3);
    for (const x of l) expect([...x].length).toBeLessThanOrEqual(20);
    expect(distinctLabels(['ขยะเก็บวันไหน', 'ค่าเก็บขยะเท่าไร'])).toEqual([
      'ขยะเก็บวันไหน',
      'ค่าเก็บขยะเท่าไร',
    ]);
  });

  it('bad input in every state gets a Thai answer with a way on', () => {
    const odd: Input[] = [
      { type: 'sticker' },
      { type: 'other', messageType: 'video' },
      { type: 'other', messageType: 'file' },
      { type: 'image', messageId: '2', photoError: 'too_large' },
      text(''),
      postback('nonsense'),
    ];
    const states = [
      IDLE,
      talk([text('ไฟถนนหน้าวัดดับ')]).state,
      talk([postback('menu:report')]).state,
      talk([text('ไฟถนนหน้าวัดดับ'), photo]).state,
      talk([text('ไฟถนนหน้าวัดดับ'), photo, pin]).state,
      talk([text('ขยะ')]).state,
      talk([postback('menu:complain')]).state,
      talk([postback('menu:corruption')]).state,
      talk([postback('menu:track')]).state,
    ];
    for (const s of states) {
      for (const input of odd) {
        const r = step(s, input, now, config);
        const m = messagesOf(r.commands);
        expect(m.length).toBeGreaterThan(0);
        expect(m.at(-1)!.quickReply?.items?.length ?? 0).toBeGreaterThan(0);
      }
    }
  });
});

describe('saved state', () => {
  it('parses a valid saved state and resets anything else to idle', () => {
    const good = talk([text('ไฟถนนหน้าวัดดับ')]).state;
    expect(parseState(good)).toEqual({ state: good, reset: false });
    for (const bad of [
      { flow: 'report', step: 'photo_v0', data: {}, expiresAt: null },
      { flow: 'report', step: 'confirm', data: { photos: 'not a list' }, expiresAt: null },
      { flow: 'nonsense', step: 'x', data: {}, expiresAt: null },
      { flow: 'track', step: 'code', data: null, expiresAt: null },
    ]) {
      expect(parseState(bad)).toEqual({ state: IDLE, reset: true });
    }
  });
});

describe('one name per category', () => {
  it('FAQ answers name categories exactly as the category list does', async () => {
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(new URL('../../db/seed/faq-demo.csv', import.meta.url), 'utf8');
    const named = [...csv.matchAll(/เลือกประเภท ""([^"]+)""/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThanOrEqual(2);
    const names = config.categories.map((c) => c.name);
    for (const n of named) expect(names).toContain(n);
  });
});
