import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { regions } from './schema/index';

export interface RegionView {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county';
  parentCode: string | null;
  kind: 'admin' | 'yb_pseudo';
  profileId: string | null;
  hasChildren: boolean;
}

const columns = {
  code: regions.code,
  name: regions.name,
  level: regions.level,
  parentCode: regions.parentCode,
  kind: regions.kind,
  profileId: regions.profileId,
  hasChildren: sql<boolean>`EXISTS (SELECT 1 FROM regions c WHERE c.parent_code = "regions"."code")`,
};

/** Children of `parentCode`, or the provinces when it is absent; in GB/T 2260 order. */
export async function listRegions(db: Db, parentCode?: string): Promise<RegionView[]> {
  return db
    .select(columns)
    .from(regions)
    .where(parentCode ? eq(regions.parentCode, parentCode) : and(isNull(regions.parentCode), eq(regions.level, 'province')))
    .orderBy(asc(regions.sortOrder), asc(regions.code));
}

export async function getRegion(db: Db, code: string): Promise<RegionView | null> {
  const [row] = await db.select(columns).from(regions).where(eq(regions.code, code));
  return row ?? null;
}

/** The region and its ancestors, root first (for breadcrumbs and the cascader's initial value). */
export async function regionPath(db: Db, code: string): Promise<RegionView[]> {
  const out: RegionView[] = [];
  let next: string | null = code;
  for (let i = 0; next && i < 4; i++) {
    const r = await getRegion(db, next);
    if (!r) break;
    out.unshift(r);
    next = r.parentCode;
  }
  return out;
}


/** The policy profile of the province a region lies in (set on province rows only), or null. */
export async function provinceProfileOf(db: Db, regionCode: string): Promise<string | null> {
  const [r] = await db.select({ profileId: regions.profileId }).from(regions).where(eq(regions.code, `${regionCode.slice(0, 2)}0000`));
  return r?.profileId ?? null;
}

/** The province rows the deployment has given a policy profile, in GB/T 2260 order (which province runs which text). */
export async function provinceProfiles(db: Db): Promise<{ code: string; profileId: string }[]> {
  const rows = await db.select({ code: regions.code, profileId: regions.profileId }).from(regions)
    .where(and(eq(regions.level, 'province'), sql`${regions.profileId} IS NOT NULL`)).orderBy(asc(regions.code));
  return rows.flatMap((r) => (r.profileId ? [{ code: r.code, profileId: r.profileId }] : []));
}

/** code → name for the given codes (an export's region column); unknown codes are left out. */
export async function regionNamesOf(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, [...codes]));
  return new Map(rows.map((r) => [r.code, r.name]));
}
