/**
 * 续签 campaigns and their items (issue #11, decision 0041): the agreements a campaign takes in
 * (keyset pages, never all in one array), the campaign row, the items written in bulk, an item as a
 * case for the engine (found inside the actor's territory, saved version-checked), the server-side
 * list with filters / sort / page, and the counts per proposal, decision and region.
 */
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, gte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../domain/identity/territory';
import type { RenewalItemCase } from '../domain/renewal-campaign/item-case';
import type { Db, Tx } from './client';
import { agreements, institutions, regions, renewalCampaigns, renewalItems } from './schema/index';
import { prefixLike, prefixRange } from './territory';
import { bulkInsert } from './bulk-insert';
import { queryTokens } from '../domain/registry/search-tokens';
import { escapeLike } from './institution-search';

export type CampaignRow = typeof renewalCampaigns.$inferSelect;
export type ItemRow = typeof renewalItems.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A campaign is visible to a user inside its territory, and to the agencies above it. */
export function campaignScopeWhere(scope: Scope): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'region':
      return or(prefixLike(renewalCampaigns.prefix, scope.prefix), sql`${scope.prefix} LIKE ${renewalCampaigns.prefix} || '%'`)!;
    default:
      return sql`false`;
  }
}

/** Items: the agreement's own region decides (a county officer sees its county's items of a prefecture campaign). */
export function itemScopeWhere(scope: Scope): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'region':
      return prefixLike(renewalItems.regionCode, scope.prefix);
    default:
      return sql`false`;
  }
}

/** Agreements in force or suspended, in the prefix, whose term ends in the window: one keyset page. */
/**
 * A page of the agreements in force or suspended of a territory whose term ends in the window, in
 * (region, id) order after the cursor: the (region_code, id) index reads the territory's range and the
 * page straight off — ordering by id alone walked the whole table past other provinces' rows.
 */
export async function agreementsInWindow(db: Db | Tx, prefix: string, from: string, to: string, after: { regionCode: string; id: string } | null, limit: number) {
  return db
    .select({ id: agreements.id, institutionId: agreements.institutionId, regionCode: agreements.regionCode, termTo: agreements.termTo })
    .from(agreements)
    .where(and(
      prefixRange(agreements.regionCode, prefix), inArray(agreements.lifeState, ['in_force', 'suspended']),
      gte(agreements.termTo, from), lte(agreements.termTo, to),
      after ? sql`(${agreements.regionCode}, ${agreements.id}) > (${after.regionCode}, ${after.id}::uuid)` : undefined,
    ))
    .orderBy(asc(agreements.regionCode), asc(agreements.id))
    .limit(limit);
}

/**
 * The other open campaigns whose territory overlaps this prefix (an ancestor's or a descendant's: a
 * prefecture's and its county's). Usually none — then no page needs checking at all.
 */
export async function overlappingOpenCampaigns(db: Db | Tx, prefix: string, except: string): Promise<string[]> {
  const rows = await db.select({ id: renewalCampaigns.id }).from(renewalCampaigns).where(and(
    eq(renewalCampaigns.state, 'open'), ne(renewalCampaigns.id, except),
    or(sql`${prefix} LIKE ${renewalCampaigns.prefix} || '%'`, sql`${renewalCampaigns.prefix} LIKE ${prefix} || '%'`),
  ));
  return rows.map((r) => r.id);
}

/**
 * The agreements of a page already taken in by one of these campaigns (one open decision per
 * agreement). By (campaign, agreement) — the unique index answers each pair whatever the statistics
 * say about a table that grows by a province at a time inside one transaction.
 */
export async function takenBy(db: Db | Tx, campaignIds: readonly string[], agreementIds: readonly string[]): Promise<Set<string>> {
  if (!campaignIds.length || !agreementIds.length) return new Set();
  const rows = await db.select({ id: renewalItems.agreementId }).from(renewalItems).where(and(
    sql`${renewalItems.campaignId} = ANY(${sql.param([...campaignIds])}::uuid[])`,
    sql`${renewalItems.agreementId} = ANY(${sql.param([...agreementIds])}::uuid[])`,
  ));
  return new Set(rows.map((r) => r.id));
}

export async function insertCampaign(tx: Tx, row: typeof renewalCampaigns.$inferInsert): Promise<CampaignRow> {
  const [r] = await tx.insert(renewalCampaigns).values(row).returning();
  return r!;
}

export const insertItems = (tx: Tx, rows: (typeof renewalItems.$inferInsert)[]) => bulkInsert(tx, renewalItems, rows);

export async function setCampaignCounts(tx: Tx, id: string, counts: Record<string, number>): Promise<void> {
  await tx.update(renewalCampaigns).set({ counts }).where(eq(renewalCampaigns.id, id));
}

export async function findCampaign(db: Db | Tx, id: string, scope: Scope): Promise<CampaignRow | null> {
  if (!UUID.test(id)) return null;
  const [r] = await db.select().from(renewalCampaigns).where(and(eq(renewalCampaigns.id, id), campaignScopeWhere(scope)));
  return r ?? null;
}

export async function closeCampaign(tx: Tx, id: string, expected: number, now: Date): Promise<boolean> {
  const r = await tx.update(renewalCampaigns).set({ state: 'closed', closedAt: now, version: expected + 1 })
    .where(and(eq(renewalCampaigns.id, id), eq(renewalCampaigns.version, expected), eq(renewalCampaigns.state, 'open'))).returning({ id: renewalCampaigns.id });
  return r.length === 1;
}

/**
 * 报市 (京医保发〔2021〕30号 第四十一条): the version-checked write of the report, once (false when another officer moved
 * the campaign first or reported it already).
 */
export async function reportCampaignRow(tx: Tx, id: string, expected: number, now: Date, userId: string): Promise<boolean> {
  const r = await tx.update(renewalCampaigns).set({ reportedAt: now, reportedBy: userId, version: expected + 1 })
    .where(and(eq(renewalCampaigns.id, id), eq(renewalCampaigns.version, expected), isNull(renewalCampaigns.reportedAt))).returning({ id: renewalCampaigns.id });
  return r.length === 1;
}

/** A campaign's items and how many are still undecided (whatever the reader's territory: the report is of the whole campaign). */
export async function decidedProgress(db: Db | Tx, campaignId: string): Promise<{ total: number; undecided: number }> {
  const [r] = await db.select({
    total: sql<number>`count(*)::int`, undecided: sql<number>`count(*) filter (where ${renewalItems.state} = 'proposed')::int`,
  }).from(renewalItems).where(eq(renewalItems.campaignId, campaignId));
  return { total: Number(r?.total ?? 0), undecided: Number(r?.undecided ?? 0) };
}

/** `reported`: the city's queue (reported campaigns) or the districts' (not yet reported). */
export async function listCampaigns(db: Db, scope: Scope, page: number, size: number, reported?: boolean) {
  const where = and(
    campaignScopeWhere(scope),
    reported === undefined ? undefined : reported ? sql`${renewalCampaigns.reportedAt} IS NOT NULL` : isNull(renewalCampaigns.reportedAt),
  )!;
  const items = await db.select().from(renewalCampaigns).where(where)
    .orderBy(desc(renewalCampaigns.year), desc(renewalCampaigns.createdAt)).limit(size).offset((page - 1) * size);
  const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(renewalCampaigns).where(where);
  return { items, total: Number(n?.n ?? 0) };
}

/** An item with its campaign's state, inside the actor's territory (null: not there or not found). */
export async function findItem(db: Db | Tx, id: string, scope: Scope) {
  if (!UUID.test(id)) return null;
  const [r] = await db
    .select({
      item: renewalItems, campaignState: renewalCampaigns.state, profileId: renewalCampaigns.profileId, agencyOrgId: renewalCampaigns.agencyOrgId,
      reportedAt: renewalCampaigns.reportedAt,
    })
    .from(renewalItems)
    .innerJoin(renewalCampaigns, eq(renewalCampaigns.id, renewalItems.campaignId))
    .where(and(eq(renewalItems.id, id), itemScopeWhere(scope)));
  return r ?? null;
}

/** The version-checked write of an item's next case (false when another officer moved it first). */
export async function saveItem(tx: Tx, id: string, next: RenewalItemCase, expected: number, version: number, now: Date, userId: string | null): Promise<boolean> {
  const r = await tx.update(renewalItems).set({
    state: next.state, decided: next.decided, overridden: next.overridden, decidedOn: next.decidedOn,
    // who decided stays who decided until the decision is reopened (marking 固定+年度 is not deciding)
    decidedBy: next.decided ? sql`coalesce(${renewalItems.decidedBy}, ${userId}::uuid)` : null,
    fixedAnnual: next.fixedAnnual, data: next, version, updatedAt: now,
  }).where(and(eq(renewalItems.id, id), eq(renewalItems.version, expected))).returning({ id: renewalItems.id });
  return r.length === 1;
}

export interface ItemFilter {
  proposed?: string;
  decided?: string | 'none';
  state?: 'proposed' | 'decided' | 'negotiated';
  regionCode?: string;
  overridden?: boolean;
  q?: string;
}

function itemWhere(campaignId: string, scope: Scope, f: ItemFilter): SQL {
  return and(
    eq(renewalItems.campaignId, campaignId), itemScopeWhere(scope),
    f.proposed ? eq(renewalItems.proposed, f.proposed as ItemRow['proposed']) : undefined,
    f.decided === 'none' ? isNull(renewalItems.decided) : f.decided ? eq(renewalItems.decided, f.decided as NonNullable<ItemRow['decided']>) : undefined,
    f.state ? eq(renewalItems.state, f.state) : undefined,
    f.regionCode ? prefixLike(renewalItems.regionCode, f.regionCode.replace(/(00)+$/, '')) : undefined,
    f.overridden !== undefined ? eq(renewalItems.overridden, f.overridden) : undefined,
    f.q ? itemSearch(scope, f.q) : undefined,
  )!;
}

/**
 * The search box: an institution whose name contains the text, or the agreement with exactly that number —
 * as conditions on the item's own ids, so that neither the list's count nor its filter joins a province's
 * institutions and agreements. The name goes through the registry's GIN index of name bigrams and region
 * tokens (decision 0001: `search_tokens @> …` narrowed to the user's territory, then the LIKE recheck); the
 * number through the agreements' unique index. At 97 782 items the joined LIKE took 1.6 s (docs/benchmarks.md).
 */
function itemSearch(scope: Scope, q: string): SQL {
  const tokens = queryTokens(q);
  if (scope.kind === 'region' && [2, 4, 6].includes(scope.prefix.length)) tokens.push(`r:${scope.prefix}`);
  const pattern = `%${escapeLike(q.normalize('NFKC').trim())}%`;
  return or(
    sql`${renewalItems.institutionId} IN (SELECT id FROM institutions WHERE search_tokens @> ARRAY[${sql.join(tokens.map((t) => sql`${t}`), sql`, `)}]::text[] AND name LIKE ${pattern})`,
    sql`${renewalItems.agreementId} IN (SELECT id FROM agreements WHERE number = ${q})`,
  )!;
}

const SORTS = {
  institution: institutions.name, termTo: renewalItems.termTo, region: renewalItems.regionCode, proposed: renewalItems.proposed, decidedOn: renewalItems.decidedOn,
} as const;
export type ItemSort = keyof typeof SORTS;

export async function listItems(db: Db, campaignId: string, scope: Scope, f: ItemFilter, sort: ItemSort, order: 'asc' | 'desc', page: number, size: number) {
  const where = itemWhere(campaignId, scope, f);
  const dir = order === 'asc' ? asc : desc;
  const items = await db
    .select({
      id: renewalItems.id, agreementId: renewalItems.agreementId, agreementNumber: agreements.number, institutionId: renewalItems.institutionId,
      institutionName: institutions.name, institutionKind: institutions.kind, regionCode: renewalItems.regionCode, regionName: regions.name,
      termTo: renewalItems.termTo, lifeState: agreements.lifeState, state: renewalItems.state, proposed: renewalItems.proposed, decided: renewalItems.decided,
      overridden: renewalItems.overridden, reasons: renewalItems.reasons, decidedOn: renewalItems.decidedOn, version: renewalItems.version, data: renewalItems.data,
      fixedAnnual: renewalItems.fixedAnnual, renewalAgreementId: renewalItems.renewalAgreementId,
    })
    .from(renewalItems)
    .innerJoin(agreements, eq(agreements.id, renewalItems.agreementId))
    .innerJoin(institutions, eq(institutions.id, renewalItems.institutionId))
    .leftJoin(regions, eq(regions.code, renewalItems.regionCode))
    .where(where)
    .orderBy(dir(SORTS[sort]), asc(renewalItems.id))
    .limit(size)
    .offset((page - 1) * size);
  // the count never joins the agreement and the institution (every item has both; the search is on the item's ids):
  // at 97 782 items the joins were 480 of the 520 ms the count took
  const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(renewalItems).where(where);
  return { items, total: Number(n?.n ?? 0) };
}

/** The ids a bulk decision selects (the same filter as the list), capped: the caller confirms the count first. */
export async function selectItemIds(db: Db | Tx, campaignId: string, scope: Scope, f: ItemFilter, cap: number): Promise<{ id: string; version: number }[]> {
  return db.select({ id: renewalItems.id, version: renewalItems.version }).from(renewalItems)
    .innerJoin(agreements, eq(agreements.id, renewalItems.agreementId))
    .innerJoin(institutions, eq(institutions.id, renewalItems.institutionId))
    .where(itemWhere(campaignId, scope, f))
    .orderBy(asc(renewalItems.id))
    .limit(cap);
}

/** Counts per region (the agreement's county), proposal and decision, inside the user's territory. */
export async function itemCounts(db: Db, campaignId: string, scope: Scope) {
  return db
    .select({
      regionCode: renewalItems.regionCode, regionName: regions.name, proposed: renewalItems.proposed, decided: renewalItems.decided,
      n: sql<number>`count(*)::int`,
    })
    .from(renewalItems)
    .leftJoin(regions, eq(regions.code, renewalItems.regionCode))
    .where(and(eq(renewalItems.campaignId, campaignId), itemScopeWhere(scope)))
    .groupBy(renewalItems.regionCode, regions.name, renewalItems.proposed, renewalItems.decided);
}

/** An institution's own renewal items, newest campaign first (its 我的协议 page). */
export async function itemsOfInstitution(db: Db, institutionId: string) {
  return db
    .select({
      id: renewalItems.id, agreementId: renewalItems.agreementId, agreementNumber: agreements.number, termTo: renewalItems.termTo,
      state: renewalItems.state, decided: renewalItems.decided, decidedOn: renewalItems.decidedOn, reasons: renewalItems.reasons, data: renewalItems.data,
      campaignTitle: renewalCampaigns.title, campaignYear: renewalCampaigns.year, campaignState: renewalCampaigns.state, decideBy: renewalCampaigns.decideBy,
      profileId: renewalCampaigns.profileId, reportedAt: renewalCampaigns.reportedAt,
    })
    .from(renewalItems)
    .innerJoin(renewalCampaigns, eq(renewalCampaigns.id, renewalItems.campaignId))
    .innerJoin(agreements, eq(agreements.id, renewalItems.agreementId))
    .where(eq(renewalItems.institutionId, institutionId))
    .orderBy(desc(renewalCampaigns.createdAt), asc(agreements.number))
    .limit(50);
}

/** Open campaigns the user sees with the items still undecided in the user's territory (the home page). */
export async function openCampaignsUndecided(db: Db, scope: Scope, limit: number) {
  const rows = await db
    .select({
      id: renewalCampaigns.id, title: renewalCampaigns.title, decideBy: renewalCampaigns.decideBy,
      undecided: sql<number>`count(${renewalItems.id}) filter (where ${renewalItems.state} = 'proposed')::int`,
      total: sql<number>`count(${renewalItems.id})::int`,
    })
    .from(renewalCampaigns)
    .leftJoin(renewalItems, and(eq(renewalItems.campaignId, renewalCampaigns.id), itemScopeWhere(scope)))
    .where(and(campaignScopeWhere(scope), eq(renewalCampaigns.state, 'open')))
    .groupBy(renewalCampaigns.id, renewalCampaigns.title, renewalCampaigns.decideBy)
    .orderBy(asc(renewalCampaigns.decideBy))
    .limit(limit);
  return rows.filter((r) => r.undecided > 0);
}

/**
 * The city's 市级协商谈判 queue (京医保发〔2021〕30号 第四十一条): open campaigns of the districts below it that were
 * reported, with the items it has not negotiated yet (still 已核定 by the district).
 */
export async function reportedCampaignsAwaitingCity(db: Db, scope: Scope, limit: number) {
  const rows = await db
    .select({
      id: renewalCampaigns.id, title: renewalCampaigns.title, reportedAt: renewalCampaigns.reportedAt,
      waiting: sql<number>`count(${renewalItems.id}) filter (where ${renewalItems.state} = 'decided')::int`,
      total: sql<number>`count(${renewalItems.id})::int`,
    })
    .from(renewalCampaigns)
    .leftJoin(renewalItems, eq(renewalItems.campaignId, renewalCampaigns.id))
    .where(and(campaignScopeWhere(scope), eq(renewalCampaigns.state, 'open'), isNotNull(renewalCampaigns.reportedAt)))
    .groupBy(renewalCampaigns.id, renewalCampaigns.title, renewalCampaigns.reportedAt)
    .having(sql`count(${renewalItems.id}) filter (where ${renewalItems.state} = 'decided') > 0`)
    .orderBy(asc(renewalCampaigns.reportedAt))
    .limit(limit);
  return rows;
}

/** A campaign's agreements in the user's territory, one keyset page of agreement ids (the what-if). */
export async function itemAgreementPage(db: Db, campaignId: string, scope: Scope, afterAgreementId: string | null, limit: number): Promise<string[]> {
  const rows = await db.select({ id: renewalItems.agreementId }).from(renewalItems)
    .where(and(eq(renewalItems.campaignId, campaignId), itemScopeWhere(scope), afterAgreementId ? gt(renewalItems.agreementId, afterAgreementId) : undefined))
    .orderBy(asc(renewalItems.agreementId)).limit(limit);
  return rows.map((r) => r.id);
}
