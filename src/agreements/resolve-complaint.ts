/**
 * The agency records its investigation of a complaint (认真调查核实). While the application is in
 * 公示 this is the resolve_complaint event: a complaint found true cancels the negotiation where
 * the profile says so (吉医保规〔2023〕1号 第十九条) — the domain decides, not this file. A complaint
 * still open when the application has left 公示 is closed on the complaint only.
 */
import type { Tx } from '../db/client';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { appendAudit } from '../db/audit-repo';
import { findComplaint, markResolved } from '../db/complaint-repo';
import { findApplication } from '../db/designation-repo';
import type { AppContext } from '../context';
import { runStep } from './run-step';

export async function resolveComplaint(
  ctx: AppContext, user: SessionUser, complaintId: string, input: { foundTrue: boolean; finding: string; version?: number },
) {
  const scope = scopeOf(user);
  const c = await findComplaint(ctx.db, complaintId, scope);
  if (!c) throw new AppError('NOT_FOUND', '举报投诉不存在');
  if (c.status !== 'open') throw new AppError('CONFLICT', '该举报投诉已办结');
  const app = await findApplication(ctx.db, c.applicationId);
  const now = ctx.clock.now();
  const writeResolution = async (tx: Tx, applicationState: string | null) => {
    const r = await markResolved(tx, c.id, { foundTrue: input.foundTrue, finding: input.finding, at: now, by: user.id });
    if (!r) throw new AppError('CONFLICT', '该举报投诉已办结');
    await appendAudit(tx, now, {
      actor: user, action: 'complaint.resolve', entityType: 'complaint', entityId: c.id, regionCode: c.regionCode,
      before: { status: 'open' }, after: { status: 'resolved', foundTrue: input.foundTrue, applicationState }, reason: input.finding,
    });
    return r;
  };
  let applicationState = app?.state ?? null;
  let row: Awaited<ReturnType<typeof writeResolution>> | undefined;
  if (app?.state === 'in_publicity') {
    // the finding and the application's resolve_complaint step commit together
    const step = await runStep(ctx, user, c.applicationId, {
      type: 'resolve_complaint', complaintId: c.id, foundTrue: input.foundTrue, finding: input.finding,
    }, input.version, { within: async (tx, st) => { row = await writeResolution(tx, st.application.state); } });
    applicationState = step.application.state;
  } else {
    row = await ctx.db.transaction((tx) => writeResolution(tx, applicationState));
  }
  if (!row) throw new AppError('CONFLICT', '该举报投诉已办结');
  return { id: row.id, status: row.status, foundTrue: row.foundTrue, finding: row.finding, applicationState };
}
