/**
 * Migration 0015 (decisions 0032, 0034): an institution whose registry row says 协议解除/终止 but
 * that has no termination record gets one, marked 'converted', dated by the row's last update (China
 * date) and counted serious — the reading the screening had before the records — so that no ban
 * changes length by the upgrade. An institution that already has a record gets none.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrationsBefore, MIGRATIONS_ROOT } from '../testing/migrations';
import { terminationFacts } from '../domain/policy/termination-facts';

describe('migration 0015_agreement_lifecycle: terminated registry rows become termination records (decision 0034)', () => {
  it('京医保发〔2021〕30号 第十二条(六): a terminated institution without a record gets one converted serious record dated by updated_at; one with a record gets none', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    const client = new PGlite();
    const db = drizzle({ client });
    const before = migrationsBefore('0015_agreement_lifecycle');
    try {
      await migrate(db, { migrationsFolder: before });
      const q = (text: string, params: unknown[] = []) => client.query(text, params);
      await q(`INSERT INTO regions (code, name, level) VALUES ('110000', '北京市', 'province'), ('110105', '朝阳区', 'county')`);
      const inst = (id: string, status: string, updatedAt: string) => q(
        `INSERT INTO institutions (id, name, uscc, kind, subtype, ownership, region_code, address, status, created_at, updated_at)
         VALUES ($1, $2, $3, 'medical', 'general_hospital', 'private', '110105', '路', $4, '2020-01-01T00:00:00Z', $5)`,
        [id, `机构${id.slice(0, 1)}`, `91110105MA00000${id.slice(0, 2)}X`, status, updatedAt],
      );
      const bare = '10000000-0000-0000-0000-000000000001';
      const recorded = '20000000-0000-0000-0000-000000000002';
      const designated = '30000000-0000-0000-0000-000000000003';
      // 2024-03-10 18:00 UTC is 2024-03-11 02:00 in China: the record is dated by the China day
      await inst(bare, 'terminated', '2024-03-10T18:00:00Z');
      await inst(recorded, 'terminated', '2025-01-01T02:00:00Z');
      await inst(designated, 'designated', '2024-01-01T02:00:00Z');
      await q(`INSERT INTO institution_terminations (id, institution_id, terminated_on, category, decision_no, created_at)
        VALUES (gen_random_uuid(), $1, '2023-06-30', 'other', '京医保解〔2023〕2号', now())`, [recorded]);
      await migrate(db, { migrationsFolder: MIGRATIONS_ROOT });
      const rows = (await q(`SELECT institution_id, terminated_on::text AS on, category, cause, source, note, penalties_fulfilled_on
        FROM institution_terminations ORDER BY institution_id`)).rows as { institution_id: string; on: string; category: string; cause: string; source: string; note: string; penalties_fulfilled_on: string | null }[];
      expect(rows.map((r) => [r.institution_id, r.on, r.category, r.source])).toEqual([
        [bare, '2024-03-11', 'serious', 'converted'],
        [recorded, '2023-06-30', 'other', 'manual'],
      ]);
      // it says what it assumed
      expect(rows[0]!.note).toContain('推定');
      // and the screening reads it as before: 严重违约, penalties not fulfilled
      const r = rows[0]!;
      expect(terminationFacts([{ terminatedOn: r.on, category: 'serious', cause: r.cause, situation: null, source: r.source, penaltiesFulfilledOn: r.penalties_fulfilled_on }], '2025-09-25'))
        .toEqual([{ date: '2024-03-11', cause: 'serious_breach', penaltiesFulfilled: false }]);
    } finally {
      fs.rmSync(before, { recursive: true, force: true });
      await client.close();
    }
  });
});
