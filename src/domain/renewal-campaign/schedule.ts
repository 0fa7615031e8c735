/**
 * A 续签 campaign's schedule per policy profile (issue #11, decision 0046): the milestones the agency
 * tracks and the day each is due, counted as the text says — 工作日 on the working-day calendar,
 * natural days or months (民法典 第二百零二条: the corresponding day, clamped to the month's end).
 *
 * Every milestone cites its article. Where the text sets a step but gives no time, the schedule
 * either takes the campaign's own date (the 核定截止 the agency chose when opening it) or a profile
 * parameter whose label and citation say 示例值 / unverified (params-meta: `verified: false`).
 *
 * The reference term end is the campaign window's first day (`windowFrom`): the earliest agreement in
 * scope has its last day then, so a milestone counted back from it is in time for every agreement in scope.
 * Pure: the calendar is passed in; the caller writes the milestones as deadline rows.
 */
import type { WorkCalendar } from '../calendar/work-calendar';
import { BJ, JL, NHSA2, YN, ZZQ, type Cite } from '../designation/cite';
import { paramDetail, profileChain } from '../policy/resolve';
import { PROFILES } from '../policy/profiles';

export const MILESTONES = ['organise', 'evaluate', 'apply', 'exit_notice', 'report_city', 'decide', 'negotiate', 'sign', 'signing_period', 'expiry'] as const;
export type MilestoneId = (typeof MILESTONES)[number];

export const milestoneLabel: Record<MilestoneId, string> = {
  organise: '组织续签',
  evaluate: '年度履约评估（续签依据）',
  apply: '定点医疗机构提出续签申请',
  exit_notice: '定点机构提出不再续签申请',
  report_city: '区经办机构将续签信息报市经办机构',
  decide: '续签核定截止',
  negotiate: '续签协商谈判',
  sign: '签订新协议（不留空挡期）',
  signing_period: '集中签约期结束',
  expiry: '未达成一致的协议到期终止',
};

/** who acts by the milestone */
export type Party = 'agency' | 'institution' | 'city_agency';
export const partyLabel: Record<Party, string> = { agency: '经办机构', institution: '定点医药机构', city_agency: '市经办机构' };

/**
 * Who acts by each milestone, per family: the institution's own steps (its application, its notice that it
 * will not renew) are never the agency's work, and Beijing's negotiation is the city's (京医保发〔2021〕30号
 * 第四十一条 「由市经办机构…协商谈判」); everything else is the campaign's agency. One table, read by the
 * schedule and by the home page (which lists only the viewer's own milestones).
 */
export function milestoneParty(family: ScheduleFamily, id: MilestoneId): Party {
  if (id === 'apply' || id === 'exit_notice') return 'institution';
  if (id === 'negotiate' && family === 'beijing') return 'city_agency';
  return 'agency';
}

/** Every `profileId:milestone` of the known profiles whose milestone is `party`'s (the home page's filter, in SQL). */
export function milestonesOfParty(party: Party): string[] {
  return PROFILES.flatMap((p) => MILESTONES.filter((id) => milestoneParty(familyOf(p.id), id) === party).map((id) => `${p.id}:${id}`));
}

export type CountUnit = 'workday' | 'natural_day' | 'month' | 'date';

export interface Milestone {
  id: MilestoneId;
  label: string;
  party: Party;
  /** the day it is counted from (or the fixed day itself for unit 'date') */
  from: string;
  /** signed count in `unit` from `from` (negative: before) */
  n: number;
  unit: CountUnit;
  due: string;
  /** how the day is counted, as a person reads it */
  counted: string;
  cites: Cite[];
  /** the time is an example value (the text gives none): a profile parameter marked 示例值 */
  example: boolean;
  /** the calendar of a year it crossed is not published yet (an estimate) */
  provisional: boolean;
}

export interface ScheduleInput {
  profileId: string;
  /** the day the campaign opened */
  openedOn: string;
  windowFrom: string;
  windowTo: string;
  /** 核定截止, chosen by the agency when opening (no text sets it) */
  decideBy: string;
}

export type ScheduleFamily = 'yunnan' | 'beijing' | 'jilin' | 'zizhiqu' | 'national';

export function familyOf(profileId: string): ScheduleFamily {
  const ids = profileChain(profileId).map((p) => p.id);
  if (ids.includes('yunnan')) return 'yunnan';
  if (ids.includes('beijing')) return 'beijing';
  if (ids.includes('jilin')) return 'jilin';
  if (ids.includes('zizhiqu-2025-draft')) return 'zizhiqu';
  return 'national';
}

/** Whether the institution applies for renewal itself (京医保发〔2021〕30号 第四十一条 「由定点医疗机构…提出申请」). */
export const institutionApplies = (profileId: string): boolean => ['beijing', 'national'].includes(familyOf(profileId));

const NAT_RENEWAL: Cite = { doc: NHSA2, text: '续签应由定点医疗机构于医保协议期满前3个月向经办机构提出申请或由经办机构统一组织', verified: false };

function num(profileId: string, key: string, asOf: string): { value: number; cite: Cite; example: boolean } {
  const d = paramDetail(profileId, key, asOf);
  if (!d) throw new Error(`profile ${profileId}: no parameter ${key} on ${asOf}`);
  return { value: d.value, cite: d.cite, example: d.cite.verified === false && /示例值/.test(d.label) };
}

/** The campaign's milestones in due order (ties: the order of MILESTONES). */
export function campaignSchedule(input: ScheduleInput, cal: WorkCalendar): Milestone[] {
  const { profileId, openedOn, windowFrom, windowTo, decideBy } = input;
  const family = familyOf(profileId);
  const out: Milestone[] = [];
  const party = (id: MilestoneId) => milestoneParty(family, id);
  const fixed = (id: MilestoneId, due: string, counted: string, cites: Cite[]): void => {
    out.push({ id, label: milestoneLabel[id], party: party(id), from: due, n: 0, unit: 'date', due, counted, cites, example: false, provisional: false });
  };
  const monthsBefore = (id: MilestoneId, months: number, counted: string, cites: Cite[]): void => {
    const r = cal.addMonths(windowFrom, -months);
    out.push({ id, label: milestoneLabel[id], party: party(id), from: windowFrom, n: -months, unit: 'month', due: r.due, counted, cites, example: false, provisional: r.provisional });
  };
  const workdaysAfter = (id: MilestoneId, from: string, p: { value: number; cite: Cite; example: boolean }, counted: string, cites: Cite[]): void => {
    const r = cal.addWorkdays(from, p.value);
    out.push({ id, label: milestoneLabel[id], party: party(id), from, n: p.value, unit: 'workday', due: r.due, counted, cites: [p.cite, ...cites], example: p.example, provisional: r.provisional });
  };
  // the last day of the earliest old term in scope: the new one must be signed by then (不留空挡期)
  const lastDay = windowFrom;
  const decide = (cites: Cite[]) => fixed('decide', decideBy, '经办机构开展续签时确定（文件未规定期限）', cites);

  switch (family) {
    case 'yunnan': {
      // 第二十九条: 「原则上1年组织1次，一般为每年12月开展，也可在医保协议期满前1个月组织」
      const m = num(profileId, 'renewal.organise.beforeExpiry.months', openedOn);
      monthsBefore('organise', m.value, `一般为每年12月开展；最迟于协议期满前${m.value}个月组织`, [m.cite]);
      decide([{ doc: YN, article: 29 }]);
      fixed('sign', lastDay, '原协议期满前签订（不留空挡期）', [{ doc: YN, article: 29 }]);
      break;
    }
    case 'beijing': {
      // 第四十一条: the institution applies 3 months before expiry, or the district organises; either way the
      // district reports to the city, and the city negotiates; no agreement → the agreement ends at expiry
      const adv = num(profileId, 'renewal.advance.months', openedOn);
      monthsBefore('apply', adv.value, `协议期满前${adv.value}个月`, [adv.cite]);
      const rep = num(profileId, 'renewal.report.workdays', openedOn);
      const applyDue = out[out.length - 1]!.due;
      workdaysAfter('report_city', applyDue > openedOn ? applyDue : openedOn, rep, `申请截止（或开展续签）后${rep.value}个工作日（示例值）`, []);
      decide([{ doc: BJ, article: 41 }]);
      fixed('negotiate', lastDay, '原协议期满前由市经办机构协商谈判', [{ doc: BJ, article: 41 }]);
      fixed('expiry', windowTo, '未达成一致的，医保协议到期后自动终止', [{ doc: BJ, article: 41 }]);
      break;
    }
    case 'jilin': {
      // 第二十七条: negotiation at term end; no agreement → ends at expiry. 第二十九条: 不再续签 asked 3 months ahead
      const ex = num(profileId, 'exit.notice.months', openedOn);
      monthsBefore('exit_notice', ex.value, `提前${ex.value}个月提出不再续签申请`, [ex.cite]);
      decide([{ doc: JL, article: 27 }]);
      fixed('negotiate', lastDay, '医保协议期满前协商谈判', [{ doc: JL, article: 27 }]);
      fixed('expiry', windowTo, '未达成一致的，医保协议到期后自动终止', [{ doc: JL, article: 27 }]);
      break;
    }
    case 'zizhiqu': {
      // 二: 「每年应对定点医药机构履行协议情况进行全面评估，评估结果作为协议续签…的重要依据」 — before deciding
      fixed('evaluate', decideBy, '核定前完成（文件未规定期限，以核定截止日为准）', [{ doc: ZZQ, part: 2 }]);
      decide([{ doc: ZZQ, part: 2 }]);
      const sp = num(profileId, 'renewal.signing.period.workdays', openedOn);
      workdaysAfter('signing_period', decideBy, sp, `核定截止后${sp.value}个工作日（示例值）`, [{ doc: ZZQ, part: 2, item: 2, point: 5 }, { doc: ZZQ, part: 1, item: 4 }]);
      fixed('sign', lastDay, '原协议期满前签订', [{ doc: ZZQ, part: 2 }]);
      break;
    }
    case 'national': {
      const adv = num(profileId, 'renewal.advance.months', openedOn);
      monthsBefore('apply', adv.value, `协议期满前${adv.value}个月`, [adv.cite]);
      decide([NAT_RENEWAL]);
      fixed('sign', lastDay, '原协议期满前签订', [NAT_RENEWAL]);
      break;
    }
  }
  const rank = (id: MilestoneId) => MILESTONES.indexOf(id);
  return out.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : rank(a.id) - rank(b.id)));
}

/**
 * A milestone's status today. An institution's own milestone whose day passed is 已截止 — its window closed
 * (a late application is flagged on the application, not refused: decision 0046) — never 已逾期, which would
 * read as the agency's lateness.
 */
export type MilestoneStatus = 'met' | 'open' | 'due_today' | 'overdue' | 'closed';
export const milestoneStatusLabel: Record<MilestoneStatus, string> = { met: '已完成', open: '未到期', due_today: '今日到期', overdue: '已逾期', closed: '已截止' };

export function milestoneStatus(party: Party, due: string, today: string, met: boolean): MilestoneStatus {
  if (met) return 'met';
  if (due < today) return party === 'institution' ? 'closed' : 'overdue';
  return due === today ? 'due_today' : 'open';
}

/** The organising milestone is met by opening the campaign itself (on or before its day: 按时; after: 逾期组织). */
export function organisedLate(ms: readonly Milestone[], openedOn: string): boolean {
  const o = ms.find((m) => m.id === 'organise');
  return !!o && openedOn > o.due;
}

/**
 * The renewal application of one agreement (京医保发〔2021〕30号 第四十一条): due 3 months before its term ends.
 * A late application is flagged, not refused — the article lets the district organise the renewal itself
 * (「或由区经办机构统一组织」), so the agreement is renewed through the campaign either way (decision 0046).
 */
export function applicationDue(profileId: string, termTo: string, asOf: string, cal: WorkCalendar): { due: string; months: number; cite: Cite } {
  const adv = num(profileId, 'renewal.advance.months', asOf);
  return { due: cal.addMonths(termTo, -adv.value).due, months: adv.value, cite: adv.cite };
}
