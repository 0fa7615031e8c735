/**
 * Reading third-party filings (吉医保规〔2023〕1号 第三十三条第二款): the institution sees its own
 * (status and the agency's notes), the agencies and departments those of their territory.
 */
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import {
  FILING_CHECK_ITEMS, FILING_CITATION, filingCheckLabel, filingStatusLabel, type FilingChecks, type FilingStatus,
} from '../domain/registry/third-party-filing';
import { findFiling, listFilings } from '../db/third-party-filing-repo';
import type { AppContext } from '../context';

type Found = NonNullable<Awaited<ReturnType<typeof findFiling>>>;

export function filingView({ filing: f, institutionName, subtype, agencyName }: Found) {
  const checks = (f.checks ?? {}) as FilingChecks;
  return {
    id: f.id, institutionId: f.institutionId, institutionName, subtype, regionCode: f.regionCode, profileId: f.profileId,
    agencyName: agencyName ?? null, status: f.status, statusLabel: filingStatusLabel[f.status], version: f.version,
    services: f.services, licence: f.licence as { number: string; issuedBy: string; validTo: string },
    equipment: f.equipment as { name: string; model: string; quantity: number }[],
    staff: f.staff as { name: string; qualification: string; certificateNumber: string }[],
    note: f.note, submittedAt: f.submittedAt,
    checks: FILING_CHECK_ITEMS.map((item) => ({ item, label: filingCheckLabel[item], ...(checks[item] ?? { pass: null, note: null, by: null, on: null }) })),
    decisionNote: f.decisionNote, decidedAt: f.decidedAt, citation: FILING_CITATION,
  };
}

export function listFilingsFor(ctx: AppContext, user: SessionUser, q: { status?: FilingStatus; page: number; pageSize: number }) {
  return listFilings(ctx.db, scopeOf(user), q);
}

export async function getFilingFor(ctx: AppContext, user: SessionUser, id: string) {
  const found = await findFiling(ctx.db, scopeOf(user), id);
  if (!found) throw new AppError('NOT_FOUND', '备案不存在');
  return filingView(found);
}
