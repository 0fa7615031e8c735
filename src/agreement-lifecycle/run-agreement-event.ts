/**
 * One step of an agreement's life for a signed-in user (issue #10): the engine with the agreement's
 * binding; answers the new state, version, the notices issued and the agreements a cascade moved
 * (吉医保规〔2023〕1号 第三十条).
 */
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import type { AgreementEvent } from '../domain/agreement/lifecycle';
import { runCaseEvent } from '../workflow/run-case-event';
import { agreementBinding } from './binding';

export async function runAgreementEvent(ctx: AppContext, user: SessionUser, agreementId: string, event: AgreementEvent, version: number) {
  const cascaded: { agreementId: string; number: string; regionCode: string }[] = [];
  const r = await runCaseEvent(ctx, agreementBinding(ctx, cascaded), user, agreementId, event, version);
  return {
    lifeState: r.state, version: r.version,
    documents: r.documents.map((d) => ({ id: d.id, number: d.number, title: d.title })),
    ...(cascaded.length ? { cascaded } : {}),
  };
}
