/**
 * Which 协议范本 applies to an agreement, and why (自治区医保局〔2025〕征求意见稿（草案） 一(三):
 * 全区统一协议范本). The template in force for the agreement's term is the newest version
 * registered for the year the term starts, for the province's profile and the institution's kind.
 * When that year has none, the newest earlier year's is used WITH a warning (the officer sees it and
 * it is stored with the agreement); a template chosen explicitly for another year gets the same
 * warning. Pure: the caller passes the registered templates.
 */

export interface TemplateCandidate {
  id: string;
  code: string;
  version: number;
  year: number;
  profileId: string;
  institutionKind: string;
  title: string;
}

export interface TemplateChoice {
  templateId: string;
  code: string;
  version: number;
  year: number;
  termYear: number;
  /** why this template, in one sentence */
  reason: string;
  /** set when the template is not the one registered for the term's year */
  warning: string | null;
}

export type ChooseResult =
  | { ok: true; choice: TemplateChoice }
  | { ok: false; field: 'templateId'; message: string };

export const TEMPLATE_CHOICE_CITATION = '自治区医保局〔2025〕征求意见稿（草案） 一(三)';

const label = (t: TemplateCandidate) => `「${t.title}」（${t.code} 第${t.version}版，${t.year}年度）`;

const newest = (xs: TemplateCandidate[]) =>
  [...xs].sort((a, b) => b.year - a.year || b.version - a.version)[0];

export function chooseTemplate(
  candidates: readonly TemplateCandidate[],
  want: { profileId: string; institutionKind: string; termYear: number; explicitId?: string },
): ChooseResult {
  const fits = candidates.filter((t) => t.profileId === want.profileId && t.institutionKind === want.institutionKind);
  const pick = (t: TemplateCandidate, reason: string, warning: string | null): ChooseResult =>
    ({ ok: true, choice: { templateId: t.id, code: t.code, version: t.version, year: t.year, termYear: want.termYear, reason, warning } });
  if (want.explicitId) {
    const t = candidates.find((c) => c.id === want.explicitId);
    if (!t) return { ok: false, field: 'templateId', message: '协议范本不存在' };
    if (!fits.includes(t)) return { ok: false, field: 'templateId', message: '所选协议范本与申请的地区或机构类别不符' };
    if (t.year === want.termYear) return pick(t, `按经办人员指定，选用${label(t)}，与协议期限起始年度一致`, null);
    return pick(t, `按经办人员指定，选用${label(t)}`,
      `所选范本为${t.year}年度，协议期限起始于${want.termYear}年：请核对该范本是否仍然适用${newestOf(fits, want.termYear)}`);
  }
  const same = newest(fits.filter((t) => t.year === want.termYear));
  if (same) return pick(same, `协议期限起始于${want.termYear}年，适用该年度登记的最新范本${label(same)}`, null);
  const earlier = newest(fits.filter((t) => t.year < want.termYear));
  if (earlier) {
    return pick(earlier, `尚未登记${want.termYear}年度的范本，沿用此前最近年度的最新范本${label(earlier)}`,
      `尚未登记${want.termYear}年度适用于本机构类别的协议范本，暂用${earlier.year}年度范本；请核对是否仍然适用，或先登记${want.termYear}年度范本后重新生成`);
  }
  return { ok: false, field: 'templateId', message: `尚未登记${want.termYear}年度及以前年度适用于本机构类别的协议范本，请先登记协议范本` };
}

function newestOf(fits: TemplateCandidate[], year: number): string {
  const same = newest(fits.filter((t) => t.year === year));
  return same ? `（${year}年度已登记${label(same)}）` : `（尚未登记${year}年度范本）`;
}
