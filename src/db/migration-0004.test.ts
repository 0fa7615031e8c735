import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { migrationsBefore, MIGRATIONS_ROOT } from '../testing/migrations';
import { openDatabase, type Db } from './client';
import { appendAudit, verifyAuditLog } from './audit-repo';
import { canonicalJson, GENESIS_HASH } from '../domain/audit/chain';



describe('migration 0004_audit_chains (decision 0012)', () => {
  it('keeps a log written by the single global chain verifiable, and new rows start their own chains', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    const client = new PGlite();
    const db = drizzle({ client });
    const before = migrationsBefore('0004_audit_chains');
    try {
      await migrate(db, { migrationsFolder: before });
      // three rows the way migrations 0000–0003 wrote them: one global chain, hash over the global seq
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= 3; seq++) {
        const fields = { seq, at: `2025-09-2${seq}T01:00:00.000Z`, actorUserId: null, actorOrgId: null, action: 'institution.update', entityType: 'institution', entityId: `i-${seq % 2}`, regionCode: '530102', before: null, after: { n: seq }, reason: null };
        const hash = createHash('sha256').update(prev).update('\n').update(canonicalJson(fields)).digest('hex');
        await client.query(
          `INSERT INTO audit_log (seq, at, action, entity_type, entity_id, region_code, after, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [seq, fields.at, fields.action, fields.entityType, fields.entityId, fields.regionCode, JSON.stringify(fields.after), prev, hash],
        );
        prev = hash;
      }
      await migrate(db, { migrationsFolder: MIGRATIONS_ROOT });
      const rows = (await client.query<{ seq: number; chain: string; chain_seq: number }>('SELECT seq, chain, chain_seq FROM audit_log ORDER BY seq')).rows;
      expect(rows.map((r) => [Number(r.seq), r.chain, Number(r.chain_seq)])).toEqual([[1, 'global', 1], [2, 'global', 2], [3, 'global', 3]]);
      // the trigger is back on after the back-fill
      await expect(client.query(`UPDATE audit_log SET reason = 'x'`)).rejects.toThrow(/只能追加/);
      const typed = db as unknown as Db;
      await typed.transaction((tx) => appendAudit(tx, new Date('2025-10-01T00:00:00Z'), { actor: null, action: 'institution.update', entityType: 'institution', entityId: 'i-1', after: { n: 4 } }));
      const last = (await client.query<{ seq: number; chain: string; chain_seq: number }>('SELECT seq, chain, chain_seq FROM audit_log ORDER BY seq DESC LIMIT 1')).rows[0]!;
      expect([Number(last.seq), last.chain, Number(last.chain_seq)]).toEqual([4, 'institution:i-1', 1]);
      expect(await verifyAuditLog(typed)).toEqual({ ok: true, rows: 4, chains: 2 });
    } finally {
      await client.close();
      fs.rmSync(before, { recursive: true, force: true });
    }
  });

  it('a fresh database migrates to the same schema through openDatabase', async () => {
    const d = await openDatabase({ dataDir: 'memory://' });
    try {
      const cols = await d.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'audit_log' AND column_name IN ('chain', 'chain_seq') ORDER BY 1`);
      expect(cols.map((c) => c.column_name)).toEqual(['chain', 'chain_seq']);
    } finally {
      await d.close();
    }
  });
});
