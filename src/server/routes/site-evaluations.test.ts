import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { ensureRegion } from '../../testing/factories';
import { applications, auditLog, practiceSites } from '../../db/schema/index';
import { dataFor, person, seedApplication, seedInstitution, type Person } from '../../agreements/test-support';
import { seedDemoTemplates } from '../../seed/demo-templates';
import { buildApp } from '../app';

const J = '吉医保规〔2023〕1号 第二十三条(二)';
let ctx: TestContext;
let app: FastifyInstance;
let jlAgency: Person & { orgId: string };
let ynAgency: Person & { orgId: string };
let staff: Person;
let instId: string;
let sites: { id: string; name: string }[];

const post = (who: Person, url: string, payload: object) => app.inject({ method: 'POST', url, headers: who.headers, payload });
const get = (who: Person, url: string) => app.inject({ url, headers: who.headers });

/** Moves a seeded application on to 协议学习 (as negotiation_agreed would). */
async function toStudy(id: string, institutionId: string, regionCode: string, profileId: string) {
  await ctx.db.update(applications).set({ state: 'agreement_study', data: dataFor(id, { institutionId, regionCode, profileId, state: 'agreement_study' }) })
    .where(eq(applications.id, id));
}

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  await ensureRegion(ctx, '220102', '南关区');
  await ensureRegion(ctx, '530102', '五华区');
  await seedDemoTemplates(ctx);
  const inst = await seedInstitution(ctx, '220102', '长春多院区医院');
  instId = inst.id;
  sites = await ctx.db.insert(practiceSites).values([
    { institutionId: inst.id, name: '北院区', address: '长春市南关区北路1号', regionCode: '220102' },
    { institutionId: inst.id, name: '南院区', address: '长春市南关区南路2号', regionCode: '220102' },
  ]).returning({ id: practiceSites.id, name: practiceSites.name });
  jlAgency = await person(ctx, { kind: 'agency', level: 'county', regionCode: '220102', name: '南关区医疗保障局' }, ['agency_officer']);
  ynAgency = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医疗保障局' }, ['agency_officer']);
  staff = await person(ctx, { kind: 'institution', regionCode: '220102', institutionId: inst.id }, ['institution_staff']);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe(`各执业地评估 (${J})`, () => {
  it(`${J}: each practice site is evaluated in the evaluation; the agreement waits for every site and leaves out the site that failed`, async () => {
    const a = await seedApplication(ctx, { institutionId: instId, regionCode: '220102', profileId: 'jilin', state: 'evaluating', agencyOrgId: jlAgency.orgId });
    const list = (await get(jlAgency, `/api/applications/${a.id}/sites`)).json();
    expect(list).toMatchObject({ required: true, citation: J });
    expect(list.sites.map((s: { name: string; pass: boolean | null }) => [s.name, s.pass])).toEqual([['北院区', null], ['南院区', null]]);

    const [north, south] = [sites.find((s) => s.name === '北院区')!, sites.find((s) => s.name === '南院区')!];
    const noNote = await post(jlAgency, `/api/applications/${a.id}/sites/${south.id}/evaluation`, { pass: false });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error).toMatchObject({ field: 'body.note', message: '执业地点评估未通过的，须填写评估意见' });
    expect((await post(jlAgency, `/api/applications/${a.id}/sites/${north.id}/evaluation`, { pass: true })).statusCode).toBe(200);
    // the institution sees the result, cannot record one; another province's agency does not see the application
    expect((await get(staff, `/api/applications/${a.id}/sites`)).json().sites[0]).toMatchObject({ name: '北院区', pass: true });
    expect((await post(staff, `/api/applications/${a.id}/sites/${south.id}/evaluation`, { pass: true })).statusCode).toBe(403);
    expect((await post(ynAgency, `/api/applications/${a.id}/sites/${south.id}/evaluation`, { pass: true })).statusCode).toBe(404);
    expect((await post(jlAgency, `/api/applications/${a.id}/sites/${a.id}/evaluation`, { pass: true })).statusCode).toBe(404);

    await toStudy(a.id, instId, '220102', 'jilin');
    const early = await post(jlAgency, `/api/applications/${a.id}/agreement`, {});
    expect(early.statusCode).toBe(422);
    expect(early.json().error.reasons).toEqual([{ ruleId: 'jilin.procedure.site-evaluation', citation: J, message: '执业地点“南院区”尚未评估' }]);
    // results are recorded during the evaluation only
    expect((await post(jlAgency, `/api/applications/${a.id}/sites/${south.id}/evaluation`, { pass: false, note: '无独立消毒供应室' })).statusCode).toBe(409);
    await ctx.db.update(applications).set({ state: 'evaluating' }).where(eq(applications.id, a.id));
    expect((await post(jlAgency, `/api/applications/${a.id}/sites/${south.id}/evaluation`, { pass: false, note: '无独立消毒供应室' })).statusCode).toBe(200);
    await toStudy(a.id, instId, '220102', 'jilin');

    // the caller's own site list does not stand in for the evaluation
    const gen = await post(jlAgency, `/api/applications/${a.id}/agreement`, { special: { sites: [{ name: '南院区', address: 'x', approved: true }] } });
    expect(gen.statusCode).toBe(201);
    const section = (gen.json().model.sections as { heading: string; note?: string; paragraphs: string[]; table?: { rows: string[][] } }[])
      .find((s) => s.note === J)!;
    expect(section.table!.rows).toEqual([['北院区', '长春市南关区北路1号', '通过，可提供医保服务']]);
    expect(section.paragraphs[1]).toContain('南院区');
    expect(gen.json().canonicalText).toContain('未通过评估的执业地点（南院区）不适用本协议');

    const [s] = await ctx.db.select().from(practiceSites).where(eq(practiceSites.id, south.id));
    expect(s!.approved).toBe(false);
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'site.evaluate'), eq(auditLog.entityId, south.id)));
    expect(audit).toHaveLength(1);
  });

  it(`${J}: selected by the Jilin profile — a Yunnan application keeps the sites as given and records no site results`, async () => {
    const yn = await seedInstitution(ctx, '530102', '五华多院区医院');
    const [site] = await ctx.db.insert(practiceSites).values([
      { institutionId: yn.id, name: '一院区', address: '五华区一路1号', regionCode: '530102' },
      { institutionId: yn.id, name: '二院区', address: '五华区二路2号', regionCode: '530102' },
    ]).returning({ id: practiceSites.id });
    const a = await seedApplication(ctx, { institutionId: yn.id, regionCode: '530102', profileId: 'yunnan', state: 'evaluating', agencyOrgId: ynAgency.orgId });
    expect((await get(ynAgency, `/api/applications/${a.id}/sites`)).json()).toMatchObject({ required: false, citation: null });
    const refused = await post(ynAgency, `/api/applications/${a.id}/sites/${site!.id}/evaluation`, { pass: true });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toBe('本地区的定点管理政策未规定对各执业地分别评估');
    await toStudy(a.id, yn.id, '530102', 'yunnan');
    const gen = await post(ynAgency, `/api/applications/${a.id}/agreement`, {});
    expect(gen.statusCode).toBe(201);
    expect((gen.json().model.sections as { note?: string }[]).some((s) => s.note === J)).toBe(false);
  });
});
