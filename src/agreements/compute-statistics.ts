/**
 * Pipeline statistics inside the user's territory: applications by state, overdue deadlines by
 * kind, and the online-signing rate — agreements signed by both parties where every signature was
 * made online, over all agreements signed by both parties (paper signatures recorded as offline).
 * The rate is measured everywhere; a target is shown only where the user's own profile sets one
 * (自治区医保局〔2025〕征求意见稿 一(四): 协议网签率达到90%以上) — it is not Yunnan's, Beijing's or
 * Jilin's law (issue #8).
 */
import { chinaDate } from '../domain/clock/clock';
import { formatCitation } from '../domain/policy/citation';
import { paramDetail } from '../domain/policy/resolve';
import { stateLabel, type State } from '../domain/designation/states';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { pipelineStatistics } from '../db/agreement-repo';
import { provinceProfileOf } from '../db/region-repo';
import type { AppContext } from '../context';

const TARGET_KEY = 'online.signing.minRatio';

export async function computeStatistics(ctx: AppContext, user: SessionUser) {
  const today = chinaDate(ctx.clock.now());
  const s = await pipelineStatistics(ctx.db, scopeOf(user), today);
  const profileId = user.orgRegionCode ? await provinceProfileOf(ctx.db, user.orgRegionCode) : null;
  const target = profileId ? paramDetail(profileId, TARGET_KEY, today) : undefined;
  const rate = s.signed === 0 ? null : s.onlineSigned / s.signed;
  return {
    asOf: today,
    byState: s.byState.map((r) => ({ state: r.state, label: stateLabel[r.state as State] ?? r.state, count: Number(r.n) })),
    overdue: { total: s.overdue.reduce((a, r) => a + Number(r.n), 0), byDeadline: s.overdue.map((r) => ({ deadline: r.deadline, count: Number(r.n) })) },
    onlineSigning: {
      signed: s.signed, online: s.onlineSigned, offline: s.signed - s.onlineSigned, rate,
      target: target?.value ?? null, citation: target ? formatCitation(target.cite) : null,
      meetsTarget: rate === null || !target ? null : rate >= target.value,
    },
  };
}
