/**
 * `npm run restore -- <backup file> [--keys-from <old DATA_DIR>]` — loads a backup written by
 * `npm run backup` into the configured database, which must be empty: a new PGlite folder
 * (DATA_DIR) or a newly created PostgreSQL database (DATABASE_URL). Migrations are applied up to the
 * backup's level, the rows inserted in one transaction, then the newer migrations applied
 * (src/db/backup.ts, decision 0030). `--keys-from` copies the keys that are not in the dump
 * (signing-kek.hex, audit-anchor.key and the anchor log's lines up to the backup's newest
 * checkpoint) from the old data folder into DATA_DIR. Afterwards the audit chain is verified.
 * Exit code: 0 restored and verified, 1 restored but the audit chain does not verify, 2 not restored.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig, type Config } from '../config';
import { openDatabase } from '../db/client';
import { DataDirLockedError } from '../db/dir-lock';
import { restoreBackup } from '../db/backup';
import { loadAnchor } from '../audit/anchor';
import { runAuditVerify } from './audit-verify';

/** Copies the keys kept outside the database; the anchor log only up to checkpoint `maxN` (later ones were not in the backup). */
export function copyKeys(fromDir: string, toDir: string, maxN: number): string[] {
  fs.mkdirSync(toDir, { recursive: true });
  const copied: string[] = [];
  for (const name of ['signing-kek.hex', 'audit-anchor.key']) {
    const src = path.join(fromDir, name);
    if (fs.existsSync(src)) {
      fs.copyFileSync(src, path.join(toDir, name));
      fs.chmodSync(path.join(toDir, name), 0o600);
      copied.push(name);
    }
  }
  const log = path.join(fromDir, 'audit-anchor.log');
  if (fs.existsSync(log)) {
    const kept = fs.readFileSync(log, 'utf8').split('\n').filter((l) => l.trim() && (JSON.parse(l) as { n: number }).n <= maxN);
    fs.writeFileSync(path.join(toDir, 'audit-anchor.log'), kept.map((l) => `${l}\n`).join(''), { mode: 0o600 });
    copied.push('audit-anchor.log');
  }
  return copied;
}

/** Restore + key copy + audit verification; the CLI's whole work, callable from tests. */
export async function runRestore(config: Config, file: string, keysFrom: string | undefined, out: (line: string) => void = console.log): Promise<number> {
  if (!fs.existsSync(file)) {
    out(`无法恢复：找不到备份文件 ${file}`);
    return 2;
  }
  const database = await openDatabase({ ...(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.DATA_DIR }), migrate: false });
  try {
    const s = await restoreBackup(database, file);
    out(`恢复完成：${s.tables} 张表，${s.rows} 行；备份时数据库迁移 ${s.migrations.fromBackup} 个，恢复后升级 ${s.migrations.applied} 个`);
    if (keysFrom) {
      const [latest] = await database.query<{ n: number }>('SELECT coalesce(max(n), 0)::int AS n FROM audit_checkpoints');
      const copied = copyKeys(keysFrom, config.DATA_DIR, Number(latest?.n ?? 0));
      out(`已复制密钥文件：${copied.join('、') || '无'}`);
    }
    const keys = keysFrom || config.AUDIT_ANCHOR_KEY || fs.existsSync(path.join(config.DATA_DIR, 'audit-anchor.key'));
    return await runAuditVerify(database, out, undefined, keys ? loadAnchor(config) : undefined);
  } finally {
    await database.close();
  }
}

async function main(args: string[]): Promise<number> {
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--keys-from');
  const k = args.indexOf('--keys-from');
  const keysFrom = k >= 0 ? args[k + 1] : undefined;
  if (!file) {
    console.error('用法：npm run restore -- <备份文件> [--keys-from <原 DATA_DIR>]');
    return 2;
  }
  try {
    return await runRestore(loadConfig(), file, keysFrom);
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(`无法恢复：${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`无法恢复：${e instanceof Error ? e.message : String(e)}`);
      process.exit(2);
    },
  );
}
