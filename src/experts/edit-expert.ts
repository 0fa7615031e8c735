/** 修改专家信息 and 暂停 / 恢复 / 解聘: version-checked (stale → 409), one audit row each. */
import type { AppContext } from '../context';
import { users } from '../db/schema/index';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../db/audit-repo';
import { updateExpertRow } from '../db/expert-repo';
import { conflict, invalid } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import type { UpdateExpertInput } from '../domain/experts/expert-input';
import { STATUS_MOVES, expertStatusLabel, type ExpertStatus } from '../domain/experts/expert';
import { auditShape, expertFor, expertView, todayOf } from './pool-access';
import { mapExpertUnique } from './add-expert';

const STALE = '专家信息已被他人修改，请刷新后重试';

export async function editExpert(ctx: AppContext, user: SessionUser, expertId: string, input: UpdateExpertInput) {
  const before = await expertFor(ctx, user, expertId);
  if (before.status === 'retired') throw conflict('已解聘的专家不能修改；再次聘任请新增');
  const now = ctx.clock.now();
  const { version, ...fields } = input;
  const row = await ctx.db.transaction(async (tx) => {
    const after = await updateExpertRow(tx, expertId, version, fields, now);
    if (!after) throw conflict(STALE);
    if (after.name !== before.name) await tx.update(users).set({ displayName: after.name }).where(eq(users.id, after.userId));
    await appendAudit(tx, now, { actor: user, action: 'expert.update', entityType: 'expert', entityId: expertId, regionCode: before.poolRegionCode, before: auditShape(before), after: auditShape(after) });
    return after;
  }).catch(mapExpertUnique);
  return expertView({ ...row, username: before.username, accountActive: before.accountActive }, todayOf(ctx));
}

const ACTION: Record<ExpertStatus, string> = { active: 'expert.reactivate', suspended: 'expert.suspend', retired: 'expert.retire' };

/**
 * A suspended or retired expert is no longer drawn (the draw reads the status); a retired one's
 * login is switched off as well. Panels already sitting keep their members: a member who cannot
 * continue stands down (回避) and is replaced.
 */
export async function changeExpertStatus(ctx: AppContext, user: SessionUser, expertId: string, input: { status: ExpertStatus; reason: string; version: number }) {
  const before = await expertFor(ctx, user, expertId);
  if (!STATUS_MOVES[before.status].includes(input.status)) {
    throw invalid('status', `专家当前为「${expertStatusLabel[before.status]}」，不能改为「${expertStatusLabel[input.status]}」`);
  }
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const after = await updateExpertRow(tx, expertId, input.version, { status: input.status, statusReason: input.reason }, now);
    if (!after) throw conflict(STALE);
    if (input.status === 'retired') await tx.update(users).set({ active: false }).where(eq(users.id, after.userId));
    await appendAudit(tx, now, { actor: user, action: ACTION[input.status], entityType: 'expert', entityId: expertId, regionCode: before.poolRegionCode, before: { status: before.status }, after: { status: after.status }, reason: input.reason });
    return after;
  });
  return expertView({ ...row, username: before.username, accountActive: input.status === 'retired' ? false : before.accountActive }, todayOf(ctx));
}
