import { and, asc, eq, inArray, like } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { localParameters, regions, users } from './schema/index';
import { appendAudit } from './audit-repo';
import { AppError } from '../domain/errors';
import { isCountyCode, type LocalValue } from '../domain/policy/resolve';
import type { SessionUser } from '../domain/identity/roles';

/** The pooling region (prefecture) of a region code: GB/T 2260's first four digits + 00. */
export const poolingRegionOf = (regionCode: string): string => `${regionCode.slice(0, 4)}00`;

export interface LocalParameterRow extends LocalValue {
  id: string;
  recordedBy: string | null;
  recordedAt: Date;
  version: number;
}

const toValue = (r: typeof localParameters.$inferSelect & { recordedByName?: string | null }): LocalParameterRow => ({
  id: r.id, regionCode: r.regionCode, key: r.key, value: r.value === null ? null : Number(r.value), items: r.items ?? null,
  docNo: r.docNo, effectiveFrom: r.effectiveFrom, citation: r.citation, recordedBy: r.recordedByName ?? null, recordedAt: r.recordedAt, version: r.version,
});

/**
 * The local layers for an application's region (one query): every dated row of its prefecture and,
 * when the region is a county, of that county (its 实施细则, decision 0043); `resolveProfile` layers them.
 */
export async function loadLocalLayer(db: Db | Tx, regionCode: string): Promise<LocalValue[]> {
  const codes = [...new Set([poolingRegionOf(regionCode), ...(isCountyCode(regionCode) ? [regionCode] : [])])];
  const rows = await db.select().from(localParameters).where(inArray(localParameters.regionCode, codes)).orderBy(asc(localParameters.effectiveFrom));
  return rows.map(toValue);
}

/** Every row of these prefectures, with who recorded it. */
export async function listLocalParameters(db: Db, regionCodes: readonly string[]): Promise<LocalParameterRow[]> {
  if (regionCodes.length === 0) return [];
  const rows = await db
    .select({ row: localParameters, recordedByName: users.displayName })
    .from(localParameters)
    .leftJoin(users, eq(users.id, localParameters.recordedBy))
    .where(inArray(localParameters.regionCode, [...regionCodes]))
    .orderBy(asc(localParameters.regionCode), asc(localParameters.key), asc(localParameters.effectiveFrom));
  return rows.map((r) => toValue({ ...r.row, recordedByName: r.recordedByName }));
}

export interface LocalParameterInput {
  regionCode: string;
  key: string;
  value: number | null;
  items: string[] | null;
  docNo: string;
  effectiveFrom: string;
  citation: string;
  /** the version of the row of the same date being corrected; absent for a new date */
  expectedVersion?: number;
}

/**
 * Records a dated value (a new date: a new row; the same date again: a correction of that row,
 * version-checked), with one audit row, in one transaction.
 */
export async function recordLocalParameter(db: Db, at: Date, actor: SessionUser, input: LocalParameterInput): Promise<LocalParameterRow> {
  return db.transaction(async (tx) => {
    const [old] = await tx.select().from(localParameters).where(and(
      eq(localParameters.regionCode, input.regionCode), eq(localParameters.key, input.key), eq(localParameters.effectiveFrom, input.effectiveFrom),
    ));
    const fields = {
      value: input.value === null ? null : String(input.value), items: input.items, docNo: input.docNo, citation: input.citation,
      recordedBy: actor.id, recordedAt: at,
    };
    let saved: typeof localParameters.$inferSelect;
    if (old) {
      if (input.expectedVersion !== old.version) {
        throw new AppError('CONFLICT', `该参数在 ${input.effectiveFrom} 已有取值（${old.docNo}）；如需更正，请刷新后按当前版本提交`);
      }
      const [u] = await tx.update(localParameters).set({ ...fields, version: old.version + 1 })
        .where(and(eq(localParameters.id, old.id), eq(localParameters.version, old.version))).returning();
      if (!u) throw new AppError('CONFLICT', '该参数已被他人修改，请刷新后重试');
      saved = u;
    } else {
      const [n] = await tx.insert(localParameters).values({ regionCode: input.regionCode, key: input.key, effectiveFrom: input.effectiveFrom, ...fields }).returning();
      saved = n!;
    }
    await appendAudit(tx, at, {
      actor, action: 'local_parameter.set', entityType: 'local_parameter', entityId: `${input.regionCode}:${input.key}`, regionCode: input.regionCode,
      before: old ? toValue(old) : null, after: toValue(saved),
    });
    return { ...toValue(saved), recordedBy: actor.displayName ?? null };
  });
}

export interface PoolingRegion {
  code: string;
  name: string;
  /** a prefecture (统筹地区) or one of its counties (县级实施细则, decision 0043) */
  level: 'prefecture' | 'county';
  /** the policy profile of its province (regions.profile_id of the province row) */
  profileId: string | null;
}

/**
 * The prefecture-level regions (统筹地区) whose code starts with `prefix` (all when null), with their
 * province's profile; with `counties`, their county-level regions too (decision 0043).
 */
export async function listPoolingRegions(db: Db, prefix: string | null, counties = false): Promise<PoolingRegion[]> {
  const rows = await db.select({ code: regions.code, name: regions.name, level: regions.level }).from(regions)
    .where(and(inArray(regions.level, counties ? ['prefecture', 'county'] : ['prefecture']), eq(regions.kind, 'admin'), prefix ? like(regions.code, `${prefix}%`) : undefined))
    .orderBy(asc(regions.sortOrder), asc(regions.code));
  const provinces = await db.select({ code: regions.code, profileId: regions.profileId }).from(regions).where(eq(regions.level, 'province'));
  const profileOf = new Map(provinces.map((p) => [p.code.slice(0, 2), p.profileId]));
  return rows.map((r) => ({ ...r, level: r.level === 'county' ? ('county' as const) : ('prefecture' as const), profileId: profileOf.get(r.code.slice(0, 2)) ?? null }));
}
