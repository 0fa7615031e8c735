/**
 * The renewal screening's rules (issue #11, decision 0037): the 4 缓签 and 15 不再签订 situations of
 * 自治区医保局〔2025〕征求意见稿 二(一)1–4, 二(二)1–15, and the performance rules of the texts that give no
 * list (云医保〔2022〕6号 第二十九条, 京医保发〔2021〕30号 第四十一条, 吉医保规〔2023〕1号 第二十七条: 「根据医保协议
 * 履行情况和绩效考核情况等决定是否续签」). A rule belongs to a profile when one of its citations does
 * (its own region's text, or the national orders); each answers fires / passes / 无数据 with the facts
 * it used — never a silent pass.
 */
import { BJ, JL, YN, ZZQ, natUnlocated, type Cite } from '../designation/cite';
import type { InstitutionKind } from '../registry/enums';
import type { IsoDate } from '../workflow/case-type';
import { hasData, type Fact, type RenewalFacts } from './facts';

export type Effect = 'defer' | 'not_renew' | 'manual';

export type RuleResult =
  | { result: 'fires'; message: string; facts: Record<string, unknown> }
  | { result: 'passes'; message: string }
  | { result: 'no_data'; message: string };

/** What a policy maker may vary (the what-if): defaults per profile in params.ts. */
export interface RenewalParams {
  /** 二(二)3: consecutive agreement years without settlement (the text: 1 — 「上年度」) */
  settlementAbsentYears: number;
  /** the last agreement year looked at; default the year before the screening */
  settlementYear?: number;
  /** 二(二)6: days of a requested suspension */
  suspensionMaxDays: number;
  /** 二(二)14: how long after designation an institution is 「新评估定点」 (the coaching period and its extension) */
  coachingMonths: number;
  /** rule ids switched off */
  disabled: readonly string[];
}

export interface ScreenContext {
  today: IsoDate;
  /** the end of the campaign's signing period (二(一)1 「超过集中签约期」) */
  signingEnds: IsoDate;
  params: RenewalParams;
}

export interface RenewalRule {
  id: string;
  /** e.g. 二(二)6 */
  label: string;
  effect: Effect;
  cites: readonly Cite[];
  /** the institution kinds the situation speaks of (absent: all) */
  kinds?: readonly InstitutionKind[];
  evaluate: (f: RenewalFacts, c: ScreenContext) => RuleResult;
}

const z = (item: 1 | 2, point: number): Cite => ({ doc: ZZQ, part: 2, item, point });
const fires = (message: string, facts: Record<string, unknown> = {}): RuleResult => ({ result: 'fires', message, facts });
const passes = (message: string): RuleResult => ({ result: 'passes', message });
const none = (f: { noData: string }, what: string): RuleResult => ({ result: 'no_data', message: `无数据：${what}（${f.noData}）` });

/** A rule on one imported or registry fact: fires when `bad(value)`, 无数据 without the fact. */
function onFact<T>(f: Fact<T>, what: string, bad: (v: T) => boolean, firing: (v: T) => string, ok: string): RuleResult {
  if (!hasData(f)) return none(f, what);
  return bad(f.value) ? fires(firing(f.value), { [what]: f.value, source: f.source }) : passes(ok);
}

const monthsBetween = (from: IsoDate, to: IsoDate) => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));

export const RENEWAL_RULES: readonly RenewalRule[] = [
  // ---- 二(一) 缓签 ----
  {
    id: 'renewal.defer.suspended', label: '二(一)1', effect: 'defer',
    cites: [z(1, 1), { doc: BJ, article: 42 }],
    evaluate: (f, c) => {
      if (f.lifeState !== 'suspended' || !f.suspension) return passes('协议未中止');
      if (f.suspension.maxUntil <= c.signingEnds && f.suspension.resumptionRequestedOn) return passes(`已申请恢复履行，中止期至 ${f.suspension.maxUntil}`);
      return fires(`超过集中签约期（${c.signingEnds}）仍处于中止医保服务协议状态`, { suspendedFrom: f.suspension.from, mode: f.suspension.mode, maxUntil: f.suspension.maxUntil });
    },
  },
  {
    id: 'renewal.defer.pending-change', label: '二(一)2', effect: 'defer', cites: [z(1, 2)],
    evaluate: (f) => onFact(f.pendingMajorChange, '信息变更', (v) => v, () => '发生信息变更，需综合考量、重新核定', '无待核定的信息变更'),
  },
  {
    id: 'renewal.defer.unexecuted-decision', label: '二(一)3', effect: 'defer', cites: [z(1, 3)],
    evaluate: (f) => onFact(f.unexecutedDecisions, '行政或协议处理决定执行情况', (v) => v, () => '已做出行政或协议处理决定未执行或未整改到位', '处理决定均已执行、整改到位'),
  },
  {
    id: 'renewal.defer.other', label: '二(一)4', effect: 'defer', cites: [z(1, 4)],
    evaluate: (f) => {
      const m = f.manualFlags.find((x) => x.code === 'defer_other');
      return m ? fires(`法律法规规定或协议约定的其他缓签情形：${m.note}`, { note: m.note }) : passes('经办机构未标注其他缓签情形');
    },
  },
  // ---- 二(二) 不再签订 ----
  {
    id: 'renewal.end.licence-revoked', label: '二(二)1', effect: 'not_renew', cites: [z(2, 1)],
    evaluate: (f) => onFact(f.licences, '证照', (v) => v.revoked, () => '相关证照被吊销、注销', '证照未被吊销、注销'),
  },
  {
    id: 'renewal.end.licence-expired', label: '二(二)2', effect: 'not_renew', cites: [z(2, 2)],
    evaluate: (f, c) => onFact(f.licences, '证照', (v) => !!v.earliestValidTo && v.earliestValidTo < c.today, (v) => `相关证照已于 ${v.earliestValidTo} 超过有效期`, '证照均在有效期内'),
  },
  {
    id: 'renewal.end.no-settlement', label: '二(二)3', effect: 'not_renew', cites: [z(2, 3)],
    evaluate: (f, c) => {
      const last = c.params.settlementYear ?? Number(c.today.slice(0, 4)) - 1;
      const years = Array.from({ length: c.params.settlementAbsentYears }, (_, i) => last - i);
      if (!hasData(f.settlementByYear)) return none(f.settlementByYear, `${years.join('、')}年度医保结算费用`);
      const data = f.settlementByYear.value;
      const missing = years.filter((y) => data[y] === undefined);
      if (missing.length) return { result: 'no_data', message: `无数据：${missing.join('、')}年度医保结算费用未导入` };
      const amounts = Object.fromEntries(years.map((y) => [y, data[y]!]));
      return years.every((y) => data[y] === 0)
        ? fires(`${years.join('、')}年度协议期内未发生医保结算费用`, { settlement: amounts, source: f.settlementByYear.source })
        : passes(`${years.join('、')}年度有医保结算费用`);
    },
  },
  {
    id: 'renewal.end.termination-requested', label: '二(二)4', effect: 'not_renew',
    cites: [z(2, 4), { doc: JL, article: 29 }, natUnlocated('请求中止、解除医保协议或不再续签医保协议的，应提前3个月向经办机构提出申请')],
    evaluate: (f) => (f.terminationRequested ? fires('主动提出解除医保服务协议', { terminationRequested: true }) : passes('未主动提出解除协议')),
  },
  {
    id: 'renewal.end.not-signed-on-time', label: '二(二)5', effect: 'not_renew', cites: [z(2, 5)],
    evaluate: (f) => (f.source === 'generated'
      ? passes('本协议经本系统定点程序在规定时限内签订（逾期未签的协议作废）')
      : { result: 'no_data', message: '无数据：导入的协议未记录签订时限' }),
  },
  {
    id: 'renewal.end.suspended-over-max', label: '二(二)6', effect: 'not_renew', cites: [z(2, 6)],
    evaluate: (f, c) => {
      const g = f.noRenewalGrounds.find((x) => x.code === 'suspension_over_180');
      if (g) return fires(`依申请中止医保服务协议超过${c.params.suspensionMaxDays}日仍未提出继续履行申请（${g.since} 起）`, { since: g.since });
      const s = f.suspension;
      if (s && s.mode === 'requested' && !s.resumptionRequestedOn) {
        const days = Math.round((Date.parse(c.today) - Date.parse(s.from)) / 86_400_000);
        if (days > c.params.suspensionMaxDays) return fires(`依申请中止已 ${days} 日，仍未提出继续履行申请`, { from: s.from, days });
      }
      return passes('无依申请中止超期情形');
    },
  },
  {
    id: 'renewal.end.conditions', label: '二(二)7', effect: 'not_renew', cites: [z(2, 7)],
    evaluate: (f) => onFact(f.conditionsMet, '定点条件和评估要求', (v) => !v, () => '不再符合本统筹区定点医药机构确定条件和评估要求', '符合定点条件和评估要求'),
  },
  {
    id: 'renewal.end.trace-code', label: '二(二)8', effect: 'not_renew', cites: [z(2, 8)],
    evaluate: (f) => onFact(f.traceCodeCompliant, '追溯码扫码上传', (v) => !v, () => '未落实追溯码扫码和上传，未实现"依码结算、依码支付"', '已落实追溯码扫码和上传'),
  },
  {
    id: 'renewal.end.yb-code', label: '二(二)9', effect: 'not_renew', cites: [z(2, 9)],
    evaluate: (f) => onFact(f.ybCodeAccepted, '医保码识别使用', (v) => !v, () => '不支持医保码识别使用', '支持医保码识别使用'),
  },
  {
    id: 'renewal.end.absent-practitioners', label: '二(二)10', effect: 'not_renew', cites: [z(2, 10)],
    evaluate: (f) => onFact(f.absentPractitioners, '挂证检查', (v) => v, () => '检查发现医务、技术人员或药师挂证，由他人代为执业', '未发现挂证'),
  },
  {
    id: 'renewal.end.dual-channel-idle', label: '二(二)11', effect: 'not_renew', cites: [z(2, 11)], kinds: ['pharmacy'],
    evaluate: (f) => (!f.dualChannel
      ? passes('不适用：非"双通道"协议')
      : onFact(f.dualChannelServiceCount12m, '近一年"双通道"药品保障服务次数', (v) => v === 0, () => '"双通道"定点零售药店连续一年未提供"双通道"药品保障服务', '近一年提供过"双通道"药品保障服务')),
  },
  {
    id: 'renewal.end.cross-area-address', label: '二(二)12', effect: 'not_renew', cites: [z(2, 12)], kinds: ['pharmacy'],
    evaluate: (f) => onFact(f.crossAreaAddressChangeOutsidePlan, '跨医保管理区域变更注册地址', (v) => v, () => '跨医保管理区域变更注册地址，不符合新区域资源配置规划', '无跨区域变更地址不符合规划的情形'),
  },
  {
    id: 'renewal.end.dual-price', label: '二(二)13', effect: 'not_renew', cites: [z(2, 13)], kinds: ['pharmacy'],
    evaluate: (f) => onFact(f.dualPriceFinding, '"阴阳价格"核查', (v) => v, () => '经核查对医保和非医保患者采用"阴阳价格"，情节严重', '未发现"阴阳价格"'),
  },
  {
    id: 'renewal.end.coaching-unrectified', label: '二(二)14', effect: 'not_renew', cites: [z(2, 14)], kinds: ['medical'],
    evaluate: (f, c) => {
      if (!f.designatedSince || monthsBetween(f.designatedSince, c.today) > c.params.coachingMonths) return passes('不适用：非新评估定点的医疗机构');
      return onFact(f.coachingUnrectified, '政策辅导期整改情况', (v) => v, () => '新评估定点的医疗机构在政策辅导期延长期仍未整改相关问题', '辅导期问题已整改');
    },
  },
  {
    id: 'renewal.end.other', label: '二(二)15', effect: 'not_renew', cites: [z(2, 15)],
    evaluate: (f) => {
      const m = f.manualFlags.find((x) => x.code === 'not_renew_other');
      return m ? fires(`法律法规规定或协议约定的其他不再签订情形：${m.note}`, { note: m.note }) : passes('经办机构未标注其他不再签订情形');
    },
  },
  // ---- performance: the texts without a list (and the draft's yearly evaluation, 二 first paragraph) ----
  {
    id: 'renewal.performance.assessment', label: '绩效考核', effect: 'manual',
    cites: [{ doc: YN, article: 29 }, { doc: BJ, article: 41 }, { doc: JL, article: 27 }, { doc: ZZQ, part: 2 }, natUnlocated('根据医保协议履行情况和绩效考核情况等决定是否续签')],
    evaluate: (f) => {
      if (!hasData(f.assessment)) return none(f.assessment, '绩效考核结果');
      const last = [...f.assessment.value].sort((a, b) => b.year - a.year)[0];
      if (!last) return { result: 'no_data', message: '无数据：无绩效考核结果' };
      return last.result === 'unqualified'
        ? fires(`${last.year}年度绩效考核不合格，由双方协商决定是否续签`, { assessment: last })
        : passes(`${last.year}年度绩效考核${last.result === 'good' ? '结果好' : '合格'}`);
    },
  },
  {
    id: 'renewal.performance.agreement', label: '协议履行情况', effect: 'manual',
    cites: [{ doc: YN, article: 29 }, { doc: BJ, article: 41 }, { doc: JL, article: 27 }, { doc: ZZQ, part: 2 }, natUnlocated('根据医保协议履行情况和绩效考核情况等决定是否续签')],
    evaluate: (f) => {
      if (f.terminationProposed) return fires('系统依规定情形提出解除建议，待经办机构决定', { terminationProposed: true });
      if (f.suspensionsInTerm > 0) return fires(`本协议期内被中止 ${f.suspensionsInTerm} 次`, { suspensionsInTerm: f.suspensionsInTerm });
      return passes('本协议期内无中止、无解除建议');
    },
  },
];
