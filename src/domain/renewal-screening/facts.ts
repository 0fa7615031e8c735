/**
 * What the renewal screening reads of one agreement (issue #11, decision 0037). Every fact the
 * system does not hold for certain is a `Fact`: a value with its source, or 无数据 with why — a rule
 * reading 无数据 says so and never passes silently. The lifecycle's own facts (state, suspension,
 * requests, no-renewal grounds) are always known; imported ones (settlement, 追溯码, 医保码, 挂证,
 * 双通道 service, 阴阳价格) are known once imported (src/db/, src/indicators/).
 */
import type { IsoDate } from '../workflow/case-type';
import type { InstitutionKind } from '../registry/enums';
import type { LifeState } from '../agreement/lifecycle';

export type Fact<T> = { value: T; source: string } | { noData: string };

export const known = <T>(value: T, source: string): Fact<T> => ({ value, source });
export const noData = (why: string): Fact<never> => ({ noData: why });
export const hasData = <T>(f: Fact<T>): f is { value: T; source: string } => 'value' in f;

export interface RenewalFacts {
  agreementId: string;
  institutionId: string;
  institutionName: string;
  institutionKind: InstitutionKind;
  regionCode: string;
  termTo: IsoDate;
  /** the agreement is the pharmacy's 双通道 agreement (2025 draft 三(二)3) */
  dualChannel: boolean;
  // ---- the agreement's life (always known) ----
  lifeState: LifeState;
  /** the current suspension, if any: how it came and until when at the longest */
  suspension: { mode: 'requested' | 'imposed' | 'cascade'; from: IsoDate; maxUntil: IsoDate; resumptionRequestedOn: IsoDate | null } | null;
  /** a request to terminate received (pending or in effect) */
  terminationRequested: boolean;
  /** grounds the lifecycle recorded (e.g. 'suspension_over_180', 2025 draft 二(二)6) */
  noRenewalGrounds: readonly { code: string; since: IsoDate }[];
  /** suspensions in the current term (履约情况) */
  suspensionsInTerm: number;
  /** a termination the system proposes (建议解除) */
  terminationProposed: boolean;
  /** where the agreement came from: through designation in this system, or imported */
  source: 'generated' | 'import';
  /** the institution's first agreement began on (newly designated: within the coaching period) */
  designatedSince: IsoDate | null;
  // ---- the registry ----
  /** major information changes filed and not yet decided (二(一)2) */
  pendingMajorChange: Fact<boolean>;
  /** the institution's licences: any revoked or cancelled, the earliest end of validity */
  licences: Fact<{ revoked: boolean; earliestValidTo: IsoDate | null }>;
  // ---- decisions, audits (a later issue: 无数据 until it lands) ----
  unexecutedDecisions: Fact<boolean>;
  conditionsMet: Fact<boolean>;
  coachingUnrectified: Fact<boolean>;
  // ---- imported ----
  /** 医保结算费用 (元) per agreement year, e.g. { 2026: 1200.5 } */
  settlementByYear: Fact<Readonly<Record<number, number>>>;
  traceCodeCompliant: Fact<boolean>;
  ybCodeAccepted: Fact<boolean>;
  absentPractitioners: Fact<boolean>;
  dualChannelServiceCount12m: Fact<number>;
  crossAreaAddressChangeOutsidePlan: Fact<boolean>;
  dualPriceFinding: Fact<boolean>;
  // ---- performance (Yunnan, Beijing, Jilin) ----
  assessment: Fact<{ year: number; result: 'good' | 'qualified' | 'unqualified' }[]>;
  /** items an officer marked by hand: 二(一)4 / 二(二)15 (法律法规规定或协议约定的其他情形) */
  manualFlags: readonly { code: 'defer_other' | 'not_renew_other'; note: string }[];
}
