/**
 * The rules page's profile diff on a real agreement (issue #11): the same suspended agreement screened
 * under 云南 and 北京 — 京医保发〔2021〕30号 第四十二条 makes a suspension beyond the signing period a 缓签
 * ground in Beijing, while the Yunnan text leaves renewal to the parties' assessment (需人工核定).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestContext } from '../../testing/context';
import { sessionHeaders } from '../../testing/factories';
import { kunmingCounties } from './kunming-counties.fixture';
import { agreements } from '../../db/schema/index';
import { seedInstitution, type Person } from '../../agreements/test-support';
import { INITIAL_LIFE } from '../../agreement-lifecycle/binding';

let ctx: TestContext;
let app: FastifyInstance;
let wh: Person, pl: Person, dept: Person;
let agreementId: string;

beforeAll(async () => {
  ({ ctx, app, wh, pl, dept } = await kunmingCounties());
  const inst = await seedInstitution(ctx, '530102', '五华中止对比诊所');
  const now = ctx.clock.now();
  const [a] = await ctx.db.insert(agreements).values({
    institutionId: inst.id, regionCode: '530102', number: '五华医保协〔2024〕9号', termFrom: '2024-04-01', termTo: '2027-03-31', special: {}, model: {}, canonicalText: 'x', textSm3: 'x',
    status: 'signed', lifeState: 'suspended', lifeSince: '2026-11-01', createdAt: now, updatedAt: now,
    life: { ...INITIAL_LIFE, suspension: { mode: 'requested', from: '2026-11-01', maxUntil: '2027-04-30', resumptionRequestedOn: null }, suspensionsInTerm: 1 },
  }).returning();
  agreementId = a!.id;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const compare = async (who: Person, q: string) => app.inject({ url: `/api/renewal-compare?${q}`, headers: await sessionHeaders(ctx, who.id) });

describe('GET /api/renewal-compare', () => {
  it('京医保发〔2021〕30号 第四十二条 vs 云医保〔2022〕6号 第二十九条: one suspended agreement is 缓签 under 北京 and 需人工核定 under 云南, with the rule that made the difference', async () => {
    const r = await compare(wh, `agreement=${encodeURIComponent('五华医保协〔2024〕9号')}&a=yunnan&b=beijing`);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.agreement).toMatchObject({ id: agreementId, institutionName: '五华中止对比诊所', termTo: '2027-03-31' });
    expect(body.a).toMatchObject({ profileId: 'yunnan', outcome: 'manual' });
    expect(body.b).toMatchObject({ profileId: 'beijing', outcome: 'defer' });
    const diff = body.because.find((x: { ruleId: string }) => x.ruleId === 'renewal.defer.suspended');
    expect(diff).toMatchObject({ in: 'variant' });
    expect(diff.citation).toContain('京医保发〔2021〕30号 第四十二条');
    // each side cites only its own layers
    expect(JSON.stringify(body.a.reasons)).not.toContain('京医保发');
    expect(JSON.stringify(body.b.reasons)).not.toContain('云医保');
  });

  it('by id, and for the administrative department', async () => {
    const r = await compare(dept, `agreement=${agreementId}&a=beijing&b=zizhiqu-2025-draft`);
    expect(r.statusCode).toBe(200);
    expect(r.json().b.reasons.map((x: { label: string }) => x.label)).toContain('二(一)1');
  });

  it('an agreement outside the territory is not revealed (404), a bad profile is 400 naming the field', async () => {
    const out = await compare(pl, `agreement=${agreementId}&a=yunnan&b=beijing`);
    expect(out.statusCode).toBe(404);
    expect(out.json().error.message).toContain('不存在或不在本辖区');
    const bad = await compare(wh, `agreement=${agreementId}&a=yunnan&b=shanghai`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('右侧政策配置');
  });
});
