import { describe, expect, it } from 'vitest';
import { decide } from '../workflow/case-type';
import { formatCites } from '../designation/cite';
import { workflowProfileOf } from '../designation/profiles';
import { CHANGE_CASE, kindOf, type ChangeContext, type ChangeRequestCase } from './change-case';
import { BEIJING_CHANGES, JILIN_CHANGES, YUNNAN_CHANGES, recognitionPartner, type ChangeProfile } from './fields';

const base: ChangeRequestCase = {
  id: 'c1', institutionId: 'i1', institutionKind: 'medical', regionCode: '530102', kind: 'major', state: 'draft',
  changes: [{ field: 'address', from: '甲', to: '乙' }], approvalDocNo: '文号', approvalDate: '2025-07-01', note: null,
  filingDue: null, late: false, lateCites: [], submittedOn: null, forwardedOn: null, decidedOn: null, decisionNote: null, returnReason: null,
  recognition: null, todo: null,
};
const ctxFor = (profile: ChangeProfile, over: Partial<ChangeContext> = {}): ChangeContext => ({
  actor: { kind: 'user', roles: ['institution_staff'], agencyLevel: null }, today: '2025-09-25', layers: workflowProfileOf(profile.profileId), profile,
  filingDue: '2025-08-12', handlingDue: '2025-10-11', collision: null, alreadyRecognised: null, fileCount: 1, ...over,
});

describe('变更申请 (pure)', () => {
  it('吉医保规〔2023〕1号 第二十五条 药品经营范围 is major in Jilin only', () => {
    expect(kindOf(JILIN_CHANGES, ['drug_scope'])).toBe('major');
    expect(kindOf(YUNNAN_CHANGES, ['drug_scope'])).toBe('general');
    expect(kindOf(BEIJING_CHANGES, ['drug_scope'])).toBe('general');
  });

  it('云医保〔2022〕6号 第二十八条 a late filing is accepted and flagged with the Yunnan article only', () => {
    const d = decide(CHANGE_CASE, base, { type: 'submit' }, ctxFor(YUNNAN_CHANGES));
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.next.late).toBe(true);
    expect(formatCites(d.next.lateCites)).toBe('云医保〔2022〕6号 第二十八条');
    expect(d.effects).toContainEqual(expect.objectContaining({ kind: 'start_deadline', deadline: 'change_handling', due: '2025-10-11', n: 7 }));
  });

  it('京医保发〔2021〕30号 第四十条 no handling deadline row in Beijing, and no Yunnan citation', () => {
    const d = decide(CHANGE_CASE, base, { type: 'submit' }, ctxFor(BEIJING_CHANGES));
    expect(d.ok && d.effects.filter((e) => e.kind === 'start_deadline')).toEqual([]);
    expect(d.ok && formatCites(d.next.lateCites)).toBe('京医保发〔2021〕30号 第四十条');
  });

  it('吉医保规〔2023〕1号 第二十五条第二款 省本级 ↔ 长春市, 延边州本级 ↔ 延吉市; none elsewhere', () => {
    expect(recognitionPartner(JILIN_CHANGES, '229900')?.label).toBe('长春市');
    expect(recognitionPartner(JILIN_CHANGES, '220102')?.label).toBe('省本级');
    expect(recognitionPartner(JILIN_CHANGES, '222401')?.label).toBe('延边州本级');
    expect(recognitionPartner(YUNNAN_CHANGES, '539900')).toBeNull();
  });
});
