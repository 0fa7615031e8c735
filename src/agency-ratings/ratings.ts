/**
 * 评价建议 (云医保〔2022〕6号 第二十三条; decision 0035): the institution rates the agency's performance of the
 * agreement (score 1–5 and text; online, or the agency records a 书面/电话/邮件 one on its behalf); the agency
 * answers (反馈) on the engine. Both audited; lists filtered and paged in SQL.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { chinaDate } from '../domain/clock/clock';
import { citesFor, formatCites } from '../domain/designation/cite';
import { workflowProfileOf } from '../domain/designation/profiles';
import { eventsFrom, type CaseContext } from '../domain/workflow/case-type';
import { RATING_CASE, RATING_CITES, ratingChannelLabel, ratingStateLabel, type RatingCase, type RatingChannel, type RatingEvent, type RatingState } from '../domain/agency-rating/rating-case';
import { appendAudit } from '../db/audit-repo';
import { provinceProfileOf } from '../db/region-repo';
import { findRating, insertRating, listRatings, saveRating, type RatingRow } from '../db/rating-repo';
import { institutionScopeWhere } from '../db/territory';
import { institutions } from '../db/schema/index';
import { runCaseEvent, type CaseBinding } from '../workflow/run-case-event';
import { caseActorOf, isSystemActor } from '../workflow/actor';

const binding: CaseBinding<RatingState, RatingEvent, RatingCase, CaseContext> = {
  def: RATING_CASE, entityType: 'agency_rating', notFound: '评价建议不存在', stale: '评价建议已被他人处理，请刷新后重试',
  async load(db, id, actor) {
    const row = await findRating(db, id, isSystemActor(actor) ? null : scopeOf(actor));
    return row ? { id: row.id, data: row.data as RatingCase, version: row.version, regionCode: row.regionCode, institutionId: row.institutionId, issuer: null } : null;
  },
  async context(ctx, loaded, actor, today) {
    return { actor: caseActorOf(actor), today, layers: workflowProfileOf((await provinceProfileOf(ctx.db, loaded.regionCode)) ?? null) };
  },
  save: (tx, loaded, next, state, version, now) => saveRating(tx, loaded.id, next, state, loaded.version, version, now),
};

export async function submitRating(ctx: AppContext, user: SessionUser, input: { institutionId?: string | null; channel: RatingChannel; score: number; text: string }) {
  const byAgency = user.orgKind === 'agency';
  const institutionId = byAgency ? input.institutionId : user.institutionId;
  if (!institutionId) throw new AppError('INVALID_INPUT', '请选择定点医药机构', { field: 'institutionId' });
  if (byAgency && input.channel === 'online') throw new AppError('INVALID_INPUT', '经办机构代为登记的评价建议应为书面、电话或邮件', { field: 'channel' });
  if (!byAgency && input.channel !== 'online') throw new AppError('INVALID_INPUT', '医药机构在线提交的评价建议渠道应为网上', { field: 'channel' });
  const [inst] = await ctx.db.select({ id: institutions.id, regionCode: institutions.regionCode }).from(institutions)
    .where(and(eq(institutions.id, institutionId), institutionScopeWhere(scopeOf(user), { id: institutions.id, regionCode: institutions.regionCode })));
  if (!inst) throw new AppError('NOT_FOUND', '机构不存在');
  const now = ctx.clock.now();
  const id = randomUUID();
  const data: RatingCase = {
    id, institutionId: inst.id, regionCode: inst.regionCode, state: 'submitted', channel: input.channel, score: input.score, text: input.text.trim(),
    recordedByAgency: byAgency, submittedOn: chinaDate(now), answer: null, answeredOn: null,
  };
  await ctx.db.transaction(async (tx) => {
    await insertRating(tx, { id, institutionId: inst.id, regionCode: inst.regionCode, channel: input.channel, score: input.score, state: 'submitted', data, createdBy: user.id, createdAt: now, updatedAt: now });
    await appendAudit(tx, now, {
      actor: { id: user.id, orgId: user.orgId }, action: 'agency_rating.create', entityType: 'agency_rating', entityId: id, regionCode: inst.regionCode,
      before: null, after: { channel: input.channel, score: input.score, recordedByAgency: byAgency }, reason: null,
    });
  });
  return id;
}

export const answerRating = (ctx: AppContext, user: SessionUser, id: string, answer: string, version: number) =>
  runCaseEvent(ctx, binding, user, id, { type: 'answer' as const, answer } satisfies RatingEvent, version);

function view(row: RatingRow, user: SessionUser, citation: string, institutionName: string) {
  const c = row.data as RatingCase;
  return {
    id: row.id, institutionId: c.institutionId, institutionName, regionCode: c.regionCode, version: row.version, state: c.state, stateLabel: ratingStateLabel[c.state],
    channel: c.channel, channelLabel: ratingChannelLabel[c.channel], score: c.score, text: c.text, recordedByAgency: c.recordedByAgency,
    submittedOn: c.submittedOn, answer: c.answer, answeredOn: c.answeredOn, citation,
    allowedEvents: eventsFrom(RATING_CASE, c, caseActorOf(user)),
  };
}

export async function listRatingsFor(ctx: AppContext, user: SessionUser, f: { state?: string; channel?: string; page: number; pageSize: number }) {
  const { rows, total } = await listRatings(ctx.db, scopeOf(user), f);
  const citation = async (regionCode: string) => formatCites(citesFor(workflowProfileOf((await provinceProfileOf(ctx.db, regionCode)) ?? null), RATING_CITES));
  const items = [];
  for (const r of rows) items.push(view(r.row, user, await citation(r.row.regionCode), r.institutionName));
  return { items, total, page: f.page, pageSize: f.pageSize };
}
