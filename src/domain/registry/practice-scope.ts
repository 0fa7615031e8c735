/**
 * 主要执业范围（经营范围）: the coded list an agency keeps on the registry entry, with a marker for
 * the 非基本医疗服务 that 京医保发〔2021〕30号 第十二条(一) / 国家医疗保障局令第2号 第十二条(一) name
 * (医疗美容、辅助生殖、生活照护、种植牙「等」) and the like (养生保健 …). The field holds only the
 * institution's MAIN scope, not every 诊疗科目 (decision 0024).
 */
export const PRACTICE_SCOPES = [
  // 基本医疗服务
  'general_practice', 'internal_medicine', 'surgery', 'obstetrics_gynaecology', 'paediatrics', 'emergency',
  'stomatology', 'ophthalmology', 'otolaryngology', 'dermatology', 'psychiatry', 'infectious_diseases',
  'oncology', 'rehabilitation', 'tcm', 'medical_imaging', 'laboratory', 'nursing', 'hospice', 'drug_retail',
  // 非基本医疗服务
  'medical_cosmetology', 'assisted_reproduction', 'life_care', 'dental_implant', 'health_preservation', 'other_non_basic',
] as const;
export type PracticeScope = (typeof PRACTICE_SCOPES)[number];

export const practiceScopeLabel: Record<PracticeScope, string> = {
  general_practice: '全科医疗',
  internal_medicine: '内科',
  surgery: '外科',
  obstetrics_gynaecology: '妇产科',
  paediatrics: '儿科',
  emergency: '急诊医学',
  stomatology: '口腔科（基本诊疗）',
  ophthalmology: '眼科',
  otolaryngology: '耳鼻咽喉科',
  dermatology: '皮肤科',
  psychiatry: '精神科',
  infectious_diseases: '传染病科',
  oncology: '肿瘤科',
  rehabilitation: '康复医学',
  tcm: '中医',
  medical_imaging: '医学影像',
  laboratory: '医学检验',
  nursing: '护理',
  hospice: '安宁疗护',
  drug_retail: '药品零售',
  medical_cosmetology: '医疗美容',
  assisted_reproduction: '辅助生殖',
  life_care: '生活照护',
  dental_implant: '种植牙',
  health_preservation: '养生保健',
  other_non_basic: '其他非基本医疗服务',
};

/** The 「非基本医疗服务」 marker (京医保发〔2021〕30号 第十二条(一)). */
export const NON_BASIC_SCOPES: ReadonlySet<PracticeScope> = new Set<PracticeScope>([
  'medical_cosmetology', 'assisted_reproduction', 'life_care', 'dental_implant', 'health_preservation', 'other_non_basic',
]);

/** The non-basic items of a main scope, as labels; empty when every item is basic. */
export function nonBasicItems(scope: readonly string[]): string[] {
  return scope.filter((s): s is PracticeScope => NON_BASIC_SCOPES.has(s as PracticeScope)).map((s) => practiceScopeLabel[s]);
}
