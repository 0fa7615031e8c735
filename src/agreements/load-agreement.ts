/** An agreement the user may see (属地; institution users their own), or 404. */
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { agreementScopeWhere, findAgreement, type AgreementRow } from '../db/agreement-repo';
import type { AppContext } from '../context';

export async function loadAgreementFor(ctx: AppContext, user: SessionUser, id: string): Promise<AgreementRow> {
  const row = await findAgreement(ctx.db, id, agreementScopeWhere(scopeOf(user)));
  if (!row) throw new AppError('NOT_FOUND', '协议不存在');
  return row;
}
