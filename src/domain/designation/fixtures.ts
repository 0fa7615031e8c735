/**
 * Test fixtures: a fake working-day calendar, an expert pool, contexts per profile and a `walk`
 * helper that drives an application through events and fails loudly on the first refusal.
 * Used by the *.test.ts files next to it; not used by production code.
 */
import { newApplication, type Application } from './application';
import type { Actor, MaterialFacts, MaterialItem, TransitionContext } from './context';
import { addDays, type DeadlineCalendar } from './deadlines';
import type { DesignationEvent } from './events';
import { drawPanel, type Expert, type PanelDraw, type Specialty } from './panel';
import { YUNNAN, panelSpecialtiesFor, profileParams, type WorkflowProfile } from './profiles';
import { SHEETS } from './sheets';
import type { ConditionCheck } from './conditions';
import { transition, type Effect } from './transition';
import type { ActorRole, AgencyLevel } from './states';

/** Weekends off, plus the given holidays; weekend days in `workdays` are worked (调休). Years ≥ 2027 are provisional. */
export function fakeCalendar(holidays: string[] = [], workdays: string[] = []): DeadlineCalendar & { isWorkday(d: string): boolean } {
  const off = new Set(holidays);
  const on = new Set(workdays);
  const isWorkday = (d: string) => on.has(d) || (!off.has(d) && ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
  const prov = (d: string) => +d.slice(0, 4) >= 2027;
  return {
    isWorkday,
    addWorkdays(start, n) {
      let d = start;
      let provisional = false;
      for (let left = n; left > 0;) {
        d = addDays(d, 1);
        provisional ||= prov(d);
        if (isWorkday(d)) left -= 1;
      }
      return { due: d, provisional };
    },
    addNaturalDays: (start, n) => ({ due: addDays(start, n), provisional: prov(addDays(start, n)) }),
    addMonths(start, n) {
      const [y, m, day] = start.split('-').map(Number) as [number, number, number];
      const total = y * 12 + (m - 1) + n;
      const ty = Math.floor(total / 12);
      const tm = (total % 12) + 1;
      const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
      const due = `${ty}-${String(tm).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
      return { due, provisional: prov(due) };
    },
  };
}

const NAMES: Record<Specialty, string[]> = {
  medical_insurance: ['张保', '李保', '王保'],
  medicine_health: ['赵医', '钱医', '孙医'],
  information_technology: ['周信', '吴信', '郑信'],
  law: ['冯法', '陈法', '褚法'],
  finance: ['卫财', '蒋财', '沈财'],
  elderly_care: ['韩护', '杨护', '朱护'],
};

/** 18 experts, 3 per specialty, ids e-<specialty>-<n>. */
export const POOL: Expert[] = (Object.keys(NAMES) as Specialty[]).flatMap((s) =>
  NAMES[s].map((name, i) => ({ id: `e-${s}-${i + 1}`, name, specialties: [s] })));

export function ctxFor(profile: WorkflowProfile, role: ActorRole, today: string, extra: Partial<Actor> = {}, calendar = fakeCalendar()): TransitionContext {
  return {
    profile,
    actor: { id: extra.id ?? `${role}-1`, role, ...(extra.agencyLevel ? { agencyLevel: extra.agencyLevel } : {}) },
    today,
    calendar,
    params: profileParams(profile),
    sheets: SHEETS,
    materials: materialFacts(),
    conditions: CONDITIONS_MET,
  };
}

/** A check of the basic conditions with nothing outstanding (decision 0023). */
export const CONDITIONS_MET: ConditionCheck = { asOf: '2025-01-01', rulesetVersion: 'fixture', rows: [], findings: [] };

/** A material list like the national medical one (第七条), with the given items uploaded (default: every required one). */
export const MATERIALS: MaterialItem[] = [
  { id: 'application_form', label: '定点医疗机构申请表', required: true },
  { id: 'licence_copy', label: '医疗机构执业许可证复印件', required: true },
  { id: 'internal_rules', label: '内部管理制度和财务制度文本', required: true },
  { id: 'other', label: '按相关规定要求提供的其他材料', required: false },
];
export const materialFacts = (uploaded: string[] = MATERIALS.filter((m) => m.required).map((m) => m.id)): MaterialFacts => ({ items: MATERIALS, uploaded });

export function panelFor(profile: WorkflowProfile, app: Application, seed = 42): PanelDraw {
  const r = drawPanel({ pool: POOL, required: panelSpecialtiesFor(profile, app.institutionKind), seed, institutionId: app.institutionId });
  if (!r.ok) throw new Error(r.message);
  return r.draw;
}

export const draftMedical = (id = 'app-1') =>
  newApplication({ id, institutionId: `inst-${id}`, institutionKind: 'medical', route: 'new', singlePharmacy: false });

export interface Step {
  ev: DesignationEvent;
  role: ActorRole;
  on: string;
  actorId?: string;
  level?: AgencyLevel;
}

export interface Walk {
  app: Application;
  effects: Effect[][];
  edges: string[];
  /** the application as it first was in each state */
  seen: Map<string, Application>;
}

/** Apply steps in order; throws with the Chinese message on the first refusal. */
export function walk(profile: WorkflowProfile, start: Application, steps: Step[], calendar = fakeCalendar()): Walk {
  const w: Walk = { app: start, effects: [], edges: [], seen: new Map([[start.state, start]]) };
  for (const s of steps) {
    const ctx = ctxFor(profile, s.role, s.on, { ...(s.actorId ? { id: s.actorId } : {}), ...(s.level ? { agencyLevel: s.level } : {}) }, calendar);
    const r = transition(w.app, s.ev, ctx);
    if (!r.ok) throw new Error(`${s.ev.type} @${w.app.state}: ${r.code} ${r.message}`);
    w.edges.push(edgeKey(w.app.state, s.ev.type, r.next.state));
    w.effects.push(r.effects);
    w.app = r.next;
    if (!w.seen.has(r.next.state)) w.seen.set(r.next.state, r.next);
  }
  return w;
}

export const edgeKey = (from: string, event: string, to: string) => `${from} --${event}--> ${to}`;

/** Scores, votes (when the profile votes) and signatures of every member, all passing or all failing. */
export function panelWork(profile: WorkflowProfile, panel: PanelDraw, sheetId: string, on: string, pass: boolean): Step[] {
  const sheet = SHEETS[sheetId]!;
  const steps: Step[] = [];
  for (const m of panel.members) {
    const scores = Object.fromEntries(sheet.items.map((i) => [i.id, pass ? i.maxPoints : 0]));
    steps.push({ ev: { type: 'record_scores', memberId: m.expertId, scores }, role: 'expert', actorId: m.expertId, on });
  }
  if (profile.voting.value !== 'none') {
    for (const m of panel.members) steps.push({ ev: { type: 'cast_vote', memberId: m.expertId, vote: pass ? 'pass' : 'fail' }, role: 'expert', actorId: m.expertId, on });
  }
  for (const m of panel.members) steps.push({ ev: { type: 'sign_result', memberId: m.expertId }, role: 'expert', actorId: m.expertId, on });
  return steps;
}

/**
 * A record_inspection event that satisfies the profile: every checklist item (云医保〔2022〕6号
 * 第十三条) conforming with a finding, when the profile has a checklist.
 */
export function inspection(profile: WorkflowProfile, by: string[], findings = '核查无异常'): DesignationEvent {
  const items = profile.inspectionChecklist.value;
  return {
    type: 'record_inspection', by, findings,
    ...(items ? { checklist: items.map((i) => ({ item: i.id, conforming: true, finding: `${i.label}：与申报一致` })) } : {}),
  };
}

/** 云医保〔2022〕6号 第十四条(一)1–2: the policy study and the 承办部门's report, recorded by the officer. */
export const BRIEFING: DesignationEvent = {
  type: 'record_evaluation_briefing',
  study: { attendees: ['张保', '赵医', '周信', '冯法', '卫财'], content: '医药机构定点有关政策规定和纪律要求' },
  report: {
    reporter: '医药服务管理科', basics: '综合医院，床位100张', materialReview: '材料齐全、真实',
    violationReview: '未发现违规情况', inspection: '现场核查五项均符合',
  },
};

/** The steps a Yunnan-style panel needs before the result besides the scores: inspection by members and the briefing. */
export function panelInspection(profile: WorkflowProfile, panel: PanelDraw, on: string): Step[] {
  const steps: Step[] = [{ ev: inspection(profile, [panel.members[0]!.expertId]), role: 'agency_officer', on }];
  if (profile.evaluationBriefing.value) steps.push({ ev: BRIEFING, role: 'agency_officer', on });
  return steps;
}

export const DEFAULT_PROFILE = YUNNAN;
