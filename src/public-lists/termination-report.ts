/**
 * The quarterly report of terminations and suspensions (吉医保规〔2023〕1号 第三十一条 「医保经办机构应将
 * 解除医保服务协议情况，定期向同级医疗保障行政部门报告」; 京医保发〔2021〕30号 第四十九条 「中止和解除医保协议
 * 等处理时，要及时报告同级医疗保障行政部门」; decision 0034): what the agency reports and the administrative
 * department downloads, in the user's territory, each row with its situation, the situation's
 * citation under the region's profile, the decision number and the region.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { regionFilterPrefix } from '../db/institution-repo';
import { provinceProfiles, suspensionsInPeriod, terminationsInPeriod } from '../db/termination-report-repo';
import { workflowProfileFor } from '../designation/build-context';
import { suspensionLabel, situationCitation, terminationLabel } from './situation-label';

export interface ReportQuery {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  region?: string;
}

export interface ReportRow {
  kind: 'termination' | 'suspension';
  kindLabel: string;
  institutionName: string;
  ybCode: string | null;
  regionCode: string;
  regionName: string | null;
  on: string;
  situationLabel: string;
  citation: string;
  decisionNo: string | null;
  /** suspensions: 中止至 (the latest day), 恢复/终止 on; terminations: penalties fulfilled on */
  note: string;
}

export function quarterRange(year: number, quarter: number): { from: string; to: string } {
  const m = (quarter - 1) * 3 + 1;
  const last = new Date(Date.UTC(year, m + 2, 0)).getUTCDate();
  const mm = (x: number) => String(x).padStart(2, '0');
  return { from: `${year}-${mm(m)}-01`, to: `${year}-${mm(m + 2)}-${mm(last)}` };
}

/** The narrower of the user's territory and the region filter; null when they do not overlap. */
function regionPrefix(user: SessionUser, region: string | undefined): string | null | undefined {
  const scope = scopeOf(user);
  const filter = region ? regionFilterPrefix(region) : undefined;
  if (scope.kind !== 'region' || !filter) return filter;
  if (filter.startsWith(scope.prefix)) return filter;
  return scope.prefix.startsWith(filter) ? undefined : null;
}

export async function terminationReport(ctx: AppContext, user: SessionUser, q: ReportQuery) {
  const period = quarterRange(q.year, q.quarter);
  const prefix = regionPrefix(user, q.region);
  const scope = scopeOf(user);
  const empty = { ...period, year: q.year, quarter: q.quarter, terminations: 0, suspensions: 0, items: [] as ReportRow[] };
  if (prefix === null) return empty;
  const p = { ...period, ...(prefix ? { regionPrefix: prefix } : {}) };
  const [terms, susps] = await Promise.all([terminationsInPeriod(ctx.db, scope, p), suspensionsInPeriod(ctx.db, scope, p)]);
  const profiles = await provinceProfiles(ctx.db, [...terms, ...susps].map((r) => r.regionCode));
  // each row cites under its own region's profile: a Jilin row never shows a Beijing article
  const layers = (regionCode: string) => workflowProfileFor(profiles.get(regionCode.slice(0, 2)) ?? 'national');
  const items: ReportRow[] = [
    ...terms.map((t): ReportRow => ({
      kind: 'termination', kindLabel: '解除协议', institutionName: t.institutionName, ybCode: t.ybCode, regionCode: t.regionCode, regionName: t.regionName,
      on: t.on, situationLabel: terminationLabel(t), citation: situationCitation(layers(t.regionCode), 'termination', t.situation), decisionNo: t.decisionNo,
      note: t.penaltiesFulfilledOn ? `违约责任、行政处罚于${t.penaltiesFulfilledOn}履行完毕` : '',
    })),
    ...susps.map((s): ReportRow => ({
      kind: 'suspension', kindLabel: '中止协议', institutionName: s.institutionName, ybCode: s.ybCode, regionCode: s.regionCode, regionName: s.regionName,
      on: s.on, situationLabel: suspensionLabel(s), citation: s.mode === 'requested' ? '' : situationCitation(layers(s.regionCode), 'suspension', s.situation),
      decisionNo: s.decisionNo,
      note: s.resumedOn ? `${s.resumedOn}恢复履行` : s.endedOn ? `${s.endedOn}随协议终止` : `中止至迟至${s.maxUntil}`,
    })),
  ].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.kind.localeCompare(b.kind, 'en') || a.institutionName.localeCompare(b.institutionName, 'zh')));
  return { ...empty, terminations: terms.length, suspensions: susps.length, items };
}

const COLUMNS: { key: keyof ReportRow; header: string; width: number }[] = [
  { key: 'kindLabel', header: '处理', width: 10 },
  { key: 'on', header: '日期', width: 12 },
  { key: 'institutionName', header: '机构名称', width: 34 },
  { key: 'ybCode', header: '医保编码', width: 16 },
  { key: 'regionName', header: '所在地区', width: 14 },
  { key: 'regionCode', header: '区划代码', width: 10 },
  { key: 'situationLabel', header: '情形', width: 50 },
  { key: 'citation', header: '依据', width: 40 },
  { key: 'decisionNo', header: '文书编号', width: 24 },
  { key: 'note', header: '备注', width: 28 },
];

export async function terminationReportWorkbook(ctx: AppContext, user: SessionUser, q: ReportQuery) {
  const report = await terminationReport(ctx, user, q);
  const stream = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  book.creator = 'dingdian';
  const sheet = book.addWorksheet(`${q.year}年第${q.quarter}季度`);
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  const write = async () => {
    for (const r of report.items) sheet.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, r[c.key] ?? '']))).commit();
    sheet.addRow({ kindLabel: '合计', institutionName: `解除${report.terminations}家次，中止${report.suspensions}家次（${report.from}至${report.to}）` }).commit();
    sheet.commit();
    await book.commit();
  };
  write().catch((e: unknown) => stream.destroy(e instanceof Error ? e : new Error(String(e))));
  return { stream, fileName: `协议解除及中止情况季度报告-${q.year}年第${q.quarter}季度.xlsx` };
}
