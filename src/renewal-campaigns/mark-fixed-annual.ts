/**
 * The officer marks a renewal 固定协议 + 年度协议 (decision 0045): allowed only where a text provides it and
 * the institution qualifies on the screening's assessment fact (src/domain/renewal-campaign/fixed-annual.ts:
 * 云医保〔2022〕6号 第二十九条, 京医保发〔2021〕30号 第四十一条第二款) — 无数据 is refused with why. Unmarking is always
 * allowed until the agreement is generated. Version-checked (409), audited.
 */
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import { scopeOf } from '../domain/identity/territory';
import type { SessionUser } from '../domain/identity/roles';
import { fixedAnnualEligibility } from '../domain/renewal-campaign/fixed-annual';
import { appendAudit } from '../db/audit-repo';
import { findItem } from '../db/renewal-campaign-repo';
import { renewalFactsOf } from '../db/renewal-facts-repo';
import { setFixedAnnual } from '../db/renewal-sign-repo';

export async function markFixedAnnual(ctx: AppContext, user: SessionUser, itemId: string, fixedAnnual: boolean, version: number) {
  const r = await findItem(ctx.db, itemId, scopeOf(user));
  if (!r) throw new AppError('NOT_FOUND', '续签核定事项不存在');
  if (r.campaignState !== 'open') throw new AppError('CONFLICT', '续签工作已结束');
  if (r.item.renewalAgreementId) throw new AppError('CONFLICT', '续签协议已生成，不能再改变协议方式');
  if (r.item.version !== version) throw new AppError('STALE_VERSION', '该事项已被他人修改，请刷新后重试');
  let because: string | null = null;
  let citation: string | null = null;
  if (fixedAnnual) {
    if (r.item.proposed !== 'renew' && r.item.decided !== 'renew') throw new AppError('CONFLICT', '只有续签的事项可以采取固定协议和年度协议相结合的方式');
    const facts = (await renewalFactsOf(ctx.db, [r.item.agreementId])).get(r.item.agreementId);
    const e = fixedAnnualEligibility(r.profileId, facts?.assessment ?? { noData: '无该协议的筛查事实' }, Number(String(r.item.termTo).slice(0, 4)));
    if (!e.eligible) {
      throw new AppError('RULE_REFUSED', `不能采取固定协议和年度协议相结合的方式：${e.because}`, {
        reasons: [{ ruleId: 'renewal.fixed-annual', citation: e.citation ?? '云医保〔2022〕6号 第二十九条；京医保发〔2021〕30号 第四十一条第二款', message: e.because }],
      });
    }
    because = e.because;
    citation = e.citation;
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    if (!(await setFixedAnnual(tx, itemId, fixedAnnual, version, now))) throw new AppError('STALE_VERSION', '该事项已被他人修改，请刷新后重试');
    await appendAudit(tx, now, {
      actor: user, action: 'renewal_item.fixed_annual', entityType: 'renewal_item', entityId: itemId, regionCode: r.item.regionCode,
      before: { fixedAnnual: r.item.fixedAnnual, version }, after: { fixedAnnual, version: version + 1, because, citation },
    });
  });
  return { id: itemId, fixedAnnual, version: version + 1, because, citation };
}
