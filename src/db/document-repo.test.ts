/**
 * 发文字号 serials taken inside the step's own statement (takeSerialsSql / serialsOf): per counter
 * consecutive, gap-free for committed steps, never handed out twice — also under concurrency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { buildOrg } from '../testing/factories';
import { nextSerial, serialsOf, takeSerialsSql, type SerialRequest } from './document-repo';

let ctx: TestContext;
let agency: string;
beforeAll(async () => {
  ctx = await createTestContext();
  agency = (await buildOrg(ctx, { kind: 'agency', level: 'county', regionCode: '530102' })).id;
});
afterAll(async () => ctx.close());

const take = async (reqs: SerialRequest[], gate = sql`true`) => {
  const rows = (await ctx.db.execute(takeSerialsSql(reqs, gate))) as unknown as { rows?: { key: string; last: number }[] } & { key: string; last: number }[];
  return serialsOf(reqs, rows.rows ?? rows);
};

describe('document serials in the step statement', () => {
  it('hands out consecutive numbers per (agency, 机关代字, year), two of one kind in one step included', async () => {
    const a = { agencyOrgId: agency, typeCode: '受', year: 2026 };
    const b = { agencyOrgId: agency, typeCode: '告', year: 2026 };
    expect(await take([a, b, a])).toEqual([1, 1, 2]);
    expect(await take([a])).toEqual([3]);
    expect(await take([{ ...a, year: 2027 }])).toEqual([1]);
    // the single-serial path of other use cases continues the same counter
    expect(await ctx.db.transaction((tx) => nextSerial(tx, agency, '受', 2026))).toBe(4);
  });

  it('a step whose UPDATE did not match (gate false) takes no number', async () => {
    const c = { agencyOrgId: agency, typeCode: '评', year: 2026 };
    const rows = (await ctx.db.execute(takeSerialsSql([c], sql`false`))) as unknown as { rows?: unknown[] } & unknown[];
    expect((rows.rows ?? rows).length).toBe(0);
    expect(await take([c])).toEqual([1]);
  });

  it('a rolled-back step gives its number back', async () => {
    const d = { agencyOrgId: agency, typeCode: '公', year: 2026 };
    await expect(ctx.db.transaction(async (tx) => {
      await tx.execute(takeSerialsSql([d]));
      throw new Error('step failed');
    })).rejects.toThrow('step failed');
    expect(await take([d])).toEqual([1]);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('concurrent steps of one agency never share a number and leave no gap', async () => {
    const e = { agencyOrgId: agency, typeCode: '协', year: 2026 };
    const got = await Promise.all(Array.from({ length: 16 }, () => ctx.db.transaction(async (tx) => {
      const r = (await tx.execute(takeSerialsSql([e, e]))) as unknown as { rows: { key: string; last: number }[] };
      return serialsOf([e, e], r.rows);
    })));
    expect(got.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
  });
});
