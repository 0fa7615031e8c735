/**
 * A finding that stops counting from a date (decision 0024): the penalty was fulfilled (履行完毕),
 * or the finding was withdrawn. Version-checked, audited; the screening reads it from then on.
 * The finding is reached through an application of the same institution (属地: 404 outside).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context';
import { chinaDate } from '../domain/clock/clock';
import { conflict, invalid, notFound } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { findingKinds } from '../domain/policy/findings';
import { appendAudit } from '../db/audit-repo';
import { screeningFindings } from '../db/schema/index';
import type { FindingRow } from '../db/finding-repo';
import { loadApplicationFor } from './run-event';

export interface ResolveFindingInput {
  version: number;
  resolvedOn: string;
  reason: string;
}

export async function resolveFinding(ctx: AppContext, user: SessionUser, applicationId: string, findingId: string, input: ResolveFindingInput): Promise<{ finding: FindingRow; profileId: string }> {
  const app = await loadApplicationFor(ctx, user, applicationId);
  const [f] = await ctx.db.select().from(screeningFindings)
    .where(and(eq(screeningFindings.id, findingId), eq(screeningFindings.institutionId, app.institutionId)));
  if (!f) throw notFound('审核发现');
  if (f.resolvedOn) throw conflict(`该审核发现已于 ${f.resolvedOn} 解除`);
  const now = ctx.clock.now();
  const today = chinaDate(now);
  if (input.resolvedOn > today) throw invalid('body.resolvedOn', `字段 body.resolvedOn：解除日期不能晚于今天（${today}）`);
  if (input.resolvedOn < f.foundOn) throw invalid('body.resolvedOn', `字段 body.resolvedOn：解除日期不能早于发现日期（${f.foundOn}）`);
  const finding = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(screeningFindings).set({ resolvedOn: input.resolvedOn, version: sql`${screeningFindings.version} + 1` })
      .where(and(eq(screeningFindings.id, f.id), eq(screeningFindings.version, input.version))).returning();
    if (!row) throw conflict('审核发现已被他人修改，请刷新后重试');
    await appendAudit(tx, now, {
      actor: user, action: 'screening_finding.resolve', entityType: 'screening_finding', entityId: f.id, regionCode: app.regionCode,
      before: { resolvedOn: null, version: f.version }, after: { resolvedOn: input.resolvedOn, version: row.version, label: findingKinds[f.kind].label },
      reason: input.reason,
    });
    return row;
  });
  return { finding, profileId: app.profileId };
}
