/**
 * The LIFF report form (แจ้งเหตุ): category, description, up to three photos compressed in the
 * browser to ≤ 1 MB each, a pin from the phone's location or a typed place. It needs no map
 * tiles: coordinates or a place name are enough to send. The server files the case with the
 * chat's own filing code and pushes the same receipt into the resident's chat.
 * Written for old Android WebViews (built to es2019; no APIs newer than the survey page uses).
 */
import { checkReportForm, REPORT_FORM_LIMITS as L } from '../../shared/report-form/check';
import { reportForm as T } from '../../shared/text/th-report-form';
import { createAuth, type Auth } from './auth';

type Meta = {
  org: { slug: string; name: string };
  categories: { code: string; name: string }[];
  liff: { id: string | null; clientId: string | null };
};
type Photo = { blob: Blob; url: string };

/** Opened through https://liff.line.me/<id>/report.html?org=…, LINE packs the query into liff.state. */
const params = (() => {
  const own = new URLSearchParams(location.search);
  const state = own.get('liff.state');
  const at = state ? state.indexOf('?') : -1;
  return state && at >= 0 ? new URLSearchParams(state.slice(at)) : own;
})();
const org = params.get('org') || 'demo';
const api = `/api/report/${encodeURIComponent(org)}`;
const app = document.getElementById('app')!;

let meta: Meta;
let auth: Promise<Auth> | null = null;
const photos: Photo[] = [];
let pin: { lat: number; lng: number } | null = null;
let busy = false;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const k of Object.keys(props)) {
    const v = props[k];
    if (v === undefined || v === null || v === false) continue;
    // Handlers, then DOM properties (className, htmlFor, hidden, tabIndex…), else attributes.
    if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), v as EventListener);
    else if (k in el) Object.assign(el, { [k]: v });
    else el.setAttribute(k, String(v));
  }
  for (const c of children) if (c) el.append(c);
  return el;
}
const byId = <E extends HTMLElement>(id: string) => document.getElementById(id) as E;

function show(...nodes: Node[]) {
  app.textContent = '';
  for (const n of nodes) app.append(n);
  const h1 = app.querySelector('h1');
  if (h1) h1.focus();
}

async function start() {
  show(h('p', { className: 'muted', role: 'status' }, T.loading));
  try {
    const res = await fetch(api);
    if (!res.ok) throw new Error(String(res.status));
    meta = await res.json();
  } catch {
    return show(
      h('p', { role: 'alert' }, T.loadFailed),
      h('button', { type: 'button', onclick: start }, T.retry),
    );
  }
  if (!meta.liff.id && !meta.liff.clientId) return show(h('p', { role: 'alert' }, T.notConfigured));
  auth = createAuth(meta.liff);
  auth.catch(() => {});
  document.title = `${T.pageTitle} · ${meta.org.name}`;
  renderForm();
}

function errorSlot(name: string) {
  return h('p', { className: 'error', id: `${name}-error`, role: 'alert', hidden: true });
}

function renderForm() {
  const cats = h(
    'div',
    { className: 'opts', role: 'radiogroup', 'aria-labelledby': 'category-title' },
    ...meta.categories.map((c) =>
      h(
        'label',
        { className: 'opt' },
        h('input', {
          type: 'radio',
          name: 'category',
          value: c.code,
          onchange: () => {
            setError('category', '');
            app.querySelectorAll('.opt').forEach((o) => {
              o.className = (o.querySelector('input') as HTMLInputElement).checked
                ? 'opt on'
                : 'opt';
            });
          },
        }),
        h('span', {}, c.name),
      ),
    ),
  );
  const form = h(
    'form',
    { id: 'report', noValidate: true, onsubmit: onSubmit },
    h('h1', { tabIndex: -1 }, T.pageTitle),
    h('p', { className: 'muted' }, meta.org.name),
    h('p', {}, T.intro),
    h(
      'fieldset',
      { id: 'category' },
      h('legend', { id: 'category-title' }, T.category),
      h('p', { className: 'hint' }, T.categoryHint),
      cats,
      errorSlot('category'),
    ),
    h(
      'div',
      { className: 'field' },
      h('label', { className: 'title', htmlFor: 'description' }, T.description),
      h('textarea', {
        id: 'description',
        name: 'description',
        maxLength: L.maxDescription,
        placeholder: T.descriptionHint,
        'aria-describedby': 'description-error',
        oninput: () => setError('description', ''),
      }),
      errorSlot('description'),
    ),
    h(
      'div',
      { className: 'field' },
      h('span', { className: 'title', id: 'photos-title' }, T.photos),
      h('div', { className: 'photos', id: 'photo-list', 'aria-labelledby': 'photos-title' }),
      h(
        'label',
        { className: 'button', id: 'photo-add' },
        T.addPhoto,
        h('input', {
          type: 'file',
          id: 'photo-input',
          accept: 'image/*',
          multiple: true,
          className: 'sr',
          onchange: onPhotos,
        }),
      ),
      h('p', { className: 'hint', id: 'photo-status', role: 'status' }),
      errorSlot('photo'),
    ),
    h(
      'fieldset',
      { id: 'place-set' },
      h('legend', {}, T.place),
      h('p', { className: 'hint' }, T.placeHint),
      h(
        'div',
        { className: 'row' },
        h('button', { type: 'button', id: 'locate', onclick: locate }, T.useLocation),
      ),
      h('div', { id: 'pin', className: 'pin', hidden: true }),
      errorSlot('location'),
      h('label', { className: 'title', htmlFor: 'place' }, T.typedPlace),
      h('input', {
        type: 'text',
        id: 'place',
        name: 'place',
        maxLength: L.maxPlace,
        placeholder: T.typedPlaceHint,
        'aria-describedby': 'place-error',
        oninput: () => setError('place', ''),
      }),
      errorSlot('place'),
    ),
    h('p', { className: 'hint' }, T.privacy),
    h('p', { className: 'error', id: 'form-error', role: 'alert', hidden: true }),
    h(
      'div',
      { className: 'nav' },
      h('button', { type: 'submit', className: 'primary', id: 'send' }, T.send),
    ),
  );
  show(form);
}

/** Draws the photo to a canvas and re-encodes it as JPEG until it is ≤ 1 MB. */
function compress(file: File): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('not an image'));
    };
    img.onload = async () => {
      URL.revokeObjectURL(url);
      let side = 1600;
      for (let round = 0; round < 6; round++) {
        const scale = Math.min(1, side / Math.max(img.naturalWidth, img.naturalHeight));
        const canvas = document.createElement('canvas');
        canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
        canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
        const ctx = canvas.getContext('2d');
        if (!ctx) return reject(new Error('no canvas'));
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
        for (const q of [0.82, 0.68, 0.5]) {
          const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', q));
          if (blob && blob.size <= L.maxPhotoBytes) return resolve(blob);
        }
        side = Math.round(side * 0.7);
      }
      reject(new Error('too large'));
    };
    img.src = url;
  });
}

async function onPhotos(e: Event) {
  const input = e.target as HTMLInputElement;
  const files = Array.prototype.slice.call(input.files || []) as File[];
  input.value = '';
  setError('photo', '');
  const status = byId('photo-status');
  for (const f of files) {
    if (photos.length >= L.maxPhotos) {
      setError('photo', T.errors.photoCount);
      break;
    }
    if (f.type && f.type.indexOf('image/') !== 0) {
      setError('photo', T.errors.photoType);
      continue;
    }
    status.textContent = T.photoWorking;
    try {
      const blob = await compress(f);
      photos.push({ blob, url: URL.createObjectURL(blob) });
    } catch (err) {
      setError(
        'photo',
        (err as Error).message === 'too large' ? T.errors.photoSize : T.errors.photoType,
      );
    }
  }
  status.textContent = '';
  drawPhotos();
}

function drawPhotos() {
  const list = byId('photo-list');
  list.textContent = '';
  photos.forEach((p, i) => {
    list.append(
      h(
        'div',
        { className: 'photo' },
        h('img', { src: p.url, alt: `${i + 1}` }),
        h(
          'button',
          {
            type: 'button',
            'aria-label': T.removePhoto(i + 1),
            onclick: () => {
              URL.revokeObjectURL(p.url);
              photos.splice(i, 1);
              drawPhotos();
            },
          },
          '×',
        ),
      ),
    );
  });
  byId('photo-add').hidden = photos.length >= L.maxPhotos;
}

function locate() {
  setError('location', '');
  const box = byId('pin');
  if (!navigator.geolocation) return setError('location', T.locationFailed);
  box.hidden = false;
  box.textContent = T.locating;
  navigator.geolocation.getCurrentPosition(
    (pos) => {
      pin = { lat: pos.coords.latitude, lng: pos.coords.longitude };
      setError('place', '');
      drawPin();
    },
    () => {
      pin = null;
      box.hidden = true;
      setError('location', T.locationFailed);
    },
    { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
  );
}

function drawPin() {
  const box = byId('pin');
  box.textContent = '';
  box.hidden = !pin;
  if (!pin) return;
  const lat = pin.lat.toFixed(6);
  const lng = pin.lng.toFixed(6);
  // A link, not an embedded map: no tiles to download to send the report.
  box.append(
    h('span', { id: 'pin-text' }, T.located(lat, lng)),
    ' ',
    h(
      'a',
      {
        href: `https://www.google.com/maps?q=${lat},${lng}`,
        target: '_blank',
        rel: 'noopener',
      },
      T.mapLink,
    ),
    h(
      'div',
      { className: 'row' },
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            pin = null;
            drawPin();
          },
        },
        T.clearLocation,
      ),
    ),
  );
}

function setError(name: string, message: string) {
  const slot = document.getElementById(`${name}-error`);
  if (!slot) return;
  slot.textContent = message;
  slot.hidden = !message;
  const field = name === 'category' ? null : document.getElementById(name);
  if (field) field.setAttribute('aria-invalid', message ? 'true' : 'false');
}

function showErrors(fields: Record<string, string>) {
  for (const n of ['category', 'description', 'photo', 'location', 'place', 'form'])
    setError(n, fields[n] || '');
  const first = ['category', 'description', 'photo', 'location', 'place', 'form'].find(
    (n) => fields[n],
  );
  const slot = first && document.getElementById(`${first}-error`);
  if (slot) slot.scrollIntoView({ block: 'center' });
}

async function onSubmit(e: Event) {
  e.preventDefault();
  if (busy) return;
  const form = e.target as HTMLFormElement;
  const chosen = form.querySelector<HTMLInputElement>('input[name=category]:checked');
  const fields = {
    category: chosen ? chosen.value : '',
    description: byId<HTMLTextAreaElement>('description').value,
    latitude: pin ? pin.lat.toFixed(6) : '',
    longitude: pin ? pin.lng.toFixed(6) : '',
    place: byId<HTMLInputElement>('place').value,
  };
  const checked = checkReportForm(
    fields,
    meta.categories.map((c) => c.code),
  );
  if (!checked.ok) {
    const words: Record<string, string> = {};
    for (const k of Object.keys(checked.errors)) words[k] = T.errors[checked.errors[k]!];
    return showErrors(words);
  }
  showErrors({});
  const body = new FormData();
  for (const k of Object.keys(fields)) body.append(k, fields[k as keyof typeof fields]);
  photos.forEach((p, i) => body.append('photo', p.blob, `photo-${i + 1}.jpg`));
  busy = true;
  const send = byId<HTMLButtonElement>('send');
  send.disabled = true;
  send.textContent = T.sending;
  try {
    auth = auth || createAuth(meta.liff);
    const token = await (await auth).idToken();
    const res = await fetch(`${api}/cases`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body,
    });
    const json = await res.json().catch(() => null);
    if (res.status === 201 && json && json.case) return done(json.case.trackingCode);
    const err = (json && json.error) || {};
    if (err.fields) showErrors(err.fields);
    else showErrors({ form: err.message || T.errors.sendFailed });
  } catch {
    showErrors({ form: T.errors.sendFailed });
  } finally {
    busy = false;
    if (document.body.contains(send)) {
      send.disabled = false;
      send.textContent = T.send;
    }
  }
}

function done(code: string) {
  photos.splice(0).forEach((p) => URL.revokeObjectURL(p.url));
  pin = null;
  show(
    h(
      'div',
      { className: 'done', id: 'done' },
      h('h1', { tabIndex: -1 }, T.doneTitle),
      h('p', { className: 'code', id: 'tracking-code' }, code),
      h('p', {}, T.doneBody(code)),
      h('button', { type: 'button', onclick: renderForm }, T.another),
    ),
  );
}

void start();
