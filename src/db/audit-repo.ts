import { sql, desc, asc, and, eq, gt, count } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { auditLog, organizations, users } from './schema/index';
import { ChainVerifier, GENESIS_HASH, hashAuditRow, type AuditFields, type ChainVerdict } from '../domain/audit/chain';
import type { SessionUser } from '../domain/identity/roles';
import type { Scope } from '../domain/identity/territory';
import { auditScopeWhere } from './territory';

export interface AuditEvent {
  actor: Pick<SessionUser, 'id' | 'orgId'> | null;
  action: string; // e.g. 'institution.create', 'calendar.year.enter'
  entityType: string;
  entityId: string;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * Appends one audit row inside the caller's transaction. A transaction-scoped advisory
 * lock serialises appends so that the chain stays linear across connections and nodes.
 */
export async function appendAudit(tx: Tx | Db, at: Date, ev: AuditEvent): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7243001)`);
  const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  // jsonb round-trips through JSON; normalise now so that the hash verifies later
  const norm = (v: unknown) => (v === undefined ? null : JSON.parse(JSON.stringify(v)));
  const fields: AuditFields = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date(Math.floor(at.getTime())).toISOString(),
    actorUserId: ev.actor?.id ?? null,
    actorOrgId: ev.actor?.orgId ?? null,
    action: ev.action,
    entityType: ev.entityType,
    entityId: ev.entityId,
    regionCode: ev.regionCode ?? null,
    before: norm(ev.before),
    after: norm(ev.after),
    reason: ev.reason ?? null,
  };
  const hash = hashAuditRow(prevHash, fields);
  await tx.insert(auditLog).values({ ...fields, at: new Date(fields.at), prevHash, hash });
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  action?: string;
}

/** One page of the log inside a scope, newest first, with actor names resolved. */
export async function listAudit(db: Db, scope: Scope, filter: AuditFilter, page: number, pageSize: number) {
  const where = and(
    auditScopeWhere(scope),
    filter.entityType ? eq(auditLog.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
    filter.action ? eq(auditLog.action, filter.action) : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select({
        seq: auditLog.seq,
        at: auditLog.at,
        actorUserId: auditLog.actorUserId,
        actorName: users.displayName,
        actorOrgId: auditLog.actorOrgId,
        actorOrgName: organizations.name,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        regionCode: auditLog.regionCode,
        before: auditLog.before,
        after: auditLog.after,
        reason: auditLog.reason,
        hash: auditLog.hash,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .leftJoin(organizations, eq(organizations.id, auditLog.actorOrgId))
      .where(where)
      .orderBy(desc(auditLog.seq))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/**
 * Re-computes the whole hash chain, reading the log in seq order in batches (keyset
 * pagination), so that memory stays flat however long the log is.
 */
export async function verifyAuditLog(db: Db, batchSize = 2000): Promise<ChainVerdict> {
  const verifier = new ChainVerifier();
  let after = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(batchSize);
    for (const r of rows) {
      const ok = verifier.push({ ...r, at: r.at.toISOString() });
      if (!ok) return verifier.verdict();
    }
    if (rows.length < batchSize) return verifier.verdict();
    after = rows[rows.length - 1]!.seq;
  }
}
