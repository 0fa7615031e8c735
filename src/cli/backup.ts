/**
 * `npm run backup [-- --out <file>]` — a consistent logical dump of the configured database
 * (DATABASE_URL, or the PGlite folder DATA_DIR) as one gzip file that `npm run restore` loads into
 * an empty PGlite folder or PostgreSQL database (src/db/backup.ts, decision 0030).
 * Default file: backups/dingdian-<YYYYMMDD-HHMMSS>.jsonl.gz.
 *
 * The embedded PGlite folder can be opened by one process only: stop the server first (the backup
 * takes seconds). Against PostgreSQL it runs alongside the servers (one REPEATABLE READ snapshot).
 * The keys in DATA_DIR (signing-kek.hex, audit-anchor.key, audit-anchor.log) are NOT in the dump:
 * keep them apart from it (docs/operations.md).
 * Exit code: 0 written, 2 could not back up.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { DataDirLockedError } from '../db/dir-lock';
import { writeBackup } from '../db/backup';

export function defaultBackupFile(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return path.join('backups', `dingdian-${stamp}.jsonl.gz`);
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]): Promise<number> {
  const config = loadConfig();
  const now = new Date();
  const file = argValue(args, '--out') ?? defaultBackupFile(now);
  let database;
  try {
    database = await openDatabase({ ...(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.DATA_DIR }), migrate: false });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(`无法备份：${e.message}`);
      console.error('提示：嵌入式数据库 (PGlite) 正被运行中的服务器使用，请先停止服务器再备份；PostgreSQL 部署可在服务运行时备份。');
      return 2;
    }
    throw e;
  }
  try {
    const s = await writeBackup(database, file, now);
    console.log(`备份完成：${s.file}（${s.tables} 张表，${s.rows} 行，${(s.bytes / 1024).toFixed(1)} KiB，数据库迁移 ${s.migrations.count} 个）`);
    if (!config.DATABASE_URL) console.log(`提醒：密钥文件不在备份中，请另行妥善保存：${path.join(config.DATA_DIR, 'signing-kek.hex')}、audit-anchor.key、audit-anchor.log`);
    return 0;
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`无法备份：${e instanceof Error ? e.message : String(e)}`);
      process.exit(2);
    },
  );
}
