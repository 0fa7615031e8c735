/**
 * Bans from the institution's own termination records, through HTTP and the real screening
 * (decision 0034): the record's cause picks the article — 违法违规 第十二条(五), 严重违约 第十二条(六), any
 * sanction 自治区医保局〔2025〕征求意见稿 三(三) — a requested termination bans nothing, and the ban is
 * dated by the record, not by the registry row's last update.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, ensureRegion, sessionHeaders } from '../../testing/factories';
import { institutionPersons, institutionTerminations, institutions, persons, regions, settings } from '../../db/schema/index';
import { seedCalendar } from '../../seed/calendar-seed';
import { uploadRequiredMaterials } from '../../testing/materials';
import { allocationPlanKey } from '../../designation/screening-facts';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
type Who = { userId: string };
let bjOfficer: Who;
let n = 0;

const post = async (url: string, who: Who, payload: object) => app.inject({ method: 'POST', url, headers: await sessionHeaders(ctx, who.userId), payload });
const patch = async (url: string, who: Who, payload: object) => app.inject({ method: 'PATCH', url, headers: await sessionHeaders(ctx, who.userId), payload });
const get = async (url: string, who: Who) => app.inject({ method: 'GET', url, headers: await sessionHeaders(ctx, who.userId) });
const version = async (id: string, who: Who) => (await get(`/api/applications/${id}`, who)).json().version as number;

async function makeInstitution(regionCode: string, status: 'applicant' | 'terminated' = 'applicant') {
  const now = ctx.clock.now();
  const [row] = await ctx.db.insert(institutions).values({
    name: `解除禁入测试医院${++n}`, uscc: `BANS${String(n).padStart(5, '0')}`.padEnd(18, '0'), kind: 'medical', subtype: 'general_hospital',
    ownership: 'private', regionCode, address: '测试路1号', openedOn: '2020-01-01', status, createdAt: now, updatedAt: now,
  } as typeof institutions.$inferInsert).returning({ id: institutions.id });
  return row!.id;
}

type Record = Partial<typeof institutionTerminations.$inferInsert> & { terminatedOn: string };
async function terminate(institutionId: string, r: Record) {
  await ctx.db.insert(institutionTerminations).values({ institutionId, category: 'other', source: 'lifecycle', createdAt: ctx.clock.now(), ...r });
}

/** The institution applies; returns the state after the automatic screening and its reasons. */
async function apply(regionCode: string, institutionId: string) {
  const staff = { userId: (await actAs(ctx, { kind: 'institution', regionCode, institutionId }, ['institution_staff'])).user.id };
  const created = await post('/api/applications', staff, { paymentCategories: ['general_outpatient'], insuranceSchemes: ['employee'] });
  expect(created.statusCode, created.body).toBe(201);
  const appId = created.json().id as string;
  await uploadRequiredMaterials(ctx, staff.userId, appId);
  const sub = await post(`/api/applications/${appId}/events/submit`, staff, { version: await version(appId, staff) });
  expect(sub.statusCode, sub.body).toBe(200);
  const d = (await get(`/api/applications/${appId}`, staff)).json();
  return { state: d.state as string, reasons: (d.data.screeningReasons ?? []) as { ruleId: string; citation: string; message: string }[] };
}

beforeAll(async () => {
  ctx = await createTestContext('2025-09-25T09:00:00+08:00');
  await seedCalendar(ctx);
  app = await buildApp(ctx);
  await ensureRegion(ctx, '110105', '朝阳区');
  await ensureRegion(ctx, '150102', '新城区');
  await ctx.db.update(regions).set({ profileId: 'beijing' }).where(eq(regions.code, '110000'));
  await ctx.db.update(regions).set({ profileId: 'zizhiqu-2025-draft' }).where(eq(regions.code, '150000'));
  await ctx.db.insert(settings).values({ key: allocationPlanKey('150102'), value: true, updatedAt: ctx.clock.now() });
  bjOfficer = { userId: (await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '110105', name: '朝阳区医疗保障事务中心' }, ['agency_officer'])).user.id };
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('bans from the termination records (decision 0034)', () => {
  it('京医保发〔2021〕30号 第十二条(五): terminated for 违法违规 (欺诈骗保) 2 years ago → the application is refused at screening, citing the article', async () => {
    const id = await makeInstitution('110105', 'terminated');
    await terminate(id, { terminatedOn: '2023-09-26', category: 'serious', situation: 'fraud', cause: 'violation', decisionNo: '京医保解〔2023〕5号' });
    const r = await apply('110105', id);
    expect(r.state).toBe('screening_refused');
    expect(r.reasons.find((x) => x.ruleId === 'beijing.refusal.illegal-termination')).toMatchObject({
      citation: '京医保发〔2021〕30号 第十二条(五)', message: expect.stringContaining('2023-09-26'),
    });
    expect(r.reasons.map((x) => x.ruleId)).not.toContain('beijing.refusal.serious-breach-termination');
  });

  it('京医保发〔2021〕30号 第十二条(五): 3 years passed but the penalty not fulfilled still refuses; fulfilled, it does not', async () => {
    const unpaid = await makeInstitution('110105', 'terminated');
    await terminate(unpaid, { terminatedOn: '2022-01-10', category: 'serious', situation: 'major_violation' });
    const r = await apply('110105', unpaid);
    expect(r.reasons.find((x) => x.ruleId === 'beijing.refusal.illegal-termination')?.message).toContain('未完全履行行政处罚法律责任');
    const paid = await makeInstitution('110105', 'terminated');
    await terminate(paid, { terminatedOn: '2022-01-10', category: 'serious', situation: 'major_violation', penaltiesFulfilledOn: '2022-06-30' });
    expect(await apply('110105', paid)).toMatchObject({ state: 'under_review', reasons: [] });
  });

  it('京医保发〔2021〕30号 第十二条(六): terminated for 严重违约 (根据协议约定解除) 6 months ago → refused citing (六); a requested termination (第四十三条(十二)) bans nothing', async () => {
    const breach = await makeInstitution('110105', 'terminated');
    await terminate(breach, { terminatedOn: '2025-03-25', situation: 'by_agreement', cause: 'breach', penaltiesFulfilledOn: '2025-04-01' });
    const r = await apply('110105', breach);
    expect(r.state).toBe('screening_refused');
    expect(r.reasons.find((x) => x.ruleId === 'beijing.refusal.serious-breach-termination')).toMatchObject({ citation: '京医保发〔2021〕30号 第十二条(六)' });
    const asked = await makeInstitution('110105', 'terminated');
    await terminate(asked, { terminatedOn: '2025-08-01', situation: 'on_request', cause: 'on_request' });
    expect(await apply('110105', asked)).toMatchObject({ state: 'under_review', reasons: [] });
  });

  it('京医保发〔2021〕30号 第十二条(六): an edit of the registry row after the termination no longer moves the ban (dated by the record, not updated_at)', async () => {
    const id = await makeInstitution('110105', 'terminated');
    // 严重违约 on 2024-08-01, 违约责任 fulfilled: the 1-year ban ended on 2025-08-01
    await terminate(id, { terminatedOn: '2024-08-01', situation: 'suspended_twice', penaltiesFulfilledOn: '2024-09-01' });
    const v = (await get(`/api/institutions/${id}`, bjOfficer)).json().version as number;
    const edit = await patch(`/api/institutions/${id}`, bjOfficer, { version: v, address: '新地址88号' });
    expect(edit.statusCode, edit.body).toBe(200);
    const [row] = await ctx.db.select({ updatedAt: institutions.updatedAt }).from(institutions).where(eq(institutions.id, id));
    expect(row!.updatedAt.toISOString()).toBe(ctx.clock.now().toISOString());
    expect(await apply('110105', id)).toMatchObject({ state: 'under_review', reasons: [] });
  });

  it('京医保发〔2021〕30号 第十二条(七): a legal representative on the day of a lifecycle termination for 严重违法违规 bars the new institution; the persons travel on the record', async () => {
    const old = await makeInstitution('110105', 'terminated');
    const fresh = await makeInstitution('110105');
    const [p] = await ctx.db.insert(persons).values({ idNumber: '110105198001010094', name: '原法人甲' }).returning();
    await ctx.db.insert(institutionPersons).values([
      { institutionId: old, personId: p!.id, role: 'legal_rep', fromDate: '2018-01-01', toDate: '2024-02-01' },
      { institutionId: fresh, personId: p!.id, role: 'legal_rep', fromDate: '2024-06-01' },
    ] as (typeof institutionPersons.$inferInsert)[]);
    await terminate(old, { terminatedOn: '2024-02-01', category: 'serious', situation: 'fraud', persons: [{ personId: p!.id, role: 'legal_rep', name: '原法人甲' }] });
    const r = await apply('110105', fresh);
    expect(r.state).toBe('screening_refused');
    expect(r.reasons.find((x) => x.ruleId === 'beijing.refusal.person-prior-termination')).toMatchObject({ citation: '京医保发〔2021〕30号 第十二条(七)' });
  });

  it('京医保发〔2021〕30号 第十二条(七): the record\'s persons count even when the registry holds no role span at the terminated institution', async () => {
    const old = await makeInstitution('110105', 'terminated');
    const fresh = await makeInstitution('110105');
    const [p] = await ctx.db.insert(persons).values({ idNumber: '110105198001010115', name: '实控人乙' }).returning();
    await ctx.db.insert(institutionPersons).values({ institutionId: fresh, personId: p!.id, role: 'controller', fromDate: '2024-06-01' } as typeof institutionPersons.$inferInsert);
    await terminate(old, { terminatedOn: '2023-11-30', category: 'serious', situation: 'major_violation', persons: [{ personId: p!.id, role: 'controller', name: '实控人乙' }] });
    const r = await apply('110105', fresh);
    expect(r.reasons.find((x) => x.ruleId === 'beijing.refusal.person-prior-termination')).toMatchObject({
      citation: '京医保发〔2021〕30号 第十二条(七)', message: expect.stringContaining('实际控制人（实控人乙）'),
    });
    // a record of category other naming them does not count (only 严重违法违规)
    const other = await makeInstitution('110105', 'terminated');
    const fresh2 = await makeInstitution('110105');
    const [q] = await ctx.db.insert(persons).values({ idNumber: '110105198001010131', name: '法人丙' }).returning();
    await ctx.db.insert(institutionPersons).values({ institutionId: fresh2, personId: q!.id, role: 'legal_rep', fromDate: '2024-06-01' } as typeof institutionPersons.$inferInsert);
    await terminate(other, { terminatedOn: '2023-11-30', category: 'other', situation: 'licence_revoked', persons: [{ personId: q!.id, role: 'legal_rep', name: '法人丙' }] });
    expect(await apply('110105', fresh2)).toMatchObject({ state: 'under_review', reasons: [] });
  });

  it('自治区医保局〔2025〕征求意见稿 三(三): terminated on any ground (执业许可证被吊销) 2 years ago → 3年内不得再次申请; a requested termination does not ban', async () => {
    const id = await makeInstitution('150102', 'terminated');
    await terminate(id, { terminatedOn: '2023-10-01', situation: 'licence_revoked', penaltiesFulfilledOn: '2023-10-01' });
    const r = await apply('150102', id);
    expect(r.state).toBe('screening_refused');
    const reason = r.reasons.find((x) => x.ruleId === 'zizhiqu.refusal.terminated-3-years');
    expect(reason?.citation).toContain('三(三)');
    expect(reason?.message).toContain('3年内不得再次申请');
    const asked = await makeInstitution('150102', 'terminated');
    await terminate(asked, { terminatedOn: '2024-10-01', situation: 'on_request', cause: 'on_request' });
    expect(await apply('150102', asked)).toMatchObject({ state: 'under_review', reasons: [] });
  });
});
