import { createHash } from 'node:crypto';

/**
 * The audit log is a set of hash chains, one per audited entity (decision 0012): a row links to
 * the row before it in the same chain, and `chainSeq` counts 1, 2, 3… inside the chain. One chain
 * per entity keeps an entity's history in order and provable while appends to different entities
 * never wait for each other (a single global chain serialised every write of every node).
 */
export interface AuditFields {
  /** '<entityType>:<entityId>', or LEGACY_CHAIN for the rows written before the log was split */
  chain: string;
  /** position in the chain, from 1, without gaps */
  chainSeq: number;
  at: string; // ISO instant, millisecond precision
  actorUserId: string | null;
  actorOrgId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The single chain of the rows written before migration 0004. Its rows were hashed without a
 * `chain` key and with their global seq as `seq`, which the migration copied into `chain_seq`;
 * `hashedObject` reproduces exactly that, so they verify unchanged.
 */
export const LEGACY_CHAIN = 'global';

export const chainOf = (entityType: string, entityId: string) => `${entityType}:${entityId}`;

/** JSON with object keys sorted at every depth, so that jsonb's reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** What the hash covers: every field, the position as `seq`, the chain's name (except in the legacy chain). */
function hashedObject({ chain, chainSeq, ...rest }: AuditFields): Record<string, unknown> {
  return chain === LEGACY_CHAIN ? { ...rest, seq: chainSeq } : { ...rest, chain, seq: chainSeq };
}

export function hashAuditRow(prevHash: string, row: AuditFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(hashedObject(row))).digest('hex');
}

/** The last row of a chain (or the empty chain's genesis), from which the next row is linked. */
export interface ChainHead {
  chainSeq: number;
  hash: string;
}

export const EMPTY_CHAIN: ChainHead = { chainSeq: 0, hash: GENESIS_HASH };

/** The next row of a chain: its position and hashes, given the head the writer read. */
export function linkAuditRow(head: ChainHead, fields: Omit<AuditFields, 'chainSeq'>): AuditFields & { prevHash: string; hash: string } {
  const row: AuditFields = { ...fields, chainSeq: head.chainSeq + 1 };
  return { ...row, prevHash: head.hash, hash: hashAuditRow(head.hash, row) };
}

export type ChainVerdict =
  | { ok: true; rows: number; chains: number }
  | { ok: false; rows: number; chains: number; brokenSeq: number; chain: string; chainSeq: number; problem: string };

/** A stored row: the hashed fields, the links, and `seq`, the row's place in the whole log (not hashed). */
export type ChainRow = AuditFields & { seq: number; prevHash: string; hash: string };

/**
 * Checks rows one at a time, ordered by (chain, chainSeq), so that a large log can be streamed in
 * batches; stops at the first row whose position, link or content does not match.
 */
export class ChainVerifier {
  private chain: string | null = null;
  private prev = GENESIS_HASH;
  private expected = 1;
  private n = 0;
  private chains = 0;
  private broken: { brokenSeq: number; chain: string; chainSeq: number; problem: string } | null = null;

  /** Feeds one row; false once a chain is broken (further rows are ignored). */
  push(row: ChainRow): boolean {
    if (this.broken) return false;
    if (row.chain !== this.chain) {
      this.chain = row.chain;
      this.prev = GENESIS_HASH;
      this.expected = 1;
      this.chains++;
    }
    this.n++;
    const fail = (problem: string) => ((this.broken = { brokenSeq: row.seq, chain: row.chain, chainSeq: row.chainSeq, problem }), false);
    if (row.chainSeq !== this.expected) return fail(`链内序号不连续：应为 ${this.expected}，实为 ${row.chainSeq}（有行被删除或插入）`);
    if (row.prevHash !== this.prev) return fail('前一行哈希不匹配（链接断裂）');
    const { seq: _s, prevHash: _p, hash, ...fields } = row;
    if (hashAuditRow(this.prev, fields) !== hash) return fail('行内容与哈希不符（该行被篡改）');
    this.prev = hash;
    this.expected++;
    return true;
  }

  verdict(): ChainVerdict {
    return this.broken ? { ok: false, rows: this.n, chains: this.chains, ...this.broken } : { ok: true, rows: this.n, chains: this.chains };
  }
}

/** Walks rows ordered by (chain, chainSeq); names the first row whose position, link or content does not match. */
export function verifyChain(rows: Iterable<ChainRow>): ChainVerdict {
  const v = new ChainVerifier();
  for (const row of rows) if (!v.push(row)) break;
  return v.verdict();
}
