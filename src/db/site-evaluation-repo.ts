/**
 * 各执业地的评估结果 (吉医保规〔2023〕1号 第二十三条(二)): an institution's practice sites with the
 * result each has in one application's evaluation. Callers load the application inside their
 * territory first (loadApplicationFor), so these take ids only.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { practiceSites, siteEvaluations } from './schema/index';

export async function sitesWithResults(db: Db | Tx, institutionId: string, applicationId: string) {
  return db
    .select({
      id: practiceSites.id, name: practiceSites.name, address: practiceSites.address, regionCode: practiceSites.regionCode,
      pass: siteEvaluations.pass, note: siteEvaluations.note, evaluatedOn: siteEvaluations.evaluatedOn,
    })
    .from(practiceSites)
    .leftJoin(siteEvaluations, and(eq(siteEvaluations.siteId, practiceSites.id), eq(siteEvaluations.applicationId, applicationId)))
    .where(eq(practiceSites.institutionId, institutionId))
    .orderBy(asc(practiceSites.name), asc(practiceSites.id));
}

/** The site's result in this application (replacing an earlier one), and the registry's 'approved' flag with it. */
export async function saveSiteResult(
  tx: Tx, row: { applicationId: string; siteId: string; pass: boolean; note: string | null; evaluatedOn: string; evaluatedBy: string; updatedAt: Date },
) {
  const [before] = await tx.select().from(siteEvaluations)
    .where(and(eq(siteEvaluations.applicationId, row.applicationId), eq(siteEvaluations.siteId, row.siteId))).limit(1);
  await tx.insert(siteEvaluations).values(row).onConflictDoUpdate({
    target: [siteEvaluations.applicationId, siteEvaluations.siteId],
    set: { pass: row.pass, note: row.note, evaluatedOn: row.evaluatedOn, evaluatedBy: row.evaluatedBy, updatedAt: row.updatedAt },
  });
  await tx.update(practiceSites).set({ approved: row.pass }).where(eq(practiceSites.id, row.siteId));
  return before ?? null;
}

export async function siteOf(db: Db | Tx, institutionId: string, siteId: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(siteId)) return null;
  const [r] = await db.select().from(practiceSites)
    .where(and(eq(practiceSites.id, siteId), eq(practiceSites.institutionId, institutionId))).limit(1);
  return r ?? null;
}
