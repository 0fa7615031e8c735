/**
 * Reads for the public site (no login): the current publicity list (公示, 云医保〔2022〕6号 第十五条)
 * and the directory of designated institutions (吉医保规〔2023〕1号 第二十二条, 京医保发〔2021〕30号
 * 第十一条). Only public fields leave this file: no 统一社会信用代码, no persons, no contact data.
 */
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { applications, institutions, regions } from './schema/index';
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

/** In the directory: designated in the registry, or holding a signed agreement. */
function designatedWhere(db: Db): SQL {
  const signed = db
    .select({ id: applications.institutionId })
    .from(applications)
    .where(inArray(applications.state, [...DESIGNATED_STATES]));
  return or(eq(institutions.status, 'designated'), inArray(institutions.id, signed))!;
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
