import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../bot/env';
import { clientAddress, ownHosts } from '../../bot/http/client-address';
import { CORRUPTION_POSTS_PER_HOUR } from '../../bot/public/corruption';
import { th } from '../../shared/text/th';
import { createHarness, type Harness } from '../helpers/harness';

/** Issue 12: forwarding headers count only with TRUST_PROXY set (decision 021). */
describe('client address and TRUST_PROXY', () => {
  const probe = (trust: string | undefined, peer = '203.0.113.9') => {
    const env = parseEnv({ TRUST_PROXY: trust });
    const app = new Hono();
    app.get('/', (c) =>
      c.json({
        ip: clientAddress(c, { env, peerAddress: () => peer }),
        hosts: ownHosts(c, { env }),
      }),
    );
    return async (headers: Record<string, string>) => {
      const res = await app.request('http://app.example/', { headers });
      return (await res.json()) as { ip: string; hosts: string[] };
    };
  };
  const forged = {
    'X-Forwarded-For': '1.2.3.4',
    'cf-connecting-ip': '5.6.7.8',
    'X-Forwarded-Host': 'evil.example',
  };

  it('parses TRUST_PROXY: unset/false/0 = off, true = 1, 1-5 hops, cloudflare; anything else stops the start', () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: '' }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(parseEnv({ TRUST_PROXY: 'cloudflare' }).TRUST_PROXY).toBe('cloudflare');
    expect(() => parseEnv({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY/);
    expect(() => parseEnv({ TRUST_PROXY: '9' })).toThrow(/TRUST_PROXY/);
  });

  it('without TRUST_PROXY ignores every forwarding header: the socket address counts', async () => {
    const r = await probe(undefined)(forged);
    expect(r.ip).toBe('203.0.113.9');
    expect(r.hosts).not.toContain('evil.example');
  });

  it('with one proxy takes the entry the proxy appended (rightmost), not what the client wrote', async () => {
    const r = await probe('1')({ ...forged, 'X-Forwarded-For': '1.2.3.4, 198.51.100.7' });
    expect(r.ip).toBe('198.51.100.7');
    expect(r.hosts).toContain('evil.example');
    expect((await probe('2')({ 'X-Forwarded-For': '1.2.3.4, 198.51.100.7, 10.0.0.1' })).ip).toBe(
      '198.51.100.7',
    );
    expect((await probe('1')({})).ip).toBe('203.0.113.9');
  });

  it('with cloudflare in front of Node reads cf-connecting-ip only', async () => {
    expect((await probe('cloudflare')(forged)).ip).toBe('5.6.7.8');
  });

  describe('the corruption form behind no proxy', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await createHarness();
    });
    afterAll(() => h.close());

    it('keeps its per-address limit whatever X-Forwarded-For and cf-connecting-ip say', async () => {
      const url = `http://localhost/public/${h.slug}/corruption`;
      const statuses: number[] = [];
      for (let i = 0; i < CORRUPTION_POSTS_PER_HOUR + 2; i++) {
        const page = await (await h.app.request(url)).text();
        const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
        const form = new FormData();
        form.set('csrf', csrf);
        form.set('protection', 'confidential');
        form.set('description', `ทดสอบการปลอมที่อยู่ ${i}`);
        const res = await h.app.request(url, {
          method: 'POST',
          body: form,
          headers: {
            Origin: 'http://localhost',
            'X-Test-Peer-Address': '192.0.2.50',
            'X-Forwarded-For': `10.9.${i}.1`,
            'cf-connecting-ip': `10.8.${i}.1`,
          },
        });
        statuses.push(res.status);
        if (res.status === 429) expect(await res.text()).toContain(th.pub.tooMany);
      }
      expect(statuses.slice(0, CORRUPTION_POSTS_PER_HOUR).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(CORRUPTION_POSTS_PER_HOUR)).toEqual([429, 429]);
    });
  });
});
