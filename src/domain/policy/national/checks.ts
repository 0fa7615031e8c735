import { personRoleLabel } from '../../registry/enums';
import type { ScreeningFacts } from '../facts';
import { withinMonths, withinYears } from '../dates';
import { fail, PASS, unknown, type RuleContext, type Verdict } from '../model';

/** 「（行政处罚决定书 X号，2025-03-01）」 when the fact came with evidence. */
const because = (f: ScreeningFacts, fact: string) => (f.evidence?.[fact] ? `（${f.evidence[fact]}）` : '');

/**
 * The checks behind the 不予受理 situations. Shared by the national orders and the regional texts
 * that repeat them; the numbers come from parameters named by the calling rule.
 */
export const checks = {
  nonBasicScope: (f: ScreeningFacts): Verdict => {
    if (f.mainScopeNonBasic === undefined) return unknown('mainScopeNonBasic');
    return f.mainScopeNonBasic ? fail(`以医疗美容、辅助生殖、生活照护、种植牙等非基本医疗服务为主要执业范围${because(f, 'mainScopeNonBasic')}`) : PASS;
  },

  priceViolation: (f: ScreeningFacts): Verdict => (f.priceViolation ? fail(`基本医疗服务未执行医药价格政策${because(f, 'priceViolation')}`) : PASS),

  unfulfilledPenalty: (f: ScreeningFacts): Verdict => (f.unfulfilledPenalty ? fail(`未依法履行行政处罚责任${because(f, 'unfulfilledPenalty')}`) : PASS),

  fraudApplication: (yearsKey: string) => (f: ScreeningFacts, c: RuleContext): Verdict => {
    const on = f.fraudApplicationFoundOn;
    const years = c.param(yearsKey);
    return on && withinYears(on, years, c.asOf)
      ? fail(`以弄虚作假等不正当手段申请定点，自发现之日（${on}）起未满${years}年${because(f, 'fraudApplicationFoundOn')}`)
      : PASS;
  },

  terminatedIllegal: (yearsKey: string) => (f: ScreeningFacts, c: RuleContext): Verdict => {
    const years = c.param(yearsKey);
    const hit = f.terminations.find(
      (t) => t.cause === 'illegal' && (withinYears(t.date, years, c.asOf) || !t.penaltiesFulfilled),
    );
    if (!hit) return PASS;
    return withinYears(hit.date, years, c.asOf)
      ? fail(`因违法违规被解除医保协议（${hit.date}）未满${years}年`)
      : fail(`因违法违规被解除医保协议已满${years}年但未完全履行行政处罚法律责任`);
  },

  terminatedSeriousBreach: (yearsKey: string) => (f: ScreeningFacts, c: RuleContext): Verdict => {
    const years = c.param(yearsKey);
    const hit = f.terminations.find(
      (t) => t.cause === 'serious_breach' && (withinYears(t.date, years, c.asOf) || !t.penaltiesFulfilled),
    );
    if (!hit) return PASS;
    return withinYears(hit.date, years, c.asOf)
      ? fail(`因严重违反医保协议约定被解除协议（${hit.date}）未满${years}年`)
      : fail(`因严重违反医保协议约定被解除协议已满${years}年但未完全履行违约责任`);
  },

  /** any termination, whatever the cause (自治区 2025 草案 三(三)) */
  terminatedAny: (yearsKey: string) => (f: ScreeningFacts, c: RuleContext): Verdict => {
    const years = c.param(yearsKey);
    const hit = f.terminations.find((t) => withinYears(t.date, years, c.asOf));
    if (hit) return fail(`被解除医保协议（${hit.date}）后${years}年内不得再次申请`);
    const unpaid = f.terminations.find((t) => t.cause === 'serious_breach' && !t.penaltiesFulfilled);
    return unpaid ? fail('因严重违反医保协议约定被解除协议，未完全履行违约责任') : PASS;
  },

  personPriorTermination: (yearsKey: string) => (f: ScreeningFacts, c: RuleContext): Verdict => {
    const years = c.param(yearsKey);
    const hits = f.persons.filter((p) => p.priorTerminations.some((t) => t.serious && withinYears(t.date, years, c.asOf)));
    return hits.length
      ? fail(
          `${hits.map((p) => personRoleLabel[p.role] + (p.name ? `（${p.name}）` : '')).join('、')}曾因严重违法违规导致原定点机构被解除医保协议，未满${years}年`,
        )
      : PASS;
  },

  personDishonest: (f: ScreeningFacts): Verdict => {
    const hits = f.persons.filter((p) => p.dishonest);
    return hits.length
      ? fail(`${hits.map((p) => personRoleLabel[p.role] + (p.name ? `（${p.name}）` : '')).join('、')}被列入失信人名单`)
      : PASS;
  },

  /** 整改 n 个月后可再次组织评估 */
  retryAfterFailure: (monthsKey: string) => (f: ScreeningFacts, c: RuleContext): Verdict => {
    const last = f.lastEvaluationFailures.at(-1);
    const months = c.param(monthsKey);
    return f.lastEvaluationFailures.length === 1 && last && withinMonths(last, months, c.asOf)
      ? fail(`评估不合格（结果告知送达 ${last}），整改${months}个月后方可再次评估`)
      : PASS;
  },

  /** 评估仍不合格的，n 年内不得再次申请 */
  banAfterSecondFailure: (yearsKey: string) => (f: ScreeningFacts, c: RuleContext): Verdict => {
    const last = f.lastEvaluationFailures.at(-1);
    const years = c.param(yearsKey);
    return f.lastEvaluationFailures.length >= 2 && last && withinYears(last, years, c.asOf)
      ? fail(`整改后再次评估仍不合格（${last}），${years}年内不得再次申请`)
      : PASS;
  },
};
