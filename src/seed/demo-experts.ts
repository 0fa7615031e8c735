import { inArray } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { experts, users } from '../db/schema/index';
import { parseSpecialties } from '../domain/experts/expert';
import { withIdCheck } from '../domain/validators/id-number';
import { withUsccCheck } from '../domain/validators/uscc';
import { DEMO_USERS } from './demo-users';

/** The demo pools' employers (universities, firms and institutes — none of them a demo applicant). */
const EMPLOYERS: Record<string, string> = {
  '53': '昆明医科大学', '11': '首都医科大学', '22': '吉林大学',
};

/**
 * The demo experts as entries of their pools (评估专家库, decision 0028): each demo expert login gets
 * its row — 身份证号, employer and USCC made up but valid, appointed 2024-01-01 … 2028-12-31.
 */
export async function seedDemoExperts(tx: Tx, orgRegion: Map<string, string>, now: Date): Promise<number> {
  const demo = DEMO_USERS.filter((u) => u.roles.includes('expert'));
  const rows = await tx.select({ id: users.id, username: users.username, orgId: users.orgId, name: users.displayName })
    .from(users).where(inArray(users.username, demo.map((u) => u.username)));
  const byName = new Map(rows.map((r) => [r.username, r]));
  const values = demo.flatMap((u, i) => {
    const row = byName.get(u.username);
    if (!row) return [];
    const region = orgRegion.get(row.orgId) ?? '530000';
    const parsed = parseSpecialties((u.specialties ?? []).join('、'));
    const seq = String(i + 1).padStart(3, '0');
    return [{
      poolOrgId: row.orgId, userId: row.id, name: row.name, specialties: parsed.ok ? parsed.value : [],
      idNumber: withIdCheck(`${region}19750101${seq}`),
      employer: EMPLOYERS[region.slice(0, 2)] ?? '医学院', employerUscc: withUsccCheck(`12${region}MB${seq.padStart(7, '0')}`),
      termFrom: '2024-01-01', termTo: '2028-12-31', status: 'active' as const, createdAt: now, updatedAt: now,
    }];
  });
  if (values.length) await tx.insert(experts).values(values).onConflictDoNothing();
  return values.length;
}
