/**
 * 医药机构自助注册 (issue #9; decision 0027): the public form's rules, the challenge, the rate limit,
 * the territory of the agencies' queue, the pending account's confinement, verify and return → resubmit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, ensureRegion } from '../../testing/factories';
import { seedInstitution } from '../../agreements/test-support';
import { auditLog, institutionPersons, institutions, organizations, persons, registrationFiles, registrations, users } from '../../db/schema/index';
import { withUsccCheck } from '../../domain/validators/uscc';
import { withIdCheck } from '../../domain/validators/id-number';
import { challengeText, leadingZeroBits } from '../../domain/registration/challenge';
import { USCC_TAKEN, USERNAME_TAKEN } from '../../domain/registration/registration';
import { AUDIT_ACTION_LABEL } from '../../domain/audit/labels';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let wuhua: Awaited<ReturnType<typeof actAs>>; // 五华区 county agency
let panlong: Awaited<ReturnType<typeof actAs>>; // 盘龙区 county agency
let kunming: Awaited<ReturnType<typeof actAs>>; // 昆明市 prefecture agency
let clinicStaff: Awaited<ReturnType<typeof actAs>>;
let existing: { id: string };

const BITS = 10;
let serial = 0;
let ipSerial = 0;
const uscc = () => withUsccCheck(`92530102MA${String(700000 + ++serial).padStart(7, '0')}`);
const PDF = (s: string) => Buffer.from(`%PDF-1.4\n% ${s}\n%%EOF\n`);
/** a fresh client address per submission, so that the per-IP limit is met only where a test wants it */
const nextIp = () => `10.9.${Math.floor(++ipSerial / 250)}.${ipSerial % 250}`;

const details = (over: Record<string, unknown> = {}) => ({
  uscc: uscc(), name: '五华区仁心诊所', kind: 'medical', subtype: 'clinic', ownership: 'private', regionCode: '530102',
  address: '昆明市五华区青年路100号', legalRepName: '李仁心', legalRepIdNumber: withIdCheck('53010219800101123'),
  contactName: '王联系', contactPhone: '13800138000', ...over,
});

function solve(c: { id: string; salt: string; bits: number }): string {
  for (let n = 0; ; n++) {
    if (leadingZeroBits(createHash('sha256').update(challengeText(c.id, c.salt, String(n))).digest()) >= c.bits) return String(n);
  }
}
function wrongNonce(c: { id: string; salt: string; bits: number }): string {
  for (let n = 0; ; n++) {
    if (leadingZeroBits(createHash('sha256').update(challengeText(c.id, c.salt, String(n))).digest()) < c.bits) return String(n);
  }
}
async function challenge(ip = nextIp()) {
  const res = await app.inject({ method: 'POST', url: '/api/public/registrations/challenge', remoteAddress: ip });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; salt: string; bits: number; expiresAt: string };
}
async function solved() {
  const c = await challenge();
  return { id: c.id, nonce: solve(c) };
}

function form(data: unknown, files: { field: string; name: string; content: Buffer }[]) {
  const boundary = '----dingdianreg' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(data)}\r\n`)];
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: application/pdf\r\n\r\n`));
    parts.push(f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const licence = () => [{ field: 'business_licence', name: '营业执照.pdf', content: PDF(`licence ${Math.random()}`) }];

async function register(opts: {
  details?: Record<string, unknown>; username?: string; password?: string; challenge?: unknown; files?: { field: string; name: string; content: Buffer }[]; ip?: string;
} = {}) {
  const data = {
    details: details(opts.details),
    account: { username: opts.username ?? `clinic${++serial}`, password: opts.password ?? 'renxin-zhensuo-2025' },
    challenge: opts.challenge === undefined ? await solved() : opts.challenge,
  };
  if (opts.challenge === null) delete (data as { challenge?: unknown }).challenge;
  const f = form(data, opts.files ?? licence());
  const res = await app.inject({ method: 'POST', url: '/api/public/registrations', remoteAddress: opts.ip ?? nextIp(), ...f });
  return { res, data };
}

async function login(username: string, password: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  return { cookie, 'x-csrf-token': res.json().csrfToken as string };
}

beforeAll(async () => {
  ctx = await createTestContext('2025-09-25T09:00:00+08:00');
  ctx.config.REGISTRATION_POW_BITS = BITS;
  app = await buildApp(ctx);
  for (const c of ['530102', '530103', '530111']) await ensureRegion(ctx, c);
  wuhua = await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医疗保障局' }, ['agency_officer']);
  panlong = await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530103', name: '盘龙区医疗保障局' }, ['agency_officer', 'agency_head']);
  kunming = await actAs(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530100', name: '昆明市医疗保障局' }, ['agency_officer']);
  existing = await seedInstitution(ctx, '530102', '五华区已登记某医院');
  clinicStaff = await actAs(ctx, { kind: 'institution', regionCode: '530102', institutionId: existing.id }, ['institution_staff', 'institution_admin']);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('the public registration form', () => {
  it('hands out a single-use challenge with the configured difficulty', async () => {
    const c = await challenge();
    expect(c.bits).toBe(BITS);
    expect(new Date(c.expiresAt).getTime()).toBeGreaterThan(Date.now() - 86_400_000 * 10_000);
  });

  it('accepts a complete registration and lands it in the 五华区 agency queue', async () => {
    const { res, data } = await register();
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'pending', username: data.account.username });
    const [row] = await ctx.db.select().from(registrations).where(eq(registrations.id, res.json().id));
    expect(row!.agencyOrgId).toBe(wuhua.org.id);
    const [u] = await ctx.db.select().from(users).where(eq(users.username, data.account.username));
    expect(u!.roles).toEqual([]);
    expect(u!.passwordHash).toMatch(/^\$argon2id\$/);
    const audits = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'registration'), eq(auditLog.entityId, row!.id)));
    expect(audits.map((a) => a.action)).toEqual(['registration.submit']);
    expect(JSON.stringify(audits[0]!.after)).not.toContain(data.account.password);
    expect(AUDIT_ACTION_LABEL['registration.submit']).toBeTruthy();
  });

  it('refuses a USCC with a wrong check character (GB 32100), naming the field', async () => {
    const good = uscc();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const { res } = await register({ details: { uscc: bad } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'details.uscc', message: '统一社会信用代码校验位错误' });
  });

  it('refuses a 身份证号 with a wrong check digit (GB 11643), and a legal representative born in the future', async () => {
    const good = withIdCheck('53010219800101123');
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const r1 = (await register({ details: { legalRepIdNumber: bad } })).res;
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error).toMatchObject({ field: 'details.legalRepIdNumber', message: '法定代表人身份证号：身份证号校验位错误' });
    const r2 = (await register({ details: { legalRepIdNumber: withIdCheck('53010220251201123') } })).res;
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error).toMatchObject({ field: 'details.legalRepIdNumber', message: '法定代表人身份证号：出生日期晚于今天' });
  });

  it('refuses a kind and type that do not match, and a region that is not a county', async () => {
    const r1 = (await register({ details: { kind: 'pharmacy', subtype: 'clinic' } })).res;
    expect(r1.json().error).toMatchObject({ field: 'details.subtype', message: '机构类型与机构类别不符' });
    const r2 = (await register({ details: { regionCode: '530100' } })).res;
    expect(r2.json().error).toMatchObject({ field: 'details.regionCode', message: '所在区县请选择到县（区）一级' });
  });

  it('refuses a weak password by the password policy', async () => {
    const r1 = (await register({ password: 'short' })).res;
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error).toMatchObject({ field: 'account.password', message: '密码至少 10 个字符' });
    const r2 = (await register({ username: 'renxin_clinic', password: 'Renxin_Clinic2025' })).res;
    expect(r2.json().error.message).toBe('密码不能与用户名相同');
    const r3 = (await register({ password: 'password123' })).res;
    expect(r3.json().error.message).toBe('密码过于常见，容易被猜中，请换一个');
  });

  it('refuses a USCC in the registry or in an open registration with the one neutral message', async () => {
    const [inst] = await ctx.db.select().from(institutions).where(eq(institutions.id, existing.id));
    const fixedUscc = withUsccCheck('92530102MA0123456');
    await ctx.db.update(institutions).set({ uscc: fixedUscc }).where(eq(institutions.id, existing.id));
    const r1 = (await register({ details: { uscc: fixedUscc } })).res;
    expect(r1.statusCode).toBe(409);
    expect(r1.json().error.message).toBe(USCC_TAKEN);
    expect(r1.body).not.toContain(inst!.name);

    const first = await register({ details: { name: '盘龙区某药店甲', kind: 'pharmacy', subtype: 'pharmacy_single', regionCode: '530103' } });
    expect(first.res.statusCode).toBe(201);
    const again = (await register({ details: { uscc: first.data.details.uscc, name: '另一家' } })).res;
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(USCC_TAKEN);
    expect(again.body).not.toContain('盘龙区某药店甲');
  });

  it('refuses a username already taken', async () => {
    const first = await register();
    const r = (await register({ username: first.data.account.username.toUpperCase() })).res;
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ field: 'account.username', message: USERNAME_TAKEN });
  });

  it('refuses a missing, a wrong, a replayed and an expired challenge', async () => {
    const missing = (await register({ challenge: null })).res;
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('challenge');
    expect(missing.json().error.message).toBe('请先完成人机验证');

    const c = await challenge();
    const wrong = (await register({ challenge: { id: c.id, nonce: wrongNonce(c) } })).res;
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe('人机验证未通过，请重新验证');

    const c2 = await challenge();
    const answer = { id: c2.id, nonce: solve(c2) };
    expect((await register({ challenge: answer })).res.statusCode).toBe(201);
    const replay = (await register({ challenge: answer })).res;
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.message).toBe('人机验证已使用过，请重新验证');

    const c3 = await challenge();
    const nonce = solve(c3);
    ctx.clock.advance(11 * 60_000);
    const expired = (await register({ challenge: { id: c3.id, nonce } })).res;
    expect(expired.json().error.message).toBe('人机验证已过期，请重新验证');

    const unknown = (await register({ challenge: { id: '00000000-0000-4000-8000-000000000001', nonce: '1' } })).res;
    expect(unknown.json().error.message).toBe('人机验证已失效，请刷新页面重新验证');
  });

  it('checks the files by content and requires the business licence', async () => {
    const none = (await register({ files: [] })).res;
    expect(none.statusCode).toBe(400);
    expect(none.json().error.field).toBe('files.business_licence');
    const fake = (await register({ files: [{ field: 'business_licence', name: 'licence.pdf', content: Buffer.from('<html>not a pdf</html>') }] })).res;
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.message).toContain('只能上传PDF、JPEG或PNG格式的文件');
    const other = (await register({ files: [{ field: 'virus', name: 'x.pdf', content: PDF('x') }] })).res;
    expect(other.statusCode).toBe(400);
  });

  it('refuses a file over 10 MB with a 400 in Chinese, never a 5xx', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
    const r = (await register({ files: [{ field: 'business_licence', name: 'big.pdf', content: big }] })).res;
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toContain('文件超过10MB');
  });

  it('refuses a form that is not multipart, or whose data is not JSON', async () => {
    const json = await app.inject({ method: 'POST', url: '/api/public/registrations', remoteAddress: nextIp(), payload: { details: {} } });
    expect(json.statusCode).toBe(400);
    const boundary = '----x';
    const broken = await app.inject({
      method: 'POST', url: '/api/public/registrations', remoteAddress: nextIp(), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n{not json\r\n--${boundary}--\r\n`,
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message).toBe('注册表单数据不是有效的 JSON');
  });

  it('limits registrations per client address (5 in 10 minutes)', async () => {
    const ip = '10.250.0.1';
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await register({ ip, password: 'short' })).res.statusCode);
    expect(codes.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(codes[5]).toBe(429);
    expect((await register({ ip: '10.250.0.2', password: 'short' })).res.statusCode).toBe(400);
  });
});

describe('the agencies\' queue (属地管理)', () => {
  it('an agency of 盘龙区 cannot see or verify a 五华区 registration; 五华区 and 昆明市 can see it', async () => {
    const { res } = await register({ details: { name: '五华区属地测试诊所' } });
    const id = res.json().id as string;
    const list = async (who: typeof wuhua, q = '') => (await app.inject({ url: `/api/registrations?q=${encodeURIComponent('属地测试')}${q}`, headers: who.headers })).json();
    expect((await list(wuhua)).items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await list(kunming)).items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await list(kunming, '&mine=1')).items).toEqual([]);
    expect((await list(panlong)).items).toEqual([]);
    expect((await app.inject({ url: `/api/registrations/${id}`, headers: panlong.headers })).statusCode).toBe(404);
    const v = await app.inject({ method: 'POST', url: `/api/registrations/${id}/verify`, headers: panlong.headers, payload: { version: 1 } });
    expect(v.statusCode).toBe(404);
    const r = await app.inject({ method: 'POST', url: `/api/registrations/${id}/return`, headers: panlong.headers, payload: { version: 1, reason: '越权' } });
    expect(r.statusCode).toBe(404);
    const detail = await app.inject({ url: `/api/registrations/${id}`, headers: wuhua.headers });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().files).toHaveLength(1);
    const file = await app.inject({ url: `/api/registrations/${id}/files/${detail.json().files[0].id}`, headers: wuhua.headers });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect((await app.inject({ url: `/api/registrations/${id}/files/${detail.json().files[0].id}`, headers: panlong.headers })).statusCode).toBe(404);
  });

  it('a registration in a county without an agency lands with the nearest agency above it (昆明市)', async () => {
    const { res } = await register({ details: { regionCode: '530111', name: '官渡区某诊所' } });
    const [row] = await ctx.db.select().from(registrations).where(eq(registrations.id, res.json().id));
    expect(row!.agencyOrgId).toBe(kunming.org.id);
  });

  it('filters by status, region and kind, sorts and pages', async () => {
    const all = (await app.inject({ url: '/api/registrations?pageSize=100', headers: kunming.headers })).json();
    const pharm = (await app.inject({ url: '/api/registrations?kind=pharmacy&region=530103', headers: kunming.headers })).json();
    expect(pharm.items.length).toBeGreaterThan(0);
    expect(pharm.items.every((i: { kind: string; regionCode: string }) => i.kind === 'pharmacy' && i.regionCode === '530103')).toBe(true);
    const page = (await app.inject({ url: '/api/registrations?pageSize=2&page=1&sort=name&order=asc&status=pending', headers: kunming.headers })).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(all.items.filter((i: { status: string }) => i.status === 'pending').length);
    expect(page.items[0].name <= page.items[1].name).toBe(true);
    const bad = await app.inject({ url: '/api/registrations?status=unknown', headers: kunming.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('注册状态取值无效');
  });

  it('an institution user can never see a registration (not even in its own region)', async () => {
    expect((await app.inject({ url: '/api/registrations', headers: clinicStaff.headers })).statusCode).toBe(403);
    const [any] = await ctx.db.select({ id: registrations.id }).from(registrations).limit(1);
    expect((await app.inject({ url: `/api/registrations/${any!.id}`, headers: clinicStaff.headers })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/registrations/mine', headers: clinicStaff.headers })).statusCode).toBe(404);
  });
});

describe('the pending account, verification and return', () => {
  it('return → the applicant corrects and resubmits → verify creates institution, legal representative, organisation and an active account that can apply', async () => {
    const { res, data } = await register({ details: { name: '五华区康宁诊所', address: '旧地址' } });
    const id = res.json().id as string;
    const applicant = await login(data.account.username, data.account.password);

    // pending: its own registration only
    const mine = await app.inject({ url: '/api/registrations/mine', headers: applicant });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ id, status: 'pending', agencyName: '五华区医疗保障局' });
    for (const url of ['/api/institutions', '/api/applications', '/api/regions', `/api/registrations/${id}`]) {
      expect((await app.inject({ url, headers: applicant })).statusCode, url).toBe(403);
    }
    const apply = await app.inject({ method: 'POST', url: '/api/applications', headers: applicant, payload: { paymentCategories: ['general_outpatient'], insuranceSchemes: ['employee'] } });
    expect(apply.statusCode).toBe(403);

    // return with a reason
    const noReason = await app.inject({ method: 'POST', url: `/api/registrations/${id}/return`, headers: wuhua.headers, payload: { version: 1, reason: ' ' } });
    expect(noReason.statusCode).toBe(400);
    const ret = await app.inject({ method: 'POST', url: `/api/registrations/${id}/return`, headers: wuhua.headers, payload: { version: 1, reason: '地址与营业执照不一致' } });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json().status).toBe('returned');
    const seen = (await app.inject({ url: '/api/registrations/mine', headers: applicant })).json();
    expect(seen).toMatchObject({ status: 'returned', returnReason: '地址与营业执照不一致' });
    const early = await app.inject({ method: 'POST', url: `/api/registrations/${id}/verify`, headers: wuhua.headers, payload: { version: seen.version } });
    expect(early.statusCode).toBe(409);

    // correct: a new licence file and the address; the save resubmits
    const boundary = '----dingdianfile';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nbusiness_licence\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="新营业执照.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      PDF('new licence'), Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await app.inject({ method: 'POST', url: '/api/registrations/mine/files', headers: { ...applicant, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(up.statusCode, up.body).toBe(201);
    const current = (await app.inject({ url: '/api/registrations/mine', headers: applicant })).json();
    expect(current.files.map((x: { fileName: string }) => x.fileName)).toEqual(['新营业执照.pdf']);
    const rest = current;
    const correctedDetails = {
      uscc: rest.uscc, name: rest.name, kind: rest.kind, subtype: rest.subtype, ownership: rest.ownership, regionCode: rest.regionCode,
      address: '昆明市五华区青年路200号', legalRepName: rest.legalRepName, legalRepIdNumber: rest.legalRepIdNumber,
      contactName: rest.contactName, contactPhone: rest.contactPhone,
    };
    const stalePut = await app.inject({ method: 'PUT', url: '/api/registrations/mine', headers: applicant, payload: { version: current.version - 1, details: correctedDetails } });
    expect(stalePut.statusCode).toBe(409);
    const put = await app.inject({ method: 'PUT', url: '/api/registrations/mine', headers: applicant, payload: { version: current.version, details: correctedDetails } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ status: 'pending', address: '昆明市五华区青年路200号' });

    // verify (a stale version first)
    const stale = await app.inject({ method: 'POST', url: `/api/registrations/${id}/verify`, headers: wuhua.headers, payload: { version: current.version } });
    expect(stale.statusCode).toBe(409);
    const ok = await app.inject({ method: 'POST', url: `/api/registrations/${id}/verify`, headers: wuhua.headers, payload: { version: put.json().version } });
    expect(ok.statusCode, ok.body).toBe(200);
    const institutionId = ok.json().institutionId as string;
    expect(ok.json().status).toBe('verified');
    const [inst] = await ctx.db.select().from(institutions).where(eq(institutions.id, institutionId));
    expect(inst).toMatchObject({ name: '五华区康宁诊所', uscc: correctedDetails.uscc, regionCode: '530102', address: '昆明市五华区青年路200号', status: 'applicant' });
    const [rep] = await ctx.db.select({ name: persons.name, role: institutionPersons.role }).from(institutionPersons)
      .innerJoin(persons, eq(persons.id, institutionPersons.personId)).where(eq(institutionPersons.institutionId, institutionId));
    expect(rep).toEqual({ name: '李仁心', role: 'legal_rep' });
    const [org] = await ctx.db.select().from(organizations).where(eq(organizations.institutionId, institutionId));
    expect(org).toMatchObject({ kind: 'institution', regionCode: '530102' });
    const [u] = await ctx.db.select().from(users).where(eq(users.username, data.account.username));
    expect(u).toMatchObject({ orgId: org!.id, roles: ['institution_staff', 'institution_admin'], active: true });

    // the same session now acts as the institution: it can apply, and can no longer edit the registration
    const me = (await app.inject({ url: '/api/auth/me', headers: applicant })).json();
    expect(me.user ?? me).toMatchObject({ institutionId, roles: ['institution_staff', 'institution_admin'] });
    const applied = await app.inject({ method: 'POST', url: '/api/applications', headers: applicant, payload: { paymentCategories: ['general_outpatient'], insuranceSchemes: ['employee'] } });
    expect(applied.statusCode, applied.body).toBe(201);
    const edit = await app.inject({ method: 'PUT', url: '/api/registrations/mine', headers: applicant, payload: { version: ok.json().version, details: correctedDetails } });
    expect(edit.statusCode).toBe(409);
    const twice = await app.inject({ method: 'POST', url: `/api/registrations/${id}/verify`, headers: wuhua.headers, payload: { version: ok.json().version } });
    expect(twice.statusCode).toBe(409);

    const actions = (await ctx.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entityType, 'registration'), eq(auditLog.entityId, id))))
      .map((a) => a.action);
    expect(actions).toEqual(['registration.submit', 'registration.return', 'registration.file.upload', 'registration.resubmit', 'registration.verify']);
    for (const a of actions) expect(AUDIT_ACTION_LABEL[a], a).toBeTruthy();
  });

  it('the applicant reads its own licence, never another registration\'s, and cannot take another\'s USCC when correcting', async () => {
    const a = await register({ details: { name: '甲诊所' } });
    const b = await register({ details: { name: '乙诊所' } });
    const ha = await login(a.data.account.username, a.data.account.password);
    const mineA = (await app.inject({ url: '/api/registrations/mine', headers: ha })).json();
    const own = await app.inject({ url: `/api/registrations/mine/files/${mineA.files[0].id}`, headers: ha });
    expect(own.statusCode).toBe(200);
    const [bFile] = await ctx.db.select({ id: registrationFiles.id }).from(registrationFiles).where(eq(registrationFiles.registrationId, b.res.json().id));
    expect((await app.inject({ url: `/api/registrations/mine/files/${bFile!.id}`, headers: ha })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/registrations/${b.res.json().id}/files/${bFile!.id}`, headers: ha })).statusCode).toBe(403);
    const { id: _i, status: _s, statusLabel: _l, kindLabel: _k, subtypeLabel: _t, ownershipLabel: _o, regionName: _r, agencyOrgId: _a, agencyName: _n,
      returnReason: _rr, institutionId: _in, submittedAt: _sa, decidedAt: _d, version, files: _f, ...detailsA } = mineA;
    const steal = await app.inject({ method: 'PUT', url: '/api/registrations/mine', headers: ha, payload: { version, details: { ...detailsA, uscc: b.data.details.uscc } } });
    expect(steal.statusCode).toBe(409);
    expect(steal.json().error.message).toBe(USCC_TAKEN);
    expect(steal.body).not.toContain('乙诊所');
  });

  it('不予登记 frees a squatted USCC for the real holder and ends the squatter\'s account at once', async () => {
    const squat = await register({ details: { name: '冒用代码的注册' } });
    const id = squat.res.json().id as string;
    const session = await login(squat.data.account.username, squat.data.account.password);
    const refused = await register({ details: { uscc: squat.data.details.uscc, name: '真正的机构' } });
    expect(refused.res.json().error.message).toBe(USCC_TAKEN);
    const outside = await app.inject({ method: 'POST', url: `/api/registrations/${id}/reject`, headers: panlong.headers, payload: { version: 1, reason: '冒用' } });
    expect(outside.statusCode).toBe(404);
    const noReason = await app.inject({ method: 'POST', url: `/api/registrations/${id}/reject`, headers: wuhua.headers, payload: { version: 1 } });
    expect(noReason.statusCode).toBe(400);
    const rej = await app.inject({ method: 'POST', url: `/api/registrations/${id}/reject`, headers: wuhua.headers, payload: { version: 1, reason: '冒用他人统一社会信用代码' } });
    expect(rej.statusCode, rej.body).toBe(200);
    expect(rej.json()).toMatchObject({ status: 'rejected', returnReason: '冒用他人统一社会信用代码' });
    expect((await app.inject({ url: '/api/registrations/mine', headers: session })).statusCode).toBe(401);
    const relogin = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: squat.data.account.username, password: squat.data.account.password } });
    // the right password of a deactivated account learns why it cannot sign in (decision 0025); a wrong one learns nothing
    expect(relogin.statusCode).toBe(403);
    const real = await register({ details: { uscc: squat.data.details.uscc, name: '真正的机构' } });
    expect(real.res.statusCode, real.res.body).toBe(201);
    const again = await app.inject({ method: 'POST', url: `/api/registrations/${id}/verify`, headers: wuhua.headers, payload: { version: rej.json().version } });
    expect(again.statusCode).toBe(409);
    expect(AUDIT_ACTION_LABEL['registration.reject']).toBeTruthy();
  });

  it('the USCC of a verified registration is in the registry: a new registration with it is refused neutrally', async () => {
    const [v] = await ctx.db.select({ uscc: registrations.uscc }).from(registrations).where(eq(registrations.status, 'verified'));
    const r = (await register({ details: { uscc: v!.uscc } })).res;
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toBe(USCC_TAKEN);
  });
});

describe('the agency home page lists registrations to verify (issue #9: home pages as work queues)', () => {
  it('a 五华区 registration waits on the 五华区 officer\'s home page, linked to the queue, and not on 盘龙区\'s', async () => {
    const { res, data } = await register({ details: { name: '五华区首页待审诊所' } });
    expect(res.statusCode, res.body).toBe(201);
    const section = async (h: Record<string, string>) =>
      ((await app.inject({ url: '/api/home', headers: h })).json().sections as { key: string; count: number; link: string; items: { title: string }[] }[])
        .find((s) => s.key === 'agency.registrations');
    const mine = await section(wuhua.headers);
    expect(mine?.link).toBe('/registrations');
    expect(mine?.items.map((i) => i.title)).toContain(data.details.name);
    const other = await section(panlong.headers);
    expect(other?.items.map((i) => i.title) ?? []).not.toContain(data.details.name);
  });
});
