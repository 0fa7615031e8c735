/**
 * An expert's panels and steps. The panel members are the application's data (written by the
 * form_panel step); the pipeline's territory filter lets an expert load only applications whose
 * panel lists them, and the domain's `panel.member` guard refuses acting for another member.
 */
import { eq } from 'drizzle-orm';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import type { AppIn, EvaluationInProgress, EvaluationOutcome } from '../domain/designation/application';
import type { DesignationEvent } from '../domain/designation/events';
import { SHEETS } from '../domain/designation/sheets';
import { formatCites } from '../domain/designation/cite';
import { stateLabel, type State } from '../domain/designation/states';
import { applicationScopeWhere } from '../db/designation-repo';
import { applications, institutions } from '../db/schema/index';
import type { AppContext } from '../context';
import { runStep } from './run-step';
import { AppError } from '../domain/errors';
import { resultSigning, signingClosedReason } from '../domain/designation/result-signing';
import { workflowProfileFor } from '../designation/build-context';
import { loadApplicationFor } from '../designation/run-event';
import { documentsOf } from '../db/document-repo';

/**
 * The expert's panels: the ones sitting now (state 评估中, with the forms of each step), then the
 * concluded ones whose signed record the application keeps (read-only: result, what this member
 * recorded), newest first.
 */
export async function listMyPanels(ctx: AppContext, user: SessionUser) {
  const rows = await ctx.db
    .select({ id: applications.id, state: applications.state, version: applications.version, data: applications.data, kind: applications.kind, institutionName: institutions.name, regionCode: applications.regionCode, profileId: applications.profileId })
    .from(applications)
    .innerJoin(institutions, eq(institutions.id, applications.institutionId))
    .where(applicationScopeWhere(scopeOf(user), user));
  const entry = (r: (typeof rows)[number], ev: EvaluationInProgress, concluded: EvaluationOutcome | null) => {
    if (ev.evaluator.kind !== 'panel') return [];
    const e = ev.evaluator;
    if (!e.panel.members.some((m) => m.expertId === user.id)) return [];
    const sheet = SHEETS[ev.sheetId];
    return [{
      applicationId: r.id, institutionName: r.institutionName, kind: r.kind, regionCode: r.regionCode,
      state: r.state, stateLabel: stateLabel[r.state as State] ?? r.state, version: r.version,
      concluded: concluded ? { on: concluded.on, pass: concluded.pass, total: concluded.total, reasons: concluded.reasons, attempt: concluded.attempt } : null,
      members: e.panel.members.map((m) => ({ expertId: m.expertId, name: m.name, specialty: m.specialty, scored: e.scores.some((s) => s.memberId === m.expertId), voted: e.votes.some((v) => v.memberId === m.expertId), signed: e.signatures.some((s) => s.memberId === m.expertId) })),
      inspection: ev.inspection,
      signing: { ...resultSigning(workflowProfileFor(r.profileId)), closed: concluded !== null },
      sheet: sheet ? { id: sheet.id, title: sheet.title, passThreshold: sheet.passThreshold, items: sheet.items.map((i) => ({ id: i.id, title: i.title, maxPoints: i.maxPoints, veto: i.vetoBelow !== undefined, citation: formatCites(i.cites) })) } : null,
      mine: {
        scores: e.scores.find((s) => s.memberId === user.id)?.scores ?? null,
        vote: e.votes.find((v) => v.memberId === user.id)?.vote ?? null,
        signed: e.signatures.some((s) => s.memberId === user.id),
      },
    }];
  };
  const sitting = rows.flatMap((r) => (r.state === 'evaluating' ? entry(r, (r.data as AppIn<'evaluating'>).evaluation, null) : []));
  const done = rows.flatMap((r) => {
    const outcomes = ((r.data as { evaluations?: EvaluationOutcome[] }).evaluations ?? []);
    return outcomes.flatMap((o) => (o.record ? entry(r, o.record, o) : []));
  }).sort((a, b) => (a.concluded!.on < b.concluded!.on ? 1 : a.concluded!.on > b.concluded!.on ? -1 : 0));
  return [...sitting, ...done];
}

export async function recordExpertStep(ctx: AppContext, user: SessionUser, applicationId: string, event: DesignationEvent, version?: number) {
  if (event.type === 'sign_result') {
    // once the minutes are issued the record is closed: say so, with the profile's article
    const row = await loadApplicationFor(ctx, user, applicationId);
    const minutes = (await documentsOf(ctx.db, row.id)).filter((d) => d.kind === 'evaluation_minutes').at(-1);
    const closed = signingClosedReason(row.state, workflowProfileFor(row.profileId), minutes?.number ?? null);
    if (closed) throw new AppError('CONFLICT', closed);
  }
  const step = await runStep(ctx, user, applicationId, event, version);
  return { applicationId, state: step.application.state, version: step.application.version };
}
