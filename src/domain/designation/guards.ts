/**
 * Named, pure guards. Each has an id (used in the transition table and stored in the audit row),
 * the articles it implements, and a check that returns null when it holds or a Chinese sentence
 * saying why not.
 */
import type { Application, AppIn, InspectionFinding } from './application';
import { BJ, citesFor, JL, nat, ownCites, YN, ZZQ, type Cite } from './cite';
import { missingRequired, namesItem, type TransitionContext } from './context';
import type { DesignationEvent, EventOf } from './events';
import { specialtyLabel } from './panel';
import { effectiveResult, outstandingConditions, outstandingRows } from './conditions';
import { panelSpecialtiesFor, type WorkflowProfile } from './profiles';
import { computeResult, validateScores, type EvaluationComputation } from './scoring';
import type { EventType } from './states';

type Check = (app: Application, ev: DesignationEvent, ctx: TransitionContext) => string | null;

export interface GuardDef {
  id: string;
  /** fixed, or the profile's (a guard whose meaning follows a profile flag says so in its title) */
  title: string | ((ctx: TransitionContext) => string);
  /**
   * every layer's articles side by side (resolved to the profile's layers by `citesFor`), or the
   * profile's own (for guards that read a profile flag or parameter)
   */
  cites: Cite[] | ((ctx: TransitionContext) => Cite[]);
  check: Check;
}

const ev = <T extends EventType>(e: DesignationEvent, _t: T) => e as EventOf<T>;
const inState = <S extends Application['state']>(a: Application, _s: S) => a as AppIn<S>;

/** The panel's computed result (null for a third-party evaluation). */
export function panelResult(app: AppIn<'evaluating'>, ctx: TransitionContext): EvaluationComputation | null {
  const e = app.evaluation.evaluator;
  if (e.kind !== 'panel') return null;
  const sheet = ctx.sheets[app.evaluation.sheetId];
  if (!sheet) return null;
  return computeResult({
    sheet,
    memberIds: e.panel.members.map((m) => m.expertId),
    scores: e.scores,
    votes: e.votes,
    signatures: e.signatures,
    voting: ctx.profile.voting.value,
    allMustSign: ctx.profile.allMembersSign.value,
  });
}

/**
 * Who signs the evaluation result, per profile: 吉医保规〔2023〕1号 第十八条 — every member, and the
 * result waits for it; 云医保〔2022〕6号 第十四条(一)3 — the minutes record the votes, signatures are
 * optional (possible until the minutes are issued). Guards about signing cite the profile's article.
 */
const signCites = (ctx: TransitionContext): Cite[] => ctx.profile.allMembersSign.cites;

/**
 * A panel member's display name for messages a person reads (the id where the member is unknown).
 * The drawn panel carries each member's name, so refusals stay pure and name people, never ids.
 */
export function memberName(app: Application, memberId: string): string {
  if (app.state !== 'evaluating' || app.evaluation.evaluator.kind !== 'panel') return memberId;
  return app.evaluation.evaluator.panel.members.find((m) => m.expertId === memberId)?.name ?? memberId;
}
const namesOf = (app: Application, ids: readonly string[]) => ids.map((id) => memberName(app, id)).join('、');

const memberCheck: Check = (app, e, ctx) => {
  const a = inState(app, 'evaluating');
  const { memberId } = e as { memberId: string };
  if (a.evaluation.evaluator.kind !== 'panel') return '本次评估委托第三方机构，无评估小组成员';
  if (!a.evaluation.evaluator.panel.members.some((m) => m.expertId === memberId)) return '所选人员不是本评估小组成员';
  if (ctx.actor.role === 'expert' && ctx.actor.id !== memberId) return '专家只能以本人身份评分、表决和签字';
  return null;
};

/**
 * Steps that only some applications have: the work queue offers them only where this holds, and
 * their rows' guards (`violation-review.applicable`, `briefing.panel-evaluation`) refuse them elsewhere.
 */
export const OFFERED_ONLY_WHEN: Partial<Record<EventType, (app: Application) => boolean>> = {
  record_violation_review: (app) => app.route === 'add_category',
  record_evaluation_briefing: (app) => app.state === 'evaluating' && app.evaluation.evaluator.kind === 'panel',
};

const guardList: GuardDef[] = [
  {
    id: 'screening.clear', title: '未命中不予受理情形', cites: [nat(12), { doc: BJ, article: 12 }],
    check: (_a, e) => {
      const { reasons } = ev(e, 'screening_completed');
      return reasons.length === 0 ? null : `命中不予受理情形：${reasons.map((r) => `${r.message}（${r.citation}）`).join('；')}`;
    },
  },
  {
    id: 'refusal-by-law.cited', title: '依法律法规不予受理的，须写明所依据的法律法规条款及理由', cites: [nat(12, 9), { doc: BJ, article: 12, item: 9 }],
    check: (_a, e) => {
      const { basis, reason } = ev(e, 'refuse_by_law');
      const missing = [!basis?.trim() && '所依据的法律法规条款', !reason?.trim() && '不予受理的理由'].filter(Boolean);
      return missing.length ? `依「法律法规规定的其他不予受理的情形」不予受理，须写明${missing.join('和')}` : null;
    },
  },
  {
    // the profile's flag: none of the texts requires it, so no profile sets it today (decision 0024)
    id: 'refusal.head-decision', title: '本统筹区不予受理由经办机构负责人决定',
    cites: [nat(12, 9), { doc: BJ, article: 12, item: 9 }],
    check: (_a, _e, ctx) => (ctx.profile.refusalHeadDecision?.value && ctx.actor.role !== 'agency_head' ? '本统筹区不予受理须由经办机构负责人决定' : null),
  },
  {
    id: 'override.written-reason', title: '改判须书面说明理由', cites: [nat(12), { doc: BJ, article: 12 }],
    check: (_a, e) => (ev(e, 'override_refusal').reason.trim().length >= 5 ? null : '改判继续受理须填写不少于5个字的书面理由'),
  },
  {
    id: 'supplement.lists-items', title: '一次性告知须列明全部需补正材料', cites: [nat(8), { doc: YN, article: 9 }, { doc: BJ, article: 8 }],
    check: (_a, e) => (ev(e, 'request_supplement').missingItems.length > 0 ? null : '一次性告知书须列明需补正的材料'),
  },
  {
    id: 'supplement.lists-missing', title: '一次性告知须列明全部尚未提交的必备材料', cites: (ctx) => ctx.profile.completeMaterials.cites,
    check: (_a, e, ctx) => {
      if (!ctx.profile.completeMaterials.value) return null;
      if (!ctx.materials) return '未能核对申请材料的提交情况，请刷新后重试';
      const listed = ev(e, 'request_supplement').missingItems;
      const dropped = missingRequired(ctx.materials).filter((m) => !listed.some((l) => namesItem(l, m)));
      return dropped.length === 0 ? null : `一次性告知须列明全部尚未提交的必备材料，以下材料尚未提交却未列入告知：${dropped.map((m) => m.label).join('、')}`;
    },
  },
  {
    id: 'supplement.one-time', title: '一次性告知：不得新增首次告知以外的补正项目', cites: [nat(8), { doc: YN, article: 9 }, { doc: BJ, article: 8 }],
    check: (app, e) => {
      const listed = new Set(inState(app, 'supplemented').supplementNotice.items);
      const extra = ev(e, 'request_supplement').missingItems.filter((i) => !listed.has(i));
      return extra.length === 0 ? null : `补正须一次性告知，以下材料不在首次告知书中：${extra.join('、')}`;
    },
  },
  {
    id: 'supplement.has-items', title: '补正须提交材料', cites: [nat(8), { doc: YN, article: 9 }, { doc: BJ, article: 8 }],
    check: (_a, e) => (ev(e, 'supplement').items.length > 0 ? null : '未提交任何补正材料'),
  },
  {
    id: 'materials.complete', title: '申请材料齐全方可受理', cites: (ctx) => ctx.profile.completeMaterials.cites,
    check: (_a, _e, ctx) => {
      if (!ctx.profile.completeMaterials.value) return null;
      if (!ctx.materials) return '未能核对申请材料的提交情况，请刷新后重试';
      const missing = missingRequired(ctx.materials);
      return missing.length === 0
        ? null
        : `申请材料不全，不能受理。以下必备材料尚未提交：${missing.map((m) => m.label).join('、')}；请一次性告知医药机构补正`;
    },
  },
  {
    id: 'violation-review.applicable', title: '违规性审核适用于申请增加支付类别的定点医药机构', cites: (ctx) => ctx.profile.violationReviewForAddCategory.cites,
    check: (app) => (OFFERED_ONLY_WHEN.record_violation_review!(app) ? null : '违规性审核适用于申请增加医保支付类别的定点医药机构；首次申请定点的按材料审核（初审）办理'),
  },
  {
    id: 'violation-review.recorded', title: '申请增加支付类别的，受理前须完成违规性审核', cites: (ctx) => ctx.profile.violationReviewForAddCategory.cites,
    check: (app, _e, ctx) => {
      if (!ctx.profile.violationReviewForAddCategory.value || app.route !== 'add_category') return null;
      return (app as AppIn<'under_review'>).violationReview ? null : '申请增加医保支付类别的，须先记录违规性审核情况，方可受理';
    },
  },
  {
    id: 'mutual-recognition.applicable', title: '属于同城互认的服务类别', cites: (ctx) => ctx.profile.mutualRecognition.cites,
    check: (_a, e, ctx) => {
      const mr = ctx.profile.mutualRecognition.value;
      if (!mr) return '本统筹区未实行评估结果同城互认';
      const { categories } = ev(e, 'recognise_result');
      const bad = categories.filter((c) => !mr.categories.includes(c));
      return categories.length > 0 && bad.length === 0 ? null : `以下服务类别不在互认范围内：${bad.join('、') || '（未填写）'}`;
    },
  },
  {
    id: 'evaluation.batch-profile', title: '本统筹区实行集中评估', cites: (ctx) => ctx.profile.batchEvaluation.cites,
    check: (_a, _e, ctx) => (ctx.profile.batchEvaluation.value ? null : '本统筹区未实行“随时受理、集中评估”，无需编入批次'),
  },
  {
    id: 'evaluation.not-awaiting-batch', title: '随时受理、集中评估：须先编入评估批次', cites: (ctx) => ctx.profile.batchEvaluation.cites,
    check: (_a, _e, ctx) => (ctx.profile.batchEvaluation.value ? '本统筹区实行“随时受理、集中评估”，须先编入集中评估批次' : null),
  },
  {
    id: 'panel.covers-specialties', title: '评估小组覆盖规定专业', cites: (ctx) => ctx.profile.panelSpecialties.cites,
    check: (app, e, ctx) => {
      const { panel } = ev(e, 'form_panel');
      if (panel.institutionId !== app.institutionId) return '抽取记录与申请机构不符';
      const ids = panel.members.map((m) => m.expertId);
      if (new Set(ids).size !== ids.length) return '评估小组成员重复';
      const covered = new Set(panel.members.map((m) => m.specialty));
      const missing = panelSpecialtiesFor(ctx.profile, app.institutionKind).filter((s) => !covered.has(s));
      return missing.length === 0 ? null : `评估小组缺少${missing.map((s) => specialtyLabel[s]).join('、')}专业人员`;
    },
  },
  {
    id: 'third-party.allowed', title: '可委托第三方机构评估', cites: (ctx) => ctx.profile.thirdPartyAllowed.cites,
    check: (_a, e, ctx) => {
      if (!ctx.profile.thirdPartyAllowed.value) return '本统筹区不委托第三方机构评估';
      return ev(e, 'appoint_third_party').qualification.trim() ? null : '第三方机构应当具备相关资质条件，须登记资质';
    },
  },
  {
    id: 'inspection.mode-allowed', title: '评估形式为本统筹区规定的形式', cites: (ctx) => ctx.profile.inspectionModes.cites,
    check: (_a, e, ctx) => {
      const { mode } = (e as EventOf<'form_panel'>).inspection;
      return ctx.profile.inspectionModes.value.includes(mode) ? null : `本统筹区评估形式不含「${{ written: '书面', on_site: '现场', video: '远程视频' }[mode]}」`;
    },
  },
  {
    id: 'inspection.required-situations', title: '规定情形须现场核查', cites: (ctx) => ctx.profile.mandatoryInspection.cites,
    check: (app, e, ctx) => {
      if (!ctx.profile.mandatoryInspection.value) return null;
      const { inspection, doubts } = e as EventOf<'form_panel'>;
      const s = inspectionSituations(app, doubts);
      if (s.length === 0) return null;
      return inspection.required && inspection.mode === 'on_site' ? null : `属于须现场核查的情形（第十三条第${s.join('、')}项），须安排现场核查`;
    },
  },
  {
    id: 'inspection.by-panel-members', title: '现场核查从评估小组中抽取人员承担', cites: (ctx) => ctx.profile.inspectorsFromPanel.cites,
    check: (app, e, ctx) => {
      const evaluator = inState(app, 'evaluating').evaluation.evaluator;
      if (!ctx.profile.inspectorsFromPanel.value || evaluator.kind !== 'panel') return null;
      const members = new Set(evaluator.panel.members.map((m) => m.expertId));
      const outside = ev(e, 'record_inspection').by.filter((b) => !members.has(b));
      return outside.length === 0 ? null : `现场核查从评估小组中抽取人员承担，以下核查人员不是本评估小组成员：${outside.join('、')}`;
    },
  },
  {
    id: 'inspection.checklist-complete', title: '现场核查逐项记录规定的核查内容', cites: (ctx) => ctx.profile.inspectionChecklist.cites,
    check: (_a, e, ctx) => checklistProblem(ctx.profile, ev(e, 'record_inspection').checklist),
  },
  {
    id: 'briefing.panel-evaluation', title: '政策学习和承办部门汇报属于评估小组的专业评估程序', cites: (ctx) => ctx.profile.evaluationBriefing.cites,
    check: (app) => (OFFERED_ONLY_WHEN.record_evaluation_briefing!(app) ? null : '本次评估委托第三方机构，不召开评估小组评估会议'),
  },
  {
    id: 'evaluation.briefed', title: '评估前已组织政策学习并听取承办部门汇报', cites: (ctx) => ctx.profile.evaluationBriefing.cites,
    check: (app, _e, ctx) => {
      const { evaluator, briefing } = inState(app, 'evaluating').evaluation;
      if (!ctx.profile.evaluationBriefing.value || evaluator.kind !== 'panel' || briefing) return null;
      return '尚未记录评估程序中的政策规定和纪律要求学习及承办部门汇报情况';
    },
  },
  { id: 'panel.member', title: '评估小组成员本人操作', cites: signCites, check: memberCheck },
  {
    id: 'scores.valid', title: '评分完整且不超过分值', cites: (ctx) => ctx.profile.sheets.cites,
    check: (app, e, ctx) => {
      const sheet = ctx.sheets[inState(app, 'evaluating').evaluation.sheetId];
      if (!sheet) return '评分表不存在';
      const p = validateScores(sheet, ev(e, 'record_scores').scores);
      return p.length === 0 ? null : p.join('；');
    },
  },
  {
    id: 'voting.allowed', title: '本统筹区评估可表决', cites: (ctx) => ctx.profile.voting.cites,
    check: (_a, _e, ctx) => (ctx.profile.voting.value === 'none' ? '本统筹区以量化赋分确定评估结果，不进行表决' : null),
  },
  {
    id: 'evaluation.not-signed-yet', title: '签字确认后不得修改评分和表决', cites: signCites,
    check: (app, _e, ctx) => {
      const e = inState(app, 'evaluating').evaluation.evaluator;
      if (e.kind !== 'panel' || e.signatures.length === 0) return null;
      return ctx.profile.allMembersSign.value
        ? '已有成员签字确认评估结果，评分和表决不得再修改'
        : '已有成员签字确认会议记录的评分和表决，评分和表决不得再修改';
    },
  },
  {
    id: 'evaluation.ready-to-sign', title: '评分、表决完成后方可签字', cites: signCites,
    check: (app, e, ctx) => {
      const r = panelResult(inState(app, 'evaluating'), ctx);
      if (!r) return '评分表不存在';
      const { memberId } = ev(e, 'sign_result');
      if (inState(app, 'evaluating').evaluation.evaluator.kind === 'panel'
        && (inState(app, 'evaluating').evaluation.evaluator as { signatures: { memberId: string }[] }).signatures.some((s) => s.memberId === memberId)) {
        return '该成员已签字';
      }
      const waiting = [...r.missing.scores, ...r.missing.votes];
      return waiting.length === 0 ? null : `尚有成员未完成评分或表决：${namesOf(app, [...new Set(waiting)])}`;
    },
  },
  {
    // 回避 before the member has acted: scores, votes and signatures are the member's own and stay
    // with the record; an expert stands down only for themself, the officer records a conflict found;
    // the redraw replaces exactly that member in the same slot
    id: 'recusal.allowed', title: '评估小组成员回避，随机补抽同专业人员', cites: [nat(9), { doc: YN, article: 11 }, { doc: BJ, article: 9 }, { doc: JL, article: 15 }],
    check: (app, e, ctx) => {
      const a = inState(app, 'evaluating');
      const ev_ = ev(e, 'recuse_member');
      const p = a.evaluation.evaluator;
      if (p.kind !== 'panel') return '本次评估委托第三方机构，无评估小组成员';
      const member = p.panel.members.find((m) => m.expertId === ev_.memberId);
      if (!member) return `${ev_.memberId} 不是本评估小组成员`;
      if (ctx.actor.role === 'expert' && ctx.actor.id !== ev_.memberId) return '评估专家只能申请本人回避';
      const acted = p.scores.some((s) => s.memberId === member.expertId) || p.votes.some((v) => v.memberId === member.expertId)
        || p.signatures.some((s) => s.memberId === member.expertId);
      if (acted) return `${member.name} 已评分、表决或签字，不能再回避；如确有利害关系，请重新组织评估`;
      if (ev_.unavailable) return null; // no redraw to check: recusal.replacement-available refuses
      const next = ev_.panel;
      const last = next.replacements.at(-1);
      const sameOthers = next.members.length === p.panel.members.length
        && next.members.every((m) => (m.slot === member.slot ? m.expertId !== member.expertId && m.specialty === member.specialty : p.panel.members.some((o) => o.expertId === m.expertId && o.slot === m.slot)));
      if (!last || last.out !== member.expertId || next.seed !== p.panel.seed || !sameOthers) return '补抽结果须只替换回避成员本人（同专业、同一抽取序列）';
      return null;
    },
  },
  {
    id: 'recusal.replacement-available', title: '专家库中有可补抽的同专业人员', cites: (ctx) => ctx.profile.panelSpecialties.cites,
    check: (_a, e) => ev(e, 'recuse_member').unavailable ?? null,
  },
  {
    id: 'third-party.appointed', title: '委托第三方机构评估', cites: (ctx) => ctx.profile.thirdPartyAllowed.cites,
    check: (app) => (inState(app, 'evaluating').evaluation.evaluator.kind === 'third_party' ? null : '本次评估由评估小组进行，不是第三方机构'),
  },
  {
    id: 'inspection.done', title: '须现场核查的已完成核查', cites: [nat(9), { doc: YN, article: 13 }, { doc: BJ, article: 9 }, { doc: JL, article: 14 }],
    check: (app, _e, ctx) => {
      const i = inState(app, 'evaluating').evaluation.inspection;
      if (!i.required) return null;
      if (!i.record) return '须现场核查，尚未记录核查情况';
      const gap = checklistProblem(ctx.profile, i.record.checklist);
      return gap ? `核查记录不完整，请重新记录：${gap}` : null;
    },
  },
  {
    id: 'evaluation.complete',
    title: (ctx) => (ctx.profile.allMembersSign.value ? '评估完成：评分、表决齐全，全体成员签字' : '评估完成：评分、表决齐全，如实记录（成员签字不是结果确定的条件）'),
    cites: (ctx) => [...ctx.profile.allMembersSign.cites, ...ctx.profile.voting.cites],
    check: (app, _e, ctx) => {
      const a = inState(app, 'evaluating');
      if (a.evaluation.evaluator.kind === 'third_party') return a.evaluation.evaluator.result ? null : '第三方机构尚未提交评估结论';
      const r = panelResult(a, ctx);
      if (!r) return '评分表不存在';
      const parts: string[] = [];
      if (r.missing.scores.length) parts.push(`未评分：${namesOf(a, r.missing.scores)}`);
      if (r.missing.votes.length) parts.push(`未表决：${namesOf(a, r.missing.votes)}`);
      if (r.missing.signatures.length) parts.push(`未签字：${namesOf(a, r.missing.signatures)}`);
      return parts.length === 0 ? null : `评估结果尚未最终确定（${parts.join('；')}）`;
    },
  },
  {
    id: 'evaluation.passed', title: '评估结果为合格', cites: [nat(9), { doc: YN, article: 14, item: 3 }, { doc: BJ, article: 9 }, { doc: JL, article: 16 }],
    check: (app, _e, ctx) => {
      const a = inState(app, 'evaluating');
      if (a.evaluation.evaluator.kind === 'third_party') return a.evaluation.evaluator.result?.pass ? null : '第三方评估结论为不合格';
      const r = panelResult(a, ctx);
      return r && r.outcome === 'pass' ? null : `评估不合格：${r?.reasons.join('；') ?? ''}`;
    },
  },
  {
    // 国家医疗保障局令第2号 第九条 / 京医保发〔2021〕30号 第九条 / 云医保〔2022〕6号 第十四条(二)1 / 吉医保规〔2023〕1号 第十三条、第十七条:
    // the evaluation checks the basic conditions; none unmet, none undetermined without a finding (decision 0023)
    id: 'conditions.met', title: '基本条件均符合（无法判断的已由经办人记录核查结论）',
    cites: (ctx) => {
      const rows = ctx.conditions ? outstandingRows(ctx.conditions) : [];
      return rows.length ? rows.flatMap((r) => r.cites) : [nat(6), nat(9), { doc: YN, article: 14, item: 2, point: 1 }, { doc: BJ, article: 6 }, { doc: JL, article: 8 }, { doc: JL, article: 9 }];
    },
    check: (_app, _e, ctx) => {
      const out = outstandingConditions(ctx.conditions ?? null);
      return out.length ? out.map((r) => r.message).join('；') : null;
    },
  },
  {
    // 无法判断 is never a silent pass, nor a silent 不合格: the officer records a finding first (decision 0023)
    id: 'conditions.determined', title: '基本条件已核查，无法判断的已由经办人记录核查结论',
    cites: (ctx) => {
      const rows = ctx.conditions ? outstandingRows(ctx.conditions).filter((r) => effectiveResult(ctx.conditions!, r).result === 'unknown') : [];
      return rows.length ? rows.flatMap((r) => r.cites) : [nat(6), nat(9), { doc: YN, article: 14, item: 2, point: 1 }, { doc: BJ, article: 6 }, { doc: JL, article: 8 }, { doc: JL, article: 9 }];
    },
    check: (_app, _e, ctx) => {
      if (!ctx.conditions) return '基本条件尚未核查';
      const open = ctx.conditions.rows.filter((r) => effectiveResult(ctx.conditions!, r).result === 'unknown');
      return open.length ? open.map((r) => `「${r.title}」无法判断（${r.reason}），须由经办人记录核查结论`).join('；') : null;
    },
  },
  {
    id: 'evaluation.first-failure', title: '首次评估不合格', cites: [nat(9), { doc: YN, article: 14, item: 3 }, { doc: BJ, article: 9 }, { doc: JL, article: 20 }],
    check: (app) => (app.attempt === 1 ? null : '再次评估仍不合格'),
  },
  {
    id: 'reevaluation.wait-elapsed', title: '整改期满后方可再次评估', cites: (ctx) => ctx.profile.params['reevaluation.wait.months'].cites,
    check: (app, _e, ctx) => {
      const { reevaluationFrom } = inState(app, 'rectifying');
      return ctx.today >= reevaluationFrom ? null : `整改期未满，${reevaluationFrom} 起方可申请再次评估`;
    },
  },
  {
    id: 'complaint.new', title: '举报投诉编号不重复', cites: [nat(9), { doc: YN, article: 15 }, { doc: BJ, article: 9 }, { doc: JL, article: 19 }],
    check: (app, e) => (inState(app, 'in_publicity').publicity.complaints.some((c) => c.id === ev(e, 'file_complaint').complaintId) ? '该举报投诉已登记' : null),
  },
  {
    id: 'complaint.open', title: '举报投诉已登记且未办结', cites: [nat(9), { doc: YN, article: 15 }, { doc: BJ, article: 9 }, { doc: JL, article: 19 }],
    check: (app, e) => {
      const c = inState(app, 'in_publicity').publicity.complaints.find((x) => x.id === ev(e, 'resolve_complaint').complaintId);
      return !c ? '未找到该举报投诉' : c.outcome ? '该举报投诉已办结' : null;
    },
  },
  {
    id: 'complaint.cancels-negotiation', title: '举报属实的取消协商谈判资格', cites: (ctx) => ctx.profile.complaintCancelsNegotiation.cites,
    check: (_a, e, ctx) => {
      if (!ev(e, 'resolve_complaint').foundTrue) return '举报投诉经核实不属实';
      return ctx.profile.complaintCancelsNegotiation.value ? null : '本统筹区规定对属实举报稳妥处理，不自动取消协商谈判资格';
    },
  },
  {
    id: 'publicity.period-elapsed', title: '公示期已满', cites: (ctx) => ctx.profile.params['publicity.duration.workdays'].cites,
    check: (app, _e, ctx) => {
      const { endsOn } = inState(app, 'in_publicity').publicity;
      if (endsOn === null) return ctx.actor.role === 'system' ? '公示期由经办人结束' : null;
      return ctx.today > endsOn ? null : `公示期至 ${endsOn} 届满，尚未结束`;
    },
  },
  {
    id: 'publicity.complaints-resolved', title: '公示期间举报投诉已调查核实', cites: [nat(9), { doc: YN, article: 15 }, { doc: BJ, article: 9 }, { doc: JL, article: 19 }],
    check: (app) => {
      const open = inState(app, 'in_publicity').publicity.complaints.filter((c) => !c.outcome);
      return open.length === 0 ? null : `尚有 ${open.length} 件举报投诉未调查核实`;
    },
  },
  {
    id: 'negotiation.meeting-date', title: '协商谈判日期不早于谈判开始之日、不晚于今日', cites: [nat(10), { doc: YN, article: 16 }, { doc: BJ, article: 10 }, { doc: JL, article: 21 }, { doc: ZZQ, part: 1, item: 2 }],
    check: (app, e, ctx) => {
      const { on } = ev(e, 'record_negotiation').meeting;
      const opensOn = inState(app, 'negotiating').negotiation.opensOn;
      if (on < opensOn) return `谈判日期（on）${on}早于协商谈判开始之日${opensOn}`;
      if (on > ctx.today) return `谈判日期（on）${on}晚于今日${ctx.today}，只能记录已召开的协商谈判`;
      return null;
    },
  },
  {
    id: 'negotiation.recorded', title: '协商过程记录在案', cites: (ctx) => ctx.profile.negotiationRecordRequired.cites,
    check: (app, _e, ctx) => (!ctx.profile.negotiationRecordRequired.value || inState(app, 'negotiating').negotiation.meetings.length > 0
      ? null : '尚无协商谈判记录，协商过程应记录在案'),
  },
  {
    id: 'study.recorded', title: '已组织协议学习并确定协议文本', cites: [nat(10), { doc: YN, article: 17 }, { doc: BJ, article: 10 }, { doc: JL, article: 22 }, { doc: ZZQ, part: 1, item: 3 }],
    check: (_a, e) => {
      const s = ev(e, 'complete_study');
      return s.attendees.length > 0 && s.textHash && s.templateId ? null : '须记录协议学习参加人员并确定协议文本（范本及版本）';
    },
  },
  {
    id: 'signing.signer-authorised', title: '由法定代表人或其授权委托人签订', cites: [nat(10), { doc: YN, article: 18 }, { doc: BJ, article: 10 }, { doc: JL, article: 22 }, { doc: ZZQ, part: 1, item: 4 }],
    check: (_a, e) => {
      const s = e as EventOf<'institution_sign'>;
      return s.capacity === 'legal_rep' || s.authorisationFileId ? null : '授权委托人签订须上传授权委托书';
    },
  },
  {
    id: 'signing.text-unchanged', title: '签署的文本与确定的协议文本一致', cites: [nat(10), { doc: YN, article: 18 }, { doc: BJ, article: 10 }, { doc: JL, article: 22 }, { doc: ZZQ, part: 1, item: 3 }],
    check: (app, e) => ((e as EventOf<'institution_sign'>).textHash === inState(app, 'signing').agreement.textHash ? null : '签署的文本与确定的协议文本不一致'),
  },
  {
    id: 'signing.party-not-signed', title: '同一方不重复签署', cites: [nat(10), { doc: YN, article: 18 }, { doc: BJ, article: 10 }, { doc: JL, article: 22 }, { doc: ZZQ, part: 1, item: 4 }],
    check: (app, e) => {
      const ag = inState(app, 'signing').agreement;
      const done = e.type === 'institution_sign' ? ag.institutionSignature : ag.agencySignature;
      return done ? `${e.type === 'institution_sign' ? '医药机构' : '经办机构'}已签署` : null;
    },
  },
  {
    id: 'signing.other-party-signed', title: '对方已签署', cites: [nat(10), { doc: YN, article: 18 }, { doc: BJ, article: 10 }, { doc: JL, article: 22 }, { doc: ZZQ, part: 1, item: 4 }],
    check: (app, e) => {
      const ag = inState(app, 'signing').agreement;
      const other = e.type === 'institution_sign' ? ag.agencySignature : ag.institutionSignature;
      return other ? null : '对方尚未签署';
    },
  },
  {
    id: 'signing.deadline-passed', title: '签订期限已过', cites: (ctx) => ctx.profile.params['signing.limit.workdays'].cites,
    check: (app, _e, ctx) => {
      const { signBy } = inState(app, 'signing').agreement;
      return signBy !== null && ctx.today > signBy ? null : signBy === null ? '本统筹区未规定签订期限' : `签订期限至 ${signBy}，尚未届满`;
    },
  },
];

/**
 * What is wrong with an inspection checklist under the profile (null = fine): every item of the
 * profile's checklist exactly once, none other, each with its finding. A profile without a
 * checklist takes a free-text record.
 */
export function checklistProblem(profile: WorkflowProfile, checklist: readonly InspectionFinding[] | undefined): string | null {
  const items = profile.inspectionChecklist.value;
  if (!items) return null;
  const given = checklist ?? [];
  const problems: string[] = [];
  const missing = items.filter((i) => !given.some((g) => g.item === i.id && g.finding.trim()));
  if (missing.length) problems.push(`未记录：${missing.map((i) => i.label).join('、')}`);
  const twice = items.filter((i) => given.filter((g) => g.item === i.id).length > 1);
  if (twice.length) problems.push(`重复记录：${twice.map((i) => i.label).join('、')}`);
  const unknown = given.filter((g) => !items.some((i) => i.id === g.item));
  if (unknown.length) problems.push(`不属于核查内容：${unknown.map((g) => g.item).join('、')}`);
  return problems.length ? `现场核查须逐项记录核查内容及是否符合（${problems.join('；')}）` : null;
}

/**
 * 云医保〔2022〕6号 第十三条: the situations that require an on-site inspection (1–5).
 * 1 first application of a medical institution; 2 first application of a single pharmacy;
 * 3 doubtful match between category and capability; 4 breach during an agreement term; 5 other.
 */
export function inspectionSituations(
  app: Application, doubts?: { capabilityMismatch?: boolean; breachInTerm?: boolean; other?: boolean },
): number[] {
  const s: number[] = [];
  if (app.route === 'new' && app.institutionKind === 'medical') s.push(1);
  if (app.route === 'new' && app.institutionKind === 'pharmacy' && app.singlePharmacy) s.push(2);
  if (doubts?.capabilityMismatch) s.push(3);
  if (doubts?.breachInTerm) s.push(4);
  if (doubts?.other) s.push(5);
  return s;
}

export const GUARDS: Readonly<Record<string, GuardDef>> = Object.fromEntries(guardList.map((g) => [g.id, g]));
export type GuardId = string;

/** A guard's citations as the profile may show them: its own region's (else the national order's), never another region's. */
export const guardCites = (g: GuardDef, ctx: TransitionContext): Cite[] =>
  (typeof g.cites === 'function' ? ownCites(ctx.profile, g.cites(ctx)) : citesFor(ctx.profile, g.cites));
export const guardTitle = (g: GuardDef, ctx: TransitionContext): string => (typeof g.title === 'function' ? g.title(ctx) : g.title);
