/**
 * The agreement's life on the home pages (issue #10): the agency's due agreement work and the
 * institution's agreement notices, through GET /api/home. The rows are written directly (agreement
 * life, deadline rows of case_type 'agreement', a notice): the home page only reads. The clock is the
 * injected FixedClock, Thursday 2025-09-25.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestContext, type TestContext } from '../testing/context';
import { actAs, buildOrg, buildUser, sessionHeaders } from '../testing/factories';
import { agreements, deadlines, documents } from '../db/schema/index';
import { seedInstitution } from '../agreements/test-support';
import { buildApp } from '../server/app';
import { monthOf } from './agreement-work';

let ctx: TestContext;
let app: FastifyInstance;
let dongcheng: string;
let chaoyang: string;
let instUser: string;
let dept: string;
const ids: Record<string, string> = {};

const EMPTY_LIFE = { suspension: null, suspensionsInTerm: 0, request: null, proposal: null, noRenewalGrounds: [], terminated: null, ended: null };

async function agreement(name: string, regionCode: string, opts: { state?: string; termTo?: string; life?: object; institutionId?: string } = {}) {
  const now = ctx.clock.now();
  const institutionId = opts.institutionId ?? (await seedInstitution(ctx, regionCode, name, { ownership: 'private' })).id;
  const [ag] = await ctx.db.insert(agreements).values({
    institutionId, regionCode, number: `京医保协〔2025〕${Object.keys(ids).length + 1}号`, termFrom: '2025-01-01', termTo: opts.termTo ?? '2027-12-31',
    special: {}, model: {}, canonicalText: 'x', textSm3: 'y', status: 'signed', source: 'import',
    lifeState: (opts.state ?? 'in_force') as 'in_force', life: { ...EMPTY_LIFE, ...opts.life }, lifeSince: '2025-01-01', createdAt: now, updatedAt: now,
  }).returning({ id: agreements.id });
  ids[name] = ag!.id;
  return { agreementId: ag!.id, institutionId };
}

async function deadline(agreementId: string, id: string, dueOn: string, cites: string[]) {
  await ctx.db.insert(deadlines).values({ caseType: 'agreement', caseId: agreementId, deadline: id, basis: 'natural_days', n: 180, startsOn: '2025-04-01', dueOn, cites });
}

type Item = { title: string; subtitle: string | null; link: string; due: string | null; cites: string[]; tag: string | null; level: string };
type Home = { sections: { key: string; count: number; link: string | null; items: Item[] }[] };
const home = async (who: string): Promise<Home> => {
  const res = await app.inject({ method: 'GET', url: '/api/home', headers: await sessionHeaders(ctx, who) });
  expect(res.statusCode).toBe(200);
  return res.json();
};
const section = (h: Home, key: string) => h.sections.find((s) => s.key === key);
const titles = (h: Home, key: string) => (section(h, key)?.items ?? []).map((i) => i.title);

beforeAll(async () => {
  ctx = await createTestContext('2025-09-25T09:00:00+08:00');
  app = await buildApp(ctx);
  dongcheng = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '110101', name: '东城区医疗保障事务管理中心' }, ['agency_officer'])).user.id;
  chaoyang = (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '110105', name: '朝阳区医疗保障事务管理中心' }, ['agency_officer'])).user.id;
  dept = (await actAs(ctx, { kind: 'admin_dept', level: 'county', regionCode: '110101' }, ['admin_dept_officer'])).user.id;

  // 东城区: a suspension whose 180th day is in 10 days, one whose last day is two months away
  const near = await agreement('甲中止诊所', '110101', { state: 'suspended' });
  await deadline(near.agreementId, 'suspension_max', '2025-10-05', ['京医保发〔2021〕30号 第四十二条第二款']);
  const far = await agreement('乙中止诊所', '110101', { state: 'suspended' });
  await deadline(far.agreementId, 'suspension_max', '2025-11-30', ['京医保发〔2021〕30号 第四十二条第二款']);
  // a closed (stopped) row is no work
  const resumed = await agreement('丙已恢复诊所', '110101');
  await ctx.db.insert(deadlines).values({ caseType: 'agreement', caseId: resumed.agreementId, deadline: 'suspension_max', basis: 'natural_days', n: 180, startsOn: '2025-04-01', dueOn: '2025-09-30', state: 'stopped', cites: [] });
  // documents under the 7-day rule (the row carries its article as the engine writes it)
  const docs = await agreement('丁资料诊所', '110101', { state: 'suspended' });
  await deadline(docs.agreementId, 'documents_due', '2025-09-27', ['自治区医保局〔2025〕征求意见稿 三(一)2']);
  // a request waiting for the agency, one agreed and waiting for its date
  await agreement('戊申请中止诊所', '110101', {
    life: { request: { kind: 'suspend', receivedOn: '2025-09-20', effectiveOn: '2025-12-20', days: 90, reason: '装修', shortNotice: false, publicWarned: false, approvedOn: null } },
  });
  await agreement('己申请解除诊所', '110101', {
    life: { request: { kind: 'terminate', receivedOn: '2025-06-01', effectiveOn: '2025-09-30', days: null, reason: '停业', shortNotice: false, publicWarned: false, approvedOn: '2025-06-05' } },
  });
  // the second suspension in the term: termination proposed, the agency decides
  await agreement('庚建议解除诊所', '110101', {
    state: 'suspended',
    life: { suspensionsInTerm: 2, proposal: { situation: 'suspended_twice', since: '2025-09-10', cites: [{ doc: '京医保发〔2021〕30号', article: 43, item: 1 }] } },
  });
  // term ends this month; one ended already (not live) with the same date is no work
  await agreement('辛本月到期药店', '110101', { termTo: '2025-09-30' });
  await agreement('壬已终止药店', '110101', { state: 'ended', termTo: '2025-09-30' });
  // 朝阳区: its own suspension near day 180
  const cy = await agreement('癸朝阳诊所', '110105', { state: 'suspended' });
  await deadline(cy.agreementId, 'suspension_max', '2025-09-28', ['京医保发〔2021〕30号 第四十二条第二款']);

  // the institution 甲中止诊所: its login, and the 中止协议通知书 it received
  const instOrg = await buildOrg(ctx, { kind: 'institution', regionCode: '110101', institutionId: near.institutionId });
  instUser = (await buildUser(ctx, instOrg.id, ['institution_staff'])).id;
  await ctx.db.insert(documents).values({
    caseType: 'agreement', caseId: near.agreementId, kind: 'suspension_notice', number: '京东医保协中〔2025〕3号', title: '中止协议通知书',
    model: {}, issuedAt: new Date('2025-09-20T10:00:00+08:00'),
  });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('GET /api/home — agreement work (issue #10)', () => {
  it('京医保发〔2021〕30号 第四十二条第二款: the agency sees the suspensions that reach day 180 within 14 days, with the article, nearest first', async () => {
    const h = await home(dongcheng);
    const s = section(h, 'agreements.suspension_max')!;
    expect(titles(h, 'agreements.suspension_max')).toEqual(['甲中止诊所']);
    expect(s.items[0]).toMatchObject({ due: '2025-10-05', cites: ['京医保发〔2021〕30号 第四十二条第二款'], tag: '中止', link: `/agreements/${ids['甲中止诊所']}` });
    expect(s.items[0]!.subtitle).toContain('还剩 10 日');
  });

  it('京医保发〔2021〕30号 第四十二条第二款: a day past the last day the suspension is shown as overdue (injected clock)', async () => {
    ctx.clock.set('2025-10-06T09:00:00+08:00');
    try {
      const item = section(await home(dongcheng), 'agreements.suspension_max')!.items.find((i) => i.title === '甲中止诊所')!;
      expect(item.level).toBe('error');
      expect(item.subtitle).toContain('已超过 1 日');
    } finally {
      ctx.clock.set('2025-09-25T09:00:00+08:00');
    }
  });

  it('自治区医保局〔2025〕征求意见稿 三(一)2: documents due under the 7-day rule are listed with their article', async () => {
    const s = section(await home(dongcheng), 'agreements.documents_due')!;
    expect(s.items.map((i) => i.title)).toEqual(['丁资料诊所']);
    expect(s.items[0]).toMatchObject({ due: '2025-09-27', cites: ['自治区医保局〔2025〕征求意见稿 三(一)2'] });
  });

  it('京医保发〔2021〕30号 第四十四条: requests to suspend or terminate wait for the agency — undecided ones marked 待审核', async () => {
    const s = section(await home(dongcheng), 'agreements.requests')!;
    expect(s.count).toBe(2);
    const byTitle = Object.fromEntries(s.items.map((i) => [i.title, i]));
    expect(byTitle['戊申请中止诊所']).toMatchObject({ tag: '待审核', due: '2025-12-20', level: 'warning' });
    expect(byTitle['戊申请中止诊所']!.subtitle).toContain('申请中止协议');
    expect(byTitle['己申请解除诊所']).toMatchObject({ tag: '已同意，待生效' });
  });

  it('京医保发〔2021〕30号 第四十三条(一): a proposed termination (建议解除) is listed with its situation and article', async () => {
    const s = section(await home(dongcheng), 'agreements.proposals')!;
    expect(s.items.map((i) => i.title)).toEqual(['庚建议解除诊所']);
    expect(s.items[0]).toMatchObject({ tag: '建议解除', cites: ['京医保发〔2021〕30号 第四十三条(一)'] });
    expect(s.items[0]!.subtitle).toContain('累计2次');
  });

  it('京医保发〔2021〕30号 第四十一条: live agreements whose term ends this month; an ended one is not work', async () => {
    const s = section(await home(dongcheng), 'agreements.expiring')!;
    expect(s.items.map((i) => i.title)).toEqual(['辛本月到期药店']);
    expect(s.link).toBe('/agreements?termToFrom=2025-09-01&termToTo=2025-09-30');
  });

  it('属地管理: the 朝阳区 officer sees only 朝阳区\'s agreements, and lists with nothing in them are left out', async () => {
    const h = await home(chaoyang);
    expect(titles(h, 'agreements.suspension_max')).toEqual(['癸朝阳诊所']);
    expect(section(h, 'agreements.requests')).toBeUndefined();
    expect(titles(await home(dongcheng), 'agreements.suspension_max')).not.toContain('癸朝阳诊所');
  });

  it('the department and the institution get no agency agreement lists', async () => {
    expect((await home(dept)).sections.some((s) => s.key.startsWith('agreements.'))).toBe(false);
    expect((await home(instUser)).sections.some((s) => s.key.startsWith('agreements.'))).toBe(false);
  });

  it('京医保发〔2021〕30号 第四十二条第二款: the institution sees its suspension\'s last day and the notice it received, only its own', async () => {
    const s = section(await home(instUser), 'institution.agreements')!;
    expect(s.link).toBe('/institution/agreements');
    const deadlineItem = s.items.find((i) => i.due === '2025-10-05')!;
    expect(deadlineItem.title).toContain('请在中止期满前申请恢复履行');
    expect(deadlineItem.link).toBe(`/institution/agreements/${ids['甲中止诊所']}`);
    const notice = s.items.find((i) => i.title === '中止协议通知书')!;
    expect(notice.subtitle).toContain('京东医保协中〔2025〕3号');
    expect(notice.subtitle).toContain('2025-09-20');
    expect(s.items).toHaveLength(2);
  });

  it('monthOf: the month\'s first and last day, leap February included', () => {
    expect(monthOf('2025-09-25')).toEqual({ from: '2025-09-01', to: '2025-09-30' });
    expect(monthOf('2028-02-03')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});
