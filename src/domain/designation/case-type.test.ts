/** The designation as a case type of the one engine: `decide(designationCase, …)` is the pipeline's rule (decision 0032). */
import { describe, expect, it } from 'vitest';
import { decide, eventsFrom } from '../workflow/case-type';
import { designationCase, designationContext, sourceRow } from './case-type';
import { ctxFor, draftMedical, walk } from './fixtures';
import { YUNNAN } from './profiles';
import { TABLE } from './table';

const inReview = () => walk(YUNNAN, draftMedical(), [
  { ev: { type: 'submit' }, role: 'institution_staff', on: '2025-03-03' },
  { ev: { type: 'screening_completed', reasons: [] }, role: 'system', on: '2025-03-03' },
]).app;

describe('the designation on the one decide()', () => {
  it('京医保发〔2021〕30号 第九条: 一次性告知 through decide takes the table row, pauses the evaluation limit and issues the notice', () => {
    const d = decide(designationCase, inReview(), { type: 'request_supplement', missingItems: ['申请表'] }, designationContext(ctxFor(YUNNAN, 'agency_officer', '2025-03-04')));
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(TABLE).toContain(sourceRow(d.row));
    expect(d.to).toBe('needs_supplement');
    expect(d.effects).toContainEqual({ kind: 'pause_deadline', deadline: 'evaluation_limit', since: '2025-03-05' });
    expect(d.effects).toContainEqual(expect.objectContaining({ kind: 'issue_document', document: 'supplement_notice' }));
  });

  it('云医保〔2022〕6号 第九条: the refusals keep the designation\'s words — out of order, and whose act it is', () => {
    const illegal = decide(designationCase, draftMedical(), { type: 'accept' }, designationContext(ctxFor(YUNNAN, 'agency_officer', '2025-03-03')));
    expect(illegal).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION', message: '当前状态为「填报中」，不能「受理签收」；此时可以：提交申请、撤回申请' });
    const forbidden = decide(designationCase, inReview(), { type: 'accept' }, designationContext(ctxFor(YUNNAN, 'institution_staff', '2025-03-04')));
    expect(forbidden).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(!forbidden.ok && forbidden.message).toMatch(/^当前状态为「.+」，仅经办机构工作人员可/);
  });

  it('云医保〔2022〕6号 第九条: the engine offers the institution only its own steps from a draft', () => {
    const offered = eventsFrom(designationCase, draftMedical(), designationContext(ctxFor(YUNNAN, 'institution_staff', '2025-03-03')).actor);
    expect(offered.sort()).toEqual(['submit', 'withdraw']);
  });
});
