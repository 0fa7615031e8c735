/**
 * An agreement's institution's settlement restrictions as the reader may see them (decision 0035):
 * the agency acts on them, the institution and the department read them.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { formatCites } from '../domain/designation/cite';
import { eventsFrom } from '../domain/workflow/case-type';
import {
  RESTRICTION_CASE, restrictionEventLabel, restrictionStateLabel, targetLabel, type RestrictionCase,
} from '../domain/settlement-restriction/restriction-case';
import { caseActorOf } from '../workflow/actor';
import { agreementScopeWhere } from '../db/agreement-repo';
import { findAgreementLife } from '../db/agreement-life-repo';
import { restrictionsOfInstitution, type RestrictionRow } from '../db/restriction-repo';
import { documents } from '../db/schema/index';

export function restrictionView(row: RestrictionRow, user: SessionUser, docs: { id: string; number: string; title: string; caseId: string | null }[] = []) {
  const c = row.data as RestrictionCase;
  return {
    id: row.id, agreementId: row.agreementId, agreementNumber: c.agreementNumber, institutionId: row.institutionId, regionCode: row.regionCode,
    state: c.state, stateLabel: restrictionStateLabel[c.state], version: row.version,
    targetKind: c.target.kind, target: targetLabel(c.target), reason: c.reason, fromOn: c.fromOn, untilOn: c.untilOn,
    decidedOn: c.decidedOn, liftedOn: c.liftedOn, liftReason: c.liftReason, endedOn: c.endedOn, endReason: c.endReason,
    citation: formatCites(c.cites),
    allowedEvents: eventsFrom(RESTRICTION_CASE, c, caseActorOf(user)).map((e) => ({ event: e, label: restrictionEventLabel[e] })),
    documents: docs.filter((d) => d.caseId === row.id).map((d) => ({ id: d.id, number: d.number, title: d.title })),
  };
}
export type RestrictionView = ReturnType<typeof restrictionView>;

export async function restrictionsOfAgreement(ctx: AppContext, user: SessionUser, agreementId: string): Promise<RestrictionView[]> {
  const scope = scopeOf(user);
  const agreement = await findAgreementLife(ctx.db, agreementId, agreementScopeWhere(scope));
  if (!agreement) throw new AppError('NOT_FOUND', '协议不存在');
  const rows = await restrictionsOfInstitution(ctx.db, agreement.institutionId, scope);
  const docs = rows.length
    ? await ctx.db.select({ id: documents.id, number: documents.number, title: documents.title, caseId: documents.caseId }).from(documents)
      .where(and(eq(documents.caseType, 'settlement_restriction'), inArray(documents.caseId, rows.map((r) => r.id))))
    : [];
  return rows.map((r) => restrictionView(r, user, docs));
}
