import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { listCategories } from '../../../db/admin-categories';
import { applyImport, checkImportAgainstDb } from '../../../db/admin-import';
import { listFaq } from '../../../db/admin-faq';
import { listServices } from '../../../db/admin-services';
import { auditAdmin, listStaff } from '../../../db/admin-staff';
import { listOrgHolidays } from '../../../db/holidays';
import { bumpConfigVersion } from '../../../db/orgs';
import { decodeCsv, toCsvWithBom } from '../../../shared/admin/csv';
import {
  checkCsv,
  csvRows,
  isCsvSection,
  LIST_SEP,
  STAFF_CSV_HEADERS,
  type CsvSection,
} from '../../../shared/admin/csv-sections';
import { thAdmin } from '../../../shared/text/th-admin';
import type { AppDeps } from '../../deps';
import type { AdminEnv } from './context';

/** Largest CSV accepted (bot/http/body-limit.ts has the same rule before any parsing). */
export const CSV_MAX_BYTES = 2 * 1024 * 1024;
const T = thAdmin.csv;

/**
 * CSV per section: `GET /csv/:section` exports (UTF-8 with BOM), `POST /csv/:section` checks a
 * file (UTF-8 or Windows-874) row by row and answers what it would change; with `?apply=1` it
 * applies every row in one transaction, or nothing when any row is wrong.
 */
export function csvRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const items = async (orgId: string, section: CsvSection) =>
    section === 'faq'
      ? await listFaq(deps.db, orgId)
      : section === 'categories'
        ? await listCategories(deps.db, orgId)
        : section === 'services'
          ? await listServices(deps.db, orgId)
          : await listOrgHolidays(deps.db, orgId);

  app.get('/:section', async (c) => {
    const org = c.get('channel').org;
    const section = c.req.param('section');
    let rows: string[][];
    if (section === 'staff')
      rows = [
        STAFF_CSV_HEADERS,
        ...(await listStaff(deps.db, org.id)).map((s) => [
          s.name,
          s.position,
          s.divisionCode ?? '',
          s.roles.join(LIST_SEP),
          s.active ? T.active : T.inactive,
          s.linked ? T.yes : T.no,
        ]),
      ];
    else if (isCsvSection(section))
      rows = csvRows(section, (await items(org.id, section)) as Record<string, unknown>[]);
    else throw new HTTPException(404, { message: thAdmin.api.notFound });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${org.slug}-${section}.csv"`);
    return c.body(toCsvWithBom(rows));
  });

  app.post('/:section', async (c) => {
    const org = c.get('channel').org;
    const section = c.req.param('section');
    if (!isCsvSection(section)) throw new HTTPException(404, { message: T.noImport });
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const decoded = decodeCsv(bytes);
    if (!decoded.ok)
      return c.json({ error: { code: 'bad_encoding', message: T.badEncoding } }, 400);
    const encodingNote = decoded.encoding === 'windows-874' ? T.converted : null;
    const checked = checkCsv(section, decoded.text);
    const db = checked.errors.length
      ? { errors: [], create: [], update: [] }
      : await checkImportAgainstDb(deps.db, org.id, section, checked.rows);
    const errors = [...checked.errors, ...db.errors].sort((a, b) => a.row - b.row);
    if (errors.length)
      return c.json(
        {
          error: { code: 'bad_rows', message: T.badRows(errors.length) },
          errors,
          encoding: decoded.encoding,
          encodingNote,
        },
        400,
      );
    const summary = {
      encoding: decoded.encoding,
      encodingNote,
      rows: checked.rows.length,
      create: db.create,
      update: db.update,
    };
    if (c.req.query('apply') !== '1') return c.json({ applied: false, ...summary });
    const r = await applyImport(deps.db, org.id, section, checked.rows, deps.clock());
    if (!r.ok)
      return c.json(
        { error: { code: 'bad_rows', message: T.badRows(1) }, errors: [r.error], ...summary },
        400,
      );
    await auditAdmin(deps.db, {
      orgId: org.id,
      staffId: c.get('actor').staffId,
      action: `admin.import.${section}`,
      detail: { rows: checked.rows.length, create: db.create, update: db.update, moved: r.moved },
      at: deps.clock(),
    });
    await bumpConfigVersion(deps.db, org.id);
    deps.services.faq.invalidate(org.id);
    deps.orgs.invalidate();
    return c.json({ applied: true, moved: r.moved, ...summary });
  });
  return app;
}
