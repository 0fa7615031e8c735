/**
 * Signed checkpoints of the audit log (issue #8, decision 0021): the three attacks the hash chains
 * alone miss — deleting a chain's newest rows, deleting a whole chain, editing a row and recomputing
 * the hashes after it — each detected by `verifyAnchors` and `npm run audit:verify`; so are deleted
 * or forged checkpoints, and an application whose version is ahead of its chain (rows deleted after
 * the latest checkpoint).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { buildSessionUser, ensureRegion } from '../testing/factories';
import { appendAudit, verifyAuditLog } from '../db/audit-repo';
import { auditLog, institutions } from '../db/schema/index';
import { hashAuditRow } from '../domain/audit/chain';
import { createApplication } from '../designation/create-application';
import { runEvent } from '../designation/run-event';
import { runAuditVerify } from '../cli/audit-verify';
import { takeCheckpoint, verifyAnchors } from './checkpoints';
import type { Anchor } from './anchor';

const contexts: TestContext[] = [];
afterEach(async () => {
  while (contexts.length) await contexts.pop()!.close();
});

const change = (entityId: string, i: number) => ({
  actor: null, action: 'institution.update', entityType: 'institution', entityId, regionCode: '530102',
  before: { name: `旧名${i}` }, after: { name: `新名${i}` }, reason: null,
});

/** A log of two chains (inst-A: 4 rows, inst-B: 2 rows), a checkpoint over it, and a fresh anchor. */
async function sealedLog(): Promise<{ ctx: TestContext; anchor: Anchor }> {
  const ctx = await createTestContext();
  contexts.push(ctx);
  for (const [i, id] of ['inst-A', 'inst-B', 'inst-A', 'inst-A', 'inst-B', 'inst-A'].entries()) {
    await ctx.db.transaction((tx) => appendAudit(tx, ctx.clock.now(), change(id, i)));
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-anchor-'));
  const anchor: Anchor = { key: randomBytes(32), logFile: path.join(dir, 'audit-anchor.log') };
  expect(await takeCheckpoint(ctx.db, anchor, ctx.clock.now())).toMatchObject({ n: 1, chains: 2, rows: 6 });
  return { ctx, anchor };
}

/** What someone with the database's owner rights can do: switch the append-only trigger off. */
async function bypass(ctx: TestContext, statement: string, table = 'audit_log') {
  const trigger = table === 'audit_log' ? 'audit_log_no_update' : 'audit_checkpoints_no_update';
  await ctx.database.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
  await ctx.database.query(statement);
  await ctx.database.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
}

/** The forger's tool: recompute prev_hash/hash of every row of a chain, as the chain verifier would expect. */
async function rehashChain(ctx: TestContext, chain: string) {
  const rows = await ctx.db.select().from(auditLog).where(eq(auditLog.chain, chain)).orderBy(asc(auditLog.chainSeq));
  let prev = '0'.repeat(64);
  await ctx.database.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
  for (const { seq, prevHash: _p, hash: _h, ...fields } of rows) {
    const hash = hashAuditRow(prev, { ...fields, at: fields.at.toISOString() });
    await ctx.db.update(auditLog).set({ prevHash: prev, hash }).where(eq(auditLog.seq, seq));
    prev = hash;
  }
  await ctx.database.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
}

describe('audit checkpoints: what the chains alone miss', () => {
  it('an intact log verifies; a checkpoint is taken only when something was appended', async () => {
    const { ctx, anchor } = await sealedLog();
    expect(await verifyAnchors(ctx.db, anchor)).toMatchObject({ ok: true, checkpoints: 1, latest: { n: 1 } });
    expect(await takeCheckpoint(ctx.db, anchor, ctx.clock.now())).toBeNull();
    await ctx.db.transaction((tx) => appendAudit(tx, ctx.clock.now(), change('inst-C', 9)));
    expect(await takeCheckpoint(ctx.db, anchor, ctx.clock.now())).toMatchObject({ n: 2, chains: 3, rows: 7 });
    expect(await verifyAnchors(ctx.db, anchor)).toMatchObject({ ok: true, checkpoints: 2 });
    const lines: string[] = [];
    expect(await runAuditVerify(ctx.database, (l) => lines.push(l), undefined, anchor)).toBe(0);
    expect(lines.join('\n')).toContain('签名检查点完整：2 个');
  });

  it('attack 1 — deleting a chain\'s newest rows: the chain still verifies, the checkpoint does not', async () => {
    const { ctx, anchor } = await sealedLog();
    await bypass(ctx, `DELETE FROM audit_log WHERE chain = 'institution:inst-A' AND chain_seq = 4`);
    expect((await verifyAuditLog(ctx.db)).ok).toBe(true);
    const v = await verifyAnchors(ctx.db, anchor);
    expect(v.ok).toBe(false);
    expect(!v.ok && v.problem).toMatch(/有行被删除/);
    const lines: string[] = [];
    expect(await runAuditVerify(ctx.database, (l) => lines.push(l), undefined, anchor)).toBe(1);
    expect(lines.join('\n')).toContain('审计日志被删改');
  });

  it('attack 2 — deleting a whole chain is detected', async () => {
    const { ctx, anchor } = await sealedLog();
    await bypass(ctx, `DELETE FROM audit_log WHERE chain = 'institution:inst-B'`);
    expect((await verifyAuditLog(ctx.db)).ok).toBe(true);
    const v = await verifyAnchors(ctx.db, anchor);
    expect(!v.ok && v.problem).toMatch(/整条链被删除/);
  });

  it('attack 3 — editing a row and recomputing the hashes after it is detected', async () => {
    const { ctx, anchor } = await sealedLog();
    await bypass(ctx, `UPDATE audit_log SET reason = '改写的理由' WHERE chain = 'institution:inst-A' AND chain_seq = 2`);
    expect((await verifyAuditLog(ctx.db)).ok).toBe(false); // the plain edit: the chain itself shows it
    await rehashChain(ctx, 'institution:inst-A');
    expect((await verifyAuditLog(ctx.db)).ok).toBe(true); // the forger recomputed the chain …
    const v = await verifyAnchors(ctx.db, anchor);
    expect(!v.ok && v.problem).toMatch(/链头与签名时不符/); // … but not the sealed heads
  });

  it('a deleted newest checkpoint is noticed through the anchor log; a forged one by its HMAC', async () => {
    const { ctx, anchor } = await sealedLog();
    await bypass(ctx, 'DELETE FROM audit_checkpoints WHERE n = 1', 'audit_checkpoints');
    expect(await verifyAnchors(ctx.db, anchor)).toMatchObject({ ok: false, problem: expect.stringMatching(/已不存在/) });

    const { ctx: ctx2, anchor: anchor2 } = await sealedLog();
    await bypass(ctx2, 'UPDATE audit_checkpoints SET rows = 5 WHERE n = 1', 'audit_checkpoints');
    expect(await verifyAnchors(ctx2.db, anchor2)).toMatchObject({ ok: false, problem: expect.stringMatching(/HMAC/) });
    // a verifier holding another key cannot be fooled either
    expect((await verifyAnchors(ctx2.db, { key: randomBytes(32), logFile: null })).ok).toBe(false);
  });

  it('rows deleted after the latest checkpoint: an application whose version is ahead of its chain', async () => {
    const { ctx, anchor } = await sealedLog();
    await ensureRegion(ctx, '530102', '五华区');
    const now = ctx.clock.now();
    const [inst] = await ctx.db.insert(institutions).values({
      name: '审计测试医院', uscc: 'AUDIT1'.padEnd(18, '0'), kind: 'medical', subtype: 'general_hospital', ownership: 'private',
      regionCode: '530102', address: '测试路', openedOn: '2024-01-01', createdAt: now, updatedAt: now,
    } as typeof institutions.$inferInsert).returning({ id: institutions.id });
    const staff = await buildSessionUser(ctx, { kind: 'institution', regionCode: '530102', institutionId: inst!.id }, ['institution_staff']);
    const app = await createApplication(ctx, staff, { route: 'new', paymentCategories: ['inpatient'], insuranceSchemes: ['employee'] });
    await runEvent(ctx, staff, app.id, { type: 'submit' }, app.version);
    expect(await verifyAnchors(ctx.db, anchor)).toMatchObject({ ok: true });

    await bypass(ctx, `DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log WHERE chain = 'application:${app.id}')`);
    expect((await verifyAuditLog(ctx.db)).ok).toBe(true);
    const v = await verifyAnchors(ctx.db, anchor);
    expect(!v.ok && v.problem).toMatch(/版本号.*链末尾的行被删除/);
  });
});
