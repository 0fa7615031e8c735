/**
 * The agreement's life after signing (issue #10): the row the engine loads and saves, the records
 * a step writes beside it (中止 records, 解除 records with the persons in office, the institution's
 * registry status), the register the agencies read and the sweep's queries.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from './client';
import {
  agreementSuspensions, agreements, auditLog, documents, institutionPersons, institutionTerminations, institutions, organizations, persons, regions, users,
} from './schema/index';
import { agreementScopeWhere } from './agreement-repo';
import { chainHeadJsonSql, headFromJson } from './audit-repo';
import { isUuid } from './designation-repo';
import type { Scope } from '../domain/identity/territory';
import { LIFE_STATES, type LifeState } from '../domain/agreement/lifecycle';

export interface AgreementLifeRow {
  id: string;
  number: string;
  institutionId: string;
  institutionName: string;
  institutionKind: 'medical' | 'pharmacy' | 'ltc';
  ownership: string;
  uscc: string;
  ybCode: string | null;
  regionCode: string;
  regionName: string | null;
  agencyOrgId: string | null;
  termFrom: string;
  termTo: string;
  dualChannel: boolean;
  status: string;
  source: string;
  paymentCategories: string[] | null;
  lifeState: LifeState | null;
  life: Record<string, unknown> | null;
  lifeSince: string | null;
  version: number;
  /** the province's policy profile (regions.profile_id of the province row) */
  profileId: string | null;
}

const provinceProfile = sql<string | null>`(SELECT r.profile_id FROM regions r WHERE r.code = left(${agreements.regionCode}, 2) || '0000')`;

const lifeColumns = {
  id: agreements.id, number: agreements.number, institutionId: agreements.institutionId, institutionName: institutions.name,
  institutionKind: institutions.kind, ownership: institutions.ownership, uscc: institutions.uscc, ybCode: institutions.ybCode,
  regionCode: agreements.regionCode, regionName: regions.name, agencyOrgId: agreements.agencyOrgId,
  termFrom: agreements.termFrom, termTo: agreements.termTo, dualChannel: agreements.dualChannel, status: agreements.status,
  source: agreements.source, paymentCategories: agreements.paymentCategories,
  lifeState: agreements.lifeState, life: sql<Record<string, unknown> | null>`${agreements.life}`, lifeSince: agreements.lifeSince,
  version: agreements.version, profileId: provinceProfile,
};

function lifeSelect(db: Db | Tx) {
  return db
    .select(lifeColumns)
    .from(agreements)
    .innerJoin(institutions, eq(institutions.id, agreements.institutionId))
    .leftJoin(regions, eq(regions.code, agreements.regionCode));
}

/** One agreement with its institution and profile, inside `where` (the actor's territory). */
export async function findAgreementLife(db: Db | Tx, id: string, where?: SQL): Promise<AgreementLifeRow | null> {
  if (!isUuid(id)) return null;
  const [r] = await lifeSelect(db).where(and(eq(agreements.id, id), isNotNull(agreements.lifeState), where)).limit(1);
  return (r as AgreementLifeRow | undefined) ?? null;
}

/** The issuing agency as `issuerOf` finds it, as json, for a step that reads it with the agreement (`byOrg`: the acting agency). */
const issuerJsonSql = (byOrg: string | null | Placeholder) => {
  const org = sql`coalesce(${byOrg}::uuid, ${agreements.agencyOrgId})`;
  const pick = (where: SQL) => sql`(SELECT json_build_object('orgId', o.id, 'name', o.name, 'level', o.level, 'regionName', r.name)
    FROM organizations o LEFT JOIN regions r ON r.code = o.region_code WHERE ${where}
    ORDER BY length(coalesce(o.region_code, '')), o.region_code DESC LIMIT 1)`;
  return sql<{ orgId: string; name: string; level: string; regionName: string | null } | null>`coalesce(${pick(sql`o.id = ${org}`)}, CASE WHEN ${org} IS NULL THEN ${pick(sql`o.kind = 'agency'
    AND o.region_code IN (${agreements.regionCode}, left(${agreements.regionCode}, 4) || '00', left(${agreements.regionCode}, 2) || '0000')`)} END)`;
};

/**
 * Agreements for steps, in one read: each row as `findAgreementLife` reads it, its issuing agency as
 * `issuerOf` finds it (`byOrg`, else the agreement's own, else one of its region) and, with `withHead`,
 * the head of its audit chain (decision 0036).
 */
async function findAgreementsForSteps(db: Db | Tx, ids: readonly string[], byOrg: string | null, where: SQL | undefined, withHead: boolean) {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db.select({
    ...lifeColumns, stepIssuer: issuerJsonSql(byOrg),
    stepHead: withHead ? chainHeadJsonSql(sql`'agreement:' || ${agreements.id}::text`) : sql<null>`NULL`,
  }).from(agreements).innerJoin(institutions, eq(institutions.id, agreements.institutionId)).leftJoin(regions, eq(regions.code, agreements.regionCode))
    .where(and(valid.length === 1 ? eq(agreements.id, valid[0]!) : inArray(agreements.id, valid), isNotNull(agreements.lifeState), where));
  return rows.map(({ stepIssuer, stepHead, ...row }) => ({ row: row as AgreementLifeRow, issuer: stepIssuer, head: headFromJson(stepHead) }));
}

/** One agreement for a step: the row, its issuing agency and its audit chain's head, in one read. */
export async function findAgreementForStep(db: Db | Tx, id: string, byOrg: string | null, where?: SQL) {
  return (await findAgreementsForSteps(db, [id], byOrg, where, true))[0] ?? null;
}

/**
 * The read of every lifecycle step, built once per database and territory shape (decision 0058): drizzle's
 * statement with placeholders, prepared under a name — node-postgres parses it once per connection and then
 * sends only its parameters; no query building per step. Territories: none (the system), a region prefix.
 */
const stepReads = new WeakMap<object, Map<'all' | 'region', ReturnType<typeof prepareStepRead>>>();
function prepareStepRead(db: Db | Tx, variant: 'all' | 'region') {
  return db.select({
    ...lifeColumns, stepIssuer: issuerJsonSql(sql.placeholder('byOrg')),
    stepHead: chainHeadJsonSql(sql`'agreement:' || ${agreements.id}::text`),
  }).from(agreements).innerJoin(institutions, eq(institutions.id, agreements.institutionId)).leftJoin(regions, eq(regions.code, agreements.regionCode))
    .where(and(eq(agreements.id, sql.placeholder('id')), isNotNull(agreements.lifeState),
      variant === 'region' ? sql`${agreements.regionCode} LIKE ${sql.placeholder('like')}` : undefined))
    .prepare(`agreement_step_${variant}`);
}

/** `findAgreementForStep` for the system (`scope` null) or inside a Scope, by the prepared read where the Scope's shape has one. */
export async function findAgreementForStepIn(db: Db | Tx, id: string, byOrg: string | null, scope: Scope | null) {
  if (scope && scope.kind !== 'region') return findAgreementForStep(db, id, byOrg, agreementScopeWhere(scope));
  if (!isUuid(id)) return null;
  const variant = scope ? 'region' : 'all';
  let reads = stepReads.get(db);
  if (!reads) stepReads.set(db, (reads = new Map()));
  let read = reads.get(variant);
  if (!read) reads.set(variant, (read = prepareStepRead(db, variant)));
  const [r] = await read.execute({ id, byOrg, like: scope ? `${scope.prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null });
  if (!r) return null;
  const { stepIssuer, stepHead, ...row } = r;
  return { row: row as AgreementLifeRow, issuer: stepIssuer, head: headFromJson(stepHead) };
}

/** Several agreements with their issuing agencies, in one read (the sweep's batch; its audit heads are read under lock). */
export async function findAgreementsWithIssuers(db: Db | Tx, ids: readonly string[], byOrg: string | null, where?: SQL) {
  return findAgreementsForSteps(db, ids, byOrg, where, false);
}

/**
 * The version-checked writes of several agreements' next lives in one UPDATE … FROM (VALUES …);
 * answers the ids written (an agreement whose version moved is not among them).
 */
export async function saveAgreementLives(tx: Tx, rows: readonly { id: string; expectedVersion: number; lifeState: LifeState; life: unknown; lifeSince: string; version: number }[], now: Date): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const values = rows.map((r) => sql`(${r.id}::uuid, ${r.expectedVersion}::int, ${r.lifeState}, ${JSON.stringify(r.life)}::jsonb, ${r.lifeSince}::date, ${r.version}::int)`);
  const res = rowsOf<{ id: string }>(await tx.execute(sql`UPDATE agreements a
    SET life_state = v.life_state, life = v.life, life_since = v.life_since, version = v.version, updated_at = ${now.toISOString()}::timestamptz
    FROM (VALUES ${sql.join(values, sql`, `)}) AS v(id, expected, life_state, life, life_since, version)
    WHERE a.id = v.id AND a.version = v.expected
    RETURNING a.id`));
  return new Set(res.map((r) => r.id));
}

/** `saveAgreementLife` as SQL that can be a CTE (`RETURNING id`: one row when the version matched). */
export function saveAgreementLifeSql(id: string, expectedVersion: number, patch: { lifeState: LifeState; life: unknown; lifeSince: string; version: number; now: Date }): SQL {
  return sql`UPDATE agreements SET life_state = ${patch.lifeState}, life = ${JSON.stringify(patch.life)}::jsonb, life_since = ${patch.lifeSince}::date,
    version = ${patch.version}::int, updated_at = ${patch.now.toISOString()}::timestamptz
  WHERE id = ${id}::uuid AND version = ${expectedVersion}::int RETURNING id`;
}

/** The version-checked write of the next life (0 rows when the version moved). */
export async function saveAgreementLife(tx: Tx, id: string, expectedVersion: number, patch: { lifeState: LifeState; life: unknown; lifeSince: string; version: number; now: Date }): Promise<boolean> {
  const r = await tx.update(agreements)
    .set({ lifeState: patch.lifeState, life: patch.life, lifeSince: patch.lifeSince, version: patch.version, updatedAt: patch.now })
    .where(and(eq(agreements.id, id), eq(agreements.version, expectedVersion)))
    .returning({ id: agreements.id });
  return r.length === 1;
}

/** The issuing agency: the agreement's own, else an agency of its region, prefecture or province. */
export async function issuerOf(db: Db | Tx, agencyOrgId: string | null, regionCode: string): Promise<{ orgId: string; name: string; level: string; regionName: string | null } | null> {
  const conds = agencyOrgId ? eq(organizations.id, agencyOrgId)
    : and(eq(organizations.kind, 'agency'), inArray(organizations.regionCode, [regionCode, `${regionCode.slice(0, 4)}00`, `${regionCode.slice(0, 2)}0000`]));
  const [o] = await db.select({ orgId: organizations.id, name: organizations.name, level: organizations.level, regionName: regions.name })
    .from(organizations).leftJoin(regions, eq(regions.code, organizations.regionCode)).where(conds)
    .orderBy(sql`length(coalesce(${organizations.regionCode}, ''))`, desc(organizations.regionCode)).limit(1);
  return o ?? null;
}

// ───────────── records written with a step ─────────────


/** A new 中止 record, as SQL that can be a CTE of the step's statement (`RETURNING 1 AS n`). */
export function openSuspensionSql(r: typeof agreementSuspensions.$inferInsert): SQL {
  return sql`INSERT INTO agreement_suspensions (agreement_id, institution_id, region_code, mode, situation, facts, rectification, from_on, max_until, decided_by, created_at)
VALUES (${r.agreementId}::uuid, ${r.institutionId}::uuid, ${r.regionCode}, ${r.mode}, ${r.situation ?? null}, ${r.facts ?? null}, ${r.rectification ?? null},
        ${r.fromOn}::date, ${r.maxUntil}::date, ${r.decidedBy ?? null}::uuid, ${r.createdAt.toISOString()}::timestamptz)
RETURNING 1 AS n`;
}

/** Closes the agreement's open 中止 record (恢复履行, or ended with the agreement), as SQL that can be a CTE of the step's statement. */
export function closeSuspensionSql(agreementId: string, how: 'resumed' | 'ended', on: string): SQL {
  return sql`UPDATE agreement_suspensions SET ${sql.raw(how === 'resumed' ? 'resumed_on' : 'ended_on')} = ${on}::date
WHERE agreement_id = ${agreementId}::uuid AND resumed_on IS NULL AND ended_on IS NULL
RETURNING 1 AS n`;
}


export async function suspensionsOf(db: Db | Tx, agreementId: string) {
  return db.select().from(agreementSuspensions).where(eq(agreementSuspensions.agreementId, agreementId)).orderBy(asc(agreementSuspensions.fromOn), asc(agreementSuspensions.createdAt));
}

/** Who held 法定代表人 / 主要负责人 / 实际控制人 at the institution on the day (spans inclusive, decision 0024). */
export async function personsInOffice(db: Db | Tx, institutionId: string, on: string): Promise<{ personId: string; role: string; name: string }[]> {
  return db.select({ personId: institutionPersons.personId, role: institutionPersons.role, name: persons.name })
    .from(institutionPersons).innerJoin(persons, eq(persons.id, institutionPersons.personId))
    .where(and(eq(institutionPersons.institutionId, institutionId), lte(institutionPersons.fromDate, on),
      or(isNull(institutionPersons.toDate), gte(institutionPersons.toDate, on))))
    .orderBy(asc(institutionPersons.role), asc(persons.name));
}

export async function insertTermination(tx: Tx, row: typeof institutionTerminations.$inferInsert): Promise<void> {
  await tx.insert(institutionTerminations).values(row);
}

/**
 * The registry status of every set of agreement states, from `derive` (which looks only at which states occur):
 * key = the states in order, joined by ','. The rule stays in the domain; SQL only looks it up.
 */
const statusTables = new WeakMap<object, SQL>();
function statusTable(derive: (states: LifeState[]) => 'designated' | 'suspended' | 'terminated' | null): SQL {
  // the same rule gives the same table: built once (decision 0058: every state-changing step sends it)
  let table = statusTables.get(derive);
  if (!table) statusTables.set(derive, (table = statusTableOf(derive)));
  return table;
}
function statusTableOf(derive: (states: LifeState[]) => 'designated' | 'suspended' | 'terminated' | null): SQL {
  const rows: string[] = [];
  for (let mask = 1; mask < 1 << LIFE_STATES.length; mask++) {
    const states = [...LIFE_STATES].sort().filter((_, i) => mask & (1 << i));
    const status = derive(states);
    if (status) rows.push(`('${states.join(',')}', '${status}')`);
  }
  // literals, not parameters (decision 0059): the table is the same on every step, so it belongs to the prepared
  // statement's text rather than to 62 values bound and sent each time; the enums' letters are all it may contain
  const text = `(VALUES ${rows.join(', ')}) AS m(k, status)`;
  if (!/^\(VALUES [('a-z_, )]+\) AS m\(k, status\)$/.test(text)) throw new Error(`registry status table: unexpected characters in ${text}`);
  return sql.raw(text);
}

/**
 * The institution's registry status from all its agreements (its version moves when it changes), as one
 * statement that can be a CTE of the step's (`RETURNING 1 AS n`): the set of its agreements' states looked
 * up in `derive`'s table. In a CTE it sees the agreement as the step's earlier UPDATE left it.
 */
export function setRegistryStatusSql(institutionId: string, derive: (states: LifeState[]) => 'designated' | 'suspended' | 'terminated' | null, now: Date): SQL {
  return sql`UPDATE institutions i SET status = m.status, version = i.version + 1, updated_at = ${now.toISOString()}::timestamptz
    FROM (SELECT string_agg(DISTINCT a.life_state COLLATE "C", ',' ORDER BY a.life_state COLLATE "C") AS k FROM agreements a
           WHERE a.institution_id = ${institutionId}::uuid AND a.life_state IS NOT NULL) x
    JOIN ${statusTable(derive)} ON m.k = x.k
    WHERE i.id = ${institutionId}::uuid AND i.status <> m.status
    RETURNING 1 AS n`;
}

/** Closes the open 中止 records of several agreements the same way (the sweep's batch). */
export async function closeSuspensions(tx: Tx, agreementIds: readonly string[], how: 'resumed' | 'ended', on: string): Promise<void> {
  if (agreementIds.length === 0) return;
  await tx.update(agreementSuspensions).set(how === 'resumed' ? { resumedOn: on } : { endedOn: on })
    .where(and(inArray(agreementSuspensions.agreementId, [...agreementIds]), isNull(agreementSuspensions.resumedOn), isNull(agreementSuspensions.endedOn)));
}

/** `setRegistryStatus` for several institutions: one read of their agreements' states, one UPDATE of those whose status changes. */
export async function setRegistryStatuses(tx: Tx, institutionIds: readonly string[], derive: (states: LifeState[]) => 'designated' | 'suspended' | 'terminated' | null, now: Date): Promise<void> {
  const ids = [...new Set(institutionIds)];
  if (ids.length === 0) return;
  const states = new Map<string, LifeState[]>();
  for (const r of await tx.select({ i: agreements.institutionId, s: agreements.lifeState }).from(agreements)
    .where(and(inArray(agreements.institutionId, ids), isNotNull(agreements.lifeState)))) {
    states.set(r.i, [...(states.get(r.i) ?? []), r.s!]);
  }
  const values = ids.flatMap((id) => {
    const status = derive(states.get(id) ?? []);
    return status ? [sql`(${id}::uuid, ${status})`] : [];
  });
  if (values.length === 0) return;
  await tx.execute(sql`UPDATE institutions i SET status = v.status, version = i.version + 1, updated_at = ${now.toISOString()}::timestamptz
    FROM (VALUES ${sql.join(values, sql`, `)}) AS v(id, status) WHERE i.id = v.id AND i.status <> v.status`);
}

/**
 * The institution's other live agreements in other pooling regions (吉医保规〔2023〕1号 第三十条): a
 * pooling region (统筹区) is a prefecture, so agreements of the same prefecture are not "other".
 */
export async function otherLiveAgreements(tx: Tx, institutionId: string, exceptId: string, regionCode: string) {
  return tx.select({ id: agreements.id, number: agreements.number, regionCode: agreements.regionCode, version: agreements.version, lifeState: agreements.lifeState })
    .from(agreements)
    .where(and(eq(agreements.institutionId, institutionId), ne(agreements.id, exceptId), sql`left(${agreements.regionCode}, 4) <> ${regionCode.slice(0, 4)}`,
      inArray(agreements.lifeState, ['in_force', 'suspended'])))
    .orderBy(asc(agreements.regionCode));
}

// ───────────── the register ─────────────

export interface RegisterFilter {
  q?: string;
  region?: string;
  kind?: string;
  lifeState?: LifeState;
  termToFrom?: string;
  termToTo?: string;
  institutionId?: string;
  sort?: 'termTo' | '-termTo' | 'number' | 'institutionName' | 'lifeSince';
}

function registerWhere(scope: Scope, f: RegisterFilter): SQL | undefined {
  const q = f.q?.trim();
  return and(
    agreementScopeWhere(scope), isNotNull(agreements.lifeState),
    q ? or(sql`${agreements.number} ILIKE ${`%${q}%`}`, sql`${institutions.name} ILIKE ${`%${q}%`}`, eq(institutions.uscc, q), eq(institutions.ybCode, q)) : undefined,
    f.region ? sql`${agreements.regionCode} LIKE ${`${f.region.replace(/(00)+$/, '')}%`}` : undefined,
    f.kind ? eq(institutions.kind, f.kind as 'medical') : undefined,
    f.lifeState ? eq(agreements.lifeState, f.lifeState) : undefined,
    f.termToFrom ? gte(agreements.termTo, f.termToFrom) : undefined,
    f.termToTo ? lte(agreements.termTo, f.termToTo) : undefined,
    f.institutionId ? eq(agreements.institutionId, f.institutionId) : undefined,
  );
}

const SORTS = {
  termTo: [asc(agreements.termTo)], '-termTo': [desc(agreements.termTo)], number: [asc(agreements.number)],
  institutionName: [asc(institutions.name)], lifeSince: [desc(agreements.lifeSince)],
} as const;

export async function listRegister(db: Db, scope: Scope, f: RegisterFilter, page: number, pageSize: number) {
  const where = registerWhere(scope, f);
  const items = await lifeSelect(db).where(where).orderBy(...SORTS[f.sort ?? 'termTo'], asc(agreements.id)).limit(pageSize).offset((page - 1) * pageSize);
  const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(agreements).innerJoin(institutions, eq(institutions.id, agreements.institutionId)).where(where);
  return { items: items as AgreementLifeRow[], total: Number(n?.n ?? 0) };
}

/** The register in batches for the Excel export (never the whole table in memory). */
export async function* registerBatches(db: Db, scope: Scope, f: RegisterFilter, batch = 500): AsyncGenerator<AgreementLifeRow[]> {
  for (let offset = 0; ; offset += batch) {
    const rows = await lifeSelect(db).where(registerWhere(scope, f)).orderBy(...SORTS[f.sort ?? 'termTo'], asc(agreements.id)).limit(batch).offset(offset);
    if (rows.length === 0) return;
    yield rows as AgreementLifeRow[];
    if (rows.length < batch) return;
  }
}

// ───────────── the detail page ─────────────

export async function timelineOf(db: Db, agreementId: string) {
  return db.select({
    at: auditLog.at, action: auditLog.action, actorName: users.displayName, before: auditLog.before, after: auditLog.after, reason: auditLog.reason,
  }).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(eq(auditLog.chain, `agreement:${agreementId}`))
    .orderBy(asc(auditLog.chainSeq));
}

export async function caseDocumentsOf(db: Db | Tx, agreementId: string) {
  return db.select({ id: documents.id, kind: documents.kind, number: documents.number, title: documents.title, issuedAt: documents.issuedAt })
    .from(documents).where(and(eq(documents.caseType, 'agreement'), eq(documents.caseId, agreementId))).orderBy(asc(documents.issuedAt), asc(documents.number));
}

export async function caseDocument(db: Db, agreementId: string, docId: string) {
  if (!isUuid(docId)) return null;
  const [d] = await db.select().from(documents).where(and(eq(documents.caseType, 'agreement'), eq(documents.caseId, agreementId), eq(documents.id, docId))).limit(1);
  return d ?? null;
}

// ───────────── the sweep ─────────────

/** Live (or pending) agreements whose term ended before today, by agreements_life_term_idx, in batches. */
export async function expiredLiveAgreements(db: Db, today: string, limit: number) {
  return db.select({ id: agreements.id, version: agreements.version }).from(agreements)
    .where(and(inArray(agreements.lifeState, ['pending', 'in_force', 'suspended']), lt(agreements.termTo, today)))
    .orderBy(asc(agreements.termTo), asc(agreements.id)).limit(limit);
}

export async function agreementVersion(db: Db, id: string): Promise<number | null> {
  const [r] = await db.select({ v: agreements.version }).from(agreements).where(eq(agreements.id, id)).limit(1);
  return r?.v ?? null;
}
