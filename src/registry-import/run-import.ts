/**
 * Import of an existing registry with its agreements (issue #9, decision 0029).
 *
 * `startImport` stores the job row and answers at once; the job runs in this server process:
 * 1. validating — the file is streamed in batches of BATCH rows: each row is checked (check digits,
 *    vocabularies, dates, region exists and lies in the importer's territory), then against the
 *    registry (an institution outside the territory, a 医保编码 or 协议编号 held by another
 *    institution); bad rows go to `import_rejects` with the 错误说明, the keys of good rows to
 *    `import_keys`, where one SQL window finds the duplicates inside the file.
 * 2. writing — all_or_nothing with any bad row: nothing is written (status 'rejected'). Otherwise
 *    the file is streamed again and every good row is written in ONE transaction (new rows: COPY on
 *    PostgreSQL, multi-row INSERTs on PGlite — `src/db/bulk-insert.ts`; existing ones compared and
 *    updated only if changed); a batch is written while the next one is read and checked.
 * Memory stays flat: a batch, the set of rejected line numbers, the region table.
 */
import { rm } from 'node:fs/promises';
import { regions } from '../db/schema/index';
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import { chinaDate } from '../domain/clock/clock';
import type { SessionUser } from '../domain/identity/roles';
import { scopeContainsRegion, scopeOf, type Scope } from '../domain/identity/territory';
import { checkImportRow, type ImportRecord, type RowFacts } from '../domain/registry/import-row';
import { columnLabel } from '../domain/registry/import-columns';
import {
  agreementMatches, deleteKeys, duplicateLines, findJob, insertJob, insertKeys, insertRejects, registryMatches, updateJob, writeImportBatch,
  type BatchCounts, type JobRow, type RejectRow,
} from '../db/import-repo';
import { readImportRows, type ImportFormat, type ReadRow } from './read-rows';
import { purgeExpiredRejects } from './job-housekeeping';

export const BATCH = 500;
/** Rows per write of the writing pass on PostgreSQL (COPY: larger batches, fewer round trips; memory stays a few MB). */
export const WRITE_BATCH = 2000;
export type ImportMode = 'all_or_nothing' | 'valid_rows';

/** Progress of the jobs running in this process (the writing pass is one transaction: its progress is not in the row yet). */
const live = new Map<string, Partial<JobRow>>();
/** The running jobs' promises (tests and shutdown wait for them) and their organisations. */
const running = new Map<string, Promise<void>>();
const busyOrgs = new Set<string>();

export function waitForImport(jobId: string): Promise<void> {
  return running.get(jobId) ?? Promise.resolve();
}

/** The job row with this process's live progress over it. */
export function withLiveProgress(job: JobRow): JobRow {
  const p = live.get(job.id);
  return p ? { ...job, ...p } : job;
}

export function canImport(user: SessionUser): boolean {
  return user.orgKind === 'agency' || user.orgKind === 'system';
}

const scopePrefixOf = (scope: Scope) => (scope.kind === 'region' ? scope.prefix : '');

export interface StartImportInput {
  format: ImportFormat;
  mode: ImportMode;
  fileName: string;
  /** the uploaded file, already on disk; removed when the job ends */
  path: string;
}

export async function startImport(ctx: AppContext, user: SessionUser, input: StartImportInput): Promise<JobRow> {
  const scope = scopeOf(user);
  if (!canImport(user) || (scope.kind !== 'region' && scope.kind !== 'all')) throw new AppError('FORBIDDEN', '只有经办机构可以导入登记簿');
  // one import at a time per organisation (this process): a second upload would only wait for the first's rows
  if (busyOrgs.has(user.orgId)) throw new AppError('CONFLICT', '本机构已有导入任务正在进行，请等待其完成后再导入');
  busyOrgs.add(user.orgId); // taken before the first await: two uploads at once cannot both pass
  let job: JobRow;
  try {
    // the rejected rows past their retention go first (they hold 身份证号; decision 0029)
    await purgeExpiredRejects(ctx);
    job = await insertJob(ctx.db, {
      format: input.format, mode: input.mode, fileName: input.fileName, scopePrefix: scopePrefixOf(scope),
      orgId: user.orgId, createdBy: user.id, createdAt: ctx.clock.now(),
    });
  } catch (e) {
    busyOrgs.delete(user.orgId);
    throw e;
  }
  const p = runImport(ctx, user, job, input.path).finally(() => {
    running.delete(job.id);
    busyOrgs.delete(user.orgId);
    live.delete(job.id);
  });
  running.set(job.id, p);
  return job;
}

async function loadFacts(ctx: AppContext, scope: Scope, today: string): Promise<RowFacts> {
  const all = await ctx.db.select({ code: regions.code, level: regions.level, kind: regions.kind }).from(regions);
  const map = new Map(all.map((r) => [r.code, { level: r.level, kind: r.kind }]));
  return { today, region: (c) => map.get(c), inTerritory: (c) => scopeContainsRegion(scope, c) };
}

const rejectOf = (r: ReadRow, messages: string[]): RejectRow => ({ line: r.line, raw: Object.entries(r.cells), message: messages.join('；') });

/** Registry facts of a batch of valid rows: which of them cannot be imported by this agency. */
async function registryProblems(ctx: AppContext, scope: Scope, batch: { row: ReadRow; record: ImportRecord }[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  const add = (line: number, msg: string) => out.set(line, [...(out.get(line) ?? []), msg]);
  const matches = await registryMatches(ctx.db, batch.map((b) => b.record.uscc), batch.flatMap((b) => (b.record.ybCode ? [b.record.ybCode] : [])));
  const ags = await agreementMatches(ctx.db, batch.flatMap((b) => (b.record.agreement ? [b.record.agreement.number] : [])));
  for (const { row, record } of batch) {
    const own = matches.find((m) => m.uscc === record.uscc);
    if (own && !scopeContainsRegion(scope, own.regionCode)) {
      add(row.line, `「${columnLabel('uscc')}」对应的机构已在本辖区以外登记，不能由本经办机构导入（请联系其所在地经办机构）`);
    }
    const yb = record.ybCode ? matches.find((m) => m.ybCode === record.ybCode) : undefined;
    if (yb && yb.uscc !== record.uscc) add(row.line, `「${columnLabel('ybCode')}」已登记给另一家机构（统一社会信用代码不同）`);
    const ag = record.agreement ? ags.find((a) => a.number === record.agreement!.number) : undefined;
    if (ag && (ag.source !== 'import' || ag.uscc !== record.uscc)) add(row.line, `「${columnLabel('agreementNumber')}」已被另一份协议使用`);
  }
  return out;
}

const DUP_LABEL = { uscc: columnLabel('uscc'), ybCode: columnLabel('ybCode'), agreementNumber: columnLabel('agreementNumber') };

async function runImport(ctx: AppContext, user: SessionUser, job: JobRow, path: string): Promise<void> {
  const scope = scopeOf(user);
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const progress = async (patch: Partial<JobRow>, persist = true) => {
    live.set(job.id, { ...live.get(job.id), ...patch });
    if (persist) await updateJob(ctx.db, job.id, patch);
  };
  try {
    const facts = await loadFacts(ctx, scope, today);
    await progress({ status: 'validating' });

    // pass 1: validate
    const rejectedLines = new Set<number>();
    let rows = 0;
    let pending: ReadRow[] = [];
    const flush = async () => {
      const rejects: RejectRow[] = [];
      const good: { row: ReadRow; record: ImportRecord }[] = [];
      for (const row of pending) {
        const res = checkImportRow(row.raw, facts);
        if (res.ok) good.push({ row, record: res.record });
        else rejects.push(rejectOf(row, res.errors));
      }
      const problems = await registryProblems(ctx, scope, good);
      const keys = [];
      for (const g of good) {
        const p = problems.get(g.row.line);
        if (p) rejects.push(rejectOf(g.row, p));
        else keys.push({ line: g.row.line, uscc: g.record.uscc, ybCode: g.record.ybCode, agreementNumber: g.record.agreement?.number ?? null });
      }
      for (const r of rejects) rejectedLines.add(r.line);
      await insertRejects(ctx.db, job.id, rejects);
      await insertKeys(ctx.db, job.id, keys);
      rows += pending.length;
      pending = [];
      await progress({ rowsDone: rows, rejected: rejectedLines.size });
    };
    for await (const row of readImportRows(path, job.format)) {
      pending.push(row);
      if (pending.length >= BATCH) await flush();
    }
    await flush();
    if (rows === 0) throw new AppError('INVALID_INPUT', '文件中没有数据行', { field: 'file' });

    const dups = new Map<number, string>();
    for (const d of await duplicateLines(ctx.db, job.id)) {
      const msg = `「${DUP_LABEL[d.key]}」与第 ${d.first} 行重复`;
      dups.set(d.line, dups.has(d.line) ? `${dups.get(d.line)}；${msg}` : msg);
    }
    await deleteKeys(ctx.db, job.id);
    const rejectedTotal = rejectedLines.size + dups.size;
    await progress({ rowsTotal: rows, rejected: rejectedTotal });

    if (job.mode === 'all_or_nothing' && rejectedTotal > 0) {
      // nothing is written; only the duplicates' rows are read again for the rejected-rows workbook
      if (dups.size) {
        let found: RejectRow[] = [];
        for await (const row of readImportRows(path, job.format)) {
          const msg = dups.get(row.line);
          if (msg) found.push(rejectOf(row, [msg]));
          if (found.length >= BATCH) { await insertRejects(ctx.db, job.id, found); found = []; }
        }
        await insertRejects(ctx.db, job.id, found);
      }
      await progress({ status: 'rejected', finishedAt: ctx.clock.now(), message: `共 ${rejectedTotal} 行有错误，按“全部或不导入”方式，本次未导入任何数据` });
      return;
    }

    // pass 2: write every good row in one transaction
    await progress({ status: 'writing', rowsDone: 0 });
    const counts: BatchCounts = { created: 0, updated: 0, unchanged: 0, agreementsCreated: 0, agreementsUpdated: 0 };
    const writeBatch = ctx.database.driver === 'postgres' ? WRITE_BATCH : BATCH;
    await ctx.db.transaction(async (tx) => {
      let batch: ImportRecord[] = [];
      let dupRejects: RejectRow[] = [];
      let done = 0;
      // one batch is written while the next is read and checked: the statements of the transaction
      // stay in order (one write in flight at a time), the parsing overlaps the database's work
      let inflight = null as Promise<void> | null;
      const write = async (records: ImportRecord[], rejects: RejectRow[], upTo: number) => {
        const c = await writeImportBatch(tx, records, { actor: user, now, today });
        for (const k of Object.keys(counts) as (keyof BatchCounts)[]) counts[k] += c[k];
        await insertRejects(tx, job.id, rejects);
        await progress({ rowsDone: upTo, ...counts }, false);
      };
      const submit = async () => {
        const [records, rejects] = [batch, dupRejects];
        batch = [];
        dupRejects = [];
        if (inflight) await inflight;
        inflight = write(records, rejects, done);
        inflight.catch(() => undefined); // awaited at the next submit or at the end
      };
      try {
        for await (const row of readImportRows(path, job.format)) {
          done++;
          if (rejectedLines.has(row.line)) continue;
          const dup = dups.get(row.line);
          if (dup) {
            dupRejects.push(rejectOf(row, [dup]));
            continue;
          }
          const res = checkImportRow(row.raw, facts);
          if (res.ok) batch.push(res.record);
          if (batch.length >= writeBatch) await submit();
        }
        await submit();
        await inflight;
      } finally {
        // never leave a write running when the transaction rolls back: its later statements would run outside it
        await inflight?.catch(() => undefined);
      }
    });
    await progress({ status: 'done', rowsDone: rows, ...counts, finishedAt: ctx.clock.now() });
  } catch (e) {
    const message = e instanceof AppError ? e.message : '导入失败：服务器内部错误，本次未导入任何数据';
    if (!(e instanceof AppError)) console.error('registry import failed', e);
    await deleteKeys(ctx.db, job.id).catch(() => undefined);
    await progress({ status: 'failed', message, finishedAt: ctx.clock.now() }).catch(() => undefined);
  } finally {
    await rm(path, { force: true }).catch(() => undefined);
  }
}

/** A job of the user's own organisation, or 404. */
export async function getImportJob(ctx: AppContext, user: SessionUser, id: string): Promise<JobRow> {
  const job = /^[0-9a-f-]{36}$/i.test(id) ? await findJob(ctx.db, id) : null;
  if (!job || job.orgId !== user.orgId) throw new AppError('NOT_FOUND', '导入任务不存在');
  return withLiveProgress(job);
}
