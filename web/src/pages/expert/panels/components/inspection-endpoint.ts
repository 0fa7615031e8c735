/**
 * POST /api/experts/panels/:id/inspection with the 云医保〔2022〕6号 第十三条 checklist and the
 * inspecting members' expert ids — the shared client (web/src/api/, being regenerated) has the
 * older body without the checklist; this page's call lives here until it is regenerated.
 */
import { api } from '../../../../api/client';
import type { ExpertStepResult } from '../../../../api/pipeline-types';
import type { ChecklistLine } from '../../../applications/components/evaluation-records';

export interface InspectionBody {
  findings: string;
  /** expert ids of the inspecting panel members */
  by: string[];
  checklist?: ChecklistLine[];
  version?: number;
}

export const recordInspection = (appId: string, body: InspectionBody) =>
  api.post<ExpertStepResult>(`/api/experts/panels/${encodeURIComponent(appId)}/inspection`, body);
