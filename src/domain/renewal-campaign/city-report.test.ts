/**
 * 报市 and 市级协商谈判 (京医保发〔2021〕30号 第四十一条, decision 0057): the report rule — a district campaign under the
 * Beijing profile, every item decided, once — and the renewal item's new rows: the city negotiates a reported item,
 * the district can no longer change it, and every refusal cites the article; other profiles have no city step.
 */
import { describe, expect, it } from 'vitest';
import { decide, eventsFrom } from '../workflow/case-type';
import { workflowProfileOf } from '../designation/profiles';
import { hasCityStep, reportRefusals, type CampaignForReport } from './city-report';
import { RENEWAL_ITEM_CASE, type RenewalItemCase, type RenewalItemContext, type RenewalItemEvent } from './item-case';

const ART = '京医保发〔2021〕30号 第四十一条';
const campaign = (over: Partial<CampaignForReport> = {}): CampaignForReport => ({
  profileId: 'beijing', prefix: '110101', state: 'open', reportedAt: null, undecided: 0, total: 3, byOwnAgency: true, ...over,
});

describe('报市: the district reports its decided renewal to the city', () => {
  it(`${ART}: a 东城区 campaign with every item decided may be reported`, () => {
    expect(hasCityStep('beijing')).toBe(true);
    expect(reportRefusals(campaign())).toEqual([]);
  });

  it(`${ART}: undecided items, a city-level campaign, a second report, a closed campaign — each refused with the article`, () => {
    const undecided = reportRefusals(campaign({ undecided: 2 }));
    expect(undecided.map((r) => r.message)).toEqual(['尚有 2 项未核定，全部核定后方可报市经办机构']);
    expect(reportRefusals(campaign({ prefix: '11' }))[0]!.message).toContain('区经办机构');
    expect(reportRefusals(campaign({ reportedAt: '2026-12-05T01:00:00.000Z' }))[0]!.message).toBe('本次续签已于 2026-12-05 报市经办机构');
    expect(reportRefusals(campaign({ state: 'closed' }))[0]!.message).toContain('已结束');
    expect(reportRefusals(campaign({ total: 0 }))[0]!.message).toBe('本次续签没有续签事项');
    const all = reportRefusals(campaign({ undecided: 1, reportedAt: '2026-12-05T01:00:00.000Z', state: 'closed' }));
    expect(all).toHaveLength(3);
    expect(new Set(all.map((r) => r.citation))).toEqual(new Set([ART]));
  });

  it(`${ART}: the city (or another agency above) does not report a district's campaign — the district that organised it does`, () => {
    expect(reportRefusals(campaign({ byOwnAgency: false })).map((r) => r.ruleId)).toEqual(['renewal.city-report.own-agency']);
  });

  it(`${ART}: other profiles have no report step, and say why`, () => {
    for (const p of ['yunnan', 'jilin', 'zizhiqu-2025-draft', 'national']) {
      expect(hasCityStep(p)).toBe(false);
      const r = reportRefusals(campaign({ profileId: p, prefix: '530102' }));
      expect(r.map((x) => x.ruleId)).toEqual(['renewal.city-report.profile']);
      expect(r[0]!.message).toContain('本地区政策未规定');
    }
  });
});

const DISTRICT = { kind: 'user', roles: ['agency_officer'], agencyLevel: 'county' } as const;
const CITY = { kind: 'user', roles: ['agency_officer'], agencyLevel: 'province' } as const;
const bj = (over: Partial<RenewalItemCase> = {}): RenewalItemCase => ({
  state: 'decided', proposed: 'renew', decided: 'renew', overridden: false, reason: null, decidedOn: '2026-12-01', campaignOpen: true, profileId: 'beijing',
  fixedAnnual: false, fixedAnnualBasis: null, generated: false, lastTermYear: 2026, reevaluation: null, cityStep: true, reported: true, negotiation: null, ...over,
});
const ctx = (actor: RenewalItemContext['actor'] = CITY, profile = 'beijing'): RenewalItemContext => ({ actor, today: '2026-12-10', layers: workflowProfileOf(profile) });
const run = (c: RenewalItemCase, e: RenewalItemEvent, x = ctx()) => decide(RENEWAL_ITEM_CASE, c, e, x);
const negotiate = (outcome: 'renew' | 'defer' | 'not_renew', note = '协商一致'): RenewalItemEvent => ({ type: 'negotiate', outcome, note });

describe('市级协商谈判: the city negotiates each reported item', () => {
  it(`${ART}: the city negotiates 续签 — the item is negotiated, dated, with the district's decision kept`, () => {
    const d = run(bj(), negotiate('renew'));
    expect(d.ok && d.next).toMatchObject({ state: 'negotiated', decided: 'renew', negotiation: { on: '2026-12-10', outcome: 'renew', note: '协商一致', districtDecided: 'renew' } });
    expect(d.ok && d.cites.map((c) => c.doc)).toEqual(['京医保发〔2021〕30号']);
  });

  it(`${ART}: 未达成一致 — the city's 不再签订 replaces the district's 续签, with the negotiation as its reason`, () => {
    const d = run(bj({ fixedAnnual: true, fixedAnnualBasis: { because: '好', citation: 'x' } }), negotiate('not_renew', '双方未达成一致'));
    expect(d.ok && d.next).toMatchObject({ decided: 'not_renew', overridden: true, reason: '市级协商谈判：双方未达成一致', fixedAnnual: false, negotiation: { districtDecided: 'renew' } });
  });

  it(`${ART}: the city corrects a negotiation it recorded wrongly — the district's decision stays the one first replaced; not once the renewal is generated or the 缓签 re-evaluated`, () => {
    const first = run(bj(), negotiate('not_renew', '双方未达成一致'));
    expect(first.ok).toBe(true);
    const negotiated = (first.ok ? first.next : null)!;
    const fixed = run(negotiated, negotiate('renew', '更正：协商一致，录入有误'));
    expect(fixed.ok && fixed.next).toMatchObject({
      state: 'negotiated', decided: 'renew', reason: '市级协商谈判：更正：协商一致，录入有误',
      negotiation: { outcome: 'renew', districtDecided: 'renew', note: '更正：协商一致，录入有误' },
    });
    const generated = run({ ...negotiated, generated: true }, negotiate('renew', '更正'));
    expect(generated.ok || generated.reasons.map((r) => [r.message, r.citation])).toEqual([['续签协议已生成，不能再更正协商谈判结果', ART]]);
    const reevaluated = run({ ...negotiated, decided: 'defer', reevaluation: { on: '2026-12-20', passed: true, note: '整改到位' } }, negotiate('renew', '更正'));
    expect(reevaluated.ok || reevaluated.reasons.map((r) => r.message)).toEqual(['缓签事项已于 2026-12-20 评估，不能再更正协商谈判结果']);
    const district = run(negotiated, negotiate('renew', '更正'), ctx(DISTRICT));
    expect(district.ok || district.reasons.map((r) => r.message)).toEqual(['协商谈判由市经办机构进行']);
  });

  it(`${ART}: a district cannot negotiate; nobody negotiates before the report, without a note, or before the district decided`, () => {
    const district = run(bj(), negotiate('renew'), ctx(DISTRICT));
    expect(district.ok || district.reasons.map((r) => [r.message, r.citation])).toEqual([['协商谈判由市经办机构进行', ART]]);
    const early = run(bj({ reported: false }), negotiate('renew'));
    expect(early.ok || early.reasons.map((r) => r.message)).toEqual(['区经办机构尚未将本次续签报市经办机构']);
    const noNote = run(bj(), negotiate('renew', ' '));
    expect(noNote.ok || noNote.reasons.map((r) => r.message)).toEqual(['请填写协商谈判情况']);
    const undecided = run(bj({ state: 'proposed', decided: null }), negotiate('renew'));
    expect(undecided.ok || undecided.code).toBe('ILLEGAL_TRANSITION');
  });

  it(`${ART}: other profiles have no city step — negotiating is refused saying so`, () => {
    const d = run(bj({ profileId: 'yunnan', cityStep: false }), negotiate('renew'), ctx(CITY, 'yunnan'));
    expect(d.ok || d.reasons.map((r) => r.message)).toEqual(expect.arrayContaining(['本地区政策未规定市级协商谈判，由组织续签的经办机构核定']));
  });

  it(`${ART}: once reported the district can no longer accept, decide or reopen — each refused with the article`, () => {
    const reopen = run(bj(), { type: 'reopen', reason: '发现新情况' }, ctx(DISTRICT));
    expect(reopen.ok || reopen.reasons.map((r) => [r.message, r.citation])).toEqual([['本次续签已报市经办机构，由市经办机构协商谈判，区经办机构不能再更改核定', ART]]);
    const proposed = bj({ state: 'proposed', decided: null });
    for (const e of [{ type: 'accept' }, { type: 'decide', outcome: 'not_renew', reason: '理由充分' }] as RenewalItemEvent[]) {
      const d = run(proposed, e, ctx(DISTRICT));
      expect(d.ok || d.reasons.map((r) => r.ruleId)).toContain('renewal.city.not-reported');
    }
    // before the report the district decides as anywhere else
    expect(run(bj({ reported: false }), { type: 'reopen', reason: '发现新情况' }, ctx(DISTRICT)).ok).toBe(true);
  });

  it(`${ART}: the steps offered — the city sees 协商谈判 on a reported decided item, the district nothing to change`, () => {
    expect(eventsFrom(RENEWAL_ITEM_CASE, bj(), CITY, ctx(CITY))).toContain('negotiate');
    expect(eventsFrom(RENEWAL_ITEM_CASE, bj(), DISTRICT, ctx(DISTRICT))).not.toEqual(expect.arrayContaining(['reopen', 'negotiate']));
    expect(eventsFrom(RENEWAL_ITEM_CASE, bj({ reported: false }), DISTRICT, ctx(DISTRICT))).toContain('reopen');
  });

  it(`${ART}: 固定+年度 after the report is the city's to mark (it negotiates the agreement's form); the district is refused`, () => {
    const good = { value: [{ year: 2026, result: 'good' as const }], source: '绩效考核' };
    const e: RenewalItemEvent = { type: 'fixed_annual', fixedAnnual: true, assessment: good };
    const district = run(bj(), e, ctx(DISTRICT));
    expect(district.ok || district.reasons.map((r) => r.ruleId)).toEqual(['renewal.city.fixed-annual']);
    expect(run(bj({ state: 'negotiated' }), e, ctx(CITY)).ok).toBe(true);
    expect(run(bj({ reported: false }), e, ctx(DISTRICT)).ok).toBe(true);
  });

  it(`${ART}: a 缓签 is re-evaluated by the city once it negotiated it — not by the district, not before`, () => {
    const deferred = bj({ proposed: 'defer', decided: 'defer' });
    const before = run(deferred, { type: 'reevaluate', passed: true, note: '整改到位' }, ctx(CITY));
    expect(before.ok || before.reasons.map((r) => r.message)).toEqual(['缓签事项经市经办机构协商谈判后方可评估']);
    const negotiated = { ...deferred, state: 'negotiated' as const };
    const byDistrict = run(negotiated, { type: 'reevaluate', passed: true, note: '整改到位' }, ctx(DISTRICT));
    expect(byDistrict.ok || byDistrict.reasons.map((r) => r.message)).toEqual(['缓签评估由市经办机构进行']);
    const d = run(negotiated, { type: 'reevaluate', passed: true, note: '整改到位' }, ctx(CITY));
    expect(d.ok && d.next.reevaluation).toMatchObject({ passed: true });
  });
});
