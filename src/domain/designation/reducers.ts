/**
 * What each event does to the application's data once the table has allowed it. Called only by
 * transition(), after the row's guards passed, so the `from` state is known to match the row.
 */
import { outstandingConditions } from './conditions';
import type { AppIn, Application, EvaluationInProgress, EvaluationOutcome, IsoDate, SupplementNotice } from './application';
import type { TransitionContext } from './context';
import type { ComputedDue, DeadlineId } from './deadlines';
import { addDays } from './deadlines';
import type { DesignationEvent } from './events';
import { inspectionSituations, panelResult } from './guards';
import type { State } from './states';

type Dues = Partial<Record<DeadlineId, ComputedDue>>;
const as = <S extends State>(a: Application, _s: S) => a as AppIn<S>;

function outcome(app: AppIn<'evaluating'>, ctx: TransitionContext, pass: boolean): EvaluationOutcome {
  const e = app.evaluation.evaluator;
  const r = e.kind === 'panel' ? panelResult(app, ctx) : null;
  // an unmet basic condition is a reason of the 不合格 result, with its article (decision 0023)
  const unmet = pass || !ctx.conditions ? [] : outstandingConditions(ctx.conditions).map((c) => `${c.message}（${c.citation}）`);
  return { attempt: app.attempt, on: ctx.today, pass, total: r ? r.total : null, reasons: [...(r ? r.reasons : []), ...unmet], record: app.evaluation };
}

function startEvaluation(app: Application, ev: DesignationEvent, ctx: TransitionContext): EvaluationInProgress {
  if (ev.type !== 'form_panel' && ev.type !== 'appoint_third_party') throw new Error('not an evaluation start');
  const situations = inspectionSituations(app, ev.doubts);
  const inspection = { required: ev.inspection.required, situations, mode: ev.inspection.mode };
  const evaluator: EvaluationInProgress['evaluator'] = ev.type === 'form_panel'
    ? { kind: 'panel', panel: ev.panel, scores: [], votes: [], signatures: [] }
    : { kind: 'third_party', name: ev.name, qualification: ev.qualification };
  return { startedOn: ctx.today, sheetId: ev.sheetId, inspection, evaluator };
}

function withEvaluator(app: AppIn<'evaluating'>, f: (e: Extract<EvaluationInProgress['evaluator'], { kind: 'panel' }>) => object): Application {
  const e = app.evaluation.evaluator;
  if (e.kind !== 'panel') return app;
  return { ...app, evaluation: { ...app.evaluation, evaluator: { ...e, ...f(e) } } };
}

function upsert<T extends { memberId: string }>(list: readonly T[], item: T): T[] {
  return [...list.filter((x) => x.memberId !== item.memberId), item];
}

export function buildNext(app: Application, ev: DesignationEvent, to: State, ctx: TransitionContext, dues: Dues): Application {
  const today = ctx.today;
  switch (ev.type) {
    case 'submit': {
      const a = as(app, 'draft');
      return {
        ...a, state: 'submitted', submittedOn: today, evaluationClock: { startedOn: today, pauses: [] },
        screeningReasons: [], inquiries: [],
      };
    }
    case 'screening_completed': {
      // from 已提交, or again during 材料审核 once an officer's finding is recorded (decision 0024)
      const a = app as AppIn<'submitted'> | AppIn<'under_review'> | AppIn<'supplemented'>;
      const { supplementedOn: _s, ...rest } = a as AppIn<'supplemented'>;
      return to === 'supplemented' ? { ...(a as AppIn<'supplemented'>), screeningReasons: ev.reasons } : { ...rest, state: to as 'under_review' | 'screening_refused', screeningReasons: ev.reasons };
    }
    case 'refuse_by_law': {
      const a = app as AppIn<'under_review'>;
      return { ...a, state: 'refused', refusedOn: today, refusalByLaw: { basis: ev.basis.trim(), reason: ev.reason.trim(), by: ctx.actor.id, byRole: ctx.actor.role, on: today } };
    }
    case 'confirm_refusal':
      return { ...as(app, 'screening_refused'), state: 'refused', refusedOn: today };
    case 'override_refusal':
      return { ...as(app, 'screening_refused'), state: 'under_review', override: { by: ctx.actor.id, on: today, reason: ev.reason } };
    case 'request_supplement': {
      const a = app as AppIn<'under_review'> | AppIn<'supplemented'>;
      const latest = { ...(ev.requirements && Object.keys(ev.requirements).length ? { requirements: ev.requirements } : {}), ...(ev.dueOn ? { dueOn: ev.dueOn } : {}) };
      // the first notice's items stay the one-time list; a repeat request records what it repeats
      const notice: SupplementNotice = a.supplementNotice
        ? { issuedOn: a.supplementNotice.issuedOn, items: a.supplementNotice.items, ...latest, pending: ev.missingItems }
        : { issuedOn: today, items: ev.missingItems, ...latest };
      const { supplementedOn: _s, ...rest } = a as AppIn<'supplemented'>;
      const pauses = [...a.evaluationClock.pauses, { from: addDays(today, 1), to: null }];
      return { ...rest, state: 'needs_supplement', supplementNotice: notice, evaluationClock: { ...a.evaluationClock, pauses } };
    }
    case 'supplement': {
      const a = as(app, 'needs_supplement');
      const pauses = a.evaluationClock.pauses.map((p) => (p.to === null ? { ...p, to: addDays(today, 1) } : p));
      return { ...a, state: 'supplemented', supplementedOn: today, evaluationClock: { ...a.evaluationClock, pauses } };
    }
    case 'accept': {
      const a = app as AppIn<'under_review'> | AppIn<'supplemented'>;
      const { supplementedOn: _s, ...rest } = a as AppIn<'supplemented'>;
      return { ...rest, state: 'accepted', acceptedOn: today, evaluations: [] };
    }
    case 'record_inquiry': {
      const inquiry = { on: today, kind: ev.kind, counterpart: ev.counterpart, summary: ev.summary };
      const a = app as AppIn<'under_review'>;
      return { ...a, inquiries: [...a.inquiries, inquiry] } as Application;
    }
    case 'recognise_result': {
      const a = as(app, 'accepted');
      const o: EvaluationOutcome = { attempt: a.attempt, on: today, pass: true, total: null, reasons: [`同城互认：${ev.sourceAgency}`] };
      return { ...a, state: 'evaluated_pass', evaluations: [...a.evaluations, o], publishBy: dues.publicity_publish?.due ?? null };
    }
    case 'assign_batch':
      return { ...as(app, 'accepted'), state: 'batched', batch: { id: ev.batchId, plannedOn: ev.plannedOn } };
    case 'form_panel':
    case 'appoint_third_party': {
      const a = app as AppIn<'accepted'> | AppIn<'batched'> | AppIn<'reevaluation_requested'>;
      const { batch: _b, requestedOn: _r, ...rest } = a as AppIn<'batched'> & { requestedOn?: IsoDate };
      return { ...rest, state: 'evaluating', evaluation: startEvaluation(app, ev, ctx) };
    }
    case 'record_violation_review': {
      const a = app as AppIn<'under_review'>;
      return { ...a, violationReview: { on: today, by: ctx.actor.id, violationsFound: ev.violationsFound, summary: ev.summary } } as Application;
    }
    case 'record_evaluation_briefing': {
      const a = as(app, 'evaluating');
      return { ...a, evaluation: { ...a.evaluation, briefing: { on: today, by: ctx.actor.id, study: ev.study, report: ev.report } } };
    }
    case 'record_inspection': {
      const a = as(app, 'evaluating');
      const record = { on: today, by: ev.by, findings: ev.findings, ...(ev.checklist ? { checklist: ev.checklist } : {}) };
      return { ...a, evaluation: { ...a.evaluation, inspection: { ...a.evaluation.inspection, record } } };
    }
    case 'record_scores':
      return withEvaluator(as(app, 'evaluating'), (e) => ({ scores: upsert(e.scores, { memberId: ev.memberId, scores: ev.scores }) }));
    case 'cast_vote':
      return withEvaluator(as(app, 'evaluating'), (e) => ({ votes: upsert(e.votes, { memberId: ev.memberId, vote: ev.vote }) }));
    case 'sign_result':
      return withEvaluator(as(app, 'evaluating'), (e) => ({ signatures: upsert(e.signatures, { memberId: ev.memberId, on: today }) }));
    case 'recuse_member': {
      const a = as(app, 'evaluating');
      const e = a.evaluation.evaluator;
      if (e.kind !== 'panel') return a;
      const replacements = ev.panel.replacements.map((r, i) => (i === ev.panel.replacements.length - 1
        ? { ...r, recusal: { on: today, declaredBy: ev.declaredBy, reason: ev.reason, recordedBy: ctx.actor.id } } : r));
      return { ...a, evaluation: { ...a.evaluation, evaluator: { ...e, panel: { ...ev.panel, replacements } } } };
    }
    case 'record_third_party_result': {
      const a = as(app, 'evaluating');
      const e = a.evaluation.evaluator;
      if (e.kind !== 'third_party') return a;
      return { ...a, evaluation: { ...a.evaluation, evaluator: { ...e, result: { pass: ev.pass, reportId: ev.reportId, on: today } } } };
    }
    case 'conclude_evaluation': {
      const { evaluation: _e, ...a } = as(app, 'evaluating');
      const pass = to === 'evaluated_pass';
      const evaluations = [...a.evaluations, outcome(as(app, 'evaluating'), ctx, pass)];
      return pass
        ? { ...a, state: 'evaluated_pass', evaluations, publishBy: dues.publicity_publish?.due ?? null }
        : { ...a, state: 'evaluated_fail', evaluations };
    }
    case 'serve_result_notice': {
      const a = as(app, 'evaluated_fail');
      if (to === 'rectifying') {
        const wait = dues.reevaluation_wait;
        // the period ends on its due day; a new evaluation may start the day after
        return { ...a, state: 'rectifying', noticeServedOn: ev.servedOn, reevaluationFrom: wait ? addDays(wait.due, 1) : ev.servedOn };
      }
      return { ...a, state: 'banned', noticeServedOn: ev.servedOn, bannedUntil: dues.reapplication_ban?.due ?? ev.servedOn };
    }
    case 'request_reevaluation': {
      const { noticeServedOn: _n, reevaluationFrom: _r, ...a } = as(app, 'rectifying');
      return { ...a, state: 'reevaluation_requested', attempt: 2, requestedOn: today, evaluationClock: { startedOn: today, pauses: [] } };
    }
    case 'publish_publicity': {
      const { publishBy: _p, ...a } = as(app, 'evaluated_pass');
      return { ...a, state: 'in_publicity', publicity: { publishedOn: today, endsOn: dues.publicity_period?.due ?? null, complaints: [] } };
    }
    case 'file_complaint': {
      const a = as(app, 'in_publicity');
      const c = { id: ev.complaintId, receivedOn: today, summary: ev.summary, contact: ev.contact };
      return { ...a, publicity: { ...a.publicity, complaints: [...a.publicity.complaints, c] } };
    }
    case 'resolve_complaint': {
      const a = as(app, 'in_publicity');
      const complaints = a.publicity.complaints.map((c) =>
        c.id === ev.complaintId ? { ...c, outcome: { on: today, foundTrue: ev.foundTrue, finding: ev.finding } } : c);
      const publicity = { ...a.publicity, complaints };
      return to === 'negotiation_cancelled' ? { ...a, publicity, state: 'negotiation_cancelled', cancelledOn: today } : { ...a, publicity };
    }
    case 'end_publicity': {
      const a = as(app, 'in_publicity');
      return { ...a, state: 'negotiating', negotiation: { meetings: [], opensOn: dues.negotiation_window?.startedOn ?? today } };
    }
    case 'record_negotiation': {
      const a = as(app, 'negotiating');
      return { ...a, negotiation: { ...a.negotiation, meetings: [...a.negotiation.meetings, ev.meeting] } };
    }
    case 'negotiation_agreed':
      return { ...as(app, 'negotiating'), state: 'agreement_study' };
    case 'negotiation_failed': {
      const a = as(app, 'negotiating');
      return { ...a, state: 'not_signed', closedOn: today, negotiation: { ...a.negotiation, failedReason: ev.reason } };
    }
    case 'complete_study': {
      const a = as(app, 'agreement_study');
      const agreement = { templateId: ev.templateId, templateVersion: ev.templateVersion, textHash: ev.textHash, signBy: dues.signing_limit?.due ?? null };
      return { ...a, state: 'signing', agreement };
    }
    case 'institution_sign':
    case 'agency_sign': {
      const a = as(app, 'signing');
      const sig = {
        signer: ev.signer, capacity: ev.capacity, on: today, online: ev.online, textHash: ev.textHash,
        ...(ev.authorisationFileId ? { authorisationFileId: ev.authorisationFileId } : {}),
      };
      const agreement = ev.type === 'institution_sign' ? { ...a.agreement, institutionSignature: sig } : { ...a.agreement, agencySignature: sig };
      if (to === 'signing') return { ...a, agreement };
      const { institutionSignature, agencySignature } = agreement;
      if (!institutionSignature || !agencySignature) throw new Error('signed without both signatures');
      return { ...a, state: 'signed', agreement: { ...agreement, institutionSignature, agencySignature, signedOn: today } };
    }
    case 'signing_deadline_passed':
      return { ...as(app, 'signing'), state: 'abandoned', abandonedOn: today };
    case 'file_signing':
      return { ...as(app, 'signed'), state: 'filed', filedOn: today };
    case 'activate_payment':
      return { ...as(app, 'filed'), state: 'activated', activatedOn: today };
    case 'withdraw': {
      const { state, ...rest } = app;
      return { ...(rest as Omit<AppIn<'withdrawn'>, 'state' | 'withdrawnOn' | 'withdrawnFrom' | 'reason'>), state: 'withdrawn', withdrawnOn: today, withdrawnFrom: state, reason: ev.reason };
    }
  }
}
