/**
 * What the institution and the agency read and may do (issue #7): one open application per
 * institution, the draft's declaration editable until submission, payment categories by kind,
 * allowedEvents that can succeed now, 403 messages naming who may act, and the signing status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, ensureRegion, sessionHeaders } from '../../testing/factories';
import { applications, institutions, regions } from '../../db/schema/index';
import { seedCalendar } from '../../seed/calendar-seed';
import { draftMedical, walk } from '../../domain/designation/fixtures';
import { YUNNAN } from '../../domain/designation/profiles';
import type { Application } from '../../domain/designation/application';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
type Who = { userId: string };
let staff: Who, pharmacyStaff: Who, officer: Who, head: Who, adminDept: Who;
let instId = '';

async function makeInstitution(name: string, n: number, kind: 'medical' | 'pharmacy', subtype: string) {
  const now = ctx.clock.now();
  const [row] = await ctx.db.insert(institutions).values({
    name, uscc: `UXTEST${n}`.padEnd(18, '0'), kind, subtype, ownership: 'private',
    regionCode: '530102', address: '昆明市五华区测试路2号', openedOn: '2024-01-01', createdAt: now, updatedAt: now,
  } as typeof institutions.$inferInsert).returning({ id: institutions.id });
  return row!.id;
}
const hdr = (w: Who) => sessionHeaders(ctx, w.userId);
const send = async (method: 'POST' | 'PATCH' | 'GET', url: string, who: Who, payload?: object) =>
  app.inject({ method, url, headers: await hdr(who), ...(payload ? { payload } : {}) });
const detail = async (id: string, who: Who) => (await send('GET', `/api/applications/${id}`, who)).json();
const events = async (id: string, who: Who) => ((await detail(id, who)).allowedEvents as { event: string }[]).map((e) => e.event);

beforeAll(async () => {
  ctx = await createTestContext('2025-09-25T09:00:00+08:00');
  await seedCalendar(ctx);
  app = await buildApp(ctx);
  await ensureRegion(ctx, '530102', '五华区');
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  instId = await makeInstitution('五华区体验医院', 1, 'medical', 'general_hospital');
  staff = { userId: (await actAs(ctx, { kind: 'institution', regionCode: '530102', institutionId: instId }, ['institution_staff'])).user.id };
  const pharmacyId = await makeInstitution('五华区体验药店', 2, 'pharmacy', 'pharmacy_single');
  pharmacyStaff = { userId: (await actAs(ctx, { kind: 'institution', regionCode: '530102', institutionId: pharmacyId }, ['institution_staff'])).user.id };
  const agency = { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医疗保障经办中心' } as const;
  officer = { userId: (await actAs(ctx, agency, ['agency_officer'])).user.id };
  head = { userId: (await actAs(ctx, agency, ['agency_officer', 'agency_head'])).user.id };
  adminDept = { userId: (await actAs(ctx, { kind: 'admin_dept', level: 'county', regionCode: '530102' }, ['admin_dept_officer'])).user.id };
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('the institution\'s application', () => {
  let draftId = '';

  it('payment categories fit the kind: a pharmacy cannot apply for 住院 (422 naming the category)', async () => {
    const res = await send('POST', '/api/applications', pharmacyStaff, { paymentCategories: ['pharmacy_purchase', 'inpatient'], insuranceSchemes: ['employee'] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ field: 'paymentCategories' });
    expect(res.json().error.message).toContain('「住院」不适用于零售药店');
    const ok = await send('POST', '/api/applications', pharmacyStaff, { paymentCategories: ['pharmacy_purchase', 'dual_channel'], insuranceSchemes: ['employee'] });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('a phone that is not a phone is refused at creation (400 naming 联系电话)', async () => {
    const res = await send('POST', '/api/applications', staff, { paymentCategories: ['inpatient'], insuranceSchemes: ['employee'], contactPhone: '12' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('联系电话');
  });

  it('one open application per institution: a second is refused with a Chinese message (409)', async () => {
    const first = await send('POST', '/api/applications', staff, { paymentCategories: ['inpatient'], insuranceSchemes: ['employee'], contactName: '张三', contactPhone: '13800138000' });
    expect(first.statusCode, first.body).toBe(201);
    draftId = first.json().id;
    const second = await send('POST', '/api/applications', staff, { paymentCategories: ['general_outpatient'], insuranceSchemes: ['employee'] });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toBe('本机构已有办理中的定点申请，请勿重复申请');
  });

  it('the draft\'s declaration is editable: contact and phone, validated (400 naming the field), audited', async () => {
    const d = await detail(draftId, staff);
    const bad = await send('PATCH', `/api/applications/${draftId}/declaration`, staff, { version: d.version, contactPhone: '1234' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('联系电话');
    const wrongKind = await send('PATCH', `/api/applications/${draftId}/declaration`, staff, { version: d.version, paymentCategories: ['long_term_care'] });
    expect(wrongKind.statusCode).toBe(422);
    expect(wrongKind.json().error.message).toContain('「长期护理」不适用于医疗机构');
    const ok = await send('PATCH', `/api/applications/${draftId}/declaration`, staff, { version: d.version, contactName: '李四', contactPhone: '0871-65123456' });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = await detail(draftId, staff);
    expect(after.declaration).toMatchObject({ contactName: '李四', contactPhone: '0871-65123456', paymentCategories: ['inpatient'] });
    expect(after.version).toBe(d.version + 1);
    expect(after.history.at(-1)).toMatchObject({ action: 'application.declaration.update' });
    const stale = await send('PATCH', `/api/applications/${draftId}/declaration`, staff, { version: d.version, contactName: '王五' });
    expect(stale.statusCode).toBe(409);
    const other = await send('PATCH', `/api/applications/${draftId}/declaration`, officer, { version: after.version, contactName: '王五' });
    expect(other.statusCode).toBe(403);
  });

  it('云医保〔2022〕6号 第九条: after submission the declaration is what the agency received — no more edits (409)', async () => {
    const d = await detail(draftId, staff);
    const sub = await send('POST', `/api/applications/${draftId}/events/submit`, staff, { version: d.version });
    expect(sub.statusCode, sub.body).toBe(200);
    const now = await detail(draftId, staff);
    const res = await send('PATCH', `/api/applications/${draftId}/declaration`, staff, { version: now.version, contactName: '王五' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('申请声明不能再修改');
  });
});

describe('allowedEvents: only what can succeed now (decision 0020)', () => {
  const base = () => walk(YUNNAN, draftMedical(), [
    { ev: { type: 'submit' }, role: 'institution_staff', on: '2025-09-22' },
    { ev: { type: 'screening_completed', reasons: [] }, role: 'system', on: '2025-09-22' },
    { ev: { type: 'accept' }, role: 'agency_officer', on: '2025-09-23' },
  ]).app;
  async function withState(data: Application): Promise<string> {
    const [row] = await ctx.db.select().from(applications).where(eq(applications.institutionId, instId));
    const next = { ...data, id: row!.id, institutionId: instId } as Application;
    await ctx.db.update(applications).set({ state: next.state, data: next }).where(eq(applications.id, row!.id));
    return row!.id;
  }

  it('云医保〔2022〕6号 第十五条: 公示期满 is not offered while the period runs; 受理举报投诉 is', async () => {
    const id = await withState({ ...base(), state: 'in_publicity', evaluations: [], publicity: { publishedOn: '2025-09-24', endsOn: '2025-10-15', complaints: [] } } as Application);
    const offered = await events(id, officer);
    expect(offered).toContain('file_complaint');
    expect(offered).not.toContain('end_publicity');
  });

  it('a role that cannot act at this state sees no step', async () => {
    const [row] = await ctx.db.select().from(applications).where(eq(applications.institutionId, instId));
    expect(await events(row!.id, adminDept)).toEqual([]);
  });

  it('云医保〔2022〕6号 第十八条: at 待签署 each party is told whether it has signed and who signs where; a signed party is not offered signing again', async () => {
    const id = await withState({
      ...base(), state: 'signing', evaluations: [], publicity: { publishedOn: '2025-09-01', endsOn: '2025-09-10', complaints: [] },
      negotiation: { meetings: [], opensOn: '2025-09-10' },
      agreement: { templateId: 't', templateVersion: '1', textHash: 'h', signBy: '2025-10-31', institutionSignature: { signer: '张院长', capacity: 'legal_rep', on: '2025-09-24', online: true, textHash: 'h' } },
    } as Application);
    const d = await detail(id, staff);
    expect(d.allowedEvents.map((e: { event: string }) => e.event)).not.toContain('institution_sign');
    expect(d.signing).toMatchObject({
      signBy: '2025-10-31',
      institution: { signed: true, signer: '张院长', where: '已于 2025-09-24 由 张院长 签署' },
      agency: { signed: false, where: '待经办机构负责人在「服务协议」页签签署' },
    });
    expect(await events(id, head)).toContain('agency_sign');
    expect(await events(id, officer)).not.toContain('agency_sign');
  });

  it('云医保〔2022〕6号 第十八条: a 403 names who may act — 仅经办机构负责人可签署', async () => {
    const d = await detail((await ctx.db.select().from(applications).where(eq(applications.institutionId, instId)))[0]!.id, officer);
    const res = await send('POST', `/api/applications/${d.id}/events/agency_sign`, officer, { version: d.version, signer: '某某', capacity: 'legal_rep', online: true, textHash: 'h' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('仅经办机构负责人可签署');
    const dept = await send('POST', `/api/applications/${d.id}/events/agency_sign`, adminDept, { version: d.version, signer: '某某', capacity: 'legal_rep', online: true, textHash: 'h' });
    expect(dept.statusCode).toBe(403);
    expect(dept.json().error.message).toBe('仅经办机构负责人可签署');
  });
});
