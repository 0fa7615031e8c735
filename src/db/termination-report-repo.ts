/**
 * The quarterly report's rows (吉医保规〔2023〕1号 第三十一条; 京医保发〔2021〕30号 第四十九条; decision
 * 0034): the terminations (institution_terminations by terminated_on) and the suspensions
 * (agreement_suspensions by from_on) of a period, in a territory, with the number of the decision
 * document where one was issued.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { agreementSuspensions, institutionTerminations, institutions, regions } from './schema/index';
import { prefixLike } from './territory';
import type { Scope } from '../domain/identity/territory';

export interface ReportPeriod {
  from: string;
  to: string;
  /** a further region filter inside the territory (filter prefix) */
  regionPrefix?: string;
}

export interface TerminationReportRow {
  id: string;
  institutionName: string;
  ybCode: string | null;
  regionCode: string;
  regionName: string | null;
  on: string;
  situation: string | null;
  category: 'serious' | 'other';
  source: string;
  decisionNo: string | null;
  penaltiesFulfilledOn: string | null;
}

export interface SuspensionReportRow {
  id: string;
  institutionName: string;
  ybCode: string | null;
  regionCode: string;
  regionName: string | null;
  on: string;
  mode: string;
  situation: string | null;
  maxUntil: string;
  resumedOn: string | null;
  endedOn: string | null;
  decisionNo: string | null;
}

const within = (col: SQL, scope: Scope, regionPrefix?: string): SQL | undefined => and(
  scope.kind === 'all' ? undefined : scope.kind === 'region' ? prefixLike(col, scope.prefix) : sql`false`,
  regionPrefix ? prefixLike(col, regionPrefix) : undefined,
);

/** The agreement's decision document of `kind` issued nearest to `on` (China date). */
const noticeNo = (agreementId: SQL, kind: string, on: SQL) => sql<string | null>`(SELECT d.number FROM documents d
  WHERE d.case_type = 'agreement' AND d.case_id = ${agreementId} AND d.kind = ${kind}
  ORDER BY abs((d.issued_at AT TIME ZONE 'Asia/Shanghai')::date - ${on}), d.issued_at LIMIT 1)`;

export async function terminationsInPeriod(db: Db, scope: Scope, p: ReportPeriod): Promise<TerminationReportRow[]> {
  const region = sql`coalesce(${institutionTerminations.regionCode}, ${institutions.regionCode})`;
  return db
    .select({
      id: institutionTerminations.id, institutionName: institutions.name, ybCode: institutions.ybCode,
      regionCode: sql<string>`${region}`, regionName: regions.name, on: institutionTerminations.terminatedOn,
      situation: institutionTerminations.situation, category: institutionTerminations.category, source: institutionTerminations.source,
      decisionNo: sql<string | null>`coalesce(${institutionTerminations.decisionNo}, ${noticeNo(sql`${institutionTerminations.agreementId}`, 'termination_notice', sql`${institutionTerminations.terminatedOn}`)})`,
      penaltiesFulfilledOn: institutionTerminations.penaltiesFulfilledOn,
    })
    .from(institutionTerminations)
    .innerJoin(institutions, eq(institutions.id, institutionTerminations.institutionId))
    .leftJoin(regions, sql`${regions.code} = ${region}`)
    .where(and(
      sql`${institutionTerminations.terminatedOn} BETWEEN ${p.from}::date AND ${p.to}::date`,
      within(region, scope, p.regionPrefix),
    ))
    .orderBy(asc(institutionTerminations.terminatedOn), asc(institutions.name), asc(institutionTerminations.id));
}

export async function suspensionsInPeriod(db: Db, scope: Scope, p: ReportPeriod): Promise<SuspensionReportRow[]> {
  return db
    .select({
      id: agreementSuspensions.id, institutionName: institutions.name, ybCode: institutions.ybCode,
      regionCode: agreementSuspensions.regionCode, regionName: regions.name, on: agreementSuspensions.fromOn,
      mode: agreementSuspensions.mode, situation: agreementSuspensions.situation, maxUntil: agreementSuspensions.maxUntil,
      resumedOn: agreementSuspensions.resumedOn, endedOn: agreementSuspensions.endedOn,
      decisionNo: noticeNo(sql`${agreementSuspensions.agreementId}`, 'suspension_notice', sql`${agreementSuspensions.fromOn}`),
    })
    .from(agreementSuspensions)
    .innerJoin(institutions, eq(institutions.id, agreementSuspensions.institutionId))
    .leftJoin(regions, eq(regions.code, agreementSuspensions.regionCode))
    .where(and(
      sql`${agreementSuspensions.fromOn} BETWEEN ${p.from}::date AND ${p.to}::date`,
      within(sql`${agreementSuspensions.regionCode}`, scope, p.regionPrefix),
    ))
    .orderBy(asc(agreementSuspensions.fromOn), asc(institutions.name), asc(agreementSuspensions.id));
}

/** The policy profile of each province (by 2-digit prefix) among `regionCodes`. */
export async function provinceProfiles(db: Db, regionCodes: readonly string[]): Promise<Map<string, string | null>> {
  const provinces = [...new Set(regionCodes.map((c) => `${c.slice(0, 2)}0000`))];
  if (!provinces.length) return new Map();
  const rows = await db.select({ code: regions.code, profileId: regions.profileId }).from(regions)
    .where(sql`${regions.code} IN (${sql.join(provinces.map((c) => sql`${c}`), sql`, `)})`);
  return new Map(rows.map((r) => [r.code.slice(0, 2), r.profileId]));
}
