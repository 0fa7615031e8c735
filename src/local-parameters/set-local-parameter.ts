/**
 * A pooling region's agency head sets a dated value of a delegated parameter or list, with its own
 * 文号, effective date and citation (decision 0031); a county's agency head narrows one the profile
 * lets a county narrow, in its 实施细则 (decision 0043). Only delegated keys; the value validated
 * against the profile (a sane number; list items from the profile's material list).
 */
import type { AppContext } from '../context';
import { AppError, invalid } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { countyValueProblems, localValueProblems } from '../domain/policy/local';
import { loadLocalLayer, poolingRegionOf, recordLocalParameter, type LocalParameterRow } from '../db/local-parameters-repo';
import { poolingRegionFor } from './list-local-parameters';

export interface SetLocalParameterInput {
  value: number | null;
  items: string[] | null;
  docNo: string;
  effectiveFrom: string;
  citation: string;
  expectedVersion?: number;
}

export async function setLocalParameter(ctx: AppContext, user: SessionUser, regionCode: string, key: string, input: SetLocalParameterInput): Promise<LocalParameterRow> {
  const region = await poolingRegionFor(ctx, user, regionCode);
  if (!region.profileId) throw invalid('regionCode', '该统筹地区所在省份未配置政策，无可设置的参数');
  let problems;
  if (region.level === 'county') {
    // 云医保〔2022〕6号 第三十三条: the county's own agency issues its 实施细则, within what is in force above it
    if (user.orgLevel !== 'county') throw new AppError('FORBIDDEN', '县（市、区）实施细则由该县（市、区）经办机构负责人制定（云医保〔2022〕6号 第三十三条）');
    const above = await loadLocalLayer(ctx.db, poolingRegionOf(region.code));
    problems = countyValueProblems(region.profileId, input.effectiveFrom, key, input.value, input.items, above);
  } else {
    problems = localValueProblems(region.profileId, input.effectiveFrom, key, input.value, input.items);
  }
  const [problem] = problems;
  if (problem) throw invalid(problem.field, problem.message);
  return recordLocalParameter(ctx.db, ctx.clock.now(), user, { regionCode: region.code, key, ...input });
}
