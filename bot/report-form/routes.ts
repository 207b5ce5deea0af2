import { orgMessageTexts } from '../../db/message-templates';
import { receiptNote } from '../../shared/messages/templates';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { activeCategories } from '../../db/categories';
import { residentWithState } from '../../db/conversations';
import { recordConsent } from '../../db/residents';
import { orgSettings } from '../../shared/org-settings';
import type { CasePhoto } from '../../shared/cases';
import { menu, receipt } from '../../shared/conversation/render';
import type { CaseDraft } from '../../shared/conversation/types';
import { randomHex } from '../../shared/crypto';
import {
  checkReportForm,
  REPORT_FORM_LIMITS as L,
  sniffImage,
} from '../../shared/report-form/check';
import { reportForm as T } from '../../shared/text/th-report-form';
import { fileCase } from '../cases/file';
import type { AppDeps } from '../deps';
import { IdTokenVerifier, liffClientId } from '../line/id-token';
import { enqueuePush, sendOutbox } from '../pipeline/outbox';

const E = T.errors;
const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png' };
/** Three photos at the limit, the text fields and multipart's framing. */
export const REPORT_FORM_MAX_BODY = L.maxPhotos * L.maxPhotoBytes + 128 * 1024;
const tokenWords = { unauthorized: E.badToken, unavailable: E.lineUnavailable };

/** A 400 whose reasons a program can read and whose Thai words a person can. */
function invalid(c: Context, fields: Record<string, string>) {
  const message = Object.values(fields)[0]!;
  return c.json({ error: { code: 'bad_request', message, fields } }, 400);
}

/**
 * `/api/report/:org`: the LIFF report form's categories (GET) and its reports (POST
 * multipart, `Authorization: Bearer <LIFF ID token>`). The resident is the verified token's
 * LINE user; the case is filed by the chat's own filing code (bot/cases/file.ts), and the same
 * receipt goes to the resident's chat through the outbox.
 */
export function reportFormRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const ids = new IdTokenVerifier(deps);
  const orgOf = async (slug: string) => {
    const channel = await deps.orgs.bySlug(slug);
    if (!channel) throw new HTTPException(404, { message: E.unknownOrg });
    return channel;
  };
  const categoriesOf = (orgId: string) => activeCategories(deps.db, orgId, 'service_request');

  app.get('/:org', async (c) => {
    const { org } = await orgOf(c.req.param('org'));
    const cats = await categoriesOf(org.id);
    c.header('Cache-Control', 'no-store');
    return c.json({
      org: { slug: org.slug, name: org.name },
      categories: cats.map((x) => ({ code: x.code, name: x.name })),
      limits: L,
      liff: { id: deps.env.LIFF_ID ?? null, clientId: liffClientId(deps.env) },
    });
  });

  app.post(
    '/:org/cases',
    bodyLimit({
      maxSize: REPORT_FORM_MAX_BODY,
      onError: (c) => c.json({ error: { code: 'payload_too_large', message: E.tooLarge } }, 413),
    }),
    async (c) => {
      const channel = await orgOf(c.req.param('org'));
      const { org } = channel;
      const lineUserId = await ids.lineUser(channel, c.req.header('authorization'), tokenWords);
      let body: Record<string, string | File | (string | File)[]>;
      try {
        body = await c.req.parseBody({ all: true });
      } catch {
        return invalid(c, { form: E.sendFailed });
      }
      const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
      const cats = await categoriesOf(org.id);
      const checked = checkReportForm(
        {
          category: str('category'),
          description: str('description'),
          latitude: str('latitude'),
          longitude: str('longitude'),
          place: str('place'),
        },
        cats.map((x) => x.code),
      );
      const fields: Record<string, string> = {};
      if (!checked.ok) for (const [k, v] of Object.entries(checked.errors)) fields[k] = E[v!];

      const files = ([] as unknown[])
        .concat(body.photo ?? [])
        .filter((f): f is File => f instanceof File && f.size > 0);
      const photos: { bytes: Uint8Array; type: 'image/jpeg' | 'image/png' }[] = [];
      if (files.length > L.maxPhotos) fields.photo = E.photoCount;
      else
        for (const f of files) {
          const bytes = new Uint8Array(await f.arrayBuffer());
          const type = sniffImage(bytes);
          if (!type) fields.photo ??= E.photoType;
          else if (bytes.length > L.maxPhotoBytes) fields.photo ??= E.photoSize;
          else photos.push({ bytes, type });
        }
      if (!checked.ok || Object.keys(fields).length) return invalid(c, fields);
      const form = checked.value;
      const cat = cats.find((x) => x.code === form.category)!;

      const now = deps.clock();
      const stored: CasePhoto[] = [];
      for (const p of photos) {
        const key = `${org.id}/liff/${randomHex(16)}.${EXT[p.type]}`;
        await deps.photos.put(key, p.bytes, p.type);
        stored.push({ key, contentType: p.type, bytes: p.bytes.length });
      }
      const draft: CaseDraft = {
        kind: 'service_request',
        category: cat.code,
        subject: '',
        description: form.description,
        concerning: '',
        photos: stored,
        latitude: form.latitude,
        longitude: form.longitude,
        address: form.place,
        anonymity: 'none',
      };
      let filed;
      try {
        filed = await deps.db.transaction(async (tx) => {
          const { resident } = await residentWithState(tx, org.id, lineUserId);
          // The form shows the privacy notice above its send button.
          if (!resident.consentAt) await recordConsent(tx, resident.id, now);
          const kase = await fileCase(
            tx,
            {
              org,
              now,
              random: deps.random,
              secrets: deps.orgs.secrets,
              line: channel.line,
              services: deps.services,
            },
            draft,
            { residentId: resident.id, lineUserId, displayName: resident.displayName },
          );
          const view = {
            orgName: org.name,
            trackingCode: kase.trackingCode,
            kind: kase.kind,
            categoryName: cat.name,
            createdAt: kase.createdAt,
            finishDays: cat.finishDays ?? orgSettings(org.settings).defaultFinishDays,
            anonymous: false,
          };
          const note = receiptNote(await orgMessageTexts(tx, org.id), view);
          const outboxId = await enqueuePush(tx, {
            orgId: org.id,
            to: lineUserId,
            now,
            messages: [receipt({ ...view, note }), menu()],
          });
          return { kase, outboxId };
        });
      } catch (e) {
        await Promise.all(stored.map((p) => deps.photos.delete(p.key).catch(() => {})));
        throw e;
      }
      deps.defer.run(
        () => sendOutbox(deps, { ids: [filed.outboxId] }).then(() => undefined),
        `${org.id}:${lineUserId}`,
        c,
      );
      return c.json({ case: { trackingCode: filed.kase.trackingCode } }, 201);
    },
  );
  return app;
}
