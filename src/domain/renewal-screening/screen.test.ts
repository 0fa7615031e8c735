/**
 * The renewal screening, situation by situation (issue #11): each of the 4 缓签 and 15 不再签订
 * situations of 自治区医保局〔2025〕征求意见稿 二 passes, fires and — where its fact can be missing —
 * says 无数据; the situations read from the system's own lifecycle are never 无数据 (the test says so);
 * the regional performance rules; the outcome's precedence; citations from the profile only; the what-if.
 */
import { describe, expect, it } from 'vitest';
import { known, noData, type RenewalFacts } from './facts';
import { defaultParams, outcomeOf, paramsFrom, rulesOf, screenRenewal, whatIf, type Variant } from './screen';
import { workflowProfileOf } from '../designation/profiles';

const ZZQ = 'zizhiqu-2025-draft';
const TODAY = '2026-12-10';
const C = { today: TODAY, signingEnds: '2026-12-31' };

/** An agreement on which every fact is known and good: 续签 under every profile. */
const good = (over: Partial<RenewalFacts> = {}): RenewalFacts => ({
  agreementId: 'a1', institutionId: 'i1', institutionName: '兴宁示例医院', institutionKind: 'medical', regionCode: '450102', termTo: '2027-03-31', dualChannel: false,
  lifeState: 'in_force', suspension: null, terminationRequested: false, noRenewalGrounds: [], suspensionsInTerm: 0, terminationProposed: false,
  source: 'generated', designatedSince: '2020-01-01',
  pendingMajorChange: known(false, '变更申请'), licences: known({ revoked: false, earliestValidTo: '2029-12-31' }, '机构登记'),
  unexecutedDecisions: known(false, '稽核'), conditionsMet: known(true, '评估'), coachingUnrectified: known(false, '评估'),
  settlementByYear: known({ 2025: 86000, 2024: 91000 }, '结算系统'), traceCodeCompliant: known(true, '导入'), ybCodeAccepted: known(true, '导入'),
  absentPractitioners: known(false, '导入'), dualChannelServiceCount12m: known(12, '导入'), crossAreaAddressChangeOutsidePlan: known(false, '导入'),
  dualPriceFinding: known(false, '导入'), assessment: known([{ year: 2025, result: 'qualified' }], '绩效考核'), manualFlags: [],
  ...over,
});
const pharmacy = (over: Partial<RenewalFacts> = {}) => good({ institutionKind: 'pharmacy', institutionName: '兴宁示例药房', ...over });
const zzq: Variant = { profileId: ZZQ, params: defaultParams(ZZQ) };
const screen = (f: RenewalFacts, v: Variant = zzq) => screenRenewal(f, v, C);
const reasonOf = (f: RenewalFacts, ruleId: string, v: Variant = zzq) => screen(f, v).reasons.find((r) => r.ruleId === ruleId);

/** passes on `good`, fires on `bad`, 无数据 on `missing` (null: the system's own fact, never missing) */
interface Case { item: string; ruleId: string; effect: 'defer' | 'not_renew'; base?: typeof good; bad: Partial<RenewalFacts>; missing: Partial<RenewalFacts> | null; fires: RegExp }

const CASES: Case[] = [
  { item: '二(一)1', ruleId: 'renewal.defer.suspended', effect: 'defer', bad: { lifeState: 'suspended', suspension: { mode: 'imposed', from: '2026-11-01', maxUntil: '2027-04-30', resumptionRequestedOn: null } }, missing: null, fires: /超过集中签约期（2026-12-31）仍处于中止/ },
  { item: '二(一)2', ruleId: 'renewal.defer.pending-change', effect: 'defer', bad: { pendingMajorChange: known(true, '变更申请') }, missing: { pendingMajorChange: noData('变更数据未接入') }, fires: /发生信息变更/ },
  { item: '二(一)3', ruleId: 'renewal.defer.unexecuted-decision', effect: 'defer', bad: { unexecutedDecisions: known(true, '稽核') }, missing: { unexecutedDecisions: noData('稽核处理尚未建设') }, fires: /未执行或未整改到位/ },
  { item: '二(一)4', ruleId: 'renewal.defer.other', effect: 'defer', bad: { manualFlags: [{ code: 'defer_other', note: '涉嫌违法正在调查' }] }, missing: null, fires: /其他缓签情形：涉嫌违法正在调查/ },
  { item: '二(二)1', ruleId: 'renewal.end.licence-revoked', effect: 'not_renew', bad: { licences: known({ revoked: true, earliestValidTo: null }, '机构登记') }, missing: { licences: noData('证照未登记') }, fires: /吊销、注销/ },
  { item: '二(二)2', ruleId: 'renewal.end.licence-expired', effect: 'not_renew', bad: { licences: known({ revoked: false, earliestValidTo: '2026-06-30' }, '机构登记') }, missing: { licences: noData('证照未登记') }, fires: /2026-06-30 超过有效期/ },
  { item: '二(二)3', ruleId: 'renewal.end.no-settlement', effect: 'not_renew', bad: { settlementByYear: known({ 2025: 0 }, '结算系统') }, missing: { settlementByYear: noData('结算数据未导入') }, fires: /2025年度协议期内未发生医保结算费用/ },
  { item: '二(二)4', ruleId: 'renewal.end.termination-requested', effect: 'not_renew', bad: { terminationRequested: true }, missing: null, fires: /主动提出解除/ },
  { item: '二(二)5', ruleId: 'renewal.end.not-signed-on-time', effect: 'not_renew', bad: {}, missing: { source: 'import' }, fires: /never/ },
  { item: '二(二)6', ruleId: 'renewal.end.suspended-over-max', effect: 'not_renew', bad: { lifeState: 'suspended', noRenewalGrounds: [{ code: 'suspension_over_180', since: '2026-10-03' }] }, missing: null, fires: /超过180日仍未提出继续履行申请（2026-10-03 起）/ },
  { item: '二(二)7', ruleId: 'renewal.end.conditions', effect: 'not_renew', bad: { conditionsMet: known(false, '评估') }, missing: { conditionsMet: noData('未复核') }, fires: /不再符合/ },
  { item: '二(二)8', ruleId: 'renewal.end.trace-code', effect: 'not_renew', bad: { traceCodeCompliant: known(false, '导入') }, missing: { traceCodeCompliant: noData('未导入') }, fires: /追溯码/ },
  { item: '二(二)9', ruleId: 'renewal.end.yb-code', effect: 'not_renew', bad: { ybCodeAccepted: known(false, '导入') }, missing: { ybCodeAccepted: noData('未导入') }, fires: /医保码/ },
  { item: '二(二)10', ruleId: 'renewal.end.absent-practitioners', effect: 'not_renew', bad: { absentPractitioners: known(true, '现场检查') }, missing: { absentPractitioners: noData('未导入') }, fires: /挂证/ },
  { item: '二(二)11', ruleId: 'renewal.end.dual-channel-idle', effect: 'not_renew', base: (o) => pharmacy({ dualChannel: true, ...o }), bad: { dualChannelServiceCount12m: known(0, '导入') }, missing: { dualChannelServiceCount12m: noData('未导入') }, fires: /连续一年未提供/ },
  { item: '二(二)12', ruleId: 'renewal.end.cross-area-address', effect: 'not_renew', base: pharmacy, bad: { crossAreaAddressChangeOutsidePlan: known(true, '变更申请') }, missing: { crossAreaAddressChangeOutsidePlan: noData('未导入') }, fires: /跨医保管理区域/ },
  { item: '二(二)13', ruleId: 'renewal.end.dual-price', effect: 'not_renew', base: pharmacy, bad: { dualPriceFinding: known(true, '群众举报') }, missing: { dualPriceFinding: noData('未导入') }, fires: /阴阳价格/ },
  { item: '二(二)14', ruleId: 'renewal.end.coaching-unrectified', effect: 'not_renew', base: (o) => good({ designatedSince: '2026-06-01', ...o }), bad: { coachingUnrectified: known(true, '评估') }, missing: { coachingUnrectified: noData('未复核') }, fires: /辅导期延长期仍未整改/ },
  { item: '二(二)15', ruleId: 'renewal.end.other', effect: 'not_renew', bad: { manualFlags: [{ code: 'not_renew_other', note: '协议约定的其他情形' }] }, missing: null, fires: /其他不再签订情形/ },
];

describe('自治区医保局〔2025〕征求意见稿 二: the 4 缓签 and 15 不再签订 situations', () => {
  for (const c of CASES) {
    it(`自治区医保局〔2025〕征求意见稿 ${c.item}: passes, fires${c.missing ? ', 无数据' : ' (the system\'s own fact: never 无数据)'}`, () => {
      const base = c.base ?? good;
      // passes: nothing of this rule among the reasons, and a clean agreement is 续签
      expect(reasonOf(base(), c.ruleId)).toBeUndefined();
      expect(screen(base()).outcome).toBe('renew');
      if (c.item === '二(二)5') {
        // 二(二)5 speaks of an agreement not signed in time: one signed through this system was (a late one is void)
        expect(reasonOf(base({ source: 'generated' }), c.ruleId)).toBeUndefined();
      } else {
        const f = reasonOf(base(c.bad), c.ruleId);
        expect(f).toMatchObject({ result: 'fires', effect: c.effect, label: c.item });
        expect(f!.message).toMatch(c.fires);
        expect(f!.citation).toBe(`自治区医保局〔2025〕征求意见稿（草案） ${c.item}`);
        expect(screen(base(c.bad)).outcome).toBe(c.effect);
      }
      if (c.missing) {
        const m = reasonOf(base(c.missing), c.ruleId);
        expect(m).toMatchObject({ result: 'no_data' });
        expect(m!.message).toMatch(/^无数据/);
        expect(screen(base(c.missing)).outcome).toBe('manual');
      } else {
        // an imported agreement reads the same lifecycle facts: still no 无数据 from this rule
        expect(reasonOf(base({ source: 'import', ...c.bad }), c.ruleId)?.result ?? 'passes').not.toBe('no_data');
      }
    });
  }

  it('every one of the 19 situations is a rule of the 2025 draft profile, and only there', () => {
    const ids = rulesOf(workflowProfileOf(ZZQ)).map((r) => r.rule.label);
    for (const c of CASES) expect(ids).toContain(c.item);
    const yn = rulesOf(workflowProfileOf('yunnan')).map((r) => r.rule.label);
    expect(yn.filter((l) => l.startsWith('二('))).toEqual(['二(二)4']); // only the one the national orders also say (cited as 令第2号)
  });

  it('自治区医保局〔2025〕征求意见稿 二(二)11: a pharmacy\'s ordinary agreement is not a 双通道 agreement; a hospital has no pharmacy situations', () => {
    expect(reasonOf(pharmacy({ dualChannelServiceCount12m: known(0, '导入') }), 'renewal.end.dual-channel-idle')).toBeUndefined();
    expect(reasonOf(good({ dualPriceFinding: known(true, '举报') }), 'renewal.end.dual-price')).toBeUndefined();
  });
});

describe('the texts without a list: performance and the agreement\'s record', () => {
  const yn: Variant = { profileId: 'yunnan', params: defaultParams('yunnan') };
  const bj: Variant = { profileId: 'beijing', params: defaultParams('beijing') };
  const jl: Variant = { profileId: 'jilin', params: defaultParams('jilin') };

  it('云医保〔2022〕6号 第二十九条: an unqualified assessment or no assessment at all is for the agency to decide (需人工核定), never a silent 续签', () => {
    expect(screen(good({ regionCode: '530102' }), yn).outcome).toBe('renew');
    const bad = screen(good({ assessment: known([{ year: 2025, result: 'unqualified' }], '绩效考核') }), yn);
    expect(bad.outcome).toBe('manual');
    expect(bad.reasons[0]).toMatchObject({ ruleId: 'renewal.performance.assessment', result: 'fires', citation: '云医保〔2022〕6号 第二十九条' });
    expect(screen(good({ assessment: noData('绩效考核结果未导入') }), yn).reasons[0]).toMatchObject({ result: 'no_data' });
  });

  it('京医保发〔2021〕30号 第四十一条: suspensions in the term are the agreement\'s record, laid before the agency; 第四十二条: a suspended agreement waits (缓签)', () => {
    const r = screen(good({ suspensionsInTerm: 1 }), bj);
    expect(r.outcome).toBe('manual');
    expect(r.reasons[0]).toMatchObject({ ruleId: 'renewal.performance.agreement', citation: '京医保发〔2021〕30号 第四十一条' });
    const s = screen(good({ lifeState: 'suspended', suspension: { mode: 'requested', from: '2026-11-01', maxUntil: '2027-04-29', resumptionRequestedOn: null }, suspensionsInTerm: 1 }), bj);
    expect(s.outcome).toBe('defer');
    expect(s.reasons.find((x) => x.ruleId === 'renewal.defer.suspended')!.citation).toBe('京医保发〔2021〕30号 第四十二条');
  });

  it('吉医保规〔2023〕1号 第二十九条: a request not to continue ends it (不再签订); 第二十七条: a proposed termination is for the parties', () => {
    expect(screen(good({ terminationRequested: true }), jl)).toMatchObject({ outcome: 'not_renew' });
    expect(reasonOf(good({ terminationRequested: true }), 'renewal.end.termination-requested', jl)!.citation).toBe('吉医保规〔2023〕1号 第二十九条');
    expect(reasonOf(good({ terminationProposed: true }), 'renewal.performance.agreement', jl)!.citation).toBe('吉医保规〔2023〕1号 第二十七条');
  });

  it('no citation from another region reaches a profile', () => {
    for (const [v, own] of [[yn, '云医保'], [bj, '京医保发'], [jl, '吉医保规']] as const) {
      const all = screen(good({ terminationRequested: true, suspensionsInTerm: 2, assessment: noData('x'), lifeState: 'suspended', suspension: { mode: 'imposed', from: '2026-11-01', maxUntil: '2027-05-01', resumptionRequestedOn: null } }), v);
      for (const r of all.reasons) {
        for (const other of ['云医保', '京医保发', '吉医保规', '自治区']) if (other !== own) expect(r.citation).not.toContain(other);
      }
    }
  });
});

describe('the outcome', () => {
  it('precedence: 不再签订; an unchecked 不再签订 situation before a 缓签; then 缓签, 需人工核定, 续签 — every reason kept', () => {
    const r = screen(good({ pendingMajorChange: known(true, 'x'), terminationRequested: true, settlementByYear: noData('未导入') }));
    expect(r.outcome).toBe('not_renew');
    expect(r.reasons.map((x) => x.label).sort()).toEqual(['二(一)2', '二(二)3', '二(二)4']);
    expect(outcomeOf([{ effect: 'defer', result: 'fires' }, { effect: 'not_renew', result: 'no_data' }])).toBe('manual');
    expect(outcomeOf([{ effect: 'defer', result: 'fires' }, { effect: 'manual', result: 'no_data' }])).toBe('defer');
    expect(outcomeOf([{ effect: 'not_renew', result: 'no_data' }])).toBe('manual');
    expect(outcomeOf([])).toBe('renew');
  });

  it('parameters from a stored campaign are checked: out of range falls back to the text\'s value', () => {
    expect(paramsFrom(ZZQ, { settlementAbsentYears: 2, disabled: ['renewal.end.yb-code'] })).toMatchObject({ settlementAbsentYears: 2, disabled: ['renewal.end.yb-code'] });
    expect(paramsFrom(ZZQ, { settlementAbsentYears: 99, suspensionMaxDays: 'x' })).toMatchObject({ settlementAbsentYears: 1, suspensionMaxDays: 180 });
  });
});

describe('what-if', () => {
  const pool = [
    good({ agreementId: 'a', institutionName: '甲', settlementByYear: known({ 2025: 0, 2024: 0 }, '结算') }),
    good({ agreementId: 'b', institutionName: '乙', settlementByYear: known({ 2025: 0, 2024: 500 }, '结算') }),
    good({ agreementId: 'c', institutionName: '丙', regionCode: '450103', ybCodeAccepted: known(false, '导入') }),
    good({ agreementId: 'd', institutionName: '丁', regionCode: '450103' }),
  ];
  it('自治区医保局〔2025〕征求意见稿 二(二)3: 「2 years without settlement instead of 1」 changes exactly the agreement that settled in the earlier year', () => {
    const w = whatIf(zzq, { profileId: ZZQ, params: { ...defaultParams(ZZQ), settlementAbsentYears: 2 } }, C);
    pool.forEach((f) => w.add(f));
    const r = w.result();
    expect(r.baseline).toEqual({ renew: 1, defer: 0, not_renew: 3, manual: 0 });
    expect(r.variant).toEqual({ renew: 2, defer: 0, not_renew: 2, manual: 0 });
    expect(r.changed).toBe(1);
    expect(r.changes[0]).toMatchObject({ agreementId: 'b', from: 'not_renew', to: 'renew' });
    expect(r.changes[0]!.because).toEqual([expect.objectContaining({ ruleId: 'renewal.end.no-settlement', in: 'baseline', citation: '自治区医保局〔2025〕征求意见稿（草案） 二(二)3' })]);
    expect(r.byRegion['450103']).toEqual({ baseline: { renew: 1, defer: 0, not_renew: 1, manual: 0 }, variant: { renew: 1, defer: 0, not_renew: 1, manual: 0 } });
  });

  it('自治区医保局〔2025〕征求意见稿 二(二)9 switched off: the agreement it alone held back is renewed', () => {
    const w = whatIf(zzq, { profileId: ZZQ, params: { ...defaultParams(ZZQ), disabled: ['renewal.end.yb-code'] } }, C);
    pool.forEach((f) => w.add(f));
    expect(w.result().changes.map((c) => [c.agreementId, c.from, c.to])).toEqual([['c', 'not_renew', 'renew']]);
  });

  it('another profile: the same agreement under the 2025 draft and under Yunnan (the rules page\'s comparison)', () => {
    const w = whatIf(zzq, { profileId: 'yunnan', params: defaultParams('yunnan') }, C);
    pool.forEach((f) => w.add(f));
    // Yunnan's text has no 二(二)3 / 二(二)9: the three held back by them are 续签 there
    expect(w.result().variant).toEqual({ renew: 4, defer: 0, not_renew: 0, manual: 0 });
    expect(w.result().changed).toBe(3);
  });
});
