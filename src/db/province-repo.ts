/**
 * 云人社发〔2016〕308号: 参保人数 entered per 统筹地区 (二(四)), designated inpatient beds counted from
 * the registry, and the reports of newly designated institutions sent to the province (一(四)).
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { applications, institutions, insuredCounts, provinceReports, regions } from './schema/index';
import { prefixLike } from './territory';
import { isUuid } from './designation-repo';
import type { Scope } from '../domain/identity/territory';

const regionWhere = (scope: Scope, column: Parameters<typeof prefixLike>[0]) =>
  scope.kind === 'all' ? sql`true` : scope.kind === 'region' ? prefixLike(column, scope.prefix) : sql`false`;

export async function insertInsuredCount(tx: Tx, row: typeof insuredCounts.$inferInsert) {
  const [r] = await tx.insert(insuredCounts).values(row).onConflictDoNothing().returning();
  return r ?? null;
}

/** The 统筹地区 (prefecture-level codes, incl. 省本级/市本级 pseudo codes) of the given provinces. */
export async function poolingRegions(db: Db, provinces: string[]) {
  if (!provinces.length) return [];
  return db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(and(eq(regions.level, 'prefecture'), inArray(sql`left(${regions.code}, 2) || '0000'`, provinces)))
    .orderBy(regions.code);
}

/** Provinces (code, profile) — one, or all with a profile for national users. */
export async function provincesFor(db: Db, code: string | null) {
  return db
    .select({ code: regions.code, profileId: regions.profileId })
    .from(regions)
    .where(and(eq(regions.level, 'province'), code ? eq(regions.code, `${code.slice(0, 2)}0000`) : sql`${regions.profileId} IS NOT NULL`));
}

/** Designated medical institutions' beds per 统筹地区 (left 4 digits + '00'). */
export async function designatedBeds(db: Db, prefixes: string[]) {
  if (!prefixes.length) return new Map<string, { beds: number; institutions: number }>();
  const pref = sql<string>`left(${institutions.regionCode}, 4) || '00'`;
  const rows = await db
    .select({ code: pref, beds: sql<number>`coalesce(sum(${institutions.beds}), 0)::int`, n: sql<number>`count(*)::int` })
    .from(institutions)
    .where(and(eq(institutions.kind, 'medical'), eq(institutions.status, 'designated'), inArray(sql`left(${institutions.regionCode}, 2)`, prefixes)))
    .groupBy(pref);
  return new Map(rows.map((r) => [r.code, { beds: Number(r.beds), institutions: Number(r.n) }]));
}

/** The latest insured count on or before `asOf` of each region. */
export async function latestInsuredCounts(db: Db, codes: string[], asOf: string) {
  if (!codes.length) return new Map<string, typeof insuredCounts.$inferSelect>();
  const rows = await db
    .selectDistinctOn([insuredCounts.regionCode])
    .from(insuredCounts)
    .where(and(inArray(insuredCounts.regionCode, codes), sql`${insuredCounts.asOf} <= ${asOf}`))
    .orderBy(insuredCounts.regionCode, desc(insuredCounts.asOf));
  return new Map(rows.map((r) => [r.regionCode, r]));
}

export interface ReportItem {
  applicationId: string;
  institutionId: string;
  institutionName: string;
  ybCode: string | null;
  regionCode: string;
  kind: string;
  state: string;
  filedOn: string | null;
  activatedOn: string | null;
}

/** Applications filed (签订情况已备案) or activated whose filing date lies in the period, inside a region prefix. */
export async function newlyDesignated(db: Db | Tx, prefix: string, from: string, to: string): Promise<ReportItem[]> {
  const filedOn = sql<string | null>`${applications.data}->>'filedOn'`;
  const rows = await db
    .select({
      applicationId: applications.id, institutionId: applications.institutionId, institutionName: institutions.name, ybCode: institutions.ybCode,
      regionCode: applications.regionCode, kind: applications.kind, state: applications.state, filedOn,
      activatedOn: sql<string | null>`${applications.data}->>'activatedOn'`,
    })
    .from(applications)
    .innerJoin(institutions, eq(institutions.id, applications.institutionId))
    .where(and(
      prefixLike(applications.regionCode, prefix), inArray(applications.state, ['filed', 'activated']),
      sql`${filedOn} >= ${from}`, sql`${filedOn} <= ${to}`,
    ))
    .orderBy(applications.regionCode, institutions.name);
  return rows;
}

export async function insertReport(tx: Tx, row: typeof provinceReports.$inferInsert) {
  const [r] = await tx.insert(provinceReports).values(row).returning();
  return r!;
}

const reportColumns = {
  id: provinceReports.id, regionCode: provinceReports.regionCode, regionName: regions.name, periodFrom: provinceReports.periodFrom,
  periodTo: provinceReports.periodTo, count: sql<number>`jsonb_array_length(${provinceReports.items})::int`, submittedAt: provinceReports.submittedAt,
};

export async function listReports(db: Db, scope: Scope, f: { page: number; pageSize: number }) {
  const where = regionWhere(scope, provinceReports.regionCode);
  const items = await db
    .select(reportColumns)
    .from(provinceReports)
    .innerJoin(regions, eq(regions.code, provinceReports.regionCode))
    .where(where)
    .orderBy(desc(provinceReports.submittedAt), desc(provinceReports.periodTo))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [t] = await db.select({ n: sql<number>`count(*)::int` }).from(provinceReports).where(where);
  return { items: items.map((i) => ({ ...i, count: Number(i.count) })), total: Number(t?.n ?? 0), page: f.page, pageSize: f.pageSize };
}

export async function findReport(db: Db, scope: Scope, id: string) {
  if (!isUuid(id)) return null;
  const [r] = await db
    .select({ ...reportColumns, items: provinceReports.items })
    .from(provinceReports)
    .innerJoin(regions, eq(regions.code, provinceReports.regionCode))
    .where(and(eq(provinceReports.id, id), regionWhere(scope, provinceReports.regionCode)))
    .limit(1);
  return r ? { ...r, count: Number(r.count), items: r.items as ReportItem[] } : null;
}
