import type { InstitutionKind } from '../../registry/enums';
import type { ScreeningFacts } from '../facts';
import type { Stage } from '../model';

/**
 * One rule case: the rule under test, the profile and date, and what should hold. The runner names
 * the test `<citation> — <says>`, so every test name cites its article.
 */
export interface RuleCase {
  says: string;
  profile: string;
  asOf: string;
  ruleId: string;
  /** the formatted citation the rule must carry (substring of its citation label) */
  cites: string;
  /** a check: facts over a clean applicant of `kind`, and the verdict of this rule */
  stage?: Stage;
  kind?: InstitutionKind;
  facts?: Partial<ScreeningFacts>;
  expect?: 'pass' | 'fail' | 'unknown';
  /** parameter values on `asOf` */
  params?: Record<string, number>;
  /** number of enumerated situations / materials */
  items?: number;
  materials?: number;
  verified?: boolean;
}

/** A case that only asserts the rule is in force with its citation (and optional data). */
export const present = (profile: string, asOf: string, ruleId: string, cites: string, says: string, extra: Partial<RuleCase> = {}): RuleCase => ({
  profile, asOf, ruleId, cites, says, ...extra,
});

/** A check case. */
export const check = (
  profile: string, asOf: string, ruleId: string, cites: string, says: string,
  stage: Stage, facts: Partial<ScreeningFacts>, expect: 'pass' | 'fail' | 'unknown', kind: InstitutionKind = 'medical',
): RuleCase => ({ profile, asOf, ruleId, cites, says, stage, facts, expect, kind });
