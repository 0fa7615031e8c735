import { describe, expect, it } from 'vitest';
import type { Application } from './application';
import { ctxFor, draftMedical, materialFacts, walk } from './fixtures';
import { blockedNow, PAYLOAD_FREE_GUARDS } from './dry-run';
import { GUARDS } from './guards';
import { YUNNAN } from './profiles';

const accepted = () => walk(YUNNAN, draftMedical(), [
  { ev: { type: 'submit' }, role: 'institution_staff', on: '2025-03-03' },
  { ev: { type: 'screening_completed', reasons: [] }, role: 'system', on: '2025-03-03' },
  { ev: { type: 'accept' }, role: 'agency_officer', on: '2025-03-04' },
]).app;

describe('dry run of a step without its payload (decision 0020)', () => {
  it('every payload-free guard exists', () => {
    for (const id of PAYLOAD_FREE_GUARDS) expect(GUARDS[id], id).toBeDefined();
  });

  it('云医保〔2022〕6号 第九条: 受理签收 is not offered while a required material is missing; 一次性告知 is', () => {
    const review = walk(YUNNAN, draftMedical(), [
      { ev: { type: 'submit' }, role: 'institution_staff', on: '2025-03-03' },
      { ev: { type: 'screening_completed', reasons: [] }, role: 'system', on: '2025-03-03' },
    ]).app;
    const bare = { ...ctxFor(YUNNAN, 'agency_officer', '2025-03-04'), materials: materialFacts([]) };
    expect(blockedNow(review, 'accept', bare)).toContain('定点医疗机构申请表');
    expect(blockedNow(review, 'request_supplement', bare)).toBeNull();
    expect(blockedNow(review, 'accept', ctxFor(YUNNAN, 'agency_officer', '2025-03-04'))).toBeNull();
  });

  it('云医保〔2022〕6号 第十五条: 公示期满 is not possible before the period has run; possible after', () => {
    const pub = { ...accepted(), state: 'in_publicity', evaluations: [], publicity: { publishedOn: '2025-04-02', endsOn: '2025-04-11', complaints: [] } } as Application;
    expect(blockedNow(pub, 'end_publicity', ctxFor(YUNNAN, 'agency_officer', '2025-04-11'))).toContain('尚未结束');
    expect(blockedNow(pub, 'end_publicity', ctxFor(YUNNAN, 'agency_officer', '2025-04-14'))).toBeNull();
  });

  it('云医保〔2022〕6号 第十八条: a party that has signed is not offered signing again; the other party still is', () => {
    const sig = { signer: '院长', capacity: 'legal_rep', on: '2025-04-20', online: true, textHash: 'h' } as const;
    const signing = {
      ...accepted(), state: 'signing', evaluations: [], publicity: { publishedOn: '2025-04-01', endsOn: '2025-04-10', complaints: [] },
      negotiation: { meetings: [], opensOn: '2025-04-10' },
      agreement: { templateId: 't', templateVersion: '1', textHash: 'h', signBy: '2025-05-16', institutionSignature: sig },
    } as Application;
    expect(blockedNow(signing, 'institution_sign', ctxFor(YUNNAN, 'institution_staff', '2025-04-21'))).toBe('医药机构已签署');
    expect(blockedNow(signing, 'agency_sign', ctxFor(YUNNAN, 'agency_head', '2025-04-21'))).toBeNull();
    expect(blockedNow(signing, 'agency_sign', ctxFor(YUNNAN, 'agency_officer', '2025-04-21'))).not.toBeNull();
  });
});
