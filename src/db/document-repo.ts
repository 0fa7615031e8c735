/**
 * Issued documents and their 发文字号 serials. The serial is taken with one upsert in the
 * issuing transaction — `INSERT … ON CONFLICT DO UPDATE SET last = last + 1 RETURNING last` —
 * so numbers are gap-free per committed transaction and never handed out twice.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
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

/** One serial to take: the counter of (agency, 机关代字, year). */
export interface SerialRequest {
  agencyOrgId: string;
  typeCode: string;
  year: number;
}

const serialKey = (r: SerialRequest) => `${r.agencyOrgId}|${r.typeCode}|${r.year}`;

/**
 * The upsert of `nextSerial` for several requests as one statement that can be a CTE of the
 * step's UPDATE (`gate`: the UPDATE matched). Each counter moves by the number of requests for it;
 * `RETURNING` gives the new `last` per counter, from which `serialsOf` hands out the numbers.
 */
export function takeSerialsSql(reqs: readonly SerialRequest[], gate?: SQL): SQL {
  const counts = new Map<string, { r: SerialRequest; n: number }>();
  for (const r of reqs) counts.set(serialKey(r), { r, n: (counts.get(serialKey(r))?.n ?? 0) + 1 });
  const rows = [...counts.values()].map(({ r, n }) => sql`(${r.agencyOrgId}::uuid, ${r.typeCode}, ${r.year}::int, ${n}::int)`);
  return sql`INSERT INTO document_counters (agency_org_id, type_code, year, last)
SELECT v.* FROM (VALUES ${sql.join(rows, sql`, `)}) AS v(agency_org_id, type_code, year, last)${gate ? sql` WHERE ${gate}` : sql``}
ON CONFLICT (agency_org_id, type_code, year) DO UPDATE SET last = document_counters.last + excluded.last
RETURNING agency_org_id::text || '|' || type_code || '|' || year AS key, last`;
}

/** The serial of each request, in order, from the counters' new `last` values. */
export function serialsOf(reqs: readonly SerialRequest[], lasts: readonly { key: string; last: number }[]): number[] {
  const total = new Map<string, number>();
  for (const r of reqs) total.set(serialKey(r), (total.get(serialKey(r)) ?? 0) + 1);
  const next = new Map(lasts.map((l) => [l.key, Number(l.last) - (total.get(l.key) ?? 0)]));
  return reqs.map((r) => {
    const k = serialKey(r);
    const n = (next.get(k) ?? NaN) + 1;
    next.set(k, n);
    if (!Number.isFinite(n)) throw new Error(`document serial: no counter returned for ${k}`);
    return n;
  });
}

export type DocumentInsert = { applicationId: string | null; caseType?: string; caseId?: string; kind: string; model: DocumentModel; issuedAt: Date; issuedBy: string | null; issuerOrgId: string | null };

/**
 * Documents whose rows the caller made whole (its id included), as an INSERT that can be a CTE of the
 * step's statement (`RETURNING 1 AS n`, decision 0058): the step answers the rows it built, nothing
 * needs to come back.
 */
export function insertDocumentsSql(rows: readonly DocumentRow[]): SQL {
  const values = rows.map((r) => sql`(${r.id}::uuid, ${r.caseType}, ${r.caseId}::uuid, ${r.applicationId}::uuid, ${r.kind}, ${r.number}, ${r.title}, ${JSON.stringify(r.model)}::jsonb,
  ${r.issuedAt.toISOString()}::timestamptz, ${r.issuedBy}::uuid, ${r.issuerOrgId}::uuid)`);
  return sql`INSERT INTO documents (id, case_type, case_id, application_id, kind, number, title, model, issued_at, issued_by, issuer_org_id)
VALUES ${sql.join(values, sql`, `)}
RETURNING 1 AS n`;
}

/** Stores the step's documents and, in the same statement, its audit row; returns the documents. */
export async function insertDocumentsWithAudit(tx: Tx, rows: readonly DocumentInsert[], audit: SQL): Promise<DocumentRow[]> {
  const ins = tx.$with('dl_docs').as(tx.insert(documents).values(rows.map((r) => ({ ...r, caseId: r.caseId ?? r.applicationId!, number: r.model.number, title: r.model.title }))).returning());
  const au = tx.$with('dl_audit', { n: sql<number>`n` }).as(audit);
  return tx.with(ins, au).select().from(ins);
}

export async function documentsOf(db: Db | Tx, applicationId: string): Promise<DocumentRow[]> {
  return db.select().from(documents).where(eq(documents.applicationId, applicationId)).orderBy(asc(documents.issuedAt), asc(documents.number));
}

export async function findDocument(db: Db, applicationId: string, docId: string): Promise<DocumentRow | null> {
  const [r] = await db.select().from(documents).where(and(eq(documents.applicationId, applicationId), eq(documents.id, docId))).limit(1);
  return r ?? null;
}
