/**
 * The basic conditions in the procedure (decision 0023). After the automatic screening of a
 * submission the condition rules of the application's policy profile run on the facts of the
 * registry (opening date, beds, persons) and of the declaration (physicians, 医保 staff, LTC staff)
 * as of the submission day; the result is stored with every rule, article and reason. The officer
 * may re-run it (after a registry correction) and records a finding (核查结论) where a rule could not
 * decide; the evaluation cannot conclude 合格 while a condition is unmet or undetermined
 * (guards `conditions.determined`, `conditions.met`).
 */
import type { AppContext } from '../context';
import { chinaDate } from '../domain/clock/clock';
import { AppError, invalid } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { evaluateConditions, withDeclared, conditionResultLabel, type ConditionFinding } from '../domain/designation/conditions';
import type { ScreeningFacts } from '../domain/policy/facts';
import { stateLabel, type State } from '../domain/designation/states';
import { findApplication, type ApplicationRow, type Declaration } from '../db/designation-repo';
import { addConditionFinding, findConditionCheck, saveConditionCheck, type StoredConditionCheck } from '../db/condition-check-repo';
import { isSystem, whereFor, type Acting } from './build-context';
import { screeningFacts } from './screening-facts';

/** The states in which the conditions may be re-checked or a finding recorded: after submission, before the result. */
export const CONDITION_STATES: readonly State[] = [
  'under_review', 'needs_supplement', 'supplemented', 'accepted', 'batched', 'evaluating', 'reevaluation_requested', 'screening_refused',
];

/** The facts the condition rules run on: the registry's, plus what the declaration adds. */
export async function conditionFacts(ctx: AppContext, row: ApplicationRow): Promise<ScreeningFacts> {
  return withDeclared(await screeningFacts(ctx, row), (row.declaration as Declaration).conditions);
}

/** The day the conditions are judged on: the submission day (申请定点的医疗机构应当同时具备), else today. */
const asOfFor = (ctx: AppContext, row: ApplicationRow) => chinaDate(row.submittedAt ?? ctx.clock.now());

export async function checkConditions(ctx: AppContext, acting: Acting, row: ApplicationRow): Promise<StoredConditionCheck> {
  const facts = await conditionFacts(ctx, row);
  const asOf = asOfFor(ctx, row);
  const { rows, rulesetVersion } = evaluateConditions(row.profileId, facts, asOf);
  return saveConditionCheck(ctx.db, row.id, { asOf, rulesetVersion, rows, facts }, ctx.clock.now(), {
    actor: isSystem(acting) ? null : { id: acting.id, orgId: acting.orgId },
    action: 'application_conditions.check',
    regionCode: row.regionCode,
    after: { asOf, rulesetVersion, rows: rows.map((r) => ({ ruleId: r.ruleId, citation: r.citation, result: r.result, reason: r.reason })) },
  });
}

const OFFICERS = ['agency_officer', 'agency_head'] as const;

async function officerRow(ctx: AppContext, user: SessionUser, id: string): Promise<ApplicationRow> {
  const row = await findApplication(ctx.db, id, whereFor(user));
  if (!row) throw new AppError('NOT_FOUND', '申请不存在');
  if (!OFFICERS.some((r) => user.roles.includes(r))) throw new AppError('FORBIDDEN', '仅经办机构工作人员可核查基本条件');
  if (!CONDITION_STATES.includes(row.state as State)) {
    throw new AppError('CONFLICT', `当前状态为「${stateLabel[row.state as State] ?? row.state}」，不能核查基本条件（提交后、评估结果形成前可核查）`);
  }
  return row;
}

/** The officer re-runs the check on today's registry and declaration (findings are kept). */
export async function recheckConditions(ctx: AppContext, user: SessionUser, id: string, version: number | undefined): Promise<StoredConditionCheck> {
  const row = await officerRow(ctx, user, id);
  const cur = await findConditionCheck(ctx.db, row.id);
  if (cur && version !== cur.version) throw new AppError('CONFLICT', `基本条件核查已被他人更新，请刷新后重试（版本 ${cur.version}）`);
  const next = await checkConditions(ctx, user, row);
  return cur ? { ...next, findings: cur.findings } : next;
}

export interface FindingInput {
  version: number;
  ruleId: string;
  met: boolean;
  note: string;
}

/** The officer's finding on one condition, with the evidence in the note. */
export async function recordConditionFinding(ctx: AppContext, user: SessionUser, id: string, input: FindingInput): Promise<StoredConditionCheck> {
  const row = await officerRow(ctx, user, id);
  const cur = await findConditionCheck(ctx.db, row.id);
  if (!cur) throw new AppError('CONFLICT', '基本条件尚未核查，请先执行核查');
  const rule = cur.rows.find((r) => r.ruleId === input.ruleId);
  if (!rule) throw invalid('ruleId', '该规则不是本申请的基本条件');
  if (cur.version !== input.version) throw new AppError('CONFLICT', `基本条件核查已被他人更新，请刷新后重试（版本 ${cur.version}）`);
  const now = ctx.clock.now();
  const finding: ConditionFinding = { ruleId: rule.ruleId, met: input.met, note: input.note, by: user.displayName ?? user.username, on: chinaDate(now) };
  const saved = await addConditionFinding(ctx.db, row.id, input.version, finding, now, {
    actor: { id: user.id, orgId: user.orgId }, action: 'application_conditions.finding', regionCode: row.regionCode,
    before: { version: cur.version, result: conditionResultLabel[rule.result] },
    after: { version: cur.version + 1, ruleId: rule.ruleId, citation: rule.citation, met: input.met, note: input.note },
    reason: input.note,
  });
  if (!saved) throw new AppError('CONFLICT', '基本条件核查已被他人更新，请刷新后重试');
  return saved;
}
