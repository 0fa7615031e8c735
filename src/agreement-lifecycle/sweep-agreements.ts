/**
 * The agreement sweep (issue #10), run by the deadline sweep (POST /api/admin/deadlines/sweep and
 * the minute timer): due `deadlines` rows of case_type 'agreement' fire their event as the system —
 * suspension_max → suspension_max_passed (京医保发〔2021〕30号 第四十二条第二款, 吉医保规〔2023〕1号
 * 第二十八条; the 2025 draft 二(二)6 makes it a no-renewal ground), documents_due →
 * documents_deadline_passed (2025 draft 三(一)2), request_effective → request_takes_effect — then
 * live agreements past their term → expire (云医保〔2022〕6号 第三十二条), and pending agreements
 * whose payment was opened before their first day → activate, and renewed agreements (decision 0045) on
 * their first day → activate. Guards re-check the dates: a second
 * run does nothing; a refused event flags its row for an officer. The events go through the engine in
 * batches of 200 (runCaseEvents, decision 0036): decide() per agreement, one transaction per batch.
 */
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { AppContext } from '../context';
import { chinaDate } from '../domain/clock/clock';
import type { AgreementEvent } from '../domain/agreement/lifecycle';
import { dueCaseDeadlines, flagCaseDeadline } from '../db/case-deadline-repo';
import { expiredLiveAgreements } from '../db/agreement-life-repo';
import { pendingRenewalsDue } from '../db/renewal-sign-repo';
import { agreements, applications } from '../db/schema/index';
import { runCaseEvents } from '../workflow/run-case-event';
import { SYSTEM } from '../workflow/actor';
import { agreementBinding } from './binding';

export interface AgreementSweepReport {
  events: number;
  failed: number;
  outputs: { agreementId: string; event: string; error?: string }[];
}

const EVENT_OF: Record<string, AgreementEvent['type']> = {
  suspension_max: 'suspension_max_passed', documents_due: 'documents_deadline_passed', request_effective: 'request_takes_effect',
};
const BATCH = 200;

export async function sweepAgreements(ctx: AppContext): Promise<AgreementSweepReport> {
  const today = chinaDate(ctx.clock.now());
  const report: AgreementSweepReport = { events: 0, failed: 0, outputs: [] };
  const binding = agreementBinding(ctx);
  // a batch of events through the engine, set-based (runCaseEvents: one transaction per batch, decide() per agreement);
  // answers whether each event moved its agreement
  const fire = async (batch: readonly { agreementId: string; type: AgreementEvent['type'] }[]): Promise<boolean[]> => {
    const outcomes = await runCaseEvents(ctx, binding, SYSTEM, batch.map((b) => ({ caseId: b.agreementId, event: { type: b.type } as AgreementEvent })));
    return outcomes.map((o, i) => {
      const { agreementId, type } = batch[i]!;
      if (o.ok) {
        report.events++;
        report.outputs.push({ agreementId, event: type });
      } else {
        report.failed++;
        report.outputs.push({ agreementId, event: type, error: o.error instanceof Error ? o.error.message : String(o.error) });
      }
      return o.ok;
    });
  };

  const due = (await dueCaseDeadlines(ctx.db, 'agreement', today)).flatMap((d) => {
    const type = EVENT_OF[d.deadline];
    return type && d.caseId ? [{ row: d, agreementId: d.caseId, type }] : [];
  });
  for (let i = 0; i < due.length; i += BATCH) {
    const batch = due.slice(i, i + BATCH);
    const moved = await fire(batch);
    // a refused event (e.g. a resumption requested meanwhile) leaves the row for an officer, flagged once a day
    for (let j = 0; j < batch.length; j++) if (!moved[j]) await flagCaseDeadline(ctx.db, batch[j]!.row.id, today);
  }

  // expiry: in batches by agreements_life_term_idx; an agreement that would not move is not tried twice
  const tried = new Set<string>();
  for (;;) {
    const batch = (await expiredLiveAgreements(ctx.db, today, BATCH + tried.size)).filter((r) => !tried.has(r.id)).slice(0, BATCH);
    if (batch.length === 0) break;
    for (const r of batch) tried.add(r.id);
    await fire(batch.map((r) => ({ agreementId: r.id, type: 'expire' as const })));
  }

  // the payment was opened before the term's first day: the agreement takes effect on it
  const pending = await ctx.db.select({ id: agreements.id }).from(agreements)
    .innerJoin(applications, eq(applications.id, agreements.applicationId))
    .where(and(eq(agreements.lifeState, 'pending'), lte(agreements.termFrom, today), inArray(applications.state, ['activated'])))
    .orderBy(asc(agreements.termFrom)).limit(BATCH);
  if (pending.length) await fire(pending.map((r) => ({ agreementId: r.id, type: 'activate' as const })));

  // a renewed agreement signed by both (decision 0045) takes effect on its first day, the day after the old one
  // expired above — 「按照不留空挡期原则」 (云医保〔2022〕6号 第二十九条); the payment never closed, so nothing waits for it
  const renewals = (await pendingRenewalsDue(ctx.db, today, BATCH)).filter((r) => !tried.has(r.id));
  if (renewals.length) await fire(renewals.map((r) => ({ agreementId: r.id, type: 'activate' as const })));
  return report;
}
