import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { appendAudit, auditInsertSql, auditRowAfter, chainHead, isChainRace, verifyAuditLog } from './audit-repo';
import { runAuditVerify } from '../cli/audit-verify';
import { canonicalJson, EMPTY_CHAIN, GENESIS_HASH, hashAuditRow, LEGACY_CHAIN, verifyChain } from '../domain/audit/chain';

const change = (entityId: string, i: number) => ({
  actor: null,
  action: 'institution.update',
  entityType: 'institution',
  entityId,
  regionCode: '530102',
  before: { name: `旧名${i}`, nested: { b: 2, a: 1 } },
  after: { name: `新名${i}`, beds: i * 10 },
  reason: `第 ${i} 次变更`,
});

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  // 7 rows: five changes of inst-A interleaved with two of inst-B → two chains
  const order = ['inst-A', 'inst-A', 'inst-B', 'inst-A', 'inst-B', 'inst-A', 'inst-A'];
  for (const [i, id] of order.entries()) {
    await ctx.db.transaction((tx) => appendAudit(tx, ctx.clock.now(), change(id, i + 1)));
    ctx.clock.advance(60_000);
  }
});
afterAll(async () => {
  await ctx.close();
});

const seqOf = async (chain: string, chainSeq: number) =>
  (await ctx.database.query<{ seq: string }>(`SELECT seq FROM audit_log WHERE chain = '${chain}' AND chain_seq = ${chainSeq}`))[0]!.seq;

describe('audit log: one hash chain per audited entity (decision 0012)', () => {
  it('links each row to the previous row of the same entity, counting 1, 2, 3… per chain', async () => {
    const rows = await ctx.database.query<{ chain: string; chain_seq: string; prev_hash: string; hash: string }>(
      'SELECT chain, chain_seq, prev_hash, hash FROM audit_log ORDER BY seq',
    );
    expect(rows.map((r) => `${r.chain}#${r.chain_seq}`)).toEqual([
      'institution:inst-A#1', 'institution:inst-A#2', 'institution:inst-B#1', 'institution:inst-A#3',
      'institution:inst-B#2', 'institution:inst-A#4', 'institution:inst-A#5',
    ]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows[2]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows[3]!.prev_hash).toBe(rows[1]!.hash);
    expect(rows[4]!.prev_hash).toBe(rows[2]!.hash);
  });

  it('verifies intact chains, also in small batches, and via the CLI function', async () => {
    expect(await verifyAuditLog(ctx.db)).toEqual({ ok: true, rows: 7, chains: 2 });
    expect(await verifyAuditLog(ctx.db, 3)).toEqual({ ok: true, rows: 7, chains: 2 });
    const lines: string[] = [];
    expect(await runAuditVerify(ctx.database, (l) => lines.push(l), 2)).toBe(0);
    expect(lines).toEqual(['审计链完整：7 行，2 条链']);
  });

  it('an empty log verifies', () => {
    expect(verifyChain([])).toEqual({ ok: true, rows: 0, chains: 0 });
  });

  it('rows written before the split (chain "global") keep the hash they were given then', () => {
    // the formula of migrations 0000–0003: sha256(prev + "\n" + canonical JSON of the fields with the global seq)
    const fields = { at: '2025-09-25T01:00:00.000Z', actorUserId: null, actorOrgId: null, action: 'calendar.year.enter', entityType: 'calendar_year', entityId: '2026', regionCode: null, before: null, after: { days: 2 }, reason: null };
    const old = createHash('sha256').update(GENESIS_HASH).update('\n').update(canonicalJson({ ...fields, seq: 1 })).digest('hex');
    expect(hashAuditRow(GENESIS_HASH, { ...fields, chain: LEGACY_CHAIN, chainSeq: 1 })).toBe(old);
    // …and a new row with the same fields is bound to its chain's name
    expect(hashAuditRow(GENESIS_HASH, { ...fields, chain: 'calendar_year:2026', chainSeq: 1 })).not.toBe(old);
  });

  it('refuses UPDATE, DELETE and TRUNCATE through the trigger', async () => {
    await expect(ctx.database.query(`UPDATE audit_log SET reason = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only|只能追加/);
    await expect(ctx.database.query(`DELETE FROM audit_log WHERE seq = 7`)).rejects.toThrow(/append-only|只能追加/);
    await expect(ctx.database.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only|只能追加/);
    expect(await verifyAuditLog(ctx.db)).toEqual({ ok: true, rows: 7, chains: 2 });
  });

  it('names the tampered row, with its chain, once the trigger is bypassed', async () => {
    const seq = await seqOf('institution:inst-A', 3);
    await ctx.database.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
    try {
      await ctx.database.query(`UPDATE audit_log SET reason = '被篡改' WHERE seq = ${seq}`);
    } finally {
      await ctx.database.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
    }
    const verdict = await verifyAuditLog(ctx.db, 3);
    expect(verdict).toMatchObject({ ok: false, brokenSeq: Number(seq), chain: 'institution:inst-A', chainSeq: 3 });
    expect(verdict.ok === false && verdict.problem).toContain('篡改');
    const lines: string[] = [];
    expect(await runAuditVerify(ctx.database, (l) => lines.push(l))).toBe(1);
    expect(lines[0]).toBe(`审计链断裂：链 institution:inst-A 第 3 行（seq ${seq}）— 行内容与哈希不符（该行被篡改）`);
  });

  it('names a gap when a row is deleted from the middle of a chain', async () => {
    const seq = await seqOf('institution:inst-B', 1);
    await ctx.database.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
    try {
      await ctx.database.query(`DELETE FROM audit_log WHERE seq = ${seq}`);
    } finally {
      await ctx.database.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
    }
    const verdict = await verifyAuditLog(ctx.db);
    // the tampered inst-A row (ordered first) still fails first; the report is about the first break only
    expect(verdict).toMatchObject({ ok: false, chain: 'institution:inst-A' });
    const fresh = await createTestContext();
    try {
      for (let i = 1; i <= 3; i++) await fresh.db.transaction((tx) => appendAudit(tx, fresh.clock.now(), change('inst-C', i)));
      const s2 = (await fresh.database.query<{ seq: string }>(`SELECT seq FROM audit_log WHERE chain_seq = 2`))[0]!.seq;
      await fresh.database.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
      await fresh.database.query(`DELETE FROM audit_log WHERE seq = ${s2}`);
      await fresh.database.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
      expect(await verifyAuditLog(fresh.db)).toMatchObject({ ok: false, chain: 'institution:inst-C', chainSeq: 3, problem: expect.stringContaining('序号不连续') });
    } finally {
      await fresh.close();
    }
  });
});

describe('appending a row linked to a head read with the entity (the pipeline step, decision 0012)', () => {
  let c: TestContext;
  beforeAll(async () => {
    c = await createTestContext();
  });
  afterAll(async () => {
    await c.close();
  });

  it('stores any text exactly and the verifier accepts it (quotes, backslashes, newlines, 中文, emoji, nested keys)', async () => {
    const awkward = [
      `O'Brien \\ "quoted" \\n not a newline`,
      '第一行\n第二行\t制表 — ‘全角’ “引号” 😀 \u2028',
      `$$ dollar $$ ; DROP TABLE audit_log; --`,
    ];
    for (const [i, text] of awkward.entries()) {
      const head = await chainHead(c.db, 'test:awkward');
      const row = auditRowAfter(head, new Date(Date.UTC(2025, 8, 25, 1, 0, i, 7)), {
        actor: null, action: 'test.awkward', entityType: 'test', entityId: 'awkward', regionCode: i === 0 ? null : '530102',
        before: i === 1 ? null : { z: text, a: [1, 'x', { y: null, b: text }] }, after: { text, n: i + 0.5 }, reason: text,
      });
      await c.db.execute(auditInsertSql(row));
    }
    expect(await verifyAuditLog(c.db)).toEqual({ ok: true, rows: 3, chains: 1 });
    const rows = await c.database.query<{ reason: string }>('SELECT reason FROM audit_log ORDER BY seq');
    expect(rows.map((r) => r.reason)).toEqual(awkward);
  });

  it('a row linked to a head someone else already extended is refused by the chain index (→ 409, never a fork)', async () => {
    const ev = { actor: null, action: 'test.race', entityType: 'test', entityId: 'race' };
    const first = auditRowAfter(EMPTY_CHAIN, c.clock.now(), { ...ev, after: { who: 'first' } });
    const second = auditRowAfter(EMPTY_CHAIN, c.clock.now(), { ...ev, after: { who: 'second' } });
    await c.db.execute(auditInsertSql(first));
    const err = await c.db.execute(auditInsertSql(second)).then(() => null, (e: unknown) => e);
    expect(isChainRace(err)).toBe(true);
    expect(isChainRace(new Error('other'))).toBe(false);
    expect(await verifyAuditLog(c.db)).toMatchObject({ ok: true });
  });

  it('a gate that does not hold inserts nothing', async () => {
    const row = auditRowAfter(await chainHead(c.db, 'test:gated'), c.clock.now(), { actor: null, action: 'test.gated', entityType: 'test', entityId: 'gated' });
    await c.db.execute(auditInsertSql(row, sql`false`));
    expect(await chainHead(c.db, 'test:gated')).toEqual(EMPTY_CHAIN);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('concurrent appends from many connections: to one entity they stay one linear chain, to many they do not wait', async () => {
    await Promise.all(Array.from({ length: 24 }, (_, i) => c.db.transaction(async (tx) => {
      await appendAudit(tx, c.clock.now(), { actor: null, action: 'test.concurrent', entityType: 'test', entityId: i % 2 ? 'same' : `c-${i}`, after: { i } });
    })));
    expect(await chainHead(c.db, 'test:same')).toMatchObject({ chainSeq: 12 });
    expect(await verifyAuditLog(c.db)).toMatchObject({ ok: true });
  });
});
