import { describe, expect, it } from 'vitest';
import { chooseTemplate, type TemplateCandidate } from './choose-template';

const t = (id: string, year: number, version = 1, extra: Partial<TemplateCandidate> = {}): TemplateCandidate =>
  ({ id, code: `yn-medical-${year}`, version, year, profileId: 'yunnan', institutionKind: 'medical', title: '云南省医疗机构医疗保障服务协议范本', ...extra });
const WANT = { profileId: 'yunnan', institutionKind: 'medical' };

describe('自治区医保局〔2025〕征求意见稿（草案） 一(三): which 协议范本 applies to the agreement term', () => {
  const all = [t('a24', 2024), t('a25', 2025), t('b25', 2025, 2), t('ph25', 2025, 3, { institutionKind: 'pharmacy' }), t('bj25', 2025, 4, { profileId: 'beijing' })];

  it('the newest version registered for the year the term starts, with why', () => {
    const r = chooseTemplate(all, { ...WANT, termYear: 2025 });
    expect(r).toMatchObject({ ok: true, choice: { templateId: 'b25', year: 2025, termYear: 2025, warning: null } });
    expect(r.ok && r.choice.reason).toContain('适用该年度登记的最新范本');
  });

  it('no template for the new year: the latest earlier one, with a warning — never a failure', () => {
    const r = chooseTemplate(all, { ...WANT, termYear: 2026 });
    expect(r).toMatchObject({ ok: true, choice: { templateId: 'b25', year: 2025, termYear: 2026 } });
    expect(r.ok && r.choice.warning).toBe('尚未登记2026年度适用于本机构类别的协议范本，暂用2025年度范本；请核对是否仍然适用，或先登记2026年度范本后重新生成');
  });

  it('an explicitly chosen template of another year gets the same kind of warning', () => {
    const r = chooseTemplate(all, { ...WANT, termYear: 2025, explicitId: 'a24' });
    expect(r).toMatchObject({ ok: true, choice: { templateId: 'a24', year: 2024 } });
    expect(r.ok && r.choice.warning).toContain('所选范本为2024年度，协议期限起始于2025年');
    expect(r.ok && r.choice.warning).toContain('2025年度已登记');
  });

  it('a template of another region or kind, an unknown one, or none at all: a refusal naming the field', () => {
    expect(chooseTemplate(all, { ...WANT, termYear: 2025, explicitId: 'ph25' })).toMatchObject({ ok: false, field: 'templateId', message: '所选协议范本与申请的地区或机构类别不符' });
    expect(chooseTemplate(all, { ...WANT, termYear: 2025, explicitId: 'x' })).toMatchObject({ ok: false, field: 'templateId' });
    expect(chooseTemplate(all, { ...WANT, termYear: 2023 })).toMatchObject({ ok: false, message: expect.stringContaining('尚未登记2023年度及以前年度') });
  });
});
