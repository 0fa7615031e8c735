import { and, asc, eq, like, ne, or, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { organizations } from './schema/index';
import type { Scope } from '../domain/identity/territory';

export type OrgKind = (typeof organizations.$inferSelect)['kind'];
export type OrgRow = typeof organizations.$inferSelect;
export type NewOrg = typeof organizations.$inferInsert;

export interface OrgFilter {
  kind?: OrgKind;
  /** only organisations whose region starts with this prefix */
  regionPrefix?: string;
}

/**
 * Organisations, optionally by kind and region. Agencies, departments, expert pools and the
 * system organisation are public knowledge; institution organisations follow the registry's territory.
 */
export async function listOrganizations(db: Db, filter: OrgFilter, scope: Scope): Promise<OrgRow[]> {
  const conds: SQL[] = [];
  if (filter.kind) conds.push(eq(organizations.kind, filter.kind));
  if (filter.regionPrefix) conds.push(like(organizations.regionCode, `${filter.regionPrefix}%`));
  const notInst = ne(organizations.kind, 'institution');
  if (scope.kind === 'region') conds.push(or(notInst, like(organizations.regionCode, `${scope.prefix}%`))!);
  else if (scope.kind === 'institution') conds.push(or(notInst, eq(organizations.institutionId, scope.institutionId))!);
  else if (scope.kind === 'none') conds.push(notInst);
  return db
    .select()
    .from(organizations)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(organizations.regionCode), asc(organizations.level), asc(organizations.name))
    .limit(1000);
}

export async function insertOrganizations(db: Db | Tx, rows: NewOrg[]): Promise<OrgRow[]> {
  const out: OrgRow[] = [];
  for (let i = 0; i < rows.length; i += 500) out.push(...(await db.insert(organizations).values(rows.slice(i, i + 500)).returning()));
  return out;
}

/** The organisation that an institution's own users belong to (one per institution). */
export async function createInstitutionOrg(
  db: Db | Tx,
  inst: { id: string; name: string; regionCode: string },
): Promise<OrgRow> {
  const [row] = await db
    .insert(organizations)
    .values({ kind: 'institution', name: inst.name, level: 'county', regionCode: inst.regionCode, institutionId: inst.id })
    .returning();
  return row!;
}

/** Keeps the institution's organisation name and region in step with the registry. */
export async function syncInstitutionOrg(db: Db | Tx, inst: { id: string; name: string; regionCode: string }): Promise<void> {
  await db.update(organizations).set({ name: inst.name, regionCode: inst.regionCode }).where(eq(organizations.institutionId, inst.id));
}
