/**
 * Applications of the designation pipeline: load by id inside the user's territory, insert,
 * optimistic update, and the work-queue query. The domain object lives in `data`; `state` and
 * `version` are columns so that queues are indexed and concurrent steps are detected.
 */
import { and, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { applicationMaterials, applications, institutionPersons, institutions, organizations, persons, regions } from './schema/index';
import { institutionScopeWhere } from './territory';
import { deadlineEffectCtes, type DeadlinePlan } from './deadline-repo';
import { auditInsertSql, chainHeadJsonSql, headFromJson, type AuditInsert } from './audit-repo';
import { serialsOf, takeSerialsSql, type SerialRequest } from './document-repo';
import type { ChainHead } from '../domain/audit/chain';
import type { Scope } from '../domain/identity/territory';
import type { SessionUser } from '../domain/identity/roles';
import type { Application } from '../domain/designation/application';
import type { DeclaredConditions } from '../domain/designation/conditions';

export type ApplicationRow = typeof applications.$inferSelect;

/** What the institution declared with its application (not part of the workflow's state). */
export interface Declaration {
  paymentCategories: string[];
  insuranceSchemes: string[];
  /** free text, stored and shown as text, never as HTML */
  note?: string;
  contactName?: string;
  contactPhone?: string;
  /** the facts of the basic conditions the registry does not hold (decision 0023) */
  conditions?: DeclaredConditions;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => UUID.test(s);

/**
 * The territory filter for applications: institution users their own institution's, agencies and
 * administrative departments by region prefix, experts the applications whose panel they sit on.
 */
export function applicationScopeWhere(scope: Scope, user: Pick<SessionUser, 'id' | 'roles'> | null): SQL {
  if (scope.kind === 'none' && user?.roles.includes('expert')) {
    // the panel sitting now, or a panel whose concluded record the application keeps
    const member = { evaluator: { panel: { members: [{ expertId: user.id }] } } };
    const now = JSON.stringify({ evaluation: member });
    const before = JSON.stringify({ evaluations: [{ record: member }] });
    return sql`(${applications.data} @> ${now}::jsonb OR ${applications.data} @> ${before}::jsonb)`;
  }
  return institutionScopeWhere(scope, { id: applications.institutionId, regionCode: applications.regionCode });
}

/** The row, or null when it does not exist, is not a uuid, or lies outside the scope (→ 404). */
export async function findApplication(db: Db | Tx, id: string, where?: SQL): Promise<ApplicationRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(applications).where(and(eq(applications.id, id), where)).limit(1);
  return row ?? null;
}

/** The head of the application's audit chain ('application:<id>'), read with the row for the step's audit row. */
const applicationChainHead = chainHeadJsonSql(sql`'application:' || "applications"."id"::text`);

/**
 * The row with the head of its audit chain, in one statement: a step links its audit row to that
 * head and writes it with the row's version-checked UPDATE (decision 0012).
 */
export async function findApplicationWithHead(db: Db | Tx, id: string, where?: SQL): Promise<{ row: ApplicationRow; head: ChainHead } | null> {
  if (!isUuid(id)) return null;
  const [r] = await db.select({ row: applications, head: applicationChainHead }).from(applications).where(and(eq(applications.id, id), where)).limit(1);
  return r ? { row: r.row, head: headFromJson(r.head) } : null;
}

/** What a document-issuing step needs besides the row (src/designation/issue-documents.ts loadParties + the uploads). */
export interface StepPartyFacts {
  institution: { id: string; name: string; uscc: string; address: string } | null;
  /** the name of one 法定代表人/person linked to the institution (loadParties' `LIMIT 1`), or null */
  legalName: string | null;
  /** the issuing agency: `agencyOrgId`, else the application's agency; null when neither exists */
  agency: { id: string; name: string; level: string; regionName: string | null } | null;
  /** item keys of the application's uploaded materials */
  uploadedItemKeys: string[];
}

/**
 * `findApplication` plus, in the same statement, everything a document-issuing step reads before
 * its transaction: the institution, one linked person's name, the issuing agency with its region's
 * name, and the uploaded material keys. One round trip instead of five (the row, then
 * loadParties' three queries and materialsOf). `agencyOrgId` = the acting agency's organisation,
 * or null for the application's own agency.
 */
export async function findApplicationWithParties(
  db: Db | Tx, id: string, where: SQL | undefined, agencyOrgId: string | null,
): Promise<{ row: ApplicationRow; head: ChainHead; facts: StepPartyFacts } | null> {
  if (!isUuid(id)) return null;
  const legal = db.select({ name: persons.name }).from(institutionPersons)
    .innerJoin(persons, eq(persons.id, institutionPersons.personId))
    .where(eq(institutionPersons.institutionId, applications.institutionId)).limit(1);
  const uploaded = sql<string[]>`(SELECT coalesce(json_agg(${applicationMaterials.itemKey}), '[]'::json) FROM ${applicationMaterials} WHERE ${applicationMaterials.applicationId} = ${applications.id})`;
  const agencyId = agencyOrgId === null ? sql`${applications.agencyOrgId}` : sql`${agencyOrgId}::uuid`;
  const [r] = await db
    .select({
      row: applications,
      instId: institutions.id, instName: institutions.name, instUscc: institutions.uscc, instAddress: institutions.address,
      legalName: sql<string | null>`(${legal})`,
      agencyId: organizations.id, agencyName: organizations.name, agencyLevel: organizations.level, agencyRegionName: regions.name,
      uploaded,
      head: applicationChainHead,
    })
    .from(applications)
    .leftJoin(institutions, eq(institutions.id, applications.institutionId))
    .leftJoin(organizations, eq(organizations.id, agencyId))
    .leftJoin(regions, eq(regions.code, organizations.regionCode))
    .where(and(eq(applications.id, id), where))
    .limit(1);
  if (!r) return null;
  return {
    row: r.row,
    head: headFromJson(r.head),
    facts: {
      institution: r.instId ? { id: r.instId, name: r.instName!, uscc: r.instUscc!, address: r.instAddress! } : null,
      legalName: r.legalName ?? null,
      agency: r.agencyId ? { id: r.agencyId, name: r.agencyName!, level: r.agencyLevel!, regionName: r.agencyRegionName } : null,
      uploadedItemKeys: r.uploaded ?? [],
    },
  };
}

/** What `createApplication` reads before it inserts: the institution and, with it, the facts that decide the draft. */
export interface ApplicantFacts {
  institution: typeof institutions.$inferSelect;
  /** profile id of the institution's province row (null: none set) */
  profileId: string | null;
  /** the institution already has an application that is neither ended nor filed */
  hasOpenApplication: boolean;
  /** the agencies of its county, prefecture and province */
  agencies: { id: string; level: string; regionCode: string }[];
}

/**
 * The applicant institution with its province's profile, whether it already has an open
 * application (one in none of `closedStates`) and the agencies of its county, prefecture and province —
 * one statement instead of four.
 */
export async function findApplicantFacts(db: Db | Tx, institutionId: string, closedStates: readonly string[]): Promise<ApplicantFacts | null> {
  // raw column names with aliases: drizzle leaves columns unqualified in a one-table select, which
  // inside a subquery would bind to the subquery's own table
  const code = sql`"institutions"."region_code"`;
  const [r] = await db
    .select({
      institution: institutions,
      profileId: sql<string | null>`(SELECT r.profile_id FROM regions r WHERE r.code = left(${code}, 2) || '0000')`,
      hasOpen: sql<boolean>`EXISTS (SELECT 1 FROM applications a WHERE a.institution_id = "institutions"."id"
        AND a.state NOT IN (${sql.join(closedStates.map((st) => sql`${st}`), sql`, `)}))`,
      agencies: sql<{ id: string; level: string; regionCode: string }[]>`(SELECT coalesce(json_agg(json_build_object('id', o.id, 'level', o.level, 'regionCode', o.region_code)), '[]'::json)
        FROM ${organizations} o WHERE o.kind = 'agency' AND o.region_code IN (${code}, left(${code}, 4) || '00', left(${code}, 2) || '0000'))`,
    })
    .from(institutions)
    .where(eq(institutions.id, institutionId))
    .limit(1);
  return r ? { institution: r.institution, profileId: r.profileId, hasOpenApplication: r.hasOpen, agencies: r.agencies } : null;
}

/**
 * Inserts a draft with its first audit row, in one statement (its own transaction): the chain
 * `application:<id>` of a new id is empty, so the row links to the genesis (decision 0012).
 */
export async function insertApplication(db: Db | Tx, row: typeof applications.$inferInsert, audit?: AuditInsert): Promise<ApplicationRow> {
  const insert = db.insert(applications).values(row).returning();
  if (!audit) {
    const [r] = await insert;
    return r!;
  }
  const app = db.$with('dl_app').as(insert);
  const au = db.$with('dl_audit', { n: sql<number>`n` }).as(auditInsertSql(audit));
  const [r] = await db.with(app, au).select().from(app);
  return r!;
}

/**
 * The version-checked UPDATE of a step, with in the same statement every deadline write of the
 * step and, when given, its audit row: outside a transaction this one statement is the step's
 * whole transaction (one round trip). Every other write is gated on the UPDATE having matched, so
 * a stale version writes nothing and returns null (→ 409).
 */
export async function updateApplicationState(
  tx: Tx | Db, id: string, expectedVersion: number, next: Application, at: Date, submitted: boolean, deadlines?: DeadlinePlan, audit?: AuditInsert,
  numbering?: ApplicationNumbering,
): Promise<ApplicationRow | null> {
  return (await updateStep(tx, id, expectedVersion, next, at, submitted, deadlines, audit ? [{ name: 'dl_audit', sql: auditInsertSql(audit, STEP_GATE) }] : [], numbering))?.row ?? null;
}

/** Type code of 申请编号 in document_counters (decision 0019). */
export const APPLICATION_NO_CODE = '定申';

/**
 * The 申请编号 a submission takes (decision 0019): `<prefix>〔<year>〕<serial>号` with the serial from
 * the receiving agency's counter (agency, '定申', year). `prefix` = 机关代字 + '定申'.
 */
export interface ApplicationNumbering {
  agencyOrgId: string;
  prefix: string;
  year: number;
}

/**
 * The counter's upsert as the step's first CTE `dl_no`: it takes a serial only when the row is at
 * the expected version and has no number yet, and locks that row first (FOR UPDATE) — so a lost
 * race (stale version) takes nothing and numbers have no gaps; concurrent submissions to one agency
 * queue on the counter row and each get the next serial.
 */
function takeApplicationNoSql(id: string, expectedVersion: number, n: ApplicationNumbering): SQL {
  return sql`INSERT INTO document_counters (agency_org_id, type_code, year, last)
SELECT ${n.agencyOrgId}::uuid, ${APPLICATION_NO_CODE}, ${n.year}::int, 1
FROM (SELECT 1 FROM applications WHERE id = ${id}::uuid AND version = ${expectedVersion}::int AND application_no IS NULL FOR UPDATE) AS gate
ON CONFLICT (agency_org_id, type_code, year) DO UPDATE SET last = document_counters.last + 1
RETURNING last`;
}

/**
 * `updateApplicationState` for a step that issues documents: the serials of its documents are
 * taken in the same statement (the counters' upsert, gated on the UPDATE), so the step's
 * transaction is BEGIN, this, the documents with the audit row, COMMIT.
 */
export async function updateApplicationStateTakingSerials(
  tx: Tx, id: string, expectedVersion: number, next: Application, at: Date, submitted: boolean, deadlines: DeadlinePlan | undefined, serials: readonly SerialRequest[],
): Promise<{ row: ApplicationRow; serials: number[] } | null> {
  if (serials.length === 0) {
    const row = await updateApplicationState(tx, id, expectedVersion, next, at, submitted, deadlines);
    return row ? { row, serials: [] } : null;
  }
  const r = await updateStep(tx, id, expectedVersion, next, at, submitted, deadlines, [{ name: 'dl_ctr', sql: takeSerialsSql(serials, STEP_GATE), returns: true }]);
  return r ? { row: r.row, serials: serialsOf(serials, r.returned) } : null;
}

const STEP_GATE = sql`EXISTS (SELECT 1 FROM "dl_app")`;

/** The UPDATE as CTE `dl_app` with the other writes gated on it; `returns`: the one CTE whose rows ({key, last}) come back. */
async function updateStep(
  tx: Tx | Db, id: string, expectedVersion: number, next: Application, at: Date, submitted: boolean, deadlines: DeadlinePlan | undefined,
  extra: { name: string; sql: SQL; returns?: boolean }[], numbering?: ApplicationNumbering,
): Promise<{ row: ApplicationRow; returned: { key: string; last: number }[] } | null> {
  const update = tx
    .update(applications)
    .set({
      state: next.state, data: next, version: sql`${applications.version} + 1`, updatedAt: at,
      ...(submitted ? { submittedAt: at } : {}),
      ...(numbering
        ? { applicationNo: sql`coalesce(${applications.applicationNo}, ${`${numbering.prefix}〔${numbering.year}〕`} || (SELECT last FROM "dl_no")::text || '号')` }
        : {}),
    })
    .where(and(eq(applications.id, id), eq(applications.version, expectedVersion)))
    .returning();
  const ctes: { name: string; sql: SQL; returns?: boolean }[] = [...(deadlines ? deadlineEffectCtes(id, deadlines, STEP_GATE) : []), ...extra];
  if (ctes.length === 0 && !numbering) {
    const [r] = await update;
    return r ? { row: r, returned: [] } : null;
  }
  const no = numbering ? [tx.$with('dl_no', { last: sql<number>`last` }).as(takeApplicationNoSql(id, expectedVersion, numbering))] : [];
  const app = tx.$with('dl_app').as(update);
  const writes = ctes.map((c) => tx.$with(c.name, c.returns ? { key: sql<string>`key`, last: sql<number>`last` } : { n: sql<number>`n` }).as(c.sql));
  const returning = extra.find((c) => c.returns);
  const columns = Object.fromEntries(Object.keys(getTableColumns(applications)).map((k) => [k, (app as unknown as Record<string, unknown>)[k]]));
  const [r] = await tx
    .with(...no, app, ...writes)
    .select({
      ...(columns as Record<keyof ApplicationRow, never>),
      __returned: returning
        ? sql<{ key: string; last: number }[]>`(SELECT coalesce(json_agg(json_build_object('key', key, 'last', last)), '[]'::json) FROM ${sql.identifier(returning.name)})`
        : sql<{ key: string; last: number }[]>`'[]'::json`,
    })
    .from(app);
  if (!r) return null;
  const { __returned, ...row } = r as unknown as ApplicationRow & { __returned: { key: string; last: number }[] };
  return { row, returned: __returned };
}

/** Earlier applications of these institutions (for screening: refusals, bans, failures). */
export async function applicationsOfInstitutions(db: Db | Tx, institutionIds: string[]): Promise<ApplicationRow[]> {
  if (institutionIds.length === 0) return [];
  return db.select().from(applications).where(inArray(applications.institutionId, institutionIds));
}

/**
 * The draft's declaration (contact, categories, schemes, note), version-checked, with its audit row
 * in the same statement (decision 0012); null when the version moved or the row is no longer a draft.
 */
export async function updateDraftDeclaration(
  db: Db | Tx, id: string, expectedVersion: number, declaration: Declaration, at: Date, audit: AuditInsert,
): Promise<ApplicationRow | null> {
  const update = db.update(applications)
    .set({ declaration, version: sql`${applications.version} + 1`, updatedAt: at })
    .where(and(eq(applications.id, id), eq(applications.version, expectedVersion), eq(applications.state, 'draft')))
    .returning();
  const app = db.$with('dl_app').as(update);
  const au = db.$with('dl_audit', { n: sql<number>`n` }).as(auditInsertSql(audit, STEP_GATE));
  const [r] = await db.with(app, au).select().from(app);
  return (r as ApplicationRow | undefined) ?? null;
}
