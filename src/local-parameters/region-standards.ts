/**
 * 地区评估标准和流程 (自治区医保局〔2025〕征求意见稿 一(一); decision 0043): each 市/县 agency publishes its
 * own standard for new designations and renewals; a county's takes the place of its prefecture's.
 */
import type { AppContext } from '../context';
import { chinaDate } from '../domain/clock/clock';
import { AppError, invalid } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { standardInForce, standardProblems, standardsBasis, type StandardKind } from '../domain/policy/standards';
import { loadRegionStandards, pageOwnRegionStandards, recordRegionStandard, withdrawRegionStandard, type RegionStandardInput, type RegionStandardRow } from '../db/region-standards-repo';
import { poolingRegionFor } from './list-local-parameters';

/** The standards in force for a region (its own, else its prefecture's) and one page of those it published itself. */
export async function getRegionStandards(ctx: AppContext, user: SessionUser, code: string, paging: { page: number; pageSize: number } = { page: 1, pageSize: 20 }) {
  const region = await poolingRegionFor(ctx, user, code);
  const asOf = chinaDate(ctx.clock.now());
  const basis = region.profileId ? standardsBasis(region.profileId) : null;
  const [layers, own] = await Promise.all([loadRegionStandards(ctx.db, region.code), pageOwnRegionStandards(ctx.db, region.code, paging.page, paging.pageSize)]);
  const inForce = (basis?.kinds ?? []).map((k) => standardInForce(layers, k, asOf)).filter((s) => s !== null);
  return { region, asOf, basis: basis?.citation ?? null, kinds: basis?.kinds ?? [], inForce, history: own.items, total: own.total, ...paging };
}

const OWN_HEAD_ONLY = '评估标准和流程由该市、县（区）经办机构负责人发布（自治区医保局〔2025〕征求意见稿 一(一)）';

export async function setRegionStandard(ctx: AppContext, user: SessionUser, code: string, kind: StandardKind, input: Omit<RegionStandardInput, 'regionCode' | 'kind'>): Promise<RegionStandardRow> {
  const region = await poolingRegionFor(ctx, user, code);
  // 一(一): 「各市、县（区）医保经办机构应向社会公开发布」 — the region's own agency, not the one above it
  if (user.orgLevel !== region.level) throw new AppError('FORBIDDEN', OWN_HEAD_ONLY);
  const [problem] = region.profileId ? standardProblems(region.profileId, kind, input.items) : [{ field: 'regionCode', message: '该地区所在省份未配置政策' }];
  if (problem) throw invalid(problem.field, problem.message);
  return recordRegionStandard(ctx.db, ctx.clock.now(), user, { ...input, regionCode: region.code, kind });
}

/**
 * 撤回 a version published in error (decision 0043 addendum). Only the region's own head, as for publishing;
 * from today it no longer applies and the one below it does again (a county's: its prefecture's; a
 * prefecture's: its own older version, else the province's policy) — the page says which before confirming.
 */
export async function withdrawStandard(ctx: AppContext, user: SessionUser, code: string, kind: StandardKind, id: string, input: { expectedVersion: number; reason: string }): Promise<RegionStandardRow> {
  const region = await poolingRegionFor(ctx, user, code);
  if (user.orgLevel !== region.level) throw new AppError('FORBIDDEN', OWN_HEAD_ONLY.replace('发布', '发布和撤回'));
  const now = ctx.clock.now();
  const row = await withdrawRegionStandard(ctx.db, now, chinaDate(now), user, { id, regionCode: region.code, kind, ...input });
  if (!row) throw new AppError('NOT_FOUND', '该地区没有这一版本的评估标准');
  return row;
}
