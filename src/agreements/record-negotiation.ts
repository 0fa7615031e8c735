/**
 * 协商谈判 (云医保〔2022〕6号 第十六条: 座谈会、见面会; 吉医保规〔2023〕1号 第二十一条; 2025 draft
 * 一(二): 服务内容、支付方式、结算标准等核心条款, 协商过程应记录在案). Each meeting is the
 * record_negotiation event; the outcome (agreed / not agreed) is negotiation_agreed or
 * negotiation_failed — no agreement means no signing (第二十一条).
 */
import type { SessionUser } from '../domain/identity/roles';
import type { NegotiationMeeting } from '../domain/designation/application';
import { agreementOfApplication } from '../db/agreement-repo';
import { loadApplicationFor } from '../designation/run-event';
import type { AppContext } from '../context';
import { runStep } from './run-step';

/** A meeting as recorded here: the domain's meeting plus the meeting's own conclusion. */
export type MeetingRecord = NegotiationMeeting & { outcome: string; recordedBy: string };

export async function recordNegotiation(
  ctx: AppContext, user: SessionUser, applicationId: string, input: Omit<MeetingRecord, 'recordedBy'> & { version?: number },
) {
  const { version, ...m } = input;
  const meeting: MeetingRecord = { ...m, recordedBy: user.displayName };
  const step = await runStep(ctx, user, applicationId, { type: 'record_negotiation', meeting }, version);
  return { state: step.application.state, version: step.application.version, meeting };
}

export async function concludeNegotiation(
  ctx: AppContext, user: SessionUser, applicationId: string, input: { agreed: boolean; reason?: string; version?: number },
) {
  const step = await runStep(ctx, user, applicationId,
    input.agreed ? { type: 'negotiation_agreed' } : { type: 'negotiation_failed', reason: input.reason ?? '' }, input.version);
  return { state: step.application.state, version: step.application.version, documents: step.documents.map((d) => ({ id: d.id, number: d.number, title: d.title })) };
}

/** The meetings and the study session of an application, for the negotiation page. */
export async function getNegotiation(ctx: AppContext, user: SessionUser, applicationId: string) {
  const app = await loadApplicationFor(ctx, user, applicationId);
  const data = app.data as { negotiation?: { meetings: MeetingRecord[]; opensOn: string; failedReason?: string } };
  const ag = await agreementOfApplication(ctx.db, app.id);
  return {
    applicationId: app.id, state: app.state, version: app.version,
    opensOn: data.negotiation?.opensOn ?? null, failedReason: data.negotiation?.failedReason ?? null,
    meetings: data.negotiation?.meetings ?? [],
    study: ag?.studiedOn ? { heldOn: ag.studiedOn, attendees: (ag.studyAttendees as string[]) ?? [] } : null,
    agreementId: ag?.id ?? null,
  };
}
