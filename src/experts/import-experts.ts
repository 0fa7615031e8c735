/**
 * 导入专家库 (Excel; decision 0028). Modes:
 *  - 'check': nothing is written; the answer says what the file would do;
 *  - 'all'  : all or nothing — with any rejected row nothing is written;
 *  - 'valid': the valid rows in one transaction, the rejected ones reported.
 * New experts get their login with a temporary password, answered once. Each created or changed
 * expert has its own audit row, the import one more on the pool; a file that changes nothing
 * writes nothing (re-importing the same file is a no-op).
 */
import { inArray } from 'drizzle-orm';
import type { AppContext } from '../context';
import { experts, users } from '../db/schema/index';
import { expertsOfPool, updateExpertRow } from '../db/expert-repo';
import { appendAudit } from '../db/audit-repo';
import { conflict } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { defaultExpertUsername } from '../domain/experts/expert';
import { planImport, type ExistingExpert, type PlanRow, type RawRow } from '../domain/experts/import-plan';
import { auditShape, poolFor } from './pool-access';
import { insertExpertAccount, prepareAccount } from './expert-account';
import { mapExpertUnique } from './add-expert';
import { readImportFile, rejectedWorkbook } from './pool-workbook';

export type ImportMode = 'check' | 'all' | 'valid';

async function plan(ctx: AppContext, poolOrgId: string, rows: RawRow[]): Promise<PlanRow[]> {
  const existing: ExistingExpert[] = (await expertsOfPool(ctx.db, poolOrgId)).map((e) => ({ ...e, status: e.status }));
  const wanted = [...new Set(rows.map((r) => r.username.trim().toLowerCase() || (r.idNumber.trim().length >= 6 ? defaultExpertUsername(r.idNumber.trim().toUpperCase()) : '')).filter(Boolean))];
  const owners = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += 500) {
    const part = wanted.slice(i, i + 500);
    for (const u of await ctx.db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, part))) owners.set(u.username, u.id);
  }
  return planImport(rows, existing, owners);
}

export async function importExperts(ctx: AppContext, user: SessionUser, poolId: string, content: Buffer, mode: ImportMode) {
  const pool = await poolFor(ctx, user, poolId);
  const rows = await readImportFile(content);
  const planned = await plan(ctx, pool.id, rows);
  const rejected = planned.filter((p) => p.kind === 'rejected');
  const creates = planned.filter((p) => p.kind === 'create');
  const updates = planned.filter((p) => p.kind === 'update');
  const summary = {
    total: planned.length, created: creates.length, updated: updates.length,
    unchanged: planned.filter((p) => p.kind === 'unchanged').length, rejected: rejected.length,
  };
  const rejectedRows = rejected.map((p) => ({ row: p.row, name: p.raw.name, idNumber: p.raw.idNumber, message: p.kind === 'rejected' ? p.message : '' }));
  const applied = mode === 'valid' || (mode === 'all' && rejected.length === 0);
  const answer = (accounts: { row: number; name: string; username: string; temporaryPassword: string }[]) => ({
    mode, applied, ...summary, rejectedRows, accounts,
  });
  if (!applied || (creates.length === 0 && updates.length === 0)) return answer([]);

  // argon2id before the transaction: the hashes take a while, the transaction should not
  const accounts = new Map<number, Awaited<ReturnType<typeof prepareAccount>>>();
  for (const p of creates) if (p.kind === 'create') accounts.set(p.row, await prepareAccount(p.username));
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    for (const p of planned) {
      if (p.kind === 'create') {
        const a = accounts.get(p.row)!;
        const userId = await insertExpertAccount(tx, { username: a.username, hash: a.hash, name: p.value.name, poolOrgId: pool.id });
        const [e] = await tx.insert(experts).values({ poolOrgId: pool.id, userId, ...p.value, status: 'active', createdAt: now, updatedAt: now }).returning();
        await appendAudit(tx, now, { actor: user, action: 'expert.create', entityType: 'expert', entityId: e!.id, regionCode: pool.regionCode, after: auditShape(e!), reason: `Excel 导入第${p.row}行` });
      } else if (p.kind === 'update') {
        const { idNumber: _same, ...fields } = p.value;
        const after = await updateExpertRow(tx, p.expert.id, p.expert.version, fields, now);
        if (!after) throw conflict('导入期间专家库已被他人修改，请重新导入');
        if (after.name !== p.expert.name) await tx.update(users).set({ displayName: after.name }).where(inArray(users.id, [after.userId]));
        await appendAudit(tx, now, { actor: user, action: 'expert.update', entityType: 'expert', entityId: p.expert.id, regionCode: pool.regionCode, before: { specialties: p.expert.specialties, employer: p.expert.employer, employerUscc: p.expert.employerUscc, phone: p.expert.phone, termFrom: p.expert.termFrom, termTo: p.expert.termTo }, after: auditShape(after), reason: `Excel 导入第${p.row}行` });
      }
    }
    await appendAudit(tx, now, { actor: user, action: 'expert_pool.import', entityType: 'expert_pool', entityId: pool.id, regionCode: pool.regionCode, after: { mode, ...summary } });
  }).catch(mapExpertUnique);
  return answer(creates.flatMap((p) => (p.kind === 'create' ? [{ row: p.row, name: p.value.name, username: p.username, temporaryPassword: accounts.get(p.row)!.password }] : [])));
}

/** The file's rejected rows as an Excel with a message column (computed again from the file: nothing is kept). */
export async function rejectedRowsWorkbook(ctx: AppContext, user: SessionUser, poolId: string, content: Buffer): Promise<Buffer> {
  const pool = await poolFor(ctx, user, poolId);
  const planned = await plan(ctx, pool.id, await readImportFile(content));
  return rejectedWorkbook(planned.flatMap((p) => (p.kind === 'rejected' ? [{ ...p.raw, message: p.message }] : [])));
}
