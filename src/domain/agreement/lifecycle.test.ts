/**
 * The agreement's life as a pure case type (issue #10): `decide` per profile — the same event
 * answers differently in Yunnan, Beijing, Jilin and under the 2025 draft, each refusal with its
 * article from the profile's own layers.
 */
import { describe, expect, it } from 'vitest';
import { decide, eventsFrom } from '../workflow/case-type';
import { workflowProfileOf } from '../designation/profiles';
import { AGREEMENT_CASE, registryStatusOf, type AgreementCase, type AgreementContext, type AgreementEvent } from './lifecycle';
import { lifecycleProfileOf } from './lifecycle-profile';
import { situationsFor, TERMINATION_SITUATIONS } from './situations';
import { formatCitation } from '../policy/citation';

const agreement = (over: Partial<AgreementCase> = {}): AgreementCase => ({
  id: 'a1', number: '协〔2025〕1号', institutionId: 'i1', institutionKind: 'medical', publicInstitution: false, dualChannel: false,
  state: 'in_force', termFrom: '2025-01-01', termTo: '2027-12-31', suspension: null, suspensionsInTerm: 0, request: null, proposal: null,
  noRenewalGrounds: [], terminated: null, ended: null, ...over,
});
const INST = { kind: 'user', roles: ['institution_staff'], agencyLevel: null } as const;
const AGENCY = { kind: 'user', roles: ['agency_officer'], agencyLevel: 'county' } as const;
const SYSTEM = { kind: 'system' } as const;
const ctx = (profile: string, today = '2026-01-05', actor: AgreementContext['actor'] = INST): AgreementContext => ({
  actor, today, layers: workflowProfileOf(profile), profile: lifecycleProfileOf(profile),
});
const run = (a: AgreementCase, e: AgreementEvent, c: AgreementContext) => decide(AGREEMENT_CASE, a, e, c);

describe('requests per profile', () => {
  const suspend: AgreementEvent = { type: 'request_suspension', effectiveOn: '2026-01-05', days: 30, reason: '装修' };

  it('云医保〔2022〕6号 第三十条: a private institution\'s request suspends on receipt and pauses the payment', () => {
    const d = run(agreement(), suspend, ctx('yunnan'));
    expect(d.ok && d.to).toBe('suspended');
    if (!d.ok) return;
    expect(d.next.suspension).toMatchObject({ mode: 'requested', from: '2026-01-05', maxUntil: '2026-02-04' });
    expect(d.effects.map((e) => (e.kind === 'outbox' ? e.topic : e.kind))).toContain('agreement.payment_paused');
  });

  it('云医保〔2022〕6号 第三十条: a public institution may not request it', () => {
    const d = run(agreement({ publicInstitution: true }), suspend, ctx('yunnan'));
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.code).toBe('GUARD_FAILED');
    expect(d.reasons[0]!.citation).toContain('云医保〔2022〕6号 第三十条');
    expect(d.reasons[0]!.citation).not.toContain('京医保发');
  });

  it('京医保发〔2021〕30号 第四十四条: less than 3 months\' notice is refused; a public institution is warned', () => {
    const short = run(agreement(), suspend, ctx('beijing'));
    expect(!short.ok && short.reasons.map((r) => r.ruleId)).toEqual(['agreement.request.notice']);
    const publicNoConfirm = run(agreement({ publicInstitution: true }), { ...suspend, effectiveOn: '2026-04-05' }, ctx('beijing'));
    expect(!publicNoConfirm.ok && publicNoConfirm.reasons.map((r) => r.ruleId)).toEqual(['agreement.request.public-institution']);
    const confirmed = run(agreement({ publicInstitution: true }), { ...suspend, effectiveOn: '2026-04-05', confirmPublic: true }, ctx('beijing'));
    expect(confirmed.ok && confirmed.to).toBe('in_force');
    expect(confirmed.ok && confirmed.next.request).toMatchObject({ kind: 'suspend', publicWarned: true, approvedOn: null });
  });

  it('吉医保规〔2023〕1号 第二十九条: short notice is flagged, not refused', () => {
    const d = run(agreement(), { ...suspend, effectiveOn: '2026-01-20' }, ctx('jilin'));
    expect(d.ok && d.next.request?.shortNotice).toBe(true);
  });
});

describe('steps offered', () => {
  it('云医保〔2022〕6号 第三十条: after a request that took effect on receipt the agency is offered nothing to agree to', () => {
    const d = run(agreement(), { type: 'request_suspension', effectiveOn: '2026-01-05', days: 30, reason: '装修' }, ctx('yunnan'));
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const offered = eventsFrom(AGREEMENT_CASE, d.next, AGENCY, ctx('yunnan', '2026-01-05', AGENCY));
    expect(offered).not.toContain('approve_request');
    expect(offered).not.toContain('reject_request');
    expect(offered).not.toContain('request_takes_effect');
    expect(offered).toContain('resume');
    // without a context the table alone answers, as before
    expect(eventsFrom(AGREEMENT_CASE, d.next, AGENCY)).toContain('approve_request');
  });

  it('京医保发〔2021〕30号 第四十四条: a request waiting for its notice period is offered to agree or refuse, not yet to take effect', () => {
    const d = run(agreement(), { type: 'request_suspension', effectiveOn: '2026-04-05', days: 30, reason: '装修' }, ctx('beijing'));
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const offered = eventsFrom(AGREEMENT_CASE, d.next, AGENCY, ctx('beijing', '2026-01-05', AGENCY));
    expect(offered).toEqual(expect.arrayContaining(['approve_request', 'reject_request']));
    expect(offered).not.toContain('request_takes_effect');
  });
});

describe('day 181', () => {
  const suspended = agreement({
    state: 'suspended', suspensionsInTerm: 1,
    suspension: { mode: 'requested', from: '2026-04-05', maxUntil: '2026-10-02', situation: null, rectification: null, resumptionRequestedOn: null, documentsDueOn: null },
  });

  it('京医保发〔2021〕30号 第四十二条: ends the agreement; not before the day, not after a resumption request', () => {
    expect(run(suspended, { type: 'suspension_max_passed' }, ctx('beijing', '2026-10-02', SYSTEM)).ok).toBe(false);
    const d = run(suspended, { type: 'suspension_max_passed' }, ctx('beijing', '2026-10-03', SYSTEM));
    expect(d.ok && d.to).toBe('ended');
    expect(d.ok && d.next.ended).toEqual({ on: '2026-10-03', cause: 'suspension_max' });
    const asked = { ...suspended, suspension: { ...suspended.suspension!, resumptionRequestedOn: '2026-09-01' } };
    expect(run(asked, { type: 'suspension_max_passed' }, ctx('beijing', '2026-10-03', SYSTEM)).ok).toBe(false);
  });

  it('自治区医保局〔2025〕征求意见稿 二(二)6: a no-renewal ground, the agreement stays suspended', () => {
    const d = run(suspended, { type: 'suspension_max_passed' }, ctx('zizhiqu-2025-draft', '2026-10-03', SYSTEM));
    expect(d.ok && d.to).toBe('suspended');
    expect(d.ok && d.next.noRenewalGrounds.map((g) => g.code)).toEqual(['suspension_over_180']);
    expect(d.ok && d.effects.some((e) => e.kind === 'issue_document')).toBe(false);
  });
});

describe('agency decisions', () => {
  it('京医保发〔2021〕30号 第四十三条(一): the second suspension in a term proposes termination', () => {
    const d = run(agreement({ suspensionsInTerm: 1 }), { type: 'impose_suspension', situation: 'major_risk', facts: 'f', rectification: 'r' }, ctx('beijing', '2026-01-05', AGENCY));
    expect(d.ok && d.next.proposal?.situation).toBe('suspended_twice');
  });

  it('自治区医保局〔2025〕征求意见稿 三(三): a second suspension in the term (累计2次) proposes 即时解除 under the draft\'s own article; the agency terminates on it', () => {
    const first = run(agreement(), { type: 'impose_suspension', situation: 'zzq_fraud_signs', facts: 'f', rectification: 'r' }, ctx('zizhiqu-2025-draft', '2026-01-05', AGENCY));
    expect(first.ok && first.next.proposal).toBeNull(); // one suspension: no ground yet
    const second = run(agreement({ suspensionsInTerm: 1 }), { type: 'impose_suspension', situation: 'zzq_fraud_signs', facts: 'f', rectification: 'r' }, ctx('zizhiqu-2025-draft', '2026-03-02', AGENCY));
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.next.proposal).toMatchObject({ situation: 'suspended_twice', since: '2026-03-02' });
    const cited = second.next.proposal!.cites.map(formatCitation);
    expect(cited).toContain('自治区医保局〔2025〕征求意见稿（草案） 三(三)');
    expect(cited.some((c) => c.startsWith('京医保发'))).toBe(false);
    const ended = run(second.next, { type: 'terminate', situation: 'suspended_twice', facts: '协议有效期内第2次被中止' }, ctx('zizhiqu-2025-draft', '2026-03-02', AGENCY));
    expect(ended.ok && ended.to).toBe('terminated');
  });

  it('云人社发〔2016〕308号 二(三): 查实违反协议、欺诈骗保 — under the Yunnan profile the agency suspends (暂停) or terminates (取消定点) on the national situations; Beijing\'s and the draft\'s own are not offered', () => {
    const yn = ctx('yunnan', '2026-01-05', AGENCY);
    const paused = run(agreement(), { type: 'impose_suspension', situation: 'major_risk', facts: '查实违反协议管理', rectification: '限期整改' }, yn);
    expect(paused.ok && paused.to).toBe('suspended');
    const ended = run(agreement(), { type: 'terminate', situation: 'fraud', facts: '经查实欺诈骗取医保基金' }, yn);
    expect(ended.ok && ended.to).toBe('terminated');
    const fraud = situationsFor(TERMINATION_SITUATIONS, yn.layers, 'medical').find((x) => x.code === 'fraud')!;
    expect(fraud.resolved.map(formatCitation).every((c) => c.startsWith('国家医疗保障局令第'))).toBe(true);
    const foreign = run(agreement(), { type: 'terminate', situation: 'zzq_dual_price', facts: 'f' }, yn);
    expect(!foreign.ok && foreign.reasons[0]!.ruleId).toBe('agreement.termination.situation');
  });

  it('京医保发〔2021〕30号 第四十二条: a situation of another region is not offered', () => {
    const d = run(agreement(), { type: 'impose_suspension', situation: 'zzq_fraud_signs', facts: 'f', rectification: 'r' }, ctx('beijing', '2026-01-05', AGENCY));
    expect(!d.ok && d.reasons[0]!.ruleId).toBe('agreement.suspension.situation');
  });

  it('吉医保规〔2023〕1号 第三十条: the cascade runs where the profile has it, as the system only', () => {
    const cascade: AgreementEvent = { type: 'cascade', action: 'terminate', sourceAgreementId: 'x', sourceRegion: '220102' };
    expect(run(agreement(), cascade, ctx('jilin', '2026-01-05', SYSTEM)).ok).toBe(true);
    const yn = run(agreement(), cascade, ctx('yunnan', '2026-01-05', SYSTEM));
    expect(!yn.ok && yn.code).toBe('GUARD_FAILED');
    const byUser = run(agreement(), cascade, ctx('jilin', '2026-01-05', AGENCY));
    expect(!byUser.ok && byUser.code).toBe('FORBIDDEN');
  });

  it('自治区医保局〔2025〕征求意见稿 三(一)2: documents due in 7 days', () => {
    const d = run(agreement(), { type: 'impose_suspension', situation: 'zzq_documents', facts: 'f', rectification: 'r' }, ctx('zizhiqu-2025-draft', '2026-01-05', AGENCY));
    expect(d.ok && d.next.suspension?.documentsDueOn).toBe('2026-01-12');
  });
});

describe('registry status', () => {
  it('is derived from all the institution\'s agreements', () => {
    expect(registryStatusOf(['suspended', 'in_force'])).toBe('designated');
    expect(registryStatusOf(['suspended', 'terminated'])).toBe('suspended');
    expect(registryStatusOf(['ended', 'terminated'])).toBe('terminated');
    expect(registryStatusOf([])).toBeNull();
  });
});
