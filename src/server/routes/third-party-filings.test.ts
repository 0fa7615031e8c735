import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq, like } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { ensureRegion } from '../../testing/factories';
import { auditLog, institutions, regions } from '../../db/schema/index';
import { person, seedInstitution, type Person } from '../../agreements/test-support';
import { resolveProfile } from '../../domain/policy/resolve';
import { FILING_CHECK_ITEMS, FILING_RULE_ID } from '../../domain/registry/third-party-filing';
import { buildApp } from '../app';

const J = '吉医保规〔2023〕1号 第三十三条第二款';
let ctx: TestContext;
let app: FastifyInstance;
let lab: { id: string };
let labStaff: Person;
let hospitalStaff: Person;
let ynLabStaff: Person;
let ccAgency: Person;
let ccDept: Person;
let ynAgency: Person;

const body = (over: Record<string, unknown> = {}) => ({
  services: ['临床生化检验', '病理诊断'],
  licence: { number: 'PDY00001122010217D2152', issuedBy: '长春市卫生健康委员会', validTo: '2030-12-31' },
  equipment: [{ name: '全自动生化分析仪', model: 'AU5800', quantity: 2 }],
  staff: [{ name: '李检', qualification: '主管检验技师', certificateNumber: '201822010000123' }],
  ...over,
});
const post = (who: Person, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
const get = (who: Person, url: string) => app.inject({ url, headers: who.headers });

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  for (const c of ['220102', '530102']) await ensureRegion(ctx, c);
  await ctx.db.update(regions).set({ profileId: 'jilin' }).where(eq(regions.code, '220000'));
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  lab = await seedInstitution(ctx, '220102', '长春某医学检验实验室', { kind: 'third_party', subtype: 'medical_lab' });
  const hospital = await seedInstitution(ctx, '220102', '长春某综合医院');
  const ynLab = await seedInstitution(ctx, '530102', '昆明某医学影像诊断中心', { kind: 'third_party', subtype: 'imaging_center' });
  labStaff = await person(ctx, { kind: 'institution', regionCode: '220102', institutionId: lab.id }, ['institution_staff']);
  hospitalStaff = await person(ctx, { kind: 'institution', regionCode: '220102', institutionId: hospital.id }, ['institution_staff']);
  ynLabStaff = await person(ctx, { kind: 'institution', regionCode: '530102', institutionId: ynLab.id }, ['institution_staff']);
  ccAgency = await person(ctx, { kind: 'agency', level: 'prefecture', regionCode: '220100', name: '长春市医疗保障局经办中心' }, ['agency_officer'], '王核验');
  ccDept = await person(ctx, { kind: 'admin_dept', level: 'prefecture', regionCode: '220100' }, ['admin_dept_officer']);
  ynAgency = await person(ctx, { kind: 'agency', level: 'province', regionCode: '530000' }, ['agency_officer', 'agency_head']);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe(`第三方服务机构备案 (${J})`, () => {
  it(`${J}: the three items verified are the rule's materials (执业许可证、大型仪器设备清单、专业人员证书)`, () => {
    const rule = resolveProfile('jilin', '2025-09-01').rules.find((r) => r.rule.id === FILING_RULE_ID)!.rule;
    expect(rule.materials!.map((m) => m.id)).toEqual([...FILING_CHECK_ITEMS]);
    expect(resolveProfile('yunnan', '2025-09-01').rules.some((r) => r.rule.id === FILING_RULE_ID)).toBe(false);
  });

  it(`${J}: the filing is validated at the boundary, each 400 naming its field in Chinese`, async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ services: [] }, 'body.services', '备案服务项目至少填写1项'],
      [{ licence: { number: '', issuedBy: '长春市卫健委', validTo: '2030-12-31' } }, 'body.licence.number', '执业许可证登记号不能为空'],
      [{ licence: { number: 'X1', issuedBy: '长春市卫健委', validTo: '2030-02-30' } }, 'body.licence.validTo', '执业许可证有效期至应为有效日期'],
      [{ equipment: [{ name: '生化分析仪', model: 'AU5800', quantity: 0 }] }, 'body.equipment.0.quantity', '设备数量不能小于1'],
      [{ staff: [] }, 'body.staff', '相关专业人员至少填写1人'],
    ];
    for (const [over, field, message] of cases) {
      const res = await post(labStaff, '/api/third-party-filings', body(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().error.field).toBe(field);
      expect(res.json().error.message).toContain(message);
    }
    const expired = await post(labStaff, '/api/third-party-filings', body({ licence: { number: 'X1', issuedBy: '长春市卫健委', validTo: '2020-01-01' } }));
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error).toMatchObject({ field: 'body.licence.validTo', message: '医疗机构执业许可证已过有效期' });
  });

  it(`${J}: only a third-party service files, and only where its province's profile provides the filing (吉林, not 云南)`, async () => {
    const hospital = await post(hospitalStaff, '/api/third-party-filings', body());
    expect(hospital.statusCode).toBe(422);
    expect(hospital.json().error.reasons[0]).toMatchObject({ ruleId: FILING_RULE_ID, citation: J });
    expect(hospital.json().error.message).toContain('应申请定点');
    const yn = await post(ynLabStaff, '/api/third-party-filings', body());
    expect(yn.statusCode).toBe(422);
    expect(yn.json().error.message).toBe('本地区的定点管理政策未规定第三方服务机构备案');
  });

  it(`${J}: the agency of the territory verifies licence, equipment and staff, accepts only when all three pass; the third party sees the status; every step audited`, async () => {
    const res = await post(labStaff, '/api/third-party-filings', body());
    expect(res.statusCode).toBe(201);
    const f = res.json();
    expect(f).toMatchObject({ status: 'submitted', statusLabel: '待核验', institutionName: '长春某医学检验实验室', citation: J });
    expect(f.checks.map((c: { pass: boolean | null }) => c.pass)).toEqual([null, null, null]);
    expect((await post(labStaff, '/api/third-party-filings', body())).statusCode).toBe(409); // one open filing at a time
    const url = `/api/third-party-filings/${f.id}`;

    const early = await post(ccAgency, `${url}/decision`, { accept: true });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.reasons.map((r: { message: string }) => r.message)).toEqual(
      ['医疗机构执业许可证尚未核验', '大型仪器设备清单尚未核验', '相关专业人员的资格及注册证书尚未核验'],
    );
    const noNote = await post(ccAgency, `${url}/checks`, { item: 'equipment_list', pass: false });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.field).toBe('body.note');

    expect((await post(ccAgency, `${url}/checks`, { item: 'practice_licence', pass: true, note: '原件核对一致' })).statusCode).toBe(200);
    expect((await post(ccAgency, `${url}/checks`, { item: 'equipment_list', pass: false, note: '缺设备购置发票' })).statusCode).toBe(200);
    let last = await post(ccAgency, `${url}/checks`, { item: 'staff_certificates', pass: true });
    expect(last.json().checks[2]).toMatchObject({ item: 'staff_certificates', pass: true, by: '王核验' });
    const failed = await post(ccAgency, `${url}/decision`, { accept: true });
    expect(failed.statusCode).toBe(422);
    expect(failed.json().error.reasons).toEqual([{ ruleId: FILING_RULE_ID, citation: J, message: '大型仪器设备清单核验未通过，不能备案' }]);
    // a stale version is refused
    expect((await post(ccAgency, `${url}/checks`, { item: 'equipment_list', pass: true, version: 1 })).statusCode).toBe(409);
    last = await post(ccAgency, `${url}/checks`, { item: 'equipment_list', pass: true, note: '已补充发票', version: last.json().version });
    expect(last.statusCode).toBe(200);

    const accepted = await post(ccAgency, `${url}/decision`, { accept: true, note: '予以备案' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', statusLabel: '已备案', decisionNote: '予以备案' });
    expect((await post(ccAgency, `${url}/decision`, { accept: false, note: '再退回' })).statusCode).toBe(409);
    expect((await post(ccAgency, `${url}/checks`, { item: 'equipment_list', pass: false, note: '改' })).statusCode).toBe(409);

    const seen = (await get(labStaff, url)).json();
    expect(seen).toMatchObject({ status: 'accepted', statusLabel: '已备案' });
    expect(seen.checks.every((c: { pass: boolean }) => c.pass)).toBe(true);
    const [inst] = await ctx.db.select().from(institutions).where(eq(institutions.id, lab.id));
    expect(inst!.status).toBe('filed');
    const audit = await ctx.db.select({ action: auditLog.action }).from(auditLog)
      .where(and(eq(auditLog.entityType, 'third_party_filing'), eq(auditLog.entityId, f.id))).orderBy(auditLog.chainSeq);
    expect(audit.map((a) => a.action)).toEqual([
      'third_party_filing.submit', ...Array(4).fill('third_party_filing.check'), 'third_party_filing.accept',
    ]);
  });

  it(`${J}: out of territory 404, wrong role 403; a filing returned with its reason, then filed anew`, async () => {
    const f = (await post(labStaff, '/api/third-party-filings', body({ services: ['医学影像诊断'] }))).json();
    const url = `/api/third-party-filings/${f.id}`;
    // another province's agency: the filing does not exist for it
    expect((await get(ynAgency, url)).statusCode).toBe(404);
    expect((await post(ynAgency, `${url}/checks`, { item: 'practice_licence', pass: true })).statusCode).toBe(404);
    expect((await get(ynAgency, '/api/third-party-filings')).json().total).toBe(0);
    expect((await get(hospitalStaff, url)).statusCode).toBe(404);
    // the department reads, does not verify; the third party does not verify its own filing
    expect((await get(ccDept, url)).statusCode).toBe(200);
    expect((await post(ccDept, `${url}/checks`, { item: 'practice_licence', pass: true })).statusCode).toBe(403);
    expect((await post(labStaff, `${url}/decision`, { accept: true })).statusCode).toBe(403);

    expect((await post(ccAgency, `${url}/decision`, { accept: false })).json().error.message).toBe('退回备案须说明理由');
    const returned = await post(ccAgency, `${url}/decision`, { accept: false, note: '执业许可证副本不清晰，请重新提交' });
    expect(returned.json()).toMatchObject({ status: 'returned', decisionNote: '执业许可证副本不清晰，请重新提交' });
    expect((await post(labStaff, '/api/third-party-filings', body())).statusCode).toBe(201);
    const mine = (await get(labStaff, '/api/third-party-filings')).json();
    expect(mine.items.map((r: { status: string }) => r.status).sort()).toEqual(['accepted', 'returned', 'submitted']);
    const queue = (await get(ccAgency, '/api/third-party-filings?status=submitted')).json();
    expect(queue.items).toHaveLength(1);
    const rows = await ctx.db.select().from(auditLog).where(like(auditLog.action, 'third_party_filing.return'));
    expect(rows).toHaveLength(1);
  });
});
