/**
 * Logical backup and restore of the whole database (decision 0030), the same on PGlite and
 * PostgreSQL, so that a dump of the embedded database restores into PostgreSQL and back.
 *
 * Format (`.jsonl.gz`): gzip of UTF-8 lines —
 *   `#{"format":"dingdian-backup",…,"migrations":{"count":N,"last":<when>}}`  header
 *   `#{"table":"institutions","columns":[…]}`  then one `row_to_json` line per row, then
 *   `#{"end":"institutions","rows":n}`  …  and last
 *   `#{"done":true,"rows":total,"sha256":…}`  (sha256 of every line before it).
 * Tables come in foreign-key order (parents first). The dump reads in one REPEATABLE READ, READ ONLY
 * transaction through a cursor: one consistent snapshot, bounded memory, and — on PostgreSQL — the
 * application keeps running meanwhile. Sessions and login failures are not backed up (everybody
 * signs in again after a restore).
 *
 * A restore goes into an empty database: it applies the app's migrations up to the dump's level,
 * inserts every row in one transaction (`json_populate_recordset`, identity values kept, sequences
 * moved past them), checks the row counts and the checksum, commits, and only then applies the
 * newer migrations — an old backup is upgraded exactly as a running deployment would be.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { MIGRATIONS, rowsOf, runMigrations, type Database, type Tx } from './client';

export const BACKUP_FORMAT = 'dingdian-backup';
export const BACKUP_FORMAT_VERSION = 1;
/** Not backed up: they only matter while the server that wrote them runs. */
export const NOT_BACKED_UP = ['sessions', 'login_failures'] as const;
const FETCH = 500;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  driver: Database['driver'];
  migrations: { count: number; last: number };
  tables: string[];
}

export interface BackupSummary {
  file: string;
  tables: number;
  rows: number;
  bytes: number;
  migrations: { count: number; last: number };
}

const q = (tx: Tx, text: string) => tx.execute(sql.raw(text)).then((r) => rowsOf<Record<string, unknown>>(r));
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The app's tables in foreign-key order (parents first); ties by name. */
async function tablesInOrder(tx: Tx): Promise<string[]> {
  const tables = (await q(tx, `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`)).map((r) => String(r.name));
  const edges = await q(tx, `SELECT child.relname AS child, parent.relname AS parent FROM pg_constraint k
    JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = child.relnamespace WHERE k.contype = 'f' AND n.nspname = 'public'`);
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) if (e.child !== e.parent) parents.get(String(e.child))?.add(String(e.parent));
  const out: string[] = [];
  const done = new Set<string>();
  const visit = (t: string, path: Set<string>) => {
    if (done.has(t) || path.has(t)) return;
    path.add(t);
    for (const p of [...(parents.get(t) ?? [])].sort()) visit(p, path);
    path.delete(t);
    done.add(t);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out.filter((t) => !(NOT_BACKED_UP as readonly string[]).includes(t));
}

async function migrationLevel(tx: Tx): Promise<{ count: number; last: number }> {
  const [exists] = await q(tx, `SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS ok`);
  if (!exists?.ok) throw new Error('数据库尚未初始化（没有数据库迁移记录），没有可备份的数据');
  const [r] = await q(tx, 'SELECT count(*)::int AS n, coalesce(max(created_at), 0)::bigint AS last FROM drizzle.__drizzle_migrations');
  return { count: Number(r?.n ?? 0), last: Number(r?.last ?? 0) };
}

/** Writes a consistent dump of `database` to `file` (gzip). */
export async function writeBackup(database: Database, file: string, now: Date): Promise<BackupSummary> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.partial`;
  const gzip = zlib.createGzip({ level: 6 });
  const outFile = fs.createWriteStream(tmp, { mode: 0o600 });
  gzip.pipe(outFile);
  const hash = createHash('sha256');
  const write = async (line: string) => {
    hash.update(line).update('\n');
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  let rows = 0;
  let tables: string[] = [];
  let migrations = { count: 0, last: 0 };
  try {
    await database.db.transaction(async (tx) => {
      migrations = await migrationLevel(tx);
      tables = await tablesInOrder(tx);
      const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_FORMAT_VERSION, createdAt: now.toISOString(), driver: database.driver, migrations, tables };
      await write(`#${JSON.stringify(header)}`);
      for (const t of tables) {
        await write(`#${JSON.stringify({ table: t })}`);
        await q(tx, `DECLARE dd_backup NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${ident(t)} t`);
        let n = 0;
        for (;;) {
          const batch = await q(tx, `FETCH ${FETCH} FROM dd_backup`);
          for (const r of batch) await write(String(r.j));
          n += batch.length;
          if (batch.length < FETCH) break;
        }
        await q(tx, 'CLOSE dd_backup');
        await write(`#${JSON.stringify({ end: t, rows: n })}`);
        rows += n;
      }
    }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
    const trailer = `#${JSON.stringify({ done: true, tables: tables.length, rows, sha256: hash.digest('hex') })}\n`;
    gzip.end(trailer);
    await once(outFile, 'close');
    fs.renameSync(tmp, file);
  } catch (e) {
    gzip.destroy();
    outFile.destroy();
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return { file, tables: tables.length, rows, bytes: fs.statSync(file).size, migrations };
}

/** The header of a backup file (to check it before restoring). */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  for await (const line of lines(file)) return parseHeader(line);
  throw new Error('备份文件为空');
}

function parseHeader(line: string): BackupHeader {
  let h: BackupHeader;
  try {
    h = JSON.parse(line.slice(1)) as BackupHeader;
  } catch {
    throw new Error('不是 dingdian 备份文件（文件头无法解析）');
  }
  if (!line.startsWith('#') || h.format !== BACKUP_FORMAT) throw new Error('不是 dingdian 备份文件');
  if (h.version !== BACKUP_FORMAT_VERSION) throw new Error(`备份格式版本 ${h.version} 不受支持（本程序支持 ${BACKUP_FORMAT_VERSION}）`);
  return h;
}

function lines(file: string): AsyncIterable<string> {
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  return readline.createInterface({ input, crlfDelay: Infinity });
}

/** A migrations folder holding the app's migrations up to the dump's level (drizzle reads meta/_journal.json). */
function migrationsUpTo(last: number): { folder: string; cleanup: () => void } {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as { entries: { when: number; tag: string }[] };
  if (last !== 0 && !journal.entries.some((e) => e.when === last)) {
    throw new Error('备份来自更新或不同版本的程序（其数据库迁移本程序没有）：请用生成备份的版本或更新的版本恢复');
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-restore-'));
  fs.mkdirSync(path.join(folder, 'meta'));
  const entries = journal.entries.filter((e) => e.when <= last);
  fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) fs.copyFileSync(path.join(MIGRATIONS, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  return { folder, cleanup: () => fs.rmSync(folder, { recursive: true, force: true }) };
}

export interface RestoreSummary {
  tables: number;
  rows: number;
  migrations: { fromBackup: number; applied: number };
}

/** Restores `file` into `database`, which must be empty (a fresh PGlite folder or PostgreSQL database). */
export async function restoreBackup(database: Database, file: string): Promise<RestoreSummary> {
  const header = await readBackupHeader(file);
  const [hasTables] = await database.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'`,
  );
  if (Number(hasTables?.n ?? 0) > 0) {
    const [used] = await database.query<{ n: number }>('SELECT (SELECT count(*) FROM audit_log)::int AS n').catch(() => [{ n: 1 }]);
    if (Number(used?.n ?? 0) > 0) throw new Error('目标数据库不是空的：恢复只写入新的空数据库（新的 DATA_DIR 文件夹或新建的 PostgreSQL 数据库）');
  }
  const level = migrationsUpTo(header.migrations.last);
  try {
    await runMigrations(database, level.folder);
  } finally {
    level.cleanup();
  }

  let rows = 0;
  let tables = 0;
  await database.db.transaction(async (tx) => {
    // parents come first in the file; a self-reference (or a PostgreSQL superuser's restore) is
    // covered by replica mode, which skips foreign-key and audit triggers for this transaction only
    await tx.transaction(async (sp) => {
      await sp.execute(sql.raw('SET LOCAL session_replication_role = replica'));
    }).catch(() => undefined);
    const hash = createHash('sha256');
    let current: string | null = null;
    let batch: string[] = [];
    let n = 0;
    let done: { rows: number; sha256: string } | null = null;
    const flush = async () => {
      if (!current || batch.length === 0) return;
      await tx.execute(sql`INSERT INTO ${sql.identifier(current)} OVERRIDING SYSTEM VALUE
        SELECT * FROM json_populate_recordset(NULL::${sql.identifier(current)}, ${`[${batch.join(',')}]`}::json)`);
      batch = [];
    };
    let first = true;
    for await (const line of lines(file)) {
      if (done) throw new Error('备份文件在结束标记之后还有内容');
      if (first) {
        first = false;
        hash.update(line).update('\n');
        continue;
      }
      if (line.startsWith('#')) {
        const ctl = JSON.parse(line.slice(1)) as { table?: string; end?: string; rows?: number; done?: boolean; sha256?: string };
        if (ctl.done) {
          done = { rows: ctl.rows ?? -1, sha256: ctl.sha256 ?? '' };
          continue;
        }
        hash.update(line).update('\n');
        if (ctl.table) {
          if (!header.tables.includes(ctl.table)) throw new Error(`备份中的表 ${ctl.table} 不在文件头的表清单中`);
          current = ctl.table;
          n = 0;
        } else if (ctl.end) {
          await flush();
          if (ctl.end !== current || ctl.rows !== n) throw new Error(`表 ${ctl.end} 的行数与备份记录不符（${n} ≠ ${ctl.rows}）`);
          rows += n;
          tables++;
          current = null;
        }
        continue;
      }
      hash.update(line).update('\n');
      if (!current) throw new Error('备份文件格式错误：数据行不属于任何表');
      batch.push(line);
      n++;
      if (batch.length >= FETCH) await flush();
    }
    if (!done) throw new Error('备份文件不完整（缺少结束标记），未恢复任何数据');
    if (done.rows !== rows || done.sha256 !== hash.digest('hex')) throw new Error('备份文件校验失败（行数或校验和不符），未恢复任何数据');
    // identity and serial columns continue after the restored values
    const seqs = rowsOf<{ t: string; c: string }>(await tx.execute(sql`SELECT table_name AS t, column_name AS c FROM information_schema.columns
      WHERE table_schema = 'public' AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')`));
    for (const { t, c } of seqs) {
      await tx.execute(sql.raw(`SELECT setval(pg_get_serial_sequence('${ident(t).replace(/'/g, "''")}', '${c.replace(/'/g, "''")}'),
        coalesce((SELECT max(${ident(c)}) FROM ${ident(t)}), 0) + 1, false)`));
    }
  });

  const before = header.migrations.count;
  await runMigrations(database);
  const [after] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
  return { tables, rows, migrations: { fromBackup: before, applied: Number(after?.n ?? 0) - before } };
}
