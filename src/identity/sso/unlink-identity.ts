/**
 * The system administrator removes a link between an identity of the province's identity platform
 * and an account (decision 0026): that identity no longer signs in, and the account's open sessions
 * end at once (a link made to the wrong person must not outlive its removal by a working day).
 */
import type { AppContext } from '../../context';
import { AppError } from '../../domain/errors';
import type { SessionUser } from '../../domain/identity/roles';
import { appendAudit } from '../../db/audit-repo';
import { deleteIdentity, findAccountForLink } from '../../db/sso-repo';
import { deleteUserSessions } from '../../db/session-repo';
import { assertSysadmin } from './link-identity';

export async function unlinkIdentity(ctx: AppContext, user: SessionUser, identityId: string): Promise<void> {
  assertSysadmin(user);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await deleteIdentity(tx, identityId);
    if (!row) throw new AppError('NOT_FOUND', '统一身份认证关联不存在');
    const account = await findAccountForLink(tx, { userId: row.userId });
    const ended = await deleteUserSessions(tx, row.userId);
    await appendAudit(tx, now, {
      actor: user,
      action: 'user_identity.unlink',
      entityType: 'user',
      entityId: row.userId,
      regionCode: account?.regionCode ?? null,
      before: { identityId: row.id, issuer: row.issuer, subject: row.subject, linkedAt: row.linkedAt.toISOString() },
      after: { sessionsEnded: ended },
    });
  });
}
