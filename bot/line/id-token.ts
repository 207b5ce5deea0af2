import { HTTPException } from 'hono/http-exception';
import type { Logger } from '../logger';
import { isSimulatorMode, type Env } from '../env';
import type { OrgChannel } from '../orgs';
import { LineApiError } from './client';

/** The LIFF app's channel id (the part of LIFF_ID before '-'); 'simulator' in simulator mode. */
export function liffClientId(env: Env): string | null {
  if (env.LIFF_ID) return env.LIFF_ID.split('-')[0]!;
  return isSimulatorMode(env) ? 'simulator' : null;
}

const CACHE_MS = 5 * 60_000;

/**
 * Who sent a request: the LINE user id in a verified `Authorization: Bearer <LIFF ID token>`,
 * checked with LINE through the organisation's LINE client and cached until the token
 * expires (at most five minutes). A userId in a request body is never trusted.
 * A missing, forged, expired or wrong-channel token → 401; LINE unreachable → 503.
 * One instance per process or isolate (bot/services.ts), shared by every route family;
 * its cache is keyed by organisation and token, so a token verified for one
 * organisation's channel is never accepted for another's without asking LINE.
 */
export class IdTokenVerifier {
  #verified = new Map<string, { sub: string; until: number }>();
  /** How many tokens were checked with LINE: tests use it to prove reuse. */
  verifications = 0;

  constructor(private readonly deps: { env: Env; logger: Logger; clock: () => Date }) {}

  async lineUser(
    channel: OrgChannel,
    authorization: string | undefined,
    words: { unauthorized: string; unavailable: string },
  ): Promise<string> {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
    if (!token) throw new HTTPException(401, { message: words.unauthorized });
    const now = this.deps.clock().getTime();
    const key = `${channel.org.id}\u0000${token}`;
    const hit = this.#verified.get(key);
    if (hit && hit.until > now) return hit.sub;
    const clientId = liffClientId(this.deps.env);
    if (!clientId || !channel.line) throw new HTTPException(401, { message: words.unauthorized });
    let claims: { sub?: string; exp: number };
    try {
      this.verifications++;
      claims = await channel.line.verifyIdToken(token, clientId);
    } catch (e) {
      if (e instanceof LineApiError && e.status >= 400 && e.status < 500)
        throw new HTTPException(401, { message: words.unauthorized });
      this.deps.logger.warn('ID token check failed', { error: String(e) });
      throw new HTTPException(503, { message: words.unavailable });
    }
    if (!claims.sub) throw new HTTPException(401, { message: words.unauthorized });
    if (this.#verified.size > 10_000) this.#verified.clear();
    this.#verified.set(key, {
      sub: claims.sub,
      until: Math.min(claims.exp * 1000, now + CACHE_MS),
    });
    return claims.sub;
  }
}
