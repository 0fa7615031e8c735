/**
 * 授权委托书 rows (online grants and paper uploads) and the registry facts a mandate is checked
 * against: the institution's registered 法定代表人, the person behind an account, the staff
 * accounts of an institution.
 */
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { institutionPersons, organizations, persons, signingMandates, users } from './schema/index';
import { isUuid } from './designation-repo';

export type MandateRow = typeof signingMandates.$inferSelect;

/** The persons registered as the institution's current 法定代表人. */
export async function legalRepresentatives(db: Db | Tx, institutionId: string): Promise<{ personId: string; name: string }[]> {
  return db
    .select({ personId: persons.id, name: persons.name })
    .from(institutionPersons)
    .innerJoin(persons, eq(persons.id, institutionPersons.personId))
    .where(and(eq(institutionPersons.institutionId, institutionId), eq(institutionPersons.role, 'legal_rep'), isNull(institutionPersons.toDate)));
}

/** The registered person holding an account (null when the account is not linked to one). */
export async function personOfUser(db: Db | Tx, userId: string): Promise<{ personId: string; name: string } | null> {
  if (!isUuid(userId)) return null;
  const [r] = await db
    .select({ personId: persons.id, name: persons.name })
    .from(users)
    .innerJoin(persons, eq(persons.id, users.personId))
    .where(eq(users.id, userId))
    .limit(1);
  return r ?? null;
}

/** Active staff accounts of an institution, with the registered person behind each (if linked). */
export async function institutionStaff(db: Db | Tx, institutionId: string) {
  return db
    .select({ userId: users.id, displayName: users.displayName, personId: users.personId, personName: persons.name })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .leftJoin(persons, eq(persons.id, users.personId))
    .where(and(eq(organizations.institutionId, institutionId), eq(users.active, true)))
    .orderBy(asc(users.displayName));
}

export async function insertMandate(tx: Tx, row: typeof signingMandates.$inferInsert): Promise<MandateRow> {
  const [r] = await tx.insert(signingMandates).values(row).returning();
  return r!;
}

export async function findMandate(db: Db | Tx, agreementId: string, id: string): Promise<MandateRow | null> {
  if (!isUuid(id)) return null;
  const [r] = await db.select().from(signingMandates).where(and(eq(signingMandates.agreementId, agreementId), eq(signingMandates.id, id))).limit(1);
  return r ?? null;
}

export async function mandatesOf(db: Db | Tx, agreementId: string) {
  const agent = users;
  return db
    .select({
      id: signingMandates.id, source: signingMandates.source, status: signingMandates.status, userId: signingMandates.userId,
      agentDisplayName: agent.displayName, principalPersonId: signingMandates.principalPersonId, principalName: signingMandates.principalName,
      agentPersonId: signingMandates.agentPersonId, agentName: persons.name, validFrom: signingMandates.validFrom, validTo: signingMandates.validTo,
      fileName: signingMandates.fileName, sha256: signingMandates.sha256, at: signingMandates.at, reviewedAt: signingMandates.reviewedAt,
      rejectReason: signingMandates.rejectReason, revokedAt: signingMandates.revokedAt,
    })
    .from(signingMandates)
    .innerJoin(agent, eq(agent.id, signingMandates.userId))
    .leftJoin(persons, eq(persons.id, signingMandates.agentPersonId))
    .where(eq(signingMandates.agreementId, agreementId))
    .orderBy(desc(signingMandates.at));
}

/** Moves a mandate from one status to another (null when it was not in `from`: someone else moved it). */
export async function setMandateStatus(tx: Tx, id: string, from: MandateRow['status'], patch: Partial<typeof signingMandates.$inferInsert>): Promise<MandateRow | null> {
  const [r] = await tx.update(signingMandates).set(patch).where(and(eq(signingMandates.id, id), eq(signingMandates.status, from))).returning();
  return r ?? null;
}
