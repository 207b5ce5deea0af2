/**
 * `#admin/profile`: the organisation's names, contact channels, website, logo and the report's
 * signature block, with a live preview of what residents see. A logo is shrunk in the browser
 * to at most 256×256 and kept as a small data URL; one still over the server's limit is refused
 * here with the same Thai message the server would give.
 */
import { thAdmin } from '../../shared/text/th-admin';
import { adminCall, adminNav, flash, type AdminScreenContext } from './console-admin-common';

const W = thAdmin.console;
const P = W.profile;
const LOGO_SIDE = 256;
const SIGNERS = ['preparer', 'permanentSecretary', 'executive'] as const;

type Signatory = { name?: string; position?: string };
type Profile = {
  slug: string;
  name: string;
  orgType: string;
  province: string;
  contact: { phone?: string; address?: string; officeHours?: string };
  lineBasicId?: string;
  website?: string;
  logoDataUrl?: string;
  signatories: Partial<Record<(typeof SIGNERS)[number], Signatory>>;
};
type ProfileAnswer = {
  profile: Profile;
  preview: { lineContact: string };
  limits: { logoMaxChars: number };
};

const readAsDataUrl = (file: Blob) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });

/** The logo as a data URL within `max` characters, or a Thai reason why not. */
export async function logoDataUrl(
  file: File,
  max: number,
): Promise<{ ok: true; url: string } | { ok: false; message: string }> {
  const tooBig = {
    ok: false as const,
    message: thAdmin.api.logoTooBig(Math.floor((max * 3) / 4 / 1024)),
  };
  if (file.type === 'image/svg+xml') {
    const url = await readAsDataUrl(file);
    return url.length <= max ? { ok: true, url } : tooBig;
  }
  if (file.type !== 'image/png' && file.type !== 'image/jpeg')
    return { ok: false, message: P.logoNotImage };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { ok: false, message: P.logoUnreadable };
  }
  const scale = Math.min(1, LOGO_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  // PNG keeps a transparent background; a photo-like logo may only fit as JPEG.
  for (const url of [canvas.toDataURL('image/png'), canvas.toDataURL('image/jpeg', 0.85)])
    if (url.length <= max) return { ok: true, url };
  return tooBig;
}

export async function showProfile(ctx: AdminScreenContext): Promise<void> {
  const { app, esc } = ctx;
  const call = adminCall(ctx);
  let answer = await call<ProfileAnswer>('GET', '/profile');
  const p = answer.profile;
  /** undefined: unchanged; null: remove; a string: the new logo. */
  let newLogo: string | null | undefined;
  const input = (name: string, label: string, value: string | undefined, extra = '') =>
    `<label>${label}<input name="${name}" value="${esc(value ?? '')}" ${extra}></label>`;
  const signer = (k: (typeof SIGNERS)[number]) => {
    const s = p.signatories[k] ?? {};
    return `<fieldset class="signer"><legend>${P[k]}</legend>
      ${input(`${k}.name`, P.signName, s.name)}${input(`${k}.position`, P.signPosition, s.position)}</fieldset>`;
  };
  app.innerHTML = `${adminNav('profile')}
    <div class="admin-split"><form id="profile-form">
      <fieldset><legend>${P.names}</legend>
        ${input('name', P.name, p.name, 'required maxlength="200"')}
        ${input('orgType', P.orgType, p.orgType, 'maxlength="100"')}
        ${input('province', P.province, p.province, 'maxlength="100"')}</fieldset>
      <fieldset><legend>${P.contact}</legend>
        ${input('phone', P.phone, p.contact.phone, 'type="tel" maxlength="100"')}
        <label>${P.address}<textarea name="address" rows="2" maxlength="500">${esc(p.contact.address ?? '')}</textarea></label>
        ${input('officeHours', P.officeHours, p.contact.officeHours, 'maxlength="200"')}
        ${input('lineBasicId', P.lineBasicId, p.lineBasicId, 'maxlength="31"')}
        ${input('website', P.website, p.website, 'type="url" maxlength="300"')}</fieldset>
      <fieldset><legend>${P.logo}</legend>
        <label>${P.logoPick}<input type="file" id="logo-file" accept="image/png,image/jpeg,image/svg+xml"></label>
        <p class="hint">${P.logoHint}</p>
        <button type="button" class="secondary" id="logo-remove">${P.logoRemove}</button>
        <p id="logo-msg" role="status"></p></fieldset>
      <fieldset><legend>${P.signatories}</legend><p class="hint">${P.signatoriesHint}</p>
        ${SIGNERS.map(signer).join('')}</fieldset>
      <p><button type="submit">${W.save}</button> <span class="saved" role="status"></span></p>
    </form>
    <section><h3>${P.preview}</h3>
      <p class="hint">${P.previewPage}</p><div class="card org-preview" id="profile-preview"></div>
      <p class="hint">${P.previewLine}</p><div class="bubble" id="line-contact"></div>
      <p><a href="/public/${encodeURIComponent(p.slug)}/channels" target="_blank" rel="noopener">${P.openPublic}</a></p>
    </section></div>
    <details class="org-file"><summary>${W.orgFile.title}</summary><p class="hint">${W.orgFile.hint}</p>
      <p><button type="button" class="secondary" id="org-file-export">${W.orgFile.download}</button></p>
      <label>${W.orgFile.pick}<input type="file" id="org-file-input" accept=".json,application/json"></label>
      <div id="org-file-result" role="status"></div>
      <p><button type="button" id="org-file-apply" hidden>${W.csv.apply}</button></p></details>`;
  bindOrgFile(ctx);

  const form = app.querySelector<HTMLFormElement>('#profile-form')!;
  const msg = app.querySelector<HTMLElement>('#logo-msg')!;
  const value = (k: string) => String(new FormData(form).get(k) ?? '').trim();
  const logoNow = () => (newLogo === undefined ? answer.profile.logoDataUrl : newLogo);
  const renderPreview = () => {
    const logo = logoNow();
    const row = (k: string, v: string) => (v ? `<dt>${k}</dt><dd>${esc(v)}</dd>` : '');
    const place = [value('orgType'), value('province')].filter(Boolean).join(' จังหวัด');
    app.querySelector('#profile-preview')!.innerHTML =
      (logo
        ? `<img class="org-logo" id="logo-img" src="${esc(logo)}" alt="${esc(P.logo)}">`
        : `<p class="hint">${P.noLogo}</p>`) +
      `<h4>${esc(value('name'))}</h4>${place ? `<p>${esc(place)}</p>` : ''}<dl>` +
      row(P.phone, value('phone')) +
      row(P.address, value('address')) +
      row(P.officeHours, value('officeHours')) +
      row('LINE', value('lineBasicId')) +
      row(P.website, value('website')) +
      `</dl>`;
    app.querySelector('#line-contact')!.textContent = answer.preview.lineContact;
  };
  renderPreview();
  form.addEventListener('input', renderPreview);

  app.querySelector<HTMLInputElement>('#logo-file')!.addEventListener('change', async (ev) => {
    const file = (ev.target as HTMLInputElement).files?.[0];
    if (!file) return;
    const r = await logoDataUrl(file, answer.limits.logoMaxChars);
    msg.className = r.ok ? '' : 'error';
    msg.textContent = r.ok ? P.logoReady : r.message;
    if (r.ok) newLogo = r.url;
    renderPreview();
  });
  app.querySelector('#logo-remove')!.addEventListener('click', () => {
    newLogo = null;
    msg.className = '';
    msg.textContent = P.logoRemoved;
    renderPreview();
  });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const signatories = Object.fromEntries(
      SIGNERS.map((k) => [k, { name: value(`${k}.name`), position: value(`${k}.position`) }]),
    );
    try {
      answer = await call<ProfileAnswer>('PUT', '/profile', {
        name: value('name'),
        orgType: value('orgType'),
        province: value('province'),
        contact: {
          phone: value('phone'),
          address: value('address'),
          officeHours: value('officeHours'),
        },
        lineBasicId: value('lineBasicId'),
        website: value('website'),
        ...(newLogo !== undefined ? { logoDataUrl: newLogo } : {}),
        signatories,
      });
      newLogo = undefined;
      msg.textContent = '';
      renderPreview();
      flash(form, W.saved);
    } catch (err) {
      flash(form, (err as Error).message, true);
    }
  });
}

/** Download the whole organisation as JSON; import one: check first, then confirm. */
function bindOrgFile(ctx: AdminScreenContext): void {
  const O = W.orgFile;
  const path = `/api/admin/${encodeURIComponent(ctx.org)}/org-file`;
  const $ = <T extends HTMLElement>(sel: string) => ctx.app.querySelector<T>(sel)!;
  $('#org-file-export').addEventListener('click', async () => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(await (await ctx.raw(path)).blob());
    a.download = `${ctx.org}-organisation.json`;
    a.click();
  });
  const out = $<HTMLElement>('#org-file-result');
  const apply = $<HTMLButtonElement>('#org-file-apply');
  let data: unknown;
  const send = async (commit: boolean) => {
    apply.hidden = true;
    out.className = '';
    try {
      const r = await ctx.api<{ counts: Record<string, number> }>(
        'POST',
        path + (commit ? '?apply=1' : ''),
        data,
      );
      out.textContent = commit ? O.done : O.preview(r.counts);
      apply.hidden = commit;
    } catch (err) {
      out.className = 'error';
      out.textContent = (err as Error).message;
    }
  };
  $<HTMLInputElement>('#org-file-input').addEventListener('change', async (ev) => {
    const file = (ev.target as HTMLInputElement).files?.[0];
    if (!file) return;
    try {
      data = JSON.parse(await file.text());
    } catch {
      out.className = 'error';
      out.textContent = O.notJson;
      return;
    }
    await send(false);
  });
  apply.addEventListener('click', () => void send(true));
}
