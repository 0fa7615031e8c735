import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './chain';

/**
 * Signed checkpoints of the audit log (decision 0021). The hash chains prove that no row inside a
 * chain was changed without recomputing the rest of it — but someone who can write the table can
 * delete a chain's newest rows, a whole chain, or edit a row and recompute the hashes after it, and
 * the chains still verify. A checkpoint closes that gap: at a point in the log (every row with
 * `seq` ≤ `maxSeq`) it records the head of every chain, as one digest, and the number of chains and
 * rows, and seals them with an HMAC whose key is not stored in the database. Checkpoints link to
 * each other (`prevMac`), so one cannot be dropped from the middle either.
 */
export interface HeadLine {
  chain: string;
  chainSeq: number;
  hash: string;
}

/**
 * The digest of all chain heads, fed in chain order (the order the verifier reads the log in):
 * sha256 over `chain \t chainSeq \t hash \n` per chain.
 */
export class HeadsDigest {
  private readonly h = createHash('sha256');
  chains = 0;
  rows = 0;
  private last: string | null = null;

  /** One chain's head and how many rows the chain has up to it. */
  add(head: HeadLine, rows: number): void {
    if (this.last !== null && head.chain <= this.last) throw new Error('heads must come in ascending chain order');
    this.last = head.chain;
    this.h.update(`${head.chain}\t${head.chainSeq}\t${head.hash}\n`);
    this.chains += 1;
    this.rows += rows;
  }

  digest(): string {
    return this.h.digest('hex');
  }
}

/** What a checkpoint states about the log. */
export interface CheckpointBody {
  /** 1, 2, 3 … without gaps */
  n: number;
  /** ISO instant it was taken */
  at: string;
  /** the log up to and including this `seq` */
  maxSeq: number;
  chains: number;
  rows: number;
  headsDigest: string;
  /** the previous checkpoint's mac (64 zeros for the first) */
  prevMac: string;
}

export interface Checkpoint extends CheckpointBody {
  mac: string;
}

export const FIRST_PREV_MAC = '0'.repeat(64);

export function macOf(key: Buffer, body: CheckpointBody): string {
  const { n, at, maxSeq, chains, rows, headsDigest, prevMac } = body;
  return createHmac('sha256', key).update(canonicalJson({ n, at, maxSeq, chains, rows, headsDigest, prevMac })).digest('hex');
}

export function sealCheckpoint(key: Buffer, body: CheckpointBody): Checkpoint {
  return { ...body, mac: macOf(key, body) };
}

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export type CheckpointProblem = { n: number; problem: string };

/**
 * Checks the sequence of checkpoints itself (ordered by n): numbering without gaps, each one's
 * link to the one before, each mac under the key. Returns the first problem or null.
 */
export function checkCheckpointSequence(key: Buffer, list: readonly Checkpoint[]): CheckpointProblem | null {
  let prev: Checkpoint | null = null;
  for (const c of list) {
    const expectedN = prev ? prev.n + 1 : 1;
    if (c.n !== expectedN) return { n: c.n, problem: `检查点编号不连续：应为第 ${expectedN} 个，实为第 ${c.n} 个（检查点被删除）` };
    if (c.prevMac !== (prev ? prev.mac : FIRST_PREV_MAC)) return { n: c.n, problem: '检查点与前一检查点的链接不符' };
    if (!sameHex(c.mac, macOf(key, c))) return { n: c.n, problem: '检查点签名（HMAC）不符：检查点被改动，或密钥不是写入时的密钥' };
    if (prev && c.maxSeq < prev.maxSeq) return { n: c.n, problem: '检查点覆盖的日志范围倒退' };
    prev = c;
  }
  return null;
}

/** Compares what the log holds now (up to the checkpoint's maxSeq) with what the checkpoint sealed. */
export function compareWithCheckpoint(c: Checkpoint, now: { chains: number; rows: number; headsDigest: string }): string | null {
  if (now.chains < c.chains) return `第 ${c.n} 个检查点记录 ${c.chains} 条链，现仅有 ${now.chains} 条：有整条链被删除`;
  if (now.rows < c.rows) return `第 ${c.n} 个检查点记录 ${c.rows} 行，现仅有 ${now.rows} 行：有行被删除`;
  if (now.chains !== c.chains || now.rows !== c.rows) return `第 ${c.n} 个检查点记录 ${c.chains} 条链 ${c.rows} 行，现为 ${now.chains} 条链 ${now.rows} 行：检查点之前的日志被改动`;
  if (now.headsDigest !== c.headsDigest) return `第 ${c.n} 个检查点之前的链头与签名时不符：有行被删除、改动或重新计算了哈希`;
  return null;
}
