/**
 * 协议学习 (云医保〔2022〕6号 第十七条): the agency has the institution's head and staff study the
 * agreement; the session's attendees are recorded and the text is fixed — complete_study carries
 * the template version and the text's SM3 digest, which every signature must then match.
 */
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { appendAudit } from '../db/audit-repo';
import { findTemplate, setAgreementStatus } from '../db/agreement-repo';
import type { AppContext } from '../context';
import { loadPipelineAgreementFor } from './load-agreement';
import { runStep } from './run-step';

export async function completeAgreementStudy(
  ctx: AppContext, user: SessionUser, agreementId: string, input: { heldOn: string; attendees: string[]; version?: number },
) {
  const ag = await loadPipelineAgreementFor(ctx, user, agreementId);
  if (ag.status !== 'draft') throw new AppError('CONFLICT', '协议学习已完成，协议文本已确定');
  const template = (await findTemplate(ctx.db, ag.templateId))!;
  const now = ctx.clock.now();
  let agreement: Awaited<ReturnType<typeof setAgreementStatus>> | undefined;
  // fixing the text and the pipeline step commit together
  const step = await runStep(ctx, user, ag.applicationId, {
    type: 'complete_study', attendees: input.attendees, templateId: template.code, templateVersion: String(template.version), textHash: ag.textSm3,
  }, input.version, {
    within: async (tx, st) => {
      agreement = await setAgreementStatus(tx, ag.id, 'draft', { status: 'fixed', studiedOn: input.heldOn, studyAttendees: input.attendees, updatedAt: now });
      if (!agreement) throw new AppError('CONFLICT', '协议学习已完成，协议文本已确定');
      await appendAudit(tx, now, {
        actor: user, action: 'agreement.study', entityType: 'agreement', entityId: ag.id, regionCode: ag.regionCode,
        before: { status: 'draft' }, after: { status: 'fixed', heldOn: input.heldOn, attendees: input.attendees, textSm3: ag.textSm3, applicationVersion: st.application.version },
      });
    },
  });
  return { agreement: agreement!, application: step.application };
}
