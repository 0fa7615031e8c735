/**
 * A pooling region's agency head sets a dated value of a delegated parameter or list, with its own
 * 文号, effective date and citation (decision 0031). Only delegated keys; the value validated
 * against the profile (a sane number; list items from the profile's material list).
 */
import type { AppContext } from '../context';
import { invalid } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { localValueProblems } from '../domain/policy/local';
import { recordLocalParameter, type LocalParameterRow } from '../db/local-parameters-repo';
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
  const [problem] = localValueProblems(region.profileId, input.effectiveFrom, key, input.value, input.items);
  if (problem) throw invalid(problem.field, problem.message);
  return recordLocalParameter(ctx.db, ctx.clock.now(), user, { regionCode: region.code, key, ...input });
}
