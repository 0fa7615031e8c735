import { and, asc, eq, inArray, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { uniqueViolation } from './unique-violation';
import type { Db, Tx } from './client';
import { institutions, institutionPersons, licences, persons, practiceSites, regions } from './schema/index';
import { institutionScopeWhere, prefixLike, type InstitutionColumns } from './territory';
import { cappedPage, escapeLike, prefixToken, regionRange } from './institution-search';
import { appendAudit } from './audit-repo';
import { createInstitutionOrg, syncInstitutionOrg } from './organization-repo';
import { AppError, conflict, invalid, notFound } from '../domain/errors';
import { chinaDate, type Clock } from '../domain/clock/clock';
import { scopeOf, scopeContainsRegion, type Scope } from '../domain/identity/territory';
import type { SessionUser } from '../domain/identity/roles';
import { buildSearchTokens, queryTokens } from '../domain/registry/search-tokens';
import { maskIdNumber } from '../domain/validators/id-number';
import { checkInstitutionShape, type ParentFacts } from '../domain/registry/institution-rules';
import type {
  CreateInstitutionInput, UpdateInstitutionInput, InstitutionCore, PersonLinkInput, LicenceInput, SiteInput,
} from '../domain/registry/institution-input';
import type { InstitutionDetail, InstitutionListItem, RelatedInstitution } from '../domain/registry/institution-view';
import type { InstitutionKind, InstitutionSubtype, HospitalLevel, InstitutionStatus, Ownership } from '../domain/registry/enums';

export interface RegistryCtx {
  db: Db;
  clock: Clock;
}

// ───────────────────────────── reading ─────────────────────────────

export interface InstitutionFilter {
  q?: string;
  /** a region code: a province, prefecture or county (matched as its prefix) */
  region?: string;
  kind?: InstitutionKind;
  subtype?: InstitutionSubtype;
  hospitalLevel?: HospitalLevel;
  status?: InstitutionStatus;
  ownership?: Ownership;
  dualChannel?: boolean;
  page: number;
  pageSize: number;
}

/** The prefix a region code stands for: 53 for a province, 5301 for a prefecture (incl. 5399 省本级), else itself. */
export function regionFilterPrefix(code: string): string {
  if (code.length < 6) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

const textArray = (xs: string[]) => sql`ARRAY[${sql.join(xs.map((x) => sql`${x}`), sql`, `)}]::text[]`;

const listColumns = {
  id: institutions.id, name: institutions.name, uscc: institutions.uscc, ybCode: institutions.ybCode, kind: institutions.kind,
  subtype: institutions.subtype, ownership: institutions.ownership, hospitalLevel: institutions.hospitalLevel,
  grade: institutions.grade, adminLevel: institutions.adminLevel, regionCode: institutions.regionCode, regionName: regions.name,
  address: institutions.address, status: institutions.status, dualChannel: institutions.dualChannel,
  parentId: institutions.parentId, parentRelation: institutions.parentRelation, version: institutions.version,
  updatedAt: institutions.updatedAt,
};

export interface InstitutionList {
  items: InstitutionListItem[];
  /** exact when `totalExact`; otherwise the planner's estimate, more than the cap (1 000) */
  total: number;
  totalExact: boolean;
  /** 'name' when sorted by name; 'id' (registry order) when there are more matches than the cap */
  order: 'name' | 'id';
  page: number;
  pageSize: number;
}

export interface ListOptions {
  /** exact-total cap (default COUNT_CAP = 1 000); tests pass a small one */
  cap?: number;
  /**
   * where the territory is checked besides the region token / range that selects the rows:
   * 'guard' (default) on the page after the LIMIT, where the planner cannot see it;
   * 'inline' in the WHERE (measured by the benchmark only — decision 0001)
   */
  scopeCheck?: 'guard' | 'inline';
}

/**
 * The territory prefix a list covers: the narrower of the scope's and the region filter's;
 * null when they do not overlap (nothing to show), undefined when it is the whole country.
 */
function territoryPrefix(scope: Scope, region: string | undefined): string | null | undefined {
  const filter = region ? regionFilterPrefix(region) : undefined;
  if (scope.kind !== 'region') return filter;
  if (!filter || filter.startsWith(scope.prefix)) return filter ?? scope.prefix;
  return scope.prefix.startsWith(filter) ? scope.prefix : null;
}

const CODE_RE = /^[0-9A-Z]{12,18}$/;

/**
 * The registry list of a territory (decision 0001, docs/decisions/0001-name-search.md):
 * - a 统一社会信用代码 or 医保编码 typed into the search box finds its institution;
 * - a name piece of ≥ 2 characters is searched through the GIN token array, with the territory
 *   (scope ∩ region filter) as one more token `r:<prefix>`, re-checked with `LIKE`;
 * - without one (or with 1 character: `LIKE` alone), the territory is a `region_code` range;
 * - kind, subtype, level, status, ownership, dual channel are ordinary conditions.
 * The total is exact up to the cap and the page sorted by name; beyond the cap the total is the
 * planner's estimate and the page comes in registry (id) order (`cappedPage`). The territory is
 * checked a second time on the page itself, so a row whose tokens lie never leaves its territory.
 */
export async function listInstitutions(db: Db, scope: Scope, f: InstitutionFilter, opts: ListOptions = {}): Promise<InstitutionList> {
  const head = { page: f.page, pageSize: f.pageSize };
  const empty: InstitutionList = { items: [], total: 0, totalExact: true, order: 'name', ...head };
  const territory = territoryPrefix(scope, f.region);
  if (scope.kind === 'none' || territory === null) return empty;

  const filters: SQL[] = [];
  if (scope.kind === 'institution') filters.push(eq(institutions.id, scope.institutionId));
  if (f.kind) filters.push(eq(institutions.kind, f.kind));
  if (f.subtype) filters.push(eq(institutions.subtype, f.subtype));
  if (f.hospitalLevel) filters.push(eq(institutions.hospitalLevel, f.hospitalLevel));
  if (f.status) filters.push(eq(institutions.status, f.status));
  if (f.ownership) filters.push(eq(institutions.ownership, f.ownership));
  if (f.dualChannel !== undefined) filters.push(eq(institutions.dualChannel, f.dualChannel));
  const inTerritory = (m: InstitutionColumns): SQL =>
    and(institutionScopeWhere(scope, m), f.region ? prefixLike(m.regionCode, regionFilterPrefix(f.region)) : undefined)!;
  const range = territory ? [regionRange(institutions.regionCode, territory)] : [];

  const q = f.q?.trim();
  const code = q?.toUpperCase();
  if (code && CODE_RE.test(code)) {
    const rows = await db.select(listColumns).from(institutions).leftJoin(regions, eq(regions.code, institutions.regionCode))
      .where(and(or(eq(institutions.uscc, code), eq(institutions.ybCode, code)), inTerritory(institutions), ...range, ...filters))
      .orderBy(asc(institutions.name), asc(institutions.id));
    if (rows.length) {
      const items = rows.slice((f.page - 1) * f.pageSize, f.page * f.pageSize).map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
      return { items, total: rows.length, totalExact: true, order: 'name', ...head };
    }
  }

  const tokens = q ? queryTokens(q) : [];
  // ILIKE on the column itself, not lower(name) LIKE: the planner has statistics for `name`, none for
  // lower(name), and with its default guess it sorts tens of thousands of matches instead of walking
  // the primary key (measured: 245 ms vs 4.5 ms for 「药房」 in 广东; decision 0001)
  const nameLike = q ? [sql`${institutions.name} ILIKE ${`%${escapeLike(q.normalize('NFKC'))}%`}`] : [];
  let selecting: SQL[];
  if (tokens.length) {
    if (territory) tokens.push(prefixToken(territory)); // the GIN index intersects name and territory at once
    selecting = [sql`${institutions.searchTokens} @> ${textArray(tokens)}`, ...filters];
  } else {
    selecting = [...range, ...filters];
  }
  const inline = opts.scopeCheck === 'inline';
  const where = and(...selecting, ...nameLike, ...(inline ? [inTerritory(institutions)] : []))!;
  const estimateWhere = and(...selecting, ...(tokens.length ? [] : nameLike)) ?? sql`true`;
  const res = await cappedPage(db, {
    where, estimateWhere, guard: inline ? undefined : inTerritory,
    limit: f.pageSize, offset: (f.page - 1) * f.pageSize, cap: opts.cap,
  });
  return { ...res, items: res.items.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })), ...head };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const relatedColumns = {
  id: institutions.id, name: institutions.name, subtype: institutions.subtype, status: institutions.status,
  regionCode: institutions.regionCode, parentRelation: institutions.parentRelation,
};

/** One institution with persons (身份证号 masked), licences, sites, parent and children; 404 outside the scope. */
export async function getInstitutionDetail(db: Db, scope: Scope, id: string): Promise<InstitutionDetail> {
  if (!UUID_RE.test(id)) throw notFound('机构');
  const [row] = await db
    .select({ ...listColumns, beds: institutions.beds, phone: institutions.phone, servicePhone: institutions.servicePhone,
      paymentCategories: institutions.paymentCategories, insuranceSchemes: institutions.insuranceSchemes,
      openedOn: institutions.openedOn, designatedOn: institutions.designatedOn, createdAt: institutions.createdAt, mainScope: institutions.mainScope })
    .from(institutions)
    .leftJoin(regions, eq(regions.code, institutions.regionCode))
    .where(and(eq(institutions.id, id), institutionScopeWhere(scope, institutions)));
  if (!row) throw notFound('机构');
  const [people, lics, sites, parentRows, children] = await Promise.all([
    db.select({ personId: persons.id, name: persons.name, idNumber: persons.idNumber, phone: persons.phone, dishonest: persons.dishonest,
      role: institutionPersons.role, fromDate: institutionPersons.fromDate, toDate: institutionPersons.toDate })
      .from(institutionPersons).innerJoin(persons, eq(persons.id, institutionPersons.personId))
      .where(eq(institutionPersons.institutionId, id))
      .orderBy(asc(institutionPersons.role), asc(institutionPersons.fromDate), asc(persons.id)),
    db.select({ id: licences.id, kind: licences.kind, number: licences.number, issuedBy: licences.issuedBy, validFrom: licences.validFrom, validTo: licences.validTo })
      .from(licences).where(eq(licences.institutionId, id)).orderBy(asc(licences.kind), asc(licences.id)),
    db.select({ id: practiceSites.id, name: practiceSites.name, address: practiceSites.address, regionCode: practiceSites.regionCode, approved: practiceSites.approved })
      .from(practiceSites).where(eq(practiceSites.institutionId, id)).orderBy(asc(practiceSites.name), asc(practiceSites.id)),
    row.parentId
      ? db.select(relatedColumns).from(institutions).where(and(eq(institutions.id, row.parentId), institutionScopeWhere(scope, institutions)))
      : Promise.resolve([] as RelatedInstitution[]),
    db.select(relatedColumns).from(institutions)
      .where(and(eq(institutions.parentId, id), institutionScopeWhere(scope, institutions)))
      .orderBy(asc(institutions.parentRelation), asc(institutions.name)),
  ]);
  return {
    ...row,
    updatedAt: row.updatedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    persons: people.map(({ idNumber, ...p }) => ({ ...p, idNumberMasked: maskIdNumber(idNumber) })),
    licences: lics,
    sites,
    parent: parentRows[0] ?? null,
    children,
  };
}

// ───────────────────────────── writing ─────────────────────────────

/** Region checks for a write: it exists, it is a county or a 省本级/市本级 code, and it is in the actor's territory. */
async function assertRegionUsable(db: Db, scope: Scope, code: string, field: string, label: string): Promise<void> {
  const [r] = await db.select({ level: regions.level, kind: regions.kind }).from(regions).where(eq(regions.code, code));
  if (!r) throw invalid(field, `${label}不存在`);
  if (r.level !== 'county' && r.kind !== 'yb_pseudo') throw invalid(field, `${label}应选到县（区）级或省本级、市本级`);
  if (!scopeContainsRegion(scope, code)) throw new AppError('FORBIDDEN', `${label}不在本机构管辖范围内`, { field });
}

async function loadParent(db: Db, scope: Scope, parentId: string | null): Promise<ParentFacts | null> {
  if (!parentId) return null;
  const [p] = await db.select({ id: institutions.id, kind: institutions.kind, subtype: institutions.subtype, parentId: institutions.parentId })
    .from(institutions).where(and(eq(institutions.id, parentId), institutionScopeWhere(scope, institutions)));
  if (!p) throw invalid('parentId', '上级机构不存在');
  return p;
}

function assertShape(core: InstitutionCore & { id?: string }, parent: ParentFacts | null): void {
  const [first] = checkInstitutionShape(core, parent);
  if (first) throw invalid(first.field, first.message);
}

async function assertUnique(db: Db, core: { uscc: string; ybCode: string | null }, exceptId?: string): Promise<void> {
  const others = (c: SQL) => (exceptId ? and(c, sql`${institutions.id} <> ${exceptId}`) : c);
  const [u] = await db.select({ id: institutions.id }).from(institutions).where(others(eq(institutions.uscc, core.uscc)));
  if (u) throw new AppError('CONFLICT', '该统一社会信用代码已登记', { field: 'uscc' });
  if (core.ybCode) {
    const [y] = await db.select({ id: institutions.id }).from(institutions).where(others(eq(institutions.ybCode, core.ybCode)));
    if (y) throw new AppError('CONFLICT', '该医保机构编码已被使用', { field: 'ybCode' });
  }
}

/** A unique-index race that slipped past assertUnique still answers 409, not 500. */
function mapUniqueViolation(e: unknown): never {
  const v = uniqueViolation(e);
  if (v) {
    const yb = v.index.includes('yb_code');
    throw new AppError('CONFLICT', yb ? '该医保机构编码已被使用' : '该统一社会信用代码已登记', { field: yb ? 'ybCode' : 'uscc' });
  }
  throw e;
}

/** Upserts persons by 身份证号 (name and phone follow the latest entry; the 失信 mark is never touched here). */
async function upsertPersons(tx: Db, list: PersonLinkInput[]): Promise<Map<string, string>> {
  const byId = new Map(list.map((p) => [p.idNumber, p]));
  if (!byId.size) return new Map();
  const rows = await tx.insert(persons)
    .values([...byId.values()].map((p) => ({ idNumber: p.idNumber, name: p.name, phone: p.phone ?? null })))
    .onConflictDoUpdate({ target: persons.idNumber, set: { name: sql`excluded.name`, phone: sql`coalesce(excluded.phone, ${persons.phone})` } })
    .returning({ id: persons.id, idNumber: persons.idNumber });
  return new Map(rows.map((r) => [r.idNumber, r.id]));
}

/** Makes the institution's current (open-ended) person links equal to `list`: ends the dropped ones, adds the new ones. */
async function writePersons(tx: Db, institutionId: string, list: PersonLinkInput[], today: string): Promise<void> {
  const ids = await upsertPersons(tx, list);
  const wanted = new Map(list.map((p) => [`${ids.get(p.idNumber)}|${p.role}`, p]));
  const current = await tx.select().from(institutionPersons)
    .where(and(eq(institutionPersons.institutionId, institutionId), isNull(institutionPersons.toDate)));
  for (const link of current) {
    if (!wanted.delete(`${link.personId}|${link.role}`)) {
      const key = and(eq(institutionPersons.institutionId, institutionId),
        eq(institutionPersons.personId, link.personId), eq(institutionPersons.role, link.role), eq(institutionPersons.fromDate, link.fromDate));
      // held until today inclusive (decision 0024); a link that had not started yet never held the role
      if (link.fromDate > today) await tx.delete(institutionPersons).where(key);
      else await tx.update(institutionPersons).set({ toDate: today }).where(key);
    }
  }
  if (!wanted.size) return;
  await tx.insert(institutionPersons)
    .values([...wanted.values()].map((p) => ({ institutionId, personId: ids.get(p.idNumber)!, role: p.role, fromDate: p.fromDate ?? today })))
    .onConflictDoUpdate({
      target: [institutionPersons.institutionId, institutionPersons.personId, institutionPersons.role, institutionPersons.fromDate],
      set: { toDate: null },
    });
}

/** Replaces an institution's rows of `table` by `list`: rows with a known id are updated, others inserted, missing ones deleted. */
async function replaceChildren<T extends { id?: string }>(
  tx: Db, table: typeof licences | typeof practiceSites, institutionId: string, list: T[], toRow: (x: T) => Record<string, unknown>,
): Promise<void> {
  const existing = new Set((await tx.select({ id: table.id }).from(table).where(eq(table.institutionId, institutionId))).map((r) => r.id));
  const keep = list.filter((x) => x.id && existing.has(x.id)).map((x) => x.id!);
  await tx.delete(table).where(and(eq(table.institutionId, institutionId), keep.length ? notInArray(table.id, keep) : sql`true`));
  for (const x of list) {
    if (x.id && existing.has(x.id)) await tx.update(table).set(toRow(x)).where(eq(table.id, x.id));
  }
  const fresh = list.filter((x) => !(x.id && existing.has(x.id)));
  if (fresh.length) await tx.insert(table).values(fresh.map((x) => ({ ...toRow(x), institutionId })) as never);
}
const licenceRow = (l: LicenceInput) => ({ kind: l.kind, number: l.number, issuedBy: l.issuedBy, validFrom: l.validFrom, validTo: l.validTo });
const siteRow = (s: SiteInput) => ({ name: s.name, address: s.address, regionCode: s.regionCode, approved: s.approved });

async function assertSiteRegions(db: Db, sites: SiteInput[]): Promise<void> {
  const codes = [...new Set(sites.map((s) => s.regionCode))];
  if (!codes.length) return;
  const found = new Set((await db.select({ code: regions.code }).from(regions).where(inArray(regions.code, codes))).map((r) => r.code));
  const idx = sites.findIndex((s) => !found.has(s.regionCode));
  if (idx >= 0) throw invalid(`sites.${idx}.regionCode`, '执业地点区划不存在');
}

function splitCore<T extends CreateInstitutionInput>(input: T): InstitutionCore {
  const { persons: _p, licences: _l, sites: _s, ...core } = input;
  return core;
}

/** Registers an institution with its people, licences and sites, and the organisation its users will belong to. */
export async function createInstitution(ctx: RegistryCtx, actor: SessionUser, input: CreateInstitutionInput): Promise<InstitutionDetail> {
  const scope = scopeOf(actor);
  const core = splitCore(input);
  await assertRegionUsable(ctx.db, scope, core.regionCode, 'regionCode', '所在区划');
  await assertSiteRegions(ctx.db, input.sites);
  assertShape(core, await loadParent(ctx.db, scope, core.parentId));
  await assertUnique(ctx.db, core);
  const now = ctx.clock.now();
  return ctx.db
    .transaction(async (tx) => {
      const [row] = await tx.insert(institutions)
        .values({ ...core, searchTokens: buildSearchTokens(core.name, core.regionCode), createdAt: now, updatedAt: now })
        .returning({ id: institutions.id });
      const id = row!.id;
      await writePersons(tx, id, input.persons, chinaDate(now));
      await replaceChildren(tx, licences, id, input.licences, licenceRow);
      await replaceChildren(tx, practiceSites, id, input.sites, siteRow);
      await createInstitutionOrg(tx, { id, name: core.name, regionCode: core.regionCode });
      const after = await getInstitutionDetail(tx, { kind: 'all' }, id);
      await appendAudit(tx, now, { actor, action: 'institution.create', entityType: 'institution', entityId: id, regionCode: core.regionCode, after });
      return after;
    })
    .catch(mapUniqueViolation);
}

/** Changes an institution if `input.version` is still current (else 409); lists given replace the current ones. */
export async function updateInstitution(ctx: RegistryCtx, actor: SessionUser, id: string, input: UpdateInstitutionInput): Promise<InstitutionDetail> {
  const scope = scopeOf(actor);
  const before = await getInstitutionDetail(ctx.db, scope, id);
  if (before.version !== input.version) throw conflict('记录已被他人修改，请刷新后重试');
  const { version, persons: newPersons, licences: newLicences, sites: newSites, ...patch } = input;
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<InstitutionCore>;
  const core: InstitutionCore = { ...pickCore(before), ...defined };
  if (core.regionCode !== before.regionCode) await assertRegionUsable(ctx.db, scope, core.regionCode, 'regionCode', '所在区划');
  if (newSites) await assertSiteRegions(ctx.db, newSites);
  assertShape({ ...core, id }, await loadParent(ctx.db, scope, core.parentId));
  if (core.uscc !== before.uscc || (core.ybCode && core.ybCode !== before.ybCode)) await assertUnique(ctx.db, core, id);
  const now = ctx.clock.now();
  return ctx.db
    .transaction(async (tx) => {
      const updated = await tx.update(institutions)
        .set({ ...core, searchTokens: buildSearchTokens(core.name, core.regionCode), version: sql`${institutions.version} + 1`, updatedAt: now })
        .where(and(eq(institutions.id, id), eq(institutions.version, version)))
        .returning({ id: institutions.id });
      if (!updated.length) throw conflict('记录已被他人修改，请刷新后重试');
      if (newPersons) await writePersons(tx, id, newPersons, chinaDate(now));
      if (newLicences) await replaceChildren(tx, licences, id, newLicences, licenceRow);
      if (newSites) await replaceChildren(tx, practiceSites, id, newSites, siteRow);
      if (core.name !== before.name || core.regionCode !== before.regionCode) await syncInstitutionOrg(tx, { id, name: core.name, regionCode: core.regionCode });
      const after = await getInstitutionDetail(tx, { kind: 'all' }, id);
      await appendAudit(tx, now, { actor, action: 'institution.update', entityType: 'institution', entityId: id, regionCode: core.regionCode, before, after });
      return after;
    })
    .catch(mapUniqueViolation);
}

function pickCore(d: InstitutionDetail): InstitutionCore {
  return {
    name: d.name, uscc: d.uscc, ybCode: d.ybCode, kind: d.kind, subtype: d.subtype, ownership: d.ownership,
    hospitalLevel: d.hospitalLevel, grade: d.grade, adminLevel: d.adminLevel, beds: d.beds, regionCode: d.regionCode,
    address: d.address, phone: d.phone, servicePhone: d.servicePhone, status: d.status, parentId: d.parentId,
    parentRelation: d.parentRelation, dualChannel: d.dualChannel,
    paymentCategories: d.paymentCategories as InstitutionCore['paymentCategories'],
    insuranceSchemes: d.insuranceSchemes as InstitutionCore['insuranceSchemes'],
    openedOn: d.openedOn, designatedOn: d.designatedOn,
    mainScope: d.mainScope as InstitutionCore['mainScope'],
  };
}

export type { Tx };

/** Whether the institution exists inside the scope (a page about it answers 404 otherwise). */
export async function institutionInScope(db: Db, scope: Scope, id: string): Promise<boolean> {
  if (!UUID_RE.test(id)) return false;
  const [row] = await db.select({ id: institutions.id }).from(institutions).where(and(eq(institutions.id, id), institutionScopeWhere(scope, institutions)));
  return !!row;
}
