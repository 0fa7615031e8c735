/**
 * 变更申请 (change request) as a case type on the one engine (decision 0032): pure states, events,
 * a transition table with cited guards, reduce and effects. The engine (src/workflow/run-case-event.ts)
 * loads, decides and writes; the binding (src/change-requests/binding.ts) brings the row, the context
 * (calendar-computed due dates, the registry facts the guards read) and the registry writes.
 *
 * Major change: 草稿 → 已提交 → (北京: 区经办机构报市经办机构 → 已报市经办机构) → 已变更 / 已退回 / 不予变更.
 * General change: 草稿 → 已告知 → 已变更（一般信息）, with the 贯标动态平台 to-do where the profile has it.
 */
import { eventsFrom, type CaseActor, type CaseContext, type CaseDefinition, type CaseEffect, type Guard, type IsoDate, type TransitionRow } from '../workflow/case-type';
import { citesFor, natUnlocated, BJ, JL, YN, type Cite } from '../designation/cite';
import type { Role } from '../identity/roles';
import type { InstitutionKind } from '../registry/enums';
import type { WorkCalendar } from '../calendar/work-calendar';
import { changeFieldLabel, isMajor, recognitionPartner, type ChangeField, type ChangeProfile } from './fields';

export const CHANGE_STATES = ['draft', 'submitted', 'forwarded', 'approved', 'returned', 'rejected', 'notified', 'applied'] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];
export const changeStateLabel: Record<ChangeState, string> = {
  draft: '草稿', submitted: '已提交（待办理）', forwarded: '已报市经办机构', approved: '已变更', returned: '已退回', rejected: '不予变更',
  notified: '已书面告知（待变更）', applied: '已变更（一般信息）',
};

export type ChangeKind = 'major' | 'general';
export const changeKindLabel: Record<ChangeKind, string> = { major: '重大信息变更', general: '一般信息变更' };

export interface FieldChange {
  field: ChangeField;
  /** the registry's value when the request was made (prefilled; shown old → new) */
  from: string | null;
  to: string;
  /** person fields: the new person, re-linked by 身份证号 */
  person?: { name: string; idNumber: string };
}

export interface ChangeRequestCase {
  id: string;
  institutionId: string;
  institutionKind: InstitutionKind;
  regionCode: string;
  kind: ChangeKind;
  state: ChangeState;
  changes: FieldChange[];
  /** the authority's approval document (有关部门批准文件) and its date: the 30 工作日 run from it */
  approvalDocNo: string | null;
  approvalDate: IsoDate | null;
  note: string | null;
  filingDue: IsoDate | null;
  /** filed after the 30 工作日: accepted, flagged here and on the institution's record */
  late: boolean;
  lateCites: Cite[];
  submittedOn: IsoDate | null;
  forwardedOn: IsoDate | null;
  decidedOn: IsoDate | null;
  decisionNote: string | null;
  returnReason: string | null;
  /** 吉医保规〔2023〕1号 第二十五条第二款: the partner agency recognises this approved change without a second procedure */
  recognition: { by: string; of: string; cites: Cite[] } | null;
  /** 云医保〔2022〕6号 第二十八条: 贯标动态平台维护, ticked off by the officer */
  todo: { label: string; cites: Cite[]; doneOn: IsoDate | null } | null;
}

export interface ChangeContext extends CaseContext {
  profile: ChangeProfile;
  /** the filing limit computed with the working-day calendar from the approval date (null without one) */
  filingDue: IsoDate | null;
  /** today + the handling limit in 工作日 (null when the profile sets none) */
  handlingDue: IsoDate | null;
  /** another institution of the same city already holding a national code under the new name */
  collision: { name: string; ybCode: string } | null;
  /** the same change (same approval document) already approved by the partner agency */
  alreadyRecognised: { requestId: string; regionCode: string } | null;
  /** files uploaded with the request */
  fileCount: number;
}

export type ChangeEvent =
  | { type: 'submit' }
  | { type: 'forward'; note?: string }
  | { type: 'approve'; note?: string }
  | { type: 'return'; reason: string }
  | { type: 'reject'; reason: string }
  | { type: 'apply'; note?: string }
  | { type: 'complete_todo'; note?: string };
export type ChangeEventType = ChangeEvent['type'];

export const changeEventLabel: Record<ChangeEventType, string> = {
  submit: '提交变更申请', forward: '报市经办机构', approve: '同意变更', return: '退回补正', reject: '不予变更', apply: '办理一般信息变更',
  complete_todo: '完成贯标动态平台维护',
};

const INST: readonly Role[] = ['institution_staff', 'institution_admin'];
const AGENCY: readonly Role[] = ['agency_officer', 'agency_head'];

/** The major fields of a set of changes under the profile: any one makes the request a major change. */
export function kindOf(profile: ChangeProfile, fields: readonly ChangeField[]): ChangeKind {
  return fields.some((f) => isMajor(profile, f)) ? 'major' : 'general';
}

/** 30 工作日 from the authority's approval date (the approval day itself not counted). */
export function filingDueOf(calendar: WorkCalendar, profile: ChangeProfile, approvalDate: IsoDate): IsoDate {
  return calendar.addWorkdays(approvalDate, profile.filingWorkdays.value).due;
}

const CHANGE_CITES: readonly Cite[] = [{ doc: YN, article: 28 }, { doc: BJ, article: 40 }, { doc: JL, article: 25 }, natUnlocated('重大信息变更')];

type G = Guard<ChangeRequestCase, ChangeEvent, ChangeContext>;
const GUARDS: Record<string, G> = {
  evidence: {
    id: 'change.major.evidence',
    cites: (ctx) => ctx.profile.majorFields.cites,
    check: (c, _e, ctx) => {
      if (c.kind !== 'major') return null;
      const missing: string[] = [];
      if (!c.approvalDocNo) missing.push('有关部门批准文件文号');
      if (!c.approvalDate) missing.push('批准日期');
      if (ctx.fileCount === 0) missing.push('批准文件扫描件');
      if (c.approvalDate && c.approvalDate > ctx.today) return '批准日期不能晚于今天';
      return missing.length ? `重大信息变更须提供${missing.join('、')}` : null;
    },
  },
  has_changes: {
    id: 'change.fields',
    cites: CHANGE_CITES,
    check: (c) => (c.changes.length > 0 && c.changes.every((x) => x.to !== (x.from ?? '')) ? null : '请至少填写一项变更内容，且新值须与原值不同'),
  },
  not_recognised: {
    id: 'change.mutual-recognition',
    cites: (ctx) => ctx.profile.mutualRecognition.cites,
    check: (_c, _e, ctx) => (ctx.alreadyRecognised ? `本次变更已由同城医保经办机构办结（${ctx.alreadyRecognised.regionCode}），互认变更结果，无须再次办理` : null),
  },
  no_collision: {
    id: 'change.national-code-collision',
    cites: (ctx) => ctx.profile.nationalCodeCollision.cites,
    check: (c, _e, ctx) => (c.kind === 'major' && ctx.profile.nationalCodeCollision.value && ctx.collision
      ? `变更后的机构「${ctx.collision.name}」在同城其他医保经办机构已存在国家编码（${ctx.collision.ybCode}），不支持变更，应按新增流程办理` : null),
  },
  district: {
    id: 'change.beijing.district-forwards',
    cites: (ctx) => ctx.profile.forwardToCity.cites,
    check: (_c, _e, ctx) => (ctx.actor.kind === 'user' && ctx.actor.agencyLevel === 'county' ? null : '由区经办机构报市经办机构'),
  },
  city: {
    id: 'change.beijing.city-decides',
    cites: (ctx) => ctx.profile.forwardToCity.cites,
    check: (_c, _e, ctx) => (!ctx.profile.forwardToCity.value || (ctx.actor.kind === 'user' && ctx.actor.agencyLevel !== 'county')
      ? null : '重大信息变更由市经办机构办理；区经办机构请报市经办机构'),
  },
  todo_open: {
    id: 'change.general.platform-todo',
    cites: (ctx) => ctx.profile.generalTodo.cites,
    check: (c) => (c.todo && !c.todo.doneOn ? null : '没有待完成的贯标动态平台维护事项'),
  },
};

type Row = TransitionRow<ChangeState, ChangeEventType>;
const PENDING: readonly ChangeState[] = ['submitted', 'forwarded'];
export const CHANGE_TABLE: readonly Row[] = [
  { from: ['draft', 'returned'], event: 'submit', to: 'submitted', roles: INST, guards: ['has_changes', 'evidence', 'not_recognised', 'no_collision'], cites: CHANGE_CITES },
  { from: ['draft'], event: 'submit', to: 'notified', roles: INST, guards: ['has_changes'], cites: [{ doc: YN, article: 28 }, { doc: BJ, article: 40 }, natUnlocated('一般信息变更书面告知')] },
  { from: ['submitted'], event: 'forward', to: 'forwarded', roles: AGENCY, guards: ['district'], cites: [{ doc: BJ, article: 40 }] },
  // Beijing: the city decides what the district forwarded; elsewhere the agency that received it
  { from: ['forwarded'], event: 'approve', to: 'approved', roles: AGENCY, guards: ['city', 'no_collision'], cites: [{ doc: BJ, article: 40 }] },
  { from: ['submitted'], event: 'approve', to: 'approved', roles: AGENCY, guards: ['no_collision'], cites: CHANGE_CITES },
  { from: PENDING, event: 'return', to: 'returned', roles: AGENCY, guards: [], cites: CHANGE_CITES },
  { from: PENDING, event: 'reject', to: 'rejected', roles: AGENCY, guards: [], cites: CHANGE_CITES },
  { from: ['notified'], event: 'apply', to: 'applied', roles: AGENCY, guards: ['has_changes'], cites: [{ doc: YN, article: 28 }, { doc: BJ, article: 40 }, natUnlocated('一般信息变更')] },
  { from: ['applied'], event: 'complete_todo', to: 'same', roles: AGENCY, guards: ['todo_open'], cites: [{ doc: YN, article: 28 }] },
];

function rowFilter(row: Row, c: ChangeRequestCase, e: ChangeEvent, ctx: ChangeContext): boolean {
  if (e.type === 'submit') return (c.kind === 'major') === (row.to === 'submitted');
  // 京医保发〔2021〕30号 第四十条: only where the district passes the request to the city
  if (e.type === 'forward') return ctx.profile.forwardToCity.value;
  if (e.type === 'approve') return ctx.profile.forwardToCity.value === row.from.includes('forwarded');
  return true;
}

function reduce(c: ChangeRequestCase, e: ChangeEvent, to: ChangeState, ctx: ChangeContext): ChangeRequestCase {
  const base = { ...c, state: to };
  switch (e.type) {
    case 'submit': {
      const due = ctx.filingDue;
      const late = c.late || (due !== null && ctx.today > due);
      return {
        ...base, submittedOn: ctx.today, filingDue: due, late, returnReason: null,
        lateCites: late ? citesFor(ctx.layers, ctx.profile.filingWorkdays.cites) : [],
      };
    }
    case 'forward':
      return { ...base, forwardedOn: ctx.today, decisionNote: e.note ?? c.decisionNote };
    case 'approve': {
      const partner = recognitionPartner(ctx.profile, c.regionCode);
      return {
        ...base, decidedOn: ctx.today, decisionNote: e.note ?? null,
        recognition: partner ? { by: partner.label, of: partner.ownLabel, cites: citesFor(ctx.layers, ctx.profile.mutualRecognition.cites) } : null,
      };
    }
    case 'return':
      return { ...base, returnReason: e.reason, decidedOn: null };
    case 'reject':
      return { ...base, decidedOn: ctx.today, decisionNote: e.reason };
    case 'apply': {
      const todo = ctx.profile.generalTodo.value;
      return { ...base, decidedOn: ctx.today, decisionNote: e.note ?? null, todo: todo ? { label: todo, cites: citesFor(ctx.layers, ctx.profile.generalTodo.cites), doneOn: null } : null };
    }
    case 'complete_todo':
      return { ...base, todo: c.todo ? { ...c.todo, doneOn: ctx.today } : null };
  }
}

export const CHANGE_DOCUMENTS = { change_confirmation: '变更确认通知书' } as const;

function effects(before: ChangeRequestCase, next: ChangeRequestCase, e: ChangeEvent, ctx: ChangeContext): CaseEffect[] {
  const out: CaseEffect[] = [];
  const limit = ctx.profile.handlingWorkdays;
  if (e.type === 'submit' && next.kind === 'major' && limit.value !== null && ctx.handlingDue) {
    out.push({ kind: 'start_deadline', deadline: 'change_handling', startsOn: ctx.today, due: ctx.handlingDue, basis: 'workday', n: limit.value, cites: citesFor(ctx.layers, limit.cites) });
  }
  if (['approve', 'return', 'reject', 'apply'].includes(e.type)) out.push({ kind: 'stop_all_deadlines' });
  if (e.type === 'approve' || e.type === 'apply') {
    out.push({
      kind: 'outbox', topic: 'institution.changed',
      payload: {
        institutionId: next.institutionId, changeRequestId: next.id, kind: next.kind, effectiveOn: next.approvalDate ?? ctx.today,
        fields: next.changes.map((x) => x.field), recognisedBy: next.recognition?.by ?? null,
      },
    });
  }
  if (e.type === 'approve') {
    out.push({ kind: 'issue_document', document: 'change_confirmation', title: CHANGE_DOCUMENTS.change_confirmation, cites: citesFor(ctx.layers, CHANGE_CITES) });
  }
  void before;
  return out;
}

export const CHANGE_CASE: CaseDefinition<ChangeState, ChangeEvent, ChangeRequestCase, ChangeContext> & { rowFilter: typeof rowFilter } = {
  caseType: 'change_request',
  label: '变更申请',
  stateLabel: changeStateLabel,
  eventLabel: changeEventLabel,
  table: CHANGE_TABLE,
  guards: GUARDS,
  stateOf: (c) => c.state,
  reduce,
  effects,
  rowFilter,
};

/** One line per change for lists and documents: 名称：甲 → 乙. */
export const describeChange = (x: FieldChange): string => `${changeFieldLabel[x.field]}：${x.from ?? '（空）'} → ${x.to}`;

/**
 * The events this actor could take from the request's state under the profile (the table and the
 * profile's routing: Beijing's district forwards and the city decides); guards decide at the step.
 */
export function changeEventsFor(c: ChangeRequestCase, actor: CaseActor, profile: ChangeProfile): ChangeEventType[] {
  const county = actor.kind === 'user' && actor.agencyLevel === 'county';
  return eventsFrom(CHANGE_CASE, c, actor).filter((e) => {
    if (e === 'submit') return true;
    if (e === 'forward') return profile.forwardToCity.value && county;
    if (e === 'approve') return profile.forwardToCity.value ? c.state === 'forwarded' && !county : true;
    if (profile.forwardToCity.value && (e === 'return' || e === 'reject')) return c.state === 'forwarded' ? !county : county;
    return true;
  });
}
