/**
 * The administrative department's filings inbox: 评估结果 (云医保〔2022〕6号 第十四条(三);
 * 吉医保规〔2023〕1号 第十八条) and 签订情况 (云医保〔2022〕6号 第十九条, within 5 工作日;
 * 京医保发〔2021〕30号 第十条) filed by the agencies of its territory — by default at every level
 * below it too (`levels: 'all'`), or only at its own level (同级, `levels: 'same'`). Read-only,
 * except the acknowledgement of receipt, one at a time or in a batch (one transaction, one audit
 * row per filing). A filing not acknowledged within N 工作日 is marked (decision 0019).
 */
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { chinaDate } from '../domain/clock/clock';
import type { WorkCalendar } from '../domain/calendar/work-calendar';
import { appendAudit } from '../db/audit-repo';
import { countUnacknowledged, findFiling, findFilings, insertReceipt, listFilings, type FilingKind } from '../db/agreement-repo';
import { loadWorkCalendar } from '../db/calendar-repo';
import { loadIntSetting } from '../db/settings-repo';
import type { AppContext } from '../context';

/**
 * Working days within which the department should acknowledge a filing. None of the texts sets
 * one: 云医保〔2022〕6号 第十九条 gives the agency 5 工作日 to file the signing and says nothing of
 * the department's receipt. We mirror the filing's own 5 工作日 as the default; a deployment sets
 * its own in the settings table under FILING_ACK_SETTING (decision 0019).
 */
export const FILING_ACK_WORKDAYS_DEFAULT = 5;
export const FILING_ACK_SETTING = 'filings.acknowledge.workdays';
export const MAX_BATCH = 100;

const levelOf = (user: SessionUser, levels: 'same' | 'all') => (levels === 'all' || user.orgLevel === 'national' ? null : user.orgLevel);

/** The marker of a filing still unacknowledged N 工作日 after it arrived, or null. */
export function ackOverdue(issuedAt: Date, acknowledgedAt: Date | null, n: number, calendar: WorkCalendar, today: string): string | null {
  if (acknowledgedAt) return null;
  const due = calendar.addWorkdays(chinaDate(issuedAt), n).due;
  return today > due ? `超过${n}个工作日未确认` : null;
}

export async function listFilingsFor(ctx: AppContext, user: SessionUser, q: { kind?: FilingKind; acknowledged?: boolean; levels: 'same' | 'all'; page: number; pageSize: number }) {
  const scope = scopeOf(user);
  const level = levelOf(user, q.levels);
  const [page, unread, calendar, n] = await Promise.all([
    listFilings(ctx.db, scope, { ...q, level, orgId: user.orgId }),
    countUnacknowledged(ctx.db, scope, user.orgId, level),
    loadWorkCalendar(ctx.db),
    loadIntSetting(ctx.db, FILING_ACK_SETTING, FILING_ACK_WORKDAYS_DEFAULT),
  ]);
  const today = chinaDate(ctx.clock.now());
  return {
    ...page,
    unread,
    acknowledgeWithinWorkdays: n,
    items: page.items.map((f) => ({ ...f, overdueMarker: ackOverdue(f.issuedAt, f.acknowledgedAt, n, calendar, today) })),
  };
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

/**
 * 批量确认收到: every id must be a filing in the department's territory (else 404 naming it and
 * nothing is written); those already acknowledged are reported, not refused. One transaction,
 * one receipt and one audit row per filing.
 */
export async function acknowledgeFilings(ctx: AppContext, user: SessionUser, ids: readonly string[], note: string | null) {
  const unique = [...new Set(ids)];
  const found = await findFilings(ctx.db, scopeOf(user), user.orgId, null, unique);
  const missing = unique.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new AppError('NOT_FOUND', `备案材料不存在：${missing.join('、')}`, { field: 'ids' });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const acknowledged: { id: string; number: string }[] = [];
    const already: { id: string; number: string }[] = [];
    for (const f of found) {
      const r = await insertReceipt(tx, { documentId: f.id, orgId: user.orgId, userId: user.id, note, at: now });
      if (!r) {
        already.push({ id: f.id, number: f.number });
        continue;
      }
      await appendAudit(tx, now, {
        actor: user, action: 'filing.acknowledge', entityType: 'document', entityId: f.id, regionCode: f.regionCode,
        after: { kind: f.kind, number: f.number, applicationId: f.applicationId, note, batch: unique.length },
      });
      acknowledged.push({ id: f.id, number: f.number });
    }
    return { acknowledged, already, acknowledgedAt: now.toISOString() };
  });
}
