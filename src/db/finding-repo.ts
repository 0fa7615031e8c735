/**
 * The officer's findings at 材料审核 (screening_findings) and the termination records
 * (institution_terminations) that the refusal rules read; decision 0024.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { applicationMaterials, institutionTerminations, screeningFindings } from './schema/index';

export type FindingRow = typeof screeningFindings.$inferSelect;
export type NewFinding = Omit<typeof screeningFindings.$inferInsert, 'id' | 'version'> & { id: string };

export async function insertFinding(tx: Db | Tx, f: NewFinding): Promise<FindingRow> {
  const [row] = await tx.insert(screeningFindings).values(f).returning();
  return row!;
}

/** Every finding about an institution, oldest first. */
export async function findingsOfInstitution(db: Db | Tx, institutionId: string): Promise<FindingRow[]> {
  return db.select().from(screeningFindings).where(eq(screeningFindings.institutionId, institutionId))
    .orderBy(asc(screeningFindings.foundOn), asc(screeningFindings.recordedAt));
}

/** A file uploaded to this application (evidence), or null. */
export async function materialOf(db: Db | Tx, applicationId: string, materialId: string): Promise<{ fileName: string; sha256: string } | null> {
  const [m] = await db.select({ fileName: applicationMaterials.fileName, sha256: applicationMaterials.sha256 }).from(applicationMaterials)
    .where(and(eq(applicationMaterials.applicationId, applicationId), eq(applicationMaterials.id, materialId)));
  return m ?? null;
}

export type NewTermination = Omit<typeof institutionTerminations.$inferInsert, 'id'>;

/** A termination record, as the agreement lifecycle will write it (its own issue; tests and seeds write it now). */
export async function insertTermination(tx: Db | Tx, t: NewTermination): Promise<typeof institutionTerminations.$inferSelect> {
  const [row] = await tx.insert(institutionTerminations).values(t).returning();
  return row!;
}
