import { describe, expect, it } from 'vitest';
import { orgSettings } from './org-settings';

describe('orgSettings', () => {
  it('fills every default for empty or missing settings', () => {
    for (const stored of [{}, null, undefined, 'x', []]) {
      expect(orgSettings(stored)).toEqual({
        stateLabels: {},
        contact: {},
        profile: {},
        signatories: {},
        messageTemplates: {},
        flowTimeoutMinutes: 30,
        defaultFinishDays: 15,
        defaultAcceptDays: 1,
        explanationDays: 15,
        alertQuotaThreshold: 0.9,
        corruptionAlertsPerHour: 5,
        paperDailyCap: 50,
      });
    }
  });

  it('keeps valid values and unknown keys, and puts defaults in place of bad ones', () => {
    const s = orgSettings({
      defaultFinishDays: 10,
      reopenWindowDays: 7,
      stateLabels: { waiting: 'รอ' },
      contact: { phone: '043-000-000', address: 5 },
      flowTimeoutMinutes: 'soon',
      alertQuotaThreshold: 3,
      futureSetting: true,
    });
    expect(s).toMatchObject({
      defaultFinishDays: 10,
      reopenWindowDays: 7,
      stateLabels: { waiting: 'รอ' },
      contact: { phone: '043-000-000' },
      flowTimeoutMinutes: 30,
      alertQuotaThreshold: 0.9,
      futureSetting: true,
    });
    expect(s.contact.address).toBeUndefined();
  });
});

describe('profile and signatories', () => {
  it('keeps a valid logo and signatories, and drops a logo that is not an image data URL', () => {
    const logo = 'data:image/png;base64,iVBORw0KGgo=';
    const s = orgSettings({
      profile: { logoDataUrl: logo, website: 'https://example.go.th' },
      signatories: { executive: { name: 'นายสมชาย ใจดี', position: 'นายกเทศมนตรี' } },
    });
    expect(s.profile.logoDataUrl).toBe(logo);
    expect(s.signatories.executive?.position).toBe('นายกเทศมนตรี');
    expect(
      orgSettings({ profile: { logoDataUrl: 'javascript:alert(1)' } }).profile.logoDataUrl,
    ).toBeUndefined();
  });
});

describe('parsed once', () => {
  it('parses one stored object once and gives every caller the same settings', () => {
    const stored = { flowTimeoutMinutes: 12 };
    const first = orgSettings(stored);
    expect(orgSettings(stored)).toBe(first);
    expect(orgSettings({ flowTimeoutMinutes: 12 })).not.toBe(first);
    expect(first.flowTimeoutMinutes).toBe(12);
  });
});
