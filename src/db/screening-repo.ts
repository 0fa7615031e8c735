/**
 * What screening before acceptance reads (src/designation/screen-application.ts): the institution
 * and its own termination records, its linked persons with their dated roles in other institutions and those institutions' termination
 * records, the officer's findings, its earlier applications and the province's allocation-plan
 * setting — in one statement.
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { institutions } from './schema/index';
import type { Finding } from '../domain/policy/findings';
import type { OwnTerminationRecord } from '../domain/policy/termination-facts';

export interface ScreeningSources {
  institution: typeof institutions.$inferSelect;
  /** every person linked to the institution (current or not), with their role and its dates */
  links: { personId: string; name: string; dishonest: boolean; role: string; fromDate: string; toDate: string | null }[];
  /** the role spans of those persons in OTHER institutions (第十二条(七)), dated */
  elsewhere: { personId: string; institutionId: string; role: string; fromDate: string; toDate: string | null }[];
  /** the institution's own termination records (第十二条(五)(六); decision 0034) */
  own: OwnTerminationRecord[];
  /** termination records of those other institutions */
  terminations: { institutionId: string; terminatedOn: string; category: 'serious' | 'other'; personIds: string[] }[];
  /** the officer's findings about the institution, in any of its applications (findings.ts decides which count) */
  findings: Finding[];
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
      links: sql<ScreeningSources['links']>`(SELECT coalesce(json_agg(json_build_object('personId', p.id, 'name', p.name, 'dishonest', p.dishonest, 'role', ip.role, 'fromDate', ip.from_date, 'toDate', ip.to_date)), '[]'::json)
        FROM institution_persons ip JOIN persons p ON p.id = ip.person_id WHERE ip.institution_id = "institutions"."id")`,
      elsewhere: sql<ScreeningSources['elsewhere']>`(SELECT coalesce(json_agg(json_build_object('personId', o.person_id, 'institutionId', o.institution_id, 'role', o.role, 'fromDate', o.from_date, 'toDate', o.to_date)), '[]'::json)
        FROM institution_persons o
        WHERE o.institution_id <> "institutions"."id" AND o.person_id IN (SELECT ip.person_id FROM institution_persons ip WHERE ip.institution_id = "institutions"."id"))`,
      own: sql<OwnTerminationRecord[]>`(SELECT coalesce(json_agg(json_build_object('terminatedOn', t.terminated_on, 'category', t.category, 'cause', t.cause,
          'situation', t.situation, 'source', t.source, 'penaltiesFulfilledOn', t.penalties_fulfilled_on)), '[]'::json)
        FROM institution_terminations t WHERE t.institution_id = "institutions"."id")`,
      // the other institutions' records where a linked person held a role (by the registry's spans) or that name
      // a linked person among those holding a role on the day (the record's persons; decision 0034)
      terminations: sql<ScreeningSources['terminations']>`(SELECT coalesce(json_agg(json_build_object('institutionId', t.institution_id, 'terminatedOn', t.terminated_on, 'category', t.category,
          'personIds', (SELECT coalesce(json_agg(x->>'personId'), '[]'::json) FROM jsonb_array_elements(CASE WHEN jsonb_typeof(t.persons) = 'array' THEN t.persons ELSE '[]'::jsonb END) x))), '[]'::json)
        FROM institution_terminations t
        WHERE t.institution_id <> "institutions"."id" AND (t.institution_id IN (SELECT o.institution_id FROM institution_persons o
          WHERE o.person_id IN (SELECT ip.person_id FROM institution_persons ip WHERE ip.institution_id = "institutions"."id"))
          OR EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(t.persons) = 'array' THEN t.persons ELSE '[]'::jsonb END) x
            WHERE x->>'personId' IN (SELECT ip.person_id::text FROM institution_persons ip WHERE ip.institution_id = "institutions"."id"))))`,
      findings: sql<Finding[]>`(SELECT coalesce(json_agg(json_build_object('id', f.id, 'kind', f.kind, 'applicationId', f.application_id, 'foundOn', f.found_on,
          'source', f.source, 'note', f.note, 'evidenceFileId', f.evidence_file_id, 'evidenceFile', f.evidence_file, 'resolvedOn', f.resolved_on)), '[]'::json)
        FROM screening_findings f WHERE f.institution_id = "institutions"."id")`,
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
    own: r.own,
    elsewhere: r.elsewhere,
    terminations: r.terminations,
    findings: r.findings,
    history: r.history,
    setting: (r.setting as { v: unknown } | null)?.v,
  };
}
