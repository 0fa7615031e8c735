/**
 * 地区评估标准和流程 (自治区医保局〔2025〕征求意见稿 一(一); decision 0043): each 市/县 agency publishes its
 * own standard for new designations and renewals; a county's takes the place of its prefecture's.
 */
import type { AppContext } from '../context';
import { chinaDate } from '../domain/clock/clock';
import { AppError, invalid } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { standardInForce, standardProblems, standardsBasis, type StandardKind } from '../domain/policy/standards';
import { loadRegionStandards, pageOwnRegionStandards, recordRegionStandard, type RegionStandardInput, type RegionStandardRow } from '../db/region-standards-repo';
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

export async function setRegionStandard(ctx: AppContext, user: SessionUser, code: string, kind: StandardKind, input: Omit<RegionStandardInput, 'regionCode' | 'kind'>): Promise<RegionStandardRow> {
  const region = await poolingRegionFor(ctx, user, code);
  // 一(一): 「各市、县（区）医保经办机构应向社会公开发布」 — the region's own agency, not the one above it
  if (user.orgLevel !== region.level) throw new AppError('FORBIDDEN', '评估标准和流程由该市、县（区）经办机构负责人发布（自治区医保局〔2025〕征求意见稿 一(一)）');
  const [problem] = region.profileId ? standardProblems(region.profileId, kind, input.items) : [{ field: 'regionCode', message: '该地区所在省份未配置政策' }];
  if (problem) throw invalid(problem.field, problem.message);
  return recordRegionStandard(ctx.db, ctx.clock.now(), user, { ...input, regionCode: region.code, kind });
}
