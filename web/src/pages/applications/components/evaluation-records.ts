/**
 * Types of the records added for 云医保〔2022〕6号 第十条、第十三条、第十四条(一)1–2 that the shared
 * API types (web/src/api/, being regenerated) do not carry yet: kept next to the pages that read
 * them, to be dropped once the generated types have them.
 */
import type { ApplicationData, ApplicationDetail } from '../../../api/pipeline-types';

/** One line of the inspection record (第十三条 现场核查主要查看 1–5). */
export interface ChecklistLine {
  item: string;
  conforming: boolean;
  finding: string;
}

/** GET /api/applications/:id — the profile's checklist, or null where the record is free text. */
export interface InspectionChecklistView {
  items: { id: string; label: string }[];
  citation: string;
}

export interface ViolationReview {
  on: string;
  by: string;
  violationsFound: boolean;
  summary: string;
}

export interface EvaluationBriefing {
  on: string;
  by: string;
  study: { attendees: string[]; content: string };
  report: { reporter: string; basics: string; materialReview: string; violationReview: string; inspection: string; keyPoints?: string };
}

type Evaluation = NonNullable<ApplicationData['evaluation']>;
type InspectionRecord = NonNullable<Evaluation['inspection']['record']> & { checklist?: ChecklistLine[] };

/** ApplicationData with the new records. */
export type RecordsData = Omit<ApplicationData, 'evaluation'> & {
  violationReview?: ViolationReview;
  evaluation?: Omit<Evaluation, 'inspection'> & {
    inspection: Omit<Evaluation['inspection'], 'record'> & { record?: InspectionRecord };
    briefing?: EvaluationBriefing;
  };
};

export const recordsOf = (d: ApplicationDetail) => ({
  data: d.data as RecordsData,
  checklist: (d as ApplicationDetail & { inspectionChecklist?: InspectionChecklistView | null }).inspectionChecklist ?? null,
});

/** Panel members' names by expert id, to show inspectors recorded by id. */
export function memberNames(data: RecordsData): Map<string, string> {
  const e = data.evaluation?.evaluator;
  return new Map(e?.kind === 'panel' ? e.panel.members.map((m) => [m.expertId, m.name]) : []);
}
