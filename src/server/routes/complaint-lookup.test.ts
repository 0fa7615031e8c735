/**
 * The complainant's receipt number and status lookup (decision 0019; complaints during 公示 per
 * 云医保〔2022〕6号 第十五条, 吉医保规〔2023〕1号 第十九条): the number comes from the agency's
 * counter; number + phone → status and the finding; a wrong phone answers exactly like an unknown
 * number; nothing about the complainant comes back; rate-limited per IP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestContext, type TestContext } from '../../testing/context';
import { actAs, ensureRegion, sessionHeaders } from '../../testing/factories';
import { seedApplication, seedInstitution } from '../../agreements/test-support';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
let appId: string;
let officer: string;
let ip = 0;
const from = () => `10.1.0.${++ip}`;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  await ensureRegion(ctx, '530102', '五华区');
  const agency = await actAs(ctx, { kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医疗保障经办中心' }, ['agency_officer', 'agency_head']);
  officer = agency.user.id;
  const inst = await seedInstitution(ctx, '530102', '五华仁和医院');
  appId = (await seedApplication(ctx, { institutionId: inst.id, regionCode: '530102', profileId: 'yunnan', state: 'in_publicity', agencyOrgId: agency.org.id })).id;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const file = async (phone: string) => app.inject({
  method: 'POST', url: '/api/public/complaints', remoteAddress: from(),
  payload: { applicationId: appId, content: '公示的床位数与实际不符。', contactName: '王某', phone },
});
const lookup = (number: string, phone: string, addr = from()) =>
  app.inject({ method: 'POST', url: '/api/public/complaints/lookup', remoteAddress: addr, payload: { number, phone } });

describe('complaint receipt number and public status (decision 0019)', () => {
  it('云医保〔2022〕6号 第十五条: the complainant gets 五华医保投诉〔2025〕N号 from the agency counter, in sequence', async () => {
    const a = (await file('13800138000')).json();
    const b = (await file('13900139000')).json();
    expect(a.number).toBe('五华医保投诉〔2025〕1号');
    expect(b.number).toBe('五华医保投诉〔2025〕2号');
  });

  it('number + phone → status 调查核实中, then the finding once resolved; no personal data', async () => {
    const open = await lookup('五华医保投诉〔2025〕1号', '13800138000');
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({ number: '五华医保投诉〔2025〕1号', status: 'open', statusLabel: '调查核实中', result: null, institutionName: '五华仁和医院' });
    expect(open.body).not.toContain('王某');
    expect(open.body).not.toContain('13800138000');
    expect(open.body).not.toContain('床位数');
    const list = await app.inject({ url: '/api/complaints', headers: await sessionHeaders(ctx, officer) });
    const c = list.json().items.find((i: { number: string }) => i.number === '五华医保投诉〔2025〕1号');
    expect(c).toBeTruthy();
    const res = await app.inject({
      method: 'POST', url: `/api/complaints/${c.id}/resolve`, headers: await sessionHeaders(ctx, officer),
      payload: { foundTrue: false, finding: '经现场核实，床位数与登记一致。' },
    });
    expect(res.statusCode).toBe(200);
    const done = (await lookup('五华医保投诉〔2025〕1号', '13800138000')).json();
    expect(done).toMatchObject({ status: 'resolved', statusLabel: '已办结', result: { foundTrue: false, finding: '经现场核实，床位数与登记一致。' } });
  });

  it('a wrong phone answers the same 404 as an unknown number (no enumeration)', async () => {
    const wrong = await lookup('五华医保投诉〔2025〕2号', '13800138000');
    const unknown = await lookup('五华医保投诉〔2025〕99号', '13900139000');
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('an empty number → 400 naming the field; the 11th lookup in a minute from one address → 429', async () => {
    const bad = await lookup(' ', '13800138000');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('body.number');
    const addr = from();
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await lookup('五华医保投诉〔2025〕99号', '1', addr)).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 404)).toBe(true);
    expect(codes[10]).toBe(429);
  });
});
