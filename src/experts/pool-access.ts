/**
 * Who maintains a pool (decision 0028): the agency whose territory contains the pool's region — the
 * province's agency its province's pool (a prefecture's agency a prefecture's pool, if one exists).
 * Another territory's pool answers 404 (its existence is not revealed).
 */
import type { AppContext } from '../context';
import type { Tx } from '../db/client';
import { AppError, notFound } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeContainsRegion, scopeOf } from '../domain/identity/territory';
import { findExpert, findPool, type PoolRow } from '../db/expert-repo';
import { maskIdNumber } from '../domain/validators/id-number';
import { notDrawableReason } from '../domain/experts/expert';
import { chinaDate } from '../domain/clock/clock';
import type { ExpertRow } from '../db/expert-repo';

export function requirePoolManager(user: SessionUser): void {
  if (user.orgKind !== 'agency' || !user.roles.some((r) => r === 'agency_officer' || r === 'agency_head')) {
    throw new AppError('FORBIDDEN', '只有经办机构工作人员可以维护评估专家库');
  }
}

const inTerritory = (user: SessionUser, regionCode: string | null) => regionCode !== null && scopeContainsRegion(scopeOf(user), regionCode);

export async function poolFor(ctx: AppContext | { db: Tx }, user: SessionUser, poolId: string): Promise<PoolRow> {
  requirePoolManager(user);
  const pool = /^[0-9a-f-]{36}$/i.test(poolId) ? await findPool(ctx.db, poolId) : null;
  if (!pool || !inTerritory(user, pool.regionCode)) throw notFound('专家库');
  return pool;
}

export async function expertFor(ctx: AppContext | { db: Tx }, user: SessionUser, expertId: string) {
  requirePoolManager(user);
  const e = /^[0-9a-f-]{36}$/i.test(expertId) ? await findExpert(ctx.db, expertId) : null;
  if (!e || !inTerritory(user, e.poolRegionCode)) throw notFound('专家');
  return e;
}

/** What lists and dialogs show of an expert: the 身份证号 masked, whether drawable today and why not. */
export function expertView(e: ExpertRow & { username: string; accountActive?: boolean }, today: string) {
  const accountActive = e.accountActive ?? true;
  const reason = notDrawableReason({ status: e.status, termFrom: e.termFrom, termTo: e.termTo, accountActive }, today);
  return {
    id: e.id, poolOrgId: e.poolOrgId, userId: e.userId, username: e.username, name: e.name,
    idNumberMasked: e.idNumber ? maskIdNumber(e.idNumber) : null,
    specialties: e.specialties, employer: e.employer, employerUscc: e.employerUscc, phone: e.phone,
    termFrom: e.termFrom, termTo: e.termTo, status: e.status, statusReason: e.statusReason, accountActive,
    drawable: reason === null, notDrawableReason: reason, version: e.version, updatedAt: e.updatedAt.toISOString(),
  };
}
export type ExpertView = ReturnType<typeof expertView>;

export const todayOf = (ctx: AppContext) => chinaDate(ctx.clock.now());

/** What the audit log keeps of an expert (the 身份证号 masked). */
export const auditShape = (e: ExpertRow) => ({
  name: e.name, idNumber: e.idNumber ? maskIdNumber(e.idNumber) : null, specialties: e.specialties, employer: e.employer,
  employerUscc: e.employerUscc, phone: e.phone, termFrom: e.termFrom, termTo: e.termTo, status: e.status, userId: e.userId,
});
