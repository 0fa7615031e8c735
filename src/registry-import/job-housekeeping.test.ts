/**
 * The import jobs' housekeeping (decision 0029): a job left running by a stopped server is marked
 * interrupted at the next start; the rejected rows (the rows as read, 身份证号 included) are purged
 * after IMPORT_REJECTS_RETENTION_DAYS (default 30) when the next import starts; a re-import that
 * changed nothing says so. Time moves with the injected clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { count, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { actAs, sessionHeaders } from '../testing/factories';
import { buildApp } from '../server/app';
import { seedRegions } from '../seed/regions';
import { withUsccCheck } from '../domain/validators/uscc';
import { withIdCheck } from '../domain/validators/id-number';
import { importJobs, importKeys, importRejects } from '../db/schema/index';
import { insertJob, insertKeys } from '../db/import-repo';
import { waitForImport } from './run-import';
import { INTERRUPTED_MESSAGE, markInterruptedImports } from './job-housekeeping';

let ctx: TestContext;
let app: FastifyInstance;
let officer: Awaited<ReturnType<typeof actAs>>;
let headers: Record<string, string>;

const HEAD = 'fixmedins_code,fixmedins_name,uscc,fixmedins_type,机构类型,admdvs,地址,法定代表人姓名,法定代表人身份证号';
const line = (i: number, idNumber = withIdCheck(`53010219800101${String(100 + i)}`)) =>
  `H530102${String(i).padStart(5, '0')},清理测试诊所${i}号,${withUsccCheck(`92530102MAH${String(i).padStart(6, '0')}`)},1,诊所,530102,示例路${i}号,王${i},${idNumber}`;

async function upload(body: string, mode = 'valid_rows') {
  const res = await app.inject({
    method: 'POST', url: `/api/imports?fileName=${encodeURIComponent('清理.csv')}&mode=${mode}`,
    headers: { ...headers, 'content-type': 'application/octet-stream' }, payload: `\uFEFF${body}\r\n`,
  });
  expect(res.statusCode, res.body).toBe(202);
  await waitForImport(res.json().id);
  return (await app.inject({ method: 'GET', url: `/api/imports/${res.json().id}`, headers })).json();
}
const rejectRows = async (jobId: string) => Number((await ctx.db.select({ n: count() }).from(importRejects).where(eq(importRejects.jobId, jobId)))[0]!.n);

beforeAll(async () => {
  ctx = await createTestContext();
  await seedRegions(ctx.db);
  app = await buildApp(ctx);
  officer = await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, ['agency_officer']);
  headers = officer.headers;
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('registry import housekeeping (decision 0029)', () => {
  it('at start-up, jobs left validating or writing by a stopped server are marked interrupted with a Chinese message; finished ones stay', async () => {
    const base = { format: 'csv' as const, mode: 'valid_rows' as const, fileName: 'a.csv', scopePrefix: '530102', orgId: officer.org.id, createdBy: officer.user.id, createdAt: ctx.clock.now() };
    const validating = await insertJob(ctx.db, { ...base, status: 'validating' });
    const writing = await insertJob(ctx.db, { ...base, status: 'writing' });
    const done = await insertJob(ctx.db, { ...base, status: 'done' });
    await insertKeys(ctx.db, writing.id, [{ line: 2, uscc: 'x', ybCode: null, agreementNumber: null }]);

    const marked = await markInterruptedImports(ctx);
    expect(marked.sort()).toEqual([validating.id, writing.id].sort());
    const res = await app.inject({ method: 'GET', url: `/api/imports/${writing.id}`, headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'interrupted', message: INTERRUPTED_MESSAGE, changedNothing: false });
    expect(res.json().finishedAt).toBe(ctx.clock.now().toISOString());
    const [d] = await ctx.db.select().from(importJobs).where(eq(importJobs.id, done.id));
    expect(d!.status).toBe('done');
    // the staging keys of the dead job are gone too
    expect(Number((await ctx.db.select({ n: count() }).from(importKeys).where(eq(importKeys.jobId, writing.id)))[0]!.n)).toBe(0);
    // a second start finds nothing left
    expect(await markInterruptedImports(ctx)).toEqual([]);
  });

  it('a job this process still runs is not marked', async () => {
    const job = await insertJob(ctx.db, {
      format: 'csv', mode: 'valid_rows', fileName: 'b.csv', scopePrefix: '530102', orgId: officer.org.id, createdBy: officer.user.id, createdAt: ctx.clock.now(), status: 'writing',
    });
    expect(await markInterruptedImports(ctx, [job.id])).toEqual([]);
    await markInterruptedImports(ctx); // tidy up for the next tests
  });

  it('a re-import of the same file says it changed nothing; the first import does not', async () => {
    const file = [HEAD, line(1), line(2)].join('\r\n');
    expect(await upload(file)).toMatchObject({ status: 'done', created: 2, changedNothing: false });
    expect(await upload(file)).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 2, changedNothing: true });
  });

  it('rejected rows (身份证号 included) are kept 30 days for the correction workbook, then purged when the next import starts', async () => {
    const bad = await upload([HEAD, line(3), line(4, '530102198001011234')].join('\r\n'));
    expect(bad).toMatchObject({ status: 'done', rejected: 1 });
    expect(await rejectRows(bad.id)).toBe(1);

    // day 29: another import starts; the rows are still there and the workbook downloads
    ctx.clock.advanceDays(29);
    headers = await sessionHeaders(ctx, officer.user.id);
    await upload([HEAD, line(5)].join('\r\n'));
    expect(await rejectRows(bad.id)).toBe(1);
    expect((await app.inject({ method: 'GET', url: `/api/imports/${bad.id}/rejected.xlsx`, headers })).statusCode).toBe(200);

    // day 31: the next import purges them; the workbook answers with the retention in Chinese
    ctx.clock.advanceDays(2);
    headers = await sessionHeaders(ctx, officer.user.id);
    const later = await upload([HEAD, line(6), line(7, '530102198001011234')].join('\r\n'));
    expect(await rejectRows(bad.id)).toBe(0);
    expect(await rejectRows(later.id)).toBe(1); // the new job's own rows are kept
    const gone = await app.inject({ method: 'GET', url: `/api/imports/${bad.id}/rejected.xlsx`, headers });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.message).toBe('错误行清单已超过保存期限（30天）被清除，如需要请重新导入原文件');
  });
});
