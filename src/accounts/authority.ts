/**
 * The checks every account use case starts with: who the actor is allowed to be, and the account
 * loaded inside what the actor manages (404 outside it: another agency's staff are not revealed).
 */
import { AppError, notFound } from '../domain/errors';
import { accountAuthority, manageProblem, managesOrg } from '../domain/identity/grants';
import type { SessionUser } from '../domain/identity/roles';
import { findAccount, type AccountRow } from '../db/account-repo';
import type { AppContext } from '../context';

export function assertSysadmin(actor: SessionUser): void {
  if (!actor.roles.includes('sysadmin')) throw new AppError('FORBIDDEN', '机构管理仅限系统管理员');
}

export function assertAccountManager(actor: SessionUser): void {
  if (accountAuthority(actor).kind === 'none') throw new AppError('FORBIDDEN', '当前角色无权管理账号');
}

/** The account, when the actor may manage it; 404 outside the actor's organisation, 403 above its roles. */
export async function loadManagedAccount(ctx: AppContext, actor: SessionUser, id: string): Promise<AccountRow> {
  assertAccountManager(actor);
  const row = await findAccount(ctx.db, id);
  if (!row || !managesOrg(accountAuthority(actor), row.orgId)) throw notFound('账号');
  const problem = manageProblem(actor, { userId: row.id, orgId: row.orgId, roles: row.roles });
  if (problem) throw new AppError('FORBIDDEN', problem);
  return row;
}

export const staleAccount = () => new AppError('CONFLICT', '账号已被他人修改，请刷新后重试');
export const staleOrg = () => new AppError('CONFLICT', '机构信息已被他人修改，请刷新后重试');
