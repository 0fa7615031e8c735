/**
 * Scoring sheets and the evaluation result. A checklist (云医保〔2022〕6号 第十四条(二),
 * 京医保发〔2021〕30号 第九条) is a sheet whose items are worth 1 point and veto below 1; a quantified
 * sheet (吉医保规〔2023〕1号 第十六条) has points per item and a pass threshold. Both are profile data.
 *
 * 合格 when the averaged total reaches the threshold and no veto item failed, and — when votes are
 * taken (云医保〔2022〕6号 第十四条(一)3 "必要时…表决") — a strict majority of members voted pass.
 * The result is final only when every member has signed (吉医保规〔2023〕1号 第十八条).
 */
import type { Cite } from './cite';

export interface ScoringItem {
  id: string;
  title: string;
  maxPoints: number;
  /** the item fails the whole evaluation when its averaged score is below this (一票否决) */
  vetoBelow?: number;
  cites: Cite[];
}

export interface ScoringSheet {
  id: string;
  version: string;
  title: string;
  items: ScoringItem[];
  /** 合格 threshold on the averaged total */
  passThreshold: number;
  cites: Cite[];
}

export interface MemberScores {
  memberId: string;
  scores: Record<string, number>;
}

export type VotingRule = 'none' | 'optional' | 'required';

export interface ResultInput {
  sheet: ScoringSheet;
  memberIds: readonly string[];
  scores: readonly MemberScores[];
  votes: readonly { memberId: string; vote: 'pass' | 'fail' }[];
  signatures: readonly { memberId: string }[];
  voting: VotingRule;
  /** 吉医保规〔2023〕1号 第十八条: the result needs every member's signature */
  allMustSign: boolean;
}

export interface ItemResult {
  itemId: string;
  title: string;
  mean: number;
  maxPoints: number;
  vetoFailed: boolean;
}

export interface EvaluationComputation {
  perItem: ItemResult[];
  /** averaged total, rounded to 2 decimals for display; comparisons use exact sums */
  total: number;
  passByScore: boolean;
  vetoFailed: string[];
  votes: { pass: number; fail: number; taken: boolean; majorityPass: boolean };
  outcome: 'pass' | 'fail';
  missing: { scores: string[]; votes: string[]; signatures: string[] };
  /** every score and vote is in (and every signature, when all must sign) */
  final: boolean;
  /** Chinese explanations for the minutes and the 评估结果告知书 */
  reasons: string[];
}

/** Problems with one member's scores: unknown item, missing item, out of range. Empty when fine. */
export function validateScores(sheet: ScoringSheet, scores: Record<string, number>): string[] {
  const problems: string[] = [];
  const known = new Set(sheet.items.map((i) => i.id));
  for (const id of Object.keys(scores)) if (!known.has(id)) problems.push(`评分表中没有「${id}」项`);
  for (const item of sheet.items) {
    const v = scores[item.id];
    if (v === undefined) problems.push(`「${item.title}」未评分`);
    else if (!Number.isFinite(v) || v < 0 || v > item.maxPoints) problems.push(`「${item.title}」得分须在 0–${item.maxPoints} 之间`);
  }
  return problems;
}

export function computeResult(input: ResultInput): EvaluationComputation {
  const { sheet, memberIds } = input;
  const scored = input.scores.filter((s) => memberIds.includes(s.memberId));
  const n = scored.length;
  const perItem: ItemResult[] = sheet.items.map((item) => {
    const sum = scored.reduce((acc, s) => acc + (s.scores[item.id] ?? 0), 0);
    const mean = n ? sum / n : 0;
    // exact comparison: sum < vetoBelow × n
    const vetoFailed = item.vetoBelow !== undefined && (n === 0 || sum < item.vetoBelow * n);
    return { itemId: item.id, title: item.title, mean: Math.round(mean * 100) / 100, maxPoints: item.maxPoints, vetoFailed };
  });
  const grandSum = scored.reduce((acc, s) => acc + sheet.items.reduce((a, i) => a + (s.scores[i.id] ?? 0), 0), 0);
  const passByScore = n > 0 && grandSum >= sheet.passThreshold * n;
  const vetoFailed = perItem.filter((i) => i.vetoFailed).map((i) => i.itemId);

  const votes = input.votes.filter((v) => memberIds.includes(v.memberId));
  const pass = votes.filter((v) => v.vote === 'pass').length;
  const taken = input.voting === 'required' || (input.voting === 'optional' && votes.length > 0);
  const majorityPass = pass * 2 > memberIds.length;

  const has = (list: readonly { memberId: string }[]) => (id: string) => list.some((x) => x.memberId === id);
  const missing = {
    scores: memberIds.filter((id) => !has(scored)(id)),
    votes: taken ? memberIds.filter((id) => !has(votes)(id)) : [],
    signatures: input.allMustSign ? memberIds.filter((id) => !has(input.signatures)(id)) : [],
  };

  const reasons: string[] = [];
  const total = n ? Math.round((grandSum / n) * 100) / 100 : 0;
  if (!passByScore) reasons.push(`平均总分 ${total} 分，低于合格线 ${sheet.passThreshold} 分`);
  for (const i of perItem.filter((x) => x.vetoFailed)) reasons.push(`否决项「${i.title}」未达要求`);
  if (taken && !majorityPass) reasons.push(`表决同意 ${pass} 票，未过评估小组成员（${memberIds.length} 人）半数`);

  const outcome = passByScore && vetoFailed.length === 0 && (!taken || majorityPass) ? 'pass' : 'fail';
  return {
    perItem,
    total,
    passByScore,
    vetoFailed,
    votes: { pass, fail: votes.length - pass, taken, majorityPass },
    outcome,
    missing,
    final: missing.scores.length === 0 && missing.votes.length === 0 && missing.signatures.length === 0,
    reasons,
  };
}
