/**
 * An officer's findings at 材料审核 that the refusal rules read (decision 0024): what was found,
 * when, on what source (decision number, report), with a note and/or a file as evidence. Pure:
 * the kinds, which fact each one sets, and whether it outlives the application it was made in.
 */
import type { Citation } from './citation';
import type { ScreeningFacts } from './facts';

export const FINDING_KINDS = [
  'price_violation', 'unfulfilled_penalty', 'fraud_application',
  'medical_tout', 'false_advertising', 'serious_safety_hazard', 'leased_departments', 'adverse_social_impact',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** The boolean screening facts a finding sets (fraud sets its date instead). */
type FlagFact = 'priceViolation' | 'unfulfilledPenalty' | 'medicalTout' | 'falseAdvertising' | 'seriousSafetyHazard' | 'leasedDepartments' | 'adverseSocialImpact';

export interface FindingKindDef {
  label: string;
  /** the fact it feeds */
  fact: FlagFact | 'fraudApplicationFoundOn';
  /**
   * true: an institution's finding, read by every later application until resolved or aged out
   * (a penalty not fulfilled; fraud counts 3 years from discovery); false: this application's
   */
  outlives: boolean;
  /** what `foundOn` means for this kind */
  dateLabel: string;
  /** what `source` holds */
  sourceLabel: string;
  cites: Citation[];
}

const ord2 = (item: number): Citation => ({ doc: '国家医疗保障局令第2号', article: 12, item });
const bj = (item: number): Citation => ({ doc: '京医保发〔2021〕30号', article: 12, item });
const yn308: Citation = { doc: '云人社发〔2016〕308号', part: 2, item: 2 };

export const findingKinds: Record<FindingKind, FindingKindDef> = {
  price_violation: { label: '基本医疗服务未执行医药价格政策', fact: 'priceViolation', outlives: false, dateLabel: '发现日期', sourceLabel: '来源（检查、通报或文号）', cites: [ord2(2), bj(2)] },
  unfulfilled_penalty: { label: '未依法履行行政处罚责任', fact: 'unfulfilledPenalty', outlives: true, dateLabel: '处罚决定日期', sourceLabel: '行政处罚决定书文号', cites: [ord2(3), bj(3)] },
  fraud_application: { label: '以弄虚作假等不正当手段申请定点', fact: 'fraudApplicationFoundOn', outlives: true, dateLabel: '发现日期', sourceLabel: '认定文书或来源', cites: [ord2(4), bj(4)] },
  medical_tout: { label: '存在医托', fact: 'medicalTout', outlives: false, dateLabel: '认定日期', sourceLabel: '来源（认定部门、文号）', cites: [yn308] },
  false_advertising: { label: '发布虚假医疗广告', fact: 'falseAdvertising', outlives: false, dateLabel: '认定日期', sourceLabel: '来源（认定部门、文号）', cites: [yn308] },
  serious_safety_hazard: { label: '被卫生计生行政部门认定存在严重医疗安全隐患', fact: 'seriousSafetyHazard', outlives: false, dateLabel: '认定日期', sourceLabel: '认定文书文号', cites: [yn308] },
  leased_departments: { label: '出租、承包科室', fact: 'leasedDepartments', outlives: false, dateLabel: '认定日期', sourceLabel: '来源（认定部门、文号）', cites: [yn308] },
  adverse_social_impact: { label: '造成其它不良社会影响', fact: 'adverseSocialImpact', outlives: false, dateLabel: '发生或认定日期', sourceLabel: '来源（报道、通报或文号）', cites: [yn308] },
};

/** Chinese labels of the finding kinds (for /api/meta/enums and forms). */
export const findingKindLabel = Object.fromEntries(FINDING_KINDS.map((k) => [k, findingKinds[k].label])) as Record<FindingKind, string>;

export interface Finding {
  id: string;
  kind: FindingKind;
  /** the application it was made in (an outliving finding also counts for the institution's later applications) */
  applicationId: string | null;
  foundOn: string;
  source: string;
  note: string | null;
  /** an uploaded file of the application as evidence */
  evidenceFileId: string | null;
  /** that file's name and SHA-256 as recorded with the finding */
  evidenceFile: string | null;
  /** a penalty later fulfilled, a finding withdrawn: no longer counts from this date */
  resolvedOn: string | null;
}

/** 「（行政处罚决定书 X号，2025-03-01）」: the evidence a refusal names. */
export const findingEvidence = (f: Pick<Finding, 'source' | 'foundOn'>): string => `${f.source}，${f.foundOn}`;

/**
 * Which findings count for the application `applicationId` on `asOf`: this application's, and the
 * institution's outliving ones not resolved by then.
 */
export function findingsInForce(findings: readonly Finding[], applicationId: string, asOf: string): Finding[] {
  return findings.filter((f) =>
    f.foundOn <= asOf && (f.resolvedOn === null || f.resolvedOn > asOf) && (f.applicationId === applicationId || findingKinds[f.kind].outlives));
}

/**
 * The facts the findings in force set, with their evidence for the refusal's message. Absent kinds
 * leave the facts as they are (the caller's defaults).
 */
export function factsFromFindings(findings: readonly Finding[]): Pick<ScreeningFacts, 'evidence'> & Partial<ScreeningFacts> {
  const out: Partial<ScreeningFacts> = {};
  const evidence: Record<string, string> = {};
  const sorted = [...findings].sort((a, b) => (a.foundOn < b.foundOn ? -1 : a.foundOn > b.foundOn ? 1 : 0));
  for (const f of sorted) {
    const def = findingKinds[f.kind];
    if (def.fact === 'fraudApplicationFoundOn') out.fraudApplicationFoundOn = f.foundOn; // the latest discovery counts
    else out[def.fact] = true;
    evidence[def.fact] = evidence[def.fact] && def.fact !== 'fraudApplicationFoundOn' ? `${evidence[def.fact]}；${findingEvidence(f)}` : findingEvidence(f);
  }
  return { ...out, evidence };
}
