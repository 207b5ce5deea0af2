import { describe, expect, it } from 'vitest';
import { isSimulatorMode, parseEnv } from './env';

describe('parseEnv', () => {
  it('gives the documented defaults and simulator mode without LINE credentials', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 8787,
      DATA_DIR: './data',
      LINE_API_BASE_URL: 'https://api.line.me',
      LINE_DATA_API_BASE_URL: 'https://api-data.line.me',
      DEFAULT_ORG_SLUG: 'demo',
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(isSimulatorMode(env)).toBe(true);
  });

  it('never turns an empty secret into a key, and names the variable', () => {
    expect(() => parseEnv({ LINE_CHANNEL_SECRET: '', LINE_CHANNEL_ACCESS_TOKEN: 't' })).toThrow(
      /LINE_CHANNEL_SECRET is set but empty/,
    );
    expect(() => parseEnv({ APP_SECRET: 'short' })).toThrow(/APP_SECRET.*32/);
    expect(() => parseEnv({ LINE_CHANNEL_SECRET: 's' })).toThrow(/must be set together/);
  });

  it('rejects malformed values with their names', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ LINE_API_BASE_URL: 'ftp://x' })).toThrow(/LINE_API_BASE_URL/);
  });

  it('leaves simulator mode when credentials are given', () => {
    const env = parseEnv({
      LINE_CHANNEL_SECRET: 's',
      LINE_CHANNEL_ACCESS_TOKEN: 't',
      DATABASE_URL: 'postgres://u@h/db',
    });
    expect(isSimulatorMode(env)).toBe(false);
    expect(env.DATABASE_URL).toBe('postgres://u@h/db');
  });
});
