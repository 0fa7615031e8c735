/**
 * Agreement templates, agreements, signing keys, 授权委托书 uploads and signatures. Territory:
 * agreements carry the application's region; institution users see their own institution's.
 */
import { aliasedTable, and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
import {
  agreementSignatures, agreementTemplates, agreements, applications, deadlines, documents, filingReceipts, institutions, organizations,
  settlementRestrictions, signingKeys,
} from './schema/index';
import { institutionScopeWhere, prefixLike } from './territory';
import { isUuid } from './designation-repo';
import type { Scope } from '../domain/identity/territory';

export type TemplateRow = typeof agreementTemplates.$inferSelect;
export type AgreementRow = typeof agreements.$inferSelect;
export type SignatureRow = typeof agreementSignatures.$inferSelect;
export type KeyRow = typeof signingKeys.$inferSelect;

// ───────────── templates ─────────────

export async function insertTemplate(tx: Tx, row: typeof agreementTemplates.$inferInsert): Promise<TemplateRow> {
  const [r] = await tx.insert(agreementTemplates).values(row).returning();
  return r!;
}

export async function findTemplate(db: Db | Tx, id: string): Promise<TemplateRow | null> {
  if (!isUuid(id)) return null;
  const [r] = await db.select().from(agreementTemplates).where(eq(agreementTemplates.id, id)).limit(1);
  return r ?? null;
}

export async function latestVersion(tx: Db | Tx, code: string): Promise<number> {
  const [r] = await tx.select({ v: sql<number>`coalesce(max(${agreementTemplates.version}), 0)::int` }).from(agreementTemplates).where(eq(agreementTemplates.code, code));
  return Number(r?.v ?? 0);
}

export interface TemplateFilter {
  kind?: 'template' | 'supplement';
  profileId?: string;
  institutionKind?: string;
  year?: number;
  baseTemplateId?: string;
}

export async function listTemplates(db: Db, f: TemplateFilter): Promise<TemplateRow[]> {
  return db
    .select()
    .from(agreementTemplates)
    .where(and(
      f.kind ? eq(agreementTemplates.kind, f.kind) : undefined,
      f.profileId ? eq(agreementTemplates.profileId, f.profileId) : undefined,
      f.institutionKind ? eq(agreementTemplates.institutionKind, f.institutionKind) : undefined,
      f.year ? eq(agreementTemplates.year, f.year) : undefined,
      f.baseTemplateId ? eq(agreementTemplates.baseTemplateId, f.baseTemplateId) : undefined,
    ))
    .orderBy(asc(agreementTemplates.code), desc(agreementTemplates.version));
}

/** 53 for a province code, 5301 for a prefecture, the code itself for a county (as regionFilterPrefix). */
const regionPrefixSql = sql`(CASE WHEN ${agreementTemplates.regionCode} LIKE '%0000' THEN left(${agreementTemplates.regionCode}, 2)
  WHEN ${agreementTemplates.regionCode} LIKE '%00' THEN left(${agreementTemplates.regionCode}, 4) ELSE ${agreementTemplates.regionCode} END)`;

/** The most specific supplement of a template whose region covers `regionCode` (newest version). */
export async function currentSupplement(db: Db | Tx, baseTemplateId: string, regionCode: string): Promise<TemplateRow | null> {
  const [r] = await db
    .select()
    .from(agreementTemplates)
    .where(and(
      eq(agreementTemplates.kind, 'supplement'), eq(agreementTemplates.baseTemplateId, baseTemplateId),
      sql`${regionCode} LIKE ${regionPrefixSql} || '%'`,
    ))
    .orderBy(sql`length(${regionPrefixSql}) desc`, desc(agreementTemplates.version))
    .limit(1);
  return r ?? null;
}

// ───────────── agreements ─────────────

export function agreementScopeWhere(scope: Scope): SQL {
  if (scope.kind === 'region') return prefixLike(agreements.regionCode, scope.prefix);
  return institutionScopeWhere(scope, { id: agreements.institutionId, regionCode: agreements.regionCode });
}

export async function findAgreement(db: Db | Tx, id: string, where?: SQL): Promise<AgreementRow | null> {
  if (!isUuid(id)) return null;
  const [r] = await db.select().from(agreements).where(and(eq(agreements.id, id), where)).limit(1);
  return r ?? null;
}

/** The application's main agreement (its 双通道 agreement, if any, is a second row with dual_channel). */
export async function agreementOfApplication(db: Db | Tx, applicationId: string): Promise<AgreementRow | null> {
  const [r] = await db.select().from(agreements).where(and(eq(agreements.applicationId, applicationId), eq(agreements.dualChannel, false))).limit(1);
  return r ?? null;
}

export async function upsertDraftAgreement(tx: Tx, row: typeof agreements.$inferInsert): Promise<AgreementRow | null> {
  const [r] = await tx
    .insert(agreements)
    .values(row)
    .onConflictDoUpdate({
      target: [agreements.applicationId, agreements.dualChannel],
      targetWhere: sql`application_id is not null`,
      set: {
        templateId: row.templateId, supplementId: row.supplementId ?? null, number: row.number, termFrom: row.termFrom, termTo: row.termTo,
        special: row.special, model: row.model, canonicalText: row.canonicalText, textSm3: row.textSm3, agencyOrgId: row.agencyOrgId ?? null,
        templateChoice: row.templateChoice ?? null,
        version: sql`${agreements.version} + 1`, updatedAt: row.updatedAt, createdBy: row.createdBy ?? null,
      },
      setWhere: eq(agreements.status, 'draft'),
    })
    .returning();
  return r ?? null;
}

export async function setAgreementStatus(tx: Tx, id: string, from: AgreementRow['status'], patch: Partial<typeof agreements.$inferInsert>): Promise<AgreementRow | null> {
  const [r] = await tx
    .update(agreements)
    .set({ ...patch, version: sql`${agreements.version} + 1` })
    .where(and(eq(agreements.id, id), eq(agreements.status, from)))
    .returning();
  return r ?? null;
}

/** 作废: the application's agreement not yet signed by both parties becomes void (null when there is none to void). */
export async function voidOpenAgreement(tx: Tx, applicationId: string, at: Date): Promise<AgreementRow | null> {
  const [r] = await tx
    .update(agreements)
    .set({ status: 'void', updatedAt: at, version: sql`${agreements.version} + 1` })
    .where(and(eq(agreements.applicationId, applicationId), eq(agreements.dualChannel, false), inArray(agreements.status, ['draft', 'fixed'])))
    .returning();
  return r ?? null;
}

export async function listAgreements(db: Db, scope: Scope, f: { status?: string; institutionId?: string; page: number; pageSize: number }) {
  const where = and(agreementScopeWhere(scope), f.status ? eq(agreements.status, f.status as 'draft') : undefined,
    f.institutionId ? eq(agreements.institutionId, f.institutionId) : undefined);
  const items = await db
    .select({
      id: agreements.id, applicationId: agreements.applicationId, institutionId: agreements.institutionId, institutionName: institutions.name,
      number: agreements.number, status: agreements.status, termFrom: agreements.termFrom, termTo: agreements.termTo,
      regionCode: agreements.regionCode, updatedAt: agreements.updatedAt, source: agreements.source, paymentCategories: agreements.paymentCategories,
    })
    .from(agreements)
    .innerJoin(institutions, eq(institutions.id, agreements.institutionId))
    .where(where)
    .orderBy(desc(agreements.updatedAt), asc(agreements.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(agreements).where(where);
  return { items, total: Number(total?.n ?? 0), page: f.page, pageSize: f.pageSize };
}

// ───────────── keys, mandates, signatures ─────────────

export async function activeKey(db: Db | Tx, userId: string): Promise<KeyRow | null> {
  const [r] = await db.select().from(signingKeys).where(and(eq(signingKeys.userId, userId), isNull(signingKeys.revokedAt))).limit(1);
  return r ?? null;
}

export async function insertKey(tx: Db | Tx, row: typeof signingKeys.$inferInsert): Promise<KeyRow> {
  const [r] = await tx.insert(signingKeys).values(row).onConflictDoNothing().returning();
  return r ?? (await activeKey(tx, row.userId))!;
}

export async function keysByIds(db: Db | Tx, ids: string[]): Promise<KeyRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(signingKeys).where(sql`${signingKeys.id} = ANY(${sql`ARRAY[${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)}]`})`);
}

export async function insertSignature(tx: Tx, row: typeof agreementSignatures.$inferInsert): Promise<SignatureRow> {
  const [r] = await tx.insert(agreementSignatures).values(row).returning();
  return r!;
}

export async function signaturesOf(db: Db | Tx, agreementId: string): Promise<SignatureRow[]> {
  return db.select().from(agreementSignatures).where(eq(agreementSignatures.agreementId, agreementId)).orderBy(asc(agreementSignatures.signedAt), asc(agreementSignatures.party));
}

// ───────────── filings inbox and statistics ─────────────

/**
 * The filings inbox lists the pipeline's filings and, since issue #10, the agreement notices the
 * department must receive (京医保发〔2021〕30号 第四十九条, 云医保〔2022〕6号 第三十一条,
 * 吉医保规〔2023〕1号 第三十一条): 中止, 解除 and 终止 notices, documents of case type 'agreement'.
 */
export const AGREEMENT_FILING_KINDS = ['suspension_notice', 'termination_notice', 'ending_notice'] as const;
/** 暂停人员/科室医保结算 (京医保发〔2021〕30号 第四十九条, 云医保〔2022〕6号 第三十一条; decision 0035) */
export const RESTRICTION_FILING_KINDS = ['settlement_notice'] as const;
export const FILING_KINDS = ['evaluation_filing', 'signing_filing', ...AGREEMENT_FILING_KINDS, ...RESTRICTION_FILING_KINDS] as const;
export type FilingKind = (typeof FILING_KINDS)[number];

export interface FilingFilter {
  kind?: FilingKind;
  /** the department's level: only filings of agencies at this level (同级), unless null */
  level: string | null;
  orgId: string;
  acknowledged?: boolean;
  page: number;
  pageSize: number;
}

const issuer = aliasedTable(organizations, 'issuer');
/** a filing belongs to an application (pipeline filings) or to an agreement (its notices) */
const caseAgreement = aliasedTable(agreements, 'case_agreement');
/** a settlement restriction's notice belongs to the restriction, and through it to its agreement */
const caseRestriction = aliasedTable(settlementRestrictions, 'case_restriction');
const caseAgreementOn = sql`((${documents.caseType} = 'agreement' and ${caseAgreement.id} = ${documents.caseId})
  or (${documents.caseType} = 'settlement_restriction' and ${caseAgreement.id} = ${caseRestriction.agreementId}))`;
const filingRegion = sql<string>`coalesce(${applications.regionCode}, ${caseAgreement.regionCode})`;
const filingInstitution = sql<string>`coalesce(${applications.institutionId}, ${caseAgreement.institutionId})`;

function filingScope(scope: Scope): SQL {
  if (scope.kind === 'all') return sql`true`;
  if (scope.kind === 'region') return prefixLike(filingRegion, scope.prefix);
  if (scope.kind === 'institution') return sql`${filingInstitution} = ${scope.institutionId}::uuid`;
  return sql`false`;
}

function filingWhere(scope: Scope, f: Pick<FilingFilter, 'kind' | 'level' | 'acknowledged'>, id?: string): SQL | undefined {
  return and(
    inArray(documents.kind, f.kind ? [f.kind] : [...FILING_KINDS]),
    // an agreement notice is a filing only as a document of the agreement's case
    sql`(${documents.applicationId} is not null or ${documents.caseType} in ('agreement', 'settlement_restriction'))`,
    filingScope(scope),
    f.level ? eq(issuer.level, f.level as 'county') : undefined,
    f.acknowledged === undefined ? undefined : f.acknowledged ? sql`${filingReceipts.id} is not null` : sql`${filingReceipts.id} is null`,
    id ? eq(documents.id, id) : undefined,
  );
}

function filingQuery(db: Db, orgId: string) {
  return db
    .select({
      id: documents.id, kind: documents.kind, number: documents.number, title: documents.title, issuedAt: documents.issuedAt,
      applicationId: sql<string>`coalesce(${documents.applicationId}::text, ${caseAgreement.applicationId}::text, '')`,
      applicationState: sql<string>`coalesce(${applications.state}, ${caseAgreement.lifeState}, '')`,
      agreementId: sql<string | null>`${caseAgreement.id}`,
      regionCode: filingRegion,
      institutionName: institutions.name, issuerName: issuer.name, issuerLevel: issuer.level,
      acknowledgedAt: filingReceipts.at, model: documents.model,
    })
    .from(documents)
    .leftJoin(applications, eq(applications.id, documents.applicationId))
    .leftJoin(caseRestriction, and(eq(documents.caseType, 'settlement_restriction'), eq(caseRestriction.id, documents.caseId)))
    .leftJoin(caseAgreement, caseAgreementOn)
    .innerJoin(institutions, sql`${institutions.id} = ${filingInstitution}`)
    .leftJoin(issuer, eq(issuer.id, documents.issuerOrgId))
    .leftJoin(filingReceipts, and(eq(filingReceipts.documentId, documents.id), eq(filingReceipts.orgId, orgId)));
}

function filingCount(db: Db, orgId: string, where: SQL | undefined) {
  return db
    .select({ n: sql<number>`count(*)::int` })
    .from(documents)
    .leftJoin(applications, eq(applications.id, documents.applicationId))
    .leftJoin(caseRestriction, and(eq(documents.caseType, 'settlement_restriction'), eq(caseRestriction.id, documents.caseId)))
    .leftJoin(caseAgreement, caseAgreementOn)
    .leftJoin(issuer, eq(issuer.id, documents.issuerOrgId))
    .leftJoin(filingReceipts, and(eq(filingReceipts.documentId, documents.id), eq(filingReceipts.orgId, orgId)))
    .where(where);
}

export async function listFilings(db: Db, scope: Scope, f: FilingFilter) {
  const where = filingWhere(scope, f);
  const rows = await filingQuery(db, f.orgId).where(where).orderBy(desc(documents.issuedAt), asc(documents.id)).limit(f.pageSize).offset((f.page - 1) * f.pageSize);
  const [total] = await filingCount(db, f.orgId, where);
  return { items: rows.map(({ model: _m, ...r }) => r), total: Number(total?.n ?? 0), page: f.page, pageSize: f.pageSize };
}

export async function findFiling(db: Db, scope: Scope, orgId: string, level: string | null, id: string) {
  if (!isUuid(id)) return null;
  const [r] = await filingQuery(db, orgId).where(filingWhere(scope, { level }, id)).limit(1);
  return r ?? null;
}

/** Filings in scope (and level) this department has not acknowledged yet — the inbox's unread count. */
export async function countUnacknowledged(db: Db, scope: Scope, orgId: string, level: string | null): Promise<number> {
  const [r] = await filingCount(db, orgId, filingWhere(scope, { level, acknowledged: false }));
  return Number(r?.n ?? 0);
}

/** Several filings by id inside the scope (and level), for a batch acknowledgement. */
export async function findFilings(db: Db | Tx, scope: Scope, orgId: string, level: string | null, ids: readonly string[]) {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return filingQuery(db as Db, orgId).where(and(filingWhere(scope, { level }), inArray(documents.id, valid)));
}

export async function insertReceipt(tx: Tx, row: typeof filingReceipts.$inferInsert) {
  const [r] = await tx.insert(filingReceipts).values(row).onConflictDoNothing().returning();
  return r ?? null;
}

/** Applications by state, open deadlines past due, and signatures online vs paper, inside a scope. */
export async function pipelineStatistics(db: Db, scope: Scope, today: string) {
  const inScope = institutionScopeWhere(scope, { id: applications.institutionId, regionCode: applications.regionCode });
  const byState = await db.select({ state: applications.state, n: sql<number>`count(*)::int` }).from(applications).where(inScope).groupBy(applications.state);
  const overdue = await db
    .select({ deadline: deadlines.deadline, n: sql<number>`count(*)::int` })
    .from(deadlines)
    .innerJoin(applications, eq(applications.id, deadlines.applicationId))
    .where(and(inScope, eq(deadlines.state, 'open'), isNull(deadlines.pausedSince), sql`${deadlines.dueOn} < ${today}`))
    .groupBy(deadlines.deadline);
  const sigScope = scope.kind === 'region' ? prefixLike(agreementSignatures.regionCode, scope.prefix) : scope.kind === 'all' ? sql`true` : sql`false`;
  const perAgreement = db
    .select({
      agreementId: agreementSignatures.agreementId,
      parties: sql<number>`count(*)::int`.as('parties'),
      online: sql<boolean>`bool_and(${agreementSignatures.online})`.as('all_online'),
    })
    .from(agreementSignatures)
    .where(sigScope)
    .groupBy(agreementSignatures.agreementId)
    .as('pa');
  const [sig] = await db
    .select({
      signed: sql<number>`count(*) filter (where ${perAgreement.parties} >= 2)::int`,
      online: sql<number>`count(*) filter (where ${perAgreement.parties} >= 2 and ${perAgreement.online})::int`,
    })
    .from(perAgreement);
  return { byState, overdue, signed: Number(sig?.signed ?? 0), onlineSigned: Number(sig?.online ?? 0) };
}

/** One agreement by its id or its 协议编号, inside a territory (null outside: existence is not revealed). */
export async function findAgreementByIdOrNumber(db: Db | Tx, key: string, scope: Scope): Promise<AgreementRow | null> {
  const [r] = await db.select().from(agreements)
    .where(and(isUuid(key) ? eq(agreements.id, key) : eq(agreements.number, key), agreementScopeWhere(scope)))
    .orderBy(desc(agreements.termTo)).limit(1);
  return r ?? null;
}
