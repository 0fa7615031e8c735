/**
 * 评估专家库 (吉医保规〔2023〕1号 第十五条; 云医保〔2022〕6号 第十一条; issue #9, decision 0028): the province's
 * agency maintains its pool; the panel draw reads the live pool (active, within the term, not the
 * applicant's employer); an expert stands down from their panel page; Excel import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { and, count, eq, inArray, like } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, ensureRegion, sessionHeaders } from '../../testing/factories';
import { seedApplication, seedInstitution } from '../../agreements/test-support';
import { auditLog, experts, regions, users } from '../../db/schema/index';
import { withIdCheck } from '../../domain/validators/id-number';
import { withUsccCheck } from '../../domain/validators/uscc';
import { passwordProblems } from '../../domain/identity/password-policy';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
type H = Record<string, string>;
let yn: H; // 云南省医疗保障基金管理中心 (owns the province's pool)
let km: H; // 昆明市 agency: below the province, does not own its pool
let jl: H; // 吉林省 agency: another province
let poolId: string;
let applicantId: string;
const APPLICANT_USCC = withUsccCheck('12530102MB0000009');
const OTHER_USCC = withUsccCheck('12530000MB0000001');
let seq = 100;
const idNo = () => withIdCheck(`53010219800101${String(++seq).padStart(3, '0')}`);

const post = (url: string, headers: H, payload: object) => app.inject({ method: 'POST', url, headers, payload });
async function addExpert(name: string, specialties: string[], extra: Record<string, unknown> = {}) {
  const res = await post(`/api/expert-pools/${poolId}/experts`, yn, {
    name, idNumber: idNo(), specialties, employer: '昆明医科大学', employerUscc: OTHER_USCC,
    termFrom: '2024-01-01', termTo: '2027-12-31', username: `zj${++seq}`, ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { expert: { id: string; userId: string; version: number }; temporaryPassword: string };
}
const setStatus = async (e: { id: string; version: number }, status: string) => {
  const res = await post(`/api/expert-pools/${poolId}/experts/${e.id}/status`, yn, { status, reason: '年度考核', version: e.version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; version: number };
};

/** An application waiting for its panel (已受理). */
async function acceptedApplication() {
  const row = await seedApplication(ctx, { institutionId: applicantId, regionCode: '530102', profileId: 'yunnan', state: 'evaluating' });
  const { evaluation: _e, ...data } = row.data as Record<string, unknown>;
  const { applications } = await import('../../db/schema/index');
  await ctx.db.update(applications).set({ state: 'accepted', data: { ...data, state: 'accepted' } }).where(eq(applications.id, row.id));
  return row.id;
}
const formPanel = (id: string, seed: number) =>
  post(`/api/applications/${id}/events/form_panel`, yn, { version: 1, seed, inspection: { required: true, mode: 'on_site' } });

let zhangUserId = '';
const core: Record<string, { expert: { id: string; userId: string; version: number } }> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  await ensureRegion(ctx, '530102');
  await ensureRegion(ctx, '220102');
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  const pool = await actAs(ctx, { kind: 'expert_pool', level: 'province', regionCode: '530000', name: '云南省医疗保障定点评估专家库' }, []);
  poolId = pool.org.id;
  yn = (await actAs(ctx, { kind: 'agency', level: 'province', regionCode: '530000' }, ['agency_officer', 'agency_head'])).headers;
  km = (await actAs(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530100' }, ['agency_officer'])).headers;
  jl = (await actAs(ctx, { kind: 'agency', level: 'province', regionCode: '220000' }, ['agency_officer', 'agency_head'])).headers;
  applicantId = (await seedInstitution(ctx, '530102', '五华专家库测试医院', { uscc: APPLICANT_USCC })).id;
  for (const s of ['medical_insurance', 'medicine_health', 'information_technology', 'law', 'finance']) core[s] = await addExpert(`专家-${s}`, [s]);
  // these experts act through sessions made in the test: as if each had already set their own password
  await ctx.db.update(users).set({ mustChangePassword: false }).where(inArray(users.id, Object.values(core).map((c) => c.expert.userId)));
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('评估专家库的维护 (吉医保规〔2023〕1号 第十五条)', () => {
  it('吉医保规〔2023〕1号 第十五条: adding an expert opens a login with a temporary password shown once that the policy accepts and that signs in', async () => {
    const r = await addExpert('张评估', ['finance', 'law'], { username: 'zhang_pg' });
    zhangUserId = r.expert.userId;
    expect(passwordProblems(r.temporaryPassword, 'zhang_pg')).toEqual([]);
    const login = await post('/api/auth/login', {}, { username: 'zhang_pg', password: r.temporaryPassword });
    expect(login.statusCode, login.body).toBe(200);
    // shown to the clerk, so the expert must set their own before anything else (decision 0025)
    expect(login.json().user.mustChangePassword).toBe(true);
    const list = (await app.inject({ url: `/api/expert-pools/${poolId}/experts?q=张评估`, headers: yn })).json();
    expect(list.total).toBe(1);
    expect(list.items[0].idNumberMasked).toMatch(/^5301\*{10}\d{3}[\dX]$/);
    expect(JSON.stringify(list)).not.toContain('temporaryPassword');
    const audit = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'expert.create'), eq(auditLog.entityId, r.expert.id)));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.after)).not.toMatch(/\d{17}[\dX]/); // the 身份证号 masked in the log too
  });

  it('bad input answers 400 in Chinese naming the field: 身份证号 check digit, unknown specialty, term order, a username taken', async () => {
    const base = { name: '李', specialties: ['law'], employer: '某大学', employerUscc: OTHER_USCC, termFrom: '2025-01-01', termTo: '2026-12-31', username: 'li_law' };
    const bad = idNo().slice(0, 17) + 'Y';
    let res = await post(`/api/expert-pools/${poolId}/experts`, yn, { ...base, idNumber: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/身份证号/);
    res = await post(`/api/expert-pools/${poolId}/experts`, yn, { ...base, idNumber: idNo(), specialties: ['tcm'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/专业取值无效/);
    res = await post(`/api/expert-pools/${poolId}/experts`, yn, { ...base, idNumber: idNo(), termTo: '2024-12-31' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('聘期截止日期不能早于聘期起始日期');
    res = await post(`/api/expert-pools/${poolId}/experts`, yn, { ...base, idNumber: idNo(), username: 'zhang_pg' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('登录用户名已被占用');
  });

  it('edit is version-checked (stale → 409); list filters by status and specialty, sorts and pages on the server', async () => {
    const r = await addExpert('王编辑', ['medicine_health']);
    const url = `/api/expert-pools/${poolId}/experts/${r.expert.id}`;
    const body = { name: '王编辑', idNumber: idNo(), specialties: ['medicine_health', 'finance'], employer: '云南大学', employerUscc: OTHER_USCC, termFrom: '2024-01-01', termTo: '2027-12-31' };
    const ok = await app.inject({ method: 'PATCH', url, headers: yn, payload: { ...body, version: r.expert.version } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().specialties).toEqual(['medicine_health', 'finance']);
    const stale = await app.inject({ method: 'PATCH', url, headers: yn, payload: { ...body, version: r.expert.version } });
    expect(stale.statusCode).toBe(409);
    const page = (await app.inject({ url: `/api/expert-pools/${poolId}/experts?specialty=finance&sort=name&order=desc&pageSize=2`, headers: yn })).json();
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.items).toHaveLength(2);
    const names = page.items.map((i: { name: string }) => i.name);
    expect([...names].sort().reverse()).toEqual(names);
  });

  it('territory: another province\'s agency cannot see or edit the pool (404), a prefecture agency does not own the province\'s pool, an expert is refused', async () => {
    expect((await app.inject({ url: '/api/expert-pools', headers: yn })).json().map((p: { id: string }) => p.id)).toContain(poolId);
    expect((await app.inject({ url: '/api/expert-pools', headers: jl })).json()).toEqual([]);
    expect((await app.inject({ url: '/api/expert-pools', headers: km })).json()).toEqual([]);
    for (const h of [jl, km]) {
      expect((await app.inject({ url: `/api/expert-pools/${poolId}/experts`, headers: h })).statusCode).toBe(404);
      expect((await post(`/api/expert-pools/${poolId}/experts/${core.law!.expert.id}/status`, h, { status: 'suspended', reason: '越权', version: 1 })).statusCode).toBe(404);
      expect((await app.inject({ url: `/api/expert-pools/${poolId}/import-template`, headers: h })).statusCode).toBe(404);
    }
    const expert = await sessionHeaders(ctx, core.law!.expert.userId);
    expect((await app.inject({ url: `/api/expert-pools/${poolId}/experts`, headers: expert })).statusCode).toBe(403);
  });
});

describe('抽取评估小组用在库专家 (吉医保规〔2023〕1号 第十五条; 云医保〔2022〕6号 第十一条)', () => {
  it('吉医保规〔2023〕1号 第十五条: the draw skips suspended, expired and conflicted experts, and logs the conflict', async () => {
    const suspended = await addExpert('法律-暂停', ['law']);
    await setStatus(suspended.expert, 'suspended');
    const expired = await addExpert('法律-期满', ['law'], { termFrom: '2022-01-01', termTo: '2025-06-30' });
    const conflicted = await addExpert('法律-利益冲突', ['law'], { employer: '五华专家库测试医院', employerUscc: APPLICANT_USCC });
    const notYet = await addExpert('法律-未到聘期', ['law'], { termFrom: '2026-01-01', termTo: '2028-12-31' });
    for (let seed = 1; seed <= 12; seed++) {
      const id = await acceptedApplication();
      const res = await formPanel(id, seed);
      expect(res.statusCode, res.body).toBe(200);
      const panel = (await app.inject({ url: `/api/applications/${id}`, headers: yn })).json().data.evaluation.evaluator.panel;
      const law = panel.members.find((m: { specialty: string }) => m.specialty === 'law');
      // the core law expert and 张评估 (finance + law) are the only drawable ones
      expect([core.law!.expert.userId, zhangUserId]).toContain(law.expertId);
      expect([suspended, expired, conflicted, notYet].map((x) => x.expert.userId)).not.toContain(law.expertId);
      expect(panel.conflictsExcluded).toEqual([expect.objectContaining({ expertId: conflicted.expert.userId })]);
      if (seed === 1) {
        // logged: the step's audit row keeps the draw with the excluded expert
        const [row] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'application.form_panel')));
        expect(JSON.stringify(row!.after)).toContain(conflicted.expert.userId);
      }
    }
  });

  it('云医保〔2022〕6号 第十一条: a draw that cannot cover a specialty refuses, naming it and why (how many active, excluded by conflict)', async () => {
    // the finance experts all stop: the core one suspended, 张评估 and 王编辑 retired
    const list = (await app.inject({ url: `/api/expert-pools/${poolId}/experts?specialty=finance&status=active`, headers: yn })).json();
    for (const e of list.items) await setStatus(e, 'suspended');
    await addExpert('财务-利益冲突', ['finance'], { employer: '五华专家库测试医院', employerUscc: APPLICANT_USCC });
    const id = await acceptedApplication();
    const res = await formPanel(id, 3);
    expect(res.statusCode).toBe(422);
    const msg = res.json().error.message as string;
    expect(msg).toContain('财务');
    expect(msg).toMatch(/财务：专家库中该专业共 \d+ 人，在聘且在聘期内 1 人，其中因与申请机构存在利益冲突排除 1 人/);
    expect(msg).not.toContain('法律：');
    // back to work for the next tests
    const again = (await app.inject({ url: `/api/expert-pools/${poolId}/experts?specialty=finance&status=suspended`, headers: yn })).json();
    for (const e of again.items) await setStatus(e, 'active');
  });

  it('云医保〔2022〕6号 第十一条: an expert declares a conflict from their panel page; the server replaces them from the pool and logs it', async () => {
    const spare = await addExpert('医药卫生-备用', ['medicine_health']);
    const members = ['medical_insurance', 'medicine_health', 'information_technology', 'law', 'finance']
      .map((s) => ({ id: core[s]!.expert.userId, name: `专家-${s}`, specialty: s }));
    const row = await seedApplication(ctx, { institutionId: applicantId, regionCode: '530102', profileId: 'yunnan', state: 'evaluating', panel: members });
    const me = await sessionHeaders(ctx, core.medicine_health!.expert.userId);
    const noReason = await post(`/api/experts/panels/${row.id}/recuse`, me, { version: 1 });
    expect(noReason.statusCode).toBe(400);
    const res = await post(`/api/experts/panels/${row.id}/recuse`, me, { version: 1, reason: '本人曾在该院任职，申请回避' });
    expect(res.statusCode, res.body).toBe(200);
    const panel = (await app.inject({ url: `/api/applications/${row.id}`, headers: yn })).json().data.evaluation.evaluator.panel;
    const slot = panel.members.find((m: { slot: number }) => m.slot === 1);
    expect(slot.expertId).not.toBe(core.medicine_health!.expert.userId);
    expect(panel.replacements).toEqual([expect.objectContaining({
      out: core.medicine_health!.expert.userId, specialty: 'medicine_health',
      recusal: expect.objectContaining({ declaredBy: 'expert', reason: '本人曾在该院任职，申请回避' }),
    })]);
    expect([spare.expert.userId, ...(await ctx.db.select({ u: experts.userId }).from(experts).where(like(experts.name, '王编辑%'))).map((r) => r.u)]).toContain(slot.expertId);
    // the expert who stood down no longer sees the panel as theirs to act on
    const after = (await app.inject({ url: '/api/experts/panels', headers: me })).json();
    expect(after.some((p: { applicationId: string }) => p.applicationId === row.id)).toBe(false);
  });
});

// ---- Excel import ----
const HEADERS = ['姓名', '身份证号', '专业', '工作单位', '工作单位统一社会信用代码', '联系电话', '聘期起始日期', '聘期截止日期', '登录用户名'];
async function workbook(rows: (string | Date)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('专家名单');
  sheet.addRow(HEADERS);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}
const upload = (mode: string, file: Buffer, headers = yn, path = 'import') => app.inject({
  method: 'POST', url: `/api/expert-pools/${poolId}/${path}${path === 'import' ? `?mode=${mode}` : ''}`,
  headers: { ...headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, payload: file,
});
const poolSize = async () => (await ctx.db.select({ n: count() }).from(experts).where(eq(experts.poolOrgId, poolId)))[0]!.n;
const auditSize = async () => (await ctx.db.select({ n: count() }).from(auditLog))[0]!.n;

describe('专家库 Excel 导入 (吉医保规〔2023〕1号 第十五条)', () => {
  const a = withIdCheck('53010219700101201');
  const b = withIdCheck('53010219700101202');
  const e = withIdCheck('53010219700101205');
  let file: Buffer;
  const wrongCheck = (id: string) => id.slice(0, 17) + (id.endsWith('1') ? '2' : '1');
  beforeAll(async () => {
    file = await workbook([
      ['导入甲', a, '医疗保障、法律', '云南财经大学', OTHER_USCC, '13800000001', '2025-01-01', '2027-12-31', ''],
      ['导入乙', b, '信息技术', '云南大学', OTHER_USCC, '', new Date(Date.UTC(2025, 0, 1)), '2027/12/31', 'import_yi'],
      ['导入丙', wrongCheck(withIdCheck('53010219700101203')), '财务', '某会计师事务所', OTHER_USCC, '', '2025-01-01', '2027-12-31', ''],
      ['导入丁', withIdCheck('53010219700101204'), '中医', '某医院', OTHER_USCC, '', '2025-01-01', '2027-12-31', ''],
      ['导入戊', e, '法律', '某律师事务所', OTHER_USCC, '', '2025-01-01', '2027-02-30', ''],
      ['导入己', e, '法律', '某律师事务所', OTHER_USCC, '', '2025-01-01', '2027-12-31', ''],
    ]);
  });

  it('the template downloads with the Chinese headers', async () => {
    const res = await app.inject({ url: `/api/expert-pools/${poolId}/import-template`, headers: yn });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((book.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
  });

  it('吉医保规〔2023〕1号 第十五条: all or nothing — with bad rows nothing is written, and every bad row says why', async () => {
    const [n, audits] = [await poolSize(), await auditSize()];
    const res = await upload('all', file);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ applied: false, total: 6, created: 2, rejected: 4, accounts: [] });
    const msg = Object.fromEntries(r.rejectedRows.map((x: { row: number; message: string }) => [x.row, x.message]));
    expect(msg[4]).toContain('校验位');
    expect(msg[5]).toContain('专业「中医」不在专业目录中');
    expect(msg[6]).toContain('聘期截止日期应为有效日期');
    expect(msg[7]).toContain('身份证号与第6行重复');
    expect([await poolSize(), await auditSize()]).toEqual([n, audits]);
  });

  it('吉医保规〔2023〕1号 第十五条: valid-rows mode writes the valid rows with their logins (passwords shown once); the rejected rows download as Excel with a message column', async () => {
    const n = await poolSize();
    const r = (await upload('valid', file)).json();
    expect(r).toMatchObject({ applied: true, created: 2, rejected: 4 });
    expect(r.accounts.map((x: { username: string }) => x.username)).toEqual([`expert_${a.slice(-6).toLowerCase()}`, 'import_yi']);
    expect(await poolSize()).toBe(n + 2);
    const login = await post('/api/auth/login', {}, { username: 'import_yi', password: r.accounts[1].temporaryPassword });
    expect(login.statusCode).toBe(200);
    const [row] = await ctx.db.select().from(experts).where(eq(experts.idNumber, b));
    expect(row).toMatchObject({ termFrom: '2025-01-01', termTo: '2027-12-31', specialties: ['information_technology'], status: 'active' });

    const xl = await upload('', file, yn, 'import/rejected-rows');
    expect(xl.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xl.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(11).value).toBe('错误说明');
    expect(sheet.actualRowCount).toBe(5);
    expect(String(sheet.getRow(2).getCell(11).value)).toContain('校验位');
  });

  it('吉医保规〔2023〕1号 第十五条: re-importing the same file changes nothing (no row, no audit entry, no new password)', async () => {
    const [n, audits] = [await poolSize(), await auditSize()];
    const r = (await upload('valid', file)).json();
    expect(r).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 4, accounts: [] });
    expect([await poolSize(), await auditSize()]).toEqual([n, audits]);
    // a changed row is an update, audited; a known 身份证号 under another name is refused
    const changed = await workbook([
      ['导入甲', a, '医疗保障、法律、财务', '云南财经大学', OTHER_USCC, '13800000001', '2025-01-01', '2028-12-31', ''],
      ['冒名', b, '信息技术', '云南大学', OTHER_USCC, '', '2025-01-01', '2027-12-31', ''],
    ]);
    const u = (await upload('valid', changed)).json();
    expect(u).toMatchObject({ updated: 1, rejected: 1 });
    expect(u.rejectedRows[0].message).toContain('已在本专家库中登记为「导入乙」');
  });

  it('a file that is not an xlsx, or without the template\'s headers, answers 400 in Chinese', async () => {
    const res = await upload('check', Buffer.from('not a workbook'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('Excel');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('x').addRow(['名字', '证件']);
    const noHeaders = await upload('check', Buffer.from(await book.xlsx.writeBuffer()));
    expect(noHeaders.statusCode).toBe(400);
    expect(noHeaders.json().error.message).toContain('缺少表头');
    expect((await upload('check', file, jl)).statusCode).toBe(404);
  });
});
