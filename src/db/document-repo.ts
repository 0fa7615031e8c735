/**
 * Issued documents and their 发文字号 serials. The serial is taken with one upsert in the
 * issuing transaction — `INSERT … ON CONFLICT DO UPDATE SET last = last + 1 RETURNING last` —
 * so numbers are gap-free per committed transaction and never handed out twice.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { documentCounters, documents } from './schema/index';
import type { DocumentModel } from '../documents/model';

export type DocumentRow = typeof documents.$inferSelect;

export async function nextSerial(tx: Tx, agencyOrgId: string, typeCode: string, year: number): Promise<number> {
  const [r] = await tx
    .insert(documentCounters)
    .values({ agencyOrgId, typeCode, year, last: 1 })
    .onConflictDoUpdate({
      target: [documentCounters.agencyOrgId, documentCounters.typeCode, documentCounters.year],
      set: { last: sql`${documentCounters.last} + 1` },
    })
    .returning({ last: documentCounters.last });
  return r!.last;
}

export async function insertDocument(tx: Tx, row: {
  applicationId: string; kind: string; model: DocumentModel; issuedAt: Date; issuedBy: string | null; issuerOrgId: string | null;
}): Promise<DocumentRow> {
  const [r] = await tx
    .insert(documents)
    .values({ ...row, number: row.model.number, title: row.model.title })
    .returning();
  return r!;
}

export async function documentsOf(db: Db | Tx, applicationId: string): Promise<DocumentRow[]> {
  return db.select().from(documents).where(eq(documents.applicationId, applicationId)).orderBy(asc(documents.issuedAt), asc(documents.number));
}

export async function findDocument(db: Db, applicationId: string, docId: string): Promise<DocumentRow | null> {
  const [r] = await db.select().from(documents).where(and(eq(documents.applicationId, applicationId), eq(documents.id, docId))).limit(1);
  return r ?? null;
}
