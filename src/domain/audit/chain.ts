import { createHash } from 'node:crypto';

/** The fields of an audit row that its hash covers. */
export interface AuditFields {
  seq: number;
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

export function hashAuditRow(prevHash: string, row: AuditFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(row)).digest('hex');
}

export type ChainVerdict = { ok: true; rows: number } | { ok: false; rows: number; brokenSeq: number; problem: string };

export type ChainRow = AuditFields & { prevHash: string; hash: string };

/**
 * Checks rows one at a time, in seq order, so that a large log can be streamed in
 * batches; stops at the first row whose link or content does not match.
 */
export class ChainVerifier {
  private prev = GENESIS_HASH;
  private expectedSeq = 1;
  private n = 0;
  private broken: { brokenSeq: number; problem: string } | null = null;

  /** Feeds one row; false once the chain is broken (further rows are ignored). */
  push(row: ChainRow): boolean {
    if (this.broken) return false;
    this.n++;
    const fail = (problem: string) => ((this.broken = { brokenSeq: row.seq, problem }), false);
    if (row.seq !== this.expectedSeq) return fail(`序号不连续：应为 ${this.expectedSeq}，实为 ${row.seq}（有行被删除或插入）`);
    if (row.prevHash !== this.prev) return fail('前一行哈希不匹配（链接断裂）');
    const { prevHash: _p, hash, ...fields } = row;
    if (hashAuditRow(this.prev, fields) !== hash) return fail('行内容与哈希不符（该行被篡改）');
    this.prev = hash;
    this.expectedSeq++;
    return true;
  }

  verdict(): ChainVerdict {
    return this.broken ? { ok: false, rows: this.n, ...this.broken } : { ok: true, rows: this.n };
  }
}

/** Walks rows in seq order; names the first row whose link or content does not match. */
export function verifyChain(rows: Iterable<ChainRow>): ChainVerdict {
  const v = new ChainVerifier();
  for (const row of rows) if (!v.push(row)) break;
  return v.verdict();
}
