/**
 * Who signs the panel's evaluation result, and until when — per profile, with its own article.
 * 吉医保规〔2023〕1号 第十八条: every member signs, and the result is final only then.
 * 云医保〔2022〕6号 第十四条(一)3: the members' opinions and votes are recorded truthfully in the
 * minutes (会议纪要); signatures are not required, but a member may still sign until the minutes
 * are issued (the conclude step issues them) — after that the record is closed.
 */
import { formatCites } from './cite';
import type { WorkflowProfile } from './profiles';

export interface ResultSigning {
  allMustSign: boolean;
  citation: string;
  /** one sentence for the expert's page */
  rule: string;
}

export function resultSigning(profile: WorkflowProfile): ResultSigning {
  const citation = formatCites(profile.allMembersSign.cites);
  return profile.allMembersSign.value
    ? { allMustSign: true, citation, rule: '评估结果由参与评估的组内全体成员签字确认：全体成员签字后评估结果方可确定；签字后评分和表决不得再修改。' }
    : { allMustSign: false, citation, rule: '评估结果以如实记录的评分和表决为准，形成会议纪要；成员签字不是结果确定的条件，评估会议纪要出具前可签字确认；签字后评分和表决不得再修改。' };
}

/** Why a member can no longer sign once the evaluation is concluded (the minutes issued), or null while it sits. */
export function signingClosedReason(state: string, profile: WorkflowProfile, minutesNumber: string | null): string | null {
  if (state === 'evaluating') return null;
  const { citation } = resultSigning(profile);
  return `评估会议纪要${minutesNumber ? `（${minutesNumber}）` : ''}已出具，评估结果已确定，不能再签字（${citation}）`;
}
