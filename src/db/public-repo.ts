/**
 * Reads for the public site (no login): the current publicity list (公示, 云医保〔2022〕6号 第十五条)
 * and the directory of designated institutions (吉医保规〔2023〕1号 第二十二条, 京医保发〔2021〕30号
 * 第十一条). Only public fields leave this file: no 统一社会信用代码, no persons, no contact data.
 */
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { applications, institutionTerminations, institutions, regions } from './schema/index';
import { prefixLike } from './territory';
import { regionFilterPrefix } from './institution-repo';
import { queryTokens } from '../domain/registry/search-tokens';

export interface Page {
  page: number;
  pageSize: number;
}

const textArray = (xs: string[]) => sql`ARRAY[${sql.join(xs.map((x) => sql`${x}`), sql`, `)}]::text[]`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** States after which an institution holds an agreement (appears in the directory). */
export const DESIGNATED_STATES = ['signed', 'filed', 'activated'] as const;

export async function listPublicity(db: Db, f: Page & { region?: string }) {
  const cond = and(
    eq(applications.state, 'in_publicity'),
    f.region ? prefixLike(applications.regionCode, regionFilterPrefix(f.region)) : undefined,
  );
  const rows = await db
    .select({
      applicationId: applications.id,
      name: institutions.name,
      address: institutions.address,
      kind: institutions.kind,
      regionCode: applications.regionCode,
      regionName: regions.name,
      declaration: applications.declaration,
      data: applications.data,
    })
    .from(applications)
    .innerJoin(institutions, eq(institutions.id, applications.institutionId))
    .leftJoin(regions, eq(regions.code, applications.regionCode))
    .where(cond)
    .orderBy(sql`${applications.data}->'publicity'->>'publishedOn' desc`, asc(institutions.name), asc(applications.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(applications).where(cond);
  const items = rows.map((r) => {
    const pub = (r.data as { publicity?: { publishedOn?: string; endsOn?: string | null } }).publicity ?? {};
    const decl = r.declaration as { paymentCategories?: string[] };
    return {
      applicationId: r.applicationId, name: r.name, address: r.address, kind: r.kind, regionCode: r.regionCode,
      regionName: r.regionName, categories: decl.paymentCategories ?? [], from: pub.publishedOn ?? null, to: pub.endsOn ?? null,
    };
  });
  return { items, total: Number(total?.n ?? 0), page: f.page, pageSize: f.pageSize };
}

/** The applications in publicity whose institution has exactly this name (a complaint naming the institution). */
export async function findPublicityByName(db: Db, name: string) {
  return db
    .select({ id: applications.id })
    .from(applications)
    .innerJoin(institutions, eq(institutions.id, applications.institutionId))
    .where(and(eq(applications.state, 'in_publicity'), eq(institutions.name, name)));
}

export interface DirectoryFilter extends Page {
  q?: string;
  region?: string;
  kind?: string;
  /** a payment category the institution holds (e.g. a 双通道 pharmacy, 门诊慢特病) */
  category?: string;
}

/**
 * In the directory: designated or suspended (shown as 协议中止) in the registry, or holding a signed
 * agreement — never an institution whose registry row says 协议解除/终止 (decision 0034).
 */
function designatedWhere(db: Db): SQL {
  const signed = db
    .select({ id: applications.institutionId })
    .from(applications)
    .where(inArray(applications.state, [...DESIGNATED_STATES]));
  return and(
    or(inArray(institutions.status, ['designated', 'suspended']), inArray(institutions.id, signed)),
    sql`${institutions.status} <> 'terminated'`,
  )!;
}

/**
 * The directory's institutions per child region of `parent` (provinces when absent), for a region
 * picker that offers only places where there is something to find (issue #9). Keys are the children's
 * filter prefixes (regionFilterPrefix): 2 digits for provinces, 4 for prefectures, 6 for counties.
 */
export async function countDirectoryByChildRegion(db: Db, parent: string | undefined, prefixLength: 2 | 4 | 6): Promise<Map<string, number>> {
  // the length inline (2, 4 or 6): as a parameter, the select and the GROUP BY would be different expressions
  const key = sql<string>`left(${institutions.regionCode}, ${sql.raw(String(Number(prefixLength)))})`;
  const rows = await db
    .select({ key, n: sql<number>`count(*)::int` })
    .from(institutions)
    .where(and(designatedWhere(db), parent ? prefixLike(institutions.regionCode, regionFilterPrefix(parent)) : undefined))
    .groupBy(key);
  return new Map(rows.map((r) => [String(r.key), Number(r.n)]));
}

export async function listDirectory(db: Db, f: DirectoryFilter) {
  const conds: (SQL | undefined)[] = [designatedWhere(db)];
  const tokens: string[] = [];
  const q = f.q?.trim();
  if (q) {
    tokens.push(...queryTokens(q));
    conds.push(sql`lower(${institutions.name}) LIKE ${`%${escapeLike(q.normalize('NFKC').toLowerCase())}%`}`);
  }
  if (f.region) {
    const prefix = regionFilterPrefix(f.region);
    conds.push(prefixLike(institutions.regionCode, prefix));
    if (tokens.length) tokens.push(`r:${prefix}`);
  }
  // the registry's GIN index answers name bigrams and region together (docs/decisions/0001-name-search.md)
  if (tokens.length) conds.push(sql`${institutions.searchTokens} @> ${textArray(tokens)}`);
  if (f.kind) conds.push(sql`${institutions.kind} = ${f.kind}`);
  if (f.category) conds.push(sql`${institutions.paymentCategories} @> ${textArray([f.category])}`);
  const where = and(...conds);
  const items = await db
    .select({
      id: institutions.id, name: institutions.name, address: institutions.address, servicePhone: institutions.servicePhone,
      kind: institutions.kind, subtype: institutions.subtype, hospitalLevel: institutions.hospitalLevel, grade: institutions.grade,
      categories: institutions.paymentCategories, regionCode: institutions.regionCode, regionName: regions.name,
      ybCode: institutions.ybCode,
      suspended: sql<boolean>`${institutions.status} = 'suspended'`,
    })
    .from(institutions)
    .leftJoin(regions, eq(regions.code, institutions.regionCode))
    .where(where)
    .orderBy(asc(institutions.name), asc(institutions.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(institutions).where(where);
  return { items, total: Number(total?.n ?? 0), page: f.page, pageSize: f.pageSize };
}

// ── 解除医保协议的医药机构名单 (京医保发〔2021〕30号 第四十三条; decision 0034) ──────────────────────

export interface TerminatedFilter {
  region?: string;
  year?: number;
  q?: string;
}

/** Public columns only: never persons, the 统一社会信用代码, the decision's facts or its number. */
export interface TerminatedPublicRow {
  id: string;
  name: string;
  ybCode: string | null;
  regionCode: string;
  regionName: string | null;
  terminatedOn: string;
  situation: string | null;
  category: 'serious' | 'other';
  source: string;
}

function terminatedWhere(f: TerminatedFilter): SQL | undefined {
  const regionCol = sql`coalesce(${institutionTerminations.regionCode}, ${institutions.regionCode})`;
  const q = f.q?.trim();
  return and(
    f.region ? prefixLike(regionCol, regionFilterPrefix(f.region)) : undefined,
    f.year ? sql`${institutionTerminations.terminatedOn} >= ${`${f.year}-01-01`}::date AND ${institutionTerminations.terminatedOn} <= ${`${f.year}-12-31`}::date` : undefined,
    q ? sql`lower(${institutions.name}) LIKE ${`%${escapeLike(q.normalize('NFKC').toLowerCase())}%`}` : undefined,
  );
}

/** The terminations, newest first; `limit`/`offset` page them (the open-data export takes up to its cap). */
export async function listTerminatedPublic(db: Db, f: TerminatedFilter, limit: number, offset: number) {
  const where = terminatedWhere(f);
  const regionCol = sql`coalesce(${institutionTerminations.regionCode}, ${institutions.regionCode})`;
  const items: TerminatedPublicRow[] = await db
    .select({
      id: institutionTerminations.id, name: institutions.name, ybCode: institutions.ybCode,
      regionCode: sql<string>`${regionCol}`, regionName: regions.name,
      terminatedOn: institutionTerminations.terminatedOn, situation: institutionTerminations.situation,
      category: institutionTerminations.category, source: institutionTerminations.source,
    })
    .from(institutionTerminations)
    .innerJoin(institutions, eq(institutions.id, institutionTerminations.institutionId))
    .leftJoin(regions, sql`${regions.code} = ${regionCol}`)
    .where(where)
    .orderBy(desc(institutionTerminations.terminatedOn), asc(institutions.name), asc(institutionTerminations.id))
    .limit(limit)
    .offset(offset);
  const [total] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(institutionTerminations)
    .innerJoin(institutions, eq(institutions.id, institutionTerminations.institutionId))
    .where(where);
  return { items, total: Number(total?.n ?? 0) };
}
