/**
 * 投诉举报 during 公示 (云医保〔2022〕6号 第十五条; 吉医保规〔2023〕1号 第十九条), filed by anyone on
 * the public site. The content is plain text (≤ 2000 characters), kept verbatim and never rendered
 * as HTML. The complainant's name, phone and e-mail stay in the complaints table, which only the
 * agency reads: the application's file_complaint event (which the institution can see) carries
 * the complaint number, not the content or the contact. The complainant gets a receipt number
 * ('五华医保投诉〔2026〕7号', the agency's counter) to look up the status with the phone (decision 0019).
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../domain/errors';
import { appendAudit } from '../db/audit-repo';
import { COMPLAINT_NO_CODE, insertComplaint, takeComplaintSerial } from '../db/complaint-repo';
import { chinaDate } from '../domain/clock/clock';
import { formatDocumentNumber } from '../documents/numbering';
import { agencyShort } from '../documents/numbering';
import { findApplication, isUuid } from '../db/designation-repo';
import { findPublicityByName } from '../db/public-repo';
import type { AppContext } from '../context';
import { PUBLIC_ACTOR } from './public-actor';
import { runStep } from './run-step';

export interface ComplaintInput {
  applicationId?: string | null;
  institutionName?: string | null;
  content: string;
  contactName: string;
  phone: string;
  email?: string | null;
}

async function targetApplication(ctx: AppContext, input: ComplaintInput) {
  if (input.applicationId) {
    const row = isUuid(input.applicationId) ? await findApplication(ctx.db, input.applicationId) : null;
    if (!row || row.state !== 'in_publicity') {
      throw new AppError('INVALID_INPUT', '所举报的申请不在公示期内，请从公示名单中选择', { field: 'applicationId' });
    }
    return row;
  }
  const name = input.institutionName?.trim();
  if (!name) throw new AppError('INVALID_INPUT', '请选择公示名单中的申请或填写被举报机构名称', { field: 'institutionName' });
  const hits = await findPublicityByName(ctx.db, name);
  if (hits.length !== 1) {
    throw new AppError('INVALID_INPUT', hits.length === 0 ? `公示名单中没有名为「${name}」的机构` : `公示名单中有多家「${name}」，请从名单中选择`, { field: 'institutionName' });
  }
  return (await findApplication(ctx.db, hits[0]!.id))!;
}

export async function fileComplaint(ctx: AppContext, input: ComplaintInput) {
  const app = await targetApplication(ctx, input);
  const id = randomUUID();
  const now = ctx.clock.now();
  let number = '';
  // the complaint row and the application's file_complaint step commit together
  await runStep(ctx, PUBLIC_ACTOR, app.id, {
    type: 'file_complaint', complaintId: id,
    summary: `社会公众举报投诉（编号 ${id.slice(0, 8)}），内容由经办机构调查核实`,
    contact: '已登记（仅经办机构可见）',
  }, undefined, {
    within: async (tx, step) => {
      // the receipt number from the agency's counter, in the step's transaction (decision 0019)
      const year = Number(chinaDate(now).slice(0, 4));
      const t = await takeComplaintSerial(tx, app.agencyOrgId, year);
      number = formatDocumentNumber({ agencyShort: t.level ? agencyShort(t.regionName, t.level) : '医保', typeCode: COMPLAINT_NO_CODE, year, serial: t.serial });
      await insertComplaint(tx, {
        number,
        id, applicationId: app.id, regionCode: app.regionCode, content: input.content, contactName: input.contactName,
        phone: input.phone, email: input.email ?? null, receivedAt: now,
      });
      await appendAudit(tx, now, {
        actor: null, action: 'complaint.file', entityType: 'complaint', entityId: id, regionCode: app.regionCode,
        after: { number, applicationId: app.id, applicationVersion: step.application.version, contentLength: input.content.length, email: !!input.email },
      });
    },
  });
  return { id, number, receivedAt: now.toISOString() };
}
