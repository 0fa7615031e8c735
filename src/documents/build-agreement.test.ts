import { describe, expect, it } from 'vitest';
import { canonicalAgreementText } from '../domain/signing/canonical-text';
import { buildAgreement, findConflicts, type AgreementInput, type LocalSupplement } from './build-agreement';
import { agency, institution, supplement, template } from './test-fixtures';

const input: AgreementInput = {
  number: '昆医保协〔2025〕7号',
  date: '2025-06-10',
  template,
  supplement,
  agency,
  institution,
  term: { from: '2025-07-01', to: '2026-06-30' },
  citations: ['云医保〔2022〕6号 第十七条', '自治区医保局协议管理通知（征求意见稿）一(三)'],
  fields: { 医保支付类别: '普通门诊、住院' },
};

describe('agreement = template + local supplement (2025 draft 一(三))', () => {
  it('keeps the template clauses in order, applies refinements and allowed replacements, appends additions', () => {
    const { document, conflicts } = buildAgreement(input);
    expect(conflicts).toEqual([]);
    expect(document.warnings).toEqual([]);
    expect(document.title).toBe('云南省医疗保障定点医疗机构服务协议');
    expect(document.sections.map((s) => s.heading)).toEqual([
      undefined,
      '第一条 总则',
      '第二条 服务范围',
      '第三条 费用结算',
      '第四条 违约责任',
      '第五条 异地就医',
      '第六条 协议期限',
    ]);
    const [, general, scope, settlement, , added, term] = document.sections;
    expect(general!.paragraphs[0]).toMatch(/^昆明市五华区康宁医院应当严格遵守/); // {{乙方}} filled
    expect(scope!.paragraphs).toEqual(['乙方提供普通门诊、住院和门诊慢特病服务。']);
    expect(scope!.note).toContain('细化替换');
    expect(settlement!.paragraphs).toEqual(['甲方按月与乙方结算医保基金应支付的费用。', '（地方补充）每月10日前完成上月费用的对账。']);
    expect(added!.note).toBe('地方补充条款（昆明市医疗保障局，2025年第1版）');
    expect(term!.paragraphs[0]).toBe('本协议有效期自2025年7月1日起至2026年6月30日止。');
    expect(document.sections[0]!.paragraphs.join('')).toContain('《云南省医疗保障定点医疗机构服务协议范本》（云南省医疗保障局，2025版）');
    expect(document.meta).toMatchObject({ templateId: 'yn-medical-2025', templateVersion: '2025版', supplementId: 'km-2025' });
    expect(document.signatures.map((s) => s.org)).toEqual([agency.name, institution.name]);
    expect(() => canonicalAgreementText(document)).not.toThrow();
  });

  it('flags a supplement that tries to replace a non-overridable clause, keeps the template text and blocks signing', () => {
    const overriding: LocalSupplement = {
      ...supplement,
      clauses: [{ id: 'X1', relation: 'replaces', target: 'breach', paragraphs: ['乙方违约的，仅予以口头提醒。'] }],
    };
    const { document, conflicts } = buildAgreement({ ...input, supplement: overriding });
    expect(conflicts).toEqual([
      expect.objectContaining({ kind: 'locked_clause', supplementClauseId: 'X1', templateClauseId: 'breach' }),
    ]);
    const breach = document.sections.find((s) => s.id === 'breach')!;
    expect(breach.paragraphs).toEqual(template.clauses[3]!.paragraphs);
    expect(document.warnings[0]).toContain('不允许地方修改');
    expect(() => canonicalAgreementText(document)).toThrow(/不能签署/);
  });

  it('flags unknown targets, duplicate ids, double replacement and a disguised override by heading', () => {
    const bad: LocalSupplement = {
      ...supplement,
      clauses: [
        { id: 'A', relation: 'refines', target: 'nope', paragraphs: ['x'] },
        { id: 'B', relation: 'replaces', target: 'scope', paragraphs: ['y'] },
        { id: 'B', relation: 'adds', heading: '其他', paragraphs: ['z'] },
        { id: 'C', relation: 'replaces', target: 'scope', paragraphs: ['w'] },
        { id: 'D', relation: 'adds', heading: '违约 责任', paragraphs: ['另行约定的违约责任'] },
      ],
    };
    expect(findConflicts(template, bad).map((c) => [c.kind, c.supplementClauseId])).toEqual([
      ['unknown_clause', 'A'],
      ['duplicate_id', 'B'],
      ['duplicate_id', 'C'],
      ['same_heading', 'D'],
    ]);
    expect(findConflicts(template, undefined)).toEqual([]);
  });

  it('warns about a placeholder left unfilled', () => {
    const { document } = buildAgreement({ ...input, supplement: undefined, fields: {} });
    expect(document.warnings).toEqual(['协议文本中的“{{医保支付类别}}”未填写']);
  });

  it('works without a local supplement', () => {
    const { document, conflicts } = buildAgreement({ ...input, supplement: undefined });
    expect(conflicts).toEqual([]);
    expect(document.sections.filter((s) => s.note)).toEqual([]);
    expect(document.sections.at(-1)!.heading).toBe('第五条 协议期限');
  });
});
