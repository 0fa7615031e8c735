/**
 * What screening before acceptance reads (src/designation/screen-application.ts): the institution,
 * its linked persons with the other institutions they held a role in, its earlier applications and
 * the province's allocation-plan setting — in one statement.
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { institutions } from './schema/index';

export interface ScreeningSources {
  institution: typeof institutions.$inferSelect;
  /** every person linked to the institution (current or not), with their role */
  links: { personId: string; name: string; dishonest: boolean; role: string; toDate: string | null }[];
  /** roles of those persons in OTHER institutions, with that institution's status */
  elsewhere: { personId: string; status: string; updatedAt: Date }[];
  /** the `data` of the institution's other applications */
  history: unknown[];
  /** the value of the setting `settingKey`, or undefined */
  setting: unknown;
}

export async function loadScreeningSources(db: Db | Tx, institutionId: string, exceptApplicationId: string, settingKey: string): Promise<ScreeningSources | null> {
  // aliases throughout: drizzle leaves columns unqualified in a one-table select
  const [r] = await db
    .select({
      institution: institutions,
      links: sql<ScreeningSources['links']>`(SELECT coalesce(json_agg(json_build_object('personId', p.id, 'name', p.name, 'dishonest', p.dishonest, 'role', ip.role, 'toDate', ip.to_date)), '[]'::json)
        FROM institution_persons ip JOIN persons p ON p.id = ip.person_id WHERE ip.institution_id = "institutions"."id")`,
      elsewhere: sql<{ personId: string; status: string; updatedAt: string }[]>`(SELECT coalesce(json_agg(json_build_object('personId', o.person_id, 'status', i2.status, 'updatedAt', i2.updated_at)), '[]'::json)
        FROM institution_persons o JOIN institutions i2 ON i2.id = o.institution_id
        WHERE i2.id <> "institutions"."id" AND o.person_id IN (SELECT ip.person_id FROM institution_persons ip WHERE ip.institution_id = "institutions"."id"))`,
      history: sql<unknown[]>`(SELECT coalesce(json_agg(a.data), '[]'::json) FROM applications a WHERE a.institution_id = "institutions"."id" AND a.id <> ${exceptApplicationId}::uuid)`,
      setting: sql<unknown>`(SELECT json_build_object('v', s.value) FROM settings s WHERE s.key = ${settingKey})`,
    })
    .from(institutions)
    .where(sql`"institutions"."id" = ${institutionId}::uuid`)
    .limit(1);
  if (!r) return null;
  return {
    institution: r.institution,
    links: r.links,
    elsewhere: r.elsewhere.map((e) => ({ ...e, updatedAt: new Date(e.updatedAt) })),
    history: r.history,
    setting: (r.setting as { v: unknown } | null)?.v,
  };
}
