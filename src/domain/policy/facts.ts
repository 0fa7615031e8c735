import type { InstitutionKind, Ownership, PersonRole } from '../registry/enums';

/**
 * What the designation pipeline knows about an applicant when it screens (不予受理) and checks the
 * basic conditions. Booleans are findings already made by an officer or another system; dates are
 * YYYY-MM-DD. Optional facts that are absent make the rules using them "undetermined", not failed.
 */
export interface ScreeningFacts {
  institutionKind: InstitutionKind;
  ownership?: Ownership;

  // ── refusals, 京医保发〔2021〕30号 / 国家医疗保障局令第2号 第十二条
  /**
   * (一) main scope is 医疗美容、辅助生殖、生活照护、种植牙 or other non-basic services; undefined when
   * the registry holds no main scope (主要执业范围) for the institution
   */
  mainScopeNonBasic?: boolean;
  /** (二) basic services do not follow the 医药价格 policy */
  priceViolation: boolean;
  /** (三) an administrative penalty not fulfilled */
  unfulfilledPenalty: boolean;
  /** (四) date a fraudulent application (弄虚作假) was found */
  fraudApplicationFoundOn?: string | null;
  /**
   * (五)(六) earlier agreement terminations (解除) of this institution, from its termination records
   * (termination-facts.ts): 'illegal' 违法违规 (五), 'serious_breach' 严重违约 (六), 'other' any other
   * sanction (counted only by 自治区 2025 草案 三(三)); requested terminations are not here
   */
  terminations: { date: string; cause: 'illegal' | 'serious_breach' | 'other'; penaltiesFulfilled: boolean }[];
  /** (七)(八) 法定代表人、主要负责人、实际控制人 */
  persons: { role: PersonRole; name?: string; dishonest: boolean; priorTerminations: { date: string; serious: boolean }[] }[];
  /** 第九条: dates on which failed evaluation results were served, since the last pass (oldest first) */
  lastEvaluationFailures: string[];

  // ── 云人社发〔2016〕308号 二(二)
  medicalTout?: boolean;
  falseAdvertising?: boolean;
  seriousSafetyHazard?: boolean;
  leasedDepartments?: boolean;
  /** 「以及造成其它不良社会影响的」 */
  adverseSocialImpact?: boolean;

  /**
   * What a fact rests on, for the refusal's message: per fact name, the source and date of the
   * officer's finding (src/domain/policy/findings.ts) or the registry's non-basic main-scope items
   */
  evidence?: Record<string, string>;

  // ── 自治区 2025 草案 四
  regionHasAllocationPlan?: boolean;

  // ── basic conditions, 第六条 (medical)
  operatingSince?: string;
  physicians?: { firstRegisteredHere: boolean; registeredSince: string }[];
  beds?: number;
  hasInsuranceStaff?: boolean;
  hasInternalInsuranceDept?: boolean;

  // ── pharmacy conditions, 国家医疗保障局令第3号 第五条 (verified: false)
  /** 执业药师 (or equivalent) registered locally with a labour contract of ≥ 1 year */
  licensedPharmacistsWithContract?: number;
  /** staff for 医保 management with labour contracts of ≥ 1 year */
  insuranceStaffWithContract?: number;

  // ── long-term care, 吉医保规〔2023〕1号 第九条
  ltc?: {
    hasLicence: boolean;
    /** with 医学 or 护理学 background, contracted and insured */
    medicalOrNursingStaff: number;
    /** 社会工作者 or 二级及以上养老护理员, contracted and insured */
    socialWorkerOrCaregiver: number;
  };
}

/** A clean applicant of `kind`: nothing against it, no conditions facts yet. */
export function cleanScreeningFacts(kind: InstitutionKind): ScreeningFacts {
  return {
    institutionKind: kind,
    mainScopeNonBasic: false,
    priceViolation: false,
    unfulfilledPenalty: false,
    fraudApplicationFoundOn: null,
    terminations: [],
    persons: [],
    lastEvaluationFailures: [],
  };
}
