/**
 * A user changes their own password: the current password is required (guarded like the login:
 * failures counted under `password-change:<user id>`, growing delays after three — a stolen session
 * cannot try passwords at full speed), the new one must pass the password policy and differ from the
 * current one. Every other session of the user ends at once; the one in use stays. Clears the
 * must-change flag of a temporary password. Audited without password material.
 */
import { AppError } from '../domain/errors';
import { sessionClock } from '../domain/clock/clock';
import { FAILURES_TO_READ, THROTTLE_WINDOW_MS, throttleMessage, throttleState } from '../domain/identity/lockout';
import { passwordProblems } from '../domain/identity/password-policy';
import type { SessionUser } from '../domain/identity/roles';
import { appendAudit } from '../db/audit-repo';
import { findAccount, findPasswordHash, updateAccount } from '../db/account-repo';
import { deleteUserSessions, pruneLoginFailures, recentLoginFailures, recordLoginFailure } from '../db/session-repo';
import { hashPassword, verifyPassword } from '../identity/password';
import type { AppContext } from '../context';

const SOURCE = 'password-change';

export async function changeOwnPassword(
  ctx: AppContext, user: SessionUser, input: { currentPassword: string; newPassword: string; sessionToken: string },
): Promise<{ mustChangePassword: false }> {
  const key = `${SOURCE}:${user.id}`;
  const now = sessionClock(ctx.clock).now();
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const held = throttleState(await recentLoginFailures(ctx.db, key, SOURCE, since, FAILURES_TO_READ), now);
  if (held.throttled) throw new AppError('TOO_MANY_REQUESTS', throttleMessage(held, now, '修改密码时当前'), { field: 'body.currentPassword' });
  const stored = await findPasswordHash(ctx.db, user.id);
  if (!stored || !(await verifyPassword(stored, input.currentPassword))) {
    await recordLoginFailure(ctx.db, key, SOURCE, now);
    throw new AppError('INVALID_INPUT', '当前密码不正确', { field: 'body.currentPassword' });
  }
  await pruneLoginFailures(ctx.db, key, SOURCE, now);
  const problems = passwordProblems(input.newPassword, user.username);
  if (problems.length) throw new AppError('INVALID_INPUT', `新密码不符合要求：${problems.join('；')}`, { field: 'body.newPassword' });
  if (await verifyPassword(stored, input.newPassword)) {
    throw new AppError('INVALID_INPUT', '新密码不能与当前密码相同', { field: 'body.newPassword' });
  }
  const row = await findAccount(ctx.db, user.id);
  if (!row) throw new AppError('UNAUTHENTICATED', '请先登录');
  const passwordHash = await hashPassword(input.newPassword);
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    // the version guards against a reset by an administrator in the same instant
    if (!(await updateAccount(tx, user.id, row.version, { passwordHash, mustChangePassword: false, passwordChangedAt: at, updatedAt: at }))) {
      throw new AppError('CONFLICT', '账号刚被管理员修改，请重新登录后再试');
    }
    await deleteUserSessions(tx, user.id, input.sessionToken);
    await appendAudit(tx, at, {
      actor: user, action: 'user.password.change', entityType: 'user', entityId: user.id, regionCode: user.orgRegionCode,
      after: { otherSessionsEnded: true, wasTemporary: row.mustChangePassword },
    });
  });
  return { mustChangePassword: false };
}
