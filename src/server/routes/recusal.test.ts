/**
 * 回避 (云医保〔2022〕6号 第十一条, 吉医保规〔2023〕1号 第十五条; issue #8): a drawn member with a conflict —
 * declared by the expert, or found by the officer — stands down before acting, and the server redraws
 * that one slot from the same province's pool and seed stream; the replacement and its reason are
 * logged in the draw.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestContext, type TestContext } from '../../testing/context';
import { ensureRegion } from '../../testing/factories';
import { person, seedApplication, seedInstitution, type Person } from '../../agreements/test-support';
import { makeExpert } from '../../testing/expert-factory';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;
const members: Person[] = [];
let spareLaw: Person;
let jilinLaw: Person;
let officer: Person;
let appId: string;
const SPECIALTIES = ['medical_insurance', 'medicine_health', 'information_technology', 'law', 'finance'];

async function expert(regionCode: string, name: string, specialty: string) {
  const p = await person(ctx, { kind: 'expert_pool', level: 'province', regionCode }, ['expert'], name);
  await makeExpert(ctx, p.id, [specialty]);
  return p;
}
const version = async () => (await app.inject({ url: `/api/applications/${appId}`, headers: officer.headers })).json().version as number;
const recuse = async (who: Person, memberId: string, reason = '与申请机构存在利害关系') =>
  app.inject({ method: 'POST', url: `/api/applications/${appId}/events/recuse_member`, headers: who.headers, payload: { version: await version(), memberId, reason } });
const panel = async () => (await app.inject({ url: `/api/applications/${appId}`, headers: officer.headers })).json().data.evaluation.evaluator.panel;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  await ensureRegion(ctx, '530102');
  await ensureRegion(ctx, '220102');
  for (const [i, s] of SPECIALTIES.entries()) members.push(await expert('530000', `专家${i + 1}`, s));
  jilinLaw = await expert('220000', '吉林法律专家', 'law');
  spareLaw = await expert('530000', '云南法律专家乙', 'law');
  officer = await person(ctx, { kind: 'agency', level: 'county', regionCode: '530102' }, ['agency_officer']);
  const inst = await seedInstitution(ctx, '530102', '五华回避测试医院');
  appId = (await seedApplication(ctx, {
    institutionId: inst.id, regionCode: '530102', profileId: 'yunnan', state: 'evaluating',
    panel: members.map((m, i) => ({ id: m.id, name: `专家${i + 1}`, specialty: SPECIALTIES[i]! })),
  })).id;
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('回避 (云医保〔2022〕6号 第十一条; 吉医保规〔2023〕1号 第十五条)', () => {
  it('云医保〔2022〕6号 第十一条: an expert may stand down only for themself', async () => {
    const res = await recuse(members[0]!, members[1]!.id);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('只能申请本人回避');
  });

  it('云医保〔2022〕6号 第十一条: the officer records a conflict found; the slot is redrawn from the same province\'s pool and logged with its reason', async () => {
    const res = await recuse(officer, members[3]!.id, '经核查与申请机构法定代表人系近亲属');
    expect(res.statusCode, res.body).toBe(200);
    const p = await panel();
    const law = p.members.find((m: { slot: number }) => m.slot === 3);
    expect(law).toMatchObject({ expertId: spareLaw.id, specialty: 'law' });
    expect(law.expertId).not.toBe(jilinLaw.id);
    expect(p.replacements).toEqual([expect.objectContaining({
      out: members[3]!.id, in: spareLaw.id, specialty: 'law', slot: 3,
      recusal: expect.objectContaining({ declaredBy: 'officer', reason: '经核查与申请机构法定代表人系近亲属' }),
    })]);
    expect(p.members.filter((m: { slot: number }) => m.slot !== 3).map((m: { expertId: string }) => m.expertId))
      .toEqual(members.filter((_, i) => i !== 3).map((m) => m.id));
  });

  it('吉医保规〔2023〕1号 第十五条: with no other expert of that specialty in the province\'s pool, the recusal is refused and the panel unchanged', async () => {
    const before = await panel();
    const res = await recuse(members[0]!, members[0]!.id, '本人曾在该院任职');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/医疗保障/);
    expect(await panel()).toEqual(before);
  });

  it('a member who has already scored cannot stand down', async () => {
    const scored = await app.inject({ method: 'POST', url: `/api/experts/panels/${appId}/scores`, headers: members[1]!.headers, payload: { scores: { conditions: 1, capability: 1, not_failed_within_year: 1, no_substitute_person: 1 } } });
    expect(scored.statusCode, scored.body).toBe(200);
    const res = await recuse(officer, members[1]!.id);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('已评分');
  });

  it('a reason is required; bad input answers 400 naming the field', async () => {
    const res = await app.inject({ method: 'POST', url: `/api/applications/${appId}/events/recuse_member`, headers: officer.headers, payload: { version: await version(), memberId: members[2]!.id } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toContain('reason');
  });
});
