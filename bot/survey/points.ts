import { Hono, type Context } from 'hono';
import { html, raw } from 'hono/html';
import { HTTPException } from 'hono/http-exception';
import { servicePointByCode } from '../../db/surveys';
import { survey as words } from '../../shared/text/th-survey';
import type { AppDeps } from '../deps';
import { surveyUrl } from './invite';
import { surveyOrg, type SurveyEnv } from './routes';
import { qrPng, qrSvg } from './qr';

/** The poster's styles: A4, large type, the QR code in the middle. */
const POSTER_CSS = `
@page{size:A4;margin:15mm}
*{box-sizing:border-box}
body{margin:0;font-family:"Sarabun","Noto Sans Thai","Noto Sans Thai UI",Tahoma,sans-serif;color:#000;text-align:center}
.sheet{width:180mm;min-height:260mm;margin:0 auto;padding:10mm 0;display:flex;flex-direction:column;align-items:center;gap:6mm}
.org{font-size:20pt;margin:0}
h1{font-size:30pt;line-height:1.25;margin:0}
.point{font-size:22pt;font-weight:700;border:2px solid #000;border-radius:4mm;padding:2mm 8mm;margin:0}
.qr{width:120mm;height:120mm}
.qr svg{width:100%;height:100%}
.scan{font-size:18pt;margin:0}
.small{font-size:12pt;margin:0;word-break:break-all}
`;

/**
 * `/public/:org/survey`: each service point's QR code (`qr/<point>.svg`, `qr/<point>.png`) and a
 * printable A4 poster (`poster/<point>`) that opens the survey with the point preset.
 */
export function surveyPointRoutes(deps: AppDeps): Hono<SurveyEnv> {
  const app = new Hono<SurveyEnv>();
  const withOrg = surveyOrg(deps);
  const pointOf = async (c: Context<SurveyEnv>, code: string) => {
    const { db, channel } = c.var;
    const point = await servicePointByCode(db, channel.org.id, code);
    if (!point) throw new HTTPException(404, { message: words.errors.unknownPoint });
    return {
      org: channel.org,
      point,
      url: surveyUrl(deps.env, channel.org.slug, { point: point.code, src: 'qr' }),
    };
  };

  app.get('/qr/:file{[a-z0-9-]+\\.(svg|png)}', withOrg, async (c) => {
    const file = c.req.param('file');
    const code = file.replace(/\.(svg|png)$/, '');
    const { point, url } = await pointOf(c, code);
    if (file.endsWith('.svg'))
      return c.body(qrSvg(url, point.name), 200, {
        'Content-Type': 'image/svg+xml; charset=utf-8',
      });
    return c.body((await qrPng(url)) as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'image/png',
      'Content-Disposition': `inline; filename="survey-${point.code}.png"`,
    });
  });

  app.get('/poster/:point', withOrg, async (c) => {
    const { org, point, url } = await pointOf(c, c.req.param('point'));
    const p = words.poster;
    // The QR code is markup drawn by bot/survey/qr.ts, which escapes its title itself.
    return c.html(
      html`<!doctype html>
        <html lang="th">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width,initial-scale=1" />
            <title>${p.heading} · ${point.name}</title>
            <style>
              ${raw(POSTER_CSS)}
            </style>
          </head>
          <body>
            <div class="sheet">
              <p class="org">${org.name}</p>
              <h1>${p.heading}</h1>
              <p class="point">${point.name}</p>
              <div class="qr">${raw(qrSvg(url, `${p.heading} ${point.name}`))}</div>
              <p class="scan">${p.scan}</p>
              <p class="small">${p.anonymous}</p>
              <p class="small">${url}</p>
              <p class="scan">${p.thanks}</p>
            </div>
          </body>
        </html>`,
    );
  });
  return app;
}
