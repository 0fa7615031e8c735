/**
 * The agreement after signing as a case type (issue #10): 待生效 → 生效 → 中止 ⇄ 生效 → 解除 / 终止.
 * Pure: the engine (src/workflow/) loads the row, calls `decide(AGREEMENT_CASE, …)` and writes the
 * next data, its deadline rows, documents, outbox facts and audit row in one transaction.
 * Later issues (renewal, audits, sanctions) add rows and events here without reworking it.
 */
import type { CaseContext, CaseDefinition, CaseEffect, Guard, IsoDate, TransitionRow } from '../workflow/case-type';
import { addDays } from '../calendar/dates';
import { addMonthsClamped } from '../calendar/dates';
import { BJ, JL, NHSA2, YN, ZZQ, citesFor, natUnlocated, type Cite } from '../designation/cite';
import type { InstitutionKind } from '../registry/enums';
import type { Role } from '../identity/roles';
import type { LifecycleProfile } from './lifecycle-profile';
import { CASCADE, ON_REQUEST, SUSPENSION_SITUATIONS, TERMINATION_SITUATIONS, findSituation, situationsFor, type Seriousness } from './situations';

export const LIFE_STATES = ['pending', 'in_force', 'suspended', 'terminated', 'ended'] as const;
export type LifeState = (typeof LIFE_STATES)[number];

/** The `life` JSON an agreement starts with (no suspension, request, proposal, termination or ending). */
export const INITIAL_LIFE = { suspension: null, suspensionsInTerm: 0, request: null, proposal: null, noRenewalGrounds: [], terminated: null, ended: null };

/**
 * The life of an agreement brought in by the registry import (decision 0029): one 履行中 (signed) at a
 * 定点 institution ran before dingdian — payment was opened then — so it starts 生效 (since its term's
 * first day) and the lifecycle acts on it like on any other (中止, 解除, the expiry sweep). A void one, or
 * one of an institution imported as 协议中止 / 协议解除/终止, carries no life: what happened to it
 * happened on paper, with no dates the sweep could count from.
 */
export function importedLife(a: { status: 'signed' | 'void'; termFrom: string }, institutionStatus: string): { lifeState: 'in_force'; life: typeof INITIAL_LIFE; lifeSince: string } | null {
  return a.status === 'signed' && institutionStatus === 'designated' ? { lifeState: 'in_force', life: INITIAL_LIFE, lifeSince: a.termFrom } : null;
}

export const lifeStateLabel: Record<LifeState, string> = {
  pending: '待生效', in_force: '生效', suspended: '中止', terminated: '解除', ended: '终止',
};

export type EndCause = 'expiry' | 'suspension_max' | 'closure' | 'licence_revoked';
export const endCauseLabel: Record<EndCause, string> = {
  expiry: '协议期满未续签', suspension_max: '中止超过180日未申请继续履行', closure: '停业、歇业或关闭', licence_revoked: '执业许可证被吊销、注销',
};

export interface PendingRequest {
  kind: 'suspend' | 'terminate';
  receivedOn: IsoDate;
  effectiveOn: IsoDate;
  /** requested suspension length in days */
  days: number | null;
  reason: string;
  /** filed with less notice than the profile asks (flagged, not refused) */
  shortNotice: boolean;
  /** a public institution confirmed the 「原则上不得」 warning (京医保发〔2021〕30号 第四十四条) */
  publicWarned: boolean;
  /** the agency agreed; takes effect on effectiveOn */
  approvedOn: IsoDate | null;
}

export interface Suspension {
  mode: 'requested' | 'imposed' | 'cascade';
  from: IsoDate;
  /** last day it may last (from + max days) */
  maxUntil: IsoDate;
  situation: string | null;
  rectification: string | null;
  resumptionRequestedOn: IsoDate | null;
  /** 2025 draft 三(一)2: documents due by */
  documentsDueOn: IsoDate | null;
}

export interface AgreementCase {
  id: string;
  number: string;
  institutionId: string;
  institutionKind: InstitutionKind;
  /** public institutions may not request suspension / termination in some regions */
  publicInstitution: boolean;
  /** the pharmacy's 双通道 agreement (2025 draft 三(二)3) */
  dualChannel: boolean;
  state: LifeState;
  termFrom: IsoDate;
  termTo: IsoDate;
  suspension: Suspension | null;
  /** suspensions that began within the current term (京医保发〔2021〕30号 第四十三条(一)) */
  suspensionsInTerm: number;
  request: PendingRequest | null;
  /** a termination the system proposes; the agency decides */
  proposal: { situation: string; since: IsoDate; cites: Cite[] } | null;
  /** 2025 draft 二(二)6: a ground not to renew */
  noRenewalGrounds: { code: string; since: IsoDate; cites: Cite[] }[];
  terminated: { on: IsoDate; situation: string; seriousness: Seriousness; onRequest: boolean } | null;
  ended: { on: IsoDate; cause: EndCause } | null;
}

export interface AgreementContext extends CaseContext {
  profile: LifecycleProfile;
}

// ---- events --------------------------------------------------------------------------------

/** what the other pooling regions' agreements follow (a named type: `action: '…'` in code reads as an audit action) */
export type CascadeAction = 'suspend' | 'terminate';

export type AgreementEvent =
  | { type: 'activate' }
  | { type: 'request_suspension'; effectiveOn: IsoDate; days: number; reason: string; confirmPublic?: boolean }
  | { type: 'request_termination'; effectiveOn: IsoDate; reason: string; confirmPublic?: boolean }
  | { type: 'withdraw_request' }
  | { type: 'approve_request'; note?: string }
  | { type: 'reject_request'; reason: string }
  | { type: 'request_takes_effect' }
  | { type: 'impose_suspension'; situation: string; facts: string; rectification: string; days?: number }
  | { type: 'request_resumption'; note: string }
  | { type: 'resume'; rectificationVerified: boolean; note: string }
  | { type: 'suspension_max_passed' }
  | { type: 'documents_deadline_passed' }
  | { type: 'terminate'; situation: string; facts: string }
  | { type: 'cascade'; action: CascadeAction; sourceAgreementId: string; sourceRegion: string }
  | { type: 'close'; cause: 'closure' | 'licence_revoked'; facts: string }
  | { type: 'expire' }
  /** 京医保发〔2021〕30号 第四十三条(六): a major change found unreported — its own event; proposes termination, the agency decides */
  | { type: 'record_unreported_change'; facts: string }
  /** 京医保发〔2021〕30号 第四十六条: a suspension or termination overturned (协调 / 行政复议 / 行政诉讼) is reversed by its own event */
  | { type: 'reverse_decision'; outcome: string; reference: string; /** the dispute whose outcome overturned the decision (decision 0035) */ disputeId?: string };

export type AgreementEventType = AgreementEvent['type'];

export const agreementEventLabel: Record<AgreementEventType, string> = {
  activate: '开通医保支付（协议生效）',
  request_suspension: '申请中止协议',
  request_termination: '申请解除协议',
  withdraw_request: '撤回申请',
  approve_request: '同意申请',
  reject_request: '不同意申请',
  request_takes_effect: '申请的中止/解除生效',
  impose_suspension: '中止协议',
  request_resumption: '申请恢复履行',
  resume: '恢复履行协议',
  suspension_max_passed: '中止期满未申请继续履行',
  documents_deadline_passed: '逾期未提供资料',
  terminate: '解除协议',
  cascade: '随其他统筹区同时中止/解除',
  close: '协议终止（停业、吊销）',
  expire: '协议期满终止',
  record_unreported_change: '记录重大信息变更未申报',
  reverse_decision: '撤销中止/解除决定（争议处理结果）',
};

// ---- guards --------------------------------------------------------------------------------

type G = Guard<AgreementCase, AgreementEvent, AgreementContext>;
const INST: readonly Role[] = ['institution_staff', 'institution_admin'];
const AGENCY: readonly Role[] = ['agency_officer', 'agency_head'];

const isRequest = (e: AgreementEvent): e is Extract<AgreementEvent, { type: 'request_suspension' | 'request_termination' }> =>
  e.type === 'request_suspension' || e.type === 'request_termination';

export function earliestEffective(profile: LifecycleProfile, receivedOn: IsoDate): IsoDate {
  const rule = profile.requestEffect.value;
  return rule.mode === 'on_receipt' ? receivedOn : addMonthsClamped(receivedOn, rule.months).date;
}

const GUARDS: Record<string, G> = {
  public_request: {
    id: 'agreement.request.public-institution',
    cites: (ctx) => ctx.profile.publicRequest.cites,
    check: (a, e, ctx) => {
      if (!isRequest(e) || !a.publicInstitution) return null;
      const rule = ctx.profile.publicRequest.value;
      if (rule === 'refuse') return '公立医疗机构不得主动提出中止或解除医保协议';
      if (rule === 'warn' && !e.confirmPublic) return '公立医疗机构原则上不得主动提出中止或解除医保协议；确需申请的，请确认后再提交';
      return null;
    },
  },
  notice: {
    id: 'agreement.request.notice',
    cites: (ctx) => ctx.profile.requestEffect.cites,
    check: (_a, e, ctx) => {
      if (!isRequest(e)) return null;
      if (e.effectiveOn < ctx.today) return '生效日期不能早于今天';
      const rule = ctx.profile.requestEffect.value;
      if (rule.mode === 'notice' && rule.shortNotice === 'refuse' && e.effectiveOn < earliestEffective(ctx.profile, ctx.today)) {
        return `应提前${rule.months}个月提出申请，最早可于 ${earliestEffective(ctx.profile, ctx.today)} 生效`;
      }
      return null;
    },
  },
  suspension_length: {
    id: 'agreement.suspension.max-days',
    cites: (ctx) => ctx.profile.suspensionMaxDays.cites,
    check: (_a, e, ctx) => {
      const days = e.type === 'request_suspension' ? e.days : e.type === 'impose_suspension' ? e.days : undefined;
      if (days === undefined) return null;
      const max = ctx.profile.suspensionMaxDays.value;
      return days >= 1 && days <= max ? null : `中止时间原则上不得超过 ${max} 日`;
    },
  },
  no_open_request: {
    onCase: true,
    id: 'agreement.request.one-at-a-time',
    cites: [{ doc: BJ, article: 44 }, { doc: YN, article: 30 }, { doc: JL, article: 29 }, natUnlocated('中止、解除申请')],
    check: (a) => (a.request ? `已有待处理的${a.request.kind === 'suspend' ? '中止' : '解除'}申请（${a.request.receivedOn} 收到）` : null),
  },
  has_request: {
    onCase: true,
    id: 'agreement.request.exists',
    cites: [{ doc: BJ, article: 44 }, { doc: JL, article: 29 }, natUnlocated('中止、解除申请')],
    check: (a, e) => {
      if (!a.request) return '没有待处理的申请';
      if (e.type === 'approve_request' && a.request.approvedOn) return '该申请已同意，待生效';
      return null;
    },
  },
  request_due: {
    onCase: true,
    id: 'agreement.request.effective-date',
    cites: [{ doc: BJ, article: 44 }, { doc: JL, article: 29 }, natUnlocated('中止、解除申请')],
    check: (a, _e, ctx) => (a.request?.approvedOn && a.request.effectiveOn <= ctx.today ? null : '申请尚未同意或未到生效日期'),
  },
  suspension_situation: {
    id: 'agreement.suspension.situation',
    cites: [{ doc: BJ, article: 42, clause: 2 }, { doc: ZZQ, part: 3, item: 1 }, { doc: YN, article: 30 }, { doc: NHSA2, article: 38, verified: false }],
    check: (a, e, ctx) => {
      if (e.type !== 'impose_suspension') return null;
      const offered = situationsFor(SUSPENSION_SITUATIONS, ctx.layers, a.institutionKind);
      return offered.some((s) => s.code === e.situation) ? null : `「${e.situation}」不是本地区规定的中止情形`;
    },
  },
  termination_situation: {
    id: 'agreement.termination.situation',
    cites: [{ doc: BJ, article: 43 }, { doc: ZZQ, part: 3, item: 1 }, { doc: ZZQ, part: 3, item: 2 }, { doc: ZZQ, part: 3, item: 3 }, { doc: YN, article: 31 }, { doc: NHSA2, article: 39, verified: false }],
    check: (a, e, ctx) => {
      if (e.type !== 'terminate') return null;
      const s = situationsFor(TERMINATION_SITUATIONS, ctx.layers, a.institutionKind).find((x) => x.code === e.situation);
      if (!s) return `「${e.situation}」不是本地区规定的解除情形`;
      if (s.dualChannelOnly && !a.dualChannel) return '该情形只解除"双通道"医保服务协议';
      return null;
    },
  },
  rectified: {
    id: 'agreement.resumption.rectified',
    cites: [{ doc: BJ, article: 43, item: 1 }, { doc: ZZQ, part: 3, item: 3 }, { doc: YN, article: 30 }, { doc: NHSA2, article: 39, item: 1, verified: false }],
    check: (a, e) => (e.type === 'resume' && a.suspension?.mode !== 'requested' && !e.rectificationVerified ? '经办机构主动中止的，须核实整改到位后方可恢复履行' : null),
  },
  within_term: {
    onCase: true,
    id: 'agreement.resumption.within-term',
    cites: [{ doc: BJ, article: 42, clause: 1 }, natUnlocated('中止期结束，未超过医保协议有效期的，医保协议可继续履行')],
    check: (a, _e, ctx) => (ctx.today <= a.termTo ? null : `协议有效期已于 ${a.termTo} 届满，不能恢复履行`),
  },
  before_max: {
    onCase: true,
    id: 'agreement.resumption.before-max',
    cites: (ctx) => ctx.profile.suspensionMaxDays.cites,
    check: (a, _e, ctx) => (a.suspension && ctx.today <= a.suspension.maxUntil ? null : `中止已超过 ${ctx.profile.suspensionMaxDays.value} 日`),
  },
  max_passed: {
    onCase: true,
    id: 'agreement.suspension.max-passed',
    cites: (ctx) => ctx.profile.afterMaxSuspension.cites,
    check: (a, _e, ctx) => {
      // a cascade suspension starts the same 180 days (effects below); the institution may ask to resume it like its own
      if (!a.suspension || a.suspension.mode === 'imposed') return '仅依申请中止（或随其他统筹区中止）的协议适用';
      if (a.suspension.resumptionRequestedOn) return '已申请继续履行';
      return ctx.today > a.suspension.maxUntil ? null : `中止期至 ${a.suspension.maxUntil}，尚未届满`;
    },
  },
  documents_passed: {
    onCase: true,
    id: 'agreement.suspension.documents-deadline',
    cites: [{ doc: ZZQ, part: 3, item: 1, point: 2 }],
    check: (a, _e, ctx) => (a.suspension?.documentsDueOn && ctx.today > a.suspension.documentsDueOn ? null : '资料提供期限未届满'),
  },
  term_over: {
    onCase: true,
    id: 'agreement.expiry.term-over',
    cites: [{ doc: YN, article: 32 }, { doc: BJ, article: 41 }, { doc: JL, article: 27 }, natUnlocated('医保协议期满未续签的，协议终止')],
    check: (a, _e, ctx) => (ctx.today > a.termTo ? null : `协议有效期至 ${a.termTo}，尚未届满`),
  },
  term_started: {
    onCase: true,
    id: 'agreement.activation.term-started',
    cites: [{ doc: YN, article: 20 }, natUnlocated('签订医保协议后开通医保结算')],
    check: (a, _e, ctx) => (ctx.today >= a.termFrom ? null : `协议自 ${a.termFrom} 起生效`),
  },
  reversible: {
    onCase: true,
    id: 'agreement.dispute.reversible',
    cites: [{ doc: BJ, article: 46 }, natUnlocated('争议处理')],
    check: (a, _e, ctx) => (a.state === 'suspended' || (a.state === 'terminated' && ctx.today <= a.termTo) ? null : '协议已终止或有效期已届满，无法恢复'),
  },
  cascade_allowed: {
    onCase: true,
    id: 'agreement.cascade',
    cites: (ctx) => ctx.profile.cascade.cites,
    check: (_a, _e, ctx) => (ctx.profile.cascade.value ? null : '本地区不适用跨统筹区同时中止或解除'),
  },
};


// ---- table ---------------------------------------------------------------------------------

type Row = TransitionRow<LifeState, AgreementEventType>;
const LIVE: readonly LifeState[] = ['in_force', 'suspended'];

export const AGREEMENT_TABLE: readonly Row[] = [
  { from: ['pending'], event: 'activate', to: 'in_force', roles: [...AGENCY, 'system'], guards: ['term_started'], cites: [{ doc: YN, article: 20 }, natUnlocated('签订医保协议后开通医保结算')] },
  // Yunnan: the request suspends / terminates on receipt (第三十条、第三十一条); elsewhere it waits for the agency and the notice
  { from: ['in_force'], event: 'request_suspension', to: 'suspended', roles: INST, guards: ['public_request', 'notice', 'suspension_length', 'no_open_request'], cites: [{ doc: YN, article: 30 }] },
  { from: ['in_force'], event: 'request_suspension', to: 'same', roles: INST, guards: ['public_request', 'notice', 'suspension_length', 'no_open_request'], cites: [{ doc: BJ, article: 44 }, { doc: JL, article: 28 }, { doc: JL, article: 29 }, { doc: YN, article: 30 }, natUnlocated('中止申请')] },
  { from: ['in_force', 'suspended'], event: 'request_termination', to: 'terminated', roles: INST, guards: ['public_request', 'notice', 'no_open_request'], cites: [{ doc: YN, article: 31 }] },
  { from: ['in_force', 'suspended'], event: 'request_termination', to: 'same', roles: INST, guards: ['public_request', 'notice', 'no_open_request'], cites: [{ doc: BJ, article: 44 }, { doc: JL, article: 29 }, { doc: YN, article: 31 }, natUnlocated('解除申请')] },
  { from: LIVE, event: 'withdraw_request', to: 'same', roles: INST, guards: ['has_request'], cites: [{ doc: BJ, article: 44 }, { doc: JL, article: 29 }, natUnlocated('撤回申请')] },
  { from: LIVE, event: 'approve_request', to: 'same', roles: AGENCY, guards: ['has_request'], cites: [{ doc: BJ, article: 42, clause: 2 }, { doc: BJ, article: 44 }, { doc: JL, article: 28 }, natUnlocated('经经办机构同意')] },
  { from: LIVE, event: 'reject_request', to: 'same', roles: AGENCY, guards: ['has_request'], cites: [{ doc: BJ, article: 42, clause: 2 }, { doc: JL, article: 28 }, natUnlocated('经经办机构同意')] },
  { from: ['in_force'], event: 'request_takes_effect', to: 'suspended', roles: [...AGENCY, 'system'], guards: ['request_due'], cites: [{ doc: BJ, article: 44 }, { doc: JL, article: 28 }, { doc: YN, article: 30 }, natUnlocated('中止申请')] },
  { from: LIVE, event: 'request_takes_effect', to: 'terminated', roles: [...AGENCY, 'system'], guards: ['request_due'], cites: [{ doc: BJ, article: 43, item: 12 }, { doc: YN, article: 31 }, natUnlocated('解除申请')] },
  { from: ['in_force'], event: 'impose_suspension', to: 'suspended', roles: AGENCY, guards: ['suspension_situation', 'suspension_length'], cites: [{ doc: BJ, article: 42 }, { doc: YN, article: 30 }, { doc: ZZQ, part: 3, item: 1 }, natUnlocated('中止医保协议')] },
  { from: ['suspended'], event: 'request_resumption', to: 'same', roles: INST, guards: ['before_max'], cites: [{ doc: BJ, article: 42, clause: 2 }, { doc: JL, article: 28 }, natUnlocated('继续履行医保协议申请')] },
  { from: ['suspended'], event: 'resume', to: 'in_force', roles: AGENCY, guards: ['rectified', 'within_term'], cites: [{ doc: BJ, article: 42 }, { doc: JL, article: 28 }, { doc: YN, article: 30 }, natUnlocated('恢复履行')] },
  { from: ['suspended'], event: 'suspension_max_passed', to: 'ended', roles: ['system'], guards: ['max_passed'], cites: [{ doc: BJ, article: 42, clause: 2 }, { doc: JL, article: 28 }, natUnlocated('中止超过180日')] },
  // 2025 draft 二(二)6: day 181 is a no-renewal ground, the agreement stays suspended (the profile picks this row)
  { from: ['suspended'], event: 'suspension_max_passed', to: 'same', roles: ['system'], guards: ['max_passed'], cites: [{ doc: ZZQ, part: 2, item: 2, point: 6 }] },
  { from: ['suspended'], event: 'documents_deadline_passed', to: 'same', roles: ['system'], guards: ['documents_passed'], cites: [{ doc: ZZQ, part: 3, item: 1, point: 2 }] },
  { from: ['pending', 'in_force', 'suspended'], event: 'terminate', to: 'terminated', roles: AGENCY, guards: ['termination_situation'], cites: [{ doc: BJ, article: 43 }, { doc: YN, article: 31 }, { doc: ZZQ, part: 3 }, { doc: JL, article: 30 }, natUnlocated('解除医保协议')] },
  { from: ['in_force'], event: 'cascade', to: 'suspended', roles: ['system'], guards: ['cascade_allowed'], cites: [{ doc: JL, article: 30 }] },
  { from: LIVE, event: 'cascade', to: 'terminated', roles: ['system'], guards: ['cascade_allowed'], cites: [{ doc: JL, article: 30 }] },
  { from: ['pending', 'in_force', 'suspended'], event: 'close', to: 'ended', roles: AGENCY, guards: [], cites: [{ doc: BJ, article: 43, item: 9 }, natUnlocated('医疗机构关闭、执业许可证被吊销或注销的，协议终止')] },
  { from: LIVE, event: 'record_unreported_change', to: 'same', roles: AGENCY, guards: [], cites: [{ doc: BJ, article: 43, item: 6 }, { doc: BJ, article: 40 }, { doc: YN, article: 28 }, { doc: JL, article: 25 }, natUnlocated('重大信息变更')] },
  { from: ['suspended', 'terminated'], event: 'reverse_decision', to: 'in_force', roles: AGENCY, guards: ['reversible'], cites: [{ doc: BJ, article: 46 }, natUnlocated('争议处理')] },
  { from: ['pending', 'in_force', 'suspended'], event: 'expire', to: 'ended', roles: ['system'], guards: ['term_over'], cites: [{ doc: YN, article: 32 }, { doc: BJ, article: 41 }, { doc: BJ, article: 42, clause: 1 }, { doc: JL, article: 27 }, natUnlocated('医保协议期满未续签的，协议终止')] },
];

// events with rows to different targets: the event, the pending request or the profile picks the row
function targetRowFilter(row: Row, a: AgreementCase, e: AgreementEvent, ctx: AgreementContext): boolean {
  if (e.type === 'cascade') return (e.action === 'suspend') === (row.to === 'suspended');
  if (e.type === 'request_takes_effect') return (a.request?.kind === 'suspend') === (row.to === 'suspended');
  if (e.type === 'suspension_max_passed') return (ctx.profile.afterMaxSuspension.value === 'no_renewal_ground') === (row.to === 'same');
  // 云医保〔2022〕6号 第三十条、第三十一条: on receipt; elsewhere the request waits for the agency
  if (e.type === 'request_suspension' || e.type === 'request_termination') return (ctx.profile.requestEffect.value.mode === 'on_receipt') === (row.to !== 'same');
  return true;
}

// ---- reduce ----------------------------------------------------------------------------------

function reduce(a: AgreementCase, e: AgreementEvent, to: LifeState, ctx: AgreementContext): AgreementCase {
  const today = ctx.today;
  const p = ctx.profile;
  const max = p.suspensionMaxDays.value;
  const base: AgreementCase = { ...a, state: to };
  switch (e.type) {
    case 'activate':
      return base;
    case 'request_suspension':
    case 'request_termination': {
      const rule = p.requestEffect.value;
      const request: PendingRequest = {
        kind: e.type === 'request_suspension' ? 'suspend' : 'terminate', receivedOn: today,
        effectiveOn: rule.mode === 'on_receipt' ? today : e.effectiveOn,
        days: e.type === 'request_suspension' ? e.days : null, reason: e.reason,
        shortNotice: rule.mode === 'notice' && e.effectiveOn < earliestEffective(p, today),
        publicWarned: a.publicInstitution && p.publicRequest.value === 'warn',
        approvedOn: rule.mode === 'on_receipt' ? today : null,
      };
      // on receipt (Yunnan): received is agreed and in effect, in the same step
      if (to !== a.state) return reduce({ ...a, request }, { type: 'request_takes_effect' }, to, ctx);
      return { ...base, request };
    }
    case 'withdraw_request':
    case 'reject_request':
      return { ...base, request: null };
    case 'approve_request':
      return { ...base, request: a.request ? { ...a.request, approvedOn: today } : null };
    case 'request_takes_effect': {
      const r = a.request!;
      if (r.kind === 'suspend') {
        const from = r.effectiveOn;
        return {
          ...base, request: null, suspensionsInTerm: a.suspensionsInTerm + 1,
          suspension: { mode: 'requested', from, maxUntil: addDays(from, Math.min(r.days ?? max, max)), situation: null, rectification: null, resumptionRequestedOn: null, documentsDueOn: null },
          proposal: proposalAfterSuspension(a, ctx),
        };
      }
      return { ...base, request: null, suspension: null, terminated: { on: today, situation: ON_REQUEST.code, seriousness: 'other', onRequest: true } };
    }
    case 'impose_suspension': {
      const s = findSituation(SUSPENSION_SITUATIONS, e.situation)!;
      return {
        ...base, suspensionsInTerm: a.suspensionsInTerm + 1,
        suspension: {
          mode: 'imposed', from: today, maxUntil: addDays(today, Math.min(e.days ?? max, max)), situation: e.situation, rectification: e.rectification,
          resumptionRequestedOn: null, documentsDueOn: s.documentsWithinDays ? addDays(today, s.documentsWithinDays) : null,
        },
        proposal: proposalAfterSuspension(a, ctx),
      };
    }
    case 'request_resumption':
      return { ...base, suspension: a.suspension ? { ...a.suspension, resumptionRequestedOn: today } : null };
    case 'resume':
      return { ...base, suspension: null, proposal: null };
    case 'suspension_max_passed':
      if (p.afterMaxSuspension.value === 'no_renewal_ground') {
        // 2025 draft 二(二)6: not an ending — a ground not to renew; the agreement stays suspended until its term ends
        return { ...a, noRenewalGrounds: [...a.noRenewalGrounds, { code: 'suspension_over_180', since: today, cites: citesFor(ctx.layers, p.afterMaxSuspension.cites) }] };
      }
      return { ...base, ended: { on: today, cause: 'suspension_max' } };
    case 'documents_deadline_passed':
      return { ...base, proposal: { situation: 'zzq_documents_not_produced', since: today, cites: [{ doc: ZZQ, part: 3, item: 1, point: 2 }] } };
    case 'terminate': {
      const s = findSituation(TERMINATION_SITUATIONS, e.situation)!;
      return { ...base, request: null, suspension: null, proposal: null, terminated: { on: today, situation: s.code, seriousness: s.seriousness, onRequest: false } };
    }
    case 'cascade':
      if (to === 'suspended') {
        return {
          ...base, suspensionsInTerm: a.suspensionsInTerm + 1,
          suspension: { mode: 'cascade', from: today, maxUntil: addDays(today, max), situation: CASCADE.code, rectification: null, resumptionRequestedOn: null, documentsDueOn: null },
        };
      }
      return { ...base, request: null, suspension: null, terminated: { on: today, situation: CASCADE.code, seriousness: 'other', onRequest: false } };
    case 'close':
      return { ...base, request: null, suspension: null, ended: { on: today, cause: e.cause } };
    case 'expire':
      return { ...base, request: null, ended: { on: today, cause: 'expiry' } };
    case 'record_unreported_change':
      return { ...base, proposal: { situation: 'change_unreported', since: today, cites: citesFor(ctx.layers, findSituation(TERMINATION_SITUATIONS, 'change_unreported')!.cites) } };
    case 'reverse_decision':
      return { ...base, suspension: null, terminated: null, proposal: null };
  }
}

/** 京医保发〔2021〕30号 第四十三条(一), 2025 draft 三(三): the second suspension in a term is a termination ground — proposed, the agency decides. */
function proposalAfterSuspension(a: AgreementCase, ctx: AgreementContext): AgreementCase['proposal'] {
  if (!ctx.profile.secondSuspensionTerminates.value || a.suspensionsInTerm < 1) return a.proposal;
  return { situation: 'suspended_twice', since: ctx.today, cites: citesFor(ctx.layers, findSituation(TERMINATION_SITUATIONS, 'suspended_twice')!.cites) };
}

// ---- effects ---------------------------------------------------------------------------------

export const AGREEMENT_DOCUMENTS = {
  suspension_notice: '中止协议通知书',
  resumption_notice: '恢复履行通知书',
  termination_notice: '解除协议通知书',
  ending_notice: '协议终止通知书',
} as const;
export type AgreementDocumentKind = keyof typeof AGREEMENT_DOCUMENTS;

/** Topics of the outbox that the settlement side follows (decision 0033). */
export const PAYMENT_TOPICS = ['agreement.payment_opened', 'agreement.payment_paused', 'agreement.payment_resumed', 'agreement.payment_shut'] as const;
export type PaymentTopic = (typeof PAYMENT_TOPICS)[number];

function effects(before: AgreementCase, next: AgreementCase, e: AgreementEvent, ctx: AgreementContext): CaseEffect[] {
  const out: CaseEffect[] = [];
  const cites = (cs: readonly Cite[]) => citesFor(ctx.layers, cs);
  const payment = (topic: PaymentTopic, extra: Record<string, unknown> = {}): CaseEffect => ({
    kind: 'outbox', topic,
    payload: { agreementId: next.id, agreementNumber: next.number, institutionId: next.institutionId, effectiveOn: ctx.today, state: next.state, ...extra },
  });
  const doc = (kind: AgreementDocumentKind, cs: readonly Cite[]): CaseEffect => ({ kind: 'issue_document', document: kind, title: AGREEMENT_DOCUMENTS[kind], cites: cites(cs) });

  if (before.state === next.state) {
    // requests, proposals and the deadlines they start
    if (e.type === 'request_resumption') out.push({ kind: 'stop_deadline', deadline: 'suspension_max' });
    if (e.type === 'approve_request' && next.request && next.request.effectiveOn > ctx.today) {
      out.push({ kind: 'start_deadline', deadline: 'request_effective', startsOn: ctx.today, due: addDays(next.request.effectiveOn, -1), basis: 'date', n: 0, cites: cites(ctx.profile.requestEffect.cites) });
    }
    if (e.type === 'withdraw_request' || e.type === 'reject_request') out.push({ kind: 'stop_deadline', deadline: 'request_effective' });
    if (e.type === 'documents_deadline_passed') out.push({ kind: 'stop_deadline', deadline: 'documents_due' });
    if (e.type === 'suspension_max_passed') out.push({ kind: 'stop_deadline', deadline: 'suspension_max' });
    return out;
  }
  switch (next.state) {
    case 'in_force':
      if (before.state === 'pending') out.push(payment('agreement.payment_opened'));
      else {
        out.push({ kind: 'stop_all_deadlines' }, payment('agreement.payment_resumed'), doc('resumption_notice', [{ doc: BJ, article: 42 }, { doc: YN, article: 30 }, { doc: JL, article: 28 }, natUnlocated('恢复履行')]));
      }
      break;
    case 'suspended': {
      const s = next.suspension!;
      out.push(payment('agreement.payment_paused', { mode: s.mode, situation: s.situation, from: s.from, maxUntil: s.maxUntil }));
      out.push({ kind: 'stop_deadline', deadline: 'request_effective' });
      if (s.mode === 'requested' || s.mode === 'cascade') {
        out.push({ kind: 'start_deadline', deadline: 'suspension_max', startsOn: s.from, due: s.maxUntil, basis: 'natural_days', n: ctx.profile.suspensionMaxDays.value, cites: cites(ctx.profile.suspensionMaxDays.cites) });
      }
      if (s.documentsDueOn) {
        out.push({ kind: 'start_deadline', deadline: 'documents_due', startsOn: s.from, due: s.documentsDueOn, basis: 'natural_days', n: 7, cites: [{ doc: ZZQ, part: 3, item: 1, point: 2 }] });
      }
      out.push(doc('suspension_notice', [{ doc: BJ, article: 42 }, { doc: YN, article: 30 }, { doc: JL, article: 28 }, { doc: ZZQ, part: 3, item: 1 }, natUnlocated('中止医保协议')]));
      break;
    }
    case 'terminated':
      out.push({ kind: 'stop_all_deadlines' }, payment('agreement.payment_shut', { cause: 'terminated', situation: next.terminated!.situation }));
      out.push(doc('termination_notice', [{ doc: BJ, article: 43 }, { doc: YN, article: 31 }, { doc: JL, article: 30 }, { doc: ZZQ, part: 3 }, natUnlocated('解除医保协议')]));
      break;
    case 'ended':
      out.push({ kind: 'stop_all_deadlines' });
      // a suspended agreement's payment is already paused; the settlement side still learns it is shut for good
      out.push(payment('agreement.payment_shut', { cause: next.ended!.cause }));
      out.push(doc('ending_notice', [{ doc: YN, article: 32 }, { doc: BJ, article: 41 }, { doc: BJ, article: 42 }, { doc: JL, article: 27 }, { doc: JL, article: 28 }, natUnlocated('协议终止')]));
      break;
    case 'pending':
      break;
  }
  return out;
}

export const AGREEMENT_CASE: CaseDefinition<LifeState, AgreementEvent, AgreementCase, AgreementContext> & { rowFilter: typeof targetRowFilter } = {
  caseType: 'agreement',
  label: '医保协议',
  stateLabel: lifeStateLabel,
  eventLabel: agreementEventLabel,
  table: AGREEMENT_TABLE,
  guards: GUARDS,
  stateOf: (a) => a.state,
  reduce,
  effects,
  rowFilter: targetRowFilter,
};

/** The registry status an institution has from all its agreements (an institution may hold several). */
export function registryStatusOf(states: readonly LifeState[]): 'designated' | 'suspended' | 'terminated' | null {
  if (states.includes('in_force') || states.includes('pending')) return 'designated';
  if (states.includes('suspended')) return 'suspended';
  if (states.length > 0) return 'terminated';
  return null;
}
