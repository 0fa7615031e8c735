/**
 * The system administrator links an identity of the province's identity platform (the configured
 * issuer + the subject the platform gives the person) to an existing account (decision 0026). SSO
 * never creates an account nor grants a role: whoever signs in with the identity gets that account,
 * with the roles an administrator gave it. One transaction, one audit row in the account's chain.
 */
import type { AppContext } from '../../context';
import { AppError } from '../../domain/errors';
import type { SessionUser } from '../../domain/identity/roles';
import { appendAudit } from '../../db/audit-repo';
import { findAccountForLink, insertIdentity } from '../../db/sso-repo';
import { ssoSettings } from './oidc-client';

export function assertSysadmin(user: SessionUser): void {
  if (!user.roles.includes('sysadmin')) throw new AppError('FORBIDDEN', '统一身份认证账号关联由系统管理员管理');
}

export async function linkIdentity(
  ctx: AppContext,
  user: SessionUser,
  input: { userId?: string; username?: string; subject: string },
) {
  assertSysadmin(user);
  const s = ssoSettings(ctx.config);
  if (!s) throw new AppError('CONFLICT', '本系统未启用统一身份认证（未设置 OIDC_ISSUER），不能关联');
  const account = await findAccountForLink(ctx.db, input.userId ? { userId: input.userId } : { username: input.username ?? '' });
  if (!account) throw new AppError('NOT_FOUND', '本系统账号不存在', { field: input.userId ? 'userId' : 'username' });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await insertIdentity(tx, { issuer: s.issuer, subject: input.subject, userId: account.id, linkedBy: user.id, linkedAt: now });
    await appendAudit(tx, now, {
      actor: user,
      action: 'user_identity.link',
      entityType: 'user',
      entityId: account.id,
      regionCode: account.regionCode,
      after: { identityId: row.id, issuer: row.issuer, subject: row.subject, username: account.username },
    });
    return { ...row, username: account.username, displayName: account.displayName };
  });
}
