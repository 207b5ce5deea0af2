import { describe, expect, it } from 'vitest';
import { parseEnv } from '../env';
import { surveyUrl } from './invite';
import { liffClientId } from '../line/id-token';

describe('LIFF channel and survey links', () => {
  it('ID tokens must be issued to the LIFF channel; simulator tokens only in simulator mode', () => {
    expect(liffClientId(parseEnv({ LIFF_ID: '1657000000-AbCdEfGh' }))).toBe('1657000000');
    expect(liffClientId(parseEnv({}))).toBe('simulator');
    // A real LINE channel without a LIFF app: nobody can answer (the page says so).
    expect(
      liffClientId(parseEnv({ LINE_CHANNEL_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: 't' })),
    ).toBeNull();
  });
  it('links open the LIFF URL with LIFF_ID, else the page on this server', () => {
    expect(surveyUrl(parseEnv({ LIFF_ID: '1657000000-AbCdEfGh' }), 'demo', { point: 'a-1' })).toBe(
      'https://liff.line.me/1657000000-AbCdEfGh/survey.html?org=demo&point=a-1',
    );
    expect(surveyUrl(parseEnv({ PUBLIC_BASE_URL: 'https://x.example/' }), 'demo')).toBe(
      'https://x.example/liff/survey.html?org=demo',
    );
  });
});
