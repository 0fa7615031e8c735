/**
 * The deadline sweep: open deadline rows → the domain's `sweep(today, rows)` → events run as the
 * system (publicity over → end_publicity; signing limit passed → signing_deadline_passed →
 * abandoned, 云医保〔2022〕6号 第十八条), warnings and overdue flags for the work queue, and
 * `not_before` periods marked elapsed. Driven by the injected clock: tests move a FixedClock and
 * sweep, never sleep. Guards re-check dates, so a sweep run twice or late cannot move an
 * application twice.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { chinaDate } from '../domain/clock/clock';
import { AppError } from '../domain/errors';
import { sweep, type SweepOutput } from '../domain/designation/deadlines';
import { dueOpenDeadlines, markDeadline } from '../db/deadline-repo';
import { findApplication } from '../db/designation-repo';
import { voidOpenAgreement } from '../db/agreement-repo';
import { appendAudit } from '../db/audit-repo';
import type { Tx } from '../db/client';
import { SYSTEM_ACTOR } from './build-context';
import { runEvent } from './run-event';
import { sweepAgreements } from '../agreement-lifecycle/sweep-agreements';
import { sweepRestrictions } from '../settlement-restrictions/sweep-restrictions';

export interface SweepReport {
  today: string;
  events: number;
  warnings: number;
  overdue: number;
  elapsed: number;
  failed: number;
  outputs: (SweepOutput & { error?: string })[];
  /** the agreements' life (issue #10): day 181, expiry, documents 7 days, a request's effective date */
  agreements: { events: number; failed: number };
  /** 暂停人员/科室结算 whose 截止日期 passed: 中止期满恢复结算 (decision 0042) */
  restrictions: { events: number; failed: number };
}

/**
 * 视为自动放弃 (云医保〔2022〕6号 第十八条): the agreement not signed by both parties becomes void (作废)
 * in the same transaction as the step, with its own audit row.
 */
function voidAgreement(ctx: AppContext, applicationId: string) {
  return async (tx: Tx, step: { application: { state: string } }) => {
    if (step.application.state !== 'abandoned') return;
    const now = ctx.clock.now();
    const ag = await voidOpenAgreement(tx, applicationId, now);
    if (!ag) return;
    await appendAudit(tx, now, {
      actor: null, action: 'agreement.void', entityType: 'agreement', entityId: ag.id, regionCode: ag.regionCode,
      reason: '逾期未签订协议，视为自动放弃（云医保〔2022〕6号 第十八条）', after: { status: 'void', applicationState: 'abandoned' },
    });
  };
}

export async function sweepDeadlines(ctx: AppContext): Promise<SweepReport> {
  const today = chinaDate(ctx.clock.now());
  const outputs = sweep(today, await dueOpenDeadlines(ctx.db, today));
  const report: SweepReport = { today, events: 0, warnings: 0, overdue: 0, elapsed: 0, failed: 0, outputs: [], agreements: { events: 0, failed: 0 }, restrictions: { events: 0, failed: 0 } };
  for (const o of outputs) {
    if (o.kind === 'event') {
      const row = await findApplication(ctx.db, o.applicationId);
      try {
        if (!row) throw new AppError('NOT_FOUND', '申请不存在');
        await runEvent(ctx, SYSTEM_ACTOR, o.applicationId, { type: o.event } as never, row.version,
          o.event === 'signing_deadline_passed' ? { within: voidAgreement(ctx, o.applicationId) } : undefined);
        report.events++;
        report.outputs.push(o);
      } catch (e) {
        // e.g. complaints still open at the end of the publicity: the officer must act; show it red
        report.failed++;
        await markDeadline(ctx.db, o.applicationId, o.deadline, 'flagged', today);
        report.outputs.push({ ...o, error: e instanceof Error ? e.message : String(e) });
      }
      continue;
    }
    if (o.kind === 'warn') {
      await markDeadline(ctx.db, o.applicationId, o.deadline, 'warned', today);
      report.warnings++;
    } else if (o.kind === 'overdue') {
      await markDeadline(ctx.db, o.applicationId, o.deadline, 'flagged', today);
      report.overdue++;
    } else {
      await markDeadline(ctx.db, o.applicationId, o.deadline, 'expired', today);
      report.elapsed++;
    }
    report.outputs.push(o);
  }
  const ag = await sweepAgreements(ctx);
  report.agreements = { events: ag.events, failed: ag.failed };
  const rs = await sweepRestrictions(ctx);
  report.restrictions = { events: rs.events, failed: rs.failed };
  return report;
}

/**
 * Starts the minute timer (call from src/main.ts after buildApp). Runs one sweep at once (start-up),
 * never two at a time; returns a function that stops it. The timer does not keep the process alive.
 */
export function startSweeper(app: FastifyInstance, everyMs = 60_000): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await sweepDeadlines(app.ctx);
      if (r.events || r.overdue || r.failed || r.agreements.events || r.agreements.failed || r.restrictions.events || r.restrictions.failed) app.log.info({ sweep: { ...r, outputs: undefined } }, 'deadline sweep');
    } catch (e) {
      app.log.error(e, 'deadline sweep failed');
    } finally {
      running = false;
    }
  };
  void tick();
  const t = setInterval(() => void tick(), everyMs);
  t.unref();
  return () => clearInterval(t);
}
