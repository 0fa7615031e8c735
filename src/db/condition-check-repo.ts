/**
 * The stored check of an application's basic conditions (decision 0023): read, write a fresh
 * check (keeping the officer's findings), add a finding — version-checked, each with its audit
 * row on the chain 'application_conditions:<application id>', in one transaction.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { applicationConditionChecks } from './schema/index';
import { appendAudit, type AuditEvent } from './audit-repo';
import type { ConditionCheck, ConditionFinding, ConditionRow } from '../domain/designation/conditions';

export interface StoredConditionCheck extends ConditionCheck {
  applicationId: string;
  version: number;
  checkedAt: Date;
  facts: unknown;
}

type Row = typeof applicationConditionChecks.$inferSelect;
const toCheck = (r: Row): StoredConditionCheck => ({
  applicationId: r.applicationId, asOf: r.asOf, rulesetVersion: r.rulesetVersion, rows: r.rows as ConditionRow[],
  findings: (r.findings as ConditionFinding[]) ?? [], version: r.version, checkedAt: r.checkedAt, facts: r.facts,
});

export async function findConditionCheck(db: Db | Tx, applicationId: string): Promise<StoredConditionCheck | null> {
  const [r] = await db.select().from(applicationConditionChecks).where(eq(applicationConditionChecks.applicationId, applicationId)).limit(1);
  return r ? toCheck(r) : null;
}

/** Writes a fresh check (a first one, or a re-check that keeps the findings) with its audit row. */
export async function saveConditionCheck(
  db: Db, applicationId: string, check: Pick<ConditionCheck, 'asOf' | 'rulesetVersion' | 'rows'> & { facts: unknown },
  at: Date, audit: Omit<AuditEvent, 'entityType' | 'entityId'>,
): Promise<StoredConditionCheck> {
  return db.transaction(async (tx) => {
    const values = { asOf: check.asOf, rulesetVersion: check.rulesetVersion, rows: check.rows, facts: check.facts, checkedAt: at };
    const [r] = await tx.insert(applicationConditionChecks).values({ applicationId, ...values, findings: [], version: 1 })
      .onConflictDoUpdate({ target: applicationConditionChecks.applicationId, set: { ...values, version: sql`${applicationConditionChecks.version} + 1` } })
      .returning();
    await appendAudit(tx, at, { ...audit, entityType: 'application_conditions', entityId: applicationId });
    return toCheck(r!);
  });
}

/** Appends the officer's finding; null when the version is stale. */
export async function addConditionFinding(
  db: Db, applicationId: string, expectedVersion: number, finding: ConditionFinding, at: Date, audit: Omit<AuditEvent, 'entityType' | 'entityId'>,
): Promise<StoredConditionCheck | null> {
  return db.transaction(async (tx) => {
    const [r] = await tx.update(applicationConditionChecks)
      .set({
        findings: sql`${applicationConditionChecks.findings} || ${JSON.stringify([finding])}::jsonb`,
        version: sql`${applicationConditionChecks.version} + 1`,
      })
      .where(and(eq(applicationConditionChecks.applicationId, applicationId), eq(applicationConditionChecks.version, expectedVersion)))
      .returning();
    if (!r) return null;
    await appendAudit(tx, at, { ...audit, entityType: 'application_conditions', entityId: applicationId });
    return toCheck(r);
  });
}
