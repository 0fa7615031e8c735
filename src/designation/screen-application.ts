/**
 * Screening before acceptance (京医保发〔2021〕30号 第十二条 and the national baseline): the
 * facts are assembled from the registry and the application history, the policy module's
 * `evaluate(profile, 'screening', facts, asOf)` names every rule that fired, and the result goes
 * into the `screening_completed` event run by the system — clear → 材料审核, else the officer
 * confirms (不予受理决定书) or overrides with a written reason.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { AppContext } from '../server/context';
import { chinaDate } from '../domain/clock/clock';
import { evaluate, type Evaluation } from '../domain/policy/resolve';
import { cleanScreeningFacts, type ScreeningFacts } from '../domain/policy/facts';
import type { Application } from '../domain/designation/application';
import type { InstitutionKind } from '../domain/registry/enums';
import { applications, institutionPersons, institutions, persons, settings } from '../db/schema/index';
import { findApplication, type ApplicationRow } from '../db/designation-repo';
import { AppError } from '../domain/errors';
import { SYSTEM_ACTOR } from './build-context';
import { runEvent, type RunEventResult } from './run-event';

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

export async function screeningFacts(ctx: AppContext, row: ApplicationRow): Promise<ScreeningFacts> {
  const today = day(ctx.clock.now());
  const [inst] = await ctx.db.select().from(institutions).where(eq(institutions.id, row.institutionId));
  if (!inst) throw new AppError('NOT_FOUND', '机构不存在');
  const facts: ScreeningFacts = { ...cleanScreeningFacts(row.kind as InstitutionKind), ownership: inst.ownership, beds: inst.beds };
  if (inst.openedOn) facts.operatingSince = inst.openedOn;
  if (inst.status === 'terminated') {
    facts.terminations = [{ date: day(inst.updatedAt), cause: 'serious_breach', penaltiesFulfilled: false }];
  }

  // 法定代表人、主要负责人、实际控制人 and the institutions they held a role in before
  const links = await ctx.db
    .select({ personId: persons.id, name: persons.name, dishonest: persons.dishonest, role: institutionPersons.role, toDate: institutionPersons.toDate })
    .from(institutionPersons)
    .innerJoin(persons, eq(persons.id, institutionPersons.personId))
    .where(eq(institutionPersons.institutionId, inst.id));
  const current = links.filter((l) => !l.toDate || l.toDate >= today);
  const ids = [...new Set(current.map((l) => l.personId))];
  const elsewhere = ids.length
    ? await ctx.db
        .select({ personId: institutionPersons.personId, status: institutions.status, updatedAt: institutions.updatedAt })
        .from(institutionPersons)
        .innerJoin(institutions, eq(institutions.id, institutionPersons.institutionId))
        .where(and(inArray(institutionPersons.personId, ids), ne(institutions.id, inst.id)))
    : [];
  facts.persons = current.map((l) => ({
    role: l.role, name: l.name, dishonest: l.dishonest,
    priorTerminations: elsewhere.filter((e) => e.personId === l.personId && e.status === 'terminated').map((e) => ({ date: day(e.updatedAt), serious: true })),
  }));

  // this institution's earlier applications: failed evaluations (第九条 / 第十四条(三))
  const history = await ctx.db.select({ data: applications.data }).from(applications)
    .where(and(eq(applications.institutionId, inst.id), ne(applications.id, row.id)));
  facts.lastEvaluationFailures = failureDates(history.map((h) => h.data as Application));

  const [plan] = await ctx.db.select().from(settings).where(eq(settings.key, allocationPlanKey(row.regionCode)));
  if (typeof plan?.value === 'boolean') facts.regionHasAllocationPlan = plan.value;
  return facts;
}

/** Runs the screening rules and the `screening_completed` step as the system. */
export async function screenApplication(ctx: AppContext, applicationId: string, version: number): Promise<RunEventResult & { evaluation: Evaluation }> {
  const row = await findApplication(ctx.db, applicationId);
  if (!row) throw new AppError('NOT_FOUND', '申请不存在');
  const facts = await screeningFacts(ctx, row);
  const evaluation = evaluate(row.profileId, 'screening', facts, day(ctx.clock.now()));
  const r = await runEvent(ctx, SYSTEM_ACTOR, applicationId, { type: 'screening_completed', reasons: evaluation.reasons }, version, {
    screen: false,
    auditExtra: { checked: evaluation.checked, undetermined: evaluation.undetermined, rulesetVersion: evaluation.version },
  });
  return { ...r, evaluation };
}
