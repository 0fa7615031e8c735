/**
 * 第三方服务机构备案 (吉医保规〔2023〕1号 第三十三条第二款): an independent 检验中心, 医学检验实验室,
 * 病理诊断中心 or 医学影像诊断中心 files its service items with the local agency, with its
 * 《医疗机构执业许可证》, the list of its large equipment and the qualification and registration
 * certificates of its professional staff. The agency verifies (核验) each of the three; only
 * after that does the filing take effect, and designated institutions may then contract with it.
 *
 * Pure: which profile provides the filing (the rule `jilin.procedure.third-party-filing` and its
 * three materials), the statuses, and the guards of each step with their citation.
 */
import { AppError, type RuleReason } from '../errors';
import { resolveProfile } from '../policy/resolve';
import type { Material, Rule } from '../policy/model';

export const FILING_RULE_ID = 'jilin.procedure.third-party-filing';
export const FILING_CITATION = '吉医保规〔2023〕1号 第三十三条第二款';

export const FILING_STATUSES = ['submitted', 'accepted', 'returned'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];
export const filingStatusLabel: Record<FilingStatus, string> = {
  submitted: '待核验',
  accepted: '已备案',
  returned: '已退回',
};

/** The three things the agency verifies, named as the rule's materials are. */
export const FILING_CHECK_ITEMS = ['practice_licence', 'equipment_list', 'staff_certificates'] as const;
export type FilingCheckItem = (typeof FILING_CHECK_ITEMS)[number];
export const filingCheckLabel: Record<FilingCheckItem, string> = {
  practice_licence: '医疗机构执业许可证',
  equipment_list: '大型仪器设备清单',
  staff_certificates: '相关专业人员的资格及注册证书',
};

export interface FilingCheck {
  pass: boolean;
  note: string | null;
  by: string;
  on: string;
}
export type FilingChecks = Partial<Record<FilingCheckItem, FilingCheck>>;

const reason = (message: string): RuleReason => ({ ruleId: FILING_RULE_ID, citation: FILING_CITATION, message });

/**
 * The filing rule of a profile on a date, with the materials it verifies — or a refusal when the
 * region's profile has no such filing (only 吉林 provides it).
 */
export function filingRuleFor(profileId: string, asOf: string): Rule & { materials: Material[] } {
  const r = resolveProfile(profileId, asOf).rules.find((x) => x.rule.id === FILING_RULE_ID)?.rule;
  if (!r?.materials?.length) {
    throw new AppError('RULE_REFUSED', '本地区的定点管理政策未规定第三方服务机构备案', {
      reasons: [reason(`所在省份的政策配置（${profileId}）不含第三方服务机构备案；依据为${FILING_CITATION}`)],
    });
  }
  return r as Rule & { materials: Material[] };
}

/** Only a third-party service files; a medical institution, pharmacy or LTC home applies for designation instead. */
export function assertMayFile(institutionKind: string): void {
  if (institutionKind !== 'third_party') {
    throw new AppError('RULE_REFUSED', '只有独立设置的检验、病理、影像等第三方服务机构办理备案，本机构应申请定点', {
      reasons: [reason('第三方服务机构备案适用于检验中心、医学检验实验室、病理诊断中心、医学影像诊断中心等')],
    });
  }
}

/** A check can be recorded while the filing waits for verification. */
export function assertCheckable(status: FilingStatus): void {
  if (status !== 'submitted') throw new AppError('CONFLICT', `备案${filingStatusLabel[status]}，不能再核验`);
}

/**
 * Whether the agency may accept (所有三项核验通过) or return (至少一项已核验; 退回须说明理由) the filing:
 * the reasons it may not, empty when it may.
 */
export function decisionReasons(status: FilingStatus, checks: FilingChecks, accept: boolean, note: string | null): RuleReason[] {
  if (status !== 'submitted') return [reason(`备案${filingStatusLabel[status]}，不能再作决定`)];
  const out: RuleReason[] = [];
  if (accept) {
    for (const item of FILING_CHECK_ITEMS) {
      const c = checks[item];
      if (!c) out.push(reason(`${filingCheckLabel[item]}尚未核验`));
      else if (!c.pass) out.push(reason(`${filingCheckLabel[item]}核验未通过，不能备案`));
    }
  } else if (!note) {
    out.push(reason('退回备案须说明理由'));
  }
  return out;
}
