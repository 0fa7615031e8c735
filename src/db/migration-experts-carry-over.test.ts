/**
 * Migration 0013_experts_carry_over (decision 0028; hand-written): the experts that were only users with
 * the 'expert' role in an expert_pool organisation become entries of the experts table, with their
 * specialties as ids, so that an upgraded deployment keeps drawing panels. (Renumbered at merge: keep the
 * tag below in step with the file name.)
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrationsBefore, MIGRATIONS_ROOT } from '../testing/migrations';

const TAG = '0013_experts_carry_over';

describe(`migration ${TAG} (decision 0028)`, () => {
  it('吉医保规〔2023〕1号 第十五条: the user-only experts of a pool become its entries; other users do not', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    const client = new PGlite();
    const db = drizzle({ client });
    const before = migrationsBefore(TAG);
    try {
      await migrate(db, { migrationsFolder: before });
      const q = (text: string, params: unknown[] = []) => client.query(text, params);
      await q(`INSERT INTO regions (code, name, level) VALUES ('530000', '云南省', 'province')`);
      const pool = '11111111-1111-1111-1111-111111111111';
      const agency = '22222222-2222-2222-2222-222222222222';
      await q(`INSERT INTO organizations (id, kind, name, level, region_code) VALUES ($1, 'expert_pool', '云南省专家库', 'province', '530000'), ($2, 'agency', '云南省中心', 'province', '530000')`, [pool, agency]);
      const user = (id: string, org: string, roles: string, specialties: string, active = true) => q(
        `INSERT INTO users (id, username, display_name, password_hash, org_id, roles, active, specialties, created_at)
         VALUES ($1::uuid, $7, $2, 'x', $3::uuid, $4::text[], $5, $6::text[], '2024-03-01T20:00:00Z')`, [id, `名${id.slice(-1)}`, org, roles, active, specialties, `u${id.slice(-1)}`]);
      await user('a0000000-0000-0000-0000-000000000001', pool, '{expert}', '{医疗保障,法律}');
      await user('a0000000-0000-0000-0000-000000000002', pool, '{expert}', '{finance}', false);
      await user('a0000000-0000-0000-0000-000000000003', agency, '{agency_officer}', '{}');
      await migrate(db, { migrationsFolder: MIGRATIONS_ROOT });
      const rows = (await q(`SELECT user_id, pool_org_id, specialties, term_from::text AS term_from, term_to, status, id_number FROM experts ORDER BY user_id`)).rows;
      expect(rows).toEqual([
        // 2024-03-01 20:00 UTC is 03-02 in China
        { user_id: 'a0000000-0000-0000-0000-000000000001', pool_org_id: pool, specialties: ['medical_insurance', 'law'], term_from: '2024-03-02', term_to: null, status: 'active', id_number: null },
        { user_id: 'a0000000-0000-0000-0000-000000000002', pool_org_id: pool, specialties: ['finance'], term_from: '2024-03-02', term_to: null, status: 'suspended', id_number: null },
      ]);
    } finally {
      fs.rmSync(before, { recursive: true, force: true });
      await client.close();
    }
  });
});
