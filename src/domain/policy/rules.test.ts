import { describe, expect, it } from 'vitest';
import { ALL_CASES } from './cases/index';
import { cleanScreeningFacts } from './facts';
import { citationLabel, evaluate, param, resolveProfile } from './resolve';

/** The one runner for the rule cases in ./cases: each test is named by the article it exercises. */
for (const { file, cases } of ALL_CASES) {
  describe(file, () => {
    for (const c of cases) {
      it(`${c.cites} — ${c.says}（${c.profile} @ ${c.asOf}）`, () => {
        const resolved = resolveProfile(c.profile, c.asOf);
        const entry = resolved.rules.find((r) => r.rule.id === c.ruleId);
        expect(entry, `规则 ${c.ruleId} 应在 ${c.profile} @ ${c.asOf} 生效`).toBeDefined();
        const rule = entry!.rule;
        expect(citationLabel(rule)).toContain(c.cites);
        if (c.verified !== undefined) expect(rule.verified).toBe(c.verified);
        for (const [key, value] of Object.entries(c.params ?? {})) expect(param(resolved, key), key).toBe(value);
        if (c.items !== undefined) expect(rule.items?.length).toBe(c.items);
        if (c.materials !== undefined) expect(rule.materials?.length).toBe(c.materials);
        if (c.stage) {
          const facts = { ...cleanScreeningFacts(c.kind ?? 'medical'), ...c.facts };
          const ev = evaluate(resolved, c.stage, facts);
          expect(ev.checked).toContain(c.ruleId);
          const failed = ev.reasons.find((r) => r.ruleId === c.ruleId);
          const undetermined = ev.undetermined.some((u) => u.ruleId === c.ruleId);
          const verdict = failed ? 'fail' : undetermined ? 'unknown' : 'pass';
          expect(verdict).toBe(c.expect);
          if (failed) {
            expect(failed.citation).toBe(citationLabel(rule));
            expect(failed.message).toMatch(/[\u4e00-\u9fff]/);
          }
        }
      });
    }
  });
}
