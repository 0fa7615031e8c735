/**
 * 新增评估专家 (吉医保规〔2023〕1号 第十五条): the expert's entry and their login (username + a temporary
 * password shown once in the answer, never stored in clear), one transaction, one audit row.
 */
import type { AppContext } from '../context';
import { experts } from '../db/schema/index';
import { uniqueViolation } from '../db/unique-violation';
import { appendAudit } from '../db/audit-repo';
import { conflict, invalid } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import type { CreateExpertInput } from '../domain/experts/expert-input';
import { auditShape, expertView, poolFor, todayOf } from './pool-access';
import { insertExpertAccount, prepareAccount, usernameTaken } from './expert-account';

export const mapExpertUnique = (e: unknown): never => {
  const u = uniqueViolation(e);
  if (u?.index.includes('experts_pool_id_number_uq')) throw conflict('该身份证号已在本专家库中登记');
  if (u?.index.includes('username')) throw invalid('username', '登录用户名已被占用，请换一个');
  throw e;
};

export async function addExpert(ctx: AppContext, user: SessionUser, poolId: string, input: CreateExpertInput) {
  const pool = await poolFor(ctx, user, poolId);
  if (await usernameTaken(ctx.db, input.username)) throw invalid('username', '登录用户名已被占用，请换一个');
  const account = await prepareAccount(input.username);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const userId = await insertExpertAccount(tx, { username: input.username, hash: account.hash, name: input.name, poolOrgId: pool.id });
    const [e] = await tx.insert(experts).values({
      poolOrgId: pool.id, userId, name: input.name, idNumber: input.idNumber, specialties: input.specialties,
      employer: input.employer, employerUscc: input.employerUscc, phone: input.phone, termFrom: input.termFrom, termTo: input.termTo,
      status: 'active', createdAt: now, updatedAt: now,
    }).returning();
    await appendAudit(tx, now, { actor: user, action: 'expert.create', entityType: 'expert', entityId: e!.id, regionCode: pool.regionCode, after: auditShape(e!) });
    return e!;
  }).catch(mapExpertUnique);
  return { expert: expertView({ ...row, username: input.username }, todayOf(ctx)), temporaryPassword: account.password };
}
