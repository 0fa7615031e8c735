/**
 * GET /api/home — role home pages as work queues (issue #9). Rows are written directly (state,
 * deadline): the home page only reads. The clock is the injected FixedClock: Thursday 2025-09-25,
 * before the National Day holidays, so remaining 工作日 and the 10-工作日 chart skip them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, buildOrg, buildUser, ensureRegion, sessionHeaders } from '../../testing/factories';
import { applications, deadlines, institutions, regions } from '../../db/schema/index';
import { seedCalendar } from '../../seed/calendar-seed';
import { seedApplication } from '../../agreements/test-support';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let wuhua: string;
let panlong: string;
let instUser: string;
let expert: string;
let dept: string;
let admin: string;
let n = 0;

async function institution(name: string, regionCode: string) {
  const now = ctx.clock.now();
  n++;
  const [inst] = await ctx.db.insert(institutions).values({
    name, uscc: `91530102MA${String(n).padStart(7, '0')}X`, kind: 'medical', subtype: 'general_hospital', ownership: 'private',
    regionCode, address: '测试路', openedOn: '2024-01-01', createdAt: now, updatedAt: now,
  } as typeof institutions.$inferInsert).returning({ id: institutions.id });
  return inst!.id;
}

async function file(name: string, state: string, opts: { region?: string; institutionId?: string; due?: { deadline: string; on: string; cites?: string[] }; data?: object } = {}) {
  const now = ctx.clock.now();
  const region = opts.region ?? '530102';
  const institutionId = opts.institutionId ?? (await institution(name, region));
  const [a] = await ctx.db.insert(applications).values({
    institutionId, kind: 'medical', regionCode: region, profileId: 'yunnan', state, version: 1,
    data: opts.data ?? {}, declaration: { paymentCategories: [], insuranceSchemes: [] }, createdAt: now, updatedAt: now,
    submittedAt: state === 'draft' ? null : now, applicationNo: state === 'draft' ? null : `医保定申〔2025〕${n}号`,
  }).returning({ id: applications.id });
  if (opts.due) {
    await ctx.db.insert(deadlines).values({
      applicationId: a!.id, caseId: a!.id, deadline: opts.due.deadline, basis: 'workday', n: 5, startsOn: '2025-09-01', dueOn: opts.due.on,
      cites: opts.due.cites ?? ['云医保〔2022〕6号 第九条'],
    });
  }
  return a!.id;
}

type Section = { key: string; title: string; count: number; link: string | null; items: { title: string; link: string; due: string | null; remainingWorkdays: number | null; cites: string[]; tag: string | null; level: string; count: number | null }[] };
type Home = { today: string; sections: Section[]; chart: { days: { date: string; count: number }[] } | null };

const home = async (who: string): Promise<Home> => {
  const res = await app.inject({ method: 'GET', url: '/api/home', headers: await sessionHeaders(ctx, who) });
  expect(res.statusCode).toBe(200);
  return res.json();
};
const section = (h: Home, key: string) => {
  const s = h.sections.find((x) => x.key === key);
  if (!s) throw new Error(`no section ${key} in ${h.sections.map((x) => x.key).join(', ')}`);
  return s;
};
const titles = (s: Section) => s.items.map((i) => i.title);

beforeAll(async () => {
  ctx = await createTestContext('2025-09-25T09:00:00+08:00'); // Thursday before the National Day holidays
  await seedCalendar(ctx);
  app = await buildApp(ctx);
  await ensureRegion(ctx, '530102', '五华区');
  await ensureRegion(ctx, '530103', '盘龙区');
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  wuhua = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医疗保障经办中心' }, ['agency_officer'])).user.id;
  panlong = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530103', name: '盘龙区医疗保障经办中心' }, ['agency_officer'])).user.id;
  dept = (await actAs(ctx, { kind: 'admin_dept', level: 'county', regionCode: '530102' }, ['admin_dept_officer'])).user.id;
  admin = (await actAs(ctx, { kind: 'system', level: 'national' }, ['sysadmin'])).user.id;

  // 五华区: one overdue, one due today, one later this week (Sunday 9-28 is a 调休 workday), one after the holidays
  await file('甲逾期医院', 'under_review', { due: { deadline: 'supplement_notice', on: '2025-09-24' } });
  await file('乙今日医院', 'accepted', { due: { deadline: 'evaluation_limit', on: '2025-09-25', cites: ['云医保〔2022〕6号 第八条'] } });
  await file('丙本周医院', 'signed', { due: { deadline: 'filing', on: '2025-09-28', cites: ['云医保〔2022〕6号 第十九条'] } });
  await file('丁节后医院', 'under_review', { due: { deadline: 'supplement_notice', on: '2025-10-09' } });
  // 盘龙区: its own file due today
  await file('戊盘龙医院', 'under_review', { region: '530103', due: { deadline: 'supplement_notice', on: '2025-09-25' } });

  // an institution with a 一次性告知补正 due after the holidays
  const instId = await institution('己补正医院', '530102');
  const instOrg = await buildOrg(ctx, { kind: 'institution', regionCode: '530102', institutionId: instId });
  instUser = (await buildUser(ctx, instOrg.id, ['institution_staff'])).id;
  await file('己补正医院', 'needs_supplement', {
    institutionId: instId,
    data: { supplementNotice: { issuedOn: '2025-09-22', items: ['licence_copy', 'internal_rules'], dueOn: '2025-10-10' } },
  });

  // an expert on the panel of a 五华区 evaluation that has not scored yet
  const pool = await buildOrg(ctx, { kind: 'expert_pool', level: 'province', regionCode: '530000' });
  expert = (await buildUser(ctx, pool.id, ['expert'])).id;
  const evalInst = await institution('庚评估医院', '530102');
  await seedApplication(ctx, { institutionId: evalInst, regionCode: '530102', profileId: 'yunnan', state: 'evaluating', panel: [{ id: expert, name: '专家甲', specialty: '医疗保障' }] });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('GET /api/home — role home pages as work queues (issue #9)', () => {
  it('asks for a login', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/home' })).statusCode).toBe(401);
  });

  it('云医保〔2022〕6号 第九条: the officer sees overdue, due today and this week on the injected clock, with the article and remaining 工作日', async () => {
    const h = await home(wuhua);
    expect(h.today).toBe('2025-09-25');
    const overdue = section(h, 'deadlines.overdue');
    expect(titles(overdue)).toEqual(['甲逾期医院']);
    expect(overdue.items[0]).toMatchObject({ due: '2025-09-24', remainingWorkdays: -1, level: 'error', cites: ['云医保〔2022〕6号 第九条'] });
    expect(overdue.items[0]!.link).toMatch(/^\/applications\/[0-9a-f-]{36}$/);
    const today = section(h, 'deadlines.today');
    expect(titles(today)).toEqual(['乙今日医院']);
    expect(today.items[0]).toMatchObject({ remainingWorkdays: 0, cites: ['云医保〔2022〕6号 第八条'] });
    expect(today.link).toBe('/applications/queue?due=today');
    expect(titles(section(h, 'deadlines.week'))).toEqual(['丙本周医院']);
  });

  it('the chart counts due items per 工作日 for the next 10 工作日, the National Day holidays skipped', async () => {
    const { chart } = await home(wuhua);
    expect(chart!.days.map((d) => d.date)).toEqual([
      '2025-09-25', '2025-09-26', '2025-09-28', '2025-09-29', '2025-09-30', '2025-10-09', '2025-10-10', '2025-10-11', '2025-10-13', '2025-10-14',
    ]);
    const count = Object.fromEntries(chart!.days.map((d) => [d.date, d.count]));
    expect(count).toMatchObject({ '2025-09-25': 1, '2025-09-28': 1, '2025-10-09': 1, '2025-09-26': 0 });
  });

  it('a day later the item due today is overdue (injected clock)', async () => {
    ctx.clock.set('2025-09-26T09:00:00+08:00');
    try {
      const h = await home(wuhua);
      // evaluation_limit is a deadline by which someone must act: late once it has passed
      expect(titles(section(h, 'deadlines.overdue')).sort()).toEqual(['乙今日医院', '甲逾期医院'].sort());
      expect(section(h, 'deadlines.today').count).toBe(0);
    } finally {
      ctx.clock.set('2025-09-25T09:00:00+08:00');
    }
  });

  it('属地管理: a 盘龙区 officer does not see 五华区\'s deadlines, and 五华区 does not see 盘龙区\'s', async () => {
    const p = await home(panlong);
    expect(titles(section(p, 'deadlines.today'))).toEqual(['戊盘龙医院']);
    expect(section(p, 'deadlines.overdue').count).toBe(0);
    expect(section(p, 'deadlines.week').count).toBe(0);
    const all = p.sections.flatMap((s) => titles(s));
    expect(all.some((t) => t.includes('五华') || ['甲逾期医院', '乙今日医院', '丙本周医院'].includes(t))).toBe(false);
    const w = await home(wuhua);
    expect(w.sections.flatMap((s) => titles(s))).not.toContain('戊盘龙医院');
  });

  it('applications waiting for the officer, by state, each linking to the filtered work queue', async () => {
    const s = section(await home(wuhua), 'applications.waiting');
    const review = s.items.find((i) => i.title === '材料审核中');
    expect(review).toMatchObject({ count: 2, link: '/applications/queue?mine=todo&state=under_review' });
    expect(s.count).toBeGreaterThanOrEqual(2);
  });

  it('云医保〔2022〕6号 第九条: the institution sees its 一次性告知补正 with its deadline, and only its own files', async () => {
    const h = await home(instUser);
    const notices = section(h, 'institution.notices');
    expect(notices.items).toHaveLength(1);
    expect(notices.items[0]).toMatchObject({ title: '一次性告知补正：2项材料', due: '2025-10-10', remainingWorkdays: 6, tag: '待补正' });
    const open = section(h, 'institution.applications');
    expect(open.count).toBe(1);
    expect(h.sections.some((s) => s.key.startsWith('deadlines.'))).toBe(false);
  });

  it('the session tells the web app the institution\'s kind, so the menu offers what it can use (a hospital has no 第三方备案)', async () => {
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: await sessionHeaders(ctx, instUser) });
    expect(me.json().user).toMatchObject({ orgKind: 'institution', institutionKind: 'medical' });
    const officer = await app.inject({ method: 'GET', url: '/api/auth/me', headers: await sessionHeaders(ctx, wuhua) });
    expect(officer.json().user.institutionKind).toBeNull();
  });

  it('吉医保规〔2023〕1号 第十五条: the expert sees the panel still to score', async () => {
    const h = await home(expert);
    const s = section(h, 'expert.panels');
    expect(s.items).toEqual([expect.objectContaining({ title: '庚评估医院', tag: '待评分', link: '/expert/panels' })]);
    expect(h.chart).toBeNull();
  });

  it('the department sees its unread filings section (empty here); the officer has none', async () => {
    const h = await home(dept);
    expect(section(h, 'dept.filings')).toMatchObject({ count: 0, link: '/filings' });
    expect((await home(wuhua)).sections.some((s) => s.key === 'dept.filings')).toBe(false);
  });

  it('the sysadmin\'s checklist: audit checkpoints, the calendar of this year and next, demo accounts', async () => {
    const h = await home(admin);
    const c = section(h, 'sysadmin.checklist');
    const byId = Object.fromEntries(c.items.map((i) => [i.title.split('：')[0], i]));
    expect(byId['审计日志']).toMatchObject({ link: '/audit' });
    expect(c.items.find((i) => i.title === '2025 年工作日历')).toMatchObject({ level: 'ok' });
    expect(byId['演示账号']).toMatchObject({ level: 'ok' });
    expect(h.sections.some((s) => s.key.startsWith('deadlines.'))).toBe(false);
  });
});
