/**
 * The renewed agreements of a 续签 campaign (issue #11, decision 0045): the generation job's claim and
 * progress on the campaign row, the items still to generate (keyset pages), the renewed agreement's
 * insert (at most one per old agreement: the unique index on renews_agreement_id), the agreements the
 * head may counter-sign, and the online-signing counts per region.
 */
import { and, asc, eq, gt, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../domain/identity/territory';
import type { Db, Tx } from './client';
import { agreementSignatures, agreements, applications, institutions, regions, renewalCampaigns, renewalItems } from './schema/index';
import { itemScopeWhere } from './renewal-campaign-repo';
import { prefixLike } from './territory';

export interface GenerationJob {
  id: string;
  state: 'running' | 'done' | 'failed';
  total: number;
  done: number;
  generated: number;
  failed: number;
  failures: { itemId: string; institutionName: string; message: string }[];
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  startedBy: string;
  error: string | null;
}

/** Claims the campaign's generation (false: a run is going on — one that has not moved for `staleMs` is taken over). */
export async function claimGeneration(db: Db, campaignId: string, job: GenerationJob, staleBefore: string): Promise<boolean> {
  const r = await db.update(renewalCampaigns).set({ generation: job })
    .where(and(eq(renewalCampaigns.id, campaignId), sql`(${renewalCampaigns.generation} IS NULL OR ${renewalCampaigns.generation}->>'state' <> 'running' OR ${renewalCampaigns.generation}->>'updatedAt' < ${staleBefore})`))
    .returning({ id: renewalCampaigns.id });
  return r.length === 1;
}

/** Writes the job's progress (only while the job is still this one). */
export async function saveGeneration(db: Db | Tx, campaignId: string, job: GenerationJob): Promise<void> {
  await db.update(renewalCampaigns).set({ generation: job })
    .where(and(eq(renewalCampaigns.id, campaignId), sql`${renewalCampaigns.generation}->>'id' = ${job.id}`));
}

/** decided 续签, no renewed agreement yet, and the old agreement still running (one 解除 or 终止 meanwhile is not renewed) */
/**
 * Items whose next agreement is due: decided 续签 with the old agreement still alive, or 缓签 whose re-evaluation
 * passed (自治区医保局〔2025〕征求意见稿 二(一)) — the old one may have reached its end meanwhile (终止 by expiry), never
 * 解除.
 */
/**
 * `cityStep` (京医保发〔2021〕30号 第四十一条, decision 0057): the renewal is the city's negotiated outcome, so only
 * negotiated items are generated; elsewhere the organising agency's decision.
 */
const toGenerate = (campaignId: string, cityStep: boolean): SQL => and(
  eq(renewalItems.campaignId, campaignId), eq(renewalItems.state, cityStep ? 'negotiated' : 'decided'), isNull(renewalItems.renewalAgreementId),
  or(
    and(eq(renewalItems.decided, 'renew'), inArray(agreements.lifeState, ['pending', 'in_force', 'suspended'])),
    and(eq(renewalItems.decided, 'defer'), sql`(${renewalItems.data} -> 'reevaluation' ->> 'passed') = 'true'`, inArray(agreements.lifeState, ['pending', 'in_force', 'suspended', 'ended'])),
  ),
)!;

export async function countToGenerate(db: Db, campaignId: string, cityStep: boolean): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(renewalItems)
    .innerJoin(agreements, eq(agreements.id, renewalItems.agreementId)).where(toGenerate(campaignId, cityStep));
  return Number(r?.n ?? 0);
}

/** One keyset page of items decided 续签 without a renewed agreement yet, with the old agreement and the institution. */
export async function itemsToGenerate(db: Db | Tx, campaignId: string, cityStep: boolean, afterItemId: string | null, limit: number) {
  return db
    .select({
      itemId: renewalItems.id, fixedAnnual: renewalItems.fixedAnnual, regionCode: agreements.regionCode, decided: renewalItems.decided, data: renewalItems.data,
      old: {
        id: agreements.id, number: agreements.number, institutionId: agreements.institutionId, termFrom: agreements.termFrom, termTo: agreements.termTo,
        form: agreements.form, fixedAgreementId: agreements.fixedAgreementId, textSm3: agreements.textSm3, special: agreements.special,
        paymentCategories: agreements.paymentCategories, dualChannel: agreements.dualChannel,
      },
      declaration: applications.declaration, institutionKind: institutions.kind, institutionName: institutions.name,
    })
    .from(renewalItems)
    .innerJoin(agreements, eq(agreements.id, renewalItems.agreementId))
    .innerJoin(institutions, eq(institutions.id, renewalItems.institutionId))
    .leftJoin(applications, eq(applications.id, agreements.applicationId))
    .where(and(toGenerate(campaignId, cityStep), afterItemId ? gt(renewalItems.id, afterItemId) : undefined))
    .orderBy(asc(renewalItems.id))
    .limit(limit);
}

/** The renewed agreement, or null when the old one already has its renewal (a concurrent run, a second click). */
export async function insertRenewedAgreement(tx: Tx, row: typeof agreements.$inferInsert): Promise<{ id: string } | null> {
  const [r] = await tx.insert(agreements).values(row).onConflictDoNothing().returning({ id: agreements.id });
  return r ?? null;
}

export async function linkRenewal(tx: Tx, itemId: string, agreementId: string): Promise<void> {
  await tx.update(renewalItems).set({ renewalAgreementId: agreementId, version: sql`${renewalItems.version} + 1` }).where(eq(renewalItems.id, itemId));
}

const hasSig = (party: 'institution' | 'agency') =>
  sql`EXISTS (SELECT 1 FROM ${agreementSignatures} s WHERE s.agreement_id = ${agreements.id} AND s.party = ${party})`;

const awaitingWhere = (campaignId: string, scope: Scope, regionCode: string | undefined) => and(
  eq(renewalItems.campaignId, campaignId), itemScopeWhere(scope), eq(agreements.status, 'fixed'), hasSig('institution'), sql`NOT ${hasSig('agency')}`,
  regionCode ? prefixLike(renewalItems.regionCode, regionCode.replace(/(00)+$/, '')) : undefined,
);

/** Renewed agreements signed by the institution and waiting for the agency head, in the user's territory (region optional): ids only. */
export async function awaitingCountersign(db: Db | Tx, campaignId: string, scope: Scope, regionCode: string | undefined, cap: number) {
  return db
    .select({ id: agreements.id, version: agreements.version, textSm3: agreements.textSm3, regionCode: agreements.regionCode, number: agreements.number })
    .from(renewalItems)
    .innerJoin(agreements, eq(agreements.id, renewalItems.renewalAgreementId))
    .where(awaitingWhere(campaignId, scope, regionCode))
    .orderBy(asc(agreements.id))
    .limit(cap);
}

export async function countAwaitingCountersign(db: Db, campaignId: string, scope: Scope, regionCode: string | undefined): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(renewalItems)
    .innerJoin(agreements, eq(agreements.id, renewalItems.renewalAgreementId))
    .where(awaitingWhere(campaignId, scope, regionCode));
  return Number(r?.n ?? 0);
}

/** The texts of one batch (read per batch: never every text of a campaign in memory). */
export async function textsOf(db: Db | Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: agreements.id, text: agreements.canonicalText }).from(agreements).where(inArray(agreements.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.text]));
}

/** Per region: renewed agreements to sign, signed by the institution, signed by both, signed by both online. */
export async function signingCounts(db: Db, campaignId: string, scope: Scope) {
  const offline = sql`EXISTS (SELECT 1 FROM ${agreementSignatures} s WHERE s.agreement_id = ${agreements.id} AND NOT s.online)`;
  return db
    .select({
      regionCode: renewalItems.regionCode, regionName: regions.name,
      toSign: sql<number>`count(*)::int`,
      institutionSigned: sql<number>`(count(*) filter (where ${hasSig('institution')}))::int`,
      signed: sql<number>`(count(*) filter (where ${agreements.status} = 'signed'))::int`,
      online: sql<number>`(count(*) filter (where ${agreements.status} = 'signed' AND NOT ${offline}))::int`,
    })
    .from(renewalItems)
    .innerJoin(agreements, eq(agreements.id, renewalItems.renewalAgreementId))
    .leftJoin(regions, eq(regions.code, renewalItems.regionCode))
    .where(and(eq(renewalItems.campaignId, campaignId), itemScopeWhere(scope), isNotNull(renewalItems.renewalAgreementId), sql`${agreements.status} <> 'void'`))
    .groupBy(renewalItems.regionCode, regions.name)
    .orderBy(asc(renewalItems.regionCode));
}

/** The renewed agreements of some items (the institution's 续签情况). */
export async function renewalsOfItems(db: Db, itemIds: readonly string[]) {
  if (!itemIds.length) return [];
  return db
    .select({
      itemId: renewalItems.id, id: agreements.id, number: agreements.number, termFrom: agreements.termFrom, termTo: agreements.termTo, status: agreements.status,
      form: agreements.form, lifeState: agreements.lifeState, version: agreements.version, institutionSigned: sql<boolean>`${hasSig('institution')}`,
    })
    .from(renewalItems)
    .innerJoin(agreements, eq(agreements.id, renewalItems.renewalAgreementId))
    .where(inArray(renewalItems.id, [...itemIds]));
}

/** Pending renewed agreements whose term began: the sweep starts their life (no gap, decision 0045). */
export async function pendingRenewalsDue(db: Db, today: string, limit: number) {
  return db.select({ id: agreements.id }).from(agreements)
    .where(and(eq(agreements.lifeState, 'pending'), isNotNull(agreements.renewsAgreementId), sql`${agreements.termFrom} <= ${today}`))
    .orderBy(asc(agreements.termFrom), asc(agreements.id)).limit(limit);
}
