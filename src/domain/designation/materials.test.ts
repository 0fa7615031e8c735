/**
 * 受理 needs complete materials; the 一次性告知 lists every required item still missing, each with
 * its own requirement, and the 补正期限 the agency sets (decision 0016). Per profile: the refusal
 * cites the profile's own article — 云医保〔2022〕6号 第九条, 京医保发〔2021〕30号 第八条, and for 吉林
 * 吉医保规〔2023〕1号 第十条 with 国家医疗保障局令第2号 第八条 (unverified).
 */
import { describe, expect, it } from 'vitest';
import type { AppIn, Application } from './application';
import type { TransitionContext } from './context';
import type { DesignationEvent } from './events';
import { ctxFor, draftMedical, materialFacts, walk, type Step } from './fixtures';
import { BEIJING, JILIN, YUNNAN, type WorkflowProfile } from './profiles';
import { transition } from './transition';

const SUBMIT: Step[] = [
  { ev: { type: 'submit' }, role: 'institution_staff', on: '2025-03-03' },
  { ev: { type: 'screening_completed', reasons: [] }, role: 'system', on: '2025-03-03' },
];
const underReview = (p: WorkflowProfile) => walk(p, draftMedical(), SUBMIT).app;
/** Beijing's 受理 is the county agency's (京医保发〔2021〕30号 第八条). */
const officer = (p: WorkflowProfile, uploaded?: string[], on = '2025-03-04'): TransitionContext => ({
  ...ctxFor(p, 'agency_officer', on, p === BEIJING ? { agencyLevel: 'county' } : {}),
  materials: materialFacts(uploaded),
});
const run = (app: Application, ev: DesignationEvent, ctx: TransitionContext) => transition(app, ev, ctx);

const CASES: { profile: WorkflowProfile; cites: string; not: string[] }[] = [
  { profile: YUNNAN, cites: '云医保〔2022〕6号 第九条', not: ['京医保发', '吉医保规'] },
  { profile: BEIJING, cites: '京医保发〔2021〕30号 第八条', not: ['云医保', '吉医保规'] },
  { profile: JILIN, cites: '吉医保规〔2023〕1号 第十条；国家医疗保障局令第2号 第八条', not: ['云医保', '京医保发'] },
];

describe.each(CASES)('$cites: 受理 only with complete materials', ({ profile, cites, not }) => {
  it(`${cites}: accept is refused while a required material is missing, naming the items`, () => {
    const r = run(underReview(profile), { type: 'accept' }, officer(profile, ['application_form']));
    expect(r).toMatchObject({ ok: false, code: 'GUARD_FAILED' });
    if (r.ok) return;
    const reason = r.reasons.find((x) => x.ruleId === 'materials.complete')!;
    expect(reason.citation).toBe(cites);
    for (const other of not) expect(reason.citation).not.toContain(other);
    expect(reason.message).toContain('医疗机构执业许可证复印件、内部管理制度和财务制度文本');
    expect(reason.message).not.toContain('定点医疗机构申请表');
    expect(r.message).toContain('申请材料不全，不能受理');
  });

  it(`${cites}: accept with every required item uploaded (「其他材料」 only where asked for) → 已受理`, () => {
    const r = run(underReview(profile), { type: 'accept' }, officer(profile));
    expect(r).toMatchObject({ ok: true, next: { state: 'accepted' } });
  });

  it(`${cites}: after 补正 the acceptance is refused as long as an item is still missing`, () => {
    const ctx = officer(profile, ['application_form']);
    const asked = run(underReview(profile), { type: 'request_supplement', missingItems: ['licence_copy', 'internal_rules'] }, ctx);
    expect(asked.ok).toBe(true);
    if (!asked.ok) return;
    const back = run(asked.next, { type: 'supplement', items: ['licence_copy'] }, { ...ctx, actor: { id: 'i', role: 'institution_staff' } });
    if (!back.ok) throw new Error(back.message);
    const r = run(back.next, { type: 'accept' }, officer(profile, ['application_form', 'licence_copy']));
    expect(!r.ok && r.reasons.map((x) => x.message).join()).toContain('内部管理制度和财务制度文本');
    expect(run(back.next, { type: 'accept' }, officer(profile)).ok).toBe(true);
  });

  it(`${cites}: a 一次性告知 that drops a required item still missing is refused, naming it`, () => {
    const r = run(underReview(profile), { type: 'request_supplement', missingItems: ['licence_copy'] }, officer(profile, ['application_form']));
    expect(r).toMatchObject({ ok: false, code: 'GUARD_FAILED' });
    const reason = !r.ok ? r.reasons.find((x) => x.ruleId === 'supplement.lists-missing') : undefined;
    expect(reason?.message).toContain('内部管理制度和财务制度文本');
    expect(reason?.citation).toBe(cites);
  });
});

describe('一次性告知: items, requirements and the 补正期限 (云医保〔2022〕6号 第九条)', () => {
  it('items may be named by id or by label (as the form pre-fills them); an uploaded item may be listed with a requirement', () => {
    const ctx = officer(YUNNAN, ['application_form']);
    const r = run(underReview(YUNNAN), {
      type: 'request_supplement', missingItems: ['医疗机构执业许可证复印件', 'internal_rules', 'application_form'],
      requirements: { 医疗机构执业许可证复印件: '过期证照，请提供有效期内的许可证', application_form: '缺少盖章' }, dueOn: '2025-03-20',
    }, ctx);
    expect(r.ok).toBe(true);
    const notice = r.ok ? (r.next as AppIn<'needs_supplement'>).supplementNotice : undefined;
    expect(notice).toEqual({
      issuedOn: '2025-03-04', items: ['医疗机构执业许可证复印件', 'internal_rules', 'application_form'],
      requirements: { 医疗机构执业许可证复印件: '过期证照，请提供有效期内的许可证', application_form: '缺少盖章' }, dueOn: '2025-03-20',
    });
  });

  it('a repeat request after 补正 keeps the first notice as the one-time list and records what it repeats, with its own 补正期限', () => {
    const ctx = officer(YUNNAN, ['application_form']);
    const asked = run(underReview(YUNNAN), { type: 'request_supplement', missingItems: ['licence_copy', 'internal_rules'], dueOn: '2025-03-20' }, ctx);
    if (!asked.ok) throw new Error(asked.message);
    const back = run(asked.next, { type: 'supplement', items: ['licence_copy'] }, { ...ctx, actor: { id: 'i', role: 'institution_staff' } });
    if (!back.ok) throw new Error(back.message);
    const again = run(back.next, { type: 'request_supplement', missingItems: ['internal_rules'], requirements: { internal_rules: '缺少盖章' }, dueOn: '2025-04-01' },
      officer(YUNNAN, ['application_form', 'licence_copy'], '2025-03-21'));
    if (!again.ok) throw new Error(again.message);
    expect((again.next as AppIn<'needs_supplement'>).supplementNotice).toEqual({
      issuedOn: '2025-03-04', items: ['licence_copy', 'internal_rules'], pending: ['internal_rules'], requirements: { internal_rules: '缺少盖章' }, dueOn: '2025-04-01',
    });
  });

  it('without the material facts the step is refused rather than guessed', () => {
    const ctx = { ...officer(YUNNAN), materials: null };
    expect(run(underReview(YUNNAN), { type: 'accept' }, ctx)).toMatchObject({ ok: false, code: 'GUARD_FAILED' });
  });
});
