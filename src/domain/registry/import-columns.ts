/**
 * The columns of the registry import (issue #9, docs/import-mapping.md): one row = one institution
 * with its legal representative, one licence and its current agreement. A column is recognised by its
 * Chinese header (the Excel template), by the national 医保信息平台 field name where the platform has
 * one (CSV; /work/shared/reference/national-platform-fields.md), or by our own key.
 */
export interface ImportColumn {
  key: ImportKey;
  header: string;
  /** the national platform's field name, when it has one */
  national?: string;
  required: boolean;
  /** what the 字段说明 sheet says */
  note: string;
  width: number;
}

export const IMPORT_KEYS = [
  'ybCode', 'name', 'uscc', 'kind', 'subtype', 'ownership', 'hospitalLevel', 'regionCode', 'address', 'phone', 'status',
  'beds', 'paymentCategories', 'insuranceSchemes', 'designatedOn', 'legalRepName', 'legalRepIdNumber',
  'licenceKind', 'licenceNumber', 'licenceValidFrom', 'licenceValidTo',
  'agreementNumber', 'agreementFrom', 'agreementTo', 'agreementCategories', 'agreementStatus',
] as const;
export type ImportKey = (typeof IMPORT_KEYS)[number];

const SEP = '多个值用顿号「、」或分号分隔';

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'ybCode', header: '医保机构编码', national: 'fixmedins_code', required: false, width: 16, note: '12位：H（医疗）或 P（药店）+ 6位医保区划 + 5位顺序号；已定点机构应填写。与统一社会信用代码一起用于识别已有机构' },
  { key: 'name', header: '机构名称', national: 'fixmedins_name', required: true, width: 32, note: '不超过100个字符' },
  { key: 'uscc', header: '统一社会信用代码', national: 'uscc', required: true, width: 22, note: '18位，校验位按 GB 32100 检查；用于识别已有机构（重复导入时更新而不是新增）' },
  { key: 'kind', header: '机构类别', national: 'fixmedins_type', required: true, width: 14, note: '医疗机构、零售药店、长期护理服务机构、第三方服务机构（备案）；CSV 的 fixmedins_type 取 1（定点医疗机构）或 2（定点零售药店）' },
  { key: 'subtype', header: '机构类型', required: true, width: 16, note: '如 综合医院、社区卫生服务中心、诊所、单体药店、连锁药店门店（京医保发〔2021〕30号 第五条的类型）' },
  { key: 'ownership', header: '所有制形式', required: false, width: 10, note: '公立、民营、军队；空白按民营' },
  { key: 'hospitalLevel', header: '医院等级', national: 'hosp_lv', required: false, width: 10, note: '三级、二级、一级、未定级（可写“三级甲等”，等次另存）；只有医疗机构填写' },
  { key: 'regionCode', header: '所在区划代码', national: 'admdvs', required: true, width: 12, note: '6位县（区）级行政区划代码（或省本级、市本级医保区划），须在本经办机构辖区内' },
  { key: 'address', header: '地址', required: true, width: 32, note: '不超过200个字符' },
  { key: 'phone', header: '联系电话', required: false, width: 16, note: '手机或固定电话' },
  { key: 'status', header: '机构状态', required: false, width: 10, note: '定点、协议中止、协议解除/终止、已备案；空白按“定点”' },
  { key: 'beds', header: '床位数', required: false, width: 8, note: '非负整数' },
  { key: 'paymentCategories', header: '医保支付类别', required: false, width: 24, note: `普通门诊、住院、门诊慢特病、双通道药品、长期护理、药店购药、生育；${SEP}` },
  { key: 'insuranceSchemes', header: '险种', required: false, width: 24, note: `职工基本医疗保险（含生育保险）或“职工”、城乡居民基本医疗保险或“居民”、城乡居民大病保险、医疗救助、长期护理保险；${SEP}` },
  { key: 'designatedOn', header: '定点日期', required: false, width: 12, note: '日期，格式 2024-01-31' },
  { key: 'legalRepName', header: '法定代表人姓名', required: false, width: 12, note: '与身份证号同时填写' },
  { key: 'legalRepIdNumber', header: '法定代表人身份证号', required: false, width: 22, note: '18位，校验位按 GB 11643 检查' },
  { key: 'licenceKind', header: '证照类型', required: false, width: 20, note: '如 医疗机构执业许可证、药品经营许可证、营业执照；与证照编号同时填写' },
  { key: 'licenceNumber', header: '证照编号', required: false, width: 24, note: '不超过100个字符' },
  { key: 'licenceValidFrom', header: '证照有效期起', required: false, width: 12, note: '日期；填写证照编号时必填' },
  { key: 'licenceValidTo', header: '证照有效期止', required: false, width: 12, note: '日期，不早于有效期起；空白为长期' },
  { key: 'agreementNumber', header: '协议编号', required: false, width: 24, note: '现行医保服务协议的编号；填写后协议起止日期必填。用于识别已导入的协议' },
  { key: 'agreementFrom', header: '协议起始日期', national: 'begntime', required: false, width: 12, note: '日期（CSV 的 begntime 可带时间，只取日期）' },
  { key: 'agreementTo', header: '协议终止日期', national: 'endtime', required: false, width: 12, note: '日期，晚于起始日期' },
  { key: 'agreementCategories', header: '协议支付类别', required: false, width: 24, note: `协议约定的医保支付类别，写法同“医保支付类别”；空白时取机构的医保支付类别` },
  { key: 'agreementStatus', header: '协议状态', required: false, width: 10, note: '履行中（已签订）或 已作废；空白按履行中' },
];

/** header / national name / key → column key. Headers are compared after trimming, ignoring a trailing 「*」 (required mark). */
const LOOKUP = new Map<string, ImportKey>();
for (const c of IMPORT_COLUMNS) {
  LOOKUP.set(c.header, c.key);
  LOOKUP.set(c.key.toLowerCase(), c.key);
  if (c.national) LOOKUP.set(c.national, c.key);
}

export function columnOfHeader(header: string): ImportKey | undefined {
  const h = header.replace(/^\uFEFF/, '').trim().replace(/[*＊]$/, '').trim();
  return LOOKUP.get(h) ?? LOOKUP.get(h.toLowerCase());
}

export const columnLabel = (key: ImportKey): string => IMPORT_COLUMNS.find((c) => c.key === key)!.header;
