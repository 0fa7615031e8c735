/** Reading change requests: the queue (territory, filters, sort, paging), one request with its allowed events, deadline and citations, and the rules shown before submitting. */
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { chinaDate } from '../domain/clock/clock';
import { caseActorOf } from '../workflow/actor';
import { citesFor, formatCites } from '../domain/designation/cite';
import { changeEventLabel, changeEventsFor, changeKindLabel, changeStateLabel, filingDueOf, type ChangeRequestCase, type ChangeState } from '../domain/change-request/change-case';
import { CHANGE_FIELDS, changeFieldLabel, changeProfileOf, isMajor } from '../domain/change-request/fields';
import { workflowProfileFor } from '../designation/build-context';
import { loadWorkCalendar } from '../db/calendar-repo';
import { caseDeadlinesOf } from '../db/case-deadline-repo';
import { changeDocumentsOf, filesOf, findChangeRequest, listChangeRequests, registryValues, type ChangeListFilter } from '../db/change-request-repo';
import { profileIdOf } from './binding';
import { currentValue, valueLabel } from './values';

export async function listChangeRequestsFor(ctx: AppContext, user: SessionUser, f: ChangeListFilter) {
  const r = await listChangeRequests(ctx.db, scopeOf(user), f);
  return {
    ...r, page: f.page, pageSize: f.pageSize,
    items: r.items.map((x) => ({
      ...x, stateLabel: changeStateLabel[x.state as ChangeState] ?? x.state, kindLabel: changeKindLabel[x.kind],
      fieldLabels: (x.fields as { field: keyof typeof changeFieldLabel }[]).map((c) => changeFieldLabel[c.field]), createdAt: x.createdAt.toISOString(),
    })),
  };
}

export async function getChangeRequestFor(ctx: AppContext, user: SessionUser, id: string) {
  const row = await findChangeRequest(ctx.db, id, scopeOf(user));
  if (!row) throw new AppError('NOT_FOUND', '变更申请不存在');
  const c = row.data as ChangeRequestCase;
  const profileId = await profileIdOf(ctx, row.regionCode);
  const layers = workflowProfileFor(profileId);
  const profile = changeProfileOf(profileId);
  const [files, deadlines] = await Promise.all([filesOf(ctx.db, row.id), caseDeadlinesOf(ctx.db, 'change_request', row.id)]);
  const docs = await changeDocumentsOf(ctx.db, row.id);
  const allowed = changeEventsFor(c, caseActorOf(user), profile);
  return {
    id: row.id, institutionId: row.institutionId, regionCode: row.regionCode, kind: c.kind, kindLabel: changeKindLabel[c.kind],
    state: c.state, stateLabel: changeStateLabel[c.state], version: row.version,
    changes: c.changes.map((x) => ({ field: x.field, label: changeFieldLabel[x.field], from: x.from, to: x.to, fromLabel: valueLabel(x.field, x.from), toLabel: valueLabel(x.field, x.to, x.person), major: isMajor(profile, x.field) })),
    approvalDocNo: c.approvalDocNo, approvalDate: c.approvalDate, note: c.note, filingDue: c.filingDue, late: c.late, lateCitation: c.late ? formatCites(c.lateCites) : null,
    submittedOn: c.submittedOn, forwardedOn: c.forwardedOn, decidedOn: c.decidedOn, decisionNote: c.decisionNote, returnReason: c.returnReason,
    recognition: c.recognition ? { by: c.recognition.by, of: c.recognition.of, citation: formatCites(c.recognition.cites) } : null,
    todo: c.todo ? { label: c.todo.label, citation: formatCites(c.todo.cites), doneOn: c.todo.doneOn } : null,
    allowedEvents: allowed.map((e) => ({ event: e, label: changeEventLabel[e] })),
    deadlines: deadlines.map((d) => ({ deadline: d.deadline, startsOn: d.startsOn, dueOn: d.dueOn, state: d.state, basis: d.basis, n: d.n, citation: (d.cites as string[]).join('；') })),
    citations: formatCites(citesFor(layers, c.kind === 'major' ? profile.majorFields.cites : [...profile.majorFields.cites, ...profile.generalTodo.cites])),
    files: files.map((f) => ({ id: f.id, fileName: f.fileName, mime: f.mime, size: f.size, at: f.at.toISOString() })),
    documents: docs.map((d) => ({ id: d.id, number: d.number, title: d.title, issuedAt: d.issuedAt.toISOString() })),
  };
}

/**
 * What the institution sees before submitting: each field with its current registry value and
 * whether it is major here (with the article), and — given the approval date — the last day of
 * the 30 工作日 computed with the working-day calendar.
 */
export async function changeRulesFor(ctx: AppContext, user: SessionUser, approvalDate: string | undefined) {
  if (!user.institutionId) throw new AppError('FORBIDDEN', '只有医药机构可以提出变更申请');
  const reg = await registryValues(ctx.db, user.institutionId);
  if (!reg) throw new AppError('NOT_FOUND', '机构不存在');
  const profileId = await profileIdOf(ctx, reg.inst.regionCode);
  const layers = workflowProfileFor(profileId);
  const profile = changeProfileOf(profileId);
  const today = chinaDate(ctx.clock.now());
  const fields = CHANGE_FIELDS.filter((f) => (f === 'drug_scope' ? reg.inst.kind === 'pharmacy' : f === 'practice_scope' ? reg.inst.kind !== 'pharmacy' : true));
  const due = approvalDate ? filingDueOf(await loadWorkCalendar(ctx.db), profile, approvalDate) : null;
  return {
    institutionName: reg.inst.name, institutionKind: reg.inst.kind,
    fields: fields.map((f) => ({ field: f, label: changeFieldLabel[f], major: isMajor(profile, f), current: currentValue(reg as never, f), currentLabel: valueLabel(f, currentValue(reg as never, f)) })),
    majorCitation: formatCites(citesFor(layers, profile.majorFields.cites)),
    filingWorkdays: profile.filingWorkdays.value, filingCitation: formatCites(citesFor(layers, profile.filingWorkdays.cites)),
    filingDue: due, lateIfSubmittedToday: due !== null && today > due,
    handlingWorkdays: profile.handlingWorkdays.value, handlingCitation: profile.handlingWorkdays.value === null ? null : formatCites(citesFor(layers, profile.handlingWorkdays.cites)),
    forwardToCity: profile.forwardToCity.value,
  };
}
