/**
 * The screening facts of an application (京医保发〔2021〕30号 第十二条 and the national baseline):
 * assembled from the registry, the persons' dated roles and the terminations they count, the
 * officer's findings, the institution's earlier applications and the province's allocation-plan
 * setting. Read by the screening (`screen-application.ts`) and the basic-condition check
 * (`check-conditions.ts`), which is why it lives apart from both.
 */
import type { AppContext } from '../context';
import { chinaDate } from '../domain/clock/clock';
import { cleanScreeningFacts, type ScreeningFacts } from '../domain/policy/facts';
import type { Application } from '../domain/designation/application';
import type { InstitutionKind } from '../domain/registry/enums';
import { loadScreeningSources } from '../db/screening-repo';
import { factsFromFindings, findingsInForce, type Finding } from '../domain/policy/findings';
import { heldOn, personTerminations } from '../domain/policy/person-history';
import { terminationFacts } from '../domain/policy/termination-facts';
import { nonBasicItems } from '../domain/registry/practice-scope';
import type { ApplicationRow } from '../db/designation-repo';
import { AppError } from '../domain/errors';

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
  // the institution's own termination records (第十二条(五)(六), 2025 草案 三(三); decision 0034) — not its
  // registry status, whose last update would move the ban
  facts.terminations = terminationFacts(src.own, today);

  // 法定代表人、主要负责人、实际控制人 holding the role today (the day of a change counts for both), and the
  // terminations for which they held a role at the terminated institution on its date (第十二条(七), decision 0024)
  const current = src.links.filter((l) => heldOn(l, today));
  facts.persons = current.map((l) => ({
    role: l.role as never, name: l.name, dishonest: l.dishonest,
    priorTerminations: personTerminations(src.elsewhere.filter((e) => e.personId === l.personId), src.terminations, l.personId)
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

