/**
 * The institution's administrator links an account to the registered person who is the
 * institution's current 法定代表人 (the person of role legal_rep in the registry), verified by the
 * 身份证号 entered against the registry — the signing rule of 云医保〔2022〕6号 第十八条 follows the
 * person, never a display name. `idNumber: null` removes the link. Institution accounts only, own
 * institution only (the system administrator too); version-checked, audited with the person's id,
 * never the 身份证号 itself.
 */
import { AppError, conflict } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { appendAudit } from '../db/audit-repo';
import { currentLegalRepByIdNumber, findAccount, updateAccount } from '../db/account-repo';
import type { AppContext } from '../context';
import { accountView } from './account-view';
import { loadManagedAccount, staleAccount } from './authority';

export const LEGAL_REP_CITATION = '云医保〔2022〕6号 第十八条';

export async function linkLegalRepresentative(
  ctx: AppContext, actor: SessionUser, id: string, input: { idNumber: string | null; version: number },
) {
  const row = await loadManagedAccount(ctx, actor, id);
  if (row.orgKind !== 'institution' || !row.institutionId) throw conflict('只有医药机构的账号可关联法定代表人');
  if (input.version !== row.version) throw staleAccount();
  let person: { personId: string; name: string } | null = null;
  if (input.idNumber) {
    person = await currentLegalRepByIdNumber(ctx.db, row.institutionId, input.idNumber);
    if (!person) {
      throw new AppError('INVALID_INPUT', '该身份证号不是本机构在机构名录中登记的现任法定代表人；如法定代表人已变更，请先办理机构信息变更', { field: 'body.idNumber' });
    }
  } else if (!row.personId) {
    throw conflict('该账号未关联法定代表人');
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    if (!(await updateAccount(tx, id, input.version, { personId: person?.personId ?? null, updatedAt: now }))) throw staleAccount();
    await appendAudit(tx, now, {
      actor, action: person ? 'user.person.link' : 'user.person.unlink', entityType: 'user', entityId: id, regionCode: row.orgRegionCode,
      before: { personId: row.personId }, after: { personId: person?.personId ?? null, personName: person?.name ?? null, cite: LEGAL_REP_CITATION },
    });
  });
  return accountView((await findAccount(ctx.db, id))!);
}
