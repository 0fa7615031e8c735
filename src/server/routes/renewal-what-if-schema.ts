/**
 * The what-if variant a policy maker submits (issue #11): another profile, changed parameters, rules
 * switched off — one schema for the comparison on the page and for its Excel.
 */
import { z } from 'zod';
import { WHAT_IF_PROFILES } from '../../renewal-campaigns/what-if';

const between = (label: string, min: number, max: number) => z.number().int().min(min, { error: `${label}应为${min}–${max}` }).max(max, { error: `${label}应为${min}–${max}` });

export const whatIfVariant = z.object({
  profileId: z.enum(WHAT_IF_PROFILES, { error: '政策配置无效' }).optional(),
  params: z.object({
    settlementAbsentYears: between('未发生结算的年数', 1, 5).optional(),
    suspensionMaxDays: between('中止最长天数', 1, 720).optional(),
    coachingMonths: between('辅导期月数', 1, 60).optional(),
    disabled: z.array(z.string().max(60)).max(50, { error: '停用的规则过多' }).optional(),
  }).optional(),
});
