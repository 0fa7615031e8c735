/**
 * What a policy maker and a clerk take away from a campaign as Excel (issue #11: "Exportable"; "the
 * signed/unsigned counts per region"): the what-if comparison — counts by outcome overall and per
 * region, side by side, every agreement whose outcome changes with the rules that made the difference,
 * the parameters and the rules of both sides — and the renewed agreements' signing figures per region.
 * Both are computed exactly as the page's answer (runWhatIf, renewalSigning), so the file and the
 * screen never disagree.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppContext } from '../context';
import { chinaDate } from '../domain/clock/clock';
import type { SessionUser } from '../domain/identity/roles';
import { OUTCOMES, outcomeLabel } from '../domain/renewal-campaign/item-case';
import { regionNamesOf } from '../db/region-repo';
import { runWhatIf } from './what-if';
import { renewalSigning } from './renewal-signing';

/** the most changed agreements a file lists (the counts cover all of them) */
export const WHAT_IF_EXPORT_CAP = 100_000;

const PROFILE_LABEL: Record<string, string> = {
  yunnan: '云南（云医保〔2022〕6号）', beijing: '北京（京医保发〔2021〕30号）', jilin: '吉林（吉医保规〔2023〕1号）',
  'zizhiqu-2025-draft': '自治区医保局〔2025〕征求意见稿', national: '国家（国家医疗保障局令第2号、第3号）',
};
const profileLabel = (id: string) => PROFILE_LABEL[id] ?? id;
const PARAM_LABEL: Record<string, string> = {
  settlementAbsentYears: '未发生医保结算的年数', settlementYear: '结算年度', suspensionMaxDays: '中止最长天数', coachingMonths: '政策辅导期（月）', disabled: '停用的规则',
};

function streamBook(fill: (book: ExcelJS.stream.xlsx.WorkbookWriter) => void) {
  const stream = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  book.creator = 'dingdian';
  const write = async () => {
    fill(book);
    await book.commit();
  };
  write().catch((e: unknown) => stream.destroy(e instanceof Error ? e : new Error(String(e))));
  return stream;
}

function sheetOf(book: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: { header: string; key: string; width: number }[], rows: Record<string, unknown>[]) {
  const sheet = book.addWorksheet(name);
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r).commit();
  sheet.commit();
}

export async function exportWhatIf(ctx: AppContext, user: SessionUser, campaignId: string, variant: { profileId?: string; params?: Record<string, unknown> }) {
  const r = await runWhatIf(ctx, user, campaignId, variant, WHAT_IF_EXPORT_CAP);
  const codes = [...new Set([...Object.keys(r.byRegion), ...r.changes.map((c) => c.regionCode)])];
  const names = await regionNamesOf(ctx.db, codes);
  const region = (code: string) => `${names.get(code) ?? ''}（${code}）`;
  const side = { baseline: `现行：${profileLabel(r.profiles.baseline)}`, variant: `模拟：${profileLabel(r.profiles.variant)}` };
  const stream = streamBook((book) => {
    sheetOf(book, '结果对比', [
      { header: '筛查结果', key: 'outcome', width: 14 }, { header: side.baseline, key: 'baseline', width: 36 },
      { header: side.variant, key: 'variant', width: 36 }, { header: '差额', key: 'diff', width: 10 },
    ], [
      ...OUTCOMES.map((o) => ({ outcome: outcomeLabel[o], baseline: r.counts.baseline[o], variant: r.counts.variant[o], diff: r.counts.variant[o] - r.counts.baseline[o] })),
      { outcome: '结果改变的协议', baseline: '', variant: r.changed, diff: '' },
    ]);
    sheetOf(book, '按统筹区', [
      { header: '统筹区', key: 'region', width: 24 },
      ...OUTCOMES.flatMap((o) => [
        { header: `${outcomeLabel[o]}（现行）`, key: `b_${o}`, width: 14 }, { header: `${outcomeLabel[o]}（模拟）`, key: `v_${o}`, width: 14 },
      ]),
    ], Object.entries(r.byRegion).sort(([a], [b]) => a.localeCompare(b)).map(([code, c]) => ({
      region: region(code), ...Object.fromEntries(OUTCOMES.flatMap((o) => [[`b_${o}`, c.baseline[o]], [`v_${o}`, c.variant[o]]])),
    })));
    sheetOf(book, '结果改变的机构', [
      { header: '机构名称', key: 'name', width: 32 }, { header: '统筹区', key: 'region', width: 24 }, { header: '现行结果', key: 'from', width: 12 },
      { header: '模拟结果', key: 'to', width: 12 }, { header: '造成差异的规则及依据', key: 'because', width: 100 },
    ], r.changes.map((c) => ({
      name: c.institutionName, region: region(c.regionCode), from: outcomeLabel[c.from], to: outcomeLabel[c.to],
      because: c.because.map((b) => `【${b.in === 'baseline' ? '现行' : '模拟'}】${b.label}：${b.message}（${b.citation}）`).join('；'),
    })));
    sheetOf(book, '参数', [{ header: '参数', key: 'name', width: 24 }, { header: '现行', key: 'baseline', width: 30 }, { header: '模拟', key: 'variant', width: 30 }],
      Object.keys(PARAM_LABEL).filter((k) => k in r.params.baseline || k in r.params.variant).map((k) => {
        const v = (x: Record<string, unknown>) => (Array.isArray(x[k]) ? (x[k] as string[]).join('、') || '无' : String(x[k] ?? ''));
        return { name: PARAM_LABEL[k], baseline: v(r.params.baseline), variant: v(r.params.variant) };
      }));
    sheetOf(book, '规则', [
      { header: '配置', key: 'side', width: 12 }, { header: '规则', key: 'label', width: 30 }, { header: '结果', key: 'effect', width: 12 }, { header: '依据', key: 'citation', width: 60 },
    ], (['baseline', 'variant'] as const).flatMap((s) => r.rules[s].map((x) => ({
      side: s === 'baseline' ? '现行' : '模拟', label: x.label, effect: (outcomeLabel as Record<string, string>)[x.effect] ?? x.effect, citation: x.citation,
    }))));
  });
  return { stream, fileName: `续签政策模拟-${chinaDate(ctx.clock.now())}.xlsx`, changed: r.changed };
}

export async function exportSigning(ctx: AppContext, user: SessionUser, campaignId: string) {
  const s = await renewalSigning(ctx, user, campaignId);
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  const row = (name: string, c: typeof s.overall) => ({
    region: name, toSign: c.toSign, institutionSigned: c.institutionSigned, awaitingInstitution: c.awaitingInstitution, signed: c.signed,
    unsigned: c.toSign - c.signed, online: c.online, offline: c.offline, rate: pct(c.rate),
  });
  const stream = streamBook((book) => {
    sheetOf(book, '续签协议签订情况', [
      { header: '统筹区', key: 'region', width: 24 }, { header: '应签', key: 'toSign', width: 10 }, { header: '机构已签署', key: 'institutionSigned', width: 12 },
      { header: '待机构签署', key: 'awaitingInstitution', width: 12 }, { header: '双方已签订', key: 'signed', width: 12 }, { header: '未签订', key: 'unsigned', width: 10 },
      { header: '线上签订', key: 'online', width: 10 }, { header: '线下签订', key: 'offline', width: 10 },
      { header: s.target ? `网签率（目标 ${pct(s.target.ratio)}，${s.target.citation}）` : '网签率', key: 'rate', width: s.target ? 48 : 12 },
    ], [...s.regions.map((r) => row(`${r.regionName}（${r.regionCode}）`, r)), row('合计', s.overall)]);
  });
  return { stream, fileName: `续签协议签订情况-${chinaDate(ctx.clock.now())}.xlsx` };
}
