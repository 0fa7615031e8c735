import { sql, desc } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { auditLog } from './schema/index';
import { GENESIS_HASH, hashAuditRow, type AuditFields } from '../domain/audit/chain';
import type { SessionUser } from '../domain/identity/roles';

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
