/**
 * The campaign's screening (decision 0041 ↔ 0037): the facts of a page of agreements in one go
 * (src/db/renewal-facts-repo.ts), then the pure rules per agreement under the campaign's profile and
 * parameters. The reasons are stored as the screening gave them.
 */
import { renewalFactsOf } from '../db/renewal-facts-repo';
import { defaultParams, paramsFrom, screenRenewal } from '../domain/renewal-screening/screen';
import type { ScreenBatch } from './screen-batch';

export const screenAgreements: ScreenBatch = async (db, profileId, params, today, rows, signingEnds) => {
  const facts = await renewalFactsOf(db, rows.map((r) => r.id));
  const variant = { profileId, params: paramsFrom(profileId, params) };
  return rows.map((r) => {
    const f = facts.get(r.id);
    if (!f) throw new Error(`no facts for agreement ${r.id}`);
    const s = screenRenewal(f, variant, { today, signingEnds });
    return { agreementId: r.id, outcome: s.outcome, reasons: s.reasons };
  });
};

export const renewalDefaults = (profileId: string): Record<string, unknown> => ({ ...defaultParams(profileId) });
