/**
 * A third-party service files its service items with the local agency (吉医保规〔2023〕1号
 * 第三十三条第二款): practice licence, large-equipment list, staff certificates. Only a `third_party`
 * institution files, only where its province's profile provides the filing; the filing goes to the
 * agency of its territory and waits for 核验. One open filing at a time.
 */
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { chinaDate } from '../domain/clock/clock';
import { assertMayFile, filingRuleFor, FILING_CITATION } from '../domain/registry/third-party-filing';
import { appendAudit } from '../db/audit-repo';
import { findFilerFacts, insertFiling } from '../db/third-party-filing-repo';
import type { AppContext } from '../context';

export interface FilingInput {
  services: string[];
  licence: { number: string; issuedBy: string; validTo: string };
  equipment: { name: string; model: string; quantity: number }[];
  staff: { name: string; qualification: string; certificateNumber: string }[];
  note?: string | null;
}

/** The agency the filing goes to: the nearest agency of the institution's county, prefecture, province (当地). */
function localAgency(regionCode: string, agencies: { id: string; regionCode: string }[]): string | null {
  const chain = [regionCode, `${regionCode.slice(0, 4)}00`, `${regionCode.slice(0, 2)}0000`];
  return chain.map((c) => agencies.find((a) => a.regionCode === c)).find(Boolean)?.id ?? null;
}

export async function submitFiling(ctx: AppContext, user: SessionUser, input: FilingInput) {
  if (!user.roles.includes('institution_staff') || !user.institutionId) {
    throw new AppError('FORBIDDEN', '只有第三方服务机构的经办人可以为本机构办理备案');
  }
  const facts = await findFilerFacts(ctx.db, user.institutionId);
  if (!facts) throw new AppError('NOT_FOUND', '机构不存在');
  const inst = facts.institution;
  assertMayFile(inst.kind);
  const today = chinaDate(ctx.clock.now());
  const profileId = facts.profileId ?? 'national';
  filingRuleFor(profileId, today);
  if (input.licence.validTo < today) {
    throw new AppError('INVALID_INPUT', '医疗机构执业许可证已过有效期', { field: 'body.licence.validTo' });
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await insertFiling(tx, {
      institutionId: inst.id, regionCode: inst.regionCode, profileId, agencyOrgId: localAgency(inst.regionCode, facts.agencies),
      status: 'submitted', services: input.services, licence: input.licence, equipment: input.equipment, staff: input.staff,
      note: input.note ?? null, checks: {}, submittedBy: user.id, submittedAt: now, updatedAt: now,
    });
    if (!row) throw new AppError('CONFLICT', '本机构已有待核验的备案，请等待经办机构核验');
    await appendAudit(tx, now, {
      actor: user, action: 'third_party_filing.submit', entityType: 'third_party_filing', entityId: row.id, regionCode: row.regionCode,
      after: { institutionId: inst.id, services: row.services, licence: row.licence, equipment: row.equipment, staff: row.staff, agencyOrgId: row.agencyOrgId, cite: FILING_CITATION },
    });
    return row;
  });
}
