/**
 * 暂停人员/科室医保结算 as a case type on the one engine (decision 0035): the agency suspends (中止)
 * or ends (终止) the 医保 settlement of ONE department or ONE named practitioner of a designated
 * institution whose agreement is in force or suspended, without touching the agreement.
 * 京医保发〔2021〕30号 第四十五条 (部分人员或科室 … 中止或终止医保结算), 第三十八条(五);
 * 云医保〔2022〕6号 第二十五条 (中止相关责任人员或所在部门涉及医疗保障基金使用的医疗服务);
 * elsewhere the national order's 处理种类 (国家医疗保障局令第2号, located by text).
 *
 * new → in_effect (中止) → lifted (恢复) | ended (终止结算); new → ended (终止 outright).
 * A 中止 with a 截止日期 lapses by itself (decision 0042): the notice reads 「自…起至…中止」, so the date is
 * the last day suspended and the system's `lapse` runs on the day after it (in_effect → lifted).
 */
import type { CaseContext, CaseDefinition, CaseEffect, Guard, IsoDate, TransitionRow } from '../workflow/case-type';
import { citesFor, natUnlocated, BJ, YN, type Cite } from '../designation/cite';
import type { Role } from '../identity/roles';

export const RESTRICTION_STATES = ['new', 'in_effect', 'lifted', 'ended'] as const;
export type RestrictionState = (typeof RESTRICTION_STATES)[number];
export const restrictionStateLabel: Record<RestrictionState, string> = {
  new: '待决定', in_effect: '中止结算中', lifted: '已恢复结算', ended: '已终止结算',
};

export type RestrictionTarget =
  | { kind: 'department'; department: string }
  | { kind: 'person'; name: string; idNumber: string | null; certificateNo: string | null; role: 'physician' | 'pharmacist' };
export const targetKindLabel = { person: '医保医师/药师', department: '科室' } as const;

export interface RestrictionCase {
  id: string;
  agreementId: string;
  agreementNumber: string;
  institutionId: string;
  regionCode: string;
  state: RestrictionState;
  target: RestrictionTarget;
  reason: string;
  fromOn: IsoDate;
  /** suspension only: the date it runs to (null when it runs until lifted) */
  untilOn: IsoDate | null;
  decidedOn: IsoDate | null;
  liftedOn: IsoDate | null;
  liftReason: string | null;
  endedOn: IsoDate | null;
  endReason: string | null;
  cites: Cite[];
}

export type RestrictionEvent =
  | { type: 'suspend' }
  | { type: 'terminate'; reason: string }
  | { type: 'lift'; reason: string }
  /** the system, the day after `untilOn` (the deadline sweep) */
  | { type: 'lapse' };
export type RestrictionEventType = RestrictionEvent['type'];
export const restrictionEventLabel: Record<RestrictionEventType, string> = {
  suspend: '中止人员/科室医保结算', terminate: '终止人员/科室医保结算', lift: '恢复人员/科室医保结算', lapse: '中止期满恢复结算',
};

/** The first day a 中止 with a 截止日期 no longer covers: the day after `untilOn` (null when it runs until lifted). */
export function lapsesOn(c: Pick<RestrictionCase, 'untilOn'>): IsoDate | null {
  if (!c.untilOn) return null;
  const d = new Date(`${c.untilOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export interface RestrictionContext extends CaseContext {
  /** the agreement's life state now (in_force / suspended allow a restriction) */
  agreementState: string | null;
}

const AGENCY: readonly Role[] = ['agency_officer', 'agency_head'];

/** The article each profile cites: its own region's text, else the national order's 处理种类. */
export const RESTRICTION_CITES: readonly Cite[] = [
  { doc: BJ, article: 45 }, { doc: YN, article: 25 }, natUnlocated('中止相关责任人员或者所在部门涉及医疗保障基金使用的医药服务'),
];

type G = Guard<RestrictionCase, RestrictionEvent, RestrictionContext>;
const GUARDS: Record<string, G> = {
  agreement_live: {
    id: 'restriction.agreement-in-force',
    cites: RESTRICTION_CITES,
    onCase: true,
    check: (_c, _e, ctx) => (ctx.agreementState === 'in_force' || ctx.agreementState === 'suspended'
      ? null : '仅可对医保协议生效或中止中的定点医药机构暂停人员/科室结算'),
  },
  dates: {
    id: 'restriction.dates',
    cites: RESTRICTION_CITES,
    onCase: true,
    check: (c) => (c.untilOn !== null && c.untilOn < c.fromOn ? '中止截止日期不能早于起始日期' : null),
  },
  lapse_due: {
    id: 'restriction.lapse-due',
    cites: RESTRICTION_CITES,
    onCase: true,
    check: (c, _e, ctx) => {
      const on = lapsesOn(c);
      if (!on) return '该中止未设截止日期，须由经办机构恢复';
      return ctx.today >= on ? null : `中止截止日期（${c.untilOn}）未过，尚不能期满恢复`;
    },
  },
  reason: {
    id: 'restriction.reason',
    cites: RESTRICTION_CITES,
    check: (_c, e) => ('reason' in e && e.reason.trim() === '' ? '请填写理由' : null),
  },
};

type Row = TransitionRow<RestrictionState, RestrictionEventType>;
export const RESTRICTION_TABLE: readonly Row[] = [
  { from: ['new'], event: 'suspend', to: 'in_effect', roles: AGENCY, guards: ['agreement_live', 'dates'], cites: RESTRICTION_CITES },
  { from: ['new', 'in_effect'], event: 'terminate', to: 'ended', roles: AGENCY, guards: ['reason'], cites: RESTRICTION_CITES },
  { from: ['in_effect'], event: 'lift', to: 'lifted', roles: AGENCY, guards: ['reason'], cites: RESTRICTION_CITES },
  { from: ['in_effect'], event: 'lapse', to: 'lifted', roles: ['system'], guards: ['lapse_due'], cites: RESTRICTION_CITES },
];

function reduce(c: RestrictionCase, e: RestrictionEvent, to: RestrictionState, ctx: RestrictionContext): RestrictionCase {
  const base = { ...c, state: to };
  switch (e.type) {
    case 'suspend':
      return { ...base, decidedOn: ctx.today, cites: citesFor(ctx.layers, RESTRICTION_CITES) };
    case 'terminate':
      return { ...base, decidedOn: c.decidedOn ?? ctx.today, endedOn: ctx.today, endReason: e.reason.trim(), cites: citesFor(ctx.layers, RESTRICTION_CITES) };
    case 'lift':
      return { ...base, liftedOn: ctx.today, liftReason: e.reason.trim() };
    case 'lapse':
      return { ...base, liftedOn: ctx.today, liftReason: `中止期满（截止${c.untilOn}），自动恢复医保结算` };
  }
}

export const RESTRICTION_DOCUMENTS = { settlement_notice: '暂停医保结算通知书' } as const;

/** The outbox topic of a step (decision 0033): what the settlement side must follow. */
export function topicOf(c: RestrictionCase, e: RestrictionEvent): string {
  if (e.type === 'lift' || e.type === 'lapse') return 'settlement.restriction_lifted';
  if (e.type === 'terminate') return 'settlement.restriction_ended';
  return c.target.kind === 'person' ? 'settlement.person_suspended' : 'settlement.department_suspended';
}

/** The target in words: 科室「心内科」 / 医保医师 张三（身份证号 …）. */
export function targetLabel(t: RestrictionTarget): string {
  if (t.kind === 'department') return `科室「${t.department}」`;
  const who = t.role === 'pharmacist' ? '医保药师' : '医保医师';
  const ids = [t.idNumber ? `身份证号 ${t.idNumber}` : null, t.certificateNo ? `执业证书编号 ${t.certificateNo}` : null].filter(Boolean).join('，');
  return `${who} ${t.name}${ids ? `（${ids}）` : ''}`;
}

function effects(_before: RestrictionCase, next: RestrictionCase, e: RestrictionEvent, ctx: RestrictionContext): CaseEffect[] {
  const t = next.target;
  const out: CaseEffect[] = [{
    kind: 'outbox', topic: topicOf(next, e),
    payload: {
      restrictionId: next.id, agreementId: next.agreementId, institutionId: next.institutionId, target: t.kind,
      department: t.kind === 'department' ? t.department : null,
      person: t.kind === 'person' ? { name: t.name, idNumber: t.idNumber, certificateNo: t.certificateNo, role: t.role } : null,
      fromOn: e.type === 'suspend' ? next.fromOn : ctx.today, untilOn: e.type === 'suspend' ? next.untilOn : null,
    },
  }];
  if (e.type === 'suspend' || e.type === 'terminate') {
    out.push({ kind: 'issue_document', document: 'settlement_notice', title: RESTRICTION_DOCUMENTS.settlement_notice, cites: citesFor(ctx.layers, RESTRICTION_CITES) });
  }
  return out;
}

export const RESTRICTION_CASE: CaseDefinition<RestrictionState, RestrictionEvent, RestrictionCase, RestrictionContext> = {
  caseType: 'settlement_restriction',
  label: '暂停人员/科室医保结算',
  stateLabel: restrictionStateLabel,
  eventLabel: restrictionEventLabel,
  table: RESTRICTION_TABLE,
  guards: GUARDS,
  stateOf: (c) => c.state,
  reduce,
  effects,
};
