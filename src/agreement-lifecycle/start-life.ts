/**
 * Where the designation pipeline hands over to the agreement's life (issue #10): both parties
 * signed → 待生效 (pending); the payment is opened (activate_payment) → the `activate` event,
 * run in the pipeline step's transaction as the system, so the outbox says payment_opened.
 * An agreement whose term has not begun yet stays pending; the sweep activates it on its first day.
 */
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../context';
import type { Tx } from '../db/client';
import { agreements } from '../db/schema/index';
import { chinaDate } from '../domain/clock/clock';
import { runCaseEvent } from '../workflow/run-case-event';
import { SYSTEM } from '../workflow/actor';
import { agreementBinding, INITIAL_LIFE } from './binding';

/** Both parties signed (sign-agreement.ts sets status 'signed'): the life begins, in the same write. */
export function lifeStartPatch(now: Date) {
  return { lifeState: 'pending' as const, life: INITIAL_LIFE, lifeSince: chinaDate(now) };
}

/** The application's payment opened: its pending agreements whose term began take effect. */
export async function activateOnPayment(ctx: AppContext, tx: Tx, applicationId: string): Promise<void> {
  const today = chinaDate(ctx.clock.now());
  const rows = await tx.select({ id: agreements.id, version: agreements.version, termFrom: agreements.termFrom }).from(agreements)
    .where(and(eq(agreements.applicationId, applicationId), eq(agreements.lifeState, 'pending')));
  for (const r of rows) {
    if (r.termFrom > today) continue;
    await runCaseEvent(ctx, agreementBinding(ctx), SYSTEM, r.id, { type: 'activate' }, r.version, { tx, reason: '定点申请开通医保结算' });
  }
}
