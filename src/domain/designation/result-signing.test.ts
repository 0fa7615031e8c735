/** Who signs the evaluation result, per profile, with the profile's own article (issue #7 item 3). */
import { describe, expect, it } from 'vitest';
import { ctxFor } from './fixtures';
import { GUARDS, guardCites, guardTitle } from './guards';
import { formatCites } from './cite';
import { JILIN, YUNNAN } from './profiles';
import { resultSigning, signingClosedReason } from './result-signing';

const SIGNING_GUARDS = ['panel.member', 'evaluation.ready-to-sign', 'evaluation.not-signed-yet', 'evaluation.complete'];

describe('evaluation signatures per profile', () => {
  it('吉医保规〔2023〕1号 第十八条: in Jilin every member signs and the signing guards cite 第十八条', () => {
    const ctx = ctxFor(JILIN, 'expert', '2025-06-01');
    for (const id of SIGNING_GUARDS) expect(formatCites(guardCites(GUARDS[id]!, ctx)), id).toContain('吉医保规〔2023〕1号 第十八条');
    expect(guardTitle(GUARDS['evaluation.complete']!, ctx)).toContain('全体成员签字');
    expect(resultSigning(JILIN)).toMatchObject({ allMustSign: true, citation: '吉医保规〔2023〕1号 第十八条' });
  });

  it('云医保〔2022〕6号 第十四条(一)3: in Yunnan the minutes record the votes; signatures are optional and no Yunnan guard cites Jilin or says all must sign', () => {
    const ctx = ctxFor(YUNNAN, 'expert', '2025-06-01');
    for (const id of SIGNING_GUARDS) {
      const cites = formatCites(guardCites(GUARDS[id]!, ctx));
      expect(cites, id).toContain('云医保〔2022〕6号 第十四条(一)3');
      expect(cites, id).not.toContain('吉医保规');
      expect(guardTitle(GUARDS[id]!, ctx), id).not.toContain('全体成员签字');
    }
    const s = resultSigning(YUNNAN);
    expect(s).toMatchObject({ allMustSign: false, citation: '云医保〔2022〕6号 第十四条(一)3' });
    expect(s.rule).toContain('会议纪要出具前可签字');
  });

  it('云医保〔2022〕6号 第十四条(一)3: once the minutes are issued signing is closed, and the reason names the minutes', () => {
    expect(signingClosedReason('evaluating', YUNNAN, null)).toBeNull();
    expect(signingClosedReason('evaluated_pass', YUNNAN, '五华医保定纪〔2025〕1号')).toBe('评估会议纪要（五华医保定纪〔2025〕1号）已出具，评估结果已确定，不能再签字（云医保〔2022〕6号 第十四条(一)3）');
  });
});
