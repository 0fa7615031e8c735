import type { AppContext } from '../context';
import { applicationConditionChecks } from '../db/schema/index';
import type { DeclaredConditions } from '../domain/designation/conditions';

/** A declaration that meets 国家医疗保障局令第2号 第六条(二)(三) for a small hospital (decision 0023). */
export const DECLARED_CONDITIONS_MET: DeclaredConditions = {
  physicians: [{ name: '王医师', firstRegisteredHere: true, registeredSince: '2020-01-02' }],
  hasInsuranceStaff: true,
  hasInternalInsuranceDept: true,
};

/**
 * For an application seeded straight into a later state (no submission, so no automatic check):
 * a stored check of the basic conditions with nothing outstanding.
 */
export async function seedConditionsMet(ctx: AppContext, applicationId: string, asOf = '2025-01-01'): Promise<void> {
  await ctx.db.insert(applicationConditionChecks).values({
    applicationId, asOf, rulesetVersion: 'seeded', rows: [], facts: {}, findings: [], checkedAt: ctx.clock.now(),
  });
}
