/**
 * bulkInsert (registry import, decision 0029): COPY on PostgreSQL, multi-row INSERT on PGlite — the
 * same rows come back either way, whatever characters, NULLs, arrays and json they hold, and audit
 * rows written through it verify.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { ensureRegion } from '../testing/factories';
import { bulkInsert, pgClientOf } from './bulk-insert';
import { auditRowAfter, verifyAuditLog } from './audit-repo';
import { auditLog, institutions } from './schema/index';
import { EMPTY_CHAIN } from '../domain/audit/chain';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await ensureRegion(ctx, '530102');
});
afterAll(async () => {
  await ctx?.close();
});

const awkward = 'tab\there back\\slash\nnew line\rcr "quote" \'single\' {brace} ,comma \\N 中文';

describe('bulkInsert', () => {
  it('takes COPY exactly on PostgreSQL', async () => {
    await ctx.db.transaction(async (tx) => {
      expect(!!pgClientOf(tx)).toBe(ctx.database.driver === 'postgres');
    });
  });

  it('round-trips text with tabs, backslashes, line breaks and quotes, NULLs, arrays, booleans and timestamps; untouched columns take their defaults', async () => {
    const at = new Date('2025-09-25T01:02:03.456Z');
    const rows = Array.from({ length: 3 }, (_, i) => ({
      id: `00000000-0000-4000-8000-00000000000${i + 1}`, uscc: `BULK${i}`, name: `${awkward}${i}`, ybCode: i === 0 ? null : `Y${i}`,
      kind: 'medical' as const, subtype: 'clinic' as const, ownership: 'private' as const, regionCode: '530102', address: awkward,
      phone: null, dualChannel: i === 1, paymentCategories: i === 2 ? [] : ['general_outpatient', awkward], searchTokens: ['诊所', 'a"b', 'c,d'],
      createdAt: at, updatedAt: at,
    }));
    await ctx.db.transaction((tx) => bulkInsert(tx, institutions, rows));
    for (const r of rows) {
      const [got] = await ctx.db.select().from(institutions).where(eq(institutions.uscc, r.uscc));
      expect(got).toMatchObject({ ...r, status: 'applicant', version: 1, beds: 0 });
    }
  });

  it('audit rows written through it keep their hashes (jsonb with awkward text verifies)', async () => {
    const ev = (id: string) => ({ actor: null, action: 'institution.import_create', entityType: 'institution', entityId: id, regionCode: '530102', after: { name: awkward, list: [awkward, null, 1.5], nested: { t: '\t' } } });
    const now = new Date('2025-09-25T01:02:03.456Z');
    await ctx.db.transaction((tx) => bulkInsert(tx, auditLog, [auditRowAfter(EMPTY_CHAIN, now, ev('a')), auditRowAfter(EMPTY_CHAIN, now, ev('b'))]));
    expect(await verifyAuditLog(ctx.db)).toMatchObject({ ok: true, rows: 2, chains: 2 });
  });

  it('a failing row rolls the whole transaction back', async () => {
    const at = new Date();
    const row = (uscc: string) => ({ uscc, name: 'x', kind: 'medical' as const, subtype: 'clinic' as const, ownership: 'private' as const, regionCode: '530102', address: 'x', createdAt: at, updatedAt: at });
    await expect(ctx.db.transaction((tx) => bulkInsert(tx, institutions, [row('ROLLBACK1'), row('BULK0')]))).rejects.toThrow();
    expect(await ctx.db.select().from(institutions).where(eq(institutions.uscc, 'ROLLBACK1'))).toEqual([]);
  });
});
