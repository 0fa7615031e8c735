/**
 * A 中止 of a person's or department's settlement with a 截止日期 lapses by itself (decision 0042;
 * 京医保发〔2021〕30号 第四十五条, 云医保〔2022〕6号 第二十五条): the notice suspends 「自…起至…」, so the day after
 * `untilOn` the deadline sweep runs the system's `lapse` (中止期满恢复结算 → 已恢复结算) through the engine in
 * batches (runCaseEvents: decide() per restriction, one transaction per batch); the step writes the
 * outbox row `settlement.restriction_lifted` and the audit row like an officer's 恢复. The guard re-checks the
 * date: a second run does nothing; a refused one is not tried twice in a run.
 */
import type { AppContext } from '../context';
import { chinaDate } from '../domain/clock/clock';
import type { RestrictionEvent } from '../domain/settlement-restriction/restriction-case';
import { lapsingRestrictions } from '../db/restriction-repo';
import { runCaseEvents } from '../workflow/run-case-event';
import { SYSTEM } from '../workflow/actor';
import { restrictionBinding } from './binding';

export interface RestrictionSweepReport {
  events: number;
  failed: number;
  outputs: { restrictionId: string; event: 'lapse'; error?: string }[];
}

const BATCH = 200;

export async function sweepRestrictions(ctx: AppContext): Promise<RestrictionSweepReport> {
  const today = chinaDate(ctx.clock.now());
  const report: RestrictionSweepReport = { events: 0, failed: 0, outputs: [] };
  const binding = restrictionBinding();
  const tried = new Set<string>();
  for (;;) {
    const batch = (await lapsingRestrictions(ctx.db, today, BATCH + tried.size)).filter((r) => !tried.has(r.id)).slice(0, BATCH);
    if (batch.length === 0) break;
    for (const r of batch) tried.add(r.id);
    const outcomes = await runCaseEvents(ctx, binding, SYSTEM, batch.map((r) => ({ caseId: r.id, event: { type: 'lapse' } as RestrictionEvent, version: r.version })));
    for (const o of outcomes) {
      if (o.ok) {
        report.events++;
        report.outputs.push({ restrictionId: o.caseId, event: 'lapse' });
      } else {
        report.failed++;
        report.outputs.push({ restrictionId: o.caseId, event: 'lapse', error: o.error instanceof Error ? o.error.message : String(o.error) });
      }
    }
  }
  return report;
}
