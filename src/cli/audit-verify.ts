/**
 * `npm run audit:verify` — re-computes the audit log's hash chains (one per audited entity) in the configured
 * database (DATABASE_URL, or the PGlite folder DATA_DIR) and prints the verdict.
 * Exit code: 0 chain intact, 1 chain broken, 2 could not verify (database unavailable).
 *
 * The embedded PGlite folder can be opened by one process only: while the server runs on it,
 * this tool is refused — stop the server first, or ask the running server
 * (GET /api/audit/verify as 系统管理员). Against PostgreSQL it runs alongside the server.
 */
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/client';
import { DataDirLockedError } from '../db/dir-lock';
import { verifyAuditLog } from '../db/audit-repo';
import { verifyAnchors } from '../audit/checkpoints';
import type { Anchor } from '../audit/anchor';
import { loadAnchor } from '../audit/anchor';

/**
 * Verifies the chains and, given the anchor (key outside the database), the signed checkpoints;
 * reports and returns the exit code.
 */
export async function runAuditVerify(database: Database, out: (line: string) => void = console.log, batchSize?: number, anchor?: Anchor): Promise<number> {
  const verdict = await verifyAuditLog(database.db, batchSize);
  if (!verdict.ok) {
    out(`审计链断裂：链 ${verdict.chain} 第 ${verdict.chainSeq} 行（seq ${verdict.brokenSeq}）— ${verdict.problem}`);
    return 1;
  }
  out(`审计链完整：${verdict.rows} 行，${verdict.chains} 条链`);
  if (!anchor) return 0;
  const anchors = await verifyAnchors(database.db, anchor);
  if (!anchors.ok) {
    out(`审计日志被删改：${anchors.problem}`);
    return 1;
  }
  out(anchors.latest
    ? `签名检查点完整：${anchors.checkpoints} 个，最新第 ${anchors.latest.n} 个（${anchors.latest.at}，至 seq ${anchors.latest.maxSeq}）`
    : '尚无签名检查点（服务器运行后定期写入）');
  return 0;
}

async function main(): Promise<number> {
  const config = loadConfig();
  let database: Database;
  try {
    database = await openDatabase({ ...(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.DATA_DIR }), migrate: false });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(`无法校验：${e.message}`);
      console.error('提示：嵌入式数据库 (PGlite) 正被运行中的服务器使用。请先停止服务器再运行本工具，或以系统管理员身份调用 GET /api/audit/verify；PostgreSQL 部署可直接运行本工具。');
      return 2;
    }
    throw e;
  }
  try {
    return await runAuditVerify(database, console.log, undefined, loadAnchor(config));
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`无法校验：${e instanceof Error ? e.message : String(e)}`);
      process.exit(2);
    },
  );
}
