/**
 * Reading registrations: the applicant its own (by its account, whatever its organisation), an
 * agency those of its territory (404 outside: existence is not revealed), nobody else any.
 */
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { institutionKindLabel, institutionSubtypeLabel, ownershipLabel } from '../domain/registry/enums';
import { registrationFileLabel, registrationStatusLabel } from '../domain/registration/registration';
import {
  filesOf, findFile, findRegistration, findRegistrationOfUser, listRegistrations, regionAndAgencyNames,
  type RegistrationFilter, type RegistrationRow,
} from '../db/registration-repo';
import type { Db, Tx } from '../db/client';

const AGENCY_ROLES = ['agency_officer', 'agency_head'] as const;

export function assertAgency(user: SessionUser): void {
  if (user.orgKind !== 'agency' || !AGENCY_ROLES.some((r) => user.roles.includes(r))) {
    throw new AppError('FORBIDDEN', '医药机构注册由属地医保经办机构审核');
  }
}

export async function registrationView(db: Db | Tx, row: RegistrationRow) {
  const names = await regionAndAgencyNames(db, row);
  const files = await filesOf(db, row.id);
  return {
    id: row.id, status: row.status, statusLabel: registrationStatusLabel[row.status],
    uscc: row.uscc, name: row.name, kind: row.kind, kindLabel: institutionKindLabel[row.kind],
    subtype: row.subtype, subtypeLabel: institutionSubtypeLabel[row.subtype], ownership: row.ownership, ownershipLabel: ownershipLabel[row.ownership],
    regionCode: row.regionCode, regionName: names.regionName, address: row.address,
    legalRepName: row.legalRepName, legalRepIdNumber: row.legalRepIdNumber, contactName: row.contactName, contactPhone: row.contactPhone,
    agencyOrgId: row.agencyOrgId, agencyName: names.agencyName, returnReason: row.returnReason, institutionId: row.institutionId,
    submittedAt: row.submittedAt.toISOString(), decidedAt: row.decidedAt?.toISOString() ?? null, version: row.version,
    files: files.map((f) => ({ id: f.id, kind: f.kind, kindLabel: registrationFileLabel[f.kind], fileName: f.fileName, mime: f.mime, size: f.size, at: f.at.toISOString() })),
  };
}
export type RegistrationView = Awaited<ReturnType<typeof registrationView>>;

const noneOfYours = () => new AppError('NOT_FOUND', '当前账号没有医药机构注册');

export async function getMyRegistration(ctx: AppContext, user: SessionUser) {
  const row = await findRegistrationOfUser(ctx.db, user.id);
  if (!row) throw noneOfYours();
  return registrationView(ctx.db, row);
}

export async function readMyRegistrationFile(ctx: AppContext, user: SessionUser, fileId: string) {
  const row = await findRegistrationOfUser(ctx.db, user.id);
  if (!row) throw noneOfYours();
  const f = await findFile(ctx.db, row.id, fileId);
  if (!f) throw new AppError('NOT_FOUND', '文件不存在');
  return f;
}

export async function listRegistrationQueue(ctx: AppContext, user: SessionUser, filter: Omit<RegistrationFilter, 'agencyOrgId'> & { mine?: boolean }) {
  assertAgency(user);
  const { mine, ...rest } = filter;
  const page = await listRegistrations(ctx.db, scopeOf(user), { ...rest, ...(mine ? { agencyOrgId: user.orgId } : {}) });
  return {
    ...page,
    items: page.items.map((r) => ({
      ...r, statusLabel: registrationStatusLabel[r.status], kindLabel: institutionKindLabel[r.kind], subtypeLabel: institutionSubtypeLabel[r.subtype],
      submittedAt: r.submittedAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null,
    })),
  };
}

export async function loadForAgency(ctx: AppContext, db: Db | Tx, user: SessionUser, id: string) {
  assertAgency(user);
  const row = await findRegistration(db, scopeOf(user), id);
  if (!row) throw new AppError('NOT_FOUND', '注册申请不存在');
  return row;
}

export async function getRegistration(ctx: AppContext, user: SessionUser, id: string) {
  return registrationView(ctx.db, await loadForAgency(ctx, ctx.db, user, id));
}

export async function readRegistrationFile(ctx: AppContext, user: SessionUser, id: string, fileId: string) {
  const row = await loadForAgency(ctx, ctx.db, user, id);
  const f = await findFile(ctx.db, row.id, fileId);
  if (!f) throw new AppError('NOT_FOUND', '文件不存在');
  return f;
}
