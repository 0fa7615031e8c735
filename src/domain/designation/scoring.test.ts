import { describe, expect, it } from 'vitest';
import { computeResult, validateScores, type ResultInput } from './scoring';
import { JILIN_LTC_SHEET, JILIN_MEDICAL_SHEET, YUNNAN_CHECKLIST } from './sheets';

const members = ['m1', 'm2', 'm3'];
const full = { basics: 30, capability: 40, management: 20, it: 10 };
const base = (over: Partial<ResultInput> = {}): ResultInput => ({
  sheet: JILIN_MEDICAL_SHEET, memberIds: members,
  scores: members.map((memberId) => ({ memberId, scores: full })),
  votes: [], signatures: members.map((memberId) => ({ memberId })), voting: 'none', allMustSign: true, ...over,
});

describe('scoring and the evaluation result', () => {
  it('吉医保规〔2023〕1号 第十六条: 合格 when the averaged total reaches the threshold', () => {
    const r = computeResult(base({ scores: members.map((memberId, i) => ({ memberId, scores: { basics: 10, capability: 20 + i, management: 19, it: 10 } })) }));
    expect(r.total).toBe(60);
    expect(r.outcome).toBe('pass');
    const low = computeResult(base({ scores: members.map((memberId) => ({ memberId, scores: { basics: 10, capability: 20, management: 19, it: 10 } })) }));
    expect(low.outcome).toBe('fail');
    expect(low.reasons[0]).toBe('平均总分 59 分，低于合格线 60 分');
  });

  it('吉医保规〔2023〕1号 第十三条: a failed veto item fails the evaluation whatever the total', () => {
    const r = computeResult(base({ scores: members.map((memberId, i) => ({ memberId, scores: { ...full, it: i === 0 ? 0 : 10 } })) }));
    expect(r.passByScore).toBe(true);
    expect(r.vetoFailed).toEqual(['it']);
    expect(r.outcome).toBe('fail');
  });

  it('云医保〔2022〕6号 第十四条(一)3: when a vote is taken, a strict majority of members must vote pass', () => {
    const sheet = YUNNAN_CHECKLIST;
    const scores = members.map((memberId) => ({ memberId, scores: Object.fromEntries(sheet.items.map((i) => [i.id, 1])) }));
    const two = computeResult(base({ sheet, scores, voting: 'optional', allMustSign: false, votes: [{ memberId: 'm1', vote: 'pass' }, { memberId: 'm2', vote: 'pass' }, { memberId: 'm3', vote: 'fail' }] }));
    expect(two.outcome).toBe('pass');
    const one = computeResult(base({ sheet, scores, voting: 'optional', votes: [{ memberId: 'm1', vote: 'pass' }, { memberId: 'm2', vote: 'fail' }, { memberId: 'm3', vote: 'fail' }] }));
    expect(one.outcome).toBe('fail');
    const none = computeResult(base({ sheet, scores, voting: 'optional' }));
    expect(none.votes.taken).toBe(false);
    expect(none.outcome).toBe('pass');
    expect(computeResult(base({ sheet, scores, voting: 'required' })).missing.votes).toEqual(members);
  });

  it('吉医保规〔2023〕1号 第十八条: the result is final only when every member has signed', () => {
    expect(computeResult(base()).final).toBe(true);
    const r = computeResult(base({ signatures: [{ memberId: 'm1' }] }));
    expect(r.final).toBe(false);
    expect(r.missing.signatures).toEqual(['m2', 'm3']);
    expect(computeResult(base({ signatures: [], allMustSign: false })).final).toBe(true);
  });

  it('scores must cover every item within its points', () => {
    expect(validateScores(JILIN_MEDICAL_SHEET, full)).toEqual([]);
    expect(validateScores(JILIN_MEDICAL_SHEET, { basics: 31, capability: 40, management: 20, x: 1 })).toEqual([
      '评分表中没有「x」项', '「基本情况」得分须在 0–30 之间', '「信息系统具备直接联网结算条件」未评分',
    ]);
  });
});

describe('example weights are marked as such', () => {
  it('吉医保规〔2023〕1号 第十六条、第十七条: every item of both Jilin sheets carries verified: false (the text gives no point values)', () => {
    for (const sheet of [JILIN_MEDICAL_SHEET, JILIN_LTC_SHEET]) {
      expect(sheet.title).toContain('示例权重');
      for (const item of sheet.items) expect(item.cites.every((c) => c.verified === false), `${sheet.id} ${item.id}`).toBe(true);
    }
  });
});
