/**
 * Migration 0009 (decision 0019): applications past draft get a 申请编号 per receiving agency and
 * China year of submission, in order of submission; complaints a receipt number; the counters
 * continue after the back-filled numbers, so the next submission takes the next serial.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrationsBefore, MIGRATIONS_ROOT } from '../testing/migrations';



describe('migration 0009_application_complaint_numbers (decision 0019)', () => {
  it('back-fills 申请编号 and complaint numbers deterministically and moves the counters past them', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    const client = new PGlite();
    const db = drizzle({ client });
    const before = migrationsBefore('0009_application_complaint_numbers');
    try {
      await migrate(db, { migrationsFolder: before });
      const q = (text: string, params: unknown[] = []) => client.query(text, params);
      await q(`INSERT INTO regions (code, name, level) VALUES ('530000', '云南省', 'province'), ('530100', '昆明市', 'prefecture'), ('530102', '五华区', 'county')`);
      const org = '11111111-1111-1111-1111-111111111111';
      await q(`INSERT INTO organizations (id, kind, name, level, region_code) VALUES ($1, 'agency', '五华区医保中心', 'county', '530102')`, [org]);
      await q(`INSERT INTO institutions (id, name, uscc, kind, subtype, ownership, region_code, address, created_at, updated_at)
        VALUES ('22222222-2222-2222-2222-222222222222', '测试医院', '91530102MA0000001X', 'medical', 'general_hospital', 'private', '530102', '路', now(), now())`);
      const app = (id: string, state: string, submitted: string | null) => q(
        `INSERT INTO applications (id, institution_id, kind, region_code, profile_id, agency_org_id, state, data, declaration, created_at, updated_at, submitted_at)
         VALUES ($1, '22222222-2222-2222-2222-222222222222', 'medical', '530102', 'yunnan', $2, $3, '{}', '{}', '2025-01-01T00:00:00Z', now(), $4)`,
        [id, org, state, submitted],
      );
      await app('a0000000-0000-0000-0000-000000000003', 'under_review', '2025-06-01T02:00:00Z');
      await app('a0000000-0000-0000-0000-000000000001', 'refused', '2025-03-01T02:00:00Z');
      await app('a0000000-0000-0000-0000-000000000002', 'draft', null);
      // 2025-12-31 17:00 UTC is 2026-01-01 01:00 in China: the 2026 counter
      await app('a0000000-0000-0000-0000-000000000004', 'in_publicity', '2025-12-31T17:00:00Z');
      await q(`INSERT INTO complaints (id, application_id, region_code, content, contact_name, phone, received_at)
        VALUES ('c0000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000004', '530102', '举报', '王某', '13800138000', '2026-01-05T02:00:00Z')`);
      await migrate(db, { migrationsFolder: MIGRATIONS_ROOT });
      const rows = (await q(`SELECT id, application_no FROM applications ORDER BY id`)).rows as { id: string; application_no: string | null }[];
      expect(rows.map((r) => r.application_no)).toEqual(['五华医保定申〔2025〕1号', null, '五华医保定申〔2025〕2号', '五华医保定申〔2026〕1号']);
      const c = (await q(`SELECT number FROM complaints`)).rows as { number: string }[];
      expect(c[0]!.number).toBe('五华医保投诉〔2026〕1号');
      const ctr = (await q(`SELECT type_code, year, last FROM document_counters`)).rows as { type_code: string; year: number; last: number }[];
      expect(ctr.sort((a, b) => `${a.type_code}${a.year}`.localeCompare(`${b.type_code}${b.year}`, 'en'))).toEqual([
        { type_code: '定申', year: 2025, last: 2 }, { type_code: '定申', year: 2026, last: 1 }, { type_code: '投诉', year: 2026, last: 1 },
      ]);
    } finally {
      fs.rmSync(before, { recursive: true, force: true });
      await client.close();
    }
  });
});
