/**
 * Registry vocabulary. English enum values in code, one Chinese label map each.
 * Sources: 京医保发〔2021〕30号 第五条 (eligible medical institution types),
 * 吉医保规〔2023〕1号 第九条 (long-term-care homes), 第三十三条 (third-party labs, 备案 only),
 * 吉医保规〔2023〕1号 第二十三条 (branches, 医共体, village clinics).
 */

export const INSTITUTION_KINDS = ['medical', 'pharmacy', 'ltc', 'third_party'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];
export const institutionKindLabel: Record<InstitutionKind, string> = {
  medical: '医疗机构',
  pharmacy: '零售药店',
  ltc: '长期护理服务机构',
  third_party: '第三方服务机构（备案）',
};

/** 京医保发〔2021〕30号 第五条 types, plus pharmacy / ltc / third-party sub-types. */
export const INSTITUTION_SUBTYPES = [
  // 第五条(一)
  'general_hospital', 'tcm_hospital', 'integrated_hospital', 'ethnic_hospital', 'specialty_hospital', 'rehab_hospital',
  // 第五条(二)
  'disease_prevention', 'maternal_child',
  // 第五条(三)
  'community_center', 'community_station', 'central_health_center', 'township_health_center', 'street_health_center',
  'outpatient_dept', 'clinic', 'health_room', 'village_clinic',
  // 第五条(四)(五)(六)
  'emergency_center', 'hospice', 'dialysis_center', 'nursing_home_medical', 'eldercare_internal',
  // 第五条 款二
  'internet_hospital',
  // retail pharmacies
  'pharmacy_single', 'pharmacy_chain_member',
  // long-term care, 吉医保规〔2023〕1号 第九条(一)
  'ltc_eldercare_home', 'ltc_nursing_home',
  // third-party services, 吉医保规〔2023〕1号 第三十三条
  'lab_center', 'medical_lab', 'pathology_center', 'imaging_center',
] as const;
export type InstitutionSubtype = (typeof INSTITUTION_SUBTYPES)[number];
export const institutionSubtypeLabel: Record<InstitutionSubtype, string> = {
  general_hospital: '综合医院', tcm_hospital: '中医医院', integrated_hospital: '中西医结合医院',
  ethnic_hospital: '民族医医院', specialty_hospital: '专科医院', rehab_hospital: '康复医院',
  disease_prevention: '专科疾病防治院（所、站）', maternal_child: '妇幼保健院',
  community_center: '社区卫生服务中心', community_station: '社区卫生服务站', central_health_center: '中心卫生院',
  township_health_center: '乡镇卫生院', street_health_center: '街道卫生院', outpatient_dept: '门诊部',
  clinic: '诊所', health_room: '卫生所（站）', village_clinic: '村卫生室（所）',
  emergency_center: '独立设置的急救中心', hospice: '安宁疗护中心', dialysis_center: '血液透析中心',
  nursing_home_medical: '护理院', eldercare_internal: '养老机构内设医疗机构',
  internet_hospital: '互联网医院',
  pharmacy_single: '单体药店', pharmacy_chain_member: '连锁药店门店',
  ltc_eldercare_home: '养老院', ltc_nursing_home: '护理院（长护）',
  lab_center: '检验中心', medical_lab: '医学检验实验室', pathology_center: '病理诊断中心', imaging_center: '医学影像诊断中心',
};
export const subtypeKind: Record<InstitutionSubtype, InstitutionKind> = Object.fromEntries(
  INSTITUTION_SUBTYPES.map((s) => [
    s,
    s.startsWith('pharmacy_') ? 'pharmacy' : s.startsWith('ltc_') ? 'ltc'
      : ['lab_center', 'medical_lab', 'pathology_center', 'imaging_center'].includes(s) ? 'third_party' : 'medical',
  ]),
) as Record<InstitutionSubtype, InstitutionKind>;

export const OWNERSHIPS = ['public', 'private', 'military'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];
export const ownershipLabel: Record<Ownership, string> = { public: '公立', private: '民营', military: '军队' };

/** 医院等级 (level) and 等次 (grade). */
export const HOSPITAL_LEVELS = ['level3', 'level2', 'level1', 'unrated'] as const;
export type HospitalLevel = (typeof HOSPITAL_LEVELS)[number];
export const hospitalLevelLabel: Record<HospitalLevel, string> = { level3: '三级', level2: '二级', level1: '一级', unrated: '未定级' };
export const GRADES = ['A', 'B', 'C', 'none'] as const;
export type Grade = (typeof GRADES)[number];
export const gradeLabel: Record<Grade, string> = { A: '甲等', B: '乙等', C: '丙等', none: '无' };

/** 隶属级别: which government level the institution belongs to; decides the managing agency level (云人社发〔2016〕308号 三). */
export const ADMIN_LEVELS = ['province', 'prefecture', 'county'] as const;
export type AdminLevel = (typeof ADMIN_LEVELS)[number];
export const adminLevelLabel: Record<AdminLevel, string> = { province: '省级', prefecture: '州市级', county: '县区级及以下' };

export const INSTITUTION_STATUSES = ['applicant', 'designated', 'suspended', 'terminated', 'filed'] as const;
export type InstitutionStatus = (typeof INSTITUTION_STATUSES)[number];
export const institutionStatusLabel: Record<InstitutionStatus, string> = {
  applicant: '申请中/未定点', designated: '定点', suspended: '协议中止', terminated: '协议解除/终止', filed: '已备案',
};

export const PAYMENT_CATEGORIES = [
  'general_outpatient', 'inpatient', 'chronic_special', 'dual_channel', 'long_term_care', 'pharmacy_purchase', 'maternity',
] as const;
export type PaymentCategory = (typeof PAYMENT_CATEGORIES)[number];
export const paymentCategoryLabel: Record<PaymentCategory, string> = {
  general_outpatient: '普通门诊', inpatient: '住院', chronic_special: '门诊慢特病', dual_channel: '双通道药品',
  long_term_care: '长期护理', pharmacy_purchase: '药店购药', maternity: '生育',
};

/**
 * Which payment categories fit which kind of institution: a hospital or clinic pays 门诊/住院/慢特病/
 * 生育 and dispenses 双通道 drugs; a retail pharmacy sells (药店购药), dispenses 双通道 drugs and
 * 门诊慢特病 medicines; a long-term-care home provides 长期护理 (吉医保规〔2023〕1号 第九条); a
 * third-party service files services and applies for none (第三十三条).
 */
export const PAYMENT_CATEGORIES_BY_KIND: Readonly<Record<InstitutionKind, readonly PaymentCategory[]>> = {
  medical: ['general_outpatient', 'inpatient', 'chronic_special', 'dual_channel', 'maternity'],
  pharmacy: ['pharmacy_purchase', 'dual_channel', 'chronic_special'],
  ltc: ['long_term_care'],
  third_party: [],
};

/** The declared categories that do not fit the kind, with a Chinese message naming them (null = all fit). */
export function paymentCategoryMismatch(kind: InstitutionKind, categories: readonly string[]): string | null {
  const allowed = PAYMENT_CATEGORIES_BY_KIND[kind];
  const bad = categories.filter((c) => !(allowed as readonly string[]).includes(c));
  if (bad.length === 0) return null;
  const name = (c: string) => paymentCategoryLabel[c as PaymentCategory] ?? c;
  return `医保支付类别「${bad.map(name).join('、')}」不适用于${institutionKindLabel[kind]}`
    + (allowed.length ? `（可申请：${allowed.map(name).join('、')}）` : '');
}

/** 吉医保规〔2023〕1号 第三十五条: these are applied for together. */
export const INSURANCE_SCHEMES = ['employee', 'resident', 'critical_illness', 'medical_aid', 'ltc_insurance'] as const;
export type InsuranceScheme = (typeof INSURANCE_SCHEMES)[number];
export const insuranceSchemeLabel: Record<InsuranceScheme, string> = {
  employee: '职工基本医疗保险（含生育保险）', resident: '城乡居民基本医疗保险', critical_illness: '城乡居民大病保险',
  medical_aid: '医疗救助', ltc_insurance: '长期护理保险',
};

/** Relation of an institution to its parent (吉医保规〔2023〕1号 第二十三条, 第三十三条; 京医保发〔2021〕30号 第五条 款二). */
export const PARENT_RELATIONS = ['branch', 'yigongti_member', 'village_clinic', 'internet_hospital', 'chain_store'] as const;
export type ParentRelation = (typeof PARENT_RELATIONS)[number];
export const parentRelationLabel: Record<ParentRelation, string> = {
  branch: '分支机构', yigongti_member: '医共体成员单位', village_clinic: '乡村一体化村卫生室',
  internet_hospital: '依托实体机构的互联网医院', chain_store: '连锁总部门店',
};

export const PERSON_ROLES = ['legal_rep', 'principal', 'controller'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];
export const personRoleLabel: Record<PersonRole, string> = { legal_rep: '法定代表人', principal: '主要负责人', controller: '实际控制人' };

export const LICENCE_KINDS = [
  'practice_licence', 'tcm_clinic_record', 'military_service_licence', 'drug_business_licence', 'business_licence',
  'eldercare_licence', 'public_institution_cert', 'private_nonenterprise_cert',
] as const;
export type LicenceKind = (typeof LICENCE_KINDS)[number];
export const licenceKindLabel: Record<LicenceKind, string> = {
  practice_licence: '医疗机构执业许可证', tcm_clinic_record: '中医诊所备案证', military_service_licence: '军队医疗机构为民服务许可证',
  drug_business_licence: '药品经营许可证', business_licence: '营业执照', eldercare_licence: '养老机构设立许可证/民政备案',
  public_institution_cert: '事业单位法人登记证书', private_nonenterprise_cert: '民办非企业单位登记证书',
};
