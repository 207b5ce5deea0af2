/**
 * The staff console's "ออกรายงาน" page (issue 15, `#report` or `#report=<round>[&v=<version>]`),
 * for admins and executives: the current round by default and the past ones, the draft shown as
 * the printable HTML, the recommendations edited and saved, "เผยแพร่", and the PDF, XLSX and CSV
 * downloads (kept by the server by round and version: bot/reports/routes.ts). Also the two small
 * charts the dashboard draws (inline SVG, no script library).
 */
import { formatThaiDateTime } from '../../shared/dates';
import { reportConsole as R } from '../../shared/text/th-report-console';

/** What console.ts lends this screen. */
export type ReportScreenContext = {
  app: HTMLElement;
  org: string;
  api: <T>(method: string, path: string, body?: unknown) => Promise<T>;
  /** A signed-in GET that returns the raw response (for the HTML and the files). */
  raw: (path: string) => Promise<Response>;
  esc: (s: unknown) => string;
};

/** Roles the API lets in (bot/reports/routes.ts REPORT_ROLES). */
export const REPORT_ROLES = ['admin', 'executive'];

type Rounds = {
  current: string;
  rounds: {
    label: string;
    title: string;
    span: string;
    current: boolean;
    versions: { version: number; publishedAt: string | null }[];
  }[];
};

type ReportView = {
  report: { version?: number; publishedAt: string | null; recommendations: string };
  versions: { version: number; publishedAt: string | null }[];
};

/** A status line beside the control that was used; errors are announced. */
function say(box: HTMLElement, text: string, kind: 'notice' | 'error') {
  box.className = kind;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  box.textContent = text;
  box.hidden = false;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function showReport(ctx: ReportScreenContext): Promise<void> {
  const { app, esc } = ctx;
  const base = `/api/reports/${encodeURIComponent(ctx.org)}`;
  const m = /^#report(?:=(\d{4}-\d))?(?:&v=(\d+))?$/.exec(location.hash);
  const rounds = await ctx.api<Rounds>('GET', `${base}/rounds`);
  const label = m?.[1] ?? rounds.current;
  const version = m?.[2] ?? null;
  const q = version ? `?version=${encodeURIComponent(version)}` : '';
  const path = `${base}/rounds/${encodeURIComponent(label)}`;

  const options = rounds.rounds
    .map(
      (r) =>
        `<option value="${esc(r.label)}"${r.label === label ? ' selected' : ''}>${esc(r.title)}${r.current ? ` (${R.current})` : ''}</option>`,
    )
    .join('');
  app.innerHTML = `<p><a href="#dashboard">${R.back}</a></p>
    <section id="report-page" aria-labelledby="report-title">
      <h2 id="report-title">${R.title}</h2>
      <label>${R.rounds} <select id="report-round">${options}</select></label>
      <div id="report-body"><p class="notice" role="status">${R.loading}</p></div>
    </section>`;
  app.querySelector<HTMLSelectElement>('#report-round')!.addEventListener('change', (ev) => {
    location.hash = `report=${(ev.target as HTMLSelectElement).value}`;
  });
  const body = app.querySelector<HTMLElement>('#report-body')!;

  let view: ReportView;
  try {
    view = await ctx.api<ReportView>('GET', `${path}${q}`);
  } catch (e) {
    body.innerHTML = '<p></p>';
    say(body.firstElementChild as HTMLElement, message(e), 'error');
    return;
  }
  const published = view.versions.filter((v) => v.publishedAt);
  const viewingPublished = !!version;
  // The next draft's number: the newest version while it is a draft, else the one after it.
  const newest = view.versions.at(-1);
  const draftNo = newest ? (newest.publishedAt ? newest.version + 1 : newest.version) : 1;
  const versionLinks = published.length
    ? `<ul>${published
        .map(
          (v) =>
            `<li><a href="#report=${esc(label)}&v=${v.version}">${esc(R.publishedOn(v.version, formatThaiDateTime(new Date(v.publishedAt!))))}</a></li>`,
        )
        .join('')}</ul>`
    : `<p>${R.noVersions}</p>`;
  body.innerHTML = `
    <p data-testid="report-viewing"><b>${R.viewing}:</b> ${esc(
      viewingPublished ? R.version(Number(version)) : R.draftOf(draftNo),
    )}${viewingPublished ? ` · <a href="#report=${esc(label)}">${esc(R.draftOf(draftNo))}</a>` : ''}</p>
    <h3>${R.versions}</h3>${versionLinks}
    ${
      viewingPublished
        ? ''
        : `<form id="report-recs">
      <label for="report-recs-text">${R.recommendations}</label>
      <textarea id="report-recs-text" rows="6">${esc(view.report.recommendations)}</textarea>
      <small>${R.recommendationsHint}</small>
      <div class="send-row"><button type="submit">${R.save}</button></div>
      <p hidden></p>
    </form>
    <form id="report-publish">
      <div class="send-row"><button type="submit">${R.publish}</button><small>${R.publishHint}</small></div>
      <p hidden></p>
    </form>`
    }
    <h3>${R.download}</h3>
    <div id="report-downloads" class="send-row">
      <button type="button" data-kind="pdf">${R.pdf}</button>
      <button type="button" data-kind="xlsx">${R.xlsx}</button>
      <button type="button" data-kind="csv">${R.csv}</button>
    </div>
    <p id="report-download-status" hidden></p>
    <h3>${R.preview}</h3>
    <iframe id="report-preview" title="${R.preview}" sandbox=""></iframe>`;

  const recs = body.querySelector<HTMLFormElement>('#report-recs');
  recs?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const status = recs.querySelector<HTMLElement>('p')!;
    try {
      const r = await ctx.api<{ message: string }>('PUT', `${path}/recommendations`, {
        text: recs.querySelector<HTMLTextAreaElement>('textarea')!.value,
      });
      say(status, r.message, 'notice');
      await loadPreview();
    } catch (e) {
      say(status, message(e), 'error');
    }
  });
  const pub = body.querySelector<HTMLFormElement>('#report-publish');
  pub?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const status = pub.querySelector<HTMLElement>('p')!;
    try {
      const r = await ctx.api<{ version: number; message: string }>('POST', `${path}/publish`);
      say(status, r.message, 'notice');
      location.hash = `report=${label}&v=${r.version}`;
    } catch (e) {
      say(status, message(e), 'error');
    }
  });
  const dlStatus = body.querySelector<HTMLElement>('#report-download-status')!;
  for (const b of body.querySelectorAll<HTMLButtonElement>('#report-downloads button'))
    b.addEventListener('click', async () => {
      say(dlStatus, R.loading, 'notice');
      b.disabled = true;
      try {
        const res = await ctx.raw(`${path}/report.${b.dataset.kind}${q}`);
        if (!res.ok) {
          const e = (await res.json().catch(() => null)) as { error?: { message?: string } };
          throw new Error(e?.error?.message ?? `${res.status}`);
        }
        const name =
          /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ??
          `report.${b.dataset.kind}`;
        const a = document.createElement('a');
        a.href = URL.createObjectURL(await res.blob());
        a.download = name;
        a.dataset.testid = 'report-download';
        document.body.append(a);
        a.click();
        a.remove();
        say(dlStatus, `${R.download} ${name}`, 'notice');
      } catch (e) {
        say(dlStatus, message(e), 'error');
      } finally {
        b.disabled = false;
      }
    });

  async function loadPreview() {
    const res = await ctx.raw(`${path}/report.html${q}`);
    body.querySelector<HTMLIFrameElement>('#report-preview')!.srcdoc = await res.text();
  }
  await loadPreview();
}

/** Horizontal bars 0–100 with the 85 target dashed, for the dashboard (no script library). */
export function dashboardBars(
  items: { label: string; value: number | null }[],
  title: string,
  esc: (s: unknown) => string,
): string {
  const shown = items.filter((i): i is { label: string; value: number } => i.value !== null);
  if (!shown.length) return '';
  const rowH = 24;
  const labelW = 120;
  const barW = 190;
  const h = shown.length * rowH + 18;
  const x = (v: number) => labelW + (Math.max(0, Math.min(100, v)) * barW) / 100;
  const bars = shown
    .map((it, i) => {
      const y = i * rowH + 4;
      return (
        `<text x="${labelW - 6}" y="${y + 13}" text-anchor="end" font-size="11">${esc(it.label)}</text>` +
        `<rect x="${labelW}" y="${y + 2}" width="${(x(it.value) - labelW).toFixed(1)}" height="14" fill="${it.value >= 85 ? '#2e7d32' : it.value >= 75 ? '#f9a825' : '#c62828'}"/>` +
        `<text x="${x(it.value) + 3}" y="${y + 13}" font-size="11">${it.value.toFixed(2)}</text>`
      );
    })
    .join('');
  const target = `<line x1="${x(85)}" y1="0" x2="${x(85)}" y2="${h - 14}" stroke="#555" stroke-dasharray="4 3"/><text x="${x(85)}" y="${h - 2}" font-size="10" text-anchor="middle">85</text>`;
  return `<figure class="dash-chart"><figcaption>${esc(title)}</figcaption><svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${labelW + barW + 44} ${h}" width="100%" xmlns="http://www.w3.org/2000/svg">${target}${bars}</svg></figure>`;
}

/** The dashboard's link to this page. */
export const reportLink = () => `<p><a href="#report" id="report-link">${R.link}</a></p>`;
