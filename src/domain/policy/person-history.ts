/**
 * 京医保发〔2021〕30号 第十二条(七) / 国家医疗保障局令第2号 第十二条(七): 「法定代表人、主要负责人或实际
 * 控制人曾因严重违法违规导致原定点医疗机构被解除医保协议，未满5年的」. Who counts, from the
 * dated person-role links and the dated termination records (decision 0024):
 *
 * - a person counts for a termination only if they held one of the three roles AT THE TERMINATED
 *   INSTITUTION on the termination date: from ≤ terminatedOn ≤ to (to null = still holds it);
 * - the day of a change is inclusive on both sides: on the day a legal representative is replaced,
 *   the outgoing one (to = that day) and the incoming one (from = that day) both held the role;
 * - only terminations for 严重违法违规 (category 'serious') count; the 5-year window is the rule's.
 * Pure; the screening reads the links and records in one statement (src/db/screening-repo.ts).
 */
export const TERMINATION_CATEGORIES = ['serious', 'other'] as const;
export type TerminationCategory = (typeof TERMINATION_CATEGORIES)[number];
export const terminationCategoryLabel: Record<TerminationCategory, string> = {
  serious: '因严重违法违规解除',
  other: '其他原因解除',
};

export interface RoleSpan {
  institutionId: string;
  role: string;
  fromDate: string;
  toDate: string | null;
}

export interface TerminationRecord {
  institutionId: string;
  terminatedOn: string;
  category: TerminationCategory;
  /**
   * the persons the record names as holding a role on the day (the lifecycle writes them; decision
   * 0034): they count even if the registry's role spans were later edited or never recorded
   */
  personIds?: readonly string[];
}

/** Whether a role span covers `day`, both ends inclusive. */
export const heldOn = (span: Pick<RoleSpan, 'fromDate' | 'toDate'>, day: string): boolean =>
  span.fromDate <= day && (span.toDate === null || day <= span.toDate);

/**
 * The terminations a person's role history makes theirs: each termination of an institution where
 * one of their spans covers the termination date, and each record that names them (`personId`). `serious` says whether (七) may count it.
 */
export function personTerminations(spans: readonly RoleSpan[], terminations: readonly TerminationRecord[], personId?: string): { date: string; serious: boolean; institutionId: string }[] {
  return terminations
    .filter((t) => spans.some((s) => s.institutionId === t.institutionId && heldOn(s, t.terminatedOn)) || (personId !== undefined && (t.personIds ?? []).includes(personId)))
    .map((t) => ({ date: t.terminatedOn, serious: t.category === 'serious', institutionId: t.institutionId }));
}
