/**
 * The import jobs' housekeeping (decision 0029):
 * - at start-up, a job still in a running state was left by a server that stopped (restart, crash):
 *   it is marked 'interrupted'. Nothing of it was written — the writing pass is one transaction, which
 *   the database rolled back when the connection went — so the clerk only uploads the file again.
 * - the rejected rows keep each row as read (the correction workbook must give the clerk the original
 *   row, 身份证号 included, to fix and re-import): they are kept IMPORT_REJECTS_RETENTION_DAYS days
 *   and purged when the next import starts.
 */
import type { AppContext } from '../context';
import { markJobsInterrupted, purgeRejectsBefore, type JobRow } from '../db/import-repo';

export const INTERRUPTED_MESSAGE = '服务重启，导入已中断，请重新上传';
const DAY_MS = 86_400_000;

/**
 * Marks the jobs left running by a process that is gone. `alive`: the jobs this process runs (none at
 * start-up). With several app nodes, a node starting while another imports marks that job too; the
 * running job's next progress write sets its status again, so the mark only shows until then.
 */
export async function markInterruptedImports(ctx: AppContext, alive: string[] = []): Promise<string[]> {
  return markJobsInterrupted(ctx.db, alive, INTERRUPTED_MESSAGE, ctx.clock.now());
}

/** The moment before which a job's rejected rows are gone. */
export function rejectsExpireBefore(ctx: AppContext): Date {
  return new Date(ctx.clock.now().getTime() - ctx.config.IMPORT_REJECTS_RETENTION_DAYS * DAY_MS);
}

export async function purgeExpiredRejects(ctx: AppContext): Promise<void> {
  await purgeRejectsBefore(ctx.db, rejectsExpireBefore(ctx));
}

/** Whether a finished job's rejected-rows workbook is past its retention (its rows purged or about to be). */
export function rejectsExpired(ctx: AppContext, job: JobRow): boolean {
  return job.createdAt.getTime() < rejectsExpireBefore(ctx).getTime();
}

/**
 * A job that was written and changed nothing: every valid row was already in the registry as it is
 * (the same file imported before). The page says so instead of a bare 已完成.
 */
export function changedNothing(job: JobRow): boolean {
  return job.status === 'done' && job.unchanged > 0
    && job.created + job.updated + job.agreementsCreated + job.agreementsUpdated === 0;
}
