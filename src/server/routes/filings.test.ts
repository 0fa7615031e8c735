import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { ensureRegion } from '../../testing/factories';
import { agreementSignatures, agreementTemplates, agreements, auditLog, deadlines, documents, regions, users } from '../../db/schema/index';
import { person, seedApplication, seedInstitution, type Person } from '../../agreements/test-support';
import { seedDemoTemplates } from '../../seed/demo-templates';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let ynDept: Person;
let kmDept: Person;
let jlDept: Person;
let ynCountyOfficer: Person;
let filingId: string;

const get = (who: Person, url: string) => app.inject({ url, headers: who.headers });

/** A signed agreement with both signatures, online or on paper. */
async function signedAgreement(regionCode: string, profileId: string, online: boolean, signerId: string) {
  const inst = await seedInstitution(ctx, regionCode, `统计医院${Math.random().toString(36).slice(2, 7)}`);
  const a = await seedApplication(ctx, { institutionId: inst.id, regionCode, profileId, state: 'signing' });
  const [tpl] = await ctx.db.select().from(agreementTemplates).limit(1);
  const now = ctx.clock.now();
  const [ag] = await ctx.db.insert(agreements).values({
    applicationId: a.id, institutionId: inst.id, regionCode, templateId: tpl!.id, number: `测协〔2025〕${Math.floor(Math.random() * 1e6)}号`,
    termFrom: '2025-10-01', termTo: '2026-09-30', special: {}, model: {}, canonicalText: 'x', textSm3: 'y', status: 'signed', createdAt: now, updatedAt: now,
  }).returning();
  for (const party of ['institution', 'agency'] as const) {
    await ctx.db.insert(agreementSignatures).values({
      agreementId: ag!.id, party, userId: signerId, online, paperSha256: online ? null : 'a'.repeat(64), regionCode, signedAt: now,
    });
  }
  return a;
}

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  for (const c of ['530102', '530302', '220102']) await ensureRegion(ctx, c);
  ynDept = await person(ctx, { kind: 'admin_dept', level: 'county', regionCode: '530102' }, ['admin_dept_officer']);
  kmDept = await person(ctx, { kind: 'admin_dept', level: 'prefecture', regionCode: '530100' }, ['admin_dept_officer']);
  jlDept = await person(ctx, { kind: 'admin_dept', level: 'county', regionCode: '220102' }, ['admin_dept_officer']);
  ynCountyOfficer = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医疗保障局' }, ['agency_officer']);
  await seedDemoTemplates(ctx);

  // a 签订情况备案 filed by the 五华区 agency (county level)
  const inst = await seedInstitution(ctx, '530102', '五华备案医院');
  const a = await seedApplication(ctx, { institutionId: inst.id, regionCode: '530102', profileId: 'yunnan', state: 'signing' });
  const [doc] = await ctx.db.insert(documents).values({
    applicationId: a.id, caseId: a.id, kind: 'signing_filing', number: '五华医保协备〔2025〕1号', title: '协议签订情况备案表', issuedAt: ctx.clock.now(),
    issuerOrgId: ynCountyOfficer.orgId!, model: { kind: 'agreement', number: '五华医保协备〔2025〕1号', title: '协议签订情况备案表', sections: [] },
  }).returning();
  filingId = doc!.id;
  await ctx.db.insert(deadlines).values({
    applicationId: a.id, caseId: a.id, deadline: 'filing', basis: 'workday', n: 5, startsOn: '2025-09-01', dueOn: '2025-09-08', cites: [],
  });

  // online-signing rate: 9 of 10 agreements signed online in 云南, 1 on paper; 吉林's paper one is out of scope
  const [u] = await ctx.db.select({ id: users.id }).from(users).limit(1);
  for (let i = 0; i < 10; i++) await signedAgreement('530102', 'yunnan', i < 9, u!.id);
  await signedAgreement('220102', 'jilin', false, u!.id);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('filings inbox (云医保〔2022〕6号 第十九条; 京医保发〔2021〕30号 第十条)', () => {
  it('shows a filing to the department of the same level and territory only', async () => {
    const mine = (await get(ynDept, '/api/filings')).json();
    expect(mine.items.map((f: { id: string }) => f.id)).toEqual([filingId]);
    expect(mine.items[0]).toMatchObject({ kind: 'signing_filing', institutionName: '五华备案医院', acknowledgedAt: null });
    // a prefecture department sees county filings by default (含下级), not when it asks for its own level only
    expect((await get(kmDept, '/api/filings?levels=same')).json().items).toHaveLength(0);
    expect((await get(kmDept, '/api/filings')).json().items).toHaveLength(1);
    // another province: nothing, and the detail answers 404
    expect((await get(jlDept, '/api/filings?levels=all')).json().items).toHaveLength(0);
    expect((await get(jlDept, `/api/filings/${filingId}`)).statusCode).toBe(404);
    // agencies do not read the inbox
    expect((await get(ynCountyOfficer, '/api/filings')).statusCode).toBe(403);
  });

  it('acknowledges receipt once, with an audit row', async () => {
    const ack = await app.inject({ method: 'POST', url: `/api/filings/${filingId}/acknowledge`, headers: ynDept.headers, payload: { note: '已收悉' } });
    expect(ack.statusCode).toBe(200);
    const again = await app.inject({ method: 'POST', url: `/api/filings/${filingId}/acknowledge`, headers: ynDept.headers, payload: {} });
    expect(again.statusCode).toBe(409);
    const rows = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'filing.acknowledge'));
    expect(rows).toHaveLength(1);
    expect((await get(ynDept, '/api/filings?acknowledged=true')).json().items).toHaveLength(1);
    expect((await get(ynDept, '/api/filings?acknowledged=false')).json().items).toHaveLength(0);
  });
});

describe('statistics (自治区医保局〔2025〕征求意见稿 一(四))', () => {
  it('computes the online-signing rate from signatures, counts by state and overdue deadlines, in territory', async () => {
    const s = (await get(ynDept, '/api/statistics/pipeline')).json();
    // Yunnan sets no online-signing target: the rate is shown, no target and no foreign citation (issue #8)
    expect(s.onlineSigning).toMatchObject({ signed: 10, online: 9, offline: 1, rate: 0.9, target: null, citation: null, meetsTarget: null });
    expect(s.byState.find((r: { state: string }) => r.state === 'signing').count).toBe(11);
    expect(s.overdue).toMatchObject({ total: 1, byDeadline: [{ deadline: 'filing', count: 1 }] });
    const jl = (await get(jlDept, '/api/statistics/pipeline')).json();
    expect(jl.onlineSigning).toMatchObject({ signed: 1, online: 0, rate: 0, target: null, meetsTarget: null });
  });

  it('自治区医保局〔2025〕征求意见稿 一(四): the 90 % online-signing target is shown under the draft\'s profile only', async () => {
    await ensureRegion(ctx, '150102');
    await ctx.db.update(regions).set({ profileId: 'zizhiqu-2025-draft' }).where(eq(regions.code, '150000'));
    const zz = await person(ctx, { kind: 'admin_dept', level: 'county', regionCode: '150102' }, ['admin_dept_officer']);
    const s = (await get(zz, '/api/statistics/pipeline')).json();
    expect(s.onlineSigning).toMatchObject({ signed: 0, rate: null, target: 0.9, meetsTarget: null });
    expect(s.onlineSigning.citation).toMatch(/自治区医保局〔2025〕征求意见稿.*一\(四\)/);
  });
});
