/**
 * The agency of the registration's territory verifies it — the institution enters the registry with
 * its legal representative (and the organisation its users belong to), the applicant's account moves
 * into that organisation with the roles 医药机构经办人 and 医药机构管理员 — or returns it with a reason.
 * Version-checked (stale → 409), one transaction, audited.
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { registrationStatusLabel } from '../domain/registration/registration';
import type { CreateInstitutionInput } from '../domain/registry/institution-input';
import { appendAudit } from '../db/audit-repo';
import { createInstitution } from '../db/institution-repo';
import { deactivateUser, setUserAccount, updateRegistration, type RegistrationRow } from '../db/registration-repo';
import { organizations } from '../db/schema/index';
import { loadForAgency, registrationView } from './read-registrations';

const stale = () => new AppError('CONFLICT', '注册申请已被他人处理或修改，请刷新后重试');

function assertPending(row: RegistrationRow, version: number, allowed: readonly RegistrationRow['status'][] = ['pending']) {
  if (!allowed.includes(row.status)) {
    throw new AppError('CONFLICT', `该注册当前为「${registrationStatusLabel[row.status]}」，只有${allowed.map((s) => registrationStatusLabel[s]).join('或')}的注册可以办理此操作`);
  }
  if (row.version !== version) throw stale();
}

export const APPLICANT_ROLES = ['institution_staff', 'institution_admin'] as const;

export async function verifyRegistration(ctx: AppContext, user: SessionUser, id: string, input: { version: number }) {
  return ctx.db.transaction(async (tx) => {
    const row = await loadForAgency(ctx, tx, user, id);
    assertPending(row, input.version);
    const institution: CreateInstitutionInput = {
      name: row.name, uscc: row.uscc, ybCode: null, kind: row.kind, subtype: row.subtype, ownership: row.ownership,
      hospitalLevel: 'unrated', grade: 'none', adminLevel: 'county', beds: 0, regionCode: row.regionCode, address: row.address,
      phone: row.contactPhone, servicePhone: null, status: 'applicant', parentId: null, parentRelation: null, dualChannel: false,
      paymentCategories: [], insuranceSchemes: [], openedOn: null, designatedOn: null, mainScope: null,
      persons: [{ idNumber: row.legalRepIdNumber, name: row.legalRepName, phone: null, role: 'legal_rep' }],
      licences: [], sites: [],
    };
    // the registry's own use case (checks, search tokens, the institution's organisation, its audit row), in this transaction
    const created = await createInstitution({ db: tx, clock: ctx.clock }, user, institution);
    const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.institutionId, created.id));
    if (!org) throw new Error('institution organisation missing after create');
    await setUserAccount(tx, row.userId, { orgId: org.id, roles: [...APPLICANT_ROLES] });
    const now = ctx.clock.now();
    const after = await updateRegistration(tx, row.id, row.version, {
      status: 'verified', institutionId: created.id, decidedBy: user.id, decidedAt: now, updatedAt: now,
    });
    if (!after) throw stale();
    await appendAudit(tx, now, {
      actor: user, action: 'registration.verify', entityType: 'registration', entityId: row.id, regionCode: row.regionCode,
      before: { status: row.status }, after: { status: 'verified', institutionId: created.id, orgId: org.id, userId: row.userId, roles: APPLICANT_ROLES },
    });
    return registrationView(tx, after);
  });
}

export async function returnRegistration(ctx: AppContext, user: SessionUser, id: string, input: { version: number; reason: string }) {
  return ctx.db.transaction(async (tx) => {
    const row = await loadForAgency(ctx, tx, user, id);
    assertPending(row, input.version);
    const now = ctx.clock.now();
    const after = await updateRegistration(tx, row.id, row.version, {
      status: 'returned', returnReason: input.reason, decidedBy: user.id, decidedAt: now, updatedAt: now,
    });
    if (!after) throw stale();
    await appendAudit(tx, now, {
      actor: user, action: 'registration.return', entityType: 'registration', entityId: row.id, regionCode: row.regionCode,
      before: { status: row.status }, after: { status: 'returned' }, reason: input.reason,
    });
    return registrationView(tx, after);
  });
}

/**
 * 不予登记: a registration that is no institution at all (a false or squatted USCC, a scripted sign-up)
 * is closed with a reason — the USCC is free again for the real holder, and the account is deactivated
 * (its sessions end at once). From pending or returned.
 */
export async function rejectRegistration(ctx: AppContext, user: SessionUser, id: string, input: { version: number; reason: string }) {
  return ctx.db.transaction(async (tx) => {
    const row = await loadForAgency(ctx, tx, user, id);
    assertPending(row, input.version, ['pending', 'returned']);
    const now = ctx.clock.now();
    const after = await updateRegistration(tx, row.id, row.version, {
      status: 'rejected', returnReason: input.reason, decidedBy: user.id, decidedAt: now, updatedAt: now,
    });
    if (!after) throw stale();
    await deactivateUser(tx, row.userId);
    await appendAudit(tx, now, {
      actor: user, action: 'registration.reject', entityType: 'registration', entityId: row.id, regionCode: row.regionCode,
      before: { status: row.status }, after: { status: 'rejected', userId: row.userId, accountActive: false }, reason: input.reason,
    });
    return registrationView(tx, after);
  });
}
