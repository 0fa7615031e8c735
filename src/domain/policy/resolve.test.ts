import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { diffProfiles } from './diff';
import { cleanScreeningFacts } from './facts';
import { agencyLevelFor, jurisdiction } from './jurisdiction';
import { PROFILES } from './profiles';
import { evaluate, materialsFor, param, paramDetail, resolveProfile } from './resolve';

const ids = (profile: string, asOf: string) => resolveProfile(profile, asOf).rules.map((r) => r.rule.id);

describe('versioning by effective date', () => {
  it('a rule whose effective.from is after asOf is absent', () => {
    expect(ids('jilin', '2023-06-30')).not.toContain('jilin.material.ltc');
    expect(ids('jilin', '2023-07-01')).toContain('jilin.material.ltc');
    expect(ids('beijing', '2021-12-31')).not.toContain('beijing.termination.situations');
    expect(ids('beijing', '2022-01-01')).toContain('beijing.termination.situations');
    expect(ids('yunnan', '2022-02-28')).not.toContain('yunnan.deadline.publicity');
    expect(ids('yunnan', '2022-03-01')).toContain('yunnan.deadline.publicity');
  });
  it('before a regional text takes effect, the national rule it overrides stands', () => {
    const before = ids('beijing', '2021-12-31');
    expect(before).toContain('national.refusal.fraud-application');
    expect(before).not.toContain('beijing.refusal.fraud-application');
    const after = ids('beijing', '2022-01-01');
    expect(after).toContain('beijing.refusal.fraud-application');
    expect(after).not.toContain('national.refusal.fraud-application');
  });
  it('parameters take the latest dated value: 云南 restates the change lead time under its own article from 2022-03-01', () => {
    expect(paramDetail('yunnan', 'change.apply.workdays', '2022-02-28')?.cite).not.toMatchObject({ doc: '云医保〔2022〕6号' });
    expect(paramDetail('yunnan', 'change.apply.workdays', '2022-03-01')?.cite).toMatchObject({ doc: '云医保〔2022〕6号', article: 28 });
    expect(param('yunnan', 'change.apply.workdays', '2022-03-01')).toBe(30);
  });
  it('云医保〔2022〕6号 第二十九条: 「期满前1个月」 is when the agency may organise a renewal, not the institution\'s lead time — the 3 months stand', () => {
    expect(param('yunnan', 'renewal.advance.months', '2022-03-01')).toBe(3);
    expect(paramDetail('yunnan', 'renewal.advance.months', '2022-03-01')?.cite).not.toMatchObject({ doc: '云医保〔2022〕6号' });
    expect(() => param('yunnan', 'renewal.organise.beforeExpiry.months', '2022-02-28')).toThrow(/未规定参数/);
    expect(param('yunnan', 'renewal.organise.beforeExpiry.months', '2022-03-01')).toBe(1);
    expect(paramDetail('yunnan', 'renewal.organise.beforeExpiry.months', '2022-03-01')?.cite).toMatchObject({ doc: '云医保〔2022〕6号', article: 29 });
  });
  it('nothing is in force before the national orders, except 308号 in 云南', () => {
    expect(ids('national', '2020-12-31')).toEqual([]);
    expect(ids('yunnan', '2020-12-31')).toContain('yunnan.jurisdiction.by-level');
  });
  it('the ruleset version names the latest effective date', () => {
    expect(resolveProfile('jilin', '2024-01-01').version).toBe('jilin@2023-07-01');
    expect(resolveProfile('jilin', '2023-01-01').version).toBe('jilin@2021-02-01');
  });
});

describe('layering', () => {
  it('an override for 医疗机构 only leaves the national rule standing for pharmacies', () => {
    const rules = resolveProfile('beijing', '2023-01-01').rules;
    const change = rules.filter((r) => r.slot === 'national.deadline.change');
    expect(change.map((r) => [r.rule.id, r.rule.appliesTo])).toEqual([
      ['national.deadline.change', ['pharmacy']],
      ['beijing.deadline.change', ['medical']],
    ]);
  });
  it('marks the source of each rule', () => {
    const rules = resolveProfile('jilin', '2024-01-01').rules;
    expect(rules.find((r) => r.rule.id === 'national.material.medical')?.source).toBe('national');
    expect(rules.find((r) => r.rule.id === 'jilin.procedure.rolling-acceptance')).toMatchObject({
      source: 'override', replaces: 'national.procedure.immediate-acceptance',
    });
    expect(rules.find((r) => r.rule.id === 'jilin.material.ltc')?.source).toBe('added');
  });
  it('unknown profile is an input error naming the field', () => {
    try {
      resolveProfile('nowhere', '2024-01-01');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).details?.field).toBe('profile');
    }
  });
});

describe('profiles', () => {
  it('the draft profile is flagged draft and has no region', () => {
    const draft = PROFILES.find((p) => p.id === 'zizhiqu-2025-draft')!;
    expect(draft.draft).toBe(true);
    expect(draft.regionCode).toBeNull();
    expect(PROFILES.filter((p) => p.draft).map((p) => p.id)).toEqual(['zizhiqu-2025-draft']);
  });
  it('云南 and 北京 differ in jurisdiction', () => {
    const yn = jurisdiction('yunnan', '2023-01-01', 'medical');
    const bj = jurisdiction('beijing', '2023-01-01', 'medical');
    // 云南: a township health centre is accepted by the county agency, a provincial hospital by the province
    expect(agencyLevelFor(yn, { adminLevel: 'prefecture', subtype: 'township_health_center' }, 'accept')).toBe('county');
    expect(agencyLevelFor(yn, { adminLevel: 'province', subtype: 'general_hospital' }, 'sign')).toBe('province');
    expect(agencyLevelFor(yn, { adminLevel: 'prefecture' }, 'evaluate')).toBe('prefecture');
    // 北京: the district accepts, the city (province-level) evaluates and signs, whatever the institution
    expect(agencyLevelFor(bj, { adminLevel: 'province' }, 'accept')).toBe('county');
    expect(agencyLevelFor(bj, { adminLevel: 'county' }, 'evaluate')).toBe('province');
    expect(agencyLevelFor(bj, { adminLevel: 'county' }, 'sign')).toBe('province');
    const rows = diffProfiles('yunnan', 'beijing', '2023-01-01');
    expect(rows.find((r) => r.slot === 'national.jurisdiction.pooling-region')).toMatchObject({
      change: 'override', a: { ruleIds: ['national.jurisdiction.pooling-region', 'yunnan.jurisdiction.by-level'] },
      b: { ruleIds: ['beijing.jurisdiction.district-city', 'national.jurisdiction.pooling-region'] },
    });
  });
  it('吉林: delegation to counties and the two mutual-recognition pairs', () => {
    const j = jurisdiction('jilin', '2024-01-01');
    expect(j.delegableTo).toEqual(['county']);
    expect(j.mutualRecognition.map((m) => [m.a, m.b])).toEqual([['220000', '220100'], ['222400', '222401']]);
  });
  it('diff lists rules present in one profile only and different parameters', () => {
    const rows = diffProfiles('national', 'yunnan', '2023-01-01');
    expect(rows.find((r) => r.slot === 'yunnan.deadline.publicity')?.change).toBe('only_b');
    expect(rows.find((r) => r.slot === 'national.renewal.advance-application')?.change).toBe('override');
    expect(diffProfiles('national', 'national', '2023-01-01')).toEqual([]);
    const params = diffProfiles('national', 'zizhiqu-2025-draft', '2025-06-01').find((r) => r.slot === 'national.suspension.requested-max');
    expect(params).toBeUndefined(); // same value 180, cited again by the draft
  });
});

describe('lookups for the designation pipeline', () => {
  it('param() gives the numbers', () => {
    expect(param('national', 'notice.supplement.workdays', '2024-01-01')).toBe(5);
    expect(param('national', 'evaluation.limit.months', '2024-01-01')).toBe(3);
    expect(param('yunnan', 'publicity.workdays', '2024-01-01')).toBe(7);
    expect(() => param('national', 'publicity.workdays', '2024-01-01')).toThrow(AppError);
  });
  it('materialsFor() gives the list per kind with citations', () => {
    expect(materialsFor('jilin', 'ltc', '2024-01-01').map((m) => m.citation)[0]).toBe('吉医保规〔2023〕1号 第十一条(一)');
    expect(materialsFor('beijing', 'medical', '2024-01-01')).toHaveLength(6);
    expect(materialsFor('beijing', 'pharmacy', '2024-01-01')).toHaveLength(8); // national 令第3号 list stands
  });
  it('evaluate() returns every reason, not the first', () => {
    const facts = {
      ...cleanScreeningFacts('medical'),
      mainScopeNonBasic: true,
      unfulfilledPenalty: true,
      persons: [{ role: 'legal_rep' as const, dishonest: true, priorTerminations: [] }],
    };
    const ev = evaluate('beijing', 'screening', facts, '2024-01-01');
    expect(ev.pass).toBe(false);
    expect(ev.reasons.map((r) => r.citation)).toEqual([
      '京医保发〔2021〕30号 第十二条(一)', '京医保发〔2021〕30号 第十二条(三)', '京医保发〔2021〕30号 第十二条(八)',
    ]);
    expect(ev.version).toBe('beijing@2022-01-01');
    expect(evaluate('beijing', 'screening', cleanScreeningFacts('medical'), '2024-01-01').pass).toBe(true);
  });
  it('the draft 3-year ban refuses where the national 1-year ban would accept', () => {
    const facts = { ...cleanScreeningFacts('medical'), terminations: [{ date: '2023-01-01', cause: 'serious_breach' as const, penaltiesFulfilled: true }], regionHasAllocationPlan: true };
    expect(evaluate('national', 'screening', facts, '2025-06-01').pass).toBe(true);
    expect(evaluate('zizhiqu-2025-draft', 'screening', facts, '2025-06-01').reasons.map((r) => r.ruleId)).toEqual(['zizhiqu.refusal.terminated-3-years']);
  });
});
