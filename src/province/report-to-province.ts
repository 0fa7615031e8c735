/**
 * 云人社发〔2016〕308号 一(四): 各统筹地按照统一程序办理（定点）并将相关信息及时报省级管理经办机构.
 * The 统筹地区's (prefecture-level) agency sends the list of institutions newly designated in a
 * period — generated from its applications filed or activated in that period — and the list is
 * kept as sent; the province's agency (and the departments) read the reports of its prefectures.
 */
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { chinaDate } from '../domain/clock/clock';
import { scopeOf } from '../domain/identity/territory';
import { appendAudit } from '../db/audit-repo';
import { findReport, insertReport, listReports, newlyDesignated, provincesFor } from '../db/province-repo';
import type { AppContext } from '../context';
import { citationLabel, REPORT_RULE_ID, requireRule } from './policy';

const CITE = '云人社发〔2016〕308号 一(四)';

export async function sendProvinceReport(ctx: AppContext, user: SessionUser, input: { from: string; to: string }) {
  if (user.orgKind !== 'agency' || user.orgLevel !== 'prefecture' || !user.orgRegionCode) {
    throw new AppError('FORBIDDEN', '新增定点医疗机构信息由统筹地区（州、市）经办机构报省级经办机构');
  }
  const today = chinaDate(ctx.clock.now());
  if (input.from > input.to) throw new AppError('INVALID_INPUT', '统计期间的起始日期不能晚于截止日期', { field: 'body.from' });
  if (input.to > today) throw new AppError('INVALID_INPUT', '统计期间的截止日期不能晚于今天', { field: 'body.to' });
  const [prov] = await provincesFor(ctx.db, user.orgRegionCode);
  const rule = requireRule(prov?.profileId ?? null, REPORT_RULE_ID, today, '定点信息报省级经办机构', CITE);
  const prefix = user.orgRegionCode.slice(0, 4);
  const items = await newlyDesignated(ctx.db, prefix, input.from, input.to);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await insertReport(tx, {
      regionCode: user.orgRegionCode!, agencyOrgId: user.orgId, periodFrom: input.from, periodTo: input.to, items, submittedBy: user.id, submittedAt: now,
    });
    await appendAudit(tx, now, {
      actor: user, action: 'province_report.send', entityType: 'province_report', entityId: row.id, regionCode: row.regionCode,
      after: { period: [input.from, input.to], count: items.length, applicationIds: items.map((i) => i.applicationId), cite: citationLabel(rule) },
    });
    return { id: row.id, regionCode: row.regionCode, periodFrom: row.periodFrom, periodTo: row.periodTo, count: items.length, citation: citationLabel(rule) };
  });
}

export const listProvinceReports = (ctx: AppContext, user: SessionUser, q: { page: number; pageSize: number }) =>
  listReports(ctx.db, scopeOf(user), q);

export async function getProvinceReport(ctx: AppContext, user: SessionUser, id: string) {
  const r = await findReport(ctx.db, scopeOf(user), id);
  if (!r) throw new AppError('NOT_FOUND', '报送记录不存在');
  return { ...r, citation: CITE };
}
