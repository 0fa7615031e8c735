/**
 * The designation's steps run through the one engine (`runCaseEvent`, decision 0055): the engine's
 * refusal wording is the designation's, a step without documents or caller writes is one statement
 * outside any transaction (decision 0012), a caller's write makes it one transaction, and the head
 * the step answers is the last row of the application's audit chain with the designation's fields.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { buildSessionUser, ensureRegion } from '../testing/factories';
import { auditLog, institutions, regions } from '../db/schema/index';
import type { SessionUser } from '../domain/identity/roles';
import { createApplication } from './create-application';
import { applyEvent, staleMessage } from './apply-event';
import { designationBinding } from './binding';
import { runCaseEvent } from '../workflow/run-case-event';
import { findApplication } from '../db/designation-repo';
import { uploadRequiredMaterials } from '../testing/materials';
import { DECLARED_CONDITIONS_MET } from '../testing/conditions';
import { AppError } from '../domain/errors';

let ctx: TestContext;
let n = 0;

beforeAll(async () => {
  ctx = await createTestContext('2025-09-25T09:00:00+08:00');
  await ensureRegion(ctx, '530102', '五华区');
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
});
afterAll(async () => ctx.close());

async function draft(): Promise<{ id: string; version: number; staff: SessionUser }> {
  const now = ctx.clock.now();
  const [inst] = await ctx.db.insert(institutions).values({
    name: `引擎测试医院${++n}`, uscc: `ENGINE${n}`.padEnd(18, '0'), kind: 'medical', subtype: 'general_hospital', ownership: 'private',
    regionCode: '530102', address: '测试路', openedOn: '2024-01-01', createdAt: now, updatedAt: now,
  } as typeof institutions.$inferInsert).returning({ id: institutions.id });
  const staff = await buildSessionUser(ctx, { kind: 'institution', regionCode: '530102', institutionId: inst!.id }, ['institution_staff']);
  const row = await createApplication(ctx, staff, { route: 'new', paymentCategories: ['inpatient'], insuranceSchemes: ['employee'], conditions: DECLARED_CONDITIONS_MET });
  await uploadRequiredMaterials(ctx, staff, row.id);
  return { id: row.id, version: (await findApplication(ctx.db, row.id))!.version, staff };
}

/** Counts the transactions opened on the context's database while `f` runs. */
async function countingTransactions<T>(f: () => Promise<T>): Promise<{ result: T; transactions: number }> {
  const db = ctx.db as unknown as { transaction: (...a: unknown[]) => Promise<unknown> };
  const original = db.transaction;
  let transactions = 0;
  db.transaction = (...a: unknown[]) => {
    transactions++;
    return original.apply(ctx.db, a);
  };
  try {
    return { result: await f(), transactions };
  } finally {
    db.transaction = original;
  }
}

describe('the designation on the one engine', () => {
  it('runCaseEvent with the designation binding refuses a stale version in the designation\'s words (409 STALE_VERSION)', async () => {
    const a = await draft();
    const err = await runCaseEvent(ctx, designationBinding(), a.staff, a.id, { type: 'submit' }, a.version + 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('STALE_VERSION');
    expect((err as AppError).message).toBe(staleMessage((await findApplication(ctx.db, a.id))!));
  });

  it('a step without documents or caller writes opens no transaction; its head is the chain\'s last row, with the designation\'s audit fields', async () => {
    const a = await draft();
    const { result, transactions } = await countingTransactions(() => applyEvent(ctx, a.staff, a.id, { type: 'submit' }, a.version));
    expect(transactions).toBe(0);
    expect(result.application.state).toBe('submitted');
    expect(result.application.version).toBe(a.version + 1);
    expect(result.application.applicationNo).toMatch(/定申〔2025〕\d+号$/);
    const [last] = await ctx.db.select().from(auditLog).where(eq(auditLog.chain, `application:${a.id}`)).orderBy(desc(auditLog.chainSeq)).limit(1);
    expect(result.head).toEqual({ chainSeq: last!.chainSeq, hash: last!.hash });
    expect(last!.action).toBe('application.submit');
    expect(last!.before).toEqual({ state: 'draft', version: a.version });
    const after = last!.after as Record<string, unknown>;
    expect(after).toMatchObject({ state: 'submitted', version: a.version + 1, actorRole: 'institution_staff', documents: [], reasons: [] });
    expect(after.profile).toBe('yunnan-2022');
    expect(after).not.toHaveProperty('outbox');
  });

  it('a caller\'s write makes the step one transaction, after the step\'s audit row, and sees the saved row', async () => {
    const a = await draft();
    const seen: { state: string; version: number; lastAudit: string | undefined }[] = [];
    const { transactions } = await countingTransactions(() => applyEvent(ctx, a.staff, a.id, { type: 'submit' }, a.version, {
      within: async (tx, step) => {
        const [last] = await tx.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.chain, `application:${a.id}`)).orderBy(desc(auditLog.chainSeq)).limit(1);
        seen.push({ state: step.application.state, version: step.application.version, lastAudit: last?.action });
      },
    }));
    expect(transactions).toBe(1);
    expect(seen).toEqual([{ state: 'submitted', version: a.version + 1, lastAudit: 'application.submit' }]);
  });
});
