/**
 * The agreement sweep (issue #10), run by the deadline sweep (POST /api/admin/deadlines/sweep and
 * the minute timer): due `deadlines` rows of case_type 'agreement' fire their event as the system —
 * suspension_max → suspension_max_passed (京医保发〔2021〕30号 第四十二条第二款, 吉医保规〔2023〕1号
 * 第二十八条; the 2025 draft 二(二)6 makes it a no-renewal ground), documents_due →
 * documents_deadline_passed (2025 draft 三(一)2), request_effective → request_takes_effect — then
 * live agreements past their term → expire (云医保〔2022〕6号 第三十二条), and pending agreements
 * whose payment was opened before their first day → activate. Guards re-check the dates: a second
 * run does nothing; a refused event flags its row for an officer.
 */
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { AppContext } from '../context';
import { chinaDate } from '../domain/clock/clock';
import type { AgreementEvent } from '../domain/agreement/lifecycle';
import { dueCaseDeadlines, flagCaseDeadline } from '../db/case-deadline-repo';
import { agreementVersion, expiredLiveAgreements } from '../db/agreement-life-repo';
import { agreements, applications } from '../db/schema/index';
import { runCaseEvent } from '../workflow/run-case-event';
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
  const fire = async (agreementId: string, type: AgreementEvent['type']): Promise<boolean> => {
    const version = await agreementVersion(ctx.db, agreementId);
    try {
      if (version === null) throw new Error('协议不存在');
      await runCaseEvent(ctx, binding, SYSTEM, agreementId, { type } as AgreementEvent, version);
      report.events++;
      report.outputs.push({ agreementId, event: type });
      return true;
    } catch (e) {
      report.failed++;
      report.outputs.push({ agreementId, event: type, error: e instanceof Error ? e.message : String(e) });
      return false;
    }
  };

  for (const d of await dueCaseDeadlines(ctx.db, 'agreement', today)) {
    const type = EVENT_OF[d.deadline];
    if (!type || !d.caseId) continue;
    // a refused event (e.g. a resumption requested meanwhile) leaves the row for an officer, flagged once a day
    if (!(await fire(d.caseId, type))) await flagCaseDeadline(ctx.db, d.id, today);
  }

  // expiry: in batches by agreements_life_term_idx; an agreement that would not move is not tried twice
  const tried = new Set<string>();
  for (;;) {
    const batch = (await expiredLiveAgreements(ctx.db, today, BATCH + tried.size)).filter((r) => !tried.has(r.id));
    if (batch.length === 0) break;
    for (const r of batch.slice(0, BATCH)) {
      tried.add(r.id);
      await fire(r.id, 'expire');
    }
  }

  // the payment was opened before the term's first day: the agreement takes effect on it
  const due = await ctx.db.select({ id: agreements.id }).from(agreements)
    .innerJoin(applications, eq(applications.id, agreements.applicationId))
    .where(and(eq(agreements.lifeState, 'pending'), lte(agreements.termFrom, today), inArray(applications.state, ['activated'])))
    .orderBy(asc(agreements.termFrom)).limit(BATCH);
  for (const r of due) await fire(r.id, 'activate');
  return report;
}
