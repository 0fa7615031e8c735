import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema/index';
import { PUBLISHED_DEMO_PASSWORD } from '../config';
import { verifyPassword } from '../identity/password';
import { DEMO_USERS } from './demo-users';

/**
 * The demo accounts (src/seed/demo-users.ts) that are active and still open with the password the
 * README publishes. A production start-up refuses to run while this list is not empty: a database
 * seeded for a demo and then put into service would otherwise let anyone in as `admin`.
 * The demo seed gives every account one hash, so each distinct hash is verified once.
 */
export async function demoAccountsWithPublishedPassword(db: Db): Promise<string[]> {
  const rows = await db.select({ username: users.username, passwordHash: users.passwordHash }).from(users)
    .where(and(inArray(users.username, DEMO_USERS.map((u) => u.username)), eq(users.active, true)));
  const verdict = new Map<string, Promise<boolean>>();
  const open: string[] = [];
  for (const r of rows) {
    if (!verdict.has(r.passwordHash)) verdict.set(r.passwordHash, verifyPassword(r.passwordHash, PUBLISHED_DEMO_PASSWORD));
    if (await verdict.get(r.passwordHash)) open.push(r.username);
  }
  return open.sort();
}

/** The refusal printed at start-up, naming the accounts. */
export function demoPasswordRefusal(usernames: readonly string[]): string {
  return `拒绝在生产环境启动：以下演示账号仍使用公开的演示密码，请停用或修改其密码后再启动：${usernames.join('、')}`;
}
