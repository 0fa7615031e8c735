/** The linked identities (decision 0026), of one account or searched by username, name or subject; system administrator only. */
import type { AppContext } from '../../context';
import type { SessionUser } from '../../domain/identity/roles';
import { listIdentities as listRows } from '../../db/sso-repo';
import { assertSysadmin } from './link-identity';

export async function listIdentities(
  ctx: AppContext,
  user: SessionUser,
  f: { userId?: string; q?: string; page: number; pageSize: number },
) {
  assertSysadmin(user);
  const { items, total } = await listRows(ctx.db, { userId: f.userId, q: f.q, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return { items, total, page: f.page, pageSize: f.pageSize };
}
