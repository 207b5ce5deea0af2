import type { Env } from '../env';

/** The LIFF report form's link (liff-app/report.html), built like surveyUrl. */
export function reportFormUrl(env: Env, orgSlug: string): string {
  const query = new URLSearchParams({ org: orgSlug }).toString();
  const base = env.LIFF_ID
    ? `https://liff.line.me/${env.LIFF_ID}`
    : `${(env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '')}/liff`;
  return `${base}/report.html?${query}`;
}
