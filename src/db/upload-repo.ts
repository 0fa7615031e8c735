/**
 * Application materials: bytes stored in the row (bytea) in the same transaction as the audit
 * row, so an upload is either fully there or not at all (docs/decisions/0009-designation-persistence.md).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { applicationMaterials } from './schema/index';

export type MaterialRow = typeof applicationMaterials.$inferSelect;
export type MaterialInfo = Omit<MaterialRow, 'content'>;

const info = {
  id: applicationMaterials.id,
  applicationId: applicationMaterials.applicationId,
  itemKey: applicationMaterials.itemKey,
  fileName: applicationMaterials.fileName,
  mime: applicationMaterials.mime,
  size: applicationMaterials.size,
  sha256: applicationMaterials.sha256,
  uploadedBy: applicationMaterials.uploadedBy,
  at: applicationMaterials.at,
};

export async function materialsOf(db: Db | Tx, applicationId: string): Promise<MaterialInfo[]> {
  return db.select(info).from(applicationMaterials).where(eq(applicationMaterials.applicationId, applicationId)).orderBy(asc(applicationMaterials.at), asc(applicationMaterials.fileName));
}

export async function findMaterialBySha(tx: Db | Tx, applicationId: string, sha256: string): Promise<MaterialInfo | null> {
  const [r] = await tx.select(info).from(applicationMaterials)
    .where(and(eq(applicationMaterials.applicationId, applicationId), eq(applicationMaterials.sha256, sha256))).limit(1);
  return r ?? null;
}

export async function insertMaterial(tx: Tx, row: typeof applicationMaterials.$inferInsert): Promise<MaterialInfo> {
  const [r] = await tx.insert(applicationMaterials).values(row).returning(info);
  return r!;
}

export async function findMaterial(db: Db | Tx, applicationId: string, id: string): Promise<MaterialRow | null> {
  const [r] = await db.select().from(applicationMaterials)
    .where(and(eq(applicationMaterials.applicationId, applicationId), eq(applicationMaterials.id, id))).limit(1);
  return r ?? null;
}

export async function deleteMaterial(tx: Tx, applicationId: string, id: string): Promise<MaterialInfo | null> {
  const [r] = await tx.delete(applicationMaterials)
    .where(and(eq(applicationMaterials.applicationId, applicationId), eq(applicationMaterials.id, id))).returning(info);
  return r ?? null;
}
