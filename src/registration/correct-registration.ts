/**
 * The applicant corrects its registration while it is not verified: the details (saving them puts a
 * returned registration back into the agency's queue — 重新提交) and the uploaded licences. Only its
 * own registration (found by the account, never by an id the caller sends); version-checked; audited.
 */
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { maskIdNumber } from '../domain/validators/id-number';
import { registrationStatusLabel, type RegistrationDetails } from '../domain/registration/registration';
import { appendAudit } from '../db/audit-repo';
import { findRegistrationOfUser, putFile, updateRegistration, type RegistrationRow } from '../db/registration-repo';
import type { Tx } from '../db/client';
import { agencyFor, checkDetails, mapRegistrationUnique } from './submit-registration';
import { checkedFile, type IncomingFile } from './registration-files';
import { registrationView } from './read-registrations';

const stale = () => new AppError('CONFLICT', '注册信息已被修改或已被审核，请刷新后重试');

async function editable(tx: Tx, user: SessionUser): Promise<RegistrationRow> {
  const row = await findRegistrationOfUser(tx, user.id);
  if (!row) throw new AppError('NOT_FOUND', '当前账号没有医药机构注册');
  if (row.status === 'verified') throw new AppError('CONFLICT', `该注册已${registrationStatusLabel.verified}，机构信息请在机构信息页维护`);
  if (row.status === 'rejected') throw new AppError('CONFLICT', '该注册已被不予登记，不能修改');
  return row;
}

export async function correctRegistration(ctx: AppContext, user: SessionUser, input: { version: number; details: RegistrationDetails }) {
  return ctx.db
    .transaction(async (tx) => {
      const row = await editable(tx, user);
      if (row.version !== input.version) throw stale();
      const d = input.details;
      await checkDetails(ctx, tx, d, row.id);
      const agencyOrgId = d.regionCode === row.regionCode ? row.agencyOrgId : await agencyFor(tx, d.regionCode);
      const now = ctx.clock.now();
      const after = await updateRegistration(tx, row.id, row.version, { ...d, agencyOrgId, status: 'pending', updatedAt: now, submittedAt: now });
      if (!after) throw stale();
      const mask = (r: { legalRepIdNumber: string }) => maskIdNumber(r.legalRepIdNumber);
      await appendAudit(tx, now, {
        actor: user, action: row.status === 'returned' ? 'registration.resubmit' : 'registration.update', entityType: 'registration',
        entityId: row.id, regionCode: d.regionCode,
        before: { ...pick(row), legalRepIdNumber: mask(row), status: row.status },
        after: { ...d, legalRepIdNumber: mask(d), agencyOrgId, status: 'pending' },
      });
      return registrationView(tx, after);
    })
    .catch(mapRegistrationUnique);
}

function pick(r: RegistrationRow) {
  return {
    uscc: r.uscc, name: r.name, kind: r.kind, subtype: r.subtype, ownership: r.ownership, regionCode: r.regionCode, address: r.address,
    legalRepName: r.legalRepName, contactName: r.contactName, contactPhone: r.contactPhone,
  };
}

export async function replaceRegistrationFile(ctx: AppContext, user: SessionUser, file: IncomingFile) {
  const f = checkedFile(file);
  return ctx.db.transaction(async (tx) => {
    const row = await editable(tx, user);
    const now = ctx.clock.now();
    const stored = await putFile(tx, { registrationId: row.id, ...f, at: now });
    // a new file is a change of the registration: its version moves, so that an agency working on the old one gets 409
    if (!(await updateRegistration(tx, row.id, row.version, { updatedAt: now }))) throw stale();
    await appendAudit(tx, now, {
      actor: user, action: 'registration.file.upload', entityType: 'registration', entityId: row.id, regionCode: row.regionCode,
      after: { kind: f.kind, fileName: f.fileName, mime: f.mime, size: f.size, sha256: f.sha256 },
    });
    return { id: stored.id, kind: stored.kind, fileName: stored.fileName, mime: stored.mime, size: stored.size, at: stored.at.toISOString() };
  });
}
