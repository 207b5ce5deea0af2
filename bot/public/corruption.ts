import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import { z } from 'zod';
import { MAX_PHOTO_BYTES, PHOTO_TYPES, type CasePhoto } from '../../shared/cases';
import type { CaseDraft } from '../../shared/conversation/types';
import { randomHex } from '../../shared/crypto';
import { formatThaiDate } from '../../shared/dates';
import { NEW_PIN } from '../../shared/security/pin';
import { th } from '../../shared/text/th';
import { fileCase } from '../cases/file';
import { allowTry } from '../cases/track';
import type { AppDeps } from '../deps';
import type { OrgRow } from '../orgs';
import {
  clientKey,
  finishDaysOf,
  formToken,
  layout,
  messagePage,
  publicOrg,
  refusedToken,
  sameOrigin,
  useFormToken,
  type Html,
  type PublicEnv,
} from './web';

const T = th.pub.corruption;
const E = T.errors;
const R = th.pub.receipt;
const FORM = 'corruption';
const CATEGORY = 'corruption';
/** Complaints filed per network address per hour; counts every POST that passes CSRF. */
export const CORRUPTION_POSTS_PER_HOUR = 10;

const text = (max: number, tooLong: string) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(max, tooLong));
const PHONE = /^\+?[0-9][0-9 -]{7,18}[0-9]$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The form as posted; conditional fields are checked for the protection chosen. */
export const corruptionForm = z
  .object({
    protection: z.enum(['anonymous', 'confidential'], { error: E.protection }),
    description: text(2000, E.descriptionTooLong).pipe(z.string().min(1, E.descriptionRequired)),
    concerning: text(300, E.concerningTooLong),
    pin: text(20, E.pin),
    pin2: text(20, E.pin),
    contact: text(200, E.contact),
    name: text(200, E.nameTooLong),
    staff: z.preprocess((v) => v === 'yes', z.boolean()),
  })
  .superRefine((v, ctx) => {
    if (v.protection === 'anonymous') {
      if (!NEW_PIN.test(v.pin)) ctx.addIssue({ code: 'custom', path: ['pin'], message: E.pin });
      else if (v.pin !== v.pin2)
        ctx.addIssue({ code: 'custom', path: ['pin2'], message: E.pinMismatch });
    }
    if (v.protection === 'confidential' && v.contact) {
      const c = v.contact.replace(/\s+/g, ' ');
      if (!PHONE.test(c) && !EMAIL.test(c))
        ctx.addIssue({ code: 'custom', path: ['contact'], message: E.contact });
    }
  });

type Values = Record<string, string>;
type Errors = Record<string, string>;

/**
 * The public corruption complaint form (ช่องทางร้องเรียนการทุจริต), at a stable URL the
 * organisation links from its main website: GET shows it, POST files a `corruption` case.
 */
export function corruptionRoutes(deps: AppDeps): Hono<PublicEnv> {
  const app = new Hono<PublicEnv>();
  const withOrg = publicOrg(deps);

  app.get('/corruption', withOrg, async (c) => {
    const { org } = c.var;
    return formPage(c, deps, org, {}, {}, 200);
  });

  app.post(
    '/corruption',
    bodyLimit({
      maxSize: MAX_PHOTO_BYTES + 256 * 1024,
      onError: (c) => messagePage(c, 413, T.formTitle, E.photoSize, c.req.path),
    }),
    withOrg,
    async (c) => {
      const { org, db } = c.var;
      const now = deps.clock();
      const secrets = deps.orgs.secrets;
      let body: Record<string, string | File | (string | File)[]>;
      try {
        body = await c.req.parseBody();
      } catch {
        return messagePage(c, 403, th.pub.forbiddenTitle, th.pub.forbidden, c.req.path);
      }
      if (!sameOrigin(c, deps)) return refusedToken(c, 'bad');
      const token = await useFormToken(db, secrets, org.id, FORM, body.csrf, now);
      if (token !== 'ok') return refusedToken(c, token);
      const key = await clientKey(c, deps, secrets, org.id, FORM);
      const allowed = await db.transaction((tx) =>
        allowTry(tx, now, key, CORRUPTION_POSTS_PER_HOUR),
      );
      if (!allowed) return messagePage(c, 429, th.pub.tooManyTitle, th.pub.tooMany);

      const values: Values = {};
      for (const k of ['protection', 'description', 'concerning', 'contact', 'name', 'staff']) {
        const v = body[k];
        values[k] = typeof v === 'string' ? v : '';
      }
      // A bot fills every field; a person never sees this one. Nothing is filed; the bot gets a fresh form.
      if (typeof body.website === 'string' && body.website !== '') {
        deps.logger.info('corruption form: honeypot filled, ignored', { org: org.slug });
        return formPage(c, deps, org, {}, {}, 200);
      }

      const parsed = corruptionForm.safeParse({
        ...values,
        pin: typeof body.pin === 'string' ? body.pin : '',
        pin2: typeof body.pin2 === 'string' ? body.pin2 : '',
      });
      const errors: Errors = {};
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? 'form');
          errors[field] ??= issue.message;
        }
      }
      const file = body.photo instanceof File && body.photo.size > 0 ? body.photo : null;
      let photoBytes: Uint8Array | null = null;
      let photoType = '';
      if (file) {
        photoBytes = new Uint8Array(await file.arrayBuffer());
        photoType = sniffImage(photoBytes);
        if (photoBytes.length > MAX_PHOTO_BYTES) errors.photo = E.photoSize;
        else if (!photoType) errors.photo = E.photoType;
      }
      if (!parsed.success || Object.keys(errors).length) {
        return formPage(c, deps, org, values, errors, 400);
      }
      const form = parsed.data;

      const photos: CasePhoto[] = [];
      if (photoBytes && photoType) {
        const key = `${org.id}/web/${randomHex(16)}.${PHOTO_TYPES[photoType]}`;
        await deps.photos.put(key, photoBytes, photoType);
        photos.push({ key, contentType: photoType, bytes: photoBytes.length });
      }
      const anonymous = form.protection === 'anonymous';
      const draft: CaseDraft = {
        kind: 'corruption',
        category: CATEGORY,
        subject: '',
        description: (form.staff ? th.pub.staffPrefix : '') + form.description,
        concerning: form.concerning,
        photos,
        latitude: null,
        longitude: null,
        address: null,
        anonymity: form.protection,
        ...(anonymous ? { pin: form.pin } : { contact: form.contact || undefined }),
      };
      const filed = await db.transaction((tx) =>
        fileCase(tx, { org, now, random: deps.random, secrets, services: deps.services }, draft, {
          residentId: null,
          via: 'web',
          name: anonymous ? null : form.name || null,
        }),
      );
      const finishDays = await finishDaysOf(db, org, CATEGORY);
      return receiptPage(c, org, filed.trackingCode, filed.createdAt, finishDays, anonymous);
    },
  );

  return app;
}

/** JPEG or PNG by their first bytes (a browser's declared type is not trusted). */
function sniffImage(b: Uint8Array): string {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  return '';
}

function fieldError(errors: Errors, name: string): Html | '' {
  return errors[name] ? html`<p class="error" id="${name}-error">${errors[name]}</p>` : '';
}

function described(errors: Errors, name: string, hint?: string): Html {
  const ids = [hint ? `${name}-hint` : '', errors[name] ? `${name}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`${ids ? html` aria-describedby="${ids}"` : ''}${errors[name] ? html` aria-invalid="true" class="invalid"` : ''}`;
}

async function formPage(
  c: Context,
  deps: AppDeps,
  org: OrgRow,
  v: Values,
  errors: Errors,
  status: 200 | 400,
) {
  const token = await formToken(deps.orgs.secrets, org.id, FORM, deps.clock());
  const checked = (name: string, value: string) => (v[name] === value ? html` checked` : '');
  const anyError = Object.keys(errors).length > 0;
  const body = html`
<h1>${T.title}</h1>
<p>${T.lead(org.name)}</p>
<section class="card protect" aria-labelledby="protect-title">
<h2 id="protect-title">${T.protectTitle}</h2>
<ul>
<li><strong>${T.anonymousTitle}:</strong> ${T.anonymousExplain}</li>
<li><strong>${T.confidentialTitle}:</strong> ${T.confidentialExplain}</li>
<li>${T.neverAlerted}</li>
</ul>
<p class="hint">${T.privacy}</p>
</section>
<h2>${T.formTitle}</h2>
${anyError ? html`<div class="summary" role="alert" id="error-summary"><p>${T.errorSummary}</p></div>` : ''}
<form method="post" action="${c.req.path}" enctype="multipart/form-data" novalidate>
<input type="hidden" name="csrf" value="${token}">
<fieldset${described(errors, 'protection')}>
<legend>${T.protection}</legend>
${fieldError(errors, 'protection')}
<label class="choice"><input type="radio" name="protection" value="anonymous" required${checked('protection', 'anonymous')}><span><strong>${T.anonymousTitle}</strong></span></label>
<label class="choice"><input type="radio" name="protection" value="confidential"${checked('protection', 'confidential')}><span><strong>${T.confidentialTitle}</strong></span></label>
</fieldset>
<label for="description">${T.description}</label>
<p class="hint" id="description-hint">${T.descriptionHint}</p>
${fieldError(errors, 'description')}
<textarea id="description" name="description" maxlength="2000" required${described(errors, 'description', 'h')}>${v.description}</textarea>
<label for="concerning">${T.concerning}</label>
${fieldError(errors, 'concerning')}
<input type="text" id="concerning" name="concerning" maxlength="300" value="${v.concerning}"${described(errors, 'concerning')}>
<label for="photo">${T.photo}</label>
<p class="hint" id="photo-hint">${T.photoHint}</p>
${fieldError(errors, 'photo')}
<input type="file" id="photo" name="photo" accept="image/jpeg,image/png"${described(errors, 'photo', 'h')}>
<fieldset id="anonymous-fields">
<legend>${T.anonymousFields}</legend>
<label for="pin">${T.pin}</label>
<p class="hint" id="pin-hint">${T.pinHint}</p>
${fieldError(errors, 'pin')}
<input type="password" id="pin" name="pin" inputmode="numeric" pattern="[0-9]{6}" minlength="6" maxlength="6" autocomplete="off"${described(errors, 'pin', 'h')}>
<label for="pin2">${T.pinAgain}</label>
${fieldError(errors, 'pin2')}
<input type="password" id="pin2" name="pin2" inputmode="numeric" pattern="[0-9]{6}" minlength="6" maxlength="6" autocomplete="off"${described(errors, 'pin2')}>
</fieldset>
<fieldset id="confidential-fields">
<legend>${T.confidentialFields}</legend>
<label for="contact">${T.contact}</label>
${fieldError(errors, 'contact')}
<input type="text" id="contact" name="contact" maxlength="200" autocomplete="tel" value="${v.contact}"${described(errors, 'contact')}>
<label for="name">${T.name}</label>
${fieldError(errors, 'name')}
<input type="text" id="name" name="name" maxlength="200" autocomplete="name" value="${v.name}"${described(errors, 'name')}>
</fieldset>
<label class="choice"><input type="checkbox" name="staff" value="yes"${checked('staff', 'yes')} aria-describedby="staff-hint"><span>${T.staff}</span></label>
<p class="hint" id="staff-hint">${T.staffHint}</p>
<div class="hp" aria-hidden="true"><label for="website">${T.honeypot}</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">${T.submit}</button>
</form>
<p><a href="track">${T.trackLink}</a></p>`;
  // Progressive: show only the chosen protection's fields; without JS both stay visible.
  const script = `(function(){var a=document.getElementById('anonymous-fields'),c=document.getElementById('confidential-fields');
function upd(){var r=document.querySelector('input[name=protection]:checked'),v=r?r.value:'';a.hidden=v==='confidential';c.hidden=v==='anonymous';}
var rs=document.querySelectorAll('input[name=protection]');for(var i=0;i<rs.length;i++)rs[i].addEventListener('change',upd);upd();
var s=document.getElementById('error-summary');if(s){var f=document.querySelector('[aria-invalid=true]');if(f&&f.focus)f.focus();}})();`;
  return c.html(layout(c, { title: T.title, orgName: org.name, body, script }), status);
}

function receiptPage(
  c: Context,
  org: OrgRow,
  code: string,
  createdAt: Date,
  finishDays: number,
  anonymous: boolean,
) {
  const trackHref = `track?code=${encodeURIComponent(code)}`;
  const body = html` <h1>${R.title}</h1>
    <div class="card" role="status">
      <p>${R.code}</p>
      <p class="code" data-testid="tracking-code">${code}</p>
      <p><strong>${R.keepCode}</strong></p>
      <dl>
        <dt>${R.date}</dt>
        <dd>${formatThaiDate(createdAt)}</dd>
        <dt>${R.timeframe}</dt>
        <dd>${R.days(finishDays)}</dd>
      </dl>
    </div>
    <div class="card">
      <p>${anonymous ? R.protectedAnonymous : R.protectedConfidential}</p>
      <p>${T.neverAlerted}</p>
      <p>${anonymous ? R.howToTrackAnonymous : R.howToTrackConfidential}</p>
      ${anonymous ? html`<p><a href="${trackHref}">${R.trackNow}</a></p>` : ''}
    </div>`;
  return c.html(layout(c, { title: R.title, orgName: org.name, body }), 200);
}
