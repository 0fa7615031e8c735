/**
 * 评估会议纪要: what the professional evaluation went through, in the order of 云医保〔2022〕6号
 * 第十四条(一) — the panel, the policy study (1), the 承办部门's report (2), the on-site inspection
 * item by item (第十三条), and the result (3). A part is written only when it was recorded (北京 and
 * 吉林 keep no study or report, a third-party evaluation has no panel); each part cites its article.
 */
import { AppError } from '../domain/errors';
import { uniqueCitations, type DocSection, type DocumentModel } from './model';
import { applicationRef, issuerBlock, requireText, type Agency, type Institution } from './parties';
import { chineseNumeral, formatChinaDate } from './text-format';

export interface MinutesChecklistLine {
  /** the item's label, e.g. '医药机构试运营情况' */
  item: string;
  finding: string;
  conforming: boolean;
}

export interface EvaluationMinutesInput {
  number: string;
  date: string;
  agency: Agency;
  institution: Institution;
  applicationNo?: string;
  /** the panel's members (name, specialty label); absent for a third-party evaluation */
  panel?: { name: string; specialty: string }[];
  /** 第十四条(一)1–2: 组织学习政策规定和纪律要求, 承办部门汇报 */
  briefing?: {
    on: string;
    study: { attendees: string[]; content: string };
    report: { reporter: string; basics: string; materialReview: string; violationReview: string; inspection: string; keyPoints?: string };
    /** e.g. '云医保〔2022〕6号 第十四条(一)1；云医保〔2022〕6号 第十四条(一)2' */
    citation: string;
  };
  /** 第十三条: who inspected (names), the summary, and the checklist lines where the profile has one */
  inspection?: { on: string; by: string[]; findings: string; checklist?: MinutesChecklistLine[]; citation: string };
  result: 'pass' | 'fail';
  concludedOn: string;
  score?: { total: number; max: number };
  /** why (for 不合格: every reason) */
  reasons: string[];
  /** the article that sets how the result is formed, e.g. '云医保〔2022〕6号 第十四条(三)' */
  resultCitation: string;
}

const REPORT_ITEMS = [
  ['basics', '申报定点的基本情况'],
  ['materialReview', '材料审核情况'],
  ['violationReview', '违规审查情况'],
  ['inspection', '现场核查情况'],
] as const;

export function buildEvaluationMinutes(input: EvaluationMinutesInput): DocumentModel {
  const institution = requireText(input.institution.name, 'institution.name', '申请单位名称');
  const resultCitation = requireText(input.resultCitation, 'resultCitation', '评估结果依据');
  const parts: { title: string; section: Omit<DocSection, 'heading'>; citation?: string }[] = [];

  if (input.panel && input.panel.length > 0) {
    parts.push({
      title: '评估小组',
      section: { paragraphs: [], list: { ordered: false, items: input.panel.map((m) => `${m.name}（${m.specialty}）`) } },
    });
  }
  if (input.briefing) parts.push(...briefingParts(input.briefing));
  if (input.inspection) parts.push(inspectionPart(input.inspection));
  parts.push(resultPart(input, resultCitation));

  const intro =
    `${formatChinaDate(input.concludedOn)}，对${institution}的医疗保障定点申请${applicationRef(input.applicationNo)}` +
    `进行专业评估。现将评估情况纪要如下：`;
  const sections: DocSection[] = [
    { paragraphs: [intro] },
    ...parts.map((p, i) => ({
      heading: `${chineseNumeral(i + 1)}、${p.title}`,
      ...p.section,
      ...(p.citation ? { note: `本项依据${p.citation}` } : {}),
    })),
  ];

  return {
    kind: 'evaluation_minutes',
    number: requireText(input.number, 'number', '文书编号'),
    title: '医疗保障定点评估会议纪要',
    issuer: input.agency.name,
    date: input.date,
    sections,
    // a citation may list several articles ('…第十四条(一)1；…第十四条(一)2'): one entry each
    citations: uniqueCitations([...parts.flatMap((p) => p.citation?.split('；') ?? [])]),
    signatures: [issuerBlock(input.agency, input.date)],
    warnings: [],
    meta: { result: input.result, ...(input.applicationNo ? { applicationNo: input.applicationNo } : {}) },
  };
}

/** 第十四条(一)1 the study, (一)2 the report: two parts under the same citation. */
function briefingParts(b: NonNullable<EvaluationMinutesInput['briefing']>) {
  const citation = requireText(b.citation, 'briefing.citation', '政策学习和汇报依据');
  const attendees = b.study.attendees.map((a) => a.trim()).filter(Boolean);
  if (attendees.length === 0) throw new AppError('INVALID_INPUT', '参加学习人员不能为空', { field: 'briefing.study.attendees' });
  const content = requireText(b.study.content, 'briefing.study.content', '学习内容');
  const reporter = requireText(b.report.reporter, 'briefing.report.reporter', '汇报人');
  const rows = REPORT_ITEMS.map(([key, label]) => [label, requireText(b.report[key], `briefing.report.${key}`, label)]);
  rows.push(['需要重点说明的情况', b.report.keyPoints?.trim() || '无']);
  return [
    {
      title: '政策学习',
      section: { paragraphs: [`${formatChinaDate(b.on)}，组织学习${content}。`, `参加学习人员：${attendees.join('、')}。`] },
      citation,
    },
    {
      title: '承办部门汇报',
      section: { paragraphs: [`汇报人：${reporter}。`], table: { columns: ['汇报事项', '汇报情况'], rows, widths: [2, 5] } },
      citation,
    },
  ];
}

/** 第十三条: inspectors, the checklist as a table (item, finding, conforming), the summary. */
function inspectionPart(i: NonNullable<EvaluationMinutesInput['inspection']>) {
  const citation = requireText(i.citation, 'inspection.citation', '现场核查依据');
  const by = i.by.map((b) => b.trim()).filter(Boolean);
  if (by.length === 0) throw new AppError('INVALID_INPUT', '核查人员不能为空', { field: 'inspection.by' });
  const findings = requireText(i.findings, 'inspection.findings', '核查情况');
  const lines = (i.checklist ?? []).map((l, n) => [
    String(n + 1),
    requireText(l.item, `inspection.checklist.${n}.item`, `第${n + 1}项核查内容`),
    requireText(l.finding, `inspection.checklist.${n}.finding`, `第${n + 1}项核查发现`),
    l.conforming ? '符合' : '不符合',
  ]);
  return {
    title: '现场核查情况',
    section: {
      paragraphs: [`${formatChinaDate(i.on)}，由${by.join('、')}进行现场核查。`, `核查情况：${findings}`],
      ...(lines.length > 0 ? { table: { columns: ['序号', '核查内容', '核查发现', '是否符合'], rows: lines, widths: [1, 3, 6, 2] } } : {}),
    },
    citation,
  };
}

function resultPart(input: EvaluationMinutesInput, citation: string) {
  const pass = input.result === 'pass';
  const reasons = input.reasons.map((r) => r.trim()).filter(Boolean);
  if (!pass && reasons.length === 0) throw new AppError('INVALID_INPUT', '评估不合格的，纪要应记录其理由', { field: 'reasons' });
  const score = input.score ? `，评估得分${input.score.total}分（满分${input.score.max}分）` : '';
  return {
    title: '评估结果',
    section: {
      paragraphs: [`经专业评估${score}，评估结果为：${pass ? '合格' : '不合格'}。`],
      ...(reasons.length > 0 ? { list: { ordered: true, items: reasons } } : {}),
    },
    citation,
  };
}
