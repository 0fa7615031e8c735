import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { users } from '../db/schema/index';
import { passwordProblems } from '../domain/identity/password-policy';
import { hashPassword } from '../identity/password';

/** Letters and digits a person can read out without confusion (no 0/O, 1/l/I). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A temporary password of 12 characters that the password policy accepts for `username`; shown once. */
export function temporaryPassword(username: string): string {
  for (;;) {
    const p = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    if (passwordProblems(p, username).length === 0) return p;
  }
}

export async function usernameTaken(db: Db | Tx, username: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return !!row;
}

/** A prepared account: the hash is made before the transaction (argon2id takes a while). */
export async function prepareAccount(username: string): Promise<{ username: string; password: string; hash: string }> {
  const password = temporaryPassword(username);
  return { username, password, hash: await hashPassword(password) };
}

export async function insertExpertAccount(tx: Tx, a: { username: string; hash: string; name: string; poolOrgId: string }): Promise<string> {
  const [row] = await tx.insert(users).values({
    // the temporary password was shown to the agency's clerk: the expert sets their own at first login (decision 0025)
    username: a.username, displayName: a.name, passwordHash: a.hash, orgId: a.poolOrgId, roles: ['expert'], mustChangePassword: true,
  }).returning({ id: users.id });
  return row!.id;
}
