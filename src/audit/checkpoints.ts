import type { Db } from '../db/client';
import {
  allCheckpoints, casesAheadOfTheirChain, committedHighWater, headsUpTo, insertCheckpoint, latestCheckpoint,
} from '../db/audit-checkpoint-repo';
import { checkCheckpointSequence, compareWithCheckpoint, FIRST_PREV_MAC, sealCheckpoint, type Checkpoint } from '../domain/audit/checkpoint';
import { appendAnchorLog, lastAnchored, type Anchor } from './anchor';

/**
 * Takes a signed checkpoint of the audit log as it stands (decision 0021); null when nothing was
 * appended since the last one, or when another node took the same number first.
 */
export async function takeCheckpoint(db: Db, anchor: Anchor, now: Date): Promise<Checkpoint | null> {
  const last = await latestCheckpoint(db);
  const maxSeq = await committedHighWater(db);
  if (last && last.maxSeq >= maxSeq) return null;
  const heads = await headsUpTo(db, maxSeq);
  const c = sealCheckpoint(anchor.key, {
    n: (last?.n ?? 0) + 1, at: now.toISOString(), maxSeq, ...heads, prevMac: last?.mac ?? FIRST_PREV_MAC,
  });
  if (!(await insertCheckpoint(db, c))) return null;
  appendAnchorLog(anchor, c);
  return c;
}

export type AnchorVerdict =
  | { ok: true; checkpoints: number; latest: { n: number; at: string; maxSeq: number } | null }
  | { ok: false; checkpoints: number; problem: string };

/**
 * What the hash chains cannot show: rows deleted at a chain's end, whole chains deleted, a row
 * edited with the hashes after it recomputed, checkpoints deleted or forged, and — for rows newer
 * than the latest checkpoint — an application whose version is ahead of its chain.
 */
export async function verifyAnchors(db: Db, anchor: Anchor): Promise<AnchorVerdict> {
  const list = await allCheckpoints(db);
  const seqProblem = checkCheckpointSequence(anchor.key, list);
  if (seqProblem) return { ok: false, checkpoints: list.length, problem: `检查点第 ${seqProblem.n} 个：${seqProblem.problem}` };
  const anchored = lastAnchored(anchor);
  if (anchored) {
    const held = list.find((c) => c.n === anchored.n);
    if (!held || held.mac !== anchored.mac) {
      return { ok: false, checkpoints: list.length, problem: `本节点锚定记录的第 ${anchored.n} 个检查点在数据库中${held ? '已被改动' : '已不存在'}（检查点被删除）` };
    }
  }
  const latest = list.at(-1) ?? null;
  if (latest) {
    const mismatch = compareWithCheckpoint(latest, await headsUpTo(db, latest.maxSeq));
    if (mismatch) return { ok: false, checkpoints: list.length, problem: mismatch };
  }
  const ahead = await casesAheadOfTheirChain(db, 1);
  if (ahead[0]) {
    const a = ahead[0];
    return { ok: false, checkpoints: list.length, problem: `链 ${a.chain} 只有 ${a.chainLength} 行，而该申请的版本号为 ${a.version}：链末尾的行被删除` };
  }
  return { ok: true, checkpoints: list.length, latest: latest ? { n: latest.n, at: latest.at, maxSeq: latest.maxSeq } : null };
}

/** Takes a checkpoint now and every `minutes` after; returns the stop function. Failures are logged, not thrown. */
export function startCheckpointing(db: Db, anchor: Anchor, now: () => Date, minutes: number, log: (msg: string) => void = console.error): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await takeCheckpoint(db, anchor, now());
    } catch (e) {
      log(`审计检查点写入失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
