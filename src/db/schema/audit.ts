import { pgTable, text, bigint, integer, timestamp, jsonb, uuid, index, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit trail. A trigger (migration 0001) refuses UPDATE, DELETE and
 * TRUNCATE. The log is a set of chains, one per audited entity (`chain` = '<entityType>:<entityId>';
 * 'global' holds the rows written before migration 0004): `chain_seq` counts 1, 2, 3… inside a chain
 * and `hash` = sha256(prev_hash + canonical JSON of the row), prev_hash being the hash of the row
 * before it in the same chain (decision 0012). `seq` only orders the whole log for reading.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    chain: text('chain').notNull(),
    chainSeq: bigint('chain_seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorOrgId: uuid('actor_org_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    /** region of the entity, for territory-scoped reading of the log */
    regionCode: text('region_code'),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_entity_idx').on(t.entityType, t.entityId),
    // the link of a chain: two appends that read the same head cannot both commit (the loser gets 23505 → 409)
    uniqueIndex('audit_chain_uq').on(t.chain, t.chainSeq),
  ],
);

/**
 * Signed checkpoints of the audit log (decision 0021): the heads of all chains up to `max_seq`, as
 * one digest, sealed with an HMAC whose key is kept outside the database (AUDIT_ANCHOR_KEY or
 * <DATA_DIR>/audit-anchor.key). Append-only like the log (trigger in the same migration).
 */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  n: integer('n').primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  maxSeq: bigint('max_seq', { mode: 'number' }).notNull(),
  chains: bigint('chains', { mode: 'number' }).notNull(),
  rows: bigint('rows', { mode: 'number' }).notNull(),
  headsDigest: text('heads_digest').notNull(),
  prevMac: text('prev_mac').notNull(),
  mac: text('mac').notNull(),
});
