import { describe, expect, it } from 'vitest';
import { checkImportRow, normalizeDate, type RawRow, type RowFacts } from './import-row';
import { columnOfHeader } from './import-columns';
import { withUsccCheck } from '../validators/uscc';
import { withIdCheck } from '../validators/id-number';

const facts: RowFacts = {
  today: '2026-12-04',
  region: (c) => ({ '530102': { level: 'county', kind: 'admin' }, '530103': { level: 'county', kind: 'admin' }, '530100': { level: 'prefecture', kind: 'admin' } })[c],
  inTerritory: (c) => c.startsWith('530102'),
};
const good = (over: RawRow = {}): RawRow => ({
  name: '昆明市五华区华山社区卫生服务中心', uscc: withUsccCheck('12530102MB0000001'), ybCode: 'H53010200001', kind: '医疗机构', subtype: '社区卫生服务中心',
  regionCode: '530102', address: '华山西路1号', hospitalLevel: '一级甲等', paymentCategories: '普通门诊、住院', insuranceSchemes: '职工；居民',
  legalRepName: '张华', legalRepIdNumber: withIdCheck('53010219750615123'), licenceKind: '医疗机构执业许可证', licenceNumber: 'PDY1',
  licenceValidFrom: '2021/1/1', agreementNumber: '五华医保协〔2025〕1号', agreementFrom: '2025-01-01 00:00:00', agreementTo: '20251231', ...over,
});
const errorsOf = (raw: RawRow) => {
  const r = checkImportRow(raw, facts);
  return r.ok ? [] : r.errors;
};

describe('registry import: one row', () => {
  it('reads a good row into a record (labels → codes, dates normalised, agreement categories default to the institution\'s)', () => {
    const r = checkImportRow(good(), facts);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record).toMatchObject({
      kind: 'medical', subtype: 'community_center', hospitalLevel: 'level1', grade: 'A', status: 'designated', ownership: 'private',
      paymentCategories: ['general_outpatient', 'inpatient'], insuranceSchemes: ['employee', 'resident'],
      licence: { kind: 'practice_licence', validFrom: '2021-01-01', validTo: null },
      agreement: { termFrom: '2025-01-01', termTo: '2025-12-31', categories: ['general_outpatient', 'inpatient'], status: 'signed' },
    });
  });

  it('统一社会信用代码 and 身份证号 check digits are checked, each message naming the column', () => {
    const uscc = withUsccCheck('12530102MB0000001');
    const wrong = uscc.slice(0, 17) + (uscc[17] === '1' ? '2' : '1');
    expect(errorsOf(good({ uscc: wrong }))).toEqual(['「统一社会信用代码」校验位错误']);
    const id = withIdCheck('53010219750615123');
    expect(errorsOf(good({ legalRepIdNumber: id.slice(0, 17) + (id[17] === '1' ? '2' : '1') }))).toEqual(['「法定代表人身份证号」校验位错误']);
  });

  it('医保编码 format, vocabularies, dates and the kind/category fit are checked', () => {
    expect(errorsOf(good({ ybCode: 'X123' }))).toEqual(['「医保机构编码」格式错误（应为 H 或 P + 6位医保区划 + 5位顺序号，共12位）']);
    expect(errorsOf(good({ subtype: '大药房' }))[0]).toMatch(/^「机构类型」“大药房”不是有效的机构类型/);
    expect(errorsOf(good({ agreementTo: '2025-02-30' }))).toEqual(['「协议终止日期」“2025-02-30”不是有效日期（格式如 2024-01-31）']);
    expect(errorsOf(good({ agreementTo: '2024-12-31' }))).toEqual(['「协议终止日期」应晚于协议起始日期']);
    expect(errorsOf(good({ paymentCategories: '药店购药' }))[0]).toMatch(/^「医保支付类别」医保支付类别「药店购药」不适用于医疗机构/);
    expect(errorsOf(good({ ybCode: 'P53010200001' }))).toEqual(['「医保机构编码」医疗机构的医保机构编码应以 H 开头']);
  });

  it('属地管理: the region must exist, be a county, and lie in the importing agency\'s territory', () => {
    expect(errorsOf(good({ regionCode: '539999' }))).toEqual(['「所在区划代码」“539999”不是有效的行政区划代码']);
    expect(errorsOf(good({ regionCode: '530100' }))).toEqual(['「所在区划代码」应为县（区）级区划或省本级、市本级医保区划']);
    expect(errorsOf(good({ regionCode: '530103' }))).toEqual(['「所在区划代码」“530103”不在本经办机构辖区内（属地管理）']);
  });

  it('required columns and paired columns are named; several problems are all reported', () => {
    expect(errorsOf(good({ name: '', address: ' ', legalRepIdNumber: '' }))).toEqual([
      '「机构名称」为必填项', '「地址」为必填项', '「法定代表人身份证号」为必填项（已填写法定代表人姓名）',
    ]);
  });

  it('dates: several spellings, invalid calendar days refused', () => {
    expect(normalizeDate('2024/2/29')).toBe('2024-02-29');
    expect(normalizeDate('2024年3月1日')).toBe('2024-03-01');
    expect(normalizeDate('2023-02-29')).toBeNull();
  });

  it('headers: Chinese (with the template\'s required mark), national platform names and keys are recognised', () => {
    expect(columnOfHeader('统一社会信用代码*')).toBe('uscc');
    expect(columnOfHeader('fixmedins_code')).toBe('ybCode');
    expect(columnOfHeader('\uFEFFfixmedins_name')).toBe('name');
    expect(columnOfHeader('begntime')).toBe('agreementFrom');
    expect(columnOfHeader('whatever')).toBeUndefined();
  });
});

describe('registry import: labels with full-width brackets', () => {
  it('a cell is NFKC-normalised (（） → ()) and still matches the label', () => {
    const r = checkImportRow(good({ insuranceSchemes: '职工基本医疗保险（含生育保险）', subtype: '村卫生室（所）' }), facts);
    expect(r.ok && r.record.insuranceSchemes).toEqual(['employee']);
    expect(r.ok && r.record.subtype).toBe('village_clinic');
  });
});
