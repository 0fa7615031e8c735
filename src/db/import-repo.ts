/**
 * Registry import (issue #9, decision 0029): job rows, rejected rows, the key staging table that finds
 * duplicates inside a file, and the batched writes. New institutions of a batch are written with
 * multi-row INSERTs (institutions, organisations, persons, links, licences, agreements, audit rows);
 * an existing institution that changed is updated on its own, with one audit row; an unchanged one is
 * not touched at all (re-importing a file writes nothing).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { rowsOf } from './client';
import {
  agreements, auditLog, importJobs, importKeys, importRejects, institutionPersons, institutions, licences, organizations, persons,
} from './schema/index';
import { AUDIT_LOCK_KEY, auditRowAfter, type AuditEvent } from './audit-repo';
import { bulkInsert } from './bulk-insert';
import { EMPTY_CHAIN, chainOf, type ChainHead } from '../domain/audit/chain';
import { buildSearchTokens } from '../domain/registry/search-tokens';
import { maskIdNumber } from '../domain/validators/id-number';
import { importedAgreementText } from '../domain/registry/imported-agreement';
import { importedLife } from '../domain/agreement/lifecycle';
import type { ImportRecord } from '../domain/registry/import-row';
import type { SessionUser } from '../domain/identity/roles';

/** A text[] parameter (one bind parameter however many values). */
const textArray = (values: (string | null)[]) => sql`${sql.param(values)}::text[]`;

export type JobRow = typeof importJobs.$inferSelect;
type DbOrTx = Db | Tx;

// ───────────── jobs, rejects, keys ─────────────

export async function insertJob(db: DbOrTx, row: typeof importJobs.$inferInsert): Promise<JobRow> {
  const [r] = await db.insert(importJobs).values(row).returning();
  return r!;
}

export async function updateJob(db: DbOrTx, id: string, patch: Partial<typeof importJobs.$inferInsert>): Promise<void> {
  await db.update(importJobs).set(patch).where(eq(importJobs.id, id));
}

export async function findJob(db: DbOrTx, id: string): Promise<JobRow | null> {
  const [r] = await db.select().from(importJobs).where(eq(importJobs.id, id));
  return r ?? null;
}

export async function listJobs(db: DbOrTx, orgId: string | null, limit: number): Promise<JobRow[]> {
  return db.select().from(importJobs)
    .where(orgId ? eq(importJobs.orgId, orgId) : isNull(importJobs.orgId))
    .orderBy(sql`${importJobs.createdAt} DESC`).limit(limit);
}

/** Jobs in a running state whose id is not in `alive`: left by a server that stopped (decision 0029). */
export async function markJobsInterrupted(db: DbOrTx, alive: string[], message: string, now: Date): Promise<string[]> {
  const rows = await db.update(importJobs).set({ status: 'interrupted', message, finishedAt: now })
    .where(and(inArray(importJobs.status, ['queued', 'validating', 'writing']), alive.length ? notInArray(importJobs.id, alive) : undefined))
    .returning({ id: importJobs.id });
  const ids = rows.map((r) => r.id);
  if (ids.length) await db.delete(importKeys).where(inArray(importKeys.jobId, ids));
  return ids;
}

/** Deletes the rejected rows of the jobs created before `before` (no RETURNING: a job may have a million). */
export async function purgeRejectsBefore(db: DbOrTx, before: Date): Promise<void> {
  const old = db.select({ id: importJobs.id }).from(importJobs).where(lt(importJobs.createdAt, before));
  await db.delete(importRejects).where(inArray(importRejects.jobId, old));
}

export interface RejectRow {
  line: number;
  /** the row as read: [header, value] pairs in the file's column order */
  raw: [string, string][];
  message: string;
}

export async function insertRejects(db: DbOrTx, jobId: string, rows: RejectRow[]): Promise<void> {
  if (!rows.length) return;
  await db.insert(importRejects).values(rows.map((r) => ({ jobId, ...r }))).onConflictDoNothing();
}

/** A page of rejected rows after `afterLine`, in line order (keyset: the export streams them). */
export async function rejectsAfter(db: DbOrTx, jobId: string, afterLine: number, limit: number): Promise<RejectRow[]> {
  const rows = await db.select({ line: importRejects.line, raw: importRejects.raw, message: importRejects.message })
    .from(importRejects).where(and(eq(importRejects.jobId, jobId), gt(importRejects.line, afterLine)))
    .orderBy(asc(importRejects.line)).limit(limit);
  return rows.map((r) => ({ ...r, raw: r.raw as [string, string][] }));
}

export interface KeyRow {
  line: number;
  uscc: string;
  ybCode: string | null;
  agreementNumber: string | null;
}

export async function insertKeys(db: DbOrTx, jobId: string, rows: KeyRow[]): Promise<void> {
  if (!rows.length) return;
  // set-based: four array parameters for the whole batch
  await db.execute(sql`INSERT INTO import_keys (job_id, line, uscc, yb_code, agreement_number)
    SELECT ${jobId}::uuid, * FROM unnest(${sql.param(rows.map((r) => r.line))}::int[], ${textArray(rows.map((r) => r.uscc))},
      ${textArray(rows.map((r) => r.ybCode))}, ${textArray(rows.map((r) => r.agreementNumber))})`);
}

/** Lines whose USCC, 医保编码 or 协议编号 already appeared on an earlier line of the file, with that line. */
export async function duplicateLines(db: DbOrTx, jobId: string): Promise<{ line: number; key: 'uscc' | 'ybCode' | 'agreementNumber'; first: number }[]> {
  const res = await db.execute(sql`
    SELECT line, key, first FROM (
      SELECT line, 'uscc' AS key, min(line) OVER (PARTITION BY uscc) AS first FROM import_keys WHERE job_id = ${jobId}
      UNION ALL
      SELECT line, 'ybCode', min(line) OVER (PARTITION BY yb_code) FROM import_keys WHERE job_id = ${jobId} AND yb_code IS NOT NULL
      UNION ALL
      SELECT line, 'agreementNumber', min(line) OVER (PARTITION BY agreement_number) FROM import_keys WHERE job_id = ${jobId} AND agreement_number IS NOT NULL
    ) d WHERE line <> first ORDER BY line`);
  return rowsOf<{ line: number; key: 'uscc' | 'ybCode' | 'agreementNumber'; first: number }>(res).map((r) => ({ ...r, line: Number(r.line), first: Number(r.first) }));
}

export async function deleteKeys(db: DbOrTx, jobId: string): Promise<void> {
  await db.delete(importKeys).where(eq(importKeys.jobId, jobId));
}

// ───────────── facts against the registry (validation) ─────────────

export async function registryMatches(db: DbOrTx, usccs: string[], ybCodes: string[]) {
  if (!usccs.length && !ybCodes.length) return [];
  // one array parameter per key list (= ANY), not one parameter per value
  return db.select({ id: institutions.id, uscc: institutions.uscc, ybCode: institutions.ybCode, regionCode: institutions.regionCode })
    .from(institutions)
    .where(or(usccs.length ? sql`${institutions.uscc} = ANY(${textArray(usccs)})` : undefined, ybCodes.length ? sql`${institutions.ybCode} = ANY(${textArray(ybCodes)})` : undefined));
}

export async function agreementMatches(db: DbOrTx, numbers: string[]) {
  if (!numbers.length) return [];
  return db.select({ number: agreements.number, source: agreements.source, uscc: institutions.uscc })
    .from(agreements).innerJoin(institutions, eq(institutions.id, agreements.institutionId))
    .where(sql`${agreements.number} = ANY(${textArray(numbers)})`);
}

// ───────────── writing ─────────────

/** What the import compares and audits of one institution. */
interface Snapshot {
  core: ReturnType<typeof coreOf>;
  legalRep: { name: string; idNumber: string } | null;
  licence: { kind: string; number: string; validFrom: string; validTo: string | null } | null;
}
interface AgreementSnap { number: string; termFrom: string; termTo: string; categories: string[]; status: string }

const coreOf = (r: ImportRecord) => ({
  name: r.name, ybCode: r.ybCode, kind: r.kind, subtype: r.subtype, ownership: r.ownership, hospitalLevel: r.hospitalLevel, grade: r.grade,
  regionCode: r.regionCode, address: r.address, phone: r.phone, status: r.status, beds: r.beds, paymentCategories: r.paymentCategories,
  insuranceSchemes: r.insuranceSchemes, dualChannel: r.dualChannel, designatedOn: r.designatedOn,
});
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const masked = (p: { name: string; idNumber: string } | null) => (p ? { name: p.name, idNumber: maskIdNumber(p.idNumber) } : null);
const agreementSnap = (r: ImportRecord): AgreementSnap | null =>
  r.agreement ? { number: r.agreement.number, termFrom: r.agreement.termFrom, termTo: r.agreement.termTo, categories: r.agreement.categories, status: r.agreement.status } : null;

export interface BatchCounts {
  created: number;
  updated: number;
  unchanged: number;
  agreementsCreated: number;
  agreementsUpdated: number;
}

interface WriteCtx {
  actor: SessionUser;
  now: Date;
  today: string;
}

/** Appends audit rows for entities whose chains are new in this transaction (no head to read, no lock needed). */
function firstAuditRows(now: Date, events: AuditEvent[]) {
  return events.map((ev) => auditRowAfter(EMPTY_CHAIN, now, ev));
}

async function insertAuditRows(tx: Tx, rows: ReturnType<typeof firstAuditRows>): Promise<void> {
  await bulkInsert(tx, auditLog, rows);
}


/**
 * Appends audit rows to existing chains: locks them in one statement, reads all their heads in one
 * statement, links each event to its chain's head (an entity changed twice in one batch gets two
 * consecutive rows), inserts them in one go.
 */
async function appendAuditBatch(tx: Tx, now: Date, events: AuditEvent[]): Promise<void> {
  if (!events.length) return;
  const chains = [...new Set(events.map((e) => chainOf(e.entityType, e.entityId)))].sort();
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${sql.raw(String(AUDIT_LOCK_KEY))}, hashtext(c)) FROM unnest(${textArray(chains)}) AS c ORDER BY c`);
  const heads = new Map<string, ChainHead>(rowsOf<{ chain: string; chain_seq: string | number; hash: string }>(await tx.execute(sql`
    SELECT h.chain, h.chain_seq, h.hash FROM unnest(${textArray(chains)}) AS c(chain)
    CROSS JOIN LATERAL (SELECT a.chain, a.chain_seq, a.hash FROM audit_log a WHERE a.chain = c.chain ORDER BY a.chain_seq DESC LIMIT 1) h`))
    .map((r) => [r.chain, { chainSeq: Number(r.chain_seq), hash: r.hash }]));
  const rows = [];
  for (const ev of events) {
    const chain = chainOf(ev.entityType, ev.entityId);
    const row = auditRowAfter(heads.get(chain) ?? EMPTY_CHAIN, now, ev);
    heads.set(chain, { chainSeq: row.chainSeq, hash: row.hash });
    rows.push(row);
  }
  await insertAuditRows(tx, rows);
}

function agreementRow(id: string, institutionId: string, r: ImportRecord, w: WriteCtx) {
  const a = r.agreement!;
  return {
    id, applicationId: null, institutionId, regionCode: r.regionCode, agencyOrgId: w.actor.orgId, templateId: null, supplementId: null,
    number: a.number, termFrom: a.termFrom, termTo: a.termTo, special: {},
    ...importedAgreementText({ number: a.number, institutionName: r.name, uscc: r.uscc, ybCode: r.ybCode, termFrom: a.termFrom, termTo: a.termTo, categories: a.categories, importedOn: w.today }),
    status: a.status, source: 'import' as const, paymentCategories: a.categories, createdBy: w.actor.id, createdAt: w.now, updatedAt: w.now,
    // every row sets the same keys (bulkInsert): null where the agreement carries no life
    ...(importedLife(a, r.status) ?? { lifeState: null, life: null, lifeSince: null }),
  };
}

/** Upserts persons by 身份证号 (the name follows the import); returns idNumber → person id. */
async function upsertPersonsBy(tx: Tx, list: { name: string; idNumber: string }[]): Promise<Map<string, string>> {
  const byId = new Map(list.map((p) => [p.idNumber, p]));
  if (!byId.size) return new Map();
  const ps = [...byId.values()];
  // set-based: two array parameters instead of two per person
  const rows = rowsOf<{ id: string; id_number: string }>(await tx.execute(sql`
    INSERT INTO persons (id_number, name) SELECT * FROM unnest(${textArray(ps.map((p) => p.idNumber))}, ${textArray(ps.map((p) => p.name))})
    ON CONFLICT (id_number) DO UPDATE SET name = excluded.name RETURNING id, id_number`));
  return new Map(rows.map((r) => [r.id_number, r.id]));
}

/** Writes one batch of valid records inside the caller's transaction. */
export async function writeImportBatch(tx: Tx, records: ImportRecord[], w: WriteCtx): Promise<BatchCounts> {
  const counts: BatchCounts = { created: 0, updated: 0, unchanged: 0, agreementsCreated: 0, agreementsUpdated: 0 };
  if (!records.length) return counts;
  const existing = await tx.select().from(institutions).where(sql`${institutions.uscc} = ANY(${textArray(records.map((r) => r.uscc))})`);
  const byUscc = new Map(existing.map((e) => [e.uscc, e]));
  const ids = existing.map((e) => e.id);
  const reps = ids.length ? await tx.select({ institutionId: institutionPersons.institutionId, personId: persons.id, name: persons.name, idNumber: persons.idNumber, fromDate: institutionPersons.fromDate })
    .from(institutionPersons).innerJoin(persons, eq(persons.id, institutionPersons.personId))
    .where(and(sql`${institutionPersons.institutionId} = ANY(${sql.param(ids)}::uuid[])`, eq(institutionPersons.role, 'legal_rep'), isNull(institutionPersons.toDate))) : [];
  const lics = ids.length ? await tx.select().from(licences).where(sql`${licences.institutionId} = ANY(${sql.param(ids)}::uuid[])`) : [];
  const numbers = records.flatMap((r) => (r.agreement ? [r.agreement.number] : []));
  const ags = numbers.length ? await tx.select().from(agreements).where(and(sql`${agreements.number} = ANY(${textArray(numbers)})`, eq(agreements.source, 'import'))) : [];
  const agByNumber = new Map(ags.map((a) => [a.number, a]));
  // the first match of each, as the row-by-row lookups found them
  const repOf = new Map<string, (typeof reps)[number]>();
  for (const p of reps) if (!repOf.has(p.institutionId)) repOf.set(p.institutionId, p);
  const licOf = new Map<string, (typeof lics)[number]>();
  for (const l of lics) {
    const k = `${l.institutionId}\u0000${l.kind}\u0000${l.number}`;
    if (!licOf.has(k)) licOf.set(k, l);
  }

  const fresh = records.filter((r) => !byUscc.has(r.uscc));
  const newAuditEvents: AuditEvent[] = [];
  const changedAuditEvents: AuditEvent[] = [];

  // new institutions: multi-row inserts
  if (fresh.length) {
    const instIds = fresh.map(() => randomUUID());
    await bulkInsert(tx, institutions, fresh.map((r, i) => ({
      id: instIds[i]!, uscc: r.uscc, ...coreOf(r), searchTokens: buildSearchTokens(r.name, r.regionCode), createdAt: w.now, updatedAt: w.now,
    })));
    await bulkInsert(tx, organizations, fresh.map((r, i) => ({ kind: 'institution' as const, name: r.name, level: 'county' as const, regionCode: r.regionCode, institutionId: instIds[i] })));
    const personIds = await upsertPersonsBy(tx, fresh.flatMap((r) => (r.legalRep ? [r.legalRep] : [])));
    const links = fresh.flatMap((r, i) => (r.legalRep ? [{ institutionId: instIds[i]!, personId: personIds.get(r.legalRep.idNumber)!, role: 'legal_rep' as const, fromDate: w.today }] : []));
    await bulkInsert(tx, institutionPersons, links);
    const licRows = fresh.flatMap((r, i) => (r.licence ? [{ institutionId: instIds[i]!, ...r.licence }] : []));
    await bulkInsert(tx, licences, licRows);
    const agRows = fresh.flatMap((r, i) => (r.agreement ? [agreementRow(randomUUID(), instIds[i]!, r, w)] : []));
    await bulkInsert(tx, agreements, agRows);
    fresh.forEach((r, i) => {
      newAuditEvents.push({
        actor: w.actor, action: 'institution.import_create', entityType: 'institution', entityId: instIds[i]!, regionCode: r.regionCode,
        after: { uscc: r.uscc, ...coreOf(r), legalRep: masked(r.legalRep), licence: r.licence },
      });
    });
    for (const a of agRows) {
      newAuditEvents.push({ actor: w.actor, action: 'agreement.import_create', entityType: 'agreement', entityId: a.id, regionCode: a.regionCode, after: agreementSnapOf(a) });
    }
    counts.created += fresh.length;
    counts.agreementsCreated += agRows.length;
  }

  // existing institutions: compare, write only what changed
  for (const r of records) {
    const e = byUscc.get(r.uscc);
    if (!e) continue;
    const rep = repOf.get(e.id) ?? null;
    const lic = r.licence ? licOf.get(`${e.id}\u0000${r.licence.kind}\u0000${r.licence.number}`) ?? null : null;
    const before: Snapshot = {
      core: {
        name: e.name, ybCode: e.ybCode, kind: e.kind, subtype: e.subtype, ownership: e.ownership, hospitalLevel: e.hospitalLevel, grade: e.grade,
        regionCode: e.regionCode, address: e.address, phone: e.phone, status: e.status, beds: e.beds, paymentCategories: e.paymentCategories,
        insuranceSchemes: e.insuranceSchemes, dualChannel: e.dualChannel, designatedOn: e.designatedOn,
      } as Snapshot['core'],
      legalRep: rep ? { name: rep.name, idNumber: rep.idNumber } : null,
      licence: lic ? { kind: lic.kind, number: lic.number, validFrom: lic.validFrom, validTo: lic.validTo } : null,
    };
    const core = coreOf(r);
    const coreChanged = !same(before.core, core);
    const repChanged = !!r.legalRep && !same(before.legalRep, r.legalRep);
    const licChanged = !!r.licence && !same(before.licence, r.licence);
    if (coreChanged) {
      await tx.update(institutions).set({ ...core, searchTokens: buildSearchTokens(r.name, r.regionCode), version: sql`${institutions.version} + 1`, updatedAt: w.now })
        .where(eq(institutions.id, e.id));
      if (core.name !== e.name || core.regionCode !== e.regionCode) {
        await tx.update(organizations).set({ name: core.name, regionCode: core.regionCode }).where(eq(organizations.institutionId, e.id));
      }
    }
    if (repChanged) {
      if (rep) {
        await tx.update(institutionPersons).set({ toDate: w.today }).where(and(eq(institutionPersons.institutionId, e.id),
          eq(institutionPersons.personId, rep.personId), eq(institutionPersons.role, 'legal_rep'), eq(institutionPersons.fromDate, rep.fromDate)));
      }
      const pid = (await upsertPersonsBy(tx, [r.legalRep!])).get(r.legalRep!.idNumber)!;
      if (!rep || rep.personId !== pid) {
        await tx.insert(institutionPersons).values({ institutionId: e.id, personId: pid, role: 'legal_rep', fromDate: w.today })
          .onConflictDoUpdate({ target: [institutionPersons.institutionId, institutionPersons.personId, institutionPersons.role, institutionPersons.fromDate], set: { toDate: null } });
      } else {
        // same person, new name: the person row is updated; the link stays open
        await tx.update(institutionPersons).set({ toDate: null }).where(and(eq(institutionPersons.institutionId, e.id),
          eq(institutionPersons.personId, rep.personId), eq(institutionPersons.role, 'legal_rep'), eq(institutionPersons.fromDate, rep.fromDate)));
      }
    }
    if (licChanged) {
      if (lic) await tx.update(licences).set({ validFrom: r.licence!.validFrom, validTo: r.licence!.validTo }).where(eq(licences.id, lic.id));
      else await tx.insert(licences).values({ institutionId: e.id, ...r.licence! });
    }
    if (coreChanged || repChanged || licChanged) {
      counts.updated++;
      const pick = (s: Snapshot) => ({
        ...(coreChanged ? { core: s.core } : {}), ...(repChanged ? { legalRep: masked(s.legalRep) } : {}), ...(licChanged ? { licence: s.licence } : {}),
      });
      changedAuditEvents.push({
        actor: w.actor, action: 'institution.import_update', entityType: 'institution', entityId: e.id, regionCode: r.regionCode,
        before: pick(before), after: pick({ core, legalRep: r.legalRep, licence: r.licence }),
      });
    } else counts.unchanged++;

    // the agreement, by its number
    const want = agreementSnap(r);
    if (!want) continue;
    const have = agByNumber.get(want.number);
    if (!have) {
      const row = agreementRow(randomUUID(), e.id, r, w);
      await tx.insert(agreements).values(row);
      newAuditEvents.push({ actor: w.actor, action: 'agreement.import_create', entityType: 'agreement', entityId: row.id, regionCode: row.regionCode, after: agreementSnapOf(row) });
      counts.agreementsCreated++;
    } else {
      const old = agreementSnapOf(have);
      if (!same(old, want)) {
        const text = importedAgreementText({ number: want.number, institutionName: r.name, uscc: r.uscc, ybCode: r.ybCode, termFrom: want.termFrom, termTo: want.termTo, categories: r.agreement!.categories, importedOn: w.today });
        await tx.update(agreements).set({
          termFrom: want.termFrom, termTo: want.termTo, paymentCategories: want.categories, status: r.agreement!.status, regionCode: r.regionCode,
          ...text, version: sql`${agreements.version} + 1`, updatedAt: w.now,
        }).where(eq(agreements.id, have.id));
        changedAuditEvents.push({ actor: w.actor, action: 'agreement.import_update', entityType: 'agreement', entityId: have.id, regionCode: r.regionCode, before: old, after: want });
        counts.agreementsUpdated++;
      }
    }
  }
  await insertAuditRows(tx, firstAuditRows(w.now, newAuditEvents));
  await appendAuditBatch(tx, w.now, changedAuditEvents);
  return counts;
}

function agreementSnapOf(a: { number: string; termFrom: string; termTo: string; paymentCategories: string[] | null; status: string }): AgreementSnap {
  return { number: a.number, termFrom: a.termFrom, termTo: a.termTo, categories: a.paymentCategories ?? [], status: a.status };
}
