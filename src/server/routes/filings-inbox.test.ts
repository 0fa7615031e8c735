/**
 * The 备案 inbox (decision 0019): subordinate agencies' filings by default, the unread count, batch
 * 确认收到 in one transaction with one audit row per filing, and the marker for filings not
 * acknowledged within N 工作日 (no text sets N: 云医保〔2022〕6号 第十九条 gives the agency 5 工作日
 * to file; the default mirrors it and is a setting).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq, inArray } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { ensureRegion } from '../../testing/factories';
import { auditLog, documents, filingReceipts, settings } from '../../db/schema/index';
import { person, seedApplication, seedInstitution, type Person } from '../../agreements/test-support';
import { seedCalendar } from '../../seed/calendar-seed';
import { FILING_ACK_SETTING } from '../../agreements/acknowledge-filing';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let kmDept: Person;
let jlDept: Person;
const ids: Record<string, string> = {};

async function filing(key: string, regionCode: string, issuer: Person, issuedAt: string) {
  const inst = await seedInstitution(ctx, regionCode, `${key}备案医院`);
  const a = await seedApplication(ctx, { institutionId: inst.id, regionCode, profileId: regionCode.startsWith('22') ? 'jilin' : 'yunnan', state: 'signing' });
  const number = `${key}协备〔2025〕1号`;
  const [doc] = await ctx.db.insert(documents).values({
    applicationId: a.id, caseId: a.id, kind: 'signing_filing', number, title: '协议签订情况备案表', issuedAt: new Date(issuedAt),
    issuerOrgId: issuer.orgId!, model: { kind: 'agreement', number, title: '协议签订情况备案表', sections: [] },
  }).returning();
  ids[key] = doc!.id;
}
const get = (who: Person, url: string) => app.inject({ url, headers: who.headers });
const batch = (who: Person, body: object) => app.inject({ method: 'POST', url: '/api/filings/acknowledge', headers: who.headers, payload: body });

beforeAll(async () => {
  ctx = await createTestContext('2025-09-25T09:00:00+08:00');
  await seedCalendar(ctx);
  app = await buildApp(ctx);
  for (const c of ['530102', '530103', '220102']) await ensureRegion(ctx, c);
  kmDept = await person(ctx, { kind: 'admin_dept', level: 'prefecture', regionCode: '530100' }, ['admin_dept_officer']);
  jlDept = await person(ctx, { kind: 'admin_dept', level: 'county', regionCode: '220102' }, ['admin_dept_officer']);
  const whAgency = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医保中心' }, ['agency_officer']);
  const plAgency = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530103', name: '盘龙区医保中心' }, ['agency_officer']);
  const kmAgency = await person(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530100', name: '昆明市医保中心' }, ['agency_officer']);
  const jlAgency = await person(ctx, { kind: 'agency', level: 'county', regionCode: '220102', name: '南关区医保中心' }, ['agency_officer']);
  await filing('五华', '530102', whAgency, '2025-09-15T02:00:00Z'); // Monday; +5 工作日 = 09-22, unacknowledged on 09-25 → marked
  await filing('盘龙', '530103', plAgency, '2025-09-24T02:00:00Z');
  await filing('昆明', '530102', kmAgency, '2025-09-24T03:00:00Z');
  await filing('南关', '220102', jlAgency, '2025-09-15T02:00:00Z');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('备案 inbox (decision 0019)', () => {
  it('云医保〔2022〕6号 第十九条: the department sees its subordinate agencies\' filings by default, with the unread count', async () => {
    const r = (await get(kmDept, '/api/filings')).json();
    expect(r.items.map((f: { number: string }) => f.number).sort()).toEqual(['五华协备〔2025〕1号', '昆明协备〔2025〕1号', '盘龙协备〔2025〕1号'].sort());
    expect(r.unread).toBe(3);
    const same = (await get(kmDept, '/api/filings?levels=same')).json();
    expect(same.items.map((f: { number: string }) => f.number)).toEqual(['昆明协备〔2025〕1号']);
    expect(same.unread).toBe(1);
  });

  it('marks a filing not acknowledged within 5 工作日 (the default; a setting)', async () => {
    const r = (await get(kmDept, '/api/filings')).json();
    const by = (n: string) => r.items.find((f: { number: string }) => f.number === n);
    expect(r.acknowledgeWithinWorkdays).toBe(5);
    expect(by('五华协备〔2025〕1号').overdueMarker).toBe('超过5个工作日未确认');
    expect(by('盘龙协备〔2025〕1号').overdueMarker).toBeNull();
    await ctx.db.insert(settings).values({ key: FILING_ACK_SETTING, value: 10, updatedAt: ctx.clock.now() });
    const ten = (await get(kmDept, '/api/filings')).json();
    expect(ten.items.find((f: { number: string }) => f.number === '五华协备〔2025〕1号').overdueMarker).toBeNull();
    await ctx.db.delete(settings).where(eq(settings.key, FILING_ACK_SETTING));
  });

  it('a batch with a filing outside the territory is refused with 404 and writes nothing', async () => {
    const res = await batch(kmDept, { ids: [ids['五华'], ids['南关']] });
    expect(res.statusCode).toBe(404);
    expect(await ctx.db.select().from(filingReceipts)).toHaveLength(0);
    expect((await batch(kmDept, { ids: [] })).json().error.field).toBe('body.ids');
  });

  it('批量确认收到: one transaction, one receipt and one audit row per filing; already acknowledged reported', async () => {
    const one = await app.inject({ method: 'POST', url: `/api/filings/${ids['盘龙']}/acknowledge`, headers: kmDept.headers, payload: {} });
    expect(one.statusCode).toBe(200);
    const res = await batch(kmDept, { ids: [ids['五华'], ids['盘龙'], ids['昆明']], note: '已收悉' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.acknowledged.map((f: { number: string }) => f.number).sort()).toEqual(['五华协备〔2025〕1号', '昆明协备〔2025〕1号'].sort());
    expect(body.already.map((f: { number: string }) => f.number)).toEqual(['盘龙协备〔2025〕1号']);
    const audit = await ctx.db.select().from(auditLog).where(inArray(auditLog.entityId, [ids['五华']!, ids['盘龙']!, ids['昆明']!]));
    expect(audit.filter((a) => a.action === 'filing.acknowledge')).toHaveLength(3);
    const after = (await get(kmDept, '/api/filings')).json();
    expect(after.unread).toBe(0);
    expect(after.items.every((f: { overdueMarker: string | null }) => f.overdueMarker === null)).toBe(true);
    expect((await get(jlDept, '/api/filings')).json().unread).toBe(1);
  });
});
