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
  state: 'proposed', proposed: 'renew', decided: null, overridden: false, reason: null, decidedOn: null, campaignOpen: true, profileId: 'yunnan', ...over,
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
    expect(eventsFrom(RENEWAL_ITEM_CASE, item(), OFFICER, ctx())).toEqual(['accept', 'decide']);
    expect(eventsFrom(RENEWAL_ITEM_CASE, item({ campaignOpen: false }), OFFICER, ctx())).toEqual([]);
  });
});
