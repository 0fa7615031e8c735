import { asc, desc, sql } from 'drizzle-orm';
import { rowsOf, type Db } from './client';
import { auditCheckpoints } from './schema/index';
import { uniqueViolation } from './unique-violation';
import { HeadsDigest, type Checkpoint } from '../domain/audit/checkpoint';

/**
 * The high-water mark of the log for a checkpoint: every row with `seq` at or below it has
 * committed. SHARE mode waits for the transactions that are inserting right now (an INSERT holds
 * ROW EXCLUSIVE from the moment it draws its `seq`) and is released at once.
 */
export async function committedHighWater(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE audit_log IN SHARE MODE`);
    const r = rowsOf<{ m: string | number | null }>(await tx.execute(sql`SELECT max(seq) AS m FROM audit_log`));
    return Number(r[0]?.m ?? 0);
  });
}

/**
 * The digest of every chain's head among the rows with `seq` ≤ maxSeq, read in chain order in
 * batches along the (chain, chain_seq) index. A chain's row count is its head's position (the chain
 * verifier checks that positions run 1, 2, 3… without gaps).
 */
export async function headsUpTo(db: Db, maxSeq: number, batchSize = 5000): Promise<{ chains: number; rows: number; headsDigest: string }> {
  const d = new HeadsDigest();
  let after: string | null = null;
  for (;;) {
    const rows: { chain: string; chain_seq: string | number; hash: string }[] = rowsOf(await db.execute(sql`
      SELECT DISTINCT ON (chain) chain, chain_seq, hash FROM audit_log
      WHERE seq <= ${maxSeq}${after === null ? sql`` : sql` AND chain > ${after}`}
      ORDER BY chain, chain_seq DESC LIMIT ${batchSize}`));
    for (const row of rows) {
      const chainSeq = Number(row.chain_seq);
      d.add({ chain: row.chain, chainSeq, hash: row.hash }, chainSeq);
    }
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1]!.chain;
  }
  return { chains: d.chains, rows: d.rows, headsDigest: d.digest() };
}

const toCheckpoint = (r: typeof auditCheckpoints.$inferSelect): Checkpoint => ({ ...r, at: r.at.toISOString() });

export async function latestCheckpoint(db: Db): Promise<Checkpoint | null> {
  const [r] = await db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.n)).limit(1);
  return r ? toCheckpoint(r) : null;
}

export async function allCheckpoints(db: Db): Promise<Checkpoint[]> {
  return (await db.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.n))).map(toCheckpoint);
}

/** Stores a checkpoint; false when another node stored number n first. */
export async function insertCheckpoint(db: Db, c: Checkpoint): Promise<boolean> {
  try {
    await db.insert(auditCheckpoints).values({ ...c, at: new Date(c.at) });
    return true;
  } catch (e) {
    if (uniqueViolation(e)) return false;
    throw e;
  }
}

/**
 * Cases whose `version` is ahead of their audit chain: every state change of an application bumps
 * its version and appends one row to its chain in the same statement, so a chain shorter than the
 * version has lost rows — also rows written after the latest checkpoint.
 */
export async function casesAheadOfTheirChain(db: Db, limit = 20): Promise<{ chain: string; version: number; chainLength: number }[]> {
  const r = rowsOf<{ chain: string; version: number; len: string | number | null }>(await db.execute(sql`
    SELECT 'application:' || a.id AS chain, a.version,
           (SELECT max(l.chain_seq) FROM audit_log l WHERE l.chain = 'application:' || a.id) AS len
    FROM applications a
    WHERE a.version > coalesce((SELECT max(l.chain_seq) FROM audit_log l WHERE l.chain = 'application:' || a.id), 0)
    ORDER BY a.id LIMIT ${limit}`));
  return r.map((x) => ({ chain: x.chain, version: Number(x.version), chainLength: Number(x.len ?? 0) }));
}
