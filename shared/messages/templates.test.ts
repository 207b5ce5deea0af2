import { describe, expect, it } from 'vitest';
import { messageTemplateSchema, issuesOf } from '../admin/schemas';
import { orgSettings } from '../org-settings';
import { th } from '../text/th';
import { thAdmin } from '../text/th-admin';
import { survey } from '../text/th-survey';
import { fillTemplate, placeholdersIn, residentNotice } from './fill';
import {
  DEFAULT_TEXTS,
  messageTexts,
  receiptNote,
  render,
  SURVEY_INVITE_MAX_CHARS,
  TEMPLATE_KEYS,
  TEMPLATE_MAX_CHARS,
  TEMPLATE_SPECS,
  templateProblem,
} from './templates';

const T = thAdmin.templates;

describe('message templates', () => {
  it('defaults are the catalogue: filled in, they read exactly as before', () => {
    expect(render(DEFAULT_TEXTS, 'greeting', { org: 'เทศบาลตำบลบางไทร' })).toBe(
      th.greeting('เทศบาลตำบลบางไทร'),
    );
    expect(render(DEFAULT_TEXTS, 'privacyNotice', { org: 'x' })).toBe(th.privacyNotice);
    const v = { code: 'FS-1', note: 'ซ่อมแล้ว', state: 'เสร็จสิ้น', division: 'กองช่าง' };
    const R = th.staff.resident;
    expect(residentNotice(DEFAULT_TEXTS, 'state', v)).toBe(
      R.stateChanged('FS-1', 'เสร็จสิ้น', 'ซ่อมแล้ว'),
    );
    expect(residentNotice(DEFAULT_TEXTS, 'reply', v)).toBe(R.reply('FS-1', 'ซ่อมแล้ว'));
    expect(residentNotice(DEFAULT_TEXTS, 'explain', v)).toBe(R.explanation('FS-1', 'ซ่อมแล้ว'));
    expect(residentNotice(DEFAULT_TEXTS, 'forward', v)).toBe(
      R.forwarded('FS-1', 'กองช่าง', 'ซ่อมแล้ว'),
    );
    expect(render(DEFAULT_TEXTS, 'surveyInvite', { code: 'FS-1' })).toBe(survey.invitation('FS-1'));
    // Every default passes its own check.
    for (const k of TEMPLATE_KEYS)
      expect(templateProblem(k, TEMPLATE_SPECS[k].default), k).toBeNull();
  });

  it('fills each named placeholder once; a value holding braces is not filled again', () => {
    expect(fillTemplate('{code} / {org} / {code}', { code: '{org}', org: 'อบต.' })).toBe(
      '{org} / อบต. / {org}',
    );
    expect(fillTemplate('ไม่รู้จัก {nope}', {})).toBe('ไม่รู้จัก {nope}');
    expect(placeholdersIn('{a}{b}{a} {c')).toEqual(['a', 'b']);
  });

  it('refuses empty text, unknown or missing placeholders and overlong text, in Thai', () => {
    expect(templateProblem('greeting', '   ')).toBe(T.empty);
    expect(templateProblem('greeting', 'สวัสดี {code}')).toBe(T.unknown('code', '{org}'));
    expect(templateProblem('reply', 'เรื่อง {code}')).toBe(T.missing('note'));
    expect(templateProblem('reply', 'เรื่อง {code}: {note}')).toBeNull();
    expect(templateProblem('greeting', 'ก'.repeat(TEMPLATE_MAX_CHARS))).toBeNull();
    expect(templateProblem('greeting', 'ก'.repeat(TEMPLATE_MAX_CHARS + 1))).toBe(
      T.tooLong(TEMPLATE_MAX_CHARS),
    );
    // The survey invitation is a LINE buttons card: 160 characters at most.
    expect(templateProblem('surveyInvite', 'ก'.repeat(SURVEY_INVITE_MAX_CHARS))).toBeNull();
    expect(templateProblem('surveyInvite', 'ก'.repeat(SURVEY_INVITE_MAX_CHARS + 1))).toBe(
      T.tooLong(SURVEY_INVITE_MAX_CHARS),
    );
  });

  it('the shared schema names the message and the field, and trims what it keeps', () => {
    const bad = messageTemplateSchema('caseReceipt').safeParse({ text: 'โทร {phone}' });
    expect(bad.success).toBe(false);
    const [issue] = issuesOf(bad.error!);
    expect(issue!.field).toBe('text');
    expect(issue!.message).toBe(
      `${T.labels.caseReceipt}: ${T.unknown('phone', '{org} {code} {category} {days}')}`,
    );
    expect(messageTemplateSchema('greeting').safeParse({}).success).toBe(false);
    expect(messageTemplateSchema('greeting').parse({ text: '  สวัสดี {org}  ' })).toEqual({
      text: 'สวัสดี {org}',
    });
  });

  it("merges an organisation's own texts over the defaults; a stored bad one falls back", () => {
    const settings = orgSettings({
      messageTemplates: { greeting: 'ยินดีต้อนรับสู่ {org}', reply: 'ไม่มีโน้ต', bogus: 'x' },
    });
    const texts = messageTexts(settings.messageTemplates);
    expect(render(texts, 'greeting', { org: 'อบต.หนองบัว' })).toBe('ยินดีต้อนรับสู่ อบต.หนองบัว');
    expect(texts.reply).toBe(DEFAULT_TEXTS.reply);
    expect(Object.keys(texts)).toEqual([...TEMPLATE_KEYS]);
    expect(
      receiptNote(messageTexts({ caseReceipt: '{code} · {category} · {days} วัน · {org}' }), {
        orgName: 'ทต.',
        trackingCode: 'FS-9',
        categoryName: 'ถนน',
        finishDays: 7,
      }),
    ).toBe('FS-9 · ถนน · 7 วัน · ทต.');
    // Settings that are not an object of strings read as none.
    expect(orgSettings({ messageTemplates: 'x' }).messageTemplates).toEqual({});
  });
});
