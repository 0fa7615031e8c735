import { describe, expect, it } from 'vitest';
import { BEIJING, JILIN, NATIONAL, YUNNAN, ZIZHIQU_DRAFT } from './profiles';
import { stepBasis } from './step-basis';

/** issue #7: a signing or mandate refusal cites the profile's own article, never another province's. */
describe('the basis of the signing step per profile', () => {
  it('云医保〔2022〕6号 第十八条 in Yunnan only; each other profile its own text or the national order', () => {
    expect(stepBasis(YUNNAN, 'signing', 'institution_sign')).toContain('云医保〔2022〕6号 第十八条');
    const others = [BEIJING, JILIN, NATIONAL, ZIZHIQU_DRAFT].map((p) => stepBasis(p, 'signing', 'institution_sign'));
    for (const b of others) {
      expect(b).not.toMatch(/云医保/);
      expect(b.length).toBeGreaterThan(0);
    }
    expect(others[0]).toMatch(/京医保发〔2021〕30号/);
    expect(others[1]).toMatch(/吉医保规〔2023〕1号/);
    expect(others[0]).not.toMatch(/吉医保规/);
  });
});
