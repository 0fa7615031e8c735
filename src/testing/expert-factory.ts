import { eq } from 'drizzle-orm';
import type { AppContext } from '../context';
import { experts, users } from '../db/schema/index';
import { parseSpecialties } from '../domain/experts/expert';

/**
 * Makes an existing user (of an expert_pool organisation) an expert of that pool: active, appointed
 * 2024-01-01 … 2027-12-31 unless told otherwise (the test clock stands in 2025).
 */
/** `specialties`: ids or Chinese labels. */
export async function makeExpert(ctx: AppContext, userId: string, specialtyNames: string[], opts: Partial<typeof experts.$inferInsert> = {}) {
  const [u] = await ctx.db.select({ orgId: users.orgId, name: users.displayName }).from(users).where(eq(users.id, userId));
  if (!u) throw new Error(`makeExpert: no user ${userId}`);
  const parsed = parseSpecialties(specialtyNames.join('、'));
  if (!parsed.ok) throw new Error(`makeExpert: unknown specialties ${parsed.unknown.join(', ')}`);
  const specialties: string[] = parsed.value;
  const now = ctx.clock.now();
  const [row] = await ctx.db.insert(experts).values({
    poolOrgId: u.orgId, userId, name: u.name, specialties, termFrom: '2024-01-01', termTo: '2027-12-31',
    createdAt: now, updatedAt: now, ...opts,
  }).returning();
  return row!;
}
