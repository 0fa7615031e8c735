import { sql, desc, asc, and, eq, gt, count, is } from 'drizzle-orm';
import { NodePgTransaction } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db, Tx } from './client';
import { auditLog, organizations, users } from './schema/index';
import { canonicalJson, ChainVerifier, GENESIS_HASH, hashAuditRow, type AuditFields, type ChainVerdict } from '../domain/audit/chain';
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

/** The advisory lock that serialises appends (transaction-scoped). */
export const AUDIT_LOCK_KEY = 7243001;

// jsonb round-trips through JSON; normalise now so that the hash verifies later
const norm = (v: unknown) => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

/** The hashed fields of an event, without its seq (known only under the lock). */
function fieldsOf(at: Date, ev: AuditEvent): Omit<AuditFields, 'seq'> {
  return {
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
}

/**
 * Appends one audit row inside the caller's transaction. A transaction-scoped advisory
 * lock serialises appends so that the chain stays linear across connections and nodes.
 *
 * The lock is held from the moment it is granted until the caller's COMMIT, so every client
 * round trip inside that window throttles the whole system (every transition of every node
 * appends here). On PostgreSQL (node-postgres) the lock, the read of the chain's head and the
 * INSERT therefore travel as ONE simple-protocol message of two statements: PostgreSQL takes a
 * fresh snapshot per statement, so the INSERT sees the head committed before the lock was
 * granted, and the row's hash is computed by the server from the head it read (see
 * `insertUnderLockSql`). The server's hash is re-computed here with `hashAuditRow` before
 * returning; a mismatch throws and the caller's transaction rolls back, so a row whose hash
 * the verifier would refuse can never be committed. PGlite (one connection, no concurrency)
 * keeps the three-statement path. See docs/decisions/0011-pipeline-throughput.md.
 */
export async function appendAudit(tx: Tx | Db, at: Date, ev: AuditEvent): Promise<void> {
  const fields = fieldsOf(at, ev);
  if (is(tx, NodePgTransaction)) {
    const res = (await tx.execute(sql.raw(insertUnderLockSql(fields)))) as unknown as { rows: { seq: string; prev_hash: string; hash: string }[] }[];
    const row = res[1]?.rows[0];
    if (!row) throw new Error('audit append: the INSERT returned no row');
    const expected = hashAuditRow(row.prev_hash, { ...fields, seq: Number(row.seq) });
    if (row.hash !== expected) throw new Error(`audit append: hash computed by the database differs at seq ${row.seq}`);
    return;
  }
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${sql.raw(String(AUDIT_LOCK_KEY))})`);
  const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const full: AuditFields = { ...fields, seq: (last?.seq ?? 0) + 1 };
  const hash = hashAuditRow(prevHash, full);
  await tx.insert(auditLog).values({ ...full, at: new Date(full.at), prevHash, hash });
}

/**
 * `SELECT pg_advisory_xact_lock(…); INSERT … SELECT … RETURNING` with every value as an escaped
 * literal (pg's escapeLiteral; the simple query protocol has no parameters). The hash is
 * `sha256(prevHash + '\n' + canonicalJson(row))` as in `hashAuditRow`: canonicalJson sorts the
 * keys, `seq` sorts last, so the canonical text is `<prefix><seq>}` and only the seq and the
 * previous hash have to be filled in by the server.
 */
export function insertUnderLockSql(fields: Omit<AuditFields, 'seq'>): string {
  const probe = canonicalJson({ ...fields, seq: 0 });
  if (!probe.endsWith(',"seq":0}')) throw new Error('audit append: seq is no longer the last key of the canonical row');
  const prefix = probe.slice(0, -'0}'.length);
  const lit = (v: string | null) => (v === null ? 'NULL' : pg.escapeLiteral(v));
  const json = (v: unknown) => (v === null ? 'NULL' : `${pg.escapeLiteral(JSON.stringify(v))}::jsonb`);
  return `SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY});
INSERT INTO audit_log (seq, at, actor_user_id, actor_org_id, action, entity_type, entity_id, region_code, before, after, reason, prev_hash, hash)
SELECT h.seq + 1, ${lit(fields.at)}::timestamptz, ${lit(fields.actorUserId)}::uuid, ${lit(fields.actorOrgId)}::uuid, ${lit(fields.action)},
       ${lit(fields.entityType)}, ${lit(fields.entityId)}, ${lit(fields.regionCode)}, ${json(fields.before)}, ${json(fields.after)}, ${lit(fields.reason)},
       h.hash, encode(sha256(convert_to(h.hash || chr(10) || ${lit(prefix)} || (h.seq + 1)::text || '}', 'UTF8')), 'hex')
  FROM (SELECT m.seq, coalesce(a.hash, '${GENESIS_HASH}') AS hash
          FROM (SELECT coalesce(max(seq), 0) AS seq FROM audit_log) m LEFT JOIN audit_log a ON a.seq = m.seq) h
RETURNING seq, prev_hash, hash`;
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
