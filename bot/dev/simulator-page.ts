import { escapeHtml } from '../../shared/html';
import type { messagingApi } from '@line/bot-sdk';
import { th } from '../../shared/text/th';
import { simulatorMore } from '../../shared/text/th-simulator';

/**
 * The LINE look-alike chat page developers and end-to-end tests use to talk to the bot
 * without a LINE account. One self-contained HTML document: inline CSS and vanilla JS,
 * no external assets. It talks to `{basePath}/api/events`, `/api/messages` and `/api/content`.
 */
export function renderSimulatorPage(opts: {
  orgName: string;
  basePath: string;
  orgSlug?: string;
  /** The organisation's rich menu (shared/line/richmenu.ts), drawn under the chat. */
  richMenu?: { chatBarText: string; areas: (messagingApi.Action | undefined)[] };
  /** This request's CSP nonce (bot/http/security-headers.ts): the page's one inline script. */
  nonce?: string;
}): string {
  const s = th.simulator;
  const m = simulatorMore;
  const base = opts.basePath.replace(/\/+$/, '');
  const config = JSON.stringify({
    base,
    strings: s,
    more: m,
    org: opts.orgSlug ?? 'demo',
    richMenu: opts.richMenu ?? null,
  })
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  const e = escapeHtml;
  return `<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="description" content="${e(s.subtitle)}">
<title>${e(s.title)} · ${e(opts.orgName)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="top">
  <div class="who"><h1>${e(opts.orgName)}</h1><p>${e(s.title)} · <span id="user-name"></span></p></div>
  <button id="btn-new-user" type="button" class="ghost">${e(s.newUser)}</button>
</header>
<div class="people">
  <label for="who">${e(m.who)}</label>
  <select id="who" data-testid="who"></select>
</div>
<p id="help" class="help">${e(m.help)}</p>
<div id="staff-bar" class="staff-bar" hidden>
  <span id="staff-note"></span>
  <button id="btn-console" type="button">${e(m.openConsole)}</button>
</div>
<main id="chat-log" role="log" aria-live="polite" aria-label="${e(s.chatLog)}">
  <p id="empty" class="empty">${e(s.empty)}</p>
</main>
<div id="notice" class="notice" role="alert" data-testid="notice" hidden></div>
<footer class="bottom">
  <div id="quick-replies" class="chips" role="group" aria-label="${e(s.quickReplies)}" hidden></div>
  <div class="tools" role="toolbar" aria-label="${e(s.tools)}">
    <button id="btn-follow" type="button">${e(s.follow)}</button>
    <button id="btn-unfollow" type="button">${e(s.unfollow)}</button>
    <button id="btn-location" type="button">${e(s.location)}</button>
    <button id="btn-image" type="button">${e(s.image)}</button>
  </div>
  <form id="composer" class="composer">
    <input id="composer-input" type="text" autocomplete="off" enterkeyhint="send"
      placeholder="${e(s.placeholder)}" aria-label="${e(s.placeholder)}">
    <button id="composer-send" type="submit">${e(s.send)}</button>
  </form>
  <input id="image-input" type="file" accept="image/*" hidden>
  <button id="rm-toggle" type="button" class="rm-toggle" aria-expanded="true" aria-controls="rich-menu" hidden></button>
  <div id="rich-menu" class="rm" role="group" aria-label="${e(m.richMenu)}" hidden></div>
</footer>
<div id="liff" class="liff" role="dialog" aria-modal="true" hidden>
  <div class="liff-top"><span id="liff-title"></span><button id="liff-close" type="button">${e(m.close)}</button></div>
  <iframe id="liff-frame" title="LIFF"></iframe>
</div>
<script${opts.nonce ? ` nonce="${opts.nonce}"` : ''}>
const CFG = ${config};
${CLIENT_JS}
</script>
</body>
</html>`;
}

const CSS = `
*{box-sizing:border-box} [hidden]{display:none!important} html,body{margin:0;height:100%} button{font:inherit;cursor:pointer}
body{display:flex;flex-direction:column;height:100dvh;background:#8cabd9;color:#111;
  font-family:"Noto Sans Thai UI","Noto Sans Thai",sans-serif;font-size:15px}
.top{display:flex;align-items:center;gap:8px;padding:10px 12px;background:#242f40;color:#fff;border-bottom:3px solid #06c755}
.who{flex:1;min-width:0} .who p{margin:0;font-size:12px;opacity:.8}
.who h1{margin:0;font-size:17px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.ghost{background:transparent;color:#fff;border:1px solid #ffffff80;border-radius:14px;padding:4px 10px;font-size:13px}
#chat-log{flex:1;overflow-y:auto;padding:12px 10px;display:flex;flex-direction:column;gap:8px}
.empty{margin:auto;background:#0000002e;color:#fff;padding:8px 14px;border-radius:14px;text-align:center;max-width:90%}
.row{display:flex;align-items:flex-end;gap:6px} .row.user{flex-direction:row-reverse} .row.sys{justify-content:center}
.sys span{background:#00000033;color:#fff;font-size:12px;padding:3px 10px;border-radius:10px}
.time{font-size:10px;color:#3f4b5e;flex:none}
.bubble{max-width:78%;padding:8px 12px;border-radius:18px;white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.45}
.bubble.bot{background:#fff;border-top-left-radius:4px} .bubble a{color:#1a56c4}
.bubble.user{background:#06c755;color:#0b1a0f;border-top-right-radius:4px}
.bubble.media,.bubble.flex{background:transparent;padding:0;max-width:92%;white-space:normal}
.bubble.card{padding:0;overflow:hidden;width:260px;white-space:normal}
.bubble.unknown{background:#e3e6ea;color:#555;font-style:italic}
.bubble img.pic{display:block;min-width:48px;min-height:48px;max-width:220px;max-height:260px;border-radius:14px;object-fit:cover}
.sticker{width:88px;height:88px;display:grid;place-items:center;border:2px dashed #b9c3d0;border-radius:12px;color:#6b778a;font-size:12px}
.loc b,.loc small{display:block} .loc small{opacity:.75}
.notice{margin:0 10px 6px;padding:6px 10px;background:#fdecec;color:#b42318;border:1px solid #f4b4ae;border-radius:8px;font-size:13px}
.bottom{background:#fff;border-top:1px solid #d5dae1;padding:6px 8px calc(6px + env(safe-area-inset-bottom))}
.chips,.tools{display:flex;gap:6px;overflow-x:auto;padding:2px 0 6px} .chips img{width:18px;height:18px}
.chips button{flex:none;display:flex;align-items:center;gap:4px;background:#fff;color:#05813a;border:1px solid #06c755;border-radius:16px;padding:5px 12px;font-size:14px}
.tools button{flex:none;background:#eef1f4;border:0;border-radius:14px;padding:5px 10px;font-size:13px;color:#333}
.composer{display:flex;gap:6px}
#composer-input{flex:1;min-width:0;border:1px solid #d5dae1;border-radius:18px;padding:8px 14px;font:inherit}
#composer-send{background:#06c755;color:#fff;border:0;border-radius:18px;padding:0 16px;font-weight:700}
.tpl img.thumb{display:block;width:100%;aspect-ratio:1.51;object-fit:cover} .tpl .tpl-text{padding:8px 12px;color:#444}
.tpl .tpl-title{font-weight:700;padding:10px 12px 0} .tpl-confirm{display:flex} .tpl-confirm .act+.act{border-left:1px solid #e6e9ed}
.tpl .act{display:block;width:100%;background:#fff;border:0;border-top:1px solid #e6e9ed;color:#42659a;padding:10px}
.tpl-card{background:#fff;border-radius:14px;overflow:hidden;width:240px;flex:none}
.fx-carousel{display:flex;gap:8px;overflow-x:auto;max-width:calc(100vw - 40px);padding-bottom:4px}
.fx-bubble{background:#fff;border-radius:16px;overflow:hidden;display:flex;flex-direction:column;max-width:100%;flex:none}
.fx-sec{display:flex;flex-direction:column} .fx-sec.footer{padding-top:10px}
.fx-sec.header,.fx-sec.body,.fx-sec.footer{padding:16px 20px} .fx-box{display:flex;min-width:0}
.fx-text{min-width:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;line-height:1.4}
.fx-text.wrap{white-space:pre-wrap;overflow-wrap:anywhere}
.fx-image{display:flex;justify-content:center;max-width:100%} .fx-image img{display:block;width:100%;object-fit:contain}
.fx-btn{border:0;border-radius:8px;min-height:52px;padding:0 12px;width:100%;background:transparent;color:#42659a}
.fx-btn.sm{min-height:40px} .fx-btn.primary{background:#17c950;color:#fff} .fx-btn.secondary{background:#dcdfe5;color:#111}
.fx-sep{flex:none;border:0;border-top:1px solid #d4d6da;align-self:stretch;margin:0} .fx-sep.v{border-top:0;border-left:1px solid #d4d6da}
.click{cursor:pointer}
.people{display:flex;align-items:center;gap:6px;padding:6px 10px;background:#2f3b4e;color:#fff;font-size:13px}
.people select{flex:1;min-width:0;font:inherit;padding:4px;border-radius:8px}
.help{margin:0;padding:6px 10px;background:#fff8db;color:#5c4400;font-size:12px;line-height:1.4}
.staff-bar{display:flex;align-items:center;gap:8px;padding:6px 10px;background:#e3f3ea;color:#06603a;font-size:13px}
.staff-bar span{flex:1} .staff-bar button{background:#06603a;color:#fff;border:0;border-radius:14px;padding:6px 10px;font-size:13px}
.rm-toggle{display:block;width:100%;margin-top:6px;background:#f4f5f7;border:1px solid #d5dae1;border-radius:8px;padding:4px;font-size:13px;color:#333}
.rm{display:grid;grid-template-columns:repeat(3,1fr);gap:2px;margin-top:6px;background:#d5dae1;aspect-ratio:2500/1686;max-height:36vh}
.rm button{border:0;background:#06603a;color:#fff;font-size:14px;font-weight:700;padding:4px;line-height:1.3}
.rm button:nth-child(even){background:#0a7a4a}
.rm button:active{filter:brightness(1.2)}
.liff{position:fixed;inset:0;display:flex;flex-direction:column;background:#fff;z-index:10}
.liff-top{display:flex;align-items:center;gap:8px;padding:8px 12px;background:#242f40;color:#fff}
.liff-top span{flex:1;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.liff-top button{background:transparent;color:#fff;border:1px solid #ffffff80;border-radius:14px;padding:4px 12px}
.liff iframe{flex:1;border:0;width:100%}
`;

/** Runs in the browser. Plain JS, no template literals (it lives in one), no closing script tag. */
const CLIENT_JS = String.raw`(function () {
'use strict';
const S = CFG.strings, BASE = CFG.base, KEY = 'fangsiang.simulator.user';
const $ = (id) => document.getElementById(id);
const log = $('chat-log'), input = $('composer-input'), chips = $('quick-replies');
const notice = $('notice'), fileInput = $('image-input'), empty = $('empty');
const SIZES = {xxs:11,xs:13,sm:14,md:16,lg:19,xl:22,xxl:29,'3xl':35,'4xl':48,'5xl':74};
const SPACE = {none:0,xs:2,sm:4,md:8,lg:12,xl:16,xxl:20};
const IMG = {xxs:40,xs:60,sm:80,md:100,lg:120,xl:140,xxl:160,'3xl':180,'4xl':200,'5xl':220,full:'100%'};
const BUBBLE = {nano:120,micro:160,deca:220,hecto:241,kilo:260,mega:300,giga:500};
const BORDER = {none:0,light:0.5,normal:1,medium:2,'semi-bold':3,bold:4};
let user = loadUser(), after = 0, gen = 0, polling = false, pollAgain = false, noticeTimer = 0;

function hex(n) {
  const a = new Uint8Array(n); crypto.getRandomValues(a);
  return Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
}
function makeUser() {
  return { userId: 'U' + hex(16), displayName: S.user + ' ' + (1000 + Math.floor(Math.random() * 9000)) };
}
function loadUser() {
  const q = new URLSearchParams(location.search), id = q.get('user');
  if (id) return { userId: id, displayName: q.get('name') || S.user + ' ' + id.slice(-4) };
  try {
    const u = JSON.parse(localStorage.getItem(KEY) || 'null');
    if (u && typeof u.userId === 'string' && typeof u.displayName === 'string') return u;
  } catch (e) {}
  const u = makeUser(); saveUser(u); return u;
}
function saveUser(u) { try { localStorage.setItem(KEY, JSON.stringify(u)); } catch (e) {} }
function showUser() {
  const n = $('user-name'); n.textContent = user.displayName; n.title = document.body.dataset.userId = user.userId;
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = String(text);
  return e;
}
function link(a, url) { if (safeUrl(url)) { a.href = url; a.target = '_blank'; a.rel = 'noopener noreferrer'; } return a; }
function safeUrl(u) { return typeof u === 'string' && /^(https?:|tel:|mailto:)/i.test(u); }
function safeSrc(u) { return typeof u === 'string' && /^(https?:|blob:|data:image\/|\/)/i.test(u) ? u : ''; }
function linkify(text) {
  const frag = document.createDocumentFragment(), re = /https?:\/\/[^\s<>"']+/g;
  let last = 0, m;
  text = String(text == null ? '' : text);
  while ((m = re.exec(text))) {
    const url = m[0].replace(/[).,!?;:]+$/, '');
    frag.appendChild(document.createTextNode(text.slice(last, m.index)));
    frag.appendChild(link(el('a', '', url), url)); last = m.index + url.length; re.lastIndex = last;
  }
  frag.appendChild(document.createTextNode(text.slice(last)));
  return frag;
}
function timeLabel(at) {
  const d = at ? new Date(at) : new Date();
  return isNaN(d.getTime()) ? '' : d.toLocaleTimeString('th-TH', { hour: '2-digit', minute: '2-digit' });
}
function addRow(side, bubble, at) {
  const row = el('div', 'row ' + side);
  row.appendChild(bubble);
  if (side !== 'sys') row.appendChild(el('span', 'time', timeLabel(at)));
  empty.hidden = true; log.appendChild(row); log.scrollTop = log.scrollHeight;
  return bubble;
}
function userBubble() { const b = el('div', 'bubble user'); b.dataset.testid = 'user-message'; return b; }
function addUserText(text) { const b = userBubble(); b.textContent = text; return addRow('user', b); }
function addSystem(text) { return addRow('sys', el('span', '', text)); }
function showNotice(text) {
  notice.textContent = text; notice.hidden = false; log.scrollTop = log.scrollHeight;
  clearTimeout(noticeTimer); noticeTimer = setTimeout(() => { notice.hidden = true; }, 5000);
}

// ---- sending ----
function post(body) {
  const g = gen;
  body.userId = user.userId; body.displayName = user.displayName;
  return fetch(BASE + '/api/events', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  }).then((r) => r.json().catch(() => ({})).then((j) => {
    if (!r.ok || !j || (j.webhookStatus && (j.webhookStatus < 200 || j.webhookStatus > 299))) {
      throw new Error((j && j.error && j.error.message) || 'HTTP ' + r.status);
    }
    return j;
  })).then((j) => { if (g === gen) poll(); return j; }, (err) => {
    console.warn('simulator send failed', err); showNotice(S.sendFailed); return null;
  });
}
function sendText(text) {
  text = String(text || '');
  if (!text.trim()) return;
  clearChips(); addUserText(text);
  post({ kind: 'text', text: text });
}
function sendPostback(data, displayText, params) {
  clearChips();
  if (displayText) addUserText(displayText);
  const body = { kind: 'postback', data: String(data || '') };
  if (displayText) body.displayText = String(displayText);
  if (params) body.params = params;
  post(body);
}
function askLocation() {
  const v = prompt(S.locationPrompt, '13.7563,100.5018');
  if (v == null) return;
  const p = v.split(',').map((x) => parseFloat(x.trim()));
  const lat = p[0], lng = p[1];
  if (p.length !== 2 || !isFinite(lat) || !isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    showNotice(S.invalidInput); return;
  }
  clearChips();
  const b = userBubble(); b.classList.add('loc');
  b.appendChild(el('b', '', S.locationTitle));
  b.appendChild(el('small', '', lat + ', ' + lng));
  addRow('user', b);
  post({ kind: 'location', title: S.locationTitle, latitude: lat, longitude: lng });
}
function sendImage(file) {
  if (!file) return;
  clearChips();
  const local = URL.createObjectURL(file), b = userBubble(), img = el('img', 'pic');
  b.classList.add('media'); img.alt = S.imageAlt; img.src = local; b.appendChild(img);
  addRow('user', b);
  const reader = new FileReader();
  reader.onerror = () => showNotice(S.sendFailed);
  reader.onload = () => {
    const url = String(reader.result || '');
    post({ kind: 'image', imageBase64: url.slice(url.indexOf(',') + 1), contentType: file.type || 'image/jpeg' })
      .then((j) => {
        if (!j || !j.messageId) return;
        b.dataset.messageId = j.messageId;
        img.onerror = () => { img.onerror = null; img.src = local; };
        img.src = BASE + '/api/content/' + encodeURIComponent(j.messageId);
      });
  };
  reader.readAsDataURL(file);
}
function pickDate(a) {
  const mode = a.mode === 'date' || a.mode === 'time' ? a.mode : 'datetime';
  const iso = new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString();
  const def = a.initial || (mode === 'date' ? iso.slice(0, 10) : mode === 'time' ? iso.slice(11, 16) : iso.slice(0, 16));
  const v = prompt(S.datetimePrompt, def);
  if (v == null) return;
  const re = { date: /^\d{4}-\d{2}-\d{2}$/, time: /^\d{2}:\d{2}$/, datetime: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/ }[mode];
  if (!re.test(v.trim())) { showNotice(S.invalidInput); return; }
  const params = {}; params[mode] = v.trim();
  sendPostback(a.data, null, params);
}
function doAction(a) {
  if (!a || typeof a !== 'object') return;
  clearChips();
  try {
    switch (a.type) {
      case 'message': sendText(a.text || a.label); break;
      case 'postback': sendPostback(a.data, a.displayText || a.text); break;
      case 'location': askLocation(); break;
      case 'camera': case 'cameraRoll': fileInput.click(); break;
      case 'uri': {
        const u = a.uri || (a.altUri && a.altUri.desktop);
        const liff = liffPath(u);
        if (liff) openLiff(liff, a.label);
        else if (safeUrl(u)) window.open(u, '_blank', 'noopener');
        break;
      }
      case 'datetimepicker': pickDate(a); break;
      case 'richmenuswitch': sendPostback(a.data, null, { newRichMenuAliasId: a.richMenuAliasId }); break;
      case 'clipboard': if (navigator.clipboard) navigator.clipboard.writeText(a.clipboardText || '').catch(() => {}); break;
    }
  } catch (e) { console.warn(e); showNotice(S.sendFailed); }
}
function clickable(node, action) {
  if (!action) return node;
  node.classList.add('click');
  node.addEventListener('click', (ev) => { ev.stopPropagation(); doAction(action); });
  return node;
}
function actButton(a, cls) {
  const b = el('button', cls, (a && a.label) || '');
  b.type = 'button';
  return clickable(b, a);
}

// ---- quick replies ----
function clearChips() { chips.textContent = ''; chips.hidden = true; }
function setChips(qr) {
  clearChips();
  const items = qr && Array.isArray(qr.items) ? qr.items : [];
  items.forEach((it) => {
    if (!it || !it.action) return;
    const b = el('button');
    b.type = 'button'; b.dataset.testid = 'quick-reply';
    if (safeSrc(it.imageUrl)) { const i = el('img'); i.src = it.imageUrl; i.alt = ''; b.appendChild(i); }
    b.appendChild(document.createTextNode(it.action.label || it.action.text || ''));
    b.addEventListener('click', () => doAction(it.action));
    chips.appendChild(b);
  });
  chips.hidden = !chips.children.length;
}

// ---- bot messages ----
function len(v, map) {
  if (v == null) return '';
  if (map && map[v] != null) return typeof map[v] === 'number' ? map[v] + 'px' : map[v];
  return /^\d+(\.\d+)?(px|%)$/.test(String(v)) ? String(v) : '';
}
function img(url, alt) { const i = el('img'); i.src = safeSrc(url); i.alt = alt || S.imageAlt; i.loading = 'lazy'; return i; }
function fx(c, layout) {
  if (!c || typeof c !== 'object') return el('span');
  switch (c.type) {
    case 'bubble': return fxBubble(c);
    case 'carousel': {
      const car = el('div', 'fx-carousel');
      (c.contents || []).forEach((b) => car.appendChild(fxBubble(b)));
      return car;
    }
    case 'box': return fxBox(c);
    case 'text': {
      const t = el('div', 'fx-text' + (c.wrap ? ' wrap' : ''));
      if (Array.isArray(c.contents) && c.contents.length) c.contents.forEach((s) => t.appendChild(fxText(el('span', '', s.text), s)));
      else t.textContent = c.text || '';
      fxText(t, c);
      if (c.align) t.style.textAlign = c.align === 'end' ? 'right' : c.align === 'center' ? 'center' : 'left';
      if (c.maxLines) { t.style.display = '-webkit-box'; t.style.webkitLineClamp = String(c.maxLines); t.style.webkitBoxOrient = 'vertical'; }
      return clickable(t, c.action);
    }
    case 'span': return fxText(el('span', '', c.text), c);
    case 'image': {
      const w = el('div', 'fx-image'), i = img(c.url);
      i.style.width = len(c.size || 'md', IMG);
      if (c.aspectRatio) i.style.aspectRatio = String(c.aspectRatio).replace(':', '/');
      if (c.aspectMode === 'cover') i.style.objectFit = 'cover';
      if (c.backgroundColor) i.style.backgroundColor = c.backgroundColor;
      if (c.align) w.style.justifyContent = c.align === 'start' ? 'flex-start' : c.align === 'end' ? 'flex-end' : 'center';
      w.appendChild(i);
      return clickable(w, c.action);
    }
    case 'icon': { const i = img(c.url, ''); i.style.height = len(c.size || 'md', SIZES); i.style.flex = 'none'; return i; }
    case 'button': {
      const style = c.style === 'primary' || c.style === 'secondary' ? c.style : 'link';
      const b = actButton(c.action, 'fx-btn ' + style + (c.height === 'sm' ? ' sm' : ''));
      if (c.color) b.style[style === 'link' ? 'color' : 'backgroundColor'] = c.color;
      return b;
    }
    case 'separator': {
      const s = el('hr', 'fx-sep' + (layout && layout !== 'vertical' ? ' v' : ''));
      if (c.color) s.style.borderColor = c.color;
      return s;
    }
    case 'filler': return el('div', 'fx-filler');
    default: return el('div', 'fx-unknown', '[' + c.type + ']');
  }
}
function fxText(node, c) {
  if (c.size) node.style.fontSize = len(c.size, SIZES);
  if (c.weight === 'bold') node.style.fontWeight = '700';
  if (c.color) node.style.color = c.color;
  if (c.style === 'italic') node.style.fontStyle = 'italic';
  if (c.decoration && c.decoration !== 'none') node.style.textDecoration = c.decoration;
  return node;
}
function fxBox(c) {
  const layout = c.layout === 'horizontal' || c.layout === 'baseline' ? c.layout : 'vertical';
  const box = el('div', 'fx-box'), st = box.style, row = layout !== 'vertical';
  st.flexDirection = row ? 'row' : 'column';
  if (layout === 'baseline') st.alignItems = 'baseline';
  if (c.backgroundColor) st.backgroundColor = c.backgroundColor;
  if (c.borderColor) st.borderColor = c.borderColor;
  if (c.borderWidth != null) { st.borderStyle = 'solid'; st.borderWidth = len(c.borderWidth, BORDER); }
  if (c.cornerRadius) { st.borderRadius = len(c.cornerRadius, SPACE); st.overflow = 'hidden'; }
  st.padding = len(c.paddingAll, SPACE);
  [['paddingTop', 'paddingTop'], ['paddingBottom', 'paddingBottom'], ['paddingStart', 'paddingLeft'], ['paddingEnd', 'paddingRight']]
    .forEach((p) => { if (c[p[0]]) st[p[1]] = len(c[p[0]], SPACE); });
  ['width', 'height', 'maxWidth', 'maxHeight'].forEach((k) => { if (c[k]) st[k] = len(c[k]); });
  if (c.justifyContent) st.justifyContent = c.justifyContent;
  if (c.alignItems) st.alignItems = c.alignItems;
  (c.contents || []).forEach((child, i) => {
    const n = fx(child, layout), f = child && child.flex != null ? Number(child.flex) : (row || (child && child.type === 'filler') ? 1 : 0);
    n.style.flex = f > 0 ? f + ' 1 ' + (row ? '0' : 'auto') : '0 0 auto';
    if (row) n.style.minWidth = '0';
    const m = child && child.margin != null ? len(child.margin, SPACE) : i > 0 ? len(c.spacing, SPACE) : '';
    if (m) n.style[row ? 'marginLeft' : 'marginTop'] = m;
    if (child && child.gravity && row) n.style.alignSelf = { top: 'flex-start', center: 'center', bottom: 'flex-end' }[child.gravity] || '';
    box.appendChild(n);
  });
  return clickable(box, c.action);
}
function fxBubble(c) {
  const b = el('div', 'fx-bubble'), styles = (c && c.styles) || {};
  if (!c || c.type !== 'bubble') return fx(c);
  b.style.width = len(c.size || 'mega', BUBBLE);
  ['header', 'hero', 'body', 'footer'].forEach((name) => {
    if (!c[name]) return;
    const sec = el('div', 'fx-sec ' + name), st = styles[name] || {};
    if (st.backgroundColor) sec.style.backgroundColor = st.backgroundColor;
    if (st.separator) sec.style.borderTop = '1px solid ' + (st.separatorColor || '#d4d6da');
    sec.appendChild(fx(c[name], 'vertical'));
    b.appendChild(sec);
  });
  return clickable(b, c.action);
}
function tplColumn(t) {
  const w = el('div', 'tpl');
  if (t.thumbnailImageUrl) { const i = img(t.thumbnailImageUrl); i.className = 'thumb'; w.appendChild(i); }
  if (t.title) w.appendChild(el('div', 'tpl-title', t.title));
  if (t.text) w.appendChild(el('div', 'tpl-text', t.text));
  (t.actions || []).forEach((a) => w.appendChild(actButton(a, 'act')));
  return clickable(w, t.defaultAction);
}
function tpl(t) {
  if (t.type === 'buttons') return tplColumn(t);
  if (t.type === 'confirm') {
    const w = el('div', 'tpl'), r = el('div', 'tpl-confirm');
    w.appendChild(el('div', 'tpl-text', t.text));
    (t.actions || []).forEach((a) => r.appendChild(actButton(a, 'act')));
    w.appendChild(r); return w;
  }
  const car = el('div', 'fx-carousel');
  (t.columns || []).forEach((col) => {
    let card;
    if (t.type === 'image_carousel') { card = el('div', 'tpl'); card.appendChild(img(col.imageUrl)); card.appendChild(actButton(col.action, 'act')); }
    else card = tplColumn(col);
    card.classList.add('tpl-card'); car.appendChild(card);
  });
  return car;
}
function renderBot(item) {
  const b = el('div', 'bubble bot'), m = (item && item.message) || {};
  b.dataset.testid = 'bot-message'; b.dataset.seq = String(item.seq); b.dataset.via = item.via || '';
  b.dataset.type = m.type || '';
  try {
    if (m.type === 'text') b.appendChild(linkify(m.text));
    else if (m.type === 'image') {
      b.classList.add('media');
      const a = link(el('a'), m.originalContentUrl), i = img(m.previewImageUrl || m.originalContentUrl);
      i.className = 'pic'; a.appendChild(i); b.appendChild(a);
    } else if (m.type === 'sticker') { b.classList.add('media'); b.appendChild(el('div', 'sticker', S.sticker)); }
    else if (m.type === 'location') {
      b.classList.add('loc');
      b.appendChild(el('b', '', m.title || S.locationTitle));
      if (m.address) b.appendChild(el('small', '', m.address));
      const q = m.latitude + ',' + m.longitude;
      b.appendChild(link(el('a', '', q), 'https://www.google.com/maps?q=' + encodeURIComponent(q)));
    } else if (m.type === 'template' && m.template) {
      b.classList.add(m.template.type === 'buttons' || m.template.type === 'confirm' ? 'card' : 'flex');
      b.appendChild(tpl(m.template));
    } else if (m.type === 'flex' && m.contents) { b.classList.add('flex'); b.appendChild(fx(m.contents)); }
    else throw new Error('unknown');
  } catch (e) {
    b.textContent = '[' + (m.type || '?') + ']'; b.className = 'bubble bot unknown';
  }
  addRow('bot', b, item.at);
}

// ---- polling ----
function poll() {
  if (polling) { pollAgain = true; return; }
  polling = true;
  const g = gen;
  fetch(BASE + '/api/messages?userId=' + encodeURIComponent(user.userId) + '&after=' + after, { cache: 'no-store' })
    .then((r) => (r.ok ? r.json() : null))
    .then((j) => {
      if (g !== gen || !j || !Array.isArray(j.messages)) return;
      let last = null;
      j.messages.forEach((item) => {
        if (!item || typeof item.seq !== 'number' || item.seq <= after) return;
        after = item.seq; renderBot(item); last = item;
      });
      if (last) setChips(last.message && last.message.quickReply);
    })
    .catch(() => {})
    .then(() => { polling = false; if (pollAgain) { pollAgain = false; poll(); } });
}

// ---- LIFF pages over the chat, as LINE opens them ----
function liffPath(u) {
  if (typeof u !== 'string') return '';
  try {
    const url = new URL(u, location.href);
    const local = url.origin === location.origin || /^(localhost|127\.0\.0\.1)$/.test(url.hostname);
    return local && url.pathname.indexOf('/liff/') === 0 ? url.pathname + url.search : '';
  } catch (e) { return ''; }
}
function openLiff(path, title) {
  $('liff-title').textContent = title || '';
  $('liff-frame').src = path; $('liff').hidden = false;
}
$('liff-close').addEventListener('click', () => { $('liff').hidden = true; $('liff-frame').src = 'about:blank'; poll(); });

// ---- the organisation's rich menu ----
const M = CFG.more, rm = $('rich-menu'), rmToggle = $('rm-toggle');
function setMenu(open) {
  rm.hidden = !open; rmToggle.setAttribute('aria-expanded', String(open));
  rmToggle.textContent = (open ? '▾ ' : '▴ ') + ((CFG.richMenu && CFG.richMenu.chatBarText) || M.menu);
  rmToggle.title = open ? M.menuClose : M.menuOpen;
}
if (CFG.richMenu) {
  CFG.richMenu.areas.forEach((a) => {
    if (!a) return;
    const b = el('button', '', a.label || ''); b.type = 'button'; b.dataset.testid = 'rich-menu-area';
    b.addEventListener('click', () => doAction(a));
    rm.appendChild(b);
  });
  rmToggle.hidden = false; setMenu(true);
  rmToggle.addEventListener('click', () => setMenu(rm.hidden));
}

// ---- who is talking: seeded residents, staff (alerts arrive in their chat) ----
let people = { residents: [], staff: [] };
function staffOf(id) { return people.staff.filter((p) => p.lineUserId === id)[0] || null; }
function fillWho() {
  const sel = $('who'); sel.textContent = '';
  const known = people.residents.concat(people.staff.map((p) => ({ userId: p.lineUserId })));
  if (!known.some((p) => p.userId === user.userId)) {
    const o = el('option', '', M.thisBrowser + ' (' + user.displayName + ')'); o.value = user.userId; sel.appendChild(o);
  }
  const g1 = el('optgroup'); g1.label = M.residents;
  people.residents.forEach((p) => { const o = el('option', '', p.displayName); o.value = p.userId; g1.appendChild(o); });
  const g2 = el('optgroup'); g2.label = M.staff;
  people.staff.forEach((p) => { const o = el('option', '', p.name + ' · ' + p.position); o.value = p.lineUserId; g2.appendChild(o); });
  sel.appendChild(g1); if (people.staff.length) sel.appendChild(g2);
  sel.value = user.userId;
  const st = staffOf(user.userId);
  $('staff-bar').hidden = !st;
  if (st) $('staff-note').textContent = (st.position || st.name) + ' · ' + M.staffNote;
}
$('who').addEventListener('change', () => {
  const id = $('who').value, st = staffOf(id);
  const r = people.residents.filter((p) => p.userId === id)[0];
  switchTo({ userId: id, displayName: st ? st.name : r ? r.displayName : user.displayName });
});
$('btn-console').addEventListener('click', () =>
  openLiff('/liff/console.html?org=' + encodeURIComponent(CFG.org) + '&user=' + encodeURIComponent(user.userId), M.openConsole));
function switchTo(u) {
  user = u; saveUser(user);
  if (location.search) history.replaceState(null, '', location.pathname);
  gen++; after = 0; clearChips();
  log.querySelectorAll('.row').forEach((r) => r.remove());
  empty.hidden = false; showUser(); fillWho(); loadHistory();
}
fetch(BASE + '/api/people', { cache: 'no-store' }).then((r) => (r.ok ? r.json() : null)).then((j) => {
  if (j) { people = j; fillWho(); }
}).catch(() => {});

// ---- the chat so far (kept across restarts) ----
function renderUserAct(a, at) {
  if (a.kind === 'follow') return addSystem(S.followed);
  if (a.kind === 'unfollow') return addSystem(S.unfollowed);
  const b = userBubble();
  if (a.kind === 'text') b.textContent = a.text || '';
  else if (a.kind === 'postback') { if (!a.displayText) return; b.textContent = a.displayText; }
  else if (a.kind === 'location') {
    b.classList.add('loc'); b.appendChild(el('b', '', a.title || S.locationTitle));
    b.appendChild(el('small', '', a.latitude + ', ' + a.longitude));
  } else if (a.kind === 'image') {
    b.classList.add('media'); const i = el('img', 'pic'); i.alt = S.imageAlt;
    i.onerror = () => { b.classList.remove('media'); b.textContent = M.imageGone; };
    i.src = BASE + '/api/content/' + encodeURIComponent(a.messageId || ''); b.appendChild(i);
  } else return;
  addRow('user', b, at);
}
function loadHistory() {
  const g = gen;
  fetch(BASE + '/api/history?userId=' + encodeURIComponent(user.userId), { cache: 'no-store' })
    .then((r) => (r.ok ? r.json() : null))
    .then((j) => {
      if (g !== gen || !j || !Array.isArray(j.entries)) return;
      let last = null;
      j.entries.forEach((e) => {
        if (e.side === 'user') { renderUserAct(e.act || {}, e.at); last = null; }
        else if (typeof e.seq === 'number' && e.seq > after) { after = e.seq; renderBot(e); last = e; }
      });
      if (last) setChips(last.message && last.message.quickReply);
    })
    .catch(() => {})
    .then(() => { if (g === gen) poll(); });
}

// ---- wiring ----
$('composer').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const text = input.value;
  if (!text.trim()) return;
  input.value = ''; sendText(text); input.focus();
});
$('btn-follow').addEventListener('click', () => { addSystem(S.followed); post({ kind: 'follow' }); });
$('btn-unfollow').addEventListener('click', () => { clearChips(); addSystem(S.unfollowed); post({ kind: 'unfollow' }); });
$('btn-location').addEventListener('click', askLocation);
$('btn-image').addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => { const f = fileInput.files && fileInput.files[0]; fileInput.value = ''; sendImage(f); });
$('btn-new-user').addEventListener('click', () => switchTo(makeUser()));
showUser(); fillWho(); loadHistory(); setInterval(poll, 700);
})();`;
