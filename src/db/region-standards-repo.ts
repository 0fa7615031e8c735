import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './client';
import { regionStandards, users } from './schema/index';
import { appendAudit } from './audit-repo';
import { AppError } from '../domain/errors';
import { isCountyCode } from '../domain/policy/resolve';
import type { RegionStandard, StandardItem, StandardKind } from '../domain/policy/standards';
import type { SessionUser } from '../domain/identity/roles';
import { poolingRegionOf } from './local-parameters-repo';

/** Per-region evaluation standards (自治区医保局〔2025〕征求意见稿 一(一); decision 0043). */
export interface RegionStandardRow extends RegionStandard {
  id: string;
  recordedBy: string | null;
  recordedAt: Date;
  version: number;
  withdrawnReason: string | null;
}

const toRow = (r: typeof regionStandards.$inferSelect, recordedBy: string | null = null): RegionStandardRow => ({
  id: r.id, regionCode: r.regionCode, kind: r.kind, title: r.title, docNo: r.docNo, effectiveFrom: r.effectiveFrom, items: r.items, process: r.process,
  recordedBy, recordedAt: r.recordedAt, version: r.version, withdrawnOn: r.withdrawnOn, withdrawnReason: r.withdrawnReason,
});

/** Every standard of a region's layers (its prefecture's, and its own when it is a county), in one query. */
export async function loadRegionStandards(db: Db, regionCode: string): Promise<RegionStandardRow[]> {
  const codes = [...new Set([poolingRegionOf(regionCode), ...(isCountyCode(regionCode) ? [regionCode] : [])])];
  const rows = await db.select({ row: regionStandards, by: users.displayName }).from(regionStandards)
    .leftJoin(users, eq(users.id, regionStandards.recordedBy))
    .where(inArray(regionStandards.regionCode, codes)).orderBy(asc(regionStandards.regionCode), asc(regionStandards.effectiveFrom));
  return rows.map((r) => toRow(r.row, r.by));
}

/**
 * Every standard of one kind that can be in force for any of `regionCodes` (their prefectures' and, for
 * counties, their own), in one query — the campaign page asks for all its regions at once.
 */
export async function loadRegionStandardsFor(db: Db, regionCodes: readonly string[], kind: StandardKind): Promise<RegionStandardRow[]> {
  const codes = [...new Set(regionCodes.flatMap((c) => [poolingRegionOf(c), ...(isCountyCode(c) ? [c] : [])]))];
  if (!codes.length) return [];
  const rows = await db.select().from(regionStandards)
    .where(and(inArray(regionStandards.regionCode, codes), eq(regionStandards.kind, kind))).orderBy(asc(regionStandards.regionCode), asc(regionStandards.effectiveFrom));
  return rows.map((r) => toRow(r));
}

/**
 * One page of the standards a region published itself (the list on the agency's page), newest effective
 * date first, and how many there are (a window count, one statement).
 */
export async function pageOwnRegionStandards(db: Db, regionCode: string, page: number, pageSize: number): Promise<{ items: RegionStandardRow[]; total: number }> {
  const rows = await db.select({ row: regionStandards, by: users.displayName, total: sql<number>`count(*) over ()` }).from(regionStandards)
    .leftJoin(users, eq(users.id, regionStandards.recordedBy))
    .where(eq(regionStandards.regionCode, regionCode))
    .orderBy(desc(regionStandards.effectiveFrom), asc(regionStandards.kind), asc(regionStandards.id))
    .limit(pageSize).offset((page - 1) * pageSize);
  return { items: rows.map((r) => toRow(r.row, r.by)), total: Number(rows[0]?.total ?? 0) };
}

export interface RegionStandardInput {
  regionCode: string;
  kind: StandardKind;
  title: string;
  docNo: string;
  effectiveFrom: string;
  items: StandardItem[];
  process: string;
  /** the version of the row of the same date being corrected; absent for a new date */
  expectedVersion?: number;
}

/** A new dated standard (a new row), or a version-checked correction of the same date; one audit row; one transaction. */
export async function recordRegionStandard(db: Db, at: Date, actor: SessionUser, input: RegionStandardInput): Promise<RegionStandardRow> {
  return db.transaction(async (tx) => {
    const [old] = await tx.select().from(regionStandards).where(and(
      eq(regionStandards.regionCode, input.regionCode), eq(regionStandards.kind, input.kind), eq(regionStandards.effectiveFrom, input.effectiveFrom),
    ));
    const fields = { title: input.title, docNo: input.docNo, items: input.items, process: input.process, recordedBy: actor.id, recordedAt: at };
    let saved: typeof regionStandards.$inferSelect;
    if (old) {
      if (old.withdrawnOn !== null) throw new AppError('CONFLICT', `${input.effectiveFrom} 生效的版本（${old.docNo}）已于 ${old.withdrawnOn} 撤回，不能更正；请以新的生效日期发布`);
      if (input.expectedVersion !== old.version) throw new AppError('CONFLICT', `该评估标准在 ${input.effectiveFrom} 已有版本（${old.docNo}）；如需更正，请刷新后按当前版本提交`);
      const [u] = await tx.update(regionStandards).set({ ...fields, version: old.version + 1 })
        .where(and(eq(regionStandards.id, old.id), eq(regionStandards.version, old.version))).returning();
      if (!u) throw new AppError('CONFLICT', '该评估标准已被他人修改，请刷新后重试');
      saved = u;
    } else {
      const [n] = await tx.insert(regionStandards).values({ regionCode: input.regionCode, kind: input.kind, effectiveFrom: input.effectiveFrom, ...fields }).returning();
      saved = n!;
    }
    await appendAudit(tx, at, {
      actor, action: 'region_standard.set', entityType: 'region_standard', entityId: `${input.regionCode}:${input.kind}`, regionCode: input.regionCode,
      before: old ? toRow(old) : null, after: toRow(saved),
    });
    return toRow(saved, actor.displayName ?? null);
  });
}

/**
 * 撤回 one version (decision 0043 addendum): version-checked, from `today` on it no longer applies; one
 * audit row `region_standard.withdraw` with the reason; one transaction. Null when the row is not the
 * region's (the caller answers 404).
 */
export async function withdrawRegionStandard(
  db: Db, at: Date, today: string, actor: SessionUser,
  input: { id: string; regionCode: string; kind: StandardKind; expectedVersion: number; reason: string },
): Promise<RegionStandardRow | null> {
  return db.transaction(async (tx) => {
    const [old] = await tx.select().from(regionStandards).where(and(
      eq(regionStandards.id, input.id), eq(regionStandards.regionCode, input.regionCode), eq(regionStandards.kind, input.kind),
    ));
    if (!old) return null;
    if (old.withdrawnOn !== null) throw new AppError('CONFLICT', `该版本（${old.docNo}）已于 ${old.withdrawnOn} 撤回`);
    const [u] = await tx.update(regionStandards)
      .set({ withdrawnOn: today, withdrawnReason: input.reason, withdrawnBy: actor.id, version: old.version + 1 })
      .where(and(eq(regionStandards.id, old.id), eq(regionStandards.version, input.expectedVersion))).returning();
    if (!u) throw new AppError('STALE_VERSION', '该评估标准已被他人修改，请刷新后重试');
    await appendAudit(tx, at, {
      actor, action: 'region_standard.withdraw', entityType: 'region_standard', entityId: `${input.regionCode}:${input.kind}`, regionCode: input.regionCode,
      before: toRow(old), after: toRow(u), reason: input.reason,
    });
    return toRow(u, actor.displayName ?? null);
  });
}
