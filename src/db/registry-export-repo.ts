/**
 * The registry export (issue #9): the same filters and territory as the institutions list
 * (institution-repo `listInstitutions`), read in id order by keyset pages so that an export of a
 * whole province streams. Each institution with its current legal representative, its latest
 * licence and its latest agreement — the columns of the import template.
 */
import { and, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { rowsOf } from './client';
import { institutions } from './schema/index';
import { institutionScopeWhere, prefixLike } from './territory';
import { escapeLike } from './institution-search';
import { regionFilterPrefix, type InstitutionFilter } from './institution-repo';
import type { Scope } from '../domain/identity/territory';

export type ExportFilter = Omit<InstitutionFilter, 'page' | 'pageSize'>;

export function exportWhere(scope: Scope, f: ExportFilter): SQL {
  const q = f.q?.trim();
  const code = q?.toUpperCase();
  return and(
    institutionScopeWhere(scope, institutions),
    f.region ? prefixLike(institutions.regionCode, regionFilterPrefix(f.region)) : undefined,
    f.kind ? eq(institutions.kind, f.kind) : undefined,
    f.subtype ? eq(institutions.subtype, f.subtype) : undefined,
    f.hospitalLevel ? eq(institutions.hospitalLevel, f.hospitalLevel) : undefined,
    f.status ? eq(institutions.status, f.status) : undefined,
    f.ownership ? eq(institutions.ownership, f.ownership) : undefined,
    f.dualChannel !== undefined ? eq(institutions.dualChannel, f.dualChannel) : undefined,
    q ? or(sql`${institutions.name} ILIKE ${`%${escapeLike(q.normalize('NFKC'))}%`}`, eq(institutions.uscc, code!), eq(institutions.ybCode, code!)) : undefined,
  ) ?? sql`true`;
}

export interface ExportRow {
  id: string; name: string; uscc: string; ybCode: string | null; kind: string; subtype: string; ownership: string; hospitalLevel: string;
  grade: string; regionCode: string; address: string; phone: string | null; status: string; beds: number; paymentCategories: string[];
  insuranceSchemes: string[]; designatedOn: string | null; legalRepName: string | null; legalRepIdNumber: string | null;
  licenceKind: string | null; licenceNumber: string | null; licenceValidFrom: string | null; licenceValidTo: string | null;
  agreementNumber: string | null; agreementFrom: string | null; agreementTo: string | null; agreementCategories: string[] | null; agreementStatus: string | null;
}

/** One keyset page (id > afterId) of the export. */
export async function exportPage(db: Db, scope: Scope, f: ExportFilter, afterId: string | null, limit: number): Promise<ExportRow[]> {
  if (scope.kind === 'none') return [];
  const where = and(exportWhere(scope, f), afterId ? gt(institutions.id, afterId) : undefined)!;
  const res = await db.execute(sql`
    SELECT i.id, i.name, i.uscc, i.yb_code AS "ybCode", i.kind, i.subtype, i.ownership, i.hospital_level AS "hospitalLevel", i.grade,
      i.region_code AS "regionCode", i.address, i.phone, i.status, i.beds, i.payment_categories AS "paymentCategories",
      i.insurance_schemes AS "insuranceSchemes", i.designated_on::text AS "designatedOn",
      p.name AS "legalRepName", p.id_number AS "legalRepIdNumber",
      l.kind AS "licenceKind", l.number AS "licenceNumber", l.valid_from::text AS "licenceValidFrom", l.valid_to::text AS "licenceValidTo",
      a.number AS "agreementNumber", a.term_from::text AS "agreementFrom", a.term_to::text AS "agreementTo",
      a.payment_categories AS "agreementCategories", a.status AS "agreementStatus"
    FROM (SELECT * FROM institutions WHERE ${where} ORDER BY id LIMIT ${limit}) i
    LEFT JOIN LATERAL (SELECT pe.name, pe.id_number FROM institution_persons ip JOIN persons pe ON pe.id = ip.person_id
      WHERE ip.institution_id = i.id AND ip.role = 'legal_rep' AND ip.to_date IS NULL ORDER BY ip.from_date DESC LIMIT 1) p ON true
    LEFT JOIN LATERAL (SELECT * FROM licences WHERE institution_id = i.id ORDER BY valid_from DESC, id LIMIT 1) l ON true
    LEFT JOIN LATERAL (SELECT * FROM agreements WHERE institution_id = i.id AND status <> 'void' ORDER BY term_to DESC, id LIMIT 1) a ON true
    ORDER BY i.id`);
  return rowsOf<ExportRow>(res);
}
