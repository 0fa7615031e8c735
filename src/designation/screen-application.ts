/**
 * Screening before acceptance (京医保发〔2021〕30号 第十二条 and the national baseline): the
 * facts are assembled from the registry and the application history, the policy module's
 * `evaluate(profile, 'screening', facts, asOf)` names every rule that fired, and the result goes
 * into the `screening_completed` event run by the system — clear → 材料审核, else the officer
 * confirms (不予受理决定书) or overrides with a written reason.
 */
import type { AppContext } from '../context';
import { chinaDate } from '../domain/clock/clock';
import { evaluate, type Evaluation } from '../domain/policy/resolve';
import { cleanScreeningFacts, type ScreeningFacts } from '../domain/policy/facts';
import type { Application } from '../domain/designation/application';
import type { InstitutionKind } from '../domain/registry/enums';
import { loadScreeningSources } from '../db/screening-repo';
import { factsFromFindings, findingsInForce, type Finding } from '../domain/policy/findings';
import { heldOn, personTerminations } from '../domain/policy/person-history';
import { nonBasicItems } from '../domain/registry/practice-scope';
import type { ChainHead } from '../domain/audit/chain';
import { findApplication, type ApplicationRow } from '../db/designation-repo';
import { AppError } from '../domain/errors';
import { SYSTEM_ACTOR } from './build-context';
import { runEvent, type RunEventOptions, type RunEventResult } from './run-event';

const day = (d: Date) => chinaDate(d);

/** Settings key for a province's resource-allocation plan (自治区医保局〔2025〕征求意见稿 四). */
export const allocationPlanKey = (regionCode: string) => `allocation_plan.${regionCode.slice(0, 2)}0000`;

/** Dates on which failed results were served, since the last pass, oldest first. */
export function failureDates(history: Application[]): string[] {
  const outcomes = history.flatMap((a) => {
    const evals = 'evaluations' in a && a.evaluations ? a.evaluations : [];
    const served = 'noticeServedOn' in a && typeof a.noticeServedOn === 'string' ? a.noticeServedOn : null;
    return evals.map((o, i) => ({ on: !o.pass && served && i === evals.length - 1 ? served : o.on, pass: o.pass }));
  }).sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0));
  const lastPass = outcomes.map((o) => o.pass).lastIndexOf(true);
  return outcomes.slice(lastPass + 1).filter((o) => !o.pass).map((o) => o.on);
}

/** `pending`: findings being recorded in the same transaction as this screening (not yet in the database). */
export async function screeningFacts(ctx: AppContext, row: ApplicationRow, pending: readonly Finding[] = []): Promise<ScreeningFacts> {
  const today = day(ctx.clock.now());
  const src = await loadScreeningSources(ctx.db, row.institutionId, row.id, allocationPlanKey(row.regionCode));
  if (!src) throw new AppError('NOT_FOUND', '机构不存在');
  const inst = src.institution;
  const facts: ScreeningFacts = { ...cleanScreeningFacts(row.kind as InstitutionKind), ownership: inst.ownership, beds: inst.beds };
  if (inst.openedOn) facts.operatingSince = inst.openedOn;
  if (inst.status === 'terminated') {
    facts.terminations = [{ date: day(inst.updatedAt), cause: 'serious_breach', penaltiesFulfilled: false }];
  }

  // 法定代表人、主要负责人、实际控制人 holding the role today (the day of a change counts for both), and the
  // terminations for which they held a role at the terminated institution on its date (第十二条(七), decision 0024)
  const current = src.links.filter((l) => heldOn(l, today));
  facts.persons = current.map((l) => ({
    role: l.role as never, name: l.name, dishonest: l.dishonest,
    priorTerminations: personTerminations(src.elsewhere.filter((e) => e.personId === l.personId), src.terminations)
      .map(({ date, serious }) => ({ date, serious })),
  }));

  // 主要执业范围 from the registry (第十二条(一)); null = not recorded → undetermined
  if (inst.mainScope) {
    const nonBasic = nonBasicItems(inst.mainScope);
    facts.mainScopeNonBasic = nonBasic.length > 0;
    if (nonBasic.length) facts.evidence = { ...facts.evidence, mainScopeNonBasic: `登记的主要执业范围含${nonBasic.join('、')}` };
  } else {
    delete facts.mainScopeNonBasic;
  }

  // the officer's findings at 材料审核 in force for this application (第十二条(二)–(四), 云人社发〔2016〕308号 二(二))
  const found = factsFromFindings(findingsInForce([...src.findings, ...pending], row.id, today));
  Object.assign(facts, found, { evidence: { ...facts.evidence, ...found.evidence } });

  // this institution's earlier applications: failed evaluations (第九条 / 第十四条(三))
  facts.lastEvaluationFailures = failureDates(src.history as Application[]);

  if (typeof src.setting === 'boolean') facts.regionHasAllocationPlan = src.setting;
  return facts;
}

/**
 * Runs the screening rules and the `screening_completed` step as the system. `known`: the row and
 * its audit chain's head as the submit step just wrote them (no second read; a change in between
 * still fails the step's version check). `with`: an officer's finding the screening must already
 * see, and its writes, committed in the step's transaction (record-finding.ts).
 */
export async function screenApplication(
  ctx: AppContext, applicationId: string, version: number, known?: { row: ApplicationRow; head: ChainHead },
  withFinding?: { pending: Finding[]; within: NonNullable<RunEventOptions['within']>; row?: ApplicationRow },
): Promise<RunEventResult & { evaluation: Evaluation }> {
  const row = known?.row ?? withFinding?.row ?? (await findApplication(ctx.db, applicationId));
  if (!row) throw new AppError('NOT_FOUND', '申请不存在');
  const facts = await screeningFacts(ctx, row, withFinding?.pending);
  const evaluation = evaluate(row.profileId, 'screening', facts, day(ctx.clock.now()));
  const r = await runEvent(ctx, SYSTEM_ACTOR, applicationId, { type: 'screening_completed', reasons: evaluation.reasons }, version, {
    screen: false,
    ...(known ? { known } : {}),
    ...(withFinding ? { within: withFinding.within } : {}),
    auditExtra: { checked: evaluation.checked, undetermined: evaluation.undetermined, rulesetVersion: evaluation.version },
  });
  // the basic conditions, on the same registry facts plus the declaration: stored for the officer and the evaluation (decision 0023)
  const { checkConditions } = await import('./check-conditions');
  await checkConditions(ctx, SYSTEM_ACTOR, r.application);
  return { ...r, evaluation };
}
