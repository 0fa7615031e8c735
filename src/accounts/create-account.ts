/**
 * A staff account is created by the system administrator (any organisation) or, delegated, by an
 * agency head or an institution's administrator (their own organisation only), with roles that fit
 * the organisation's kind and that the creator may grant (src/domain/identity/grants.ts). The
 * account starts with a temporary password, shown once in the answer, that must be changed at the
 * first login. Audited in the same transaction (no password material in the audit row).
 */
import { AppError, conflict, notFound } from '../domain/errors';
import { accountAuthority, managesOrg } from '../domain/identity/grants';
import type { Role, SessionUser } from '../domain/identity/roles';
import { appendAudit } from '../db/audit-repo';
import { findAccount, insertAccount, usernameTaken } from '../db/account-repo';
import { findOrg } from '../db/org-admin-repo';
import { uniqueViolation } from '../db/unique-violation';
import { hashPassword } from '../identity/password';
import { temporaryPassword } from '../identity/temporary-password';
import type { AppContext } from '../context';
import { accountView } from './account-view';
import { assertAccountManager } from './authority';
import { assertGrant } from './grant-check';

export interface NewAccountInput {
  /** default: the creator's own organisation */
  orgId?: string;
  username: string;
  displayName: string;
  roles: Role[];
}

const taken = () => conflict('用户名已被使用，请换一个');

export async function createAccount(ctx: AppContext, actor: SessionUser, input: NewAccountInput) {
  assertAccountManager(actor);
  const orgId = input.orgId ?? actor.orgId;
  if (!managesOrg(accountAuthority(actor), orgId)) throw new AppError('FORBIDDEN', '只能为本机构创建账号');
  const found = await findOrg(ctx.db, orgId);
  if (!found) throw notFound('机构');
  const org = found.org;
  assertGrant(actor, { userId: null, orgId, orgKind: org.kind, currentRoles: [] }, input.roles);
  if (!org.active) throw conflict('该机构已停用，不能新增账号');
  if (await usernameTaken(ctx.db, input.username)) throw taken();
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now();
  let id: string;
  try {
    id = await ctx.db.transaction(async (tx) => {
      const newId = await insertAccount(tx, {
        username: input.username, displayName: input.displayName, passwordHash, orgId, roles: input.roles,
        mustChangePassword: true, createdAt: now, updatedAt: now,
      });
      await appendAudit(tx, now, {
        actor, action: 'user.create', entityType: 'user', entityId: newId, regionCode: org.regionCode,
        after: { username: input.username, displayName: input.displayName, orgId, orgName: org.name, roles: input.roles },
      });
      return newId;
    });
  } catch (e) {
    if (uniqueViolation(e)) throw taken();
    throw e;
  }
  return { account: accountView((await findAccount(ctx.db, id))!), temporaryPassword: password };
}
