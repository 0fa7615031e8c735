/**
 * The administrative department's filings inbox: 评估结果 (云医保〔2022〕6号 第十四条(三);
 * 吉医保规〔2023〕1号 第十八条) and 签订情况 (云医保〔2022〕6号 第十九条, within 5 工作日;
 * 京医保发〔2021〕30号 第十条) filed by the agencies of its territory at its own level (同级), or
 * at every level below with `levels: 'all'`. Read-only, except the acknowledgement of receipt.
 */
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { appendAudit } from '../db/audit-repo';
import { findFiling, insertReceipt, listFilings, type FilingKind } from '../db/agreement-repo';
import type { AppContext } from '../server/context';

const levelOf = (user: SessionUser, levels: 'same' | 'all') => (levels === 'all' || user.orgLevel === 'national' ? null : user.orgLevel);

export function listFilingsFor(ctx: AppContext, user: SessionUser, q: { kind?: FilingKind; acknowledged?: boolean; levels: 'same' | 'all'; page: number; pageSize: number }) {
  return listFilings(ctx.db, scopeOf(user), { ...q, level: levelOf(user, q.levels), orgId: user.orgId });
}

export async function getFiling(ctx: AppContext, user: SessionUser, id: string) {
  const f = await findFiling(ctx.db, scopeOf(user), user.orgId, null, id);
  if (!f) throw new AppError('NOT_FOUND', '备案材料不存在');
  return f;
}

export async function acknowledgeFiling(ctx: AppContext, user: SessionUser, id: string, note: string | null) {
  const f = await getFiling(ctx, user, id);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const r = await insertReceipt(tx, { documentId: f.id, orgId: user.orgId, userId: user.id, note, at: now });
    if (!r) throw new AppError('CONFLICT', '本部门已确认收到该备案材料');
    await appendAudit(tx, now, {
      actor: user, action: 'filing.acknowledge', entityType: 'document', entityId: f.id, regionCode: f.regionCode,
      after: { kind: f.kind, number: f.number, applicationId: f.applicationId, note },
    });
    return { id: f.id, number: f.number, acknowledgedAt: now.toISOString() };
  });
}
