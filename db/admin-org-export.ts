import { roundColumns } from './surveys';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { ORG_EXPORT_FORMAT, type OrgExport, type ServiceInput } from '../shared/admin/schemas';
import type { CaseKind } from '../shared/cases';
import { listFaq, saveFaqEntry } from './admin-faq';
import { addHolidayMovingDeadlines } from './admin-holidays';
import { listServices, saveService } from './admin-services';
import { listOrgHolidays } from './holidays';
import { divisions, orgs, serviceCategories, surveyRounds, surveys } from './schema';
import type { Db, Queryable } from './types';

/**
 * The organisation's configuration as one JSON document: profile and settings, divisions,
 * categories, services, FAQ, its own holidays, survey versions and rounds. Never credentials (they are columns of their
 * own, not settings), never cases or people.
 */
export async function exportOrg(db: Queryable, orgId: string): Promise<OrgExport | null> {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org) return null;
  const divs = await db
    .select({ id: divisions.id, code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(eq(divisions.orgId, orgId))
    .orderBy(asc(divisions.code));
  const codeOf = (id: string | null) => divs.find((d) => d.id === id)?.code ?? null;
  const cats = await db
    .select()
    .from(serviceCategories)
    .where(eq(serviceCategories.orgId, orgId))
    .orderBy(asc(serviceCategories.code));
  return {
    format: ORG_EXPORT_FORMAT,
    org: {
      name: org.name,
      orgType: org.orgType,
      province: org.province,
      settings: org.settings as Record<string, unknown>,
    },
    divisions: divs.map(({ code, name }) => ({ code, name })),
    categories: cats.map((c) => ({
      code: c.code,
      name: c.name,
      kind: c.kind,
      divisionCode: codeOf(c.divisionId),
      acceptDays: c.acceptDays,
      finishDays: c.finishDays,
      sort: c.sort,
      active: c.active,
      keywords: c.keywords,
      duplicateRadiusM: c.duplicateRadiusM,
      intake: c.intake as Record<string, unknown>,
    })),
    services: (await listServices(db, orgId))
      .map((s) => ({ ...s, channels: s.channels as ServiceInput['channels'] }))
      .sort((a, b) => a.code.localeCompare(b.code)),
    faq: (await listFaq(db, orgId)).map(({ updatedAt: _, ...e }) => e),
    holidays: await listOrgHolidays(db, orgId),
    surveys: (
      await db
        .select({ definition: surveys.definition, publishedAt: surveys.publishedAt })
        .from(surveys)
        .where(eq(surveys.orgId, orgId))
        .orderBy(asc(surveys.code), asc(surveys.version))
    ).map((v) => ({ definition: v.definition, publishedAt: v.publishedAt?.toISOString() ?? null })),
    rounds: (
      await db
        .select(roundColumns)
        .from(surveyRounds)
        .where(eq(surveyRounds.orgId, orgId))
        .orderBy(asc(surveyRounds.label))
    ).map((r) => ({
      ...r,
      openedAt: r.openedAt?.toISOString() ?? null,
      closedAt: r.closedAt?.toISOString() ?? null,
    })),
  };
}

/**
 * Imports a document from exportOrg into this organisation in one transaction: the profile and
 * settings replace this one's; divisions, categories, services, FAQ entries, holidays and
 * rounds are added or replaced by their codes (nothing is deleted). A survey version is added
 * by code and version; one this organisation has as a draft is replaced, a published one is
 * left as it is (published versions never change). A category or service naming a
 * division neither the file nor the organisation has is refused, naming it.
 */
export async function importOrg(
  db: Db,
  orgId: string,
  data: OrgExport,
  now: Date,
): Promise<{ ok: true } | { ok: false; field: string }> {
  return db
    .transaction(async (tx) => {
      await tx
        .update(orgs)
        .set({
          name: data.org.name,
          orgType: data.org.orgType,
          province: data.org.province,
          settings: data.org.settings,
        })
        .where(eq(orgs.id, orgId));
      for (const d of data.divisions)
        await tx
          .insert(divisions)
          .values({ orgId, code: d.code, name: d.name })
          .onConflictDoUpdate({ target: [divisions.orgId, divisions.code], set: { name: d.name } });
      const divs = await tx
        .select({ id: divisions.id, code: divisions.code })
        .from(divisions)
        .where(eq(divisions.orgId, orgId));
      const idOf = (code: string | null) =>
        code === null ? null : (divs.find((d) => d.code === code)?.id ?? undefined);
      for (const [i, c] of data.categories.entries()) {
        const divisionId = idOf(c.divisionCode);
        if (divisionId === undefined) throw new ImportFailed(`categories.${i}.divisionCode`);
        const row = {
          name: c.name,
          kind: c.kind as CaseKind,
          divisionId,
          acceptDays: c.acceptDays,
          finishDays: c.finishDays,
          sort: c.sort,
          active: c.active,
          keywords: c.keywords,
          duplicateRadiusM: c.duplicateRadiusM,
          intake: c.intake,
        };
        await tx
          .insert(serviceCategories)
          .values({ orgId, code: c.code, ...row })
          .onConflictDoUpdate({
            target: [serviceCategories.orgId, serviceCategories.code],
            set: row,
          });
      }
      for (const [i, s] of data.services.entries())
        if (!(await saveService(tx, orgId, s)).ok)
          throw new ImportFailed(`services.${i}.divisionCode`);
      for (const e of data.faq) await saveFaqEntry(tx, orgId, e, now);
      for (const h of data.holidays) await addHolidayMovingDeadlines(tx, orgId, h.day, h.name, now);
      for (const v of data.surveys) {
        const d = v.definition;
        const row = {
          assessmentYear: d.assessmentYear,
          title: d.title,
          definition: d,
          publishedAt: v.publishedAt ? new Date(v.publishedAt) : null,
        };
        const added = await tx
          .insert(surveys)
          .values({ orgId, code: d.code, version: d.version, ...row })
          .onConflictDoNothing()
          .returning({ id: surveys.id });
        if (!added.length)
          await tx
            .update(surveys)
            .set(row)
            .where(
              and(
                eq(surveys.orgId, orgId),
                eq(surveys.code, d.code),
                eq(surveys.version, d.version),
                isNull(surveys.publishedAt),
              ),
            );
      }
      for (const r of data.rounds) {
        const row = {
          startsOn: r.startsOn,
          endsOn: r.endsOn,
          targetSample: r.targetSample,
          openedAt: r.openedAt ? new Date(r.openedAt) : null,
          closedAt: r.closedAt ? new Date(r.closedAt) : null,
        };
        await tx
          .insert(surveyRounds)
          .values({ orgId, label: r.label, ...row })
          .onConflictDoUpdate({ target: [surveyRounds.orgId, surveyRounds.label], set: row });
      }
      return { ok: true as const };
    })
    .catch((e) => {
      if (e instanceof ImportFailed) return { ok: false as const, field: e.field };
      throw e;
    });
}

class ImportFailed extends Error {
  constructor(readonly field: string) {
    super(field);
  }
}
