/**
 * The seam between a campaign and the screening (decision 0041): the campaign hands a page of
 * agreements in, the screening answers one proposal per agreement with every rule that fired or had
 * no data (src/domain/renewal/, its facts from src/db/). The campaign never knows a rule.
 */
import type { Db, Tx } from '../db/client';
import type { Outcome } from '../domain/renewal-campaign/item-case';

export interface AgreementInScope {
  id: string;
  institutionId: string;
  regionCode: string;
  termTo: string;
}

export interface ScreenedAgreement {
  agreementId: string;
  outcome: Outcome;
  /** every rule that fired or had no data: { ruleId, citation, result, message, facts } */
  reasons: unknown[];
}

/** `signingEnds`: the campaign's last day for decisions — 二(一)1's 「集中签约期」 */
export type ScreenBatch = (db: Db | Tx, profileId: string, params: Record<string, unknown>, today: string, rows: readonly AgreementInScope[], signingEnds: string) => Promise<ScreenedAgreement[]>;
