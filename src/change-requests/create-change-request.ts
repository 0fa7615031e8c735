/**
 * The institution opens a change request (草稿): the fields that change (old values prefilled from
 * the registry, server-side), the authority's approval document and date. Major or general follows
 * from the fields under the region's profile (云医保〔2022〕6号 第二十八条, 京医保发〔2021〕30号 第四十条,
 * 吉医保规〔2023〕1号 第二十五条), never from the client.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { kindOf, type ChangeRequestCase, type FieldChange } from '../domain/change-request/change-case';
import { changeProfileOf, type ChangeField } from '../domain/change-request/fields';
import type { InstitutionKind } from '../domain/registry/enums';
import { appendAudit } from '../db/audit-repo';
import { insertChangeRequest, registryValues } from '../db/change-request-repo';
import { chinaDate } from '../domain/clock/clock';
import { profileIdOf } from './binding';
import { checkValue, currentValue } from './values';

export interface CreateChangeInput {
  changes: { field: ChangeField; to: string; person?: { name: string; idNumber: string } | undefined }[];
  approvalDocNo?: string | null | undefined;
  approvalDate?: string | null | undefined;
  note?: string | null | undefined;
}

export async function createChangeRequest(ctx: AppContext, user: SessionUser, input: CreateChangeInput): Promise<string> {
  if (!user.institutionId) throw new AppError('FORBIDDEN', '只有医药机构可以提出变更申请');
  const reg = await registryValues(ctx.db, user.institutionId);
  if (!reg) throw new AppError('NOT_FOUND', '机构不存在');
  const seen = new Set<string>();
  const changes: FieldChange[] = input.changes.map((c, i) => {
    if (seen.has(c.field)) throw new AppError('INVALID_INPUT', '同一变更事项只能填写一次', { field: `changes.${i}.field` });
    seen.add(c.field);
    const to = c.person ? `${c.person.name}` : c.to.trim();
    checkValue(c.field, to, c.person, reg.inst.kind, i);
    return { field: c.field, from: currentValue(reg as never, c.field), to, ...(c.person ? { person: { name: c.person.name.trim(), idNumber: c.person.idNumber.toUpperCase() } } : {}) };
  });
  const profile = changeProfileOf(await profileIdOf(ctx, reg.inst.regionCode));
  const now = ctx.clock.now();
  if (input.approvalDate && input.approvalDate > chinaDate(now)) throw new AppError('INVALID_INPUT', '批准日期不能晚于今天', { field: 'approvalDate' });
  const data: Omit<ChangeRequestCase, 'id'> = {
    institutionId: reg.inst.id, institutionKind: reg.inst.kind as InstitutionKind, regionCode: reg.inst.regionCode,
    kind: kindOf(profile, changes.map((c) => c.field)), state: 'draft', changes,
    approvalDocNo: input.approvalDocNo?.trim() || null, approvalDate: input.approvalDate || null, note: input.note?.trim() || null,
    filingDue: null, late: false, lateCites: [], submittedOn: null, forwardedOn: null, decidedOn: null, decisionNote: null, returnReason: null,
    recognition: null, todo: null,
  };
  return ctx.db.transaction(async (tx) => {
    const id = randomUUID();
    // the case carries its own id (the engine's outbox and documents read it)
    const row = await insertChangeRequest(tx, {
      id, institutionId: data.institutionId, regionCode: data.regionCode, kind: data.kind, state: 'draft', fields: changes,
      approvalDocNo: data.approvalDocNo, approvalDate: data.approvalDate, data: { ...data, id }, createdBy: user.id, createdAt: now, updatedAt: now,
    });
    await appendAudit(tx, now, {
      actor: { id: user.id, orgId: user.orgId }, action: 'change_request.create', entityType: 'change_request', entityId: row.id, regionCode: data.regionCode,
      before: null, after: { kind: data.kind, changes, approvalDocNo: data.approvalDocNo, approvalDate: data.approvalDate }, reason: null,
    });
    return row.id;
  });
}
