/**
 * One row of a registry import, checked and turned into a record (pure; issue #9). Every problem is
 * a Chinese sentence that names the column by its header, e.g. 「统一社会信用代码」校验位错误.
 * Database facts (does the region exist, is it in the importer's territory) come in through `RowFacts`.
 */
import * as E from './enums';
import { checkInstitutionShape } from './institution-rules';
import { columnLabel, type ImportKey } from './import-columns';
import { usccProblem, usccMessage } from '../validators/uscc';
import { idNumberProblem, idNumberMessage, isValidDate } from '../validators/id-number';
import { isValidPhone, isValidYbCode } from '../validators/codes';
import { textProblem, unsafeTextMessage } from '../validators/text';

export type RawRow = Partial<Record<ImportKey, string>>;

export interface ImportRecord {
  ybCode: string | null;
  name: string;
  uscc: string;
  kind: E.InstitutionKind;
  subtype: E.InstitutionSubtype;
  ownership: E.Ownership;
  hospitalLevel: E.HospitalLevel;
  grade: E.Grade;
  regionCode: string;
  address: string;
  phone: string | null;
  status: E.InstitutionStatus;
  beds: number;
  paymentCategories: E.PaymentCategory[];
  insuranceSchemes: E.InsuranceScheme[];
  dualChannel: boolean;
  designatedOn: string | null;
  legalRep: { name: string; idNumber: string } | null;
  licence: { kind: E.LicenceKind; number: string; validFrom: string; validTo: string | null } | null;
  agreement: { number: string; termFrom: string; termTo: string; categories: E.PaymentCategory[]; status: 'signed' | 'void' } | null;
}

export interface RowFacts {
  /** today in China (身份证号 birth dates in the future are refused) */
  today: string;
  /** the region row of a code, or undefined when it does not exist */
  region(code: string): { level: string; kind: string } | undefined;
  /** whether the importer may register an institution in this region (属地管理) */
  inTerritory(code: string): boolean;
}

export type RowResult = { ok: true; record: ImportRecord } | { ok: false; errors: string[] };

/** label → code; cells are read NFKC-normalised (full-width brackets become ASCII), so the labels are keyed both ways */
const invert = <T extends string>(labels: Record<T, string>): Map<string, T> =>
  new Map(Object.entries(labels).flatMap(([k, v]) => [[v as string, k as T], [(v as string).normalize('NFKC'), k as T]]));

const KIND = invert(E.institutionKindLabel);
KIND.set('第三方服务机构', 'third_party');
KIND.set('长护机构', 'ltc');
KIND.set('定点医疗机构', 'medical');
KIND.set('定点零售药店', 'pharmacy');
/** fixmedins_type of the national platform (1 定点医疗机构, 2 定点零售药店); other codes are not mapped */
KIND.set('1', 'medical');
KIND.set('2', 'pharmacy');
const SUBTYPE = invert(E.institutionSubtypeLabel);
const OWNERSHIP = invert(E.ownershipLabel);
const STATUS = invert(E.institutionStatusLabel);
STATUS.set('协议解除', 'terminated');
STATUS.set('协议终止', 'terminated');
const CATEGORY = invert(E.paymentCategoryLabel);
const SCHEME = invert(E.insuranceSchemeLabel);
SCHEME.set('职工', 'employee');
SCHEME.set('职工基本医疗保险', 'employee');
SCHEME.set('居民', 'resident');
SCHEME.set('大病保险', 'critical_illness');
SCHEME.set('长护险', 'ltc_insurance');
const LICENCE = invert(E.licenceKindLabel);
const LEVEL: Record<string, E.HospitalLevel> = { 三级: 'level3', 二级: 'level2', 一级: 'level1', 未定级: 'unrated' };
const GRADE: Record<string, E.Grade> = { 甲等: 'A', 乙等: 'B', 丙等: 'C' };
const AGREEMENT_STATUS: Record<string, 'signed' | 'void'> = { 履行中: 'signed', 已签订: 'signed', 有效: 'signed', 生效: 'signed', 已作废: 'void', 作废: 'void' };

/** 2024-01-31, 2024/1/31, 20240131, or a CSV timestamp '2024-01-31 00:00:00' → '2024-01-31'; null when not a date. */
export function normalizeDate(s: string): string | null {
  const t = s.trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(t);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const d = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isValidDate(d) ? d : null;
}

const splitList = (s: string) => s.split(/[、;；,，]/).map((x) => x.trim()).filter(Boolean);

export function checkImportRow(raw: RawRow, facts: RowFacts): RowResult {
  const errors: string[] = [];
  const bad = (key: ImportKey, msg: string) => errors.push(`「${columnLabel(key)}」${msg}`);
  const v = (key: ImportKey): string => {
    const s = (raw[key] ?? '').normalize('NFKC').trim();
    const p = textProblem(s);
    if (p) {
      bad(key, unsafeTextMessage[p]);
      return '';
    }
    return s;
  };
  const required = (key: ImportKey): string => {
    const s = v(key);
    if (!s) bad(key, '为必填项');
    return s;
  };
  const text = (key: ImportKey, max: number, req: boolean): string => {
    const s = req ? required(key) : v(key);
    if (s.length > max) bad(key, `不能超过${max}个字符`);
    return s;
  };
  const oneOf = <T extends string>(key: ImportKey, map: Map<string, T>, fallback: T | null, label: string): T | null => {
    const s = fallback === null ? required(key) : v(key);
    if (!s) return fallback;
    const hit = map.get(s) ?? (map as Map<string, T>).get(s.toLowerCase());
    if (hit) return hit;
    const known = [...new Set(map.keys())].filter((k) => !/^\d$/.test(k) && !/[()]/.test(k)).slice(0, 12).join('、');
    bad(key, `“${s}”不是有效的${label}（可填：${known}${map.size > 12 ? '…' : ''}）`);
    return null;
  };
  const date = (key: ImportKey, req: boolean): string | null => {
    const s = req ? required(key) : v(key);
    if (!s) return null;
    const d = normalizeDate(s);
    if (!d) bad(key, `“${s}”不是有效日期（格式如 2024-01-31）`);
    return d;
  };
  const list = <T extends string>(key: ImportKey, map: Map<string, T>, label: string): T[] => {
    const out: T[] = [];
    for (const item of splitList(v(key))) {
      const hit = map.get(item);
      if (hit) {
        if (!out.includes(hit)) out.push(hit);
      } else bad(key, `“${item}”不是有效的${label}`);
    }
    return out;
  };

  const name = text('name', 100, true);
  const uscc = v('uscc').toUpperCase();
  if (!uscc) bad('uscc', '为必填项');
  else {
    const p = usccProblem(uscc);
    if (p) bad('uscc', usccMessage[p].replace(/^统一社会信用代码/, ''));
  }
  const ybCode = v('ybCode').toUpperCase() || null;
  const ybOk = !ybCode || isValidYbCode(ybCode);
  if (!ybOk) bad('ybCode', '格式错误（应为 H 或 P + 6位医保区划 + 5位顺序号，共12位）');

  const kind = oneOf('kind', KIND, null, '机构类别');
  const subtype = oneOf('subtype', SUBTYPE, null, '机构类型');
  const ownership = oneOf('ownership', OWNERSHIP, 'private', '所有制形式');
  const levelText = v('hospitalLevel');
  let hospitalLevel: E.HospitalLevel = 'unrated';
  let grade: E.Grade = 'none';
  if (levelText) {
    const m = /^(三级|二级|一级|未定级)(特等|甲等|乙等|丙等)?$/.exec(levelText);
    if (!m) bad('hospitalLevel', `“${levelText}”不是有效的医院等级（可填：三级、三级甲等、二级、一级、未定级）`);
    else {
      hospitalLevel = LEVEL[m[1]!]!;
      grade = m[2] ? (GRADE[m[2]] ?? 'A') : 'none';
    }
  }
  const regionCode = required('regionCode');
  if (regionCode) {
    const r = facts.region(regionCode);
    if (!/^[1-9]\d{5}$/.test(regionCode) || !r) bad('regionCode', `“${regionCode}”不是有效的行政区划代码`);
    else if (r.level !== 'county' && r.kind !== 'yb_pseudo') bad('regionCode', '应为县（区）级区划或省本级、市本级医保区划');
    else if (!facts.inTerritory(regionCode)) bad('regionCode', `“${regionCode}”不在本经办机构辖区内（属地管理）`);
  }
  const address = text('address', 200, true);
  const phone = v('phone') || null;
  if (phone && !isValidPhone(phone)) bad('phone', '格式错误（应为手机号或固定电话）');
  const status = oneOf('status', STATUS, 'designated', '机构状态');
  const bedsText = v('beds');
  let beds = 0;
  if (bedsText) {
    if (!/^\d{1,5}$/.test(bedsText)) bad('beds', '应为0至99999的整数');
    else beds = Number(bedsText);
  }
  const paymentCategories = list('paymentCategories', CATEGORY, '医保支付类别');
  const insuranceSchemes = list('insuranceSchemes', SCHEME, '险种');
  const designatedOn = date('designatedOn', false);

  let legalRep: ImportRecord['legalRep'] = null;
  const repName = text('legalRepName', 50, false);
  const repId = v('legalRepIdNumber').toUpperCase();
  if (repName || repId) {
    if (!repName) bad('legalRepName', '为必填项（已填写法定代表人身份证号）');
    if (!repId) bad('legalRepIdNumber', '为必填项（已填写法定代表人姓名）');
    else {
      const p = idNumberProblem(repId, facts.today);
      if (p) bad('legalRepIdNumber', idNumberMessage[p].replace(/^身份证号/, ''));
    }
    if (repName && repId) legalRep = { name: repName, idNumber: repId };
  }

  let licence: ImportRecord['licence'] = null;
  const licNumber = text('licenceNumber', 100, false);
  if (licNumber || v('licenceKind')) {
    const lk = oneOf('licenceKind', LICENCE, null, '证照类型');
    if (!licNumber) bad('licenceNumber', '为必填项（已填写证照类型）');
    const from = date('licenceValidFrom', true);
    const to = date('licenceValidTo', false);
    if (from && to && to < from) bad('licenceValidTo', '不能早于证照有效期起');
    if (lk && licNumber && from) licence = { kind: lk, number: licNumber, validFrom: from, validTo: to };
  }

  let agreement: ImportRecord['agreement'] = null;
  const agNumber = text('agreementNumber', 100, false);
  if (agNumber || v('agreementFrom') || v('agreementTo')) {
    if (!agNumber) bad('agreementNumber', '为必填项（已填写协议期限）');
    const from = date('agreementFrom', true);
    const to = date('agreementTo', true);
    if (from && to && to <= from) bad('agreementTo', '应晚于协议起始日期');
    const own = list('agreementCategories', CATEGORY, '医保支付类别');
    const agStatusText = v('agreementStatus');
    const agStatus = agStatusText ? AGREEMENT_STATUS[agStatusText] : 'signed';
    if (!agStatus) bad('agreementStatus', `“${agStatusText}”不是有效的协议状态（可填：履行中、已作废）`);
    if (agNumber && from && to && agStatus) {
      agreement = { number: agNumber, termFrom: from, termTo: to, categories: own.length ? own : paymentCategories, status: agStatus };
    }
  }

  if (kind && subtype && status) {
    for (const p of checkInstitutionShape({ kind, subtype, hospitalLevel, status, ybCode: ybOk ? ybCode : null, parentId: null, parentRelation: null, regionCode }, null)) {
      const key: ImportKey = p.field === 'subtype' ? 'subtype' : p.field === 'hospitalLevel' ? 'hospitalLevel' : p.field === 'status' ? 'status' : p.field === 'ybCode' ? 'ybCode' : 'subtype';
      bad(key, p.message);
    }
    const mismatch = E.paymentCategoryMismatch(kind, paymentCategories);
    if (mismatch) bad('paymentCategories', mismatch);
    if (agreement) {
      const agMismatch = E.paymentCategoryMismatch(kind, agreement.categories);
      if (agMismatch) bad('agreementCategories', agMismatch);
    }
  }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    record: {
      ybCode, name, uscc, kind: kind!, subtype: subtype!, ownership: ownership!, hospitalLevel, grade, regionCode, address, phone,
      status: status!, beds, paymentCategories, insuranceSchemes, dualChannel: paymentCategories.includes('dual_channel'),
      designatedOn, legalRep, licence, agreement,
    },
  };
}
