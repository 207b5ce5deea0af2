/**
 * The ID token for the server. With a LIFF id the LINE SDK is loaded (a separate chunk, only
 * then); without one (simulator mode) a tiny LIFF mock asks the simulator's fake LINE for a token
 * of the simulator user, the same user the /dev/line chat page uses.
 */
const SIM_USER_KEY = 'fangsiang.simulator.user';

export type Auth = { idToken(): Promise<string> };

export async function createAuth(liff: {
  id: string | null;
  clientId: string | null;
}): Promise<Auth> {
  if (liff.id) {
    const { default: sdk } = await import('./liff-sdk');
    await sdk.init({ liffId: liff.id });
    if (!sdk.isLoggedIn()) {
      sdk.login({ redirectUri: location.href });
      await new Promise(() => {});
    }
    return {
      async idToken() {
        const t = sdk.getIDToken();
        if (!t) throw new Error('no ID token');
        return t;
      },
    };
  }
  return {
    async idToken() {
      const res = await fetch('/dev/line/platform/liff-mock/id-token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ userId: simulatorUser(), clientId: liff.clientId ?? 'simulator' }),
      });
      if (!res.ok) throw new Error(`mock token ${res.status}`);
      return ((await res.json()) as { idToken: string }).idToken;
    },
  };
}

/** The simulator user of this browser (?user=U… overrides, for tests), kept like /dev/line keeps it. */
function simulatorUser(): string {
  const fromQuery = new URLSearchParams(location.search).get('user');
  if (fromQuery) return fromQuery;
  try {
    const u = JSON.parse(localStorage.getItem(SIM_USER_KEY) || 'null');
    if (u && typeof u.userId === 'string') return u.userId;
  } catch {
    /* storage unavailable */
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const userId = 'U' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  try {
    localStorage.setItem(SIM_USER_KEY, JSON.stringify({ userId, displayName: userId.slice(-4) }));
  } catch {
    /* storage unavailable */
  }
  return userId;
}
