import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing/context';
import { appendAudit, insertUnderLockSql, verifyAuditLog } from './audit-repo';
import { runAuditVerify } from '../cli/audit-verify';
import { verifyChain } from '../domain/audit/chain';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  for (let i = 1; i <= 7; i++) {
    await ctx.db.transaction((tx) =>
      appendAudit(tx, ctx.clock.now(), {
        actor: null,
        action: 'institution.update',
        entityType: 'institution',
        entityId: `inst-${i}`,
        regionCode: '530102',
        before: { name: `旧名${i}`, nested: { b: 2, a: 1 } },
        after: { name: `新名${i}`, beds: i * 10 },
        reason: `第 ${i} 次变更`,
      }),
    );
    ctx.clock.advance(60_000);
  }
});
afterAll(async () => {
  await ctx.close();
});

describe('audit log', () => {
  it('verifies an intact chain, also in small batches, and via the CLI function', async () => {
    expect(await verifyAuditLog(ctx.db)).toEqual({ ok: true, rows: 7 });
    expect(await verifyAuditLog(ctx.db, 3)).toEqual({ ok: true, rows: 7 });
    const lines: string[] = [];
    expect(await runAuditVerify(ctx.database, (l) => lines.push(l), 2)).toBe(0);
    expect(lines).toEqual(['审计链完整：7 行']);
  });

  it('an empty chain verifies', () => {
    expect(verifyChain([])).toEqual({ ok: true, rows: 0 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE through the trigger', async () => {
    await expect(ctx.database.query(`UPDATE audit_log SET reason = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only|只能追加/);
    await expect(ctx.database.query(`DELETE FROM audit_log WHERE seq = 7`)).rejects.toThrow(/append-only|只能追加/);
    await expect(ctx.database.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only|只能追加/);
    expect(await verifyAuditLog(ctx.db)).toEqual({ ok: true, rows: 7 });
  });

  it('names the tampered row once the trigger is bypassed', async () => {
    await ctx.database.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
    try {
      await ctx.database.query(`UPDATE audit_log SET reason = '被篡改' WHERE seq = 4`);
    } finally {
      await ctx.database.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
    }
    const verdict = await verifyAuditLog(ctx.db, 3);
    expect(verdict).toMatchObject({ ok: false, brokenSeq: 4 });
    expect(verdict.ok === false && verdict.problem).toContain('篡改');
    const lines: string[] = [];
    expect(await runAuditVerify(ctx.database, (l) => lines.push(l))).toBe(1);
    expect(lines[0]).toContain('seq 4');
  });

  it('names a gap when a row is deleted', async () => {
    await ctx.database.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
    try {
      await ctx.database.query(`DELETE FROM audit_log WHERE seq = 2`);
    } finally {
      await ctx.database.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
    }
    expect(await verifyAuditLog(ctx.db)).toMatchObject({ ok: false, brokenSeq: 3, problem: expect.stringContaining('序号不连续') });
  });
});

describe('appending under the lock in one message (PostgreSQL path, ADR 0011)', () => {
  let c: TestContext;
  beforeAll(async () => {
    c = await createTestContext();
  });
  afterAll(async () => {
    await c.close();
  });

  it('the database computes the same hash as hashAuditRow, whatever the text (quotes, backslashes, newlines, 中文, emoji, nested keys)', async () => {
    const awkward = [
      `O'Brien \\ "quoted" \\n not a newline`,
      '第一行\n第二行\t制表 — ‘全角’ “引号” 😀 \u2028',
      `$$ dollar $$ ; DROP TABLE audit_log; --`,
    ];
    for (const [i, text] of awkward.entries()) {
      const statements = insertUnderLockSql({
        at: new Date(Date.UTC(2025, 8, 25, 1, 0, i, 7)).toISOString(), actorUserId: null, actorOrgId: null,
        action: 'test.awkward', entityType: 'test', entityId: `e-${i}`, regionCode: i === 0 ? null : '530102',
        before: i === 1 ? null : { z: text, a: [1, 'x', { y: null, b: text }] }, after: { text, n: i + 0.5 }, reason: text,
      });
      // PGlite's query() takes one statement: run the INSERT alone (the lock is the other one)
      await c.database.query(statements.slice(statements.indexOf('INSERT INTO audit_log')));
    }
    expect(await verifyAuditLog(c.db)).toEqual({ ok: true, rows: 3 });
    const rows = await c.database.query<{ reason: string }>('SELECT reason FROM audit_log ORDER BY seq');
    expect(rows.map((r) => r.reason)).toEqual(awkward);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('concurrent appends from many connections keep one linear chain', async () => {
    await Promise.all(Array.from({ length: 24 }, (_, i) => c.db.transaction(async (tx) => {
      await appendAudit(tx, c.clock.now(), { actor: null, action: 'test.concurrent', entityType: 'test', entityId: `c-${i}`, after: { i } });
    })));
    expect(await verifyAuditLog(c.db)).toEqual({ ok: true, rows: 27 });
  });
});
