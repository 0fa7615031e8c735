import { sql, desc, asc, and, eq, count, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { uniqueViolation } from './unique-violation';
import { auditLog, organizations, users } from './schema/index';
import { chainOf, ChainVerifier, EMPTY_CHAIN, linkAuditRow, type AuditFields, type ChainHead, type ChainVerdict } from '../domain/audit/chain';
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

/** First key of the advisory lock that serialises the appends to one chain (the second is the chain's hashtext). */
export const AUDIT_LOCK_KEY = 7243001;

// jsonb round-trips through JSON; normalise now so that the hash verifies later
const norm = (v: unknown) => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

/** The hashed fields of an event, without its position (known only once the chain's head is read). */
function fieldsOf(at: Date, ev: AuditEvent): Omit<AuditFields, 'chainSeq'> {
  return {
    chain: chainOf(ev.entityType, ev.entityId),
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

export type AuditInsert = Omit<typeof auditLog.$inferInsert, 'seq'>;

/** The row that follows `head` in the event's chain, hashed (decision 0012). */
export function auditRowAfter(head: ChainHead, at: Date, ev: AuditEvent): AuditInsert {
  const row = linkAuditRow(head, fieldsOf(at, ev));
  return { ...row, at: new Date(row.at) };
}

/** The head of a chain, or the empty chain's. */
export async function chainHead(db: Tx | Db, chain: string): Promise<ChainHead> {
  const [last] = await db
    .select({ chainSeq: auditLog.chainSeq, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.chain, chain))
    .orderBy(desc(auditLog.chainSeq))
    .limit(1);
  return last ?? EMPTY_CHAIN;
}

/**
 * A scalar subquery giving the head of `chain` as json ({"chainSeq": n, "hash": "…"} or null),
 * for a caller that reads it together with its entity (see `headFromJson`).
 */
export const chainHeadJsonSql = (chain: SQL) =>
  sql<{ chainSeq: number; hash: string } | null>`(SELECT json_build_object('chainSeq', a.chain_seq, 'hash', a.hash) FROM audit_log a WHERE a.chain = ${chain} ORDER BY a.chain_seq DESC LIMIT 1)`;

export const headFromJson = (j: { chainSeq: number; hash: string } | null | undefined): ChainHead =>
  j ? { chainSeq: Number(j.chainSeq), hash: j.hash } : EMPTY_CHAIN;

/**
 * Appends one audit row inside the caller's transaction: a transaction-scoped advisory lock on
 * the event's chain (only appends to the same entity wait for each other), the chain's head, the
 * INSERT. The unique index on (chain, chain_seq) is the last guard: two writers that linked to
 * the same head cannot both commit.
 */
export async function appendAudit(tx: Tx | Db, at: Date, ev: AuditEvent): Promise<void> {
  const chain = chainOf(ev.entityType, ev.entityId);
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${sql.raw(String(AUDIT_LOCK_KEY))}, hashtext(${chain}))`);
  const head = await chainHead(tx, chain);
  await tx.insert(auditLog).values(auditRowAfter(head, at, ev));
}

/**
 * Appends one audit row to each of several chains inside the caller's transaction, in three
 * statements whatever their number (the batched sweep): the advisory locks of `appendAudit`, taken
 * in chain order; the heads of all the chains; one multi-row INSERT. Events of the same chain are
 * linked one after the other, in the order given — the same rows `appendAudit` would write one by one.
 */
export async function appendAuditMany(tx: Tx | Db, at: Date, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const chains = [...new Set(events.map((ev) => chainOf(ev.entityType, ev.entityId)))].sort();
  const list = sql`ARRAY[${sql.join(chains.map((c) => sql`${c}`), sql`, `)}]::text[]`;
  await tx.execute(sql`SELECT count(pg_advisory_xact_lock(${sql.raw(String(AUDIT_LOCK_KEY))}, hashtext(c))) FROM (SELECT unnest(${list}) AS c ORDER BY 1) l`);
  const heads = new Map<string, ChainHead>();
  for (const r of await tx.selectDistinctOn([auditLog.chain], { chain: auditLog.chain, chainSeq: auditLog.chainSeq, hash: auditLog.hash })
    .from(auditLog).where(sql`${auditLog.chain} = ANY(${list})`).orderBy(auditLog.chain, desc(auditLog.chainSeq))) {
    heads.set(r.chain, { chainSeq: Number(r.chainSeq), hash: r.hash });
  }
  const rows = events.map((ev) => {
    const chain = chainOf(ev.entityType, ev.entityId);
    const row = auditRowAfter(heads.get(chain) ?? EMPTY_CHAIN, at, ev);
    heads.set(chain, { chainSeq: row.chainSeq, hash: row.hash });
    return row;
  });
  await tx.insert(auditLog).values(rows);
}

/**
 * The INSERT of a row the caller linked to a head it read with its entity, as SQL that can be a
 * CTE of the caller's statement (`gate`: a condition such as "the entity's UPDATE matched"). No
 * lock: the caller's own version check orders its writes, and the unique index refuses a row
 * linked to a stale head (`isChainRace`).
 */
export function auditInsertSql(row: AuditInsert, gate?: SQL): SQL {
  const json = (v: unknown) => (v === null || v === undefined ? sql`NULL` : sql`${JSON.stringify(v)}::jsonb`);
  return sql`INSERT INTO audit_log (chain, chain_seq, at, actor_user_id, actor_org_id, action, entity_type, entity_id, region_code, before, after, reason, prev_hash, hash)
SELECT ${row.chain}, ${row.chainSeq}::bigint, ${row.at.toISOString()}::timestamptz, ${row.actorUserId ?? null}::uuid, ${row.actorOrgId ?? null}::uuid, ${row.action},
       ${row.entityType}, ${row.entityId}, ${row.regionCode ?? null}, ${json(row.before)}, ${json(row.after)}, ${row.reason ?? null}, ${row.prevHash}, ${row.hash}${gate ? sql` WHERE ${gate}` : sql``}
RETURNING 1 AS n`;
}

/** True for the unique violation of a row linked to a head someone else extended first. */
export function isChainRace(e: unknown): boolean {
  return uniqueViolation(e)?.index.includes('audit_chain_uq') ?? false;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  action?: string;
}

/** The audited object's name where it has one (an institution, an application's institution, a user) — read, never hashed. */
const entityNameSql = sql<string | null>`case ${auditLog.entityType}
  when 'institution' then (select i.name from institutions i where i.id::text = ${auditLog.entityId})
  when 'application' then (select i.name from applications a join institutions i on i.id = a.institution_id where a.id::text = ${auditLog.entityId})
  when 'user' then (select u.display_name from users u where u.id::text = ${auditLog.entityId})
  end`;

/** One page of the log inside a scope, newest first, with actor and object names resolved. */
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
        chain: auditLog.chain,
        chainSeq: auditLog.chainSeq,
        at: auditLog.at,
        actorUserId: auditLog.actorUserId,
        actorName: users.displayName,
        actorOrgId: auditLog.actorOrgId,
        actorOrgName: organizations.name,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        entityName: entityNameSql,
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
 * Re-computes every chain, reading the log in (chain, chain_seq) order in batches (keyset
 * pagination on the chain's unique index), so that memory stays flat however long the log is.
 */
export async function verifyAuditLog(db: Db, batchSize = 2000): Promise<ChainVerdict> {
  const verifier = new ChainVerifier();
  let after: { chain: string; chainSeq: number } | null = null;
  for (;;) {
    const rows: (typeof auditLog.$inferSelect)[] = await db
      .select()
      .from(auditLog)
      .where(after ? sql`(${auditLog.chain}, ${auditLog.chainSeq}) > (${after.chain}, ${after.chainSeq})` : undefined)
      .orderBy(asc(auditLog.chain), asc(auditLog.chainSeq))
      .limit(batchSize);
    for (const r of rows) {
      const ok = verifier.push({ ...r, at: r.at.toISOString() });
      if (!ok) return verifier.verdict();
    }
    if (rows.length < batchSize) return verifier.verdict();
    const last: typeof auditLog.$inferSelect = rows[rows.length - 1]!;
    after = { chain: last.chain, chainSeq: last.chainSeq };
  }
}
