/**
 * 第三方服务机构备案 rows (吉医保规〔2023〕1号 第三十三条第二款). The territory filter is the
 * institution's region (属地); an institution user reads only its own filings.
 */
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { institutions, organizations, regions, thirdPartyFilings } from './schema/index';
import { institutionScopeWhere } from './territory';
import { isUuid } from './designation-repo';
import type { Scope } from '../domain/identity/territory';
import type { FilingStatus } from '../domain/registry/third-party-filing';

export type ThirdPartyFilingRow = typeof thirdPartyFilings.$inferSelect;

const scoped = (scope: Scope) => institutionScopeWhere(scope, { id: thirdPartyFilings.institutionId, regionCode: thirdPartyFilings.regionCode });

/** The filing institution with its province's profile and the agencies of its county, prefecture and province. */
export async function findFilerFacts(db: Db | Tx, institutionId: string) {
  const [inst] = await db.select().from(institutions).where(eq(institutions.id, institutionId)).limit(1);
  if (!inst) return null;
  const code = inst.regionCode;
  const [prov] = await db.select({ profileId: regions.profileId }).from(regions).where(eq(regions.code, `${code.slice(0, 2)}0000`)).limit(1);
  const agencies = await db
    .select({ id: organizations.id, level: organizations.level, regionCode: organizations.regionCode })
    .from(organizations)
    .where(and(eq(organizations.kind, 'agency'), sql`${organizations.regionCode} IN (${code}, ${`${code.slice(0, 4)}00`}, ${`${code.slice(0, 2)}0000`})`));
  return { institution: inst, profileId: prov?.profileId ?? null, agencies: agencies.map((a) => ({ ...a, regionCode: a.regionCode! })) };
}

/** Inserts a filing; null when the institution already has one waiting for verification. */
export async function insertFiling(tx: Tx, row: typeof thirdPartyFilings.$inferInsert): Promise<ThirdPartyFilingRow | null> {
  const [r] = await tx.insert(thirdPartyFilings).values(row).onConflictDoNothing().returning();
  return r ?? null;
}

const listColumns = {
  id: thirdPartyFilings.id, institutionId: thirdPartyFilings.institutionId, institutionName: institutions.name,
  subtype: institutions.subtype, regionCode: thirdPartyFilings.regionCode, status: thirdPartyFilings.status,
  services: thirdPartyFilings.services, agencyName: organizations.name, submittedAt: thirdPartyFilings.submittedAt,
  decidedAt: thirdPartyFilings.decidedAt,
};

export async function listFilings(db: Db, scope: Scope, f: { status?: FilingStatus; page: number; pageSize: number }) {
  const where = and(scoped(scope), f.status ? eq(thirdPartyFilings.status, f.status) : undefined);
  const items = await db
    .select(listColumns)
    .from(thirdPartyFilings)
    .innerJoin(institutions, eq(institutions.id, thirdPartyFilings.institutionId))
    .leftJoin(organizations, eq(organizations.id, thirdPartyFilings.agencyOrgId))
    .where(where)
    .orderBy(desc(thirdPartyFilings.submittedAt), desc(thirdPartyFilings.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [t] = await db.select({ n: count() }).from(thirdPartyFilings).where(where);
  return { items, total: Number(t?.n ?? 0), page: f.page, pageSize: f.pageSize };
}

/** One filing inside the scope, with its institution's name; null when missing or outside. */
export async function findFiling(db: Db | Tx, scope: Scope, id: string) {
  if (!isUuid(id)) return null;
  const [r] = await db
    .select({ filing: thirdPartyFilings, institutionName: institutions.name, subtype: institutions.subtype, agencyName: organizations.name })
    .from(thirdPartyFilings)
    .innerJoin(institutions, eq(institutions.id, thirdPartyFilings.institutionId))
    .leftJoin(organizations, eq(organizations.id, thirdPartyFilings.agencyOrgId))
    .where(and(eq(thirdPartyFilings.id, id), scoped(scope)))
    .limit(1);
  return r ?? null;
}

/** Version-checked update; null when someone else changed the filing in between. */
export async function updateFiling(tx: Tx, id: string, version: number, set: Partial<typeof thirdPartyFilings.$inferInsert>) {
  const [r] = await tx
    .update(thirdPartyFilings)
    .set({ ...set, version: version + 1 })
    .where(and(eq(thirdPartyFilings.id, id), eq(thirdPartyFilings.version, version)))
    .returning();
  return r ?? null;
}

/** The registry shows an accepted filing: the institution's status becomes 已备案. */
export async function markInstitutionFiled(tx: Tx, institutionId: string, at: Date): Promise<void> {
  await tx
    .update(institutions)
    .set({ status: 'filed', version: sql`${institutions.version} + 1`, updatedAt: at })
    .where(and(eq(institutions.id, institutionId), sql`${institutions.status} <> 'filed'`));
}
