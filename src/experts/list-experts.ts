/** The pools an agency maintains, and one pool's experts (filtered, sorted, paged on the server). */
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { listExperts as listExpertRows, listPoolsInScope, type ExpertSort } from '../db/expert-repo';
import type { ExpertStatus } from '../domain/experts/expert';
import { expertView, poolFor, requirePoolManager, todayOf } from './pool-access';

export async function listPools(ctx: AppContext, user: SessionUser) {
  requirePoolManager(user);
  return listPoolsInScope(ctx.db, scopeOf(user));
}

export interface ExpertQuery {
  q?: string | undefined;
  status?: ExpertStatus | undefined;
  specialty?: string | undefined;
  sort: ExpertSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export async function listExperts(ctx: AppContext, user: SessionUser, poolId: string, q: ExpertQuery) {
  const pool = await poolFor(ctx, user, poolId);
  const { items, total } = await listExpertRows(ctx.db, {
    poolOrgId: pool.id, q: q.q, status: q.status, specialty: q.specialty, sort: q.sort, order: q.order,
    limit: q.pageSize, offset: (q.page - 1) * q.pageSize,
  });
  const today = todayOf(ctx);
  return { pool, items: items.map((e) => expertView(e, today)), total, page: q.page, pageSize: q.pageSize };
}
