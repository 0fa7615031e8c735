import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs } from '../../testing/factories';
import { seedCalendar } from '../../seed/calendar-seed';
import { auditLog } from '../../db/schema/index';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let sys: Record<string, string>;
let officer: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  await seedCalendar(ctx);
  sys = (await actAs(ctx, { kind: 'system', level: 'national' }, ['sysadmin'])).headers;
  officer = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, ['agency_officer'])).headers;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const compute = (q: string, headers = officer) => app.inject({ method: 'GET', url: `/api/calendar/compute?${q}`, headers });
const put2027 = (body: unknown, headers = sys) => app.inject({ method: 'PUT', url: '/api/calendar/years/2027', headers, payload: body as object });

describe('GET /api/calendar/compute', () => {
  it('云医保〔2022〕6号 第九条: 5 工作日 一次性告知 from receipt — Thu 2025-09-25 → 2025-10-09', async () => {
    const res = await compute('from=2025-09-25&n=5&unit=workday');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ due: '2025-10-09', provisional: false, missingYears: [] });
    expect(res.json().explanation).toContain('国庆节放假');
  });

  it('counts natural days and clamps months', async () => {
    expect((await compute('from=2025-09-25&n=15&unit=natural_day')).json().due).toBe('2025-10-10');
    expect((await compute('from=2025-01-31&n=1&unit=month')).json().due).toBe('2025-02-28');
  });

  it.each([
    ['from=2025-02-30&n=5&unit=workday', 'querystring.from'],
    ['from=2025-09-25&n=-1&unit=workday', 'querystring.n'],
    ['from=2025-09-25&n=100000&unit=workday', 'querystring.n'],
    ['from=2025-09-25&n=200&unit=month', 'querystring.n'],
    ['from=2025-09-25&n=abc&unit=workday', 'querystring.n'],
    ['from=2025-09-25&n=5&unit=week', 'querystring.unit'],
    ['n=5&unit=workday', 'querystring.from'],
  ])('400 naming the field for %s', async (q, field) => {
    const res = await compute(q);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe(field);
    expect(res.json().error.message).toContain(field.split('.')[1]);
  });

  it('401 without a session', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/calendar/compute?from=2025-09-25&n=5&unit=workday' });
    expect(res.statusCode).toBe(401);
  });
});

describe('calendar years', () => {
  it('lists the seeded years to any logged-in user, 401 otherwise', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/calendar/years', headers: officer });
    expect(res.statusCode).toBe(200);
    const years = res.json().years as { year: number; holidays: number; workdays: number }[];
    expect(years.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(years.at(-1)).toMatchObject({ year: 2026, holidays: 33, workdays: 6 });
    expect((await app.inject({ method: 'GET', url: '/api/calendar/years' })).statusCode).toBe(401);
  });

  it('shows one year’s days; 404 for a year not entered', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/calendar/years/2026', headers: officer });
    expect(res.statusCode).toBe(200);
    expect(res.json().days).toContainEqual({ day: '2026-02-14', kind: 'workday', name: '春节' });
    const missing = await app.inject({ method: 'GET', url: '/api/calendar/years/2027', headers: officer });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain('2027 年日历');
  });

  it('PUT is for sysadmins only (403, even before the body is validated)', async () => {
    expect((await put2027({ source: 'x', days: [] }, officer)).statusCode).toBe(403);
    expect((await put2027({}, officer)).statusCode).toBe(403);
  });

  it.each([
    [{ source: '测试', days: [{ day: '2026-10-01', kind: 'holiday', name: '国庆节' }] }, 'body.days.0.day', '不属于 2027 年'],
    [{ source: '测试', days: [{ day: '2027-02-03', kind: 'workday', name: '春节' }] }, 'body.days.0.kind', '须为周六或周日'],
    [{ source: '测试', days: [{ day: '2027-02-30', kind: 'holiday', name: '春节' }] }, 'body.days.0.day', '有效日期'],
    [{ source: '测试', days: [{ day: '2027-02-06', kind: 'off', name: '春节' }] }, 'body.days.0.kind', 'holiday'],
    [{ source: '', days: [] }, 'body.source', '不能为空'],
  ])('PUT refuses bad input with 400 naming the field (%#)', async (body, field, text) => {
    const res = await put2027(body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe(field);
    expect(res.json().error.message).toContain(text);
  });

  it('entering 2027 makes a provisional 2027 deadline final and correct, with an audit row', async () => {
    const before = (await compute('from=2026-12-28&n=5&unit=workday')).json();
    // 2027-01-01 元旦 is known from the act: 12-29, 12-30, 12-31, 01-04, 01-05
    expect(before).toMatchObject({ due: '2027-01-05', provisional: true, missingYears: [2027] });
    expect(before.explanation).toContain('日历未发布');
    expect(before.explanation).toContain('2027-01-01 元旦放假（法定节假日，按放假办法估算）');
    expect(before.explanation).not.toMatch(/[A-Za-z]/);

    const res = await put2027({
      source: '国办发明电〔2026〕99号（测试虚构）',
      days: [
        { day: '2027-01-01', kind: 'holiday', name: '元旦' },
        { day: '2027-01-04', kind: 'holiday', name: '元旦' }, // invented: a Monday off
        { day: '2027-01-09', kind: 'workday', name: '元旦' }, // a Saturday worked
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ year: 2027, source: '国办发明电〔2026〕99号（测试虚构）', enteredBy: expect.any(String) });

    const after = (await compute('from=2026-12-28&n=5&unit=workday')).json();
    // 12-29, 12-30, 12-31, (01-01 off, 01-04 off) 01-05, 01-06
    expect(after).toMatchObject({ due: '2027-01-06', provisional: false, missingYears: [] });
    expect(after.explanation).not.toContain('暂定');

    const audits = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'calendar.year.enter'), eq(auditLog.entityId, '2027')));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.before).toBeNull();
    expect((audits[0]!.after as { days: unknown[] }).days).toHaveLength(3);
  });

  it('replacing a year keeps the previous arrangement in the audit row', async () => {
    const res = await put2027({ source: '更正', days: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }] });
    expect(res.statusCode).toBe(200);
    const [audit] = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'calendar.year.enter'), eq(auditLog.entityId, '2027')))
      .orderBy(auditLog.seq)
      .offset(1);
    expect((audit!.before as { days: unknown[] }).days).toHaveLength(3);
    expect((audit!.after as { days: unknown[] }).days).toHaveLength(1);
    expect((await compute('from=2026-12-28&n=5&unit=workday')).json().due).toBe('2027-01-05');
  });
});

describe('OpenAPI', () => {
  it('documents the calendar routes with Chinese summaries', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/calendar/compute'].get.summary).toContain('期限计算');
    expect(doc.paths['/api/calendar/years/{year}'].put.tags).toEqual(['calendar']);
    expect(doc.paths['/api/admin/clock/advance'].post.summary).toContain('模拟时间');
  });
});
