import type { Env } from '../env';

/**
 * Where the staff console lives, for the เปิดดู button in alerts. Alerts are made while
 * a case is filed (no request at hand), so the app sets this once from its env.
 * With LIFF_ID the console opens inside LINE; otherwise at PUBLIC_BASE_URL.
 */
let base = 'http://localhost:8787/liff/console.html';

export function configureStaffLinks(env: Pick<Env, 'LIFF_ID' | 'PUBLIC_BASE_URL' | 'PORT'>): void {
  base = env.LIFF_ID
    ? `https://liff.line.me/${env.LIFF_ID}/console.html`
    : `${(env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '')}/liff/console.html`;
}

export function consoleUrl(caseId?: string): string {
  return caseId ? `${base}?case=${encodeURIComponent(caseId)}` : base;
}
