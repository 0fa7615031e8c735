/**
 * The public directory as a citizen uses it (issue #9; 吉医保规〔2023〕1号 第二十二条): region cascade
 * province → prefecture → county, institution kind and payment category (a 双通道 pharmacy nearby),
 * paged on the server; the region picker offers only places that have designated institutions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestContext, type TestContext } from '../../testing/context';
import { ensureRegion } from '../../testing/factories';
import { seedInstitution } from '../../agreements/test-support';
import { buildApp } from '../app';

let ctx: TestContext;
let app: FastifyInstance;

type Page = { items: { name: string; regionName: string | null }[]; total: number; page: number; pageSize: number };
const dir = async (query: string): Promise<Page> => {
  const res = await app.inject({ url: `/api/public/directory?${query}` });
  expect(res.statusCode).toBe(200);
  return res.json();
};
const names = (p: Page) => p.items.map((i) => i.name).sort();

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  await ensureRegion(ctx, '530000', '云南省');
  await ensureRegion(ctx, '530100', '昆明市');
  await ensureRegion(ctx, '530102', '五华区');
  await ensureRegion(ctx, '530103', '盘龙区');
  await ensureRegion(ctx, '530112', '西山区'); // nothing designated there
  await ensureRegion(ctx, '530300', '曲靖市');
  await ensureRegion(ctx, '530302', '麒麟区');
  await ensureRegion(ctx, '220000', '吉林省');
  await ensureRegion(ctx, '220100', '长春市');
  await ensureRegion(ctx, '220102', '南关区');
  const designated = { status: 'designated' as const };
  const pharmacy = { ...designated, kind: 'pharmacy' as const, subtype: 'pharmacy_chain_member' as const };
  await seedInstitution(ctx, '530102', '五华甲医院', { ...designated, paymentCategories: ['general_outpatient', 'inpatient'] });
  await seedInstitution(ctx, '530102', '五华乙药房', { ...pharmacy, paymentCategories: ['pharmacy_purchase', 'dual_channel'] });
  await seedInstitution(ctx, '530102', '五华丙药房', { ...pharmacy, paymentCategories: ['pharmacy_purchase'] });
  await seedInstitution(ctx, '530103', '盘龙丁药房', { ...pharmacy, paymentCategories: ['pharmacy_purchase', 'dual_channel'] });
  await seedInstitution(ctx, '530302', '麒麟戊药房', { ...pharmacy, paymentCategories: ['pharmacy_purchase', 'dual_channel'] });
  await seedInstitution(ctx, '220102', '南关己药房', { ...pharmacy, paymentCategories: ['pharmacy_purchase'] });
  await seedInstitution(ctx, '530112', '西山庚药房', { kind: 'pharmacy', subtype: 'pharmacy_chain_member', paymentCategories: ['pharmacy_purchase'] }); // applicant, not designated
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('public directory: region cascade, kind and category (吉医保规〔2023〕1号 第二十二条)', () => {
  it('province → prefecture → county narrows the list at each level', async () => {
    expect((await dir('region=530000&pageSize=100')).total).toBe(5);
    expect(names(await dir('region=530100'))).toEqual(['五华丙药房', '五华乙药房', '五华甲医院', '盘龙丁药房'].sort());
    expect(names(await dir('region=530102'))).toEqual(['五华丙药房', '五华乙药房', '五华甲医院'].sort());
    expect(names(await dir('region=530103'))).toEqual(['盘龙丁药房']);
    expect((await dir('region=530112')).total).toBe(0);
  });

  it('a citizen looking for a 双通道 pharmacy in 昆明市: kind and payment category together', async () => {
    expect(names(await dir('region=530100&kind=pharmacy&category=dual_channel'))).toEqual(['五华乙药房', '盘龙丁药房'].sort());
    expect(names(await dir('kind=pharmacy&category=dual_channel'))).toEqual(['五华乙药房', '盘龙丁药房', '麒麟戊药房'].sort());
    expect(names(await dir('region=530102&kind=medical'))).toEqual(['五华甲医院']);
  });

  it('pages on the server: total stays, pages differ', async () => {
    const p1 = await dir('region=530000&kind=pharmacy&pageSize=2&page=1');
    const p2 = await dir('region=530000&kind=pharmacy&pageSize=2&page=2');
    expect(p1.total).toBe(4);
    expect(p2.total).toBe(4);
    expect(p1.items).toHaveLength(2);
    expect(p2.items).toHaveLength(2);
    expect(names(p1).some((n) => names(p2).includes(n))).toBe(false);
  });

  it('the region picker offers only places with designated institutions, with their counts', async () => {
    const top = (await app.inject({ url: '/api/public/regions?designated=1' })).json();
    expect(top).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: '530000', count: 5 }), expect.objectContaining({ code: '220000', count: 1 }),
    ]));
    const km = (await app.inject({ url: '/api/public/regions?parent=530000&designated=1' })).json();
    expect(km.map((r: { code: string; count: number }) => [r.code, r.count])).toEqual([['530100', 4], ['530300', 1]]);
    const counties = (await app.inject({ url: '/api/public/regions?parent=530100&designated=1' })).json();
    expect(counties.map((r: { code: string; count: number; hasChildren: boolean }) => [r.code, r.count, r.hasChildren])).toEqual([['530102', 3, false], ['530103', 1, false]]);
    // without designated=1: every child, no count (西山区 is there)
    const all = (await app.inject({ url: '/api/public/regions?parent=530100' })).json();
    expect(all.map((r: { code: string }) => r.code)).toContain('530112');
    expect(all[0]).not.toHaveProperty('count');
  });

  it('bad filters answer 400 in Chinese naming the field', async () => {
    const bad = await app.inject({ url: '/api/public/directory?category=spa' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('医保支付类别');
    const region = await app.inject({ url: '/api/public/directory?region=5301x' });
    expect(region.statusCode).toBe(400);
    expect(region.json().error.message).toContain('区划代码');
  });
});
