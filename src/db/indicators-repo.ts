/**
 * External indicators (decision 0040): the import rows, their rejected rows, the values keyed by
 * institution + kind + period, and the set-based read the renewal screening uses. Writes run in the
 * caller's transaction, a chunk at a time: the existing values of the chunk are read (and locked) in
 * one statement, the new ones inserted in one, the changed ones updated in one, and each change
 * audited on the value's own chain.
 */
import { and, asc, count, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { rowsOf } from './client';
import { indicatorImportRejects, indicatorImports, institutionIndicators, institutions } from './schema/index';
import { appendAuditMany, type AuditEvent } from './audit-repo';
import type { SessionUser } from '../domain/identity/roles';
import { INDICATOR_KINDS, KIND_SPEC, sameValue, type IndicatorKind, type IndicatorValue } from '../domain/indicators/kinds';
import type { IndicatorRecord } from '../domain/indicators/row';
import type { StoredIndicator } from '../domain/indicators/facts';

type DbOrTx = Db | Tx;
export type IndicatorImportRow = typeof indicatorImports.$inferSelect;
export interface IndicatorReject { line: number; raw: [string, string][]; message: string }

/** The institutions these codes name (医保编码 or 统一社会信用代码), with their region. */
export async function institutionsByCodes(db: DbOrTx, ybCodes: readonly string[], usccs: readonly string[]) {
  if (!ybCodes.length && !usccs.length) return [];
  return db.select({ id: institutions.id, uscc: institutions.uscc, ybCode: institutions.ybCode, regionCode: institutions.regionCode })
    .from(institutions)
    .where(or(ybCodes.length ? inArray(institutions.ybCode, [...ybCodes]) : undefined, usccs.length ? inArray(institutions.uscc, [...usccs]) : undefined));
}

export async function findImportByBatch(db: DbOrTx, orgId: string, clientBatchId: string): Promise<IndicatorImportRow | null> {
  const [r] = await db.select().from(indicatorImports).where(and(eq(indicatorImports.orgId, orgId), eq(indicatorImports.clientBatchId, clientBatchId)));
  return r ?? null;
}

export async function findImport(db: DbOrTx, id: string): Promise<IndicatorImportRow | null> {
  const [r] = await db.select().from(indicatorImports).where(eq(indicatorImports.id, id));
  return r ?? null;
}

export async function insertImport(tx: DbOrTx, row: typeof indicatorImports.$inferInsert): Promise<IndicatorImportRow> {
  const [r] = await tx.insert(indicatorImports).values(row).returning();
  return r!;
}

export async function updateImportCounts(tx: DbOrTx, id: string, c: WriteCounts): Promise<void> {
  await tx.update(indicatorImports).set(c).where(eq(indicatorImports.id, id));
}

export async function insertRejects(tx: DbOrTx, importId: string, rejects: readonly IndicatorReject[]): Promise<void> {
  for (let i = 0; i < rejects.length; i += 1000) {
    await tx.insert(indicatorImportRejects).values(rejects.slice(i, i + 1000).map((r) => ({ importId, ...r })));
  }
}

export async function rejectsAfter(db: DbOrTx, importId: string, afterLine: number, limit: number): Promise<IndicatorReject[]> {
  const rows = await db.select({ line: indicatorImportRejects.line, raw: indicatorImportRejects.raw, message: indicatorImportRejects.message })
    .from(indicatorImportRejects).where(and(eq(indicatorImportRejects.importId, importId), gt(indicatorImportRejects.line, afterLine)))
    .orderBy(asc(indicatorImportRejects.line)).limit(limit);
  return rows.map((r) => ({ ...r, raw: r.raw as [string, string][] }));
}

export interface ImportFilter { channel?: 'api' | 'xlsx'; status?: 'done' | 'rejected'; page: number; pageSize: number }

/** The organisation's imports, newest first, filtered and paged in the database. */
export async function listImports(db: DbOrTx, orgId: string, f: ImportFilter): Promise<{ items: IndicatorImportRow[]; total: number }> {
  const where = and(eq(indicatorImports.orgId, orgId), f.channel ? eq(indicatorImports.channel, f.channel) : undefined, f.status ? eq(indicatorImports.status, f.status) : undefined);
  const [items, [t]] = await Promise.all([
    db.select().from(indicatorImports).where(where).orderBy(desc(indicatorImports.createdAt), desc(indicatorImports.id))
      .limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(indicatorImports).where(where),
  ]);
  return { items, total: Number(t?.n ?? 0) };
}

export interface WriteItem { institutionId: string; regionCode: string; record: IndicatorRecord }
export interface WriteCounts { created: number; updated: number; unchanged: number }

const CHUNK = 1000;

/**
 * Writes the values of an import: new keys inserted, changed values updated (with their new source
 * and date) and audited, equal values left alone. The keys are distinct (the caller refused the
 * duplicates). A concurrent import inserting the same key makes the unique index refuse (the caller
 * answers 409).
 */
export async function writeIndicators(tx: Tx, importId: string, items: readonly WriteItem[], actor: Pick<SessionUser, 'id' | 'orgId'>, now: Date): Promise<WriteCounts> {
  const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0 };
  for (let i = 0; i < items.length; i += CHUNK) {
    const chunk = items.slice(i, i + CHUNK);
    const keys = sql.join(chunk.map((it) => sql`(${it.institutionId}::uuid, ${it.record.kind}, ${it.record.period})`), sql`, `);
    const existing = rowsOf<{ id: string; institution_id: string; kind: string; period: string; value: IndicatorValue }>(await tx.execute(sql`
      SELECT i.id, i.institution_id, i.kind, i.period, i.value FROM institution_indicators i
      WHERE (i.institution_id, i.kind, i.period) IN (${keys}) FOR UPDATE`));
    const have = new Map(existing.map((e) => [`${e.institution_id}|${e.kind}|${e.period}`, e]));
    const fresh: (typeof institutionIndicators.$inferInsert)[] = [];
    const changed: { id: string; it: WriteItem; before: IndicatorValue }[] = [];
    for (const it of chunk) {
      const e = have.get(`${it.institutionId}|${it.record.kind}|${it.record.period}`);
      if (!e) {
        fresh.push({ institutionId: it.institutionId, kind: it.record.kind, period: it.record.period, value: it.record.value, source: it.record.source, sourceDate: it.record.sourceDate, importId, updatedAt: now });
      } else if (sameValue(e.value, it.record.value)) counts.unchanged++;
      else changed.push({ id: e.id, it, before: e.value });
    }
    if (fresh.length) await tx.insert(institutionIndicators).values(fresh);
    counts.created += fresh.length;
    if (changed.length) {
      const rows = sql.join(changed.map((c) => sql`(${c.id}::uuid, ${JSON.stringify(c.it.record.value)}::jsonb, ${c.it.record.source}, ${c.it.record.sourceDate}::date)`), sql`, `);
      await tx.execute(sql`
        UPDATE institution_indicators i SET value = v.value, source = v.source, source_date = v.source_date, import_id = ${importId}::uuid, updated_at = ${now.toISOString()}::timestamptz
        FROM (VALUES ${rows}) AS v(id, value, source, source_date) WHERE i.id = v.id`);
      const events: AuditEvent[] = changed.map((c) => ({
        actor, action: 'indicator.update', entityType: 'institution_indicator', entityId: c.id, regionCode: c.it.regionCode,
        before: { value: c.before }, after: { institutionId: c.it.institutionId, kind: c.it.record.kind, period: c.it.record.period, value: c.it.record.value, source: c.it.record.source, sourceDate: c.it.record.sourceDate, importId },
      }));
      await appendAuditMany(tx, now, events);
      counts.updated += changed.length;
    }
  }
  return counts;
}

/**
 * The indicators of these institutions in one statement: every settlement year, and the latest
 * period of each as-of kind.
 */
/** Kinds kept per agreement year (settlement totals, 绩效考核结果); the as-of kinds keep only their latest period. */
// a literal list (code constants, not input): DISTINCT ON must repeat ORDER BY's expression exactly, parameters included
const YEARLY = sql.raw(INDICATOR_KINDS.filter((k) => KIND_SPEC[k].period === 'year').map((k) => `'${k}'`).join(', '));

export async function indicatorsOf(db: DbOrTx, institutionIds: readonly string[]): Promise<Map<string, StoredIndicator[]>> {
  const out = new Map<string, StoredIndicator[]>();
  if (!institutionIds.length) return out;
  const rows = rowsOf<{ institution_id: string; kind: IndicatorKind; period: string; value: IndicatorValue; source: string; source_date: string }>(await db.execute(sql`
    SELECT DISTINCT ON (institution_id, kind, CASE WHEN kind IN (${YEARLY}) THEN period ELSE '' END)
           institution_id, kind, period, value, source, source_date::text AS source_date
    FROM institution_indicators WHERE institution_id = ANY(${sql.param([...institutionIds])}::uuid[])
    ORDER BY institution_id, kind, CASE WHEN kind IN (${YEARLY}) THEN period ELSE '' END, period DESC`));
  for (const r of rows) {
    const sd = String(r.source_date).slice(0, 10);
    const list = out.get(r.institution_id) ?? [];
    list.push({ kind: r.kind, period: r.period, value: r.value, source: r.source, sourceDate: sd });
    out.set(r.institution_id, list);
  }
  return out;
}

/** One institution's current values (the institution page and the tests). */
export async function indicatorsOfInstitution(db: DbOrTx, institutionId: string) {
  return db.select().from(institutionIndicators).where(eq(institutionIndicators.institutionId, institutionId))
    .orderBy(asc(institutionIndicators.kind), desc(institutionIndicators.period));
}
