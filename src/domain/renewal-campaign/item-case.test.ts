/**
 * The renewal decision of one agreement as a case type: the officer accepts the screening's proposal
 * or decides otherwise with a reason; 需人工核定 is never accepted as it stands; nothing moves once the
 * campaign is closed; citations come from the campaign's own profile.
 */
import { describe, expect, it } from 'vitest';
import { decide, eventsFrom } from '../workflow/case-type';
import { workflowProfileOf } from '../designation/profiles';
import { RENEWAL_ITEM_CASE, type RenewalItemCase, type RenewalItemContext, type RenewalItemEvent } from './item-case';

const OFFICER = { kind: 'user', roles: ['agency_officer'], agencyLevel: 'county' } as const;
const item = (over: Partial<RenewalItemCase> = {}): RenewalItemCase => ({
  state: 'proposed', proposed: 'renew', decided: null, overridden: false, reason: null, decidedOn: null, campaignOpen: true, profileId: 'yunnan',
  fixedAnnual: false, fixedAnnualBasis: null, generated: false, lastTermYear: 2026, reevaluation: null, cityStep: false, reported: false, negotiation: null, ...over,
});
const ctx = (profile = 'yunnan', actor: RenewalItemContext['actor'] = OFFICER): RenewalItemContext => ({ actor, today: '2026-12-10', layers: workflowProfileOf(profile) });
const run = (c: RenewalItemCase, e: RenewalItemEvent, x = ctx()) => decide(RENEWAL_ITEM_CASE, c, e, x);

describe('续签核定', () => {
  it('云医保〔2022〕6号 第二十九条: the agency decides — accepting the proposal records it, dated, not overridden', () => {
    const d = run(item(), { type: 'accept' });
    expect(d.ok && d.next).toMatchObject({ state: 'decided', decided: 'renew', overridden: false, decidedOn: '2026-12-10' });
    expect(d.ok && d.cites.map((c) => c.doc)).toEqual(['云医保〔2022〕6号']);
  });

  it('自治区医保局〔2025〕征求意见稿 二: 需人工核定 is not accepted as it stands; a decision with a reason is', () => {
    const manual = item({ proposed: 'manual', profileId: 'zizhiqu-2025-draft' });
    const refused = run(manual, { type: 'accept' }, ctx('zizhiqu-2025-draft'));
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.code).toBe('GUARD_FAILED');
    expect(refused.reasons[0]!.citation).toContain('自治区医保局〔2025〕征求意见稿');
    expect(refused.reasons[0]!.citation).not.toContain('云医保');
    const d = run(manual, { type: 'decide', outcome: 'defer', reason: '信息变更待重新核定' }, ctx('zizhiqu-2025-draft'));
    expect(d.ok && d.next).toMatchObject({ decided: 'defer', overridden: true, reason: '信息变更待重新核定' });
  });

  it('京医保发〔2021〕30号 第四十一条: deciding against the proposal needs a reason, and a different outcome', () => {
    const c = item({ profileId: 'beijing' });
    const noReason = run(c, { type: 'decide', outcome: 'not_renew', reason: ' ' }, ctx('beijing'));
    expect(noReason.ok || noReason.reasons.map((r) => r.message)).toEqual(['请填写理由']);
    const same = run(c, { type: 'decide', outcome: 'renew', reason: '履约良好' }, ctx('beijing'));
    expect(same.ok || same.reasons[0]!.message).toContain('与筛查建议（续签）相同');
  });

  it('吉医保规〔2023〕1号 第二十七条: a decision may be reopened with a reason while the campaign is open, not after', () => {
    const decided = item({ state: 'decided', decided: 'renew', decidedOn: '2026-12-09', profileId: 'jilin' });
    const d = run(decided, { type: 'reopen', reason: '收到新的稽核结论' }, ctx('jilin'));
    expect(d.ok && d.next).toMatchObject({ state: 'proposed', decided: null });
    const closed = run({ ...decided, campaignOpen: false }, { type: 'reopen', reason: '收到新的稽核结论' }, ctx('jilin'));
    expect(closed.ok || closed.reasons[0]!.message).toBe('续签工作已结束，不能再核定');
  });

  it('only an agency acts; the steps offered follow the case (no 按建议核定 for 需人工核定, nothing once closed)', () => {
    const inst = { kind: 'user', roles: ['institution_staff'], agencyLevel: null } as const;
    expect(run(item(), { type: 'accept' }, ctx('yunnan', inst)).ok).toBe(false);
    expect(eventsFrom(RENEWAL_ITEM_CASE, item({ proposed: 'manual' }), OFFICER, ctx())).toEqual(['decide']);
    expect(eventsFrom(RENEWAL_ITEM_CASE, item(), OFFICER, ctx())).toEqual(['accept', 'decide', 'fixed_annual']);
    expect(eventsFrom(RENEWAL_ITEM_CASE, item({ generated: true }), OFFICER, ctx())).toEqual(['accept', 'decide']);
    expect(eventsFrom(RENEWAL_ITEM_CASE, item({ campaignOpen: false }), OFFICER, ctx())).toEqual([]);
  });

  describe('固定协议 + 年度协议 as an event of the item (decision 0056)', () => {
    const good = { value: [{ year: 2026, result: 'good' as const }], source: '绩效考核' };
    const qualified3 = { value: [2024, 2025, 2026].map((year) => ({ year, result: 'qualified' as const })), source: '绩效考核' };
    const mark = (assessment: RenewalItemEvent & { type: 'fixed_annual' } extends { assessment: infer A } ? A : never): RenewalItemEvent => ({ type: 'fixed_annual', fixedAnnual: true, assessment });

    it('云医保〔2022〕6号 第二十九条: three consecutive 合格 years qualify; the state stays, the basis is recorded', () => {
      const d = run(item({ state: 'decided', decided: 'renew' }), mark(qualified3));
      expect(d.ok && d.next).toMatchObject({ state: 'decided', fixedAnnual: true, fixedAnnualBasis: { citation: '云医保〔2022〕6号 第二十九条' } });
      expect(d.ok && d.next.fixedAnnualBasis?.because).toContain('连续合格');
    });

    it('京医保发〔2021〕30号 第四十一条第二款: only 好 qualifies in Beijing — three 合格 years are refused with the clause', () => {
      const d = run(item({ profileId: 'beijing' }), mark(qualified3), ctx('beijing'));
      expect(d.ok).toBe(false);
      if (d.ok) return;
      expect(d.reasons.map((r) => r.citation)).toEqual(['京医保发〔2021〕30号 第四十一条第二款']);
      expect(d.reasons[0]!.message).toContain('最近一年绩效考核结果不是好');
      expect(run(item({ profileId: 'beijing' }), mark(good), ctx('beijing')).ok).toBe(true);
    });

    it('吉医保规〔2023〕1号 第二十七条: Jilin provides no fixed agreement — refused citing its own renewal article, not another region', () => {
      const d = run(item({ profileId: 'jilin' }), mark(good), ctx('jilin'));
      expect(d.ok).toBe(false);
      if (d.ok) return;
      expect(d.reasons.map((r) => r.citation)).toEqual(['吉医保规〔2023〕1号 第二十七条']);
      expect(d.reasons[0]!.message).toContain('本地区政策未规定');
    });

    it('云医保〔2022〕6号 第二十九条: 无数据 never qualifies; a 不再签订 item cannot be marked; a generated one cannot change', () => {
      const none = run(item(), mark({ noData: '未导入绩效考核结果' }));
      expect(none.ok || none.reasons.map((r) => r.message).join()).toContain('无数据');
      const notRenew = run(item({ proposed: 'not_renew', state: 'decided', decided: 'not_renew' }), mark(good));
      expect(notRenew.ok || notRenew.reasons.map((r) => r.message)).toContain('只有续签的事项可以采取固定协议和年度协议相结合的方式');
      const generated = run(item({ state: 'decided', decided: 'renew', fixedAnnual: true, generated: true }), { type: 'fixed_annual', fixedAnnual: false, assessment: { noData: '-' } });
      expect(generated.ok || generated.reasons.map((r) => r.message)).toEqual(['续签协议已生成，不能再改变协议方式']);
    });

    it('云医保〔2022〕6号 第二十九条: deciding 不再签订 after marking drops the mark; unmarking needs no data', () => {
      const marked = item({ state: 'proposed', fixedAnnual: true, fixedAnnualBasis: { because: '好', citation: '云医保〔2022〕6号 第二十九条' } });
      const d = run(marked, { type: 'decide', outcome: 'not_renew', reason: '不再具备条件' });
      expect(d.ok && d.next).toMatchObject({ decided: 'not_renew', fixedAnnual: false, fixedAnnualBasis: null });
      const a = run(marked, { type: 'accept' });
      expect(a.ok && a.next.fixedAnnual).toBe(true);
      const off = run(marked, { type: 'fixed_annual', fixedAnnual: false, assessment: { noData: '未读取' } });
      expect(off.ok && off.next).toMatchObject({ fixedAnnual: false, fixedAnnualBasis: null, state: 'proposed' });
    });
  });

  describe('缓签 re-evaluated (decision 0056)', () => {
    const deferred = (over: Partial<RenewalItemCase> = {}) => item({ state: 'decided', proposed: 'defer', decided: 'defer', decidedOn: '2026-12-10', ...over });

    it('自治区医保局〔2025〕征求意见稿 二(一): a re-evaluation that passes keeps 缓签 and records the day; it is offered after the campaign closed too', () => {
      const x = ctx('zizhiqu-2025-draft');
      const d = run(deferred({ profileId: 'zizhiqu-2025-draft', campaignOpen: false }), { type: 'reevaluate', passed: true, note: '已整改到位' }, x);
      expect(d.ok && d.next).toMatchObject({ decided: 'defer', reevaluation: { on: '2026-12-10', passed: true, note: '已整改到位' } });
      expect(d.ok && d.cites.map((c) => c.doc)).toEqual(['自治区医保局〔2025〕征求意见稿']);
      expect(eventsFrom(RENEWAL_ITEM_CASE, deferred({ campaignOpen: false }), OFFICER, ctx())).toEqual(['reevaluate']);
    });

    it('自治区医保局〔2025〕征求意见稿 二(一): one that does not pass becomes 不再签订 with the finding as its reason; a second re-evaluation is refused', () => {
      const d = run(deferred(), { type: 'reevaluate', passed: false, note: '处理决定仍未执行' });
      expect(d.ok && d.next).toMatchObject({ decided: 'not_renew', overridden: true, reason: '缓签评估未通过：处理决定仍未执行', reevaluation: { passed: false } });
      const twice = run(d.ok ? d.next : deferred(), { type: 'reevaluate', passed: true, note: '再次评估' });
      expect(twice.ok || twice.reasons.map((r) => r.message)).toEqual(expect.arrayContaining([expect.stringContaining('只有核定为缓签的事项需要评估')]));
      expect(eventsFrom(RENEWAL_ITEM_CASE, deferred({ reevaluation: { on: '2026-12-11', passed: true, note: 'x' } }), OFFICER, ctx())).not.toContain('reevaluate');
    });
  });
});

