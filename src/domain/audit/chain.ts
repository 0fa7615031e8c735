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

/** Walks rows in seq order; names the first row whose link or content does not match. */
export function verifyChain(rows: Iterable<AuditFields & { prevHash: string; hash: string }>): ChainVerdict {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let n = 0;
  for (const row of rows) {
    n++;
    if (row.seq !== expectedSeq) return { ok: false, rows: n, brokenSeq: row.seq, problem: `序号不连续：应为 ${expectedSeq}，实为 ${row.seq}（有行被删除或插入）` };
    if (row.prevHash !== prev) return { ok: false, rows: n, brokenSeq: row.seq, problem: '前一行哈希不匹配（链接断裂）' };
    const { prevHash: _p, hash, ...fields } = row;
    if (hashAuditRow(prev, fields) !== hash) return { ok: false, rows: n, brokenSeq: row.seq, problem: '行内容与哈希不符（该行被篡改）' };
    prev = hash;
    expectedSeq++;
  }
  return { ok: true, rows: n };
}
